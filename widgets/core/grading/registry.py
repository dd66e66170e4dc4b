"""Every exercise of the kit: save-file section -> ExerciseSpec. One line per exercise; a new exercise type adds its
line (its spec lives in its grading module).

Everything the rest of the kit knows of an exercise it reads here: the summary page, the hand-in, the gradebook and
the class report score the exercises with a score (REGISTRY, in this order) and take their grade functions from here
only, so building a report never imports a widget (nor ipywidgets); lesson plans spell out "all" with item_pool;
feedback picks its words by feedback_style; the class report builds its sections by report_styles and the lessons'
key views their kind by key_view_style; the merge of saved work asks final_rule. No other module lists exercise
keys (tests/unit/test_exercise_registry.py checks it).
"""
from __future__ import annotations

from collections.abc import Mapping

from widgets.core.grading import (actors, claims, exit_tickets, fact_opinion, framing_items, lateral, records,
                                  responses, skills, verdict_moves, verdicts)
from widgets.core.grading.spec import CHANGEABLE, CHOICE

# In this order the summary, the hand-in and the gradebook list the exercises with a score, and the class report
# shows its sections (each spec's ``report``, each style once where it first appears).
SPECS = {spec.key: spec for spec in (
    fact_opinion.SPEC,
    actors.SPEC,
    claims.SPEC,
    verdicts.SPEC,
    *skills.SPECS,
    *lateral.SPECS,
    framing_items.SPEC,
    verdict_moves.SPEC,
    responses.SPEC,
    exit_tickets.SPEC,
)}


def scored() -> list:
    """The keys of the exercises with a score (summary, hand-in, gradebook), in SPECS order."""
    return [key for key, spec in SPECS.items() if spec.scored]


class _Field(Mapping):
    """A read-only view of one field of the specs in SPECS (so a spec added to SPECS shows here too); `scored_only`:
    of the exercises with a score only."""

    def __init__(self, name, scored_only=False):
        self._name = name
        self._scored_only = scored_only

    def _keys(self):
        return scored() if self._scored_only else list(SPECS)

    def __getitem__(self, key):
        if key not in self._keys():
            raise KeyError(key)
        return getattr(SPECS[key], self._name)

    def __iter__(self):
        return iter(self._keys())

    def __len__(self):
        return len(self._keys())


REGISTRY = _Field("grade", scored_only=True)
"""Exercise key (in the save file) -> grade function ``f(case, answers, items=None) -> Grade``, for the exercises
with a score, in the order the summary, the hand-in and the gradebook list them."""

EXERCISE_TITLES = _Field("title")
"""Exercise key -> what students see it called (charts, reports, the hand-in's preview)."""


def final_rule(section: str) -> str:
    """When the answers of one save-file section become final (widgets.core.grading.spec: ONCE_ANSWERED,
    ONCE_COMMITTED, CHANGEABLE): its spec's ``final``, else the record's (records.FINAL), else CHANGEABLE (e.g. the
    path record: the newest answer wins). Read from SPECS at each call, so a spec added later obeys it too. The merge
    of saved work (widgets.core.work_format.merge_work) applies it, so every way of writing an answer (a widget in
    any tab, an import) obeys one rule."""
    spec = SPECS.get(section)
    return spec.final if spec is not None else records.FINAL.get(section, CHANGEABLE)


def item_pool(exercise: str, case) -> list:
    """Every item `exercise` can ask of `case`: its spec's ``items`` (claims for verdicts, questions for exit
    tickets), else the case's sentences. Lesson plans spell "all" out with it; the gradebook and the report's checks
    know a case's item ids by it."""
    spec = SPECS.get(exercise)
    return list(spec.items(case)) if spec is not None and spec.items is not None else [s.id for s in case.sentences]


def section_title(section: str) -> str:
    """What students see a save-file section called: an exercise's title, a record's (widgets.core.grading.records.TITLES),
    else its key."""
    return EXERCISE_TITLES.get(section) or records.TITLES.get(section, section)


def is_written(exercise: str) -> bool:
    """Whether `exercise` takes written answers to the lessons' questions (its items are not the case's)."""
    spec = SPECS.get(exercise)
    return spec is not None and spec.written


def feedback_style(exercise: str) -> str:
    """How an item's feedback for `exercise` reads (a spec's ``feedback``; "choice" for an exercise not registered)."""
    spec = SPECS.get(exercise)
    return spec.feedback if spec is not None else CHOICE


def report_styles() -> list:
    """The class report's sections (the specs' ``report`` styles), in SPECS order, each once."""
    return list(dict.fromkeys(spec.report for spec in SPECS.values() if spec.report is not None))


def key_view_style(exercise: str) -> str:
    """Which locked key view the lessons show for `exercise` (its spec's ``key_view``); ValueError if it has none."""
    spec = SPECS.get(exercise)
    if spec is None or spec.key_view is None:
        raise ValueError(f"The exercise {exercise!r} has no key view (its spec's key_view is None)."
                         if spec is not None else f"{exercise!r} is not an exercise of the kit (see registry.SPECS).")
    return spec.key_view


def findings_exercises() -> list:
    """The exercises whose assigned items the summary's "what the answer key found" waits for."""
    return [key for key, spec in SPECS.items() if spec.findings]
