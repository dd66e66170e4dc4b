"""Actors: mark who acts or speaks, in the text itself, and say what kind of actor each is.
Grading: widgets/grading/actors.py (pure)."""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets import vocab
from widgets.exercises.base import Exercise, choose_items
from widgets.exercises.errors import AnswerError
from widgets.exercises.span_picker import SpanPicker
from widgets.exercises.feedback import help_box, title_block
from widgets.grading.actors import (WRONG_KIND_CREDIT, grade_actor_sentence, grade_actors,  # noqa: F401
                                    match_actor_marks, normalise_answer)
from widgets.text import escape as esc


class ActorTagger(Exercise):
    """Mark the actors in each sentence (press their words) and choose each one's kind.

    Value of an answer: a list of ``{"start": int, "end": int, "kind": one of vocab.ACTOR_KINDS}``, character
    offsets in the sentence text (end exclusive). An empty list means "no actor in this sentence".
    ``sentences``: the sentence ids to ask about (default: all); or ``lesson`` (and ``path``): the lesson notebook
    whose plan assigns them (see FactOpinionSorter).
    """

    exercise = "actors"
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, lesson=None, path=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = title_block("Who are the actors?", Markup(
            "<p>Press the words that name a person, government, institution, media outlet or group (press again to "
            "unmark). Words next to each other form one name. Choose a kind for each, then press <b>Check my "
            "answer</b>. If there is no actor in the sentence, press it without marking anything.</p>"))
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.picker = SpanPicker("kind", vocab.ACTOR_KINDS, vocab.ACTOR_KIND_DESCRIPTIONS, phrase_hint="actor")
        help_html = ipw.HTML(str(help_box("What the kinds mean", vocab.ACTOR_KIND_DESCRIPTIONS)))
        return ipw.VBox([self.picker, help_html])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item["kind"] is None:
                phrase = self.picker.text[item["start"]:item["end"]]
                raise AnswerError(f"Choose a kind for “{phrase}” first.")
        return marks

    def _normalise(self, item_id, value):
        return normalise_answer(self.case.sentence(item_id), value)

    def _item_feedback(self, item_id):
        return grade_actor_sentence(self.case, self.case.sentence(item_id), self._answers.get(item_id))[0]

    def _summary_extra_html(self):
        implied = [actor for actor in self.case.actors if actor.implied]
        if not implied:
            return ""
        names = "".join(f"<li><b>{esc(a.name)}</b> ({esc(a.kind)}): {esc(a.role)}</li>" for a in implied)
        return f"<p>The key also lists actors the article never names:</p><ul>{names}</ul>"
