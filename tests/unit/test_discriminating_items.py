"""Items that tell students apart (issue 20, part 2): on every short path that assigns sorting or verdicts, answering
one label (with one sourcing) for every sentence, or one verdict for every claim, scores at most half the points;
the sorted sentences include every label the key uses in the article and its most opinion-like sentence."""
from collections import Counter
from pathlib import Path

import pytest

from widgets import seed_case
from widgets.core import vocab
from widgets.core.grading.registry import REGISTRY
from widgets.lesson import lesson_files, lesson_plan

LESSONS = Path(__file__).parents[2] / "lessons"
CASE = seed_case("biden-china-2022")


def _short(exercise):
    return [(path.name, plan["assign"]["short"][exercise]) for path in lesson_files(LESSONS)
            if exercise in (plan := lesson_plan(path)).get("assign", {}).get("short", {})]


def most_opinion_like(case):
    """The sentence the key labels or accepts as opinion that carries the most framing devices."""
    devices = Counter(f.sentence_id for f in case.framing)
    candidates = [s for s in case.sentences
                  if s.label == "opinion" or "opinion" in [a.label for a in s.alternatives]]
    return max(candidates, key=lambda s: devices[s.id]).id


@pytest.mark.parametrize("lesson, items", _short("fact_opinion"))
def test_one_label_for_every_sentence_scores_at_most_half(lesson, items):
    assert {CASE.sentence(i).label for i in items} == {s.label for s in CASE.sentences}, lesson
    assert most_opinion_like(CASE) in items, lesson
    for label in vocab.LABELS:
        for sourcing in vocab.SOURCING:
            grade = REGISTRY["fact_opinion"](CASE, {i: {"label": label, "sourcing": sourcing} for i in items}, items)
            assert grade.points <= len(items) / 2, (lesson, label, sourcing, grade.points)


@pytest.mark.parametrize("lesson, items", _short("verdicts"))
def test_one_verdict_for_every_claim_scores_at_most_half(lesson, items):
    for verdict in vocab.VERDICTS:
        grade = REGISTRY["verdicts"](CASE, {i: verdict for i in items}, items)
        assert grade.points <= len(items) / 2, (lesson, verdict, grade.points)


def test_both_exercises_are_checked():
    assert _short("fact_opinion") and _short("verdicts")
