"""Verdicts: judge each claim, then see the evidence and the key's verdict (exercise "verdicts").
Grading: widgets/core/grading/verdicts.py (pure). ``ClaimMarker(case, mode="verdict")`` builds one too."""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets.core import vocab
from widgets.exercises.base import Exercise, choose_items
from widgets.core.errors import AnswerError
from widgets.exercises.feedback import help_box, sentence_block, title_block
from widgets.core.grading.verdicts import claim_by_id, grade_verdict, normalise_verdict


def choices_help(meanings) -> ipw.HTML:
    """The "What the choices mean" box under a claims exercise."""
    return ipw.HTML(str(help_box("What the choices mean", meanings)))


class VerdictPicker(Exercise):
    """Give a verdict on each claim (items: claim ids, ``claims``, default all; or ``lesson`` and ``path``).

    The value of an answer is one of ``vocab.VERDICTS``. The evidence and the key's verdict are shown after the
    answer is committed.
    """

    exercise = "verdicts"
    mode = "verdict"
    noun = "claim"
    shown_name = "ClaimMarker"   # the name lessons use (nbval compares the text view)
    heading = "What does the evidence say?"
    instructions = ("<p>Choose your verdict on the highlighted claim and press <b>Check my answer</b>. Then you will "
                    "see the evidence and the key's verdict.</p>")

    def __init__(self, case, student=None, claims=None, lesson=None, path=None):
        items = choose_items("claim", claims, (c.id for c in case.claims), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        super().__init__(case, items, student=student, title_html=title_block(self.heading,
                                                                              Markup(self.instructions)))

    def _build_item_area(self):
        self.claim_html = ipw.HTML()
        self.verdict_choice = ipw.RadioButtons(options=[(v, v) for v in vocab.VERDICTS], value=None,
                                               description="Verdict:", tooltip="Your verdict on the claim")
        return ipw.VBox([self.claim_html, self.verdict_choice, choices_help(vocab.VERDICT_DESCRIPTIONS)])

    def _show_item(self, item_id, locked):
        claim = claim_by_id(self.case, item_id)
        text = self.case.sentence(claim.sentence_id).text
        self.claim_html.value = str(sentence_block(Markup('{}<mark class="fprl-claim">[claim: {}]</mark>{}').format(
            text[:claim.start], text[claim.start:claim.end], text[claim.end:])))
        self.verdict_choice.value = self._answers.get(item_id)
        self.verdict_choice.disabled = locked

    def _value_from_controls(self):
        if self.verdict_choice.value is None:
            raise AnswerError("Choose a verdict first, then press Check my answer.")
        return self.verdict_choice.value

    def _normalise(self, item_id, value):
        return normalise_verdict(value)

    def _item_feedback(self, item_id):
        return grade_verdict(self.case, claim_by_id(self.case, item_id), self._answers.get(item_id))
