"""Written answers (FreeResponse): no key; an answer counts when it is written."""
from __future__ import annotations

from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Status
from widgets.core.grading.spec import CHANGEABLE, ExerciseSpec

KEY = "responses"
MAX_CHARS = 5000      # the answer box's limit; the class report cuts a longer (hand-edited) answer here


def grade_responses(case, answers, items=None) -> Grade:
    """Count non-empty responses. There is no key: `correct` is the number of questions answered."""
    items = tuple(items) if items is not None else tuple(answers)
    grade = Grade(0, len(items), unit="responses written")
    for key in items:
        text = answers.get(key)
        written = isinstance(text, str) and bool(text.strip())
        grade.answered += written
        grade.correct += written
        grade.points += written
        grade.items[key] = (ItemFeedback(True, 1.0, Status.RIGHT, kind=KEY) if written
                            else UNANSWERED if text is None else ItemFeedback(False, 0.0, Status.UNANSWERED, kind=KEY))
    return grade


SPEC = ExerciseSpec(KEY, "Written answers", "responses written", grade_responses, final=CHANGEABLE, written=True,
                    feedback="written", report="written")
