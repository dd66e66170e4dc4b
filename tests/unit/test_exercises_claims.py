"""ClaimMarker: marking claims with their sourcing; verdicts, then evidence and the key's verdict."""

import pytest

from widgets.core.case import Case, Claim, Sentence, Source
from widgets.exercises.claims import ClaimMarker
from widgets.core.grading.claims import grade_claims
from widgets.core.grading.verdicts import grade_verdicts



def mark_claim(marker, indices, sourcing):
    marker.picker.select_words(*indices)
    marker.picker.phrase_dropdowns()[-1].value = sourcing


def test_right_claim_by_clicking(case):
    marker = ClaimMarker(case, student="Ada", sentences=["p1s1"])
    assert marker.exercise == "claims" and marker.items == ("p1s1",)
    mark_claim(marker, range(7, 16), "named")   # "signed ... Monday"
    marker.check_button.click()
    text = marker.feedback.value
    assert "Found the claim “signed a river treaty in Harbor City on Monday”" in text and "✔ Right" in text
    assert "The joint statement records the signing" in text
    assert marker.score() == (1, 1)


def test_wrong_sourcing_near_miss_and_extra(case):
    marker = ClaimMarker(case, student="Ada", sentences=["p1s1"])
    mark_claim(marker, [15], "named")             # "Monday" alone: too little of the claim
    mark_claim(marker, [19, 20], "named")         # "joint statement": no claim there
    marker.check_button.click()
    text = marker.feedback.value
    assert "“Monday” touches the claim" in text and "Extra</span>: the key has no checkable claim at “joint statement”" in text
    assert "Missed</span> the claim “signed a river treaty" in text
    assert marker.score() == (0, 1)
    sourcing = grade_claims(case, {"p1s2": [{"start": 15, "end": 35, "sourcing": "named"}]}, items=["p1s2"])
    assert (sourcing.correct, sourcing.points) == (0, 0.5)
    (found,) = sourcing.items["p1s2"].matched
    assert (found.choice, found.key_choice, found.status) == ("named", "anonymous", "wrong")


def test_missed_claim_when_nothing_marked_and_right_when_none_exists(case):
    marker = ClaimMarker(case, student="Ada", sentences=["p1s2", "p2s1"])
    marker.check_button.click()
    assert "Missed</span> the claim “the talks were tense”" in marker.feedback.value
    marker.next_button.click()
    marker.check_button.click()
    assert "the key finds no checkable claim here, and neither did you" in marker.feedback.value
    grade = marker.check()
    assert (grade.correct, grade.total, grade.answered) == (0, 1, 2)


def test_sourcing_must_be_chosen(case):
    marker = ClaimMarker(case, student="Ada", sentences=["p1s2"])
    marker.picker.select_words(2, 3, 4, 5)
    marker.check_button.click()
    assert "Choose the sourcing of “the talks were tense” first" in marker.problem.value


def test_verdict_is_committed_before_evidence_is_shown(case):
    marker = ClaimMarker(case, student="Ada", mode="verdict")
    assert marker.exercise == "verdicts" and marker.items == ("c1", "c2")
    marker.next_button.click()
    assert "[claim: the talks were tense]" in marker.claim_html.value
    everything = marker.claim_html.value + marker.feedback.value + marker.title.value
    assert "example.org" not in everything and "Only the wire story" not in everything
    marker.verdict_choice.value = "supported"
    assert marker.feedback.value == ""
    marker.check_button.click()
    text = marker.feedback.value
    assert "✘" in text and "the key's verdict is <b>unsupported</b>" in text and "Only the wire story says so" in text
    assert '<a href="https://example.org/wire/river-treaty" target="_blank" rel="noopener noreferrer">' in text
    assert "case_min/primary/01_joint_statement.txt" in text and "Public domain" in text
    assert marker.verdict_choice.disabled and marker.score() == (0, 2)


def test_right_verdict(case):
    marker = ClaimMarker(case, student="Ada", mode="verdict", claims=["c1"])
    marker.verdict_choice.value = "supported"
    marker.check_button.click()
    assert "✔ Right" in marker.feedback.value and marker.score() == (1, 1)
    assert grade_verdicts(case, {"c1": "supported", "c2": "unsupported"}).correct == 2


def test_verdict_must_be_chosen_and_valid(case):
    marker = ClaimMarker(case, student="Ada", mode="verdict")
    marker.check_button.click()
    assert "Choose a verdict first" in marker.problem.value
    with pytest.raises(ValueError, match="Choose a verdict"):
        marker.answer("c1", "true")


def test_mode_arguments_are_checked(case):
    with pytest.raises(ValueError, match="claims= is for mode='verdict'"):
        ClaimMarker(case, claims=["c1"])
    with pytest.raises(ValueError, match="sentences= is for mode='mark'"):
        ClaimMarker(case, mode="verdict", sentences=["h"])


def test_escaping_and_no_unsafe_links():
    text = "They said <script>alert(1)</script> happened."
    case = Case(id="evil", title="t", meta={}, sentences=(Sentence("p1s1", 1, text, "fact", "named", "r"),),
                claims=(Claim("c1", "p1s1", 10, 35, text[10:35], "named", "supported",
                              "<img src=x onerror=alert(2)>", ("s1",)),),
                sources=(Source("s1", "<b>T</b>", "P", None, "javascript:alert(3)", False),))
    marker = ClaimMarker(case, student="Ada", mode="verdict")
    assert "<script" not in marker.claim_html.value and "&lt;script&gt;" in marker.claim_html.value
    marker.answer("c1", "supported")
    text = marker.feedback.value
    assert "<img" not in text and "javascript:" not in text and "&lt;b&gt;T&lt;/b&gt;" in text
    mark = ClaimMarker(case, student="Ada")
    mark.answer("p1s1", [{"start": 10, "end": 35, "sourcing": "named"}])
    assert "<script" not in mark.feedback.value and "<img" not in mark.feedback.value
