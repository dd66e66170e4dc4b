"""Submission files: build them, name them, and read a folder of them without trusting any.

A submission is what a student hands in: their saved work for one case, with their name, the kit version and a
timestamp (format "fprl-submission", version 1, schema in widgets/schemas/submission.schema.json). The class report
reads a folder of them, as an instructor collects them from a learning management system or a shared folder. Every
file there may be broken, foreign or a duplicate, so `read_folder` sorts each into accepted, rejected (with a
plain-English reason), superseded or ignored. It only ever reads: the folder is left byte for byte as it was.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
import functools
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from widgets.loading import draft202012_validator
from widgets.storage import student_slug

FORMAT = "fprl-submission"
VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "submission.schema.json"
SUBMISSIONS_FOLDER = "submissions"        # inside the work folder
# A class's real submissions are a few kilobytes; anything this big is not one (and could exhaust memory).
MAX_SUBMISSION_BYTES = 2_000_000
# File names the report accepts: what hand_in writes (ASCII letters, digits, dot, hyphen, underscore). Anything
# else (spaces, quotes, markup, non-ASCII) is listed as rejected with a suggested safe name, never read.
SAFE_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json")
FILE_TIMESTAMP = "%Y%m%dT%H%M%SZ"

_SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def _validator():
    """jsonschema's validator, built on first need (a refused file): importing jsonschema costs ~0.3 s."""
    return draft202012_validator()(_SCHEMA)   # imported without the slow, unused IRI grammar


try:
    # Same schema, compiled to Python: about 100 times faster on a valid file (1,000 files in a few ms instead of
    # about a second); declared in pyproject.toml. jsonschema stays the judge: it words the
    # reason for a refused file, and a file it accepts is accepted.
    import fastjsonschema
    _FAST_CHECK = fastjsonschema.compile(_SCHEMA)
except Exception:  # noqa: BLE001 - missing or unable to compile: jsonschema alone is correct, only slower
    fastjsonschema = None
    _FAST_CHECK = None


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

    @property
    def name(self) -> str:
        return self.path.name

    @property
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


def utc_timestamp(moment: datetime | None = None) -> datetime:
    """`moment` (default now) in UTC, to the second."""
    moment = moment or datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0)


def build_submission(student: str, case_id: str, exercises: dict, kit_version: str,
                     created: datetime | None = None) -> dict:
    """The submission document for one student and case (`exercises` copied from the work file)."""
    return {"format": FORMAT, "version": VERSION, "student": student, "case": case_id,
            "kit_version": kit_version, "created": utc_timestamp(created).isoformat(),
            "exercises": exercises}


def submission_file_name(student: str, case_id: str, created: datetime, attempt: int = 0) -> str:
    """<student-slug>__<case-id>__<UTC timestamp>.json, with -<attempt> before .json for a second file that second."""
    stamp = utc_timestamp(created).strftime(FILE_TIMESTAMP)
    suffix = f"-{attempt}" if attempt else ""
    return f"{student_slug(student)}__{case_id}__{stamp}{suffix}.json"


def schema_problem(data) -> str | None:
    """Why `data` is not a valid submission document, or None when it is."""
    if isinstance(data, dict) and data.get("format") == "fprl-work":
        return ("this is a work file (the student's autosave), not a hand-in; ask the student to press "
                "'Hand in' and send the file it writes")
    if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") != VERSION:
        return f"submission format version {data.get('version')!r} is not one this kit reads (it reads {VERSION})"
    errors = None
    if _FAST_CHECK is not None:
        try:
            _FAST_CHECK(data)
            errors = []
        except fastjsonschema.JsonSchemaException:
            pass
    if errors is None:
        errors = sorted(_validator().iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.path))))
    if not errors:
        try:
            parse_time(data["created"])
        except ValueError as error:
            return f"'created' is not a valid time: {error}"
        return None
    error = errors[0]
    where = "/".join(str(part) for part in error.absolute_path) or "the top level"
    message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
    return f"does not match the submission format at {where}: {message}"


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with a UTC offset ('Z' accepted), as an aware datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return moment


