"""Fact or opinion: label each sentence and say how it is sourced, then compare with the key.

The student commits an answer before the key's answer is shown (decide alone first, then compare), and sees the
key's rationale and the other labels a careful reader could defend.
"""
from __future__ import annotations

import functools
from dataclasses import replace

import ipywidgets as ipw

from widgets import vocab
from widgets.exercises.base import (AnswerError, Exercise, Grade, ItemFeedback, check_item_ids, choose_items, esc,
                                    mark, unreadable)

# A label the key lists as another defensible reading earns this share of the label's credit.
DEFENSIBLE_CREDIT = 0.5


def _description_list(descriptions) -> str:
    rows = "".join(f"<li>{esc(text)}</li>" for text in descriptions.values())
    return f"<ul style='margin:0.2em 0'>{rows}</ul>"


def grade_sentence(sentence, value) -> ItemFeedback:
    """Feedback on one sentence's answer {"label", "sourcing"} (value None = not answered)."""
    if value is None:
        return ItemFeedback(None, "", 0.0, "unanswered")
    return _graded_sentence(sentence, value["label"], value["sourcing"])


# A class gives each sentence only a dozen different answers: grading each (sentence, answer) once keeps the class
# report's time nearly flat in the number of students.
@functools.lru_cache(maxsize=4096)
def _graded_sentence(sentence, label, sourcing) -> ItemFeedback:
    if sentence.label is None:
        return ItemFeedback(None, "<p>This article has no answer key. Compare your answer with a classmate's and "
                                  "talk about the reasons.</p>", 0.0, "ungraded")
    alternatives = {alt.label: alt.why for alt in sentence.alternatives if alt.label and alt.label != sentence.label}
    parts = []
    if label == sentence.label:
        label_credit, label_status = 1.0, "right"
        parts.append(f"<li>{mark('right')}: you labelled it <b>{esc(label)}</b>, as the key does.</li>")
    elif label in alternatives:
        label_credit, label_status = DEFENSIBLE_CREDIT, "partly"
        parts.append(f"<li>{mark('partly')}: you said <b>{esc(label)}</b>; the key says "
                     f"<b>{esc(sentence.label)}</b> but accepts <b>{esc(label)}</b> as defensible "
                     f"(half credit): {esc(alternatives[label])}</li>")
    else:
        label_credit, label_status = 0.0, "wrong"
        parts.append(f"<li>{mark('wrong')}: you said <b>{esc(label)}</b>; the key says "
                     f"<b>{esc(sentence.label)}</b>.</li>")
    defensible_sourcing = {alt.sourcing: alt.why for alt in sentence.alternatives
                           if alt.sourcing and alt.sourcing != sentence.sourcing}
    if sourcing == sentence.sourcing:
        sourcing_credit = 1.0
        parts.append(f"<li>{mark('right')}: sourcing <b>{esc(sourcing)}</b>, as in the key.</li>")
    elif sourcing in defensible_sourcing:
        sourcing_credit = DEFENSIBLE_CREDIT
        parts.append(f"<li>{mark('partly')}: you said sourcing <b>{esc(sourcing)}</b>; the key says "
                     f"<b>{esc(sentence.sourcing)}</b> but accepts <b>{esc(sourcing)}</b> as defensible "
                     f"(half credit): {esc(defensible_sourcing[sourcing])} The key prefers its own because: "
                     f"{esc(vocab.SOURCING_DESCRIPTIONS.get(sentence.sourcing, ''))}</li>")
    else:
        sourcing_credit = 0.0
        parts.append(f"<li>{mark('wrong')}: you said sourcing <b>{esc(sourcing)}</b>; the key says "
                     f"<b>{esc(sentence.sourcing)}</b>. "
                     f"{esc(vocab.SOURCING_DESCRIPTIONS.get(sentence.sourcing, ''))}</li>")
    message = [f"<ul>{''.join(parts)}</ul>",
               f"<p><b>Why the key says {esc(sentence.label)}:</b> {esc(sentence.rationale)}</p>"]
    others = [alt for alt in sentence.alternatives if alt.label and alt.label not in (label, sentence.label)]
    if others:
        items = "".join(f"<li><b>{esc(alt.label)}</b>: {esc(alt.why)}</li>" for alt in others)
        message.append(f"<p>Other labels a careful reader could defend:</p><ul>{items}</ul>")
    elif not sentence.alternatives:
        message.append("<p>The key lists no other defensible label for this sentence.</p>")
    correct = label_status == "right" and sourcing_credit == 1.0
    credit = (label_credit + sourcing_credit) / 2
    status = "right" if correct else ("wrong" if credit == 0 else "partly")
    return ItemFeedback(correct, "".join(message), credit, status)


