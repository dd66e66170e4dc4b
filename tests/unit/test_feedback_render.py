"""The few rendering tests of feedback (widgets/exercises/feedback.py + feedback_*.html.j2): the words students read,
escaped. Everything else about grading is tested on structured results."""

from widgets.exercises import feedback
from widgets.core.grading.results import Grade, ItemFeedback, Match, Reason, Status, unreadable
from widgets.core.grading.claims import grade_claims
from widgets.core.render import TEMPLATES



def test_the_score_line_counts_partial_credit_and_says_when_there_is_no_key():
    assert str(feedback.summary_html(Grade(0, 0))) == "<p>Nothing answered yet.</p>"
    assert "No answer key for this case" in feedback.summary_html(Grade(0, 0, answered=2))
    line = str(feedback.summary_html(Grade(1, 4, points=2.5, answered=3, unit="claims found")))
    assert line.startswith("<p><strong>Score: 1 of 4 claims found</strong> match the key (3 answered).")
    assert line.endswith("With partial credit for defensible or partly right answers: 2.5 of 4.</p>")


def test_badges_carry_a_symbol_and_a_word_and_case_text_is_escaped(case):
    grade = grade_claims(case, {"p1s2": [{"start": 0, "end": 9, "sourcing": "named"}]}, items=["p1s2"])
    shown = str(feedback.item_html(case, "p1s2", grade.items["p1s2"]))
    assert '<span class="fprl-mark fprl-mark-wrong">✘ Extra</span>: the key has no checkable claim at “Officials”' \
        in shown
    evil = ItemFeedback(False, 0.0, Status.WRONG, kind="quiz", reasons=(Reason("note", "", "<script>x</script>"),),
                        matched=(Match(choice="<b>", key_choice="a&b", status=Status.WRONG),))
    shown = str(feedback.item_html(case, "x", evil))      # an exercise without words of its own
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "you said <b>&lt;b&gt;</b>" in shown
    assert "could not be read: &lt;i&gt;" in str(feedback.item_html(case, "x", unreadable("<i>")))


def test_every_feedback_template_is_used():
    from widgets.core.grading.registry import SPECS
    from widgets.core.grading.spec import FEEDBACK_STYLES, MARKS

    assert set(feedback.RENDERERS) == set(FEEDBACK_STYLES)      # a renderer for every style a spec can name
    marks = {key for key, spec in SPECS.items() if spec.feedback == MARKS}   # marks_html: one template per exercise
    used = {"macros", "note", "summary", "choice", "verdict", "skills", "lateral", "help", "fact_opinion"} | marks
    assert {p.name.removeprefix("feedback_").removesuffix(".html.j2")
            for p in TEMPLATES.glob("feedback_*.html.j2")} == used
