"""Hand-in: pack one student's saved answers for one case into a submission file, with one click.

`hand_in(case)` is the whole job; `HandInButton(case)` puts it behind a button for the lessons. The file goes into
<work folder>/submissions/ (format in widgets/schemas/submission.schema.json) and is never overwritten: a second
hand-in gets a new file, and the class report keeps the latest.
"""
from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

import ipywidgets as ipw

from widgets import fileio
from widgets.classroom.submission import SUBMISSIONS_FOLDER, build_submission, submission_file_name, utc_timestamp
from widgets.storage import StorageError, WorkFile, current_student, work_dir

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


def hand_in(case, student: str | None = None) -> Path:
    """Write a submission of everything `student` (default: the current student) saved for `case`.

    Returns the path of the new file. Raises ValueError when there is nothing to hand in, StorageError when the
    file cannot be written.
    """
    case_id = _case_id(case)
    student = current_student() if student is None else student
    work = WorkFile(student, case_id)
    if work.notice:
        raise ValueError(work.notice + " There is nothing to hand in yet.")
    exercises = work.data["exercises"]   # copied as saved: answers and answered_at per exercise
    if not any(section.get("answers") for section in exercises.values()):
        raise ValueError(f"No saved answers for {work.student} on this case yet: answer at least one exercise, "
                         "then hand in.")
    created = utc_timestamp()
    document = build_submission(work.student, case_id, exercises, _kit_version(), created)
    folder = work_dir() / SUBMISSIONS_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _write_new(folder, work.student, case_id, document, created)
    except OSError as error:
        raise StorageError(f"Could not write the hand-in file in {folder}: {error.strerror or error}") from error


class HandInButton(ipw.VBox):
    """A 'Hand in my work' button: one click writes the submission and says where it is and what to do with it.

    Errors (nothing saved yet, a folder that cannot be written) are shown in the widget, never raised.
    `.last_path` is the file written by the latest click (None before).
    """

    def __init__(self, case, student: str | None = None, **kwargs):
        self.case = case
        self.student = student
        self.last_path: Path | None = None
        self.button = ipw.Button(
            description="Hand in my work", icon="paper-plane", button_style="primary",
            tooltip="Save all your answers for this article into one file to give to your teacher",
            layout=ipw.Layout(width="auto"))
        self.status = ipw.HTML(value="")
        self.button.on_click(self._on_click)
        super().__init__(children=[self.button, self.status], **kwargs)

    def _on_click(self, _button=None):
        try:
            path = hand_in(self.case, student=self.student)
        except Exception as error:  # noqa: BLE001 - a callback must never raise into the notebook
            self.status.value = (
                '<div role="alert" style="border-left:4px solid #D55E00;padding:4px 8px">'
                f"<b>Not handed in.</b> {html.escape(str(error))}</div>")
            return
        self.last_path = path
        self.status.value = (
            '<div role="status" style="border-left:4px solid #009E73;padding:4px 8px">'
            f"<b>Handed in.</b> Your answers are in the file <code>{html.escape(path.name)}</code><br>"
            f"in the folder <code>{html.escape(str(path.parent))}</code>.<br>{html.escape(WHAT_NEXT)}</div>")

    def click(self):
        """Press the button (as a student would), e.g. from a test."""
        self.button.click()

    def __repr__(self):
        return "Hand-in button: run this cell, then press 'Hand in my work' to save a file for your teacher."
