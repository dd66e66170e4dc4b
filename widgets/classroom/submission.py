"""Submission files: build them, name them, and read a folder of them without trusting any.

A submission is what a student hands in: their saved work for one case, with their name, the kit version and a
timestamp (format "fprl-submission", version 1, schema in widgets/core/schemas/submission.schema.json). The class report
reads a folder of them, as an instructor collects them from a learning management system or a shared folder. Every
file there may be broken, foreign or a duplicate, so `read_folder` sorts each into accepted, rejected (with a
plain-English reason), superseded or ignored. It only ever reads: the folder is left byte for byte as it was.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from widgets.classroom.checks import folder_flags, handin_flags
from widgets.core import fileio, schemas
from widgets.core.lesson.plans import DEFAULT_PATH
from widgets.core.schemas.wording import path_text
from widgets.core.storage import ANONYMOUS, INVISIBLE, normalise_name, readable_slug, student_slug
from widgets.core.text import plural


FORMAT = "fprl-submission"
VERSION = 1
SCHEMA_NAME = "submission"
SCHEMA_PATH = schemas.schema_path(SCHEMA_NAME)
SUBMISSIONS_FOLDER = "submissions"        # inside the work folder
# A class's real submissions are a few kilobytes; anything this big is not one (and could exhaust memory).
MAX_SUBMISSION_BYTES = 2_000_000
# File names the report accepts: what hand_in writes (ASCII letters, digits, dot, hyphen, underscore). Anything
# else (spaces, quotes, markup, non-ASCII) is listed as rejected with a suggested safe name, never read.
SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json")
FILE_TIMESTAMP = "%Y%m%dT%H%M%SZ"
# A hand-in dated later than this after the report runs is flagged, and never replaces another (clocks drift a
# little; a date in 2099 is a forgery or a broken clock).
FUTURE_TOLERANCE = timedelta(hours=1)


class SubmissionError(ValueError):
    """A file that cannot be used as a submission; the message is the reason, in plain English."""


@dataclass(frozen=True)
class Submission:
    """One accepted hand-in."""
    path: Path
    student: str
    case: str
    kit_version: str
    created: datetime
    exercises: dict = field(hash=False, compare=False)
    digest: str = ""                      # sha256 of the content, to spot the same hand-in saved twice
    name_as_written: str = ""             # the name in the file, before invisible characters were removed
    path_record: dict = field(default_factory=dict, hash=False, compare=False)  # "path" (absent: {}, the full path)
    work_folder: str = ""                 # the id of the work folder it was made in ("" in older hand-ins)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def lesson_path(self) -> str:
        """The path through the lessons the hand-in says the student followed (the full path when it does not
        say). (`path` is the file's.)"""
        return self.path_record.get("path", DEFAULT_PATH)

    @functools.cached_property
    def student_key(self) -> str:
        """Who handed it in, as the work folder names them: 'Ada' and ' ada ' are one student."""
        return student_slug(self.student)

    def answers(self, exercise: str) -> dict:
        """{item_id: value} for one exercise (empty when the student never opened it)."""
        return dict(self.exercises.get(exercise, {}).get("answers", {}))


@dataclass(frozen=True)
class Rejected:
    """A file left out of the report, and why."""
    name: str
    reason: str


@dataclass
class FolderContents:
    """What `read_folder` found. Every file in the folder appears in exactly one list."""
    folder: Path
    case_id: str | None
    accepted: list = field(default_factory=list)     # of Submission, one per student, sorted by student
    rejected: list = field(default_factory=list)     # of Rejected: unusable files
    superseded: list = field(default_factory=list)   # of Rejected: older or repeated hand-ins of a kept student
    ignored: list = field(default_factory=list)      # names of files that are not *.json (not read)
    # Not a sorting: files (counted or not) the instructor should look at, with the reason (a future date,
    # invisible characters in a name, several spellings of one student).
    flagged: list = field(default_factory=list)      # of Rejected
    case: object = None                              # the Case the files were checked against (None: not known)


def utc_timestamp(moment: datetime | None = None) -> datetime:
    """`moment` (default now) in UTC, to the second."""
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def build_submission(student: str, case_id: str, exercises: dict, kit_version: str,
                     created: datetime | None = None, path: dict | None = None, work_folder: str = "") -> dict:
    """The submission document for one student and case (`exercises` copied from the work file; `path`: the path
    record, widgets.lesson.path_record; `work_folder`: the work folder's id, widgets.core.storage.work_folder_id)."""
    document = {"format": FORMAT, "version": VERSION, "student": student, "case": case_id,
                "kit_version": kit_version, "created": utc_timestamp(created).isoformat()}
    if path is not None:
        document["path"] = path
    if work_folder:
        document["work_folder"] = work_folder
    document["exercises"] = exercises
    return document


def submission_file_name(student: str, case_id: str, created: datetime, attempt: int = 0) -> str:
    """<student-slug>__<case-id>__<UTC timestamp>-<random>.json.

    The random part (as nbgrader does) keeps two hand-ins made in the same second, by one student or by two,
    from ever sharing a name, so copying both into one folder keeps both. `attempt` is kept for callers of
    older kits and ignored.
    """
    stamp = utc_timestamp(created).strftime(FILE_TIMESTAMP)
    return f"{student_slug(student)}__{case_id}__{stamp}-{secrets.token_hex(4)}.json"


def schema_problem(data) -> str | None:
    """Why `data` is not a valid submission document, or None when it is. Never raises."""
    try:
        return _schema_problem(data)
    except Exception as error:  # noqa: BLE001 - e.g. RecursionError in a validator: the file is refused, not the report
        return f"could not be checked against the submission format ({type(error).__name__})"


def _schema_problem(data) -> str | None:
    if isinstance(data, dict) and data.get("format") == "fprl-work":
        return ("this is a work file (the student's autosave), not a hand-in; ask the student to press "
                "'Hand in' and send the file it writes")
    if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") != VERSION:
        return f"submission format version {data.get('version')!r} is not one this kit reads (it reads {VERSION})"
    errors = schemas.schema_errors(SCHEMA_NAME, data)
    if not errors:
        try:
            parse_time(data["created"])
        except ValueError as error:
            return f"'created' is not a valid time: {error}"
        return None
    path, message = schemas.reword(min(errors, key=lambda e: len(e.absolute_path)))[0]
    message = message if len(message) <= 160 else message[:157] + "..."
    return f"does not match the submission format at {path_text(path) or 'the top level'}: {message}"


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with a UTC offset ('Z' accepted), as an aware datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return moment


def suggested_name(name: str) -> str:
    """A safe file name for `name`, to tell the instructor what to rename it to."""
    stem = name[:-5] if name.lower().endswith(".json") else name
    return f"{readable_slug(stem)}.json"


def read_submission(path: Path) -> Submission:
    """Read and check one file, trusting nothing in it. Raises SubmissionError whose message says, in plain words,
    what is wrong.

    The file is opened without following symlinks and without blocking (FIFOs, devices and folders are refused),
    at most MAX_SUBMISSION_BYTES + 1 bytes are read, the text must be strict UTF-8, the JSON no deeper than
    widgets.core.fileio.MAX_JSON_DEPTH and free of broken characters (lone surrogates), and every field is type-checked
    by the schema before use.
    """
    path = Path(path)
    if not SAFE_FILE_NAME.fullmatch(path.name):
        raise SubmissionError(
            "the file name has characters the report does not accept (only letters A-Z, digits, '.', '-' and '_'); "
            f"rename a copy to {suggested_name(path.name)} and run the report again")
    try:
        text = fileio.read_untrusted(path, MAX_SUBMISSION_BYTES, "submission file")
    except FileNotFoundError:
        raise SubmissionError("it disappeared while the report was reading the folder") from None
    except fileio.UntrustedFileError as error:
        reason = str(error).removeprefix("it is ")
        if reason.startswith("too large: "):
            raise SubmissionError(f"{reason} (a real submission is a few kilobytes)") from None
        if "UTF-8" in reason:
            raise SubmissionError(f"not a text file in UTF-8 (is it a submission at all?): {error}") from None
        raise SubmissionError(str(error)) from None
    if not text.strip():
        raise SubmissionError("the file is empty")
    try:
        data = fileio.loads_untrusted(text)
    except json.JSONDecodeError as error:
        # The parser ran out of text (at the end, or inside a string that never closes): the file was cut short.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise SubmissionError("truncated: the JSON stops before it is complete "
                                  "(the upload or copy was cut short)") from None
        raise SubmissionError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except ValueError as error:
        raise SubmissionError(str(error)) from None
    problem = schema_problem(data)
    if problem:
        raise SubmissionError(problem)
    if not normalise_name(data["student"]):
        raise SubmissionError("the student name has no visible characters")
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Submission(path=path, student=normalise_name(data["student"]), case=data["case"],
                      kit_version=data["kit_version"], created=parse_time(data["created"]),
                      exercises=data["exercises"], digest=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                      name_as_written=data["student"], path_record=data.get("path", {}),
                      work_folder=data.get("work_folder", ""))


