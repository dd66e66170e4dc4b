"""Fact or opinion: grade each sentence's label and sourcing against the key (FactOpinionSorter)."""
from __future__ import annotations

import functools
from dataclasses import replace

from widgets.core import vocab
from widgets.core.grading.results import (UNANSWERED, AnswerError, Grade, ItemFeedback, Match, Reason, Status,
                                     check_item_ids, no_key, unreadable)
from widgets.core.grading.spec import ExerciseSpec

KEY = "fact_opinion"
# A label the key lists as another defensible reading earns this share of the label's credit.
DEFENSIBLE_CREDIT = 0.5


def grade_sentence(sentence, value) -> ItemFeedback:
    """Feedback on one sentence's answer {"label", "sourcing"} (value None = not answered)."""
    if value is None:
        return UNANSWERED
    return _graded_sentence(sentence, value["label"], value["sourcing"])


def _part(field, given, key, defensible) -> Match:
    """How one part of the answer (label or sourcing) compares with the key."""
    about = vocab.SOURCING_DESCRIPTIONS.get(key, "") if field == "sourcing" else ""
    if given == key:
        status, why = Status.RIGHT, ""
    elif given in defensible:
        status, why = Status.PARTLY, defensible[given]
    else:
        status, why = Status.WRONG, ""
    return Match(key_id=field, key_choice=key, key_about=about, choice=given, status=status, accepted_why=why)


# A class gives each sentence only a dozen different answers: grading each (sentence, answer) once keeps the class
# report's time nearly flat in the number of students.
@functools.lru_cache(maxsize=4096)
def _graded_sentence(sentence, label, sourcing) -> ItemFeedback:
    if sentence.label is None:
        return no_key(KEY)
    labels = {alt.label: alt.why for alt in sentence.alternatives if alt.label and alt.label != sentence.label}
    sourcings = {alt.sourcing: alt.why for alt in sentence.alternatives
                 if alt.sourcing and alt.sourcing != sentence.sourcing}
    parts = (_part("label", label, sentence.label, labels), _part("sourcing", sourcing, sentence.sourcing, sourcings))
    label_credit = {Status.RIGHT: 1.0, Status.PARTLY: DEFENSIBLE_CREDIT}.get(parts[0].status, 0.0)
    sourcing_credit = {Status.RIGHT: 1.0, Status.PARTLY: DEFENSIBLE_CREDIT}.get(parts[1].status, 0.0)
    reasons = [Reason("why", sentence.label, sentence.rationale or "")]
    others = [alt for alt in sentence.alternatives if alt.label and alt.label not in (label, sentence.label)]
    reasons += [Reason("alternative", alt.label, alt.why) for alt in others]
    if not others and not sentence.alternatives:
        reasons.append(Reason("note", "", "The key lists no other defensible label for this sentence."))
    correct = parts[0].status == Status.RIGHT and sourcing_credit == 1.0
    credit = (label_credit + sourcing_credit) / 2
    status = Status.RIGHT if correct else (Status.WRONG if credit == 0 else Status.PARTLY)
    return ItemFeedback(correct, credit, status, kind=KEY, matched=parts, reasons=tuple(reasons),
                        answer=(label, sourcing))


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
            feedback = unreadable(error, KEY)
        grade.items[sentence_id] = feedback
        grade.answered += value is not None
        if sentence.label is None:
            grade.items[sentence_id] = replace(feedback, possible=0)
        else:
            grade.total += 1
            grade.correct += bool(feedback.correct)
            grade.points += feedback.credit
    return grade


SPEC = ExerciseSpec(KEY, "Fact or opinion", "sentences", grade_fact_opinion, normalise=normalise_answer,
                    feedback="labels", findings=True, key_view="labels")
