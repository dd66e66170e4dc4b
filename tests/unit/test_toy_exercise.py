"""The worked example of CONTRIBUTING.md: a new exercise type in three files (its grading module, its widget module,
one registry line). The toy lives in tests/unit/toy_exercise/; CONTRIBUTING shows those files verbatim."""
import json
import re
from pathlib import Path

import pytest

from widgets.core.grading import registry
from widgets.core.grading.scoring import score_sections

from toy_exercise import quotes
from toy_exercise.quote_spotter import QuoteSpotter

ROOT = Path(__file__).resolve().parents[2]
TOY = Path(__file__).with_name("toy_exercise")


@pytest.fixture
def registered(monkeypatch):
    """The one registry line: `quotes.SPEC,` in widgets/core/grading/registry.py's SPECS."""
    monkeypatch.setitem(registry.SPECS, quotes.SPEC.key, quotes.SPEC)


def test_the_toy_exercise_is_built_answered_and_checked(case, registered):
    spotter = QuoteSpotter(case, student="Ada", sentences=["p1s1", "p1s2"])
    assert repr(spotter).startswith("QuoteSpotter: 2 sentences.")
    spotter.answer("p1s1", "quote")                 # wrong: the sentence quotes no one word for word
    assert "the key says <b>no quote</b>" in spotter.feedback.value
    spotter.choice.value = "no quote"
    spotter.position = 1
    spotter.choice.value = "no quote"
    spotter.check_button.click()                    # as a student would
    grade = spotter.check()
    assert (grade.correct, grade.total, grade.answered) == (1, 2, 2)
    assert [(f.status, f.matched[0].choice) for f in grade.items.values()] == [("wrong", "quote"),
                                                                              ("right", "no quote")]
    assert spotter.score() == (1, 2)
    with pytest.raises(ValueError, match="Choose one of"):
        QuoteSpotter(case, student="Bo").answer("h", "maybe")


def test_the_registry_line_puts_it_in_every_score(case, registered, tmp_path):
    assert registry.REGISTRY["quotes"] is quotes.grade_quotes and registry.EXERCISE_TITLES["quotes"] == "Quotes"
    spotter = QuoteSpotter(case, student="Ada", sentences=["p1s2"])
    spotter.answer("p1s2", "no quote")
    scores = score_sections(case, spotter._work.data["exercises"])
    assert (scores["quotes"].points, scores["quotes"].possible, scores["quotes"].title) == (1, 1, "Quotes")
    from widgets.classroom.handin import hand_in
    from widgets.classroom.results import class_results
    path = hand_in(case, student="Ada")
    results = class_results(path.parent, case=case)
    # The gradebook counts the teacher's assignment, not the widget's sentences=: no lesson assigns "quotes", so
    # every sentence of the case counts (issue 23: sentences= cannot shrink a grade).
    assert "quotes" in results.exercises and results.scores[0].scores["quotes"] == (1.0, len(case.sentences))
    assert ["Ada", "quotes", "p1s2", "yes", "right", "1", "1", "yes"] in results.item_rows()


def _code_blocks(markdown: str) -> dict:
    """{file name: code} for each code block of CONTRIBUTING's worked example (headed by its file name)."""
    return dict(re.findall(r"^`([\w/.]+\.py)`:\n\n```python\n(.*?)```$", markdown, flags=re.S | re.M))


