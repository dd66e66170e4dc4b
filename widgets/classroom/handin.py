"""Hand-in: pack one student's saved answers for one case into a submission file, with one click.

`hand_in(case)` is the whole job; `HandInButton(case)` puts it behind a button for the lessons. The file goes into
<work folder>/submissions/ (format in widgets/schemas/submission.schema.json) and is never overwritten: a second
hand-in gets a new file, and the class report keeps the latest.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import ipywidgets as ipw

from widgets.exercises.errors import shows_errors_in
from widgets import fileio
from widgets.render import render
from widgets.render.widget import view_head
from widgets.text import plural
from widgets.classroom.submission import SUBMISSIONS_FOLDER, build_submission, submission_file_name, utc_timestamp
from widgets.grading.responses import KEY as RESPONSES   # the written answers, which may be left out
from widgets.storage import (ANONYMOUS, StorageError, WorkFile, current_student, student_key, work_dir,
                             work_folder_id)

# What the student does with the file: the instructor collects files one of these two ways.
WHAT_NEXT = ("Upload this file where your teacher asked (the assignment in your learning platform), "
             "or copy it into the shared class folder. You can hand in again later: your teacher's report "
             "keeps your latest file.")


def _case_id(case) -> str:
    case_id = getattr(case, "id", case)
    if not isinstance(case_id, str) or not case_id:
        raise ValueError(f"hand_in needs a case (from load_case) or a case id, not {case!r}.")
    return case_id


def _kit_version() -> str:
    from widgets import __version__
    return __version__


def _write_new(folder: Path, student: str, case_id: str, document: dict, created: datetime) -> Path:
    """Write `document` under a fresh name in `folder`: atomically, and never over an existing file."""
    data = fileio.encode_text(fileio.json_text(document), "The hand-in")
    names = (submission_file_name(student, case_id, created) for _attempt in range(100))
    return fileio.write_new(folder, names, data)


def handin_contents(case, student: str | None = None, include_text: bool = True) -> dict:
    """What a hand-in of `student`'s work on `case` holds: {"student", "case", "exercises", "scores"}.

    `exercises` is copied from the save file (answers, when each was given, and the items each exercise assigned);
    with include_text=False the written answers are left out (the section says so: "left_out": true). `scores`:
    points of possible points per exercise over its assigned items (widgets.grading.scoring), the same numbers
    as the summary page and the gradebook; empty when `case` is only an id or has no key.
    """
    import copy

    case_id = _case_id(case)
    student = current_student() if student is None else student
    work = WorkFile(student, case_id)
    if work.notice:
        raise ValueError(work.notice + " There is nothing to hand in yet.")
    exercises = copy.deepcopy(work.data["exercises"])
    # The skills check (before/after) fits every case, so it is saved apart and goes into every hand-in.
    from widgets.classroom.practice import skills_sections
    exercises.update(copy.deepcopy(skills_sections(work.student)))
    if not include_text and RESPONSES in exercises:
        section = exercises[RESPONSES]
        exercises[RESPONSES] = {"answers": {}, "answered_at": {}, "left_out": True,
                                **({"assigned": section["assigned"]} if "assigned" in section else {})}
    from widgets.lesson.plans import path_record, teacher_assignment
    path = path_record()
    scores = {}
    if hasattr(case, "sentences") and case.has_key:
        from widgets.grading.scoring import score_sections
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
    document = build_submission(contents["student"], case_id, exercises, _kit_version(), created,
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
    import json

    from widgets.grading.registry import section_title

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


class HandInButton(ipw.VBox):
    """A 'Hand in my work' button: one click writes the submission and says where it is and what to do with it.

    Above the button the student sees exactly what the file will hold (name, every answer, written answers in
    full, scores), kept up to date as they answer, and can tick a box to leave the written answers out.
    Errors (nothing saved yet, a folder that cannot be written) are shown in the widget, never raised.
    `.last_path` is the file written by the latest click (None before).
    """

    def __init__(self, case, student: str | None = None, **kwargs):
        self.case = case
        self.student = student
        self.last_path: Path | None = None
        self.sent = None          # widgets.hub.client.Sent of the latest click, under a hub with the service
        self.include_text = ipw.Checkbox(value=True, description="Put my written answers in the file",
                                         indent=False, layout=ipw.Layout(width="auto"))
        self.preview = ipw.HTML()
        self.preview.add_class("fprl-handin-preview")
        self.button = ipw.Button(
            description="Hand in my work", icon="paper-plane", button_style="primary",
            tooltip="Save all your answers for this article into one file to give to your teacher",
            layout=ipw.Layout(width="auto"))
        self.status = ipw.HTML(value="")
        self.status.add_class("fprl-live")
        self.button.on_click(self._on_click)
        self.include_text.observe(lambda _change: self.refresh_preview(), names="value")
        from widgets.exercises.events import ANSWERS
        ANSWERS.observe(self._on_answer, names="last")
        heading = ipw.HTML(str(render("handin_heading.html.j2")))
        super().__init__(children=[*view_head(), heading, self.preview, self.include_text, self.button, self.status], **kwargs)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        try:
            contents = handin_contents(self.case, self.student, self.include_text.value)
            self.preview.value = preview_html(contents)
        except Exception as error:  # noqa: BLE001 - shown, never raised
            self.preview.value = str(render("handin_status.html.j2", error=str(error)))

    def _on_answer(self, change):
        if change["new"].get("case") == _case_id(self.case):
            self.refresh_preview()

    @shows_errors_in("status", doing="Not handed in")
    def _on_click(self, _button=None):
        path = hand_in(self.case, student=self.student, include_text=self.include_text.value)
        self.last_path = path
        # Under a hub with the hand-in service, the same file also goes there (the hub says who sent it).
        from widgets.hub import client as hub_client
        self.sent = hub_client.send(fileio.loads_untrusted(path.read_text(encoding="utf-8"))) \
            if hub_client.service_url() else None
        self.status.value = str(render("handin_status.html.j2", name=path.name, folder=str(path.parent),
                                       what_next=WHAT_NEXT, sent=self.sent))

    def click(self):
        """Press the button (as a student would), e.g. from a test."""
        self.button.click()

    def __repr__(self):
        return "Hand-in button: run this cell, then press 'Hand in my work' to save a file for your teacher."
