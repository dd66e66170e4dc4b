"""Fair scoring on small in-test cases (built from tests/fixtures/case_min, so nothing here depends on seeds/):
defensible labels, sourcing kinds and verdicts earn partial credit with a reason, score() is fractional, and two
adjacent key claims can be marked separately or together."""
from dataclasses import replace

import pytest

from widgets.core.case import Alternative, Claim, VerdictAlternative
from widgets.exercises.claims import ClaimMarker
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.grading.claims import DEFENSIBLE_SOURCING_CREDIT, grade_claims, match_claim_marks
from widgets.core.grading.fact_opinion import grade_fact_opinion
from widgets.core.grading.verdicts import grade_verdicts
from widgets.exercises.feedback import item_html


@pytest.fixture
def fair(case):
    """case_min with: p2s1 (opinion, unattributed) also defensible as sourcing 'none'; claim c2 (unsupported)
    also defensible as not-checkable; and p1s1's claim split into two adjacent key claims."""
    p2s1 = replace(case.sentence("p2s1"), alternatives=(
        Alternative(label=None, sourcing="none", why="It is the writer's own guess, so it needs no source."),))
    sentences = tuple(p2s1 if s.id == "p2s1" else s for s in case.sentences)
    c1 = next(c for c in case.claims if c.id == "c1")
    c2 = next(c for c in case.claims if c.id == "c2")
    text = case.sentence("p1s1").text
    first, second = "signed a river treaty", "in Harbor City on Monday"
    a = replace(c1, id="c1a", start=text.index(first), end=text.index(first) + len(first), text=first)
    b = replace(c1, id="c1b", start=text.index(second), end=text.index(second) + len(second), text=second)
    c2 = replace(c2, alternatives=(VerdictAlternative("not-checkable", "The mood of closed talks cannot be "
                                                                      "observed from outside."),))
    return replace(case, sentences=sentences, claims=(a, b, c2))


def test_a_defensible_sourcing_earns_half_its_share_and_says_why(fair):
    grade = grade_fact_opinion(fair, {"p2s1": {"label": "opinion", "sourcing": "none"}}, items=["p2s1"])
    feedback = grade.items["p2s1"]
    assert (feedback.credit, feedback.status, grade.points) == (0.75, "partly", 0.75)
    label, sourcing = feedback.matched
    assert (label.key_id, label.status) == ("label", "right")
    assert (sourcing.key_id, sourcing.status, sourcing.choice) == ("sourcing", "partly", "none")
    assert "writer's own guess" in sourcing.accepted_why and sourcing.key_about   # why it is defensible; the key's own
    wrong = grade_fact_opinion(fair, {"p2s1": {"label": "opinion", "sourcing": "named"}}, items=["p2s1"])
    assert wrong.points == 0.5 and wrong.items["p2s1"].matched[1].status == "wrong"
    assert not wrong.items["p2s1"].matched[1].accepted_why
    shown = str(item_html(fair, "p2s1", feedback))      # and the student reads it
    assert "accepts <b>none</b> as defensible" in shown and "The key prefers its own" in shown


def test_a_defensible_verdict_earns_half_credit_with_the_keys_reason(fair):
    grade = grade_verdicts(fair, {"c2": "not-checkable"}, items=["c2"])
    feedback = grade.items["c2"]
    assert (grade.points, grade.correct, feedback.status) == (0.5, 0, "partly")
    (verdict,) = feedback.matched
    assert (verdict.status, verdict.choice, verdict.key_choice) == ("partly", "not-checkable", "unsupported")
    assert "cannot be observed" in verdict.accepted_why
    assert "The key prefers <b>unsupported</b>" in str(item_html(fair, "c2", feedback))
    assert grade_verdicts(fair, {"c2": "inaccurate"}, items=["c2"]).points == 0
    right = grade_verdicts(fair, {"c2": "unsupported"}, items=["c2"]).items["c2"]
    assert right.credit == 1 and [(r.kind, r.subject) for r in right.reasons][1:] == [("alternative", "not-checkable")]


