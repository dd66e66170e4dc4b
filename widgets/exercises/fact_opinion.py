"""Fact or opinion: label each sentence and say how it is sourced, then compare with the key.

The student commits an answer before the key's answer is shown (decide alone first, then compare), and sees the
key's rationale and the other labels a careful reader could defend.
"""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets.core import vocab
from widgets.exercises.base import Exercise, choose_items
from widgets.core.errors import AnswerError
from widgets.exercises.feedback import help_box, sentence_block, title_block
from widgets.core.grading.fact_opinion import grade_sentence, normalise_answer


class FactOpinionSorter(Exercise):
    """Label each sentence fact / opinion / mixed and say how it is sourced.

    Value of an answer: ``{"label": one of vocab.LABELS, "sourcing": one of vocab.SOURCING}``.
    ``sentences``: the sentence ids to ask about (default: all, headline first); or ``lesson``: the lesson notebook
    whose plan assigns them on the student's path (``path``: "short" or "full", default the student's choice).
    """

    exercise = "fact_opinion"
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, lesson=None, path=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = title_block("Fact or opinion?", Markup(
            "<p>Read the sentence. Choose a label and how it is sourced, then press <b>Check my answer</b>. Your "
            "first answer counts: the key is shown after it.</p>"))
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.sentence_html = ipw.HTML()
        self.label_choice = ipw.RadioButtons(options=[(label, label) for label in vocab.LABELS], value=None,
                                             description="Label:", tooltip="Is the sentence fact, opinion or mixed?")
        self.sourcing_choice = ipw.RadioButtons(options=[(kind, kind) for kind in vocab.SOURCING], value=None,
                                                description="Sourcing:", tooltip="Where does the sentence say "
                                                                                 "its information comes from?")
        help_html = ipw.HTML(str(help_box("What the labels and sourcing kinds mean", vocab.LABEL_DESCRIPTIONS,
                                          vocab.SOURCING_DESCRIPTIONS)))
        choices = ipw.HBox([self.label_choice, self.sourcing_choice], layout=ipw.Layout(flex_flow="row wrap"))
        return ipw.VBox([self.sentence_html, choices, help_html])

    def _show_item(self, item_id, locked):
        sentence = self.case.sentence(item_id)
        where = "the headline" if sentence.paragraph == 0 else f"paragraph {sentence.paragraph}"
        self.sentence_html.value = f"{sentence_block(sentence.text)}<p class='fprl-hint'>From {where}.</p>"
        saved = self._answers.get(item_id)
        self.label_choice.value = saved["label"] if saved else None
        self.sourcing_choice.value = saved["sourcing"] if saved else None
        self.label_choice.disabled = self.sourcing_choice.disabled = locked

    def _value_from_controls(self):
        if self.label_choice.value is None or self.sourcing_choice.value is None:
            raise AnswerError("Choose a label and a sourcing kind first, then press Check my answer.")
        return {"label": self.label_choice.value, "sourcing": self.sourcing_choice.value}

    def _normalise(self, item_id, value):
        return normalise_answer(value)

    def _item_feedback(self, item_id):
        return grade_sentence(self.case.sentence(item_id), self._answers.get(item_id))
