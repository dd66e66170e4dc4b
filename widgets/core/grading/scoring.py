"""One score for a student's work, the same on the summary page, in the hand-in and in the gradebook.

A score is counted over the items the teacher's assignment names for the student's path (``assignment``:
{exercise: item ids}, from widgets.core.lesson.plans.teacher_assignment), with partial credit: ``points`` of
``possible``. Answers to other items are graded too (``outside``), and listed, never counted; answers naming no item
of the case are listed as ``unknown``. The ``assigned`` list an exercise keeps in the save file (what it asked) is a
student-controlled record: it decides a score only for a caller without an assignment (an exercise the lessons do
not know, like the toy exercise of CONTRIBUTING).

    scores = score_sections(case, work.data["exercises"], teacher_assignment(case, path))
    scores["fact_opinion"].points, scores["fact_opinion"].possible
"""
from __future__ import annotations

from dataclasses import dataclass, field

from widgets.core.grading.registry import EXERCISE_TITLES, REGISTRY, is_written, item_pool


@dataclass
class ItemScore:
    item: str
    points: float
    possible: int
    status: str               # right / partly / wrong / unanswered / ungraded


@dataclass
class ExerciseScore:
    exercise: str
    points: float             # with partial credit
    possible: int             # what full marks would give
    correct: int              # units fully right
    answered: int             # assigned items answered
    assigned: list | None     # the ids asked; None: no record, so every item of the case counted
    unit: str = "items"
    items: list = field(default_factory=list)   # of ItemScore, in item order
    outside: list = field(default_factory=list)  # of ItemScore: answered items of the case the assignment leaves out
    unknown: list = field(default_factory=list)  # answer ids that name no item of the case (never counted)

    @property
    def title(self) -> str:
        return EXERCISE_TITLES.get(self.exercise, self.exercise)

    def line(self) -> str:
        """The score in words, as the summary page prints it."""
        asked = len(self.assigned) if self.assigned is not None else len(self.items)
        if not self.possible:
            return f"{self.title}: {self.answered} of {asked} answered (no score: there is no key here)."
        return (f"{self.title}: {points_text(self.points)} of {self.possible} points "
                f"({self.correct} of {self.possible} {self.unit} fully right; {self.answered} of {asked} answered).")

    def as_dict(self) -> dict:
        """What the hand-in records."""
        return {"points": round(self.points, 4), "possible": self.possible, "correct": self.correct,
                "answered": self.answered,
                "assigned": list(self.assigned) if self.assigned is not None else None}


def points_text(points: float) -> str:
    """3.5 -> '3.5', 4.0 -> '4', 2.75 -> '2.75' (never more than two decimals)."""
    return f"{round(points, 2):g}"


def assigned_items(section: dict) -> list | None:
    """The ids an exercise section says it asked, or None when it does not say."""
    assigned = section.get("assigned") if isinstance(section, dict) else None
    if isinstance(assigned, list) and assigned and all(isinstance(item, str) for item in assigned):
        return list(assigned)
    return None


def score_exercise(case, exercise: str, section: dict, grade_function=None, assigned=None) -> ExerciseScore:
    """Grade one exercise section of a save file or hand-in over `assigned` (the teacher's items; None: the
    section's own "assigned" record, else every item), and grade the answers outside it apart (pure).
    `grade_function`: the exercise's grade function (default: REGISTRY[exercise])."""
    answers = section.get("answers", {}) if isinstance(section, dict) else {}
    answers = answers if isinstance(answers, dict) else {}
    grade_function = grade_function or REGISTRY[exercise]
    if assigned is None:
        assigned = assigned_items(section)
        if is_written(exercise) and assigned is None:
            assigned = list(answers)   # written answers have no "every item": the questions answered
    else:
        assigned = list(dict.fromkeys(assigned))
    if assigned == []:
        grade = None
    else:
        grade = grade_function(case, answers, items=assigned)
    items = [ItemScore(item, round(feedback.points, 4), feedback.possible, feedback.status)
             for item, feedback in (grade.items.items() if grade is not None else ())]
    counted = {item.item for item in items}
    known = _known_ids(case, exercise)
    others = [item for item in answers if item not in counted]
    outside_ids = [item for item in others if known is None or item in known]
    outside = []
    if outside_ids:
        extra = grade_function(case, answers, items=outside_ids)
        outside = [ItemScore(item, round(feedback.points, 4), feedback.possible, feedback.status)
                   for item, feedback in extra.items.items()]
    unknown = [item for item in others if known is not None and item not in known]
    if grade is None:
        return ExerciseScore(exercise, 0.0, 0, 0, 0, [], "items", [], outside, unknown)
    return ExerciseScore(exercise, round(grade.points, 4), grade.total, grade.correct, grade.answered, assigned,
                         grade.unit, items, outside, unknown)


def _known_ids(case, exercise: str):
    """The item ids of `case` an exercise can ask (registry.item_pool); None for written answers, whose ids are the
    lessons' questions."""
    if is_written(exercise) or case is None:
        return None
    return set(item_pool(exercise, case))


def score_sections(case, sections: dict, assignment: dict | None = None) -> dict:
    """{exercise: ExerciseScore} for every graded exercise the student opened (answered, or was assigned),
    in REGISTRY order, over the teacher's `assignment` ({exercise: item ids}; None: each section's own record).
    Sections that are not exercises (e.g. "key_shown", "warmup") are left out."""
    scores = {}
    for exercise in REGISTRY:
        section = sections.get(exercise)
        if not isinstance(section, dict) or not (section.get("answers") or assigned_items(section)):
            continue
        assigned = None if assignment is None else assignment.get(exercise, [])
        scores[exercise] = score_exercise(case, exercise, section, assigned=assigned)
    return scores
