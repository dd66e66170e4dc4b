"""Lateral reading, for real: leave the notebook, find out who runs the outlet, what the original report says and
how another outlet covered the story, and record each finding with the address of the page it came from. After a
finding is committed, the rubric appears and the student rates their own answer. Task, cards and checking:
widgets/core/grading/lateral.py (pure)."""
from __future__ import annotations

import ipywidgets as ipw

from widgets.exercises.base import Exercise
from widgets.core.errors import AnswerError, shows_errors
from widgets.core.grading import lateral
from widgets.core.grading.lateral import lateral_grade as grade_lateral
from widgets.core.render import render
from widgets.core.storage import StorageError
from widgets.core.text import escape as esc


def _lateral(part: str, **context) -> str:
    """A piece of lateral reading's HTML (widgets/core/render/templates/feedback_lateral.html.j2)."""
    context = {"levels": (), "cards": (), "source_card": lateral.SOURCE_CARD, "feedback": None, "rating": None,
               **context}
    return str(render("feedback_lateral.html.j2", part=part, is_web_url=lateral.is_web_url, **context))


def rubric_html(task, question_id=None) -> str:
    return _lateral("rubric", levels=task.levels)


def cards_html(cards) -> str:
    """The offline source cards, clearly labelled as a fallback."""
    return _lateral("cards", cards=list(cards.values()))


def lateral_html(task, item_id, feedback, rating=None) -> str:
    """One finding's feedback: the finding, the rubric, and the student's own rating."""
    return _lateral("finding", levels=task.levels, feedback=feedback, rating=rating)


class LateralReading(Exercise):
    """Three lateral-reading questions for a case. Items: question ids ("who_runs", "original", "other_coverage").

    Value of an answer: ``{"url": "https://..." (or "source card"), "finding": "one or two sentences"}``. Once
    committed, a finding stays; the rubric appears and ``self_check(question_id, level)`` records the student's
    own rating (exercise "lateral_self_check"). Offline source cards, when the kit has them for the case, sit in a
    collapsed box labelled as a fallback.
    """

    exercise = lateral.EXERCISE
    noun = "question"
    check_label = "Save my finding"

    def __init__(self, case, student=None):
        self.task = lateral.load_task()
        self.cards = lateral.load_cards(case)
        title = ("<h3 class='fprl-title'>Read laterally</h3><p>Leave this "
                 "notebook: open a new browser tab and search. For each question, paste the address of the page "
                 "that told you, and write what you found in one or two sentences. Do not judge the outlet by its "
                 "own page or its name: find out what <i>others</i> say.</p>")
        super().__init__(case, [q.id for q in self.task.questions], student=student, title_html=title)
        self._self_checks = {}
        if self._work is not None:
            self._self_checks = {k: v for k, v in self._work.answers(lateral.SELF_CHECK).items()
                                 if k in self.items and v in self.task.level_ids}
        self._refresh()

    # ---- protocol extras

    def self_check(self, question_id, level):
        """Record the student's own rubric level for a committed finding."""
        if question_id not in self._answers:
            raise AnswerError("Save your finding first; then rate it against the rubric.")
        level = lateral.normalise_level(level)
        self._self_checks[question_id] = level
        self._follow_student()
        if self._work is not None:
            try:
                self._work.record(lateral.SELF_CHECK, question_id, level)
            except (StorageError, OSError) as error:
                self._status_html(f"⚠ Could not save: {esc(error)}.")
        self._refresh()
        return level

    @property
    def self_checks(self) -> dict:
        return dict(self._self_checks)

    def __repr__(self):
        return (f"LateralReading: {len(self.items)} questions to answer from outside this notebook. "
                "Run this cell to start.")

    # ---- interface

    def _build_item_area(self):
        self.question_html = ipw.HTML()
        self.url_box = ipw.Text(placeholder="https://... (the page that told you)", description="Address:",
                                layout=ipw.Layout(width="100%"))
        self.finding_box = ipw.Textarea(placeholder="One or two sentences: what did you find?",
                                        description="Finding:", layout=ipw.Layout(width="100%", height="5em"))
        self.level_choice = ipw.Dropdown(options=[("rate your finding…", None)]
                                         + [(level.name, level.id) for level in self.task.levels],
                                         value=None, description="My level:")
        self.level_button = ipw.Button(description="Save my rating", layout=ipw.Layout(width="auto"))
        self.level_button.on_click(self._on_level)
        self.self_check_box = ipw.HBox([self.level_choice, self.level_button])
        self.cards_html = ipw.HTML(cards_html(self.cards))
        return ipw.VBox([self.question_html, self.url_box, self.finding_box, self.self_check_box, self.cards_html])

    def _show_item(self, item_id, locked):
        question = self.task.question(item_id)
        self.question_html.value = (f"<p class='fprl-question'><b>{esc(question.question)}</b></p>"
                                    f"<p><small>{esc(question.hint)}</small></p>")
        saved = self._answers.get(item_id) or {}
        self.url_box.value = saved.get("url", "")
        self.finding_box.value = saved.get("finding", "")
        self.url_box.disabled = self.finding_box.disabled = locked
        self.self_check_box.layout.display = "flex" if locked else "none"
        self.level_choice.value = getattr(self, "_self_checks", {}).get(item_id)

    def _value_from_controls(self):
        return {"url": self.url_box.value, "finding": self.finding_box.value}

    def _normalise(self, item_id, value):
        return lateral.normalise_finding(value)

    def _grade(self):
        return grade_lateral(self.case, self._answers, self.items)

    def _item_feedback(self, item_id):
        return self._grade().items[item_id]

    def _feedback_html(self, item_id, feedback) -> str:
        level = getattr(self, "_self_checks", {}).get(item_id)
        name = next(lv.name for lv in self.task.levels if lv.id == level) if level else None
        return lateral_html(self.task, item_id, feedback, name)

    @shows_errors
    def _on_level(self, _button):
        if self.level_choice.value is None:
            raise AnswerError("Choose a level first.")
        self.self_check(self.current_item, self.level_choice.value)
