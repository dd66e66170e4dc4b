"""The 'Hand in my work' button: widgets.classroom.handin.hand_in behind one click, with a preview of the file."""
from __future__ import annotations

from pathlib import Path

import ipywidgets as ipw

from widgets.classroom.handin import _case_id, hand_in, handin_contents, preview_html
from widgets.classroom.hub import client as hub_client
from widgets.core import fileio
from widgets.core.errors import shows_errors_in
from widgets.core.render import render
from widgets.views.access import view_head
from widgets.views.events import ANSWERS

# What the student does with the file: the instructor collects files one of these two ways.
WHAT_NEXT = ("Upload this file where your teacher asked (the assignment in your learning platform), "
             "or copy it into the shared class folder. You can hand in again later: your teacher's report "
             "keeps your latest file.")


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
        self.sent = None          # widgets.classroom.hub.client.Sent of the latest click, under a hub with the service
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
        self.sent = hub_client.send(fileio.loads_untrusted(path.read_text(encoding="utf-8"))) \
            if hub_client.service_url() else None
        self.status.value = str(render("handin_status.html.j2", name=path.name, folder=str(path.parent),
                                       what_next=WHAT_NEXT, sent=self.sent))

    def click(self):
        """Press the button (as a student would), e.g. from a test."""
        self.button.click()

    def __repr__(self):
        return "Hand-in button: run this cell, then press 'Hand in my work' to save a file for your teacher."
