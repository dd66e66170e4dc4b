"""Saved work: the work folder, the student's name, and one JSON file per student and case.

The format is fixed in CONTRIBUTING.md ("Saved work"). Every answer is written at once and atomically, so a kernel
that dies (or a Binder session that times out) loses nothing that was already answered. Two kernels saving the same
student's work (two tabs) take turns through a lock file beside the save file; each save re-reads the file under the
lock and merges answer by answer (the newest `answered_at` wins), so neither loses the other's answers, and every
answer this kernel holds that is not on disk yet is written again (a failed save is retried by the next one). A file
that cannot be read is never overwritten: it is renamed aside and the caller gets a message to show the student.

File names: `<readable slug>-<short hash>__<case id>.json`. The hash is of the whole normalised name (NFC, case
folded), so "Ana 李" and "Ana 王" never share a file; names holding invisible characters (bidi controls, zero-width
characters) are refused, so no name can pose as another. Files from older kits (`ada__case.json`) are found and
renamed on first use.
"""
from __future__ import annotations

import copy
import fcntl
import glob
import os
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

from widgets.core import fileio, schemas
from widgets.core.fileio import CORRUPT_MARK, StorageError, UntrustedFileError  # noqa: F401  (re-exported)
from widgets.core.students import (  # noqa: F401
    ANONYMOUS,
    INVISIBLE,
    MAX_NAME_LENGTH,
    clean_student_name,
    legacy_slug,
    normalise_name,
    readable_slug,
    student_key,
    student_slug,
)
from widgets.core.work_format import (  # noqa: F401
    FORMAT,
    VERSION,
    FinalAnswerError,
    empty_work,
    json_value,
    merge_work,
    utc_now,
    utc_now_precise,
    work_problem,
)


STUDENT_FILE = "student.json"
STUDENT_FORMAT = schemas.load_schema("student")["properties"]["format"]["const"]
WORK_DIR_ENV = "KIT_WORK_DIR"
MAX_WORK_BYTES = 20_000_000          # a save file is a few kilobytes; a bigger one is not ours
# The folder that holds widgets/, lessons/, seeds/ (an editable install keeps the package inside the kit).
KIT_ROOT = Path(__file__).resolve().parents[2]
READ_ONLY_HINT = ("Ask your teacher, or set the environment variable KIT_WORK_DIR to a folder you can write "
                  "and restart the kernel.")


def work_dir() -> Path:
    """The folder that holds saved work: $KIT_WORK_DIR if set, else `work/` at the kit root. Created if missing."""
    configured = os.environ.get(WORK_DIR_ENV, "").strip()
    folder = Path(configured).expanduser() if configured else KIT_ROOT / "work"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create the work folder {folder}: {fileio.reason(error)}. "
                           + READ_ONLY_HINT) from error
    return folder


