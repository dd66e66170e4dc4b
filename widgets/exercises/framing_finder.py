"""Find the framing yourself: mark the words that colour the story and name the device, before any highlight is
shown. Precision and recall against the key, with the key's explanation for each device found or missed.
Matching and counting: widgets/grading/framing.py (pure); marking words: SpanPicker, as in ActorTagger/ClaimMarker.
"""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets import vocab
from widgets.exercises.base import Exercise, choose_items
from widgets.exercises.errors import AnswerError
from widgets.exercises.span_picker import SpanPicker
from widgets.exercises.feedback import help_box, title_block
from widgets.grading import framing as pure
from widgets.grading.framing_items import framing_grade as grade_framing
from widgets.grading.framing_items import sentence_feedback  # noqa: F401 - older callers import it from here


def _percent(share) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


class FramingFinder(Exercise):
    """Mark the words that colour the story, and name the device of each.

    Items: sentence ids (``sentences``, or the ones a lesson's plan assigns: ``lesson=``, ``path=``; default all).
    Value of an answer: a list of ``{"start": int, "end": int, "device": one of the devices}`` (offsets in the
    sentence text; an empty list means "nothing here"). Omissions are left out unless ``include_omissions=True``
    (they are about what is missing, not words that colour).
    After each sentence the key's devices for it appear, with the key's explanation; ``check()`` adds precision and
    recall over the sentences answered.
    """

    exercise = pure.EXERCISE
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, include_omissions=False, lesson=None, path=None):
        self.include_omissions = include_omissions
        self.devices = pure.devices(include_omissions)
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = title_block("Which words colour the story?", Markup(
            "<p>Press the words that push you towards a view: a loaded word, scare quotes, a hedge, a telling "
            "verb... Words next to each other form one phrase. Name the device of each, then press <b>Check my "
            "answer</b>. If nothing in the sentence colours it, press it without marking anything.</p>"))
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.picker = SpanPicker("device", self.devices, vocab.DEVICE_DESCRIPTIONS, phrase_hint="phrase")
        meanings = {device: vocab.DEVICE_DESCRIPTIONS[device] for device in self.devices}
        help_html = ipw.HTML(str(help_box("What the devices mean", meanings, terms=True)))
        return ipw.VBox([self.picker, help_html])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item["device"] is None:
                raise AnswerError(f"Choose the device of “{self.picker.text[item['start']:item['end']]}” first.")
        return marks

    def _normalise(self, item_id, value):
        return pure.normalise_framing_marks(self.case.sentence(item_id), value, self.include_omissions)

    def _grade(self):
        return grade_framing(self.case, self._answers, self.items, self.include_omissions)

    def _item_feedback(self, item_id):
        return self._grade().items[item_id]

    def result(self) -> pure.FramingResult:
        return pure.grade_framing(self.case, self._answers, self.items, self.include_omissions)

    def _summary_extra_html(self):
        result = self.result()
        if not result.answered or not self.case.has_key:
            return ""
        return (f"<p><b>Precision</b> {_percent(result.precision)}: of your {result.marks_counted} marks, "
                f"{sum(s.marks_matched for s in result.sentences.values())} found a device the key lists. "
                f"<b>Recall</b> {_percent(result.recall)}: you found {result.found} of the {result.key_total} "
                f"devices in the {len(result.sentences)} sentence(s) you answered.</p>")
