"""Find the framing yourself: mark the words that colour the story and name the device, before any highlight is
shown. Precision and recall against the key, with the key's explanation for each device found or missed.
Matching and counting: widgets/core/grading/framing.py (pure); marking words: SpanPicker, as in ActorTagger/ClaimMarker.
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.core import vocab
from widgets.exercises.marking import MarkingExercise
from widgets.core.grading import framing as pure
from widgets.core.grading.framing_items import framing_grade as grade_framing
from widgets.core.render import render as render_template
from widgets.core.text import percent


class FramingFinder(MarkingExercise):
    """Mark the words that colour the story, and name the device of each.

    Items: sentence ids (``sentences``, or the ones a lesson's plan assigns: ``lesson=``, ``path=``; default all).
    Value of an answer: a list of ``{"start": int, "end": int, "device": one of the devices}`` (offsets in the
    sentence text; an empty list means "nothing here"). Omissions are left out unless ``include_omissions=True``
    (they are about what is missing, not words that colour).
    After each sentence the key's devices for it appear, with the key's explanation; ``check()`` adds precision and
    recall over the sentences answered.
    """

    exercise = pure.EXERCISE
    choice_field = "device"
    missing_choice = "Choose the device of “{phrase}” first."
    heading = "Which words colour the story?"
    instructions = Markup(
        "<p>Press the words that push you towards a view: a loaded word, scare quotes, a hedge, a telling "
        "verb... Words next to each other form one phrase. Name the device of each, then press <b>Check my "
        "answer</b>. If nothing in the sentence colours it, press it without marking anything. Not every strong "
        "word is spin: a word the source itself used is reported, not added (the key lists such words as "
        "<i>controls</i>).</p>")
    help_summary = "What the devices mean"
    help_terms = True

    def __init__(self, case, student=None, sentences=None, include_omissions=False, lesson=None, path=None):
        self.include_omissions = include_omissions
        self.devices = pure.devices(include_omissions)
        super().__init__(case, student=student, sentences=sentences, lesson=lesson, path=path)

    def choices(self):
        return {device: vocab.DEVICE_DESCRIPTIONS[device] for device in self.devices}

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
        return str(render_template("framing_precision.html.j2", r=result, precision=percent(result.precision),
                                   recall=percent(result.recall),
                                   matched=sum(s.marks_matched for s in result.sentences.values())))
