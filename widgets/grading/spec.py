"""What a grading module tells the rest of the kit about its exercise (see widgets/grading/registry.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise as grading knows it.

    key: the exercise's key in the save file; title: what students see it called (charts, reports); unit: what
    its score counts; grade: ``grade(case, answers, items=None) -> Grade`` (pure); normalise: checks one saved
    answer and returns it cleaned, raising ValueError (None when the widget checks answers itself).
    """
    key: str
    title: str
    unit: str
    grade: Callable
    normalise: Callable | None = None