def test_score_returns_fractional_points(fair):
    sorter = FactOpinionSorter(fair, student="Ada", sentences=["h", "p2s1"])
    sorter.answer("h", {"label": "fact", "sourcing": "none"})          # label defensible: 0.75
    sorter.answer("p2s1", {"label": "opinion", "sourcing": "none"})    # sourcing defensible: 0.75
    assert sorter.score() == (1.5, 2)
    verdicts = ClaimMarker(fair, student="Ada", mode="verdict", claims=["c2"])
    verdicts.answer("c2", "not-checkable")
    assert verdicts.score() == (0.5, 1)


def test_one_mark_over_two_adjacent_claims_counts_for_both_and_says_they_are_two(fair):
    text = fair.sentence("p1s1").text
    start, end = text.index("signed"), text.index("Monday") + len("Monday")
    matched, near, extra, missed = match_claim_marks(fair, fair.sentence("p1s1"),
                                                     [{"start": start, "end": end, "sourcing": "named"}])
    assert set(matched) == {"c1a", "c1b"} and not (near or extra or missed)
    grade = grade_claims(fair, {"p1s1": [{"start": start, "end": end, "sourcing": "named"}]}, items=["p1s1"])
    assert (grade.correct, grade.total, grade.points) == (2, 2, 2.0)
    feedback = grade.items["p1s1"]
    assert [(m.given, m.key_phrases) for m in feedback.other] == [
        (("signed a river treaty in Harbor City on Monday",), ("signed a river treaty", "in Harbor City on Monday"))]
    assert "covers 2 claims of the key" in str(item_html(fair, "p1s1", feedback))
    assert not feedback.missed and {m.key_id for m in feedback.matched} == {"c1a", "c1b"}


def test_two_adjacent_claims_can_be_marked_separately_with_split(fair):
    marker = ClaimMarker(fair, student="Ada", sentences=["p1s1"])
    picker = marker.picker
    words = [picker.text[s:e] for s, e in picker.spans]
    first, last = words.index("signed"), words.index("Monday")
    picker.select_words(*range(first, last + 1))
    assert len(picker.phrases()) == 1                      # adjacent words join into one phrase
    split = words.index("in", first)
    picker.split_before(split)
    assert [picker.text[s:e] for s, e in picker.phrases()] == ["signed a river treaty", "in Harbor City on Monday"]
    for box in picker.phrase_dropdowns():
        box.value = "named"
    marker.check_button.click()
    assert marker.answers["p1s1"] == [{"start": 49, "end": 70, "sourcing": "named"},
                                      {"start": 71, "end": 95, "sourcing": "named"}]
    grade = marker.check()
    assert (grade.correct, grade.total) == (2, 2) and not grade.items["p1s1"].other
    # restored after a restart: the two marks stay two phrases
    again = ClaimMarker(fair, student="Ada", sentences=["p1s1"])
    assert len(again.picker.phrases()) == 2


def test_the_split_menu_splits_and_joins(fair):
    marker = ClaimMarker(fair, student="Bo", sentences=["p1s1"])
    picker = marker.picker
    words = [picker.text[s:e] for s, e in picker.spans]
    picker.select_words(words.index("river"), words.index("treaty"))
    menu = picker.phrase_box.children[0].children[1]
    menu.value = words.index("treaty")                       # "split before 'treaty'"
    assert len(picker.phrases()) == 2
    join = picker.phrase_box.children[1].children[1]
    join.value = [value for _, value in join.options if value is not None and value < 0][0]
    assert len(picker.phrases()) == 1


def test_a_claim_found_with_a_defensible_sourcing_earns_more_than_a_wrong_one(fair):
    c3 = Claim("c3", "p2s1", 0, 7, "Critics", "unattributed", "not-checkable", "A guess.")
    case = replace(fair, claims=(*fair.claims, c3))
    mark = {"start": 0, "end": 7}
    defensible = grade_claims(case, {"p2s1": [{**mark, "sourcing": "none"}]}, items=["p2s1"])
    wrong = grade_claims(case, {"p2s1": [{**mark, "sourcing": "named"}]}, items=["p2s1"])
    assert defensible.points == DEFENSIBLE_SOURCING_CREDIT > wrong.points == 0.5
    assert [m.status for m in defensible.items["p2s1"].matched] == ["partly"]
    assert [m.status for m in wrong.items["p2s1"].matched] == ["wrong"]
