"""Claims: mark the checkable claims in a sentence and how each is sourced (ClaimFinder, exercise "claims"), or
give a verdict on a claim and then see the evidence and the key's verdict (VerdictPicker, exercise "verdicts",
widgets/exercises/verdicts.py). ``ClaimMarker(case, mode="mark"|"verdict", ...)`` builds either.
Grading: widgets/grading/claims.py and widgets/grading/verdicts.py (pure).
"""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets import vocab
from widgets.evidence import evidence_html  # noqa: F401 - older callers import it from here
from widgets.exercises.base import Exercise, choose_items
from widgets.exercises.errors import AnswerError
from widgets.exercises.span_picker import SpanPicker
from widgets.exercises.feedback import title_block
from widgets.exercises.verdicts import VerdictPicker, choices_help
from widgets.grading.claims import (COVERS, DEFENSIBLE_SOURCING_CREDIT, WRONG_SOURCING_CREDIT,  # noqa: F401
                                    defensible_sourcing, grade_claim_sentence, grade_claims, match_claim_marks,
                                    normalise_claim_marks)
from widgets.grading.verdicts import DEFENSIBLE_CREDIT, grade_verdict, grade_verdicts, normalise_verdict  # noqa: F401
from widgets.grading.verdicts import claim_by_id as _claim  # noqa: F401

MODES = {"mark": "claims", "verdict": "verdicts"}   # mode -> exercise name in the save file


class ClaimFinder(Exercise):
    """Mark the checkable claims in each sentence and say how each is sourced (exercise "claims").

    Items are sentence ids (``sentences``, default all; or ``lesson`` and ``path``, see FactOpinionSorter). The
    value of an answer is a list of ``{"start": int, "end": int, "sourcing": one of vocab.SOURCING}`` (offsets in
    the sentence text; an empty list means "no checkable claim here").
    """

    exercise = "claims"
    mode = "mark"
    noun = "sentence"
    shown_name = "ClaimMarker"   # the name lessons use (nbval compares the text view)

    def __init__(self, case, student=None, sentences=None, lesson=None, path=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = title_block("Which claims could be checked?", Markup(
            "<p>Press the words of each claim that evidence could prove or disprove (words next to each other form "
            "one claim). Say how each is sourced, then press <b>Check my answer</b>. If the sentence has no "
            "checkable claim, press it without marking anything.</p>"))
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.picker = SpanPicker("sourcing", vocab.SOURCING, vocab.SOURCING_DESCRIPTIONS, phrase_hint="claim",
                                 splittable=True)
        return ipw.VBox([self.picker, choices_help(vocab.SOURCING_DESCRIPTIONS)])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item["sourcing"] is None:
                raise AnswerError(f"Choose the sourcing of “{self.picker.text[item['start']:item['end']]}” first.")
        return marks

    def _normalise(self, item_id, value):
        return normalise_claim_marks(self.case.sentence(item_id), value)

    def _item_feedback(self, item_id):
        return grade_claim_sentence(self.case, self.case.sentence(item_id), self._answers.get(item_id))[0]


def ClaimMarker(case, student=None, sentences=None, mode="mark", claims=None, lesson=None, path=None):  # noqa: N802
    """Mark checkable claims (mode="mark": a ClaimFinder) or judge them (mode="verdict": a VerdictPicker).

    Mark mode, exercise "claims": items are sentence ids (``sentences``, default all). Verdict mode, exercise
    "verdicts": items are claim ids (``claims``, default all); the evidence and the key's verdict are shown after
    the answer is committed. Or ``lesson`` (and ``path``): the lesson notebook whose plan assigns the items.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}.")
    if mode == "mark":
        if claims is not None:
            raise ValueError("claims= is for mode='verdict'; in mark mode choose sentences=.")
        return ClaimFinder(case, student=student, sentences=sentences, lesson=lesson, path=path)
    if sentences is not None:
        raise ValueError("sentences= is for mode='mark'; in verdict mode choose claims=.")
    return VerdictPicker(case, student=student, claims=claims, lesson=lesson, path=path)
