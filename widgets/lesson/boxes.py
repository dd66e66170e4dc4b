"""The small widgets of lesson 0: the path choice, the name box, the note saying where the work is saved, and the
buttons that take all the work away in one file and bring it back (Binder forgets the work folder)."""
from __future__ import annotations

import base64
import os

import ipywidgets as ipw

from widgets.classroom.workbundle import export_work, import_bytes
from widgets.core.errors import shows_errors_in
from widgets.core.lesson.plans import class_path, saved_path, server_path, set_path
from widgets.core.storage import WORK_DIR_ENV, current_student, set_student, work_dir
from widgets.core.text import escape, plural
from widgets.views.access import view_head
from widgets.core.render import render


class PathChoice(ipw.VBox):
    """Two buttons for lesson 0: the short path (a class) or the full path (every step). Saved in the work folder;
    the exercises of every lesson then ask the items of that path.

    A class set up with a path ($KIT_PATH, or the kit's class.json) shows it selected and saves it at once; with no
    setting and nothing saved, nothing is selected and the student is asked to choose."""

    def __init__(self):
        saved, setting = saved_path(), class_path()
        value = server_path() or saved or setting      # a server's path is fixed for everyone
        self.choice = ipw.ToggleButtons(options=[("Short path (a class)", "short"), ("Full path (every step)", "full")],
                                        value=value, description="My path:",
                                        tooltips=["The steps your teacher does in class", "Every step of every lesson"],
                                        style={"description_width": "initial", "button_width": "auto"})
        self.status = ipw.HTML()
        self.status.add_class("fprl-live")
        self.choice.observe(lambda change: change["new"] and self.save(change["new"]), names="value")
        super().__init__([*view_head(), self.choice, self.status])
        if value is not None and value != saved:
            self.save(value)
        elif value is None:
            self.status.value = "Choose your path: your teacher will tell you which (a class takes the short path)."

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
        set_student(self.text.value)
        self.status.value = f"Saved. Your work will carry the name <b>{escape(current_student())}</b>."
        return True

    def __repr__(self):
        return "Name box: type your name, then press 'Save my name'. (Run this cell if you do not see the box.)"



class WorkFolderNote(ipw.HTML):
    """Says where this computer keeps the student's work. A widget, so the path (which differs on every computer)
    is shown on screen but never stored in the committed notebook: only the fixed repr below is."""

    def __init__(self):
        try:
            folder = work_dir()
            chosen = f" (chosen by the setting <code>{WORK_DIR_ENV}</code>)" if os.environ.get(WORK_DIR_ENV) else ""
            text = f"Your work folder{chosen}: <code>{escape(str(folder))}</code>"
        except Exception as error:  # noqa: BLE001 - say what is wrong instead of failing the lesson
            text = f"<b>The work folder cannot be used:</b> {escape(str(error))}"
        super().__init__(value=text)

    def __repr__(self):
        return "Work folder note: run this cell to see where your work is saved on this computer."


class DownloadWork(ipw.VBox):
    """"Download all my work": one file with every case, the skills check, the path and the name
    (widgets.export_work), offered as a download link. Keep it, and upload it next time (on Binder)."""

    def __init__(self):
        self.button = ipw.Button(description="Download all my work", icon="download", button_style="primary",
                                 tooltip="One file with all your answers, to keep and upload next time",
                                 layout=ipw.Layout(width="auto"))
        self.status = ipw.HTML()
        self.status.add_class("fprl-download")
        self.status.add_class("fprl-live")
        self.button.on_click(lambda _button: self.make())
        super().__init__([*view_head(), self.button, self.status])

    @shows_errors_in("status", doing="Not made")
    def make(self):
        """Write the file and show a link that downloads it; returns its path."""
        path = export_work()
        content = base64.b64encode(path.read_bytes()).decode("ascii")
        self.status.value = str(render("lesson_work_file.html.j2", name=path.name,
                                       href=f"data:application/json;base64,{content}"))
        return path

    def __repr__(self):
        return "Download all my work: run this cell, press the button, then save the file it offers."


class UploadWork(ipw.VBox):
    """"Upload my work": restores a file from Download all my work, answer by answer (widgets.import_work); an
    answer already here that is newer is kept."""

    def __init__(self):
        self.upload = ipw.FileUpload(accept=".json", multiple=False, description="Upload my work",
                                     layout=ipw.Layout(width="auto"))
        self.status = ipw.HTML()
        self.status.add_class("fprl-upload-status")
        self.status.add_class("fprl-live")
        self.upload.observe(lambda change: change["new"] and self.restore(change["new"][0]), names="value")
        super().__init__([*view_head(), self.upload, self.status])

    @shows_errors_in("status", doing="Not restored")
    def restore(self, uploaded) -> dict:
        """Restore one uploaded file ({"name", "content"}); show what the work folder holds now."""
        restored = import_bytes(bytes(uploaded["content"]), uploaded.get("name") or "the file")
        self.status.value = str(render("lesson_work_file.html.j2", restored=[
            (case, plural(count, "answer")) for case, count in sorted(restored.items())]))
        return restored

    def __repr__(self):
        return "Upload my work: run this cell, then choose the file that Download all my work gave you."
