"""All of a student's work in one file: "Download all my work" and "Upload my work" (lessons 0 and 7).

On Binder the work folder disappears with the session, so a student takes their work home in one file and brings
it back the next period. ``export_work(student=None)`` writes the file (every case, the skills check, the path and
the name) and returns its path; ``import_work(path)`` restores it. Restoring goes through the storage layer's own
merge (``WorkFile.merge_in``), answer by answer: an answer already here that is newer is never replaced, and every
rule of saving (locks, final answers, bad files set aside) applies to an upload as to any save.
Format: widgets/core/schemas/work_bundle.schema.json.
"""
from __future__ import annotations

from pathlib import Path

from widgets.core import fileio, schemas
from widgets.core.lesson.plans import PATHS, path_record, restore_path, saved_path
from widgets.core.grading import skills
from widgets.core.storage import (MAX_WORK_BYTES, WorkFile, current_student, list_saved_work, set_student, student_key,
                             student_slug, work_dir)
from widgets.core.students import clean_student_name
from widgets.core.work_format import utc_now, work_problem

SCHEMA = "work_bundle"
FORMAT = schemas.load_schema(SCHEMA)["properties"]["format"]["const"]
VERSION = 1
FOLDER = "downloads"            # in the work folder
MAX_BUNDLE_BYTES = 50_000_000


class BundleError(ValueError):
    """The uploaded file cannot be restored (the message says why, in one sentence)."""


def bundle(student: str | None = None) -> dict:
    """The student's work as one JSON document (pure apart from reading the work folder)."""
    student = clean_student_name(student) if student is not None else current_student()
    key = student_key(student)
    files = []
    for entry in list_saved_work():
        if student_key(entry["student"]) == key:
            work = fileio.loads_untrusted(fileio.read_untrusted(entry["path"], MAX_WORK_BYTES, "save file"))
            if work["case"] == skills.WORK_CASE:    # an older kit saved agreement there: it never leaves the folder
                for section in work["exercises"].values():
                    section["answers"] = skills.without_agreement(section.get("answers", {}))
            files.append(work)
    return {"format": FORMAT, "version": VERSION, "student": student, "created": utc_now(),
            "path": saved_path(), "path_history": path_record()["history"], "files": files}


def export_work(student: str | None = None) -> Path:
    """Write all of the student's work to a new file in <work folder>/downloads/ and return its path."""
    data = bundle(student)
    folder = work_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{student_slug(data['student'])}__all-my-work__{data['created'].replace(':', '')}"
    names = (f"{stem}.json" if n == 0 else f"{stem}-{n}.json" for n in range(1000))
    return fileio.write_new(folder, names, fileio.json_text(data).encode("utf-8"))


def read_bundle(text: str, name: str = "the file") -> dict:
    """Check an uploaded bundle: its format, and every work file in it belonging to its student."""
    try:
        data = fileio.loads_untrusted(text)
    except ValueError as error:
        raise BundleError(f"{name} is not a work file from 'Download all my work' ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(f"{name} is not a file from 'Download all my work' (use the file that button gave you).")
    problems = schemas.check(SCHEMA, data, name)
    if problems:
        raise BundleError(str(problems[0]))
    for index, work in enumerate(data["files"]):
        problem = work_problem(work, data["student"])
        if problem is not None:
            raise BundleError(f"{name}: files[{index}]: {problem}; nothing was restored.")
    return data


def restore(data: dict) -> dict:
    """Merge a checked bundle into the work folder; returns {case id: answers in the file now}."""
    student = clean_student_name(data["student"])
    here = current_student()
    if student_key(here) != student_key(student):
        if here != "anonymous":
            raise BundleError(f"This file holds the work of {student}, but this computer saves work for {here}; "
                              "nothing was restored (change the name in lesson 0 first if this is your work).")
        set_student(student)
    restored = {}
    for work in data["files"]:
        target = WorkFile(student, work["case"])
        target.merge_in(work)
        restored[work["case"]] = sum(len(section.get("answers", {}))
                                     for section in target.data["exercises"].values())
    if data.get("path") in PATHS and saved_path() is None:
        restore_path(data["path"], data.get("path_history") or [])
    return restored


def import_work(path: str | Path) -> dict:
    """Restore a file made by export_work (or the Download button): {case id: answers in the work file now}."""
    path = Path(path)
    try:
        text = fileio.read_untrusted(path, MAX_BUNDLE_BYTES, "work file")
    except (OSError, ValueError) as error:
        raise BundleError(f"Cannot read {path.name}: {error}") from None
    return restore(read_bundle(text, path.name))


def import_bytes(content: bytes, name: str = "the file") -> dict:
    """Restore an uploaded file's content (the Upload my work widget)."""
    if len(content) > MAX_BUNDLE_BYTES:
        raise BundleError(f"{name} is too large to be a work file.")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{name} is not a work file from 'Download all my work' (not text).") from None
    return restore(read_bundle(text, name))

