"""Claims: mark the checkable claims in a sentence and how each is sourced (ClaimFinder, exercise "claims"), or
give a verdict on a claim and then see the evidence and the key's verdict (VerdictPicker, exercise "verdicts",
widgets/exercises/verdicts.py). ``ClaimMarker(case, mode="mark"|"verdict", ...)`` builds either.
Grading: widgets/core/grading/claims.py and widgets/core/grading/verdicts.py (pure).
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.core import vocab
from widgets.exercises.marking import MarkingExercise
from widgets.exercises.verdicts import VerdictPicker
from widgets.core.grading.claims import grade_claim_sentence, normalise_claim_marks

MODES = {"mark": "claims", "verdict": "verdicts"}   # mode -> exercise name in the save file


class ClaimFinder(MarkingExercise):
    """Mark the checkable claims in each sentence and say how each is sourced (exercise "claims").

    Items are sentence ids (``sentences``, default all; or ``lesson`` and ``path``, see FactOpinionSorter). The
    value of an answer is a list of ``{"start": int, "end": int, "sourcing": one of vocab.SOURCING}`` (offsets in
    the sentence text; an empty list means "no checkable claim here").
    """

    exercise = "claims"
    mode = "mark"
    shown_name = "ClaimMarker"   # the name lessons use (nbval compares the text view)
    choice_field = "sourcing"
    phrase_hint = "claim"
    splittable = True
    missing_choice = "Choose the sourcing of “{phrase}” first."
    heading = "Which claims could be checked?"
    instructions = Markup(
        "<p>Press the words of each claim that evidence could prove or disprove (words next to each other form "
        "one claim). Say how each is sourced, then press <b>Check my answer</b>. If the sentence has no "
        "checkable claim, press it without marking anything.</p>")

    def choices(self):
        return vocab.SOURCING_DESCRIPTIONS

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
