"""What a grading module tells the rest of the kit about its exercise (see widgets/core/grading/registry.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# When a saved answer becomes final (widgets.core.work_format.merge_work applies it on disk, whatever a kernel sends later).
ONCE_ANSWERED = "once answered"     # an item's first answer stands: its key is shown right after it
ONCE_COMMITTED = "once committed"   # every answer of the section stands once its COMMITTED item is true
CHANGEABLE = "changeable"           # the newest answer wins (nothing of the key depends on it)
COMMITTED = "_committed"            # the item that commits a whole form (the skills check)


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise as grading knows it.

    key: the exercise's key in the save file; title: what students see it called (charts, reports); unit: what
    its score counts; grade: ``grade(case, answers, items=None) -> Grade`` (pure); normalise: checks one saved
    answer and returns it cleaned, raising ValueError (None when the widget checks answers itself); items:
    ``items(case) -> ids`` every item the exercise can ask of a case (None: the case's sentences), which a lesson
    plan's "all" spells out and its lists must come from.
    """
    key: str
    title: str
    unit: str
    grade: Callable
    normalise: Callable | None = None
    final: str = ONCE_ANSWERED
    items: Callable | None = None
