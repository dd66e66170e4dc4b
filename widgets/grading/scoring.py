"""One score for a student's work, the same on the summary page, in the hand-in and in the gradebook.

A score is counted over the items the exercise *assigned* (the ids it asked, kept in the save file under
``exercises.<name>.assigned`` and copied into the hand-in), with partial credit: ``points`` of ``possible``.
Without an ``assigned`` record (an older save file or hand-in) every item of the case counts, as before.

    scores = score_sections(case, work.data["exercises"])     # {exercise: ExerciseScore}
    scores["fact_opinion"].points, scores["fact_opinion"].possible
"""
from __future__ import annotations

from dataclasses import dataclass, field

from widgets.grading.registry import EXERCISE_TITLES, REGISTRY


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


def score_exercise(case, exercise: str, section: dict, grade_function=None) -> ExerciseScore:
    """Grade one exercise section of a save file or hand-in over its assigned items (pure). `grade_function`:
    the exercise's grade function (default: REGISTRY[exercise])."""
    answers = section.get("answers", {}) if isinstance(section, dict) else {}
    assigned = assigned_items(section)
    if exercise == "responses" and assigned is None:
        assigned = list(answers)   # free responses have no "every item": the questions answered
    grade = (grade_function or REGISTRY[exercise])(case, answers, items=assigned)
    items = [ItemScore(item, round(feedback.points, 4), feedback.possible, feedback.status)
             for item, feedback in grade.items.items()]
    return ExerciseScore(exercise, round(grade.points, 4), grade.total, grade.correct, grade.answered, assigned,
                         grade.unit, items)


def score_sections(case, sections: dict) -> dict:
    """{exercise: ExerciseScore} for every graded exercise the student opened (answered, or was assigned),
    in REGISTRY order. Sections that are not exercises (e.g. "key_shown", "warmup") are left out."""
    scores = {}
    for exercise in REGISTRY:
        section = sections.get(exercise)
        if not isinstance(section, dict) or not (section.get("answers") or assigned_items(section)):
            continue
        scores[exercise] = score_exercise(case, exercise, section)
    return scores
