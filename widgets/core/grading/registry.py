"""The exercises the kit scores: key -> ExerciseSpec. One line per exercise; a new exercise type adds its line.

The summary page, the hand-in, the gradebook and the class report score these (in this order), and take their
grade functions from here only, so building a report never imports a widget (nor ipywidgets).
"""
from __future__ import annotations

from collections.abc import Mapping

from widgets.core.grading import records
from widgets.core.grading import (actors, claims, exit_tickets, fact_opinion, framing_items, lateral, responses, skills,
                             verdict_moves, verdicts)
from widgets.core.grading.spec import CHANGEABLE

SPECS = {spec.key: spec for spec in (
    fact_opinion.SPEC,
    actors.SPEC,
    claims.SPEC,
    verdicts.SPEC,
    responses.SPEC,
    exit_tickets.SPEC,
)}


class _Field(Mapping):
    """A read-only view of one field of every spec in SPECS (so a spec added to SPECS shows here too)."""

    def __init__(self, name):
        self._name = name

    def __getitem__(self, key):
        return getattr(SPECS[key], self._name)

    def __iter__(self):
        return iter(SPECS)

    def __len__(self):
        return len(SPECS)


REGISTRY = _Field("grade")
"""Exercise key (in the save file) -> grade function ``f(case, answers, items=None) -> Grade``."""

EXERCISE_TITLES = _Field("title")
"""Exercise key -> what students see it called (charts, reports)."""


# When each save-file section's answers become final (widgets.core.grading.spec: ONCE_ANSWERED, ONCE_COMMITTED,
# CHANGEABLE): the scored exercises' specs, then the practice exercises and the records. The merge of saved work
# (widgets.core.work_format.merge_work) applies it, so every way of writing an answer (a widget in any tab, an import)
# obeys one rule. A section not named here (e.g. the path record) is CHANGEABLE: the newest answer wins.
FINAL_RULES = {
    **{key: spec.final for key, spec in SPECS.items()},
    framing_items.KEY: framing_items.SPEC.final,
    **skills.FINAL,
    **verdict_moves.FINAL,
    **lateral.FINAL,
    **records.FINAL,
}


def final_rule(section: str) -> str:
    """When the answers of one save-file section become final (CHANGEABLE for a section the kit does not know)."""
    return FINAL_RULES.get(section, CHANGEABLE)


def item_pool(exercise: str, case) -> list:
    """Every item `exercise` can ask of `case`: its spec's ``items`` (claims for verdicts, questions for exit
    tickets), else the case's sentences. Lesson plans spell "all" out with it; the gradebook and the report's checks
    know a case's item ids by it."""
    spec = SPECS.get(exercise)
    return list(spec.items(case)) if spec is not None and spec.items is not None else [s.id for s in case.sentences]
