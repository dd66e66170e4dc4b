"""The small widgets of lesson 0: the path choice, the name box and the note saying where the work is saved."""
from __future__ import annotations

import os

import ipywidgets as ipw

from widgets.exercises.errors import shows_errors_in
from widgets.lesson.plans import current_path, set_path
from widgets.render.widget import view_head
from widgets.text import escape


class PathChoice(ipw.VBox):
    """Two buttons for lesson 0: the short path (a class) or the full path (every step). Saved in the work folder;
    the exercises of every lesson then ask the items of that path."""

    def __init__(self):
        self.choice = ipw.ToggleButtons(options=[("Short path (a class)", "short"), ("Full path (every step)", "full")],
                                        value=current_path(), description="My path:",
                                        tooltips=["The steps your teacher does in class", "Every step of every lesson"],
                                        style={"description_width": "initial", "button_width": "auto"})
        self.status = ipw.HTML()
        self.status.add_class("fprl-live")
        self.choice.observe(lambda change: self.save(change["new"]), names="value")
        super().__init__([*view_head(), self.choice, self.status])

    @shows_errors_in("status", doing="Not saved")
    def save(self, path: str) -> bool | None:
        """Save the chosen path; show the result (or why it was not saved, returning None)."""
        set_path(path)
        if self.choice.value != path:
            self.choice.value = path
        self.status.value = (f"Saved: the exercises will ask the items of the <b>{escape(path)}</b> path. "
                             "Run the exercise cells again if they were already open.")
        return True

    def __repr__(self):
        return "Path choice: run this cell, then choose the short path (a class) or the full path (every step)."


class NameBox(ipw.VBox):
    """A text box and a button that save the student's name with ``widgets.set_student`` (lesson 0)."""

    def __init__(self):
        from widgets.storage import current_student

        current = current_student()
        self.text = ipw.Text(
            value="" if current == "anonymous" else current,
            placeholder="for example Ada",
            description="Your name:",
        )
        self.button = ipw.Button(description="Save my name", button_style="primary", tooltip="Save the name on your work")
        self.status = ipw.HTML()
        self.status.add_class("fprl-live")
        self.button.on_click(lambda _button: self.save())
        super().__init__([*view_head(), ipw.HBox([self.text, self.button]), self.status])

    @shows_errors_in("status", doing="Not saved")
    def save(self) -> bool | None:
        """Save the typed name; show the result in the box (or why it was not saved, returning None)."""
        from widgets.storage import current_student, set_student

        set_student(self.text.value)
        self.status.value = f"Saved. Your work will carry the name <b>{escape(current_student())}</b>."
        return True

    def __repr__(self):
        return "Name box: type your name, then press 'Save my name'. (Run this cell if you do not see the box.)"



class WorkFolderNote(ipw.HTML):
    """Says where this computer keeps the student's work. A widget, so the path (which differs on every computer)
    is shown on screen but never stored in the committed notebook: only the fixed repr below is."""

    def __init__(self):
        from widgets.storage import WORK_DIR_ENV, work_dir

        try:
            folder = work_dir()
            chosen = f" (chosen by the setting <code>{WORK_DIR_ENV}</code>)" if os.environ.get(WORK_DIR_ENV) else ""
            text = f"Your work folder{chosen}: <code>{escape(str(folder))}</code>"
        except Exception as error:  # noqa: BLE001 - say what is wrong instead of failing the lesson
            text = f"<b>The work folder cannot be used:</b> {escape(str(error))}"
        super().__init__(value=text)

    def __repr__(self):
        return "Work folder note: run this cell to see where your work is saved on this computer."
