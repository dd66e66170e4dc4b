"""Exercises that mark phrases in a sentence and name each one: ActorTagger (kind), ClaimFinder (sourcing) and
FramingFinder (device). The marking is here; each subclass says what a phrase is called, what can be chosen for it,
its instructions, and how it is normalised and graded.
"""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets.exercises.base import Exercise, choose_items
from widgets.core.errors import AnswerError
from widgets.exercises.feedback import help_box, title_block
from widgets.exercises.span_picker import SpanPicker


class MarkingExercise(Exercise):
    """Press the words of each sentence to mark phrases, and choose a value for each phrase.

    Items are sentence ids (``sentences``, or the ones a lesson's plan assigns: ``lesson=``, ``path=``; default all).
    The value of an answer is a list of ``{"start": int, "end": int, <choice_field>: value}``: character offsets in
    the sentence text (end exclusive). An empty list means "nothing to mark in this sentence".
    """

    noun = "sentence"
    choice_field = ""               # the name of each phrase's choice in the answer: "kind", "sourcing", "device"
    phrase_hint = "phrase"          # what one marked phrase is called in the picker's hints
    splittable = False              # whether the picker offers "Split" between two adjacent phrases
    missing_choice = ""             # the message when a phrase has no choice yet; {phrase} is the phrase
    heading = ""
    instructions = Markup("")
    help_summary = "What the choices mean"
    help_terms = False              # True when the descriptions do not start with the choice's own name

    def __init__(self, case, student=None, sentences=None, lesson=None, path=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        super().__init__(case, items, student=student, title_html=title_block(self.heading, self.instructions))

    def choices(self) -> dict:
        """{value: description} of what a phrase can be named, in the order shown."""
        raise NotImplementedError

    def _build_item_area(self):
        choices = self.choices()
        self.picker = SpanPicker(self.choice_field, tuple(choices), choices, phrase_hint=self.phrase_hint,
                                 splittable=self.splittable)
        help_html = ipw.HTML(str(help_box(self.help_summary, choices, terms=self.help_terms)))
        return ipw.VBox([self.picker, help_html])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item[self.choice_field] is None:
                raise AnswerError(self.missing_choice.format(phrase=self.picker.text[item["start"]:item["end"]]))
        return marks