def suggested_name(name: str) -> str:
    """A safe file name for `name`, to tell the instructor what to rename it to."""
    stem = name[:-5] if name.lower().endswith(".json") else name
    return f"{student_slug(stem)}.json"


def read_submission(path: Path) -> Submission:
    """Read and check one file. Raises SubmissionError whose message says, in plain words, what is wrong."""
    path = Path(path)
    if not SAFE_FILE_NAME.fullmatch(path.name):
        raise SubmissionError(
            "the file name has characters the report does not accept (only letters A-Z, digits, '.', '-' and '_'); "
            f"rename a copy to {suggested_name(path.name)} and run the report again")
    try:
        size = path.stat().st_size
        if size > MAX_SUBMISSION_BYTES:
            raise SubmissionError(f"too large: {size:,} bytes, the limit is {MAX_SUBMISSION_BYTES:,} bytes "
                                  "(a real submission is a few kilobytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise SubmissionError(f"cannot be read: {error.strerror or error}") from error
    if not raw.strip():
        raise SubmissionError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError("not a text file in UTF-8 (is it a submission at all?)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # The parser ran out of text (at the end, or inside a string that never closes): the file was cut short.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise SubmissionError("truncated: the JSON stops before it is complete "
                                  "(the upload or copy was cut short)") from None
        raise SubmissionError(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    problem = schema_problem(data)
    if problem:
        raise SubmissionError(problem)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Submission(path=path, student=data["student"], case=data["case"], kit_version=data["kit_version"],
                      created=parse_time(data["created"]), exercises=data["exercises"],
                      digest=hashlib.sha256(canonical.encode("utf-8")).hexdigest())


def read_folder(folder, case_id: str | None = None) -> FolderContents:
    """Sort every file directly in `folder` into accepted / rejected / superseded / ignored. Never writes.

    `case_id`: the case being reported; submissions for another case are rejected. When None, the case most
    submissions name is used (ties: first by name).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"No folder {folder} (give the folder that holds the students' .json files).")
    contents = FolderContents(folder=folder, case_id=case_id)
    readable = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.is_dir():
            continue
        if not path.name.lower().endswith(".json"):
            contents.ignored.append(path.name)
            continue
        try:
            readable.append(read_submission(path))
        except SubmissionError as error:
            contents.rejected.append(Rejected(path.name, str(error)))

    if contents.case_id is None and readable:
        counts = Counter(s.case for s in readable)
        contents.case_id = min(counts, key=lambda c: (-counts[c], c))
    kept_by_student: dict[str, Submission] = {}
    seen_digest: dict[str, Submission] = {}
    # Oldest first, so the later of two hand-ins replaces the earlier; the file name breaks ties.
    for submission in sorted(readable, key=lambda s: (s.created, s.name)):
        if submission.case != contents.case_id:
            contents.rejected.append(Rejected(
                submission.name, f"for another case ({submission.case!r}); this report is for {contents.case_id!r}"))
            continue
        twin = seen_digest.get(submission.digest)
        if twin is not None:
            contents.superseded.append(Rejected(submission.name, f"identical to {twin.name} (the same hand-in twice)"))
            continue
        seen_digest[submission.digest] = submission
        earlier = kept_by_student.get(submission.student_key)
        if earlier is not None:
            contents.superseded.append(Rejected(
                earlier.name, f"superseded by {submission.name}, a later hand-in by {submission.student}"))
        kept_by_student[submission.student_key] = submission
    contents.accepted = sorted(kept_by_student.values(), key=lambda s: (s.student_key, s.student))
    contents.rejected.sort(key=lambda r: r.name)
    contents.superseded.sort(key=lambda r: r.name)
    return contents
