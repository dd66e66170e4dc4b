"""The loop shared by the marking exercises (actors, claims): grade each sentence's marks and add up."""
from __future__ import annotations

from dataclasses import replace

from widgets.core.grading.results import Grade, check_item_ids, unreadable


def grade_marked_sentences(case, answers, items, unit, normalise, grade_sentence, kind="") -> Grade:
    """Normalise each sentence's marks, grade them with
    `grade_sentence(case, sentence, marks) -> (ItemFeedback, units, correct, points)`, and add up. An unreadable
    answer counts as wrong instead of stopping the grade (one bad answer must not stop a class report)."""
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    grade = Grade(0, 0, unit=unit)
    for sentence_id in items:
        sentence = case.sentence(sentence_id)
        marks = answers.get(sentence_id)
        try:
            marks = None if marks is None else normalise(sentence, marks)
            feedback, units, correct, points = grade_sentence(case, sentence, marks)
        except ValueError as error:
            units = grade_sentence(case, sentence, None)[1]
            feedback, correct, points = unreadable(error, kind), 0, 0.0
        grade.items[sentence_id] = replace(feedback, possible=units,
                                           credit=(points / units) if units else feedback.credit)
        grade.answered += marks is not None
        grade.total += units
        grade.correct += correct
        grade.points += points
    return grade
