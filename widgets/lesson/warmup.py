"""The warm-up of lesson 4: short statements in the style of Pew's 2018 fact/opinion study.

``WarmUp`` is the widget; reading the statements (``load_warmup``) and grading them (``warmup_report``) are pure, in
widgets.core.lesson.warmup. Agreement with a statement is asked but never saved.
"""
from __future__ import annotations

from pathlib import Path

import ipywidgets as ipw

from widgets.core.errors import shows_errors_in

# all re-exported: widgets.lesson gives the warm-up's names from here
from widgets.core.lesson.warmup import AGREEMENT_CHOICES, WARMUP_FORMAT, WARMUP_LABELS, WARMUP_SIDES, load_warmup, warmup_report  # noqa: F401
from widgets.core.render import render
from widgets.core.storage import WorkFile, current_student
from widgets.core.text import escape, plural
from widgets.core.grading.records import WARMUP as WARMUP_EXERCISE  # its section in the save file
from widgets.core.work_format import FinalAnswerError
from widgets.views.access import view_head
from widgets.views.events import announce


class WarmUp(ipw.VBox):
    """Sort each warm-up statement as fact or opinion, say whether you agree, then see the key and the pattern.

    Agreement is never saved: agreement with political statements is not collected. With ``case``, the labels are
    saved when the student presses "Show the answers" (their commitment), so that the warm-up's key table in the
    lesson unlocks, now and after a restart.
    """

    def __init__(self, path: str | Path, case=None, student: str | None = None):
        self.statements = load_warmup(path)
        self.case, self.student = case, student
        self.label_choice, self.agree_choice = {}, {}
        rows = []
        for number, item in enumerate(self.statements, start=1):
            # Numbered, so a screen reader names each statement's group apart ("Label 3:", not eight "Label:")
            self.label_choice[item["id"]] = ipw.ToggleButtons(
                options=WARMUP_LABELS, value=None, description=f"Label {number}:", style={"button_width": "6em"})
            self.agree_choice[item["id"]] = ipw.ToggleButtons(
                options=AGREEMENT_CHOICES, value=None, description=f"Agree {number}?", style={"button_width": "6em"})
            rows.append(ipw.VBox([
                ipw.HTML(f"<b>{number}.</b> {escape(item['text'])}"),
                ipw.HBox([self.label_choice[item["id"]], self.agree_choice[item["id"]]]),
            ], layout=ipw.Layout(margin="0 0 0.8em 0")))
        self.button = ipw.Button(description="Show the answers", button_style="primary")
        self.button.on_click(lambda _button: self.check())
        self.feedback = ipw.HTML()
        self.feedback.add_class("fprl-live")   # the result is read out (render/access.js)
        super().__init__([*view_head(), *rows, self.button, self.feedback])

    @property
    def items(self):
        return [item["id"] for item in self.statements]

    def answer(self, item_id: str, label: str | None = None, agree: str | None = None) -> None:
        """Set an answer as the buttons would (used by tests)."""
        if label is not None:
            self.label_choice[item_id].value = label
        if agree is not None:
            self.agree_choice[item_id].value = agree

    def answers(self) -> dict:
        return {i: {"label": self.label_choice[i].value, "agree": self.agree_choice[i].value} for i in self.items}

    def _commit(self):
        """Save the labels given (never the agreement), once each: the first answer shown the key counts."""
        if self.case is None:
            return

        work = WorkFile(self.student if self.student is not None else current_student(), self.case.id)
        saved = work.answers(WARMUP_EXERCISE)
        for item_id, answer in self.answers().items():
            if answer["label"] is not None and item_id not in saved:
                try:
                    work.record(WARMUP_EXERCISE, item_id, {"label": answer["label"]})
                except FinalAnswerError:
                    continue     # another tab committed this label first: that one stands
                announce(work.student, self.case.id, WARMUP_EXERCISE, item_id)

    @shows_errors_in("feedback")
    def check(self) -> dict | None:
        """Show the key, the reasons and the agreement pattern; return the report (None if something failed)."""
        self._commit()
        report = warmup_report(self.statements, self.answers())
        self.feedback.value = _warmup_feedback_html(self.statements, self.answers(), report)
        return report

    def __repr__(self):
        return f"Warm-up: {len(self.statements)} statements to sort as fact or opinion. (Run this cell to start.)"


def _warmup_feedback_html(statements, answers, report) -> str:
    """The key, the reasons and Pew's pattern (template ``lesson_warmup_feedback.html.j2``, autoescaped)."""
    rows = []
    for item in statements:
        given = answers[item["id"]]["label"]
        mark = "no answer" if given is None else ("same as the key" if given == item["label"] else f"you said {given}")
        rows.append({"label": item["label"], "mark": mark, "rationale": item["rationale"]})
    misread = len(report["facts_called_opinion"]) + len(report["opinions_called_fact"])
    return str(render("lesson_warmup_feedback.html.j2", report=report, rows=rows,
                      misread=plural(misread, "statement") if misread else ""))