def normalise_answer(value) -> dict:
    """Check an answer {"label": one of LABELS, "sourcing": one of SOURCING}."""
    if not isinstance(value, dict) or set(value) != {"label", "sourcing"}:
        raise AnswerError('An answer is {"label": ..., "sourcing": ...}.')
    if value["label"] not in vocab.LABELS:
        raise AnswerError(f"Choose a label: {', '.join(vocab.LABELS)}.")
    if value["sourcing"] not in vocab.SOURCING:
        raise AnswerError(f"Choose how the sentence is sourced: {', '.join(vocab.SOURCING)}.")
    return {"label": value["label"], "sourcing": value["sourcing"]}


def grade_fact_opinion(case, answers, items=None) -> Grade:
    """Grade {sentence_id: {"label", "sourcing"}}; `items` defaults to every sentence of the case.

    A sentence counts as correct when label and sourcing both match the key; `points` gives half the label's
    credit for a label the key lists as defensible.
    """
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    grade = Grade(0, 0, unit="sentences")
    for sentence_id in items:
        sentence = case.sentence(sentence_id)
        value = answers.get(sentence_id)
        try:
            feedback = grade_sentence(sentence, None if value is None else normalise_answer(value))
        except ValueError as error:
            feedback = unreadable(error)
        grade.items[sentence_id] = feedback
        grade.answered += value is not None
        if sentence.label is None:
            grade.items[sentence_id] = replace(feedback, possible=0)
        else:
            grade.total += 1
            grade.correct += bool(feedback.correct)
            grade.points += feedback.credit
    return grade


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
        title = ("<h4 style='margin:0.2em 0'>Fact or opinion?</h4><p>Read the sentence. Choose a label and how it "
                 "is sourced, then press <b>Check my answer</b>. Your first answer counts: the key is shown after "
                 "it.</p>")
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.sentence_html = ipw.HTML()
        self.label_choice = ipw.RadioButtons(options=[(label, label) for label in vocab.LABELS], value=None,
                                             description="Label:", tooltip="Is the sentence fact, opinion or mixed?")
        self.sourcing_choice = ipw.RadioButtons(options=[(kind, kind) for kind in vocab.SOURCING], value=None,
                                                description="Sourcing:", tooltip="Where does the sentence say "
                                                                                 "its information comes from?")
        help_html = ipw.HTML(
            "<details><summary>What the labels and sourcing kinds mean</summary>"
            f"{_description_list(vocab.LABEL_DESCRIPTIONS)}{_description_list(vocab.SOURCING_DESCRIPTIONS)}"
            "</details>")
        choices = ipw.HBox([self.label_choice, self.sourcing_choice], layout=ipw.Layout(flex_flow="row wrap"))
        return ipw.VBox([self.sentence_html, choices, help_html])

    def _show_item(self, item_id, locked):
        sentence = self.case.sentence(item_id)
        where = "the headline" if sentence.paragraph == 0 else f"paragraph {sentence.paragraph}"
        self.sentence_html.value = (f"<blockquote style='font-size:1.1em; margin:0.4em 0; padding-left:0.8em; "
                                    f"border-left:4px solid #888'>{esc(sentence.text)}</blockquote>"
                                    f"<p style='font-size:90%; color:#444'>From {where}.</p>")
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