def atomic_write_json(path: Path, data) -> None:
    """Write `data` as JSON to `path`, atomically (widgets.core.fileio)."""
    fileio.atomic_write_json(path, data)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (widgets.core.fileio). Raises StorageError with a plain reason."""
    fileio.atomic_write_text(path, text)


FOLDER_ID_FILE = ".folder-id"     # in the work folder: a random id that hand-ins carry (two students named Alex)


def work_folder_id() -> str:
    """A random id of this work folder, made once (so the class report can tell two students with one name apart:
    their hand-ins come from different folders). "" when the folder cannot be used."""
    try:
        path = work_dir() / FOLDER_ID_FILE
        try:
            text = fileio.read_untrusted(path, 200).strip()
            if re.fullmatch(r"[0-9a-f]{16}", text):
                return text
        except (FileNotFoundError, UntrustedFileError):
            pass
        made = secrets.token_hex(8)
        try:
            fileio.write_new(path.parent, [FOLDER_ID_FILE], (made + "\n").encode("ascii"))
            return made
        except StorageError:     # another kernel made it first
            text = fileio.read_untrusted(path, 200).strip()
            return text if re.fullmatch(r"[0-9a-f]{16}", text) else ""
    except (OSError, ValueError, StorageError):
        return ""


def set_student(name: str) -> str:
    """Remember the student's name for this kit (writes work/student.json) and move the answers saved as
    "anonymous" in this work folder to it (`adopt_anonymous_work`). Returns the cleaned name."""
    cleaned = clean_student_name(name, typed=True)
    if student_key(cleaned) == student_key(ANONYMOUS):
        raise ValueError(f'"{ANONYMOUS}" is what the kit calls work saved before a name: please type your own '
                         "name (or the pseudonym your teacher knows you by).")
    atomic_write_json(work_dir() / STUDENT_FILE, {"format": STUDENT_FORMAT, "version": VERSION, "student": cleaned})
    adopt_anonymous_work(cleaned)
    return cleaned


def adopt_anonymous_work(student: str) -> list:
    """Merge every work file saved as "anonymous" in the work folder into `student`'s file for the same case
    (answer by answer: the named file's final answers stand), then remove the anonymous file. Returns the case
    ids moved. Files that cannot be read are left where they are."""
    folder = work_dir()
    prefix = f"{student_slug(ANONYMOUS)}__"
    moved = []
    for path in sorted(folder.glob(f"{glob.escape(prefix)}*.json")):
        case_id = path.name[len(prefix):-len(".json")]
        if CORRUPT_MARK in path.name or not schemas.pattern("slug").fullmatch(case_id):
            continue
        anonymous = WorkFile(ANONYMOUS, case_id)
        if anonymous.notice or anonymous._blocked:
            continue
        with anonymous._locked(required=True):      # no anonymous save slips in between the merge and the removal
            held = anonymous._read(fallback=False)
            if held is None:
                continue
            named = WorkFile(student, case_id)
            named.data = merge_work(named.data, held)
            named.save()
            os.unlink(path)
        moved.append(case_id)
    return moved


def current_student() -> str:
    """The name given to set_student(), else 'anonymous' (also when the file is missing or unreadable)."""
    try:
        data = fileio.loads_untrusted(fileio.read_untrusted(work_dir() / STUDENT_FILE, 64_000))
        if schemas.schema_errors("student", data):
            return ANONYMOUS
        return clean_student_name(data["student"])
    except Exception:  # noqa: BLE001 - any problem with the file means no name was set
        return ANONYMOUS


def work_path(student: str, case_id: str) -> Path:
    """The save file for one student and case: <work>/<student-slug>__<case-id>.json."""
    _check_case_id(case_id)
    return work_dir() / f"{student_slug(student)}__{case_id}.json"


def _check_case_id(case_id) -> None:
    """A case id is the case schema's slug (meta.yaml's id), short enough for a file name."""
    if not isinstance(case_id, str) or len(case_id) > 100 or not schemas.pattern("slug").fullmatch(case_id):
        raise ValueError(f"Case id {case_id!r} is not usable in a file name.")


def set_aside(path: Path) -> Path:
    """Rename `path` to `<stem>.corrupt-<UTC timestamp>.json` without ever overwriting a file (widgets.core.fileio)."""
    return fileio.set_aside(path)


class WorkFile:
    """The saved work of one student on one case.

    `notice` is a plain-English message for the student when an unreadable file was set aside, or when the work
    folder cannot be used (else None). Several widgets, and several kernels, share a file: each save takes the lock,
    re-reads the file, merges answer by answer and writes it back. `data` is everything this object knows;
    `saved_answers(exercise)` is what is on disk after the latest read or save.
    The constructor raises only ValueError (a bad name or case id), never a storage error: those become `notice`.
    """
    def __init__(self, student: str, case_id: str):
        self.student = clean_student_name(student)
        _check_case_id(case_id)
        self.case_id = case_id
        self.notice: str | None = None
        self._blocked: str | None = None     # why saving must not happen (a bad file could not be set aside)
        self._legacy: Path | None = None     # an older kit's file for this student that could not be renamed
        self.data = empty_work(self.student, case_id)
        self.on_disk = empty_work(self.student, case_id)
        try:
            self.path = work_path(self.student, case_id)
        except StorageError as error:
            self.path = Path(os.environ.get(WORK_DIR_ENV, "").strip() or KIT_ROOT / "work") / \
                f"{student_slug(self.student)}__{case_id}.json"
            self.notice = f"Your answers cannot be saved: {error}"
            self._blocked = str(error)
            return
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        with self._locked(required=False) as locked:
            if locked:          # only a lock holder may call a temp file an orphan
                self._clean_temps()
            self._migrate_legacy()
            disk = self._read(fallback=False)
        if disk is not None:
            self.data = disk
            self.on_disk = copy.deepcopy(disk)

    # -- locking and housekeeping

    @contextmanager
    def _locked(self, required: bool):
        """Hold the lock file beside the save file. When it cannot be opened (a read-only folder) and `required`
        is False, go on without it (reading only)."""
        try:
            descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        except OSError as error:
            if required:
                raise StorageError(f"Could not save to {self.path}: {fileio.reason(error)}. "
                                   + READ_ONLY_HINT) from error
            yield False
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield True
        finally:
            os.close(descriptor)   # closing releases the lock

    def _clean_temps(self) -> None:
        """Under the lock, a temp file of this save file is an orphan (its writer died): remove it. Others' temp
        files in the work folder are removed when old."""
        prefix = f".{self.path.name}."
        for leftover in self.path.parent.glob(f"{glob.escape(prefix)}*{fileio.TEMP_SUFFIX}"):
            try:
                os.unlink(leftover)
            except OSError:
                pass
        fileio.clean_stale_temps(self.path.parent)

    def _migrate_legacy(self) -> None:
        """Rename a file from an older kit (<legacy slug>__<case>.json) to this name, if it is this student's; when
        a current file exists too, merge the older one into it answer by answer (final answers on disk stand) and
        remove it, so no answer of either is silently ignored. Called under the lock."""
        legacy = self.path.with_name(f"{legacy_slug(self.student)}__{self.case_id}.json")
        if legacy == self.path or not legacy.is_file() or legacy.is_symlink():
            return
        try:
            data = fileio.loads_untrusted(fileio.read_untrusted(legacy, MAX_WORK_BYTES))
        except (OSError, ValueError):
            return      # left for its owner, or set aside by them
        if work_problem(data, self.student, self.case_id) is not None:
            return      # another student's file that shared the old slug ('Ana 李' and 'Ana 王'): not ours
        if self.path.exists():
            current = self._read(fallback=False)
            if current is None:
                return  # the current file was unusable and is set aside: the legacy one is renamed next time
            try:
                fileio.atomic_write_json(self.path, merge_work(current, data), private=True)
                os.unlink(legacy)
            except (OSError, StorageError) as error:
                self.notice = (f"An older save file, {legacy.name}, is beside {self.path.name} and could not be "
                               f"merged into it ({error}); both are kept.")
            return
        try:
            os.link(legacy, self.path)
            os.unlink(legacy)
        except OSError:
            pass        # read-only: the file stays under its old name, and _read falls back on it
        self._legacy = legacy

    # -- reading and writing

    def _read(self, fallback: bool) -> dict | None:
        """The file's content; None when it is missing or had to be set aside (then `notice` says so)."""
        path = self.path
        if not path.exists() and self._legacy is not None and self._legacy.exists():
            path = self._legacy   # a legacy file that could not be renamed (read-only folder)
        try:
            data = fileio.loads_untrusted(fileio.read_untrusted(path, MAX_WORK_BYTES, "save file"))
            problem = work_problem(data, self.student, self.case_id)
        except FileNotFoundError:
            return None
        except UntrustedFileError as error:
            problem = str(error)
        except ValueError as error:
            problem = f"it is not valid JSON ({error})"
        if problem is None:
            return data
        try:
            kept = set_aside(path)
        except StorageError as error:
            self._blocked = (f"Your save file {path.name} could not be used because {problem}, and it could not "
                             f"be moved aside ({error}), so nothing will be saved over it. " + READ_ONLY_HINT)
            self.notice = self._blocked
            return None
        self.notice = (f"Your save file {path.name} could not be used because {problem}. "
                       f"It was kept as {kept.name} (nothing was deleted)"
                       + ("; your answers in this notebook were saved to a fresh file." if fallback else
                          " and you start with a clean sheet."))
        return None

    def answers(self, exercise: str) -> dict:
        """A copy of the answers of one exercise known here (saved, or waiting to be saved): {item_id: value}."""
        return dict(self.data["exercises"].get(exercise, {}).get("answers", {}))

    def answered_at(self, exercise: str) -> dict:
        return dict(self.data["exercises"].get(exercise, {}).get("answered_at", {}))

    def saved_answers(self, exercise: str) -> dict:
        """The answers of one exercise that are on disk (as of the latest read or save)."""
        return dict(self.on_disk["exercises"].get(exercise, {}).get("answers", {}))

    def record(self, exercise: str, item_id: str, value) -> None:
        """Save one answer now, with every other answer held here that is not on disk yet.

        Raises StorageError when the file cannot be written (the answer is kept here and written by the next
        successful save), ValueError when the value is not JSON data, FinalAnswerError (a ValueError) when the file
        already holds a different, final answer to this item (saved by another tab): that answer stays, here too.
        """
        value = json_value(value)
        section = self.data["exercises"].setdefault(exercise, {"answers": {}, "answered_at": {}})
        section.setdefault("answers", {})[str(item_id)] = value
        section.setdefault("answered_at", {})[str(item_id)] = utc_now_precise()
        self.data["updated"] = utc_now()
        refused = [item for section, item in self.save() if section == exercise]
        if refused:     # this answer, or another of this exercise held here (a committed form): the file's stand
            first = str(item_id) if str(item_id) in refused else refused[0]
            raise FinalAnswerError(exercise, first, self.answers(exercise).get(first))

    def save(self) -> list:
        """Merge what is held here into the file, under the lock; afterwards this object holds what the file holds.
        Returns the (section, item) pairs whose answer here was refused because the file's is final. Raises
        StorageError."""
        if self._blocked:
            raise StorageError(self._blocked)
        refused: list = []
        with self._locked(required=True):
            disk = self._read(fallback=True)
            if self._blocked:
                raise StorageError(self._blocked)
            merged = merge_work(disk if disk is not None else empty_work(self.student, self.case_id), self.data,
                                refused)
            merged["student"] = self.student
            try:
                fileio.atomic_write_json(self.path, merged, private=True)   # a student's own work stays theirs
            except StorageError as error:
                if "read-only" in str(error):
                    raise StorageError(f"{error} {READ_ONLY_HINT}") from error
                raise
        self.data = merged
        self.on_disk = copy.deepcopy(merged)
        return refused

    def follow(self, other: "WorkFile") -> None:
        """Take over what `other` (this case's work under the student's earlier name) holds and has not saved;
        written with the next save."""
        self.data = merge_work(self.data, other.data)

    def merge_in(self, other: dict) -> None:
        """Merge another copy of this work (an uploaded file) into the file, answer by answer, with the same rule
        as every save: an answer is taken only when it is missing here or newer, so nothing newer is replaced.
        Raises StorageError."""
        self.data = merge_work(self.data, other)
        self.save()

    def section_field(self, exercise: str, name: str, default=None):
        """Another field of an exercise's section besides its answers, e.g. "assigned" (the items it asked)."""
        return self.data["exercises"].get(exercise, {}).get(name, default)

    def set_section_field(self, exercise: str, name: str, value, union: bool = False) -> None:
        """Save a field of an exercise's section, e.g. "assigned", under the lock (this call decides it; a later
        `record` by another widget keeps it). With `union`, `value` (a list) is added to the list the file holds,
        read under the same lock, so two kernels adding at once lose neither's items. No write when the file
        already holds it. Raises StorageError."""
        value = json_value(value)
        held = self.on_disk["exercises"].get(exercise, {}).get(name)
        if not self._blocked and (held == value or union and isinstance(held, list) and set(value) <= set(held)):
            self.data["exercises"].setdefault(exercise, {"answers": {}, "answered_at": {}})[name] = held
            return
        if self._blocked:
            raise StorageError(self._blocked)
        with self._locked(required=True):
            disk = self._read(fallback=True)
            merged = merge_work(disk if disk is not None else empty_work(self.student, self.case_id), self.data)
            section = merged["exercises"].setdefault(exercise, {"answers": {}, "answered_at": {}})
            before = (disk or {}).get("exercises", {}).get(exercise, {}).get(name)
            if union and isinstance(before, list):
                value = list(dict.fromkeys([*before, *value]))
            section[name] = value
            merged["student"] = self.student
            fileio.atomic_write_json(self.path, merged, private=True)
        self.data = merged
        self.on_disk = copy.deepcopy(merged)


def list_saved_work(case_id: str | None = None) -> list[dict]:
    """Readable work files in the work folder (optionally for one case), without changing any file.

    Each entry: {"path", "student", "case", "updated", "answered": {exercise: number of answers}}.
    """
    found = []
    for path in sorted(work_dir().glob("*__*.json")):
        if CORRUPT_MARK in path.name or path.name.startswith("."):
            continue
        try:
            data = fileio.loads_untrusted(fileio.read_untrusted(path, MAX_WORK_BYTES))
        except (OSError, ValueError):
            continue
        if work_problem(data) is not None or (case_id is not None and data["case"] != case_id):
            continue
        found.append({"path": path, "student": data["student"], "case": data["case"],
                      "updated": data.get("updated"),
                      "answered": {name: len(section.get("answers", {}))
                                   for name, section in data["exercises"].items()}})
    return found