def test_contributing_shows_the_toy_files_exactly():
    blocks = _code_blocks((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert set(blocks) >= {"tests/unit/toy_exercise/quotes.py", "tests/unit/toy_exercise/quote_spotter.py"}
    for name in ("quotes.py", "quote_spotter.py"):
        assert blocks[f"tests/unit/toy_exercise/{name}"] == (TOY / name).read_text(encoding="utf-8")


def _toy_lesson(folder: Path) -> Path:
    """A lesson whose plan assigns the toy's sentences p1s1 and p1s2 on the full path, p1s2 on the short one (the
    template's plan, otherwise)."""
    notebook = json.loads((ROOT / "lessons" / "_template.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["kit"]["assign"] = {"full": {"quotes": ["p1s1", "p1s2"]}, "short": {"quotes": ["p1s2"]}}
    folder.mkdir()
    (folder / "08_quotes.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return folder


def test_the_registry_line_puts_it_in_a_plan_the_summary_the_handin_and_the_report(case, registered, tmp_path,
                                                                                    monkeypatch):
    from widgets.classroom import report
    from widgets.classroom.handin import hand_in, handin_contents, preview_html
    from widgets.classroom.results import class_results
    from widgets.core.lesson import plans
    from widgets.lesson import summary

    monkeypatch.setattr(plans, "LESSONS_DIR", _toy_lesson(tmp_path / "lessons"))
    assert plans.teacher_assignment(case, "full")["quotes"] == ["p1s1", "p1s2"]     # the lesson plan
    assert plans.teacher_assignment(case, "short")["quotes"] == ["p1s2"]
    spotter = QuoteSpotter(case, student="Ada", lesson=str(plans.LESSONS_DIR / "08_quotes.ipynb"))
    assert spotter.items == ("p1s1", "p1s2")
    spotter.answer("p1s2", "no quote")
    assert spotter.score() == (1, 2)                                                  # the widget

    text = summary.summary_text(case, "Ada")                                          # the summary
    assert "Quotes: 1 of 2 points (1 of 2 sentences fully right; 1 of 2 answered)." in text
    assert "Quotes" in summary.summary_html(case, "Ada")

    contents = handin_contents(case, "Ada")                                           # the hand-in
    assert contents["scores"]["quotes"]["points"] == 1 and contents["scores"]["quotes"]["possible"] == 2
    assert "Quotes" in preview_html(contents) and "1 of 2 points" in preview_html(contents)
    path = hand_in(case, student="Ada")
    assert json.loads(path.read_text(encoding="utf-8"))["scores"]["quotes"]["possible"] == 2

    results = class_results(path.parent, case=case)                                  # the class report
    assert results.scores[0].scores["quotes"] == (1.0, 2)
    page = report.render(results)
    assert "Quotes" in page and ">1 / 2<" in page                                     # its column, its cell


def test_the_specs_key_view_keeps_the_key_locked_until_its_items_are_answered(case, registered, tmp_path,
                                                                              monkeypatch):
    """The toy names no key view (a view of its own is a builder in keyviews.KEY_VIEWS: borrowing another
    exercise's would show that exercise's key), so asking for one says so. A spec that names one, fact_opinion's
    "labels": key_view(case, "fact_opinion", lesson) is the label table of the sentences the lesson assigns, each row
    opening when the student answers its sentence."""
    from widgets.core.lesson import plans
    from widgets.exercises.fact_opinion import FactOpinionSorter
    from widgets.lesson.keyviews import key_view

    folder = _toy_lesson(tmp_path / "lessons")
    notebook = json.loads((folder / "08_quotes.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["kit"]["assign"]["full"]["fact_opinion"] = ["p1s1", "p1s2"]
    (folder / "08_quotes.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    monkeypatch.setattr(plans, "LESSONS_DIR", folder)
    lesson = str(plans.LESSONS_DIR / "08_quotes.ipynb")
    with pytest.raises(ValueError, match="'quotes' has no key view"):
        key_view(case, "quotes", lesson, student="Ada")
    view = key_view(case, "fact_opinion", lesson, student="Ada")
    assert view.name == "lesson08-labels" and view.requires == {"fact_opinion": ("p1s1", "p1s2")}
    locked = view.message.value + view.table.value
    assert "🔒 Sentence p1s1: opens when you answer it" in locked and "🔒 Sentence p1s2" in locked
    assert "<td>fact</td>" not in locked and "named" not in locked and "anonymous" not in locked
    assert repr(view).startswith("🔒 Locked until you answer")

    FactOpinionSorter(case, student="Ada", lesson=lesson).answer("p1s1", {"label": "opinion", "sourcing": "none"})
    opened = view.table.value
    assert "<td>fact</td><td>named</td>" in opened and "🔒 Sentence p1s1" not in opened
    assert "🔒 Sentence p1s2" in opened and "anonymous" not in opened               # still to answer: still locked
