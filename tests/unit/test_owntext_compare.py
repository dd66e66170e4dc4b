"""compare_with_class: feedback without a key compares a student with classmates (dict or folder of hand-ins)."""
import pytest

from widgets.classroom.compare import compare_with_class
from widgets.core.owntext.from_text import case_from_text

CASE = case_from_text("A Headline Here\n\nIt rained. He said it was awful. Officials met.")


def fo(label, sourcing="none"):
    return {"label": label, "sourcing": sourcing}


CLASS = {
    "Ada": {"p1s1": fo("fact"), "p1s2": fo("mixed", "named")},
    "Bo": {"p1s1": fo("fact", "unattributed"), "p1s2": fo("mixed", "named")},
    "Me": {"p1s1": fo("opinion")},           # the student's own earlier hand-in: left out
}


def test_fact_opinion_against_the_most_common_answers():
    mine = {"p1s1": fo("fact"), "p1s2": fo("opinion", "named")}
    result = compare_with_class(CASE, "fact_opinion", mine, CLASS, student=" me ")
    assert result.summary == {"exercise": "fact_opinion", "classmates": 2, "compared": 2, "agree_with_most": 1,
                              "differ": ["p1s2"]}
    differing = result.items[1]
    assert differing.counts == {"mixed, named": 2} and "label 'mixed'" in differing.note
    assert "You differ from most of the class on: p1s2." in result.text()


def test_a_tie_counts_as_agreeing():
    mine = {"p1s1": fo("fact", "unattributed")}
    result = compare_with_class(CASE, "fact_opinion", mine, CLASS, student="Me")
    assert result.summary["agree_with_most"] == 1


def test_marks_compare_phrases():
    mine = {"p1s3": [{"start": 0, "end": 9, "kind": "group"}], "p1s2": []}
    others = {"a": {"p1s3": [{"start": 0, "end": 9, "kind": "group"}], "p1s2": [{"start": 0, "end": 2,
                                                                               "kind": "person"}]},
              "b": {"p1s3": [], "p1s2": [{"start": 0, "end": 2, "kind": "person"}]}}
    result = compare_with_class(CASE, "actors", mine, others, student="me")
    assert result.summary["differ"] == ["p1s2"]
    assert "'He': marked by 2 of 2 classmates, not by you" in result.items[1].note


def test_plain_values_and_nothing_to_compare():
    result = compare_with_class(CASE, "verdicts", {"c1": "supported"}, {"a": {"c1": "distorted"}}, student="me")
    assert result.summary["differ"] == ["c1"]
    alone = compare_with_class(CASE, "fact_opinion", {"p1s1": fo("fact")}, {}, student="me")
    assert alone.summary["classmates"] == 0 and "nothing to compare" in alone.text()


def test_html_escapes_everything():
    case = case_from_text("Head\n\n<script>x()</script> happened.")
    result = compare_with_class(case, "fact_opinion", {"p1s1": fo("fact")},
                                {"<b>Eve</b>": {"p1s1": fo("fact")}}, student="me")
    page = result.html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "does not make an answer right" in page


def test_folder_of_hand_ins(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "work"))
    from widgets.classroom.handin import hand_in
    from widgets.core.storage import WorkFile
    folder = None
    for student, label in (("Ada", "fact"), ("Bo", "fact"), ("Cy", "opinion")):
        WorkFile(student, CASE.id).record("fact_opinion", "p1s1", fo(label))
        path = hand_in(CASE, student=student)
        folder = path.parent
    result = compare_with_class(CASE, "fact_opinion", {"p1s1": fo("opinion")}, folder, student="Cy")
    assert result.summary == {"exercise": "fact_opinion", "classmates": 2, "compared": 1, "agree_with_most": 0,
                              "differ": ["p1s1"]}


def test_bad_class_answers_type():
    with pytest.raises(TypeError, match="folder of hand-ins or a dict"):
        compare_with_class(CASE, "fact_opinion", {}, 42, student="me")


def test_no_answers_yet_says_so():
    result = compare_with_class(CASE, "fact_opinion", {}, CLASS, student="me")
    assert "you have not answered yet" in result.text()
