"""Quotes: does the sentence quote someone word for word? The key is read from the quotation marks."""
from widgets.core.grading.results import (UNANSWERED, AnswerError, Grade, ItemFeedback, Match, Status, check_item_ids,
                                     unreadable)
from widgets.core.grading.spec import ExerciseSpec

KEY = "quotes"
CHOICES = ("quote", "no quote")


def key_answer(sentence) -> str:
    return "quote" if any(mark in sentence.text for mark in '“"') else "no quote"


def normalise(value) -> str:
    if value not in CHOICES:
        raise AnswerError(f"Choose one of: {', '.join(CHOICES)}.")
    return value


def grade_quotes(case, answers, items=None) -> Grade:
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    grade = Grade(0, len(items), unit="sentences")
    for sentence_id in items:
        value = answers.get(sentence_id)
        if value is None:
            grade.items[sentence_id] = UNANSWERED
            continue
        grade.answered += 1
        try:
            given = normalise(value)
        except ValueError as error:
            grade.items[sentence_id] = unreadable(error, KEY)
            continue
        key = key_answer(case.sentence(sentence_id))
        status = Status.RIGHT if given == key else Status.WRONG
        grade.correct += status == Status.RIGHT
        grade.points += status == Status.RIGHT
        grade.items[sentence_id] = ItemFeedback(status == Status.RIGHT, float(status == Status.RIGHT), status,
                                                kind=KEY, matched=(Match(key_choice=key, choice=given, status=status),))
    return grade


SPEC = ExerciseSpec(KEY, "Quotes", "sentences", grade_quotes, normalise=normalise)
