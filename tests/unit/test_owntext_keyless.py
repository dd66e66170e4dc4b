"""A keyless case from case_from_text works in every exercise widget (mark modes), the article view, hand-in and the
class results; without a key the widgets say so instead of grading."""
import pytest

from widgets.views.article import ArticleView, render_article_html
from widgets.classroom.handin import hand_in
from widgets.classroom.results import class_results
from widgets.exercises.actors import ActorTagger
from widgets.exercises.claims import ClaimMarker
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.core.owntext.from_text import case_from_text

TEXT = "Talks Stall Again\n\nOfficials reportedly met on Tuesday. Critics say it was yet another failure."


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    return case_from_text(TEXT)


def test_article_view(case):
    assert "Officials reportedly met" in render_article_html(case)
    assert "Talks Stall Again" in repr(ArticleView(case))


@pytest.mark.parametrize("make, value", [
    (lambda c: FactOpinionSorter(c, student="Ada"), {"label": "fact", "sourcing": "anonymous"}),
    (lambda c: ActorTagger(c, student="Ada"), [{"start": 0, "end": 9, "kind": "group"}]),
    (lambda c: ClaimMarker(c, student="Ada"), [{"start": 0, "end": 9, "sourcing": "anonymous"}]),
])
def test_exercises_save_answers_and_say_there_is_no_key(case, make, value):
    widget = make(case)
    widget.answer("p1s1", value)
    grade = widget.check()
    assert grade.total == 0 and grade.answered == 1
    assert grade.items["p1s1"].status == "ungraded"
    assert "no answer key" in widget.feedback.value
    assert make(case).answers == {"p1s1": widget.answers["p1s1"]}  # saved and restored


def test_free_response(case):
    response = FreeResponse(case, "first_impression", "What is your first impression?")
    response.answer("first_impression", "It reads like a comment piece.")
    assert response.answers == {"first_impression": "It reads like a comment piece."}


def test_hand_in_and_class_results(case, tmp_path):
    folder = None
    for student, label in (("Ada", "fact"), ("Bo", "opinion"), ("Cy", "fact")):
        sorter = FactOpinionSorter(case, student=student)
        for item in sorter.items:
            sorter.answer(item, {"label": label, "sourcing": "none"})
        folder = hand_in(case, student=student).parent
    results = class_results(folder, case=case)
    assert len(results.students) == 3
    page = results.write_html(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Officials reportedly met" in page


def test_score_without_a_key_says_there_is_no_key_instead_of_zero(case):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.answer("p1s1", {"label": "fact", "sourcing": "anonymous"})
    sorter.score_button.click()
    assert "No answer key for this case" in sorter.feedback.value
    assert "0 of 0" not in sorter.feedback.value


def test_verdicts_need_claims_and_say_so(case):
    with pytest.raises(ValueError, match="Nothing to answer"):
        ClaimMarker(case, mode="verdict")


def test_right_to_left_text_gets_direction_and_no_guessed_language():
    page = render_article_html(case_from_text("عنوان الخبر\n\nقال المسؤولون إن المحادثات توقفت."))
    assert 'dir="auto"' in page and "lang=" not in page