class SeveralCasesError(ValueError):
    """A folder holds hand-ins for more than one case and no case was chosen (the message lists them)."""

    def __init__(self, folder, counts: Counter):
        self.counts = counts
        listed = "; ".join(f"{case} ({plural(n, 'file')})" for case, n in sorted(counts.items()))
        super().__init__(
            f"The folder {folder} holds hand-ins for {len(counts)} cases: {listed}. The report covers one case at a "
            "time: choose it with --case (for example --case seeds/<case id>), or class_results(folder, case=...).")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def read_folder(folder, case_id: str | None = None, now: datetime | None = None, case=None,
                find_case=None) -> FolderContents:
    """Sort every file directly in `folder` into accepted / rejected / superseded / ignored. Never writes.

    Each file is read in isolation: whatever goes wrong with one file (any exception) becomes a rejection naming
    it, never a crash. `case_id`: the case being reported; submissions for another case are rejected. When None
    and the readable files name one case, that case is used; when they name several, SeveralCasesError lists them
    (how many files name a case never decides it). Of one student's hand-ins the latest is counted, but a file
    dated in the future (later than `now` plus FUTURE_TOLERANCE) never replaces another: it is listed, and flagged.
    Files that need the instructor's eye (a future date, invisible characters in the name, several files for one
    student under different spellings, and the rules of widgets.classroom.checks: impossible dates, invented
    questions, a path changed after a key view, duplicate or unknown ids, one name from two work folders, names
    that look alike) are also listed in `flagged`, with the reason. `case`: the Case, to check item ids;
    `find_case(case_id)`: where to find it once the files name the case (its result is kept as `contents.case`).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"No folder {folder} (give the folder that holds the students' .json files).")
    contents = FolderContents(folder=folder, case_id=case_id)
    readable = _read_every_file(folder, contents)
    counts = Counter(s.case for s in readable)
    if contents.case_id is None and len(counts) > 1:
        raise SeveralCasesError(folder, counts)
    if contents.case_id is None and counts:
        contents.case_id = next(iter(counts))
    if case is None and find_case is not None and contents.case_id is not None:
        case = find_case(contents.case_id)
    contents.case = case
    sorting = _Sorting(contents, utc_timestamp(now) + FUTURE_TOLERANCE)
    for submission in sorted(readable, key=lambda s: (s.created, s.name)):
        sorting.add(submission)
    for files in sorting.by_student.values():
        sorting.keep_one(files)
    sorting.check_rules(case)
    contents.flagged = [Rejected(name, "; ".join(reasons) + ".") for name, reasons in sorting.notes.items()]
    contents.accepted.sort(key=lambda s: (s.student_key, s.student))
    for listed in (contents.rejected, contents.superseded, contents.flagged):
        listed.sort(key=lambda r: r.name)
    return contents


def _read_every_file(folder: Path, contents: FolderContents) -> list:
    """The readable submissions directly in `folder`; other *.json files go to rejected, the rest to ignored."""
    readable = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        raise FileNotFoundError(f"The folder {folder} cannot be read: {error.strerror or error}.") from error
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            pass
        if not entry.name.lower().endswith(".json"):
            contents.ignored.append(entry.name)
            continue
        try:
            readable.append(read_submission(Path(entry.path)))
        except SubmissionError as error:
            contents.rejected.append(Rejected(entry.name, str(error)))
        except Exception as error:  # noqa: BLE001 - one file must never stop the report
            contents.rejected.append(Rejected(entry.name, f"could not be read ({type(error).__name__}: "
                                                          f"{str(error)[:200]})"))
    return readable


class _Sorting:
    """Sorts the readable submissions of one case by student, oldest first, noting what needs a look."""

    def __init__(self, contents: FolderContents, future_limit: datetime):
        self.contents, self.future_limit = contents, future_limit
        self.by_student: dict[str, list] = {}
        self.seen_digest: dict[str, Submission] = {}
        self.notes: dict[str, list] = {}

    def doubtful(self, submission) -> bool:
        """A file the kit could not have written: it never replaces another."""
        return submission.created > self.future_limit or bool(INVISIBLE.search(submission.name_as_written))

    def add(self, submission) -> None:
        contents = self.contents
        if submission.case != contents.case_id:
            contents.rejected.append(Rejected(
                submission.name, f"for another case ({submission.case!r}); this report is for {contents.case_id!r}"))
            return
        twin = self.seen_digest.get(submission.digest)
        if twin is not None:
            contents.superseded.append(Rejected(submission.name, f"identical to {twin.name} (the same hand-in twice)"))
            return
        self.seen_digest[submission.digest] = submission
        # Hand-ins without a name are nobody in particular: each is counted on its own (and flagged).
        anonymous = submission.student_key == student_slug(ANONYMOUS)
        self.by_student.setdefault(f"{ANONYMOUS}:{submission.name}" if anonymous else submission.student_key,
                                   []).append(submission)
        if INVISIBLE.search(submission.name_as_written):
            self.notes.setdefault(submission.name, []).append(
                f"the student name in it holds invisible characters (the kit never writes such a name); shown "
                f"without them as {submission.student!r}")
        if submission.created > self.future_limit:
            self.notes.setdefault(submission.name, []).append(
                f"dated in the future ({_when(submission.created)}); a future date never replaces a hand-in: "
                "check this file with the student")

    def check_rules(self, case) -> None:
        """Add the reasons of widgets.classroom.checks to every hand-in of the case (counted or not)."""
        of_case = [s for files in self.by_student.values() for s in files]
        for submission in of_case:
            document = {"student": submission.name_as_written, "created": submission.created.isoformat(),
                        "path": submission.path_record, "exercises": submission.exercises}
            for reason in handin_flags(document, case):
                self.notes.setdefault(submission.name, []).append(reason)
        for name, reasons in folder_flags(of_case).items():
            self.notes.setdefault(name, []).extend(reasons)

    def keep_one(self, files: list) -> None:
        """Count one file of a student: the latest plain hand-in, else the earliest doubtful one."""
        plain = [s for s in files if not self.doubtful(s)]
        kept = plain[-1] if plain else files[0]
        self.contents.accepted.append(kept)
        for submission in files:
            if submission is kept:
                if self.doubtful(submission):
                    self.notes[submission.name].append("it is counted, as the student's only file")
                continue
            if self.doubtful(submission):
                reason = (f"not counted: {self.notes[submission.name][0].split(';')[0]}; the report counts "
                          f"{kept.name} ({_when(kept.created)}) for {kept.student}")
            else:
                reason = (f"superseded by {kept.name}, a later hand-in by {kept.student} "
                          f"({_when(submission.created)} before {_when(kept.created)})")
            self.contents.superseded.append(Rejected(submission.name, reason))
        spellings = sorted({s.name_as_written for s in files})
        if len(spellings) > 1:
            listed = ", ".join(f"{s.name} ({s.name_as_written!r}, {_when(s.created)})" for s in files)
            for submission in files:
                self.notes.setdefault(submission.name, []).append(
                    f"{len(files)} files claim the same student under different spellings: {listed}; "
                    f"{kept.name} is counted. Check they are one student")
