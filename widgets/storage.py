"""Saved work: the work folder, the student's name, and one JSON file per student and case.

The format is fixed in CONTRIBUTING.md ("Saved work"). Every answer is written at once and atomically, so a kernel
that dies (or a Binder session that times out) loses nothing that was already answered. A file that cannot be read
is never overwritten: it is renamed aside and the caller gets a message to show the student.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
import hashlib
from datetime import datetime, timezone
from pathlib import Path

FORMAT = "fprl-work"
VERSION = 1
STUDENT_FILE = "student.json"
STUDENT_FORMAT = "fprl-student"
ANONYMOUS = "anonymous"
WORK_DIR_ENV = "KIT_WORK_DIR"
CORRUPT_MARK = ".corrupt-"
# The folder that holds widgets/, lessons/, seeds/ (an editable install keeps the package inside the kit).
KIT_ROOT = Path(__file__).resolve().parent.parent


class StorageError(Exception):
    """The work folder or a work file cannot be written."""


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format of `updated` and `answered_at`)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def work_dir() -> Path:
    """The folder that holds saved work: $KIT_WORK_DIR if set, else `work/` at the kit root. Created if missing."""
    configured = os.environ.get(WORK_DIR_ENV, "").strip()
    folder = Path(configured).expanduser() if configured else KIT_ROOT / "work"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create the work folder {folder}: {error.strerror or error}") from error
    return folder


def student_slug(name: str) -> str:
    """A file-name-safe form of a student's name: 'Zoë O'Neil' -> 'zoe-o-neil'.

    Names with no Latin letters or digits (e.g. '李明') get a short stable hash so two such names never share a file.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    if slug:
        return slug
    if not str(name).strip():
        return ANONYMOUS
    return "student-" + hashlib.sha1(str(name).strip().encode("utf-8")).hexdigest()[:10]


def clean_student_name(name) -> str:
    """The name with runs of spaces collapsed; ValueError (in plain words) if it is empty, too long or not text."""
    if not isinstance(name, str):
        raise ValueError(f"A student name must be text, not {type(name).__name__}.")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError('A student name cannot be empty. Type your name between the quotes, e.g. set_student("Ada").')
    if len(cleaned) > 100:
        raise ValueError("That name is longer than 100 characters. Please use a shorter name.")
    return cleaned


