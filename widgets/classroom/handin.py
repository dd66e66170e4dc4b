"""Hand-in: pack one student's saved answers for one case into a submission file, with one click.

`hand_in(case)` is the whole job (widgets.views.handin.HandInButton puts it behind a button for the lessons). The file goes into
<work folder>/submissions/ (format in widgets/core/schemas/submission.schema.json) and is never overwritten: a second
hand-in gets a new file, and the class report keeps the latest.
"""
from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path

from widgets.classroom.submission import SUBMISSIONS_FOLDER, build_submission, submission_file_name, utc_timestamp
from widgets.core import fileio
from widgets.core.grading import skills
from widgets.core.grading.registry import is_written, section_title
from widgets.core.grading.scoring import score_sections
from widgets.core.lesson.plans import path_record, teacher_assignment
from widgets.core.render import render
from widgets.core.storage import ANONYMOUS, StorageError, WorkFile, current_student, student_key, work_dir, work_folder_id
from widgets.core.text import plural
from widgets.core.version import __version__


def _case_id(case) -> str:
    case_id = getattr(case, "id", case)
    if not isinstance(case_id, str) or not case_id:
        raise ValueError(f"hand_in needs a case (from load_case) or a case id, not {case!r}.")
    return case_id


def _write_new(folder: Path, student: str, case_id: str, document: dict, created: datetime) -> Path:
    """Write `document` under a fresh name in `folder`: atomically, and never over an existing file."""
    data = fileio.encode_text(fileio.json_text(document), "The hand-in")
    names = (submission_file_name(student, case_id, created) for _attempt in range(100))
    return fileio.write_new(folder, names, data)


def skills_sections(student: str) -> dict:
    """The skills-check sections of a student's work (every moment; they fit every case), for the hand-in. An
    agreement value left in the file by an older kit is never copied."""
    work = WorkFile(student, skills.WORK_CASE)
    if work.notice:
        return {}
    return {name: {**section, "answers": skills.without_agreement(section["answers"])}
            for name, section in work.data["exercises"].items()
            if name in skills.EXERCISES.values() and section.get("answers")}


def handin_contents(case, student: str | None = None, include_text: bool = True) -> dict:
    """What a hand-in of `student`'s work on `case` holds: {"student", "case", "exercises", "scores"}.

    `exercises` is copied from the save file (answers, when each was given, and the items each exercise assigned);
    with include_text=False the written answers are left out (the section says so: "left_out": true). `scores`:
    points of possible points per exercise over its assigned items (widgets.core.grading.scoring), the same numbers
    as the summary page and the gradebook; empty when `case` is only an id or has no key.
    """
    case_id = _case_id(case)
    student = current_student() if student is None else student
    work = WorkFile(student, case_id)
    if work.notice:
        raise ValueError(work.notice + " There is nothing to hand in yet.")
    exercises = copy.deepcopy(work.data["exercises"])
    # The skills check (before/after) fits every case, so it is saved apart and goes into every hand-in.
    exercises.update(copy.deepcopy(skills_sections(work.student)))
    for key in [key for key in exercises if not include_text and is_written(key)]:   # written answers left out
        section = exercises[key]
        exercises[key] = {"answers": {}, "answered_at": {}, "left_out": True,
                          **({"assigned": section["assigned"]} if "assigned" in section else {})}
    path = path_record()
    scores = {}
    if hasattr(case, "sentences") and case.has_key:
        assignment = teacher_assignment(case, path["path"])      # the items the gradebook counts, on this path
        scores = {name: score.as_dict() for name, score in score_sections(case, exercises, assignment).items()}
    return {"student": work.student, "case": case_id, "exercises": exercises, "scores": scores, "path": path}


def hand_in(case, student: str | None = None, include_text: bool = True) -> Path:
    """Write a submission of everything `student` (default: the current student) saved for `case`.

    `include_text=False` leaves the written answers out. Returns the path of the new file. Raises ValueError when
    there is nothing to hand in, StorageError when the file cannot be written.
    """
    if student_key(current_student() if student is None else student) == student_key(ANONYMOUS):
        raise ValueError("No name saved yet: save your name first (lesson 0's name box, or "
                         'widgets.set_student("Your name")), so your teacher can tell your hand-in from other students\' hand-ins. '
                         "Your answers so far move to that name.")
    contents = handin_contents(case, student, include_text)
    exercises, case_id = contents["exercises"], contents["case"]
    if not any(section.get("answers") for section in exercises.values()):
        raise ValueError(f"No saved answers for {contents['student']} on this case yet: answer at least one "
                         "exercise, then hand in.")
    created = utc_timestamp()
    document = build_submission(contents["student"], case_id, exercises, __version__, created,
                                path=contents["path"], work_folder=work_folder_id())
    if contents["scores"]:
        document["scores"] = contents["scores"]
    folder = work_dir() / SUBMISSIONS_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _write_new(folder, contents["student"], case_id, document, created)
    except StorageError:
        raise
    except OSError as error:
        raise StorageError(f"Could not write the hand-in file in {folder}: {error.strerror or error}") from error


def preview_sections(contents: dict) -> list:
    """Per exercise in the hand-in: its title, whether it is left out, the answer count and score in words, and
    (item, answer as text) rows with long answers shortened."""

    scores = contents.get("scores", {})
    sections = []
    for name, section in contents["exercises"].items():
        answers = section.get("answers", {})
        title = section_title(name)
        score = scores.get(name)
        rows = []
        for item, value in answers.items():
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            rows.append((item, shown if len(shown) <= 600 else shown[:600] + "…"))
        sections.append({"title": title, "left_out": bool(section.get("left_out")),
                         "count": plural(len(answers), "answer"), "rows": rows,
                         "scored": (f" Score: {score['points']:g} of {score['possible']} points."
                                    if score and score.get("possible") else "")})
    return sections


def preview_html(contents: dict) -> str:
    """The hand-in's contents in plain words, for the student to read before handing in (all text escaped)."""
    return str(render("handin_preview.html.j2", student=contents["student"], case=contents["case"],
                      sections=preview_sections(contents)))