def atomic_write_json(path: Path, data) -> None:
    """Write `data` as JSON to `path`, atomically (see atomic_write_text)."""
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n")


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` via a temporary file in the same folder and os.replace, so a reader sees the old file
    or the new one, never half of one. Raises StorageError with a plain reason."""
    path = Path(path)
    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        )
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError as error:
        if handle is not None:
            try:
                os.unlink(handle.name)
            except OSError:
                pass
        raise StorageError(f"Could not save to {path}: {error.strerror or error}") from error


def set_student(name: str) -> str:
    """Remember the student's name for this kit (writes work/student.json). Returns the cleaned name."""
    cleaned = clean_student_name(name)
    atomic_write_json(work_dir() / STUDENT_FILE, {"format": STUDENT_FORMAT, "version": VERSION, "student": cleaned})
    return cleaned


def current_student() -> str:
    """The name given to set_student(), else 'anonymous' (also when the file is missing or unreadable)."""
    try:
        data = json.loads((work_dir() / STUDENT_FILE).read_text(encoding="utf-8"))
        return clean_student_name(data["student"])
    except (OSError, ValueError, KeyError, TypeError, StorageError):
        return ANONYMOUS


def work_path(student: str, case_id: str) -> Path:
    """The save file for one student and case: <work>/<student-slug>__<case-id>.json."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", str(case_id)):
        raise ValueError(f"Case id {case_id!r} is not usable in a file name.")
    return work_dir() / f"{student_slug(student)}__{case_id}.json"


def empty_work(student: str, case_id: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "student": student, "case": case_id,
            "updated": utc_now(), "exercises": {}}


def work_problem(data, student: str | None = None, case_id: str | None = None) -> str | None:
    """Why `data` is not a usable work file for this student and case, or None when it is."""
    if not isinstance(data, dict):
        return "it is not a JSON object"
    if data.get("format") != FORMAT:
        return f"its format is {data.get('format')!r}, not {FORMAT!r}"
    if data.get("version") != VERSION:
        return f"its version is {data.get('version')!r}, not {VERSION}"
    if not isinstance(data.get("student"), str) or not isinstance(data.get("case"), str):
        return "it has no student name or case id"
    if student is not None and student_slug(data["student"]) != student_slug(student):
        return f"it belongs to another student ({data['student']!r})"
    if case_id is not None and data["case"] != case_id:
        return f"it is for another case ({data['case']!r})"
    exercises = data.get("exercises")
    if not isinstance(exercises, dict):
        return "it has no 'exercises' object"
    for name, section in exercises.items():
        if not isinstance(section, dict) or not isinstance(section.get("answers", {}), dict) \
                or not isinstance(section.get("answered_at", {}), dict):
            return f"its exercise {name!r} is not in the expected shape"
    return None


def set_aside(path: Path) -> Path:
    """Rename `path` to `<stem>.corrupt-<UTC timestamp>.json` without ever overwriting a file. Returns the new path."""
    path = Path(path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1000):
        suffix = "" if attempt == 0 else f"-{attempt}"
        target = path.with_name(f"{path.stem}{CORRUPT_MARK}{stamp}{suffix}.json")
        try:
            os.link(path, target)  # fails if target exists, unlike os.rename on POSIX
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.rename(path, target)  # file systems without hard links
            return target
        os.unlink(path)
        return target
    raise StorageError(f"Could not find a free name to keep {path.name} aside.")


class WorkFile:
    """The saved work of one student on one case.

    `notice` is a plain-English message for the student when an unreadable file was set aside (else None).
    Several widgets in one notebook share a file: each write re-reads the file and changes only its own answer.
    """

    def __init__(self, student: str, case_id: str):
        self.student = clean_student_name(student)
        self.case_id = case_id
        self.path = work_path(self.student, case_id)
        self.notice: str | None = None
        self.data = self._read()

    def _read(self, fallback: dict | None = None) -> dict:
        """The file's content; `fallback` (else a clean sheet) when it is missing or had to be set aside."""
        clean = fallback if fallback is not None else empty_work(self.student, self.case_id)
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return clean
        except OSError as error:
            raise StorageError(f"Could not read {self.path}: {error.strerror or error}") from error
        try:
            data = json.loads(raw)
            problem = work_problem(data, self.student, self.case_id)
        except ValueError as error:
            problem = f"it is not valid JSON ({error})"
        if problem is None:
            return data
        kept = set_aside(self.path)
        self.notice = (f"Your save file {self.path.name} could not be used because {problem}. "
                       f"It was kept as {kept.name} (nothing was deleted)"
                       + (" and you start with a clean sheet." if fallback is None else
                          "; your answers in this notebook were saved to a fresh file."))
        return clean

    def answers(self, exercise: str) -> dict:
        """A copy of the saved answers of one exercise: {item_id: value}."""
        return dict(self.data["exercises"].get(exercise, {}).get("answers", {}))

    def answered_at(self, exercise: str) -> dict:
        return dict(self.data["exercises"].get(exercise, {}).get("answered_at", {}))

    def record(self, exercise: str, item_id: str, value) -> None:
        """Save one answer now (re-reading the file first so other widgets' answers are kept)."""
        # Fall back on what this widget knows if the file vanished or was spoiled since.
        self.data = self._read(fallback=self.data)
        section = self.data["exercises"].setdefault(exercise, {"answers": {}, "answered_at": {}})
        section.setdefault("answers", {})[item_id] = value
        now = utc_now()
        section.setdefault("answered_at", {})[item_id] = now
        self.data["updated"] = now
        atomic_write_json(self.path, self.data)

    def section_field(self, exercise: str, name: str, default=None):
        """Another field of an exercise's section besides its answers, e.g. "assigned" (the items it asked)."""
        return self.data["exercises"].get(exercise, {}).get(name, default)

    def set_section_field(self, exercise: str, name: str, value) -> None:
        """Save a field of an exercise's section (re-reading the file first, as `record` does); no write when the
        saved value is already `value`."""
        self.data = self._read(fallback=self.data)
        section = self.data["exercises"].setdefault(exercise, {"answers": {}, "answered_at": {}})
        if section.get(name) == value:
            return
        section[name] = value
        atomic_write_json(self.path, self.data)


def list_saved_work(case_id: str | None = None) -> list[dict]:
    """Readable work files in the work folder (optionally for one case), without changing any file.

    Each entry: {"path", "student", "case", "updated", "answered": {exercise: number of answers}}.
    """
    found = []
    for path in sorted(work_dir().glob("*__*.json")):
        if CORRUPT_MARK in path.name or path.name.startswith("."):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if work_problem(data) is not None or (case_id is not None and data["case"] != case_id):
            continue
        found.append({"path": path, "student": data["student"], "case": data["case"],
                      "updated": data.get("updated"),
                      "answered": {name: len(section.get("answers", {}))
                                   for name, section in data["exercises"].items()}})
    return found
