"""Every lesson opens in JupyterLab (Debian's chromium), runs all its cells without an error, and renders every widget.
Each lesson is opened and run once: the checks that need a lesson running use its page, in the order of this file
(a lesson's page stays open until its last check): lesson 4's locked key table, lesson 6's evidence between two
verdicts, lesson 7's hand-in button from the keyboard, and axe-core after answering in lessons 2, 3, 4, 6 and 7
(helpers in test_access_browser.py). What they answer is taken back from the server's work folder at the end.

Lessons are found when pytest collects, so a new lessons/*.ipynb (or lessons/instructor/*.ipynb) is tested without
editing this file. A full-length screenshot of each lesson is kept in artifacts/screenshots/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

import harness
from test_access_browser import axe_violations, marks_below_4_5
from widgets import seed_case
from widgets.core.evidence import excerpt_words

LESSON_PATHS = [path.relative_to(harness.REPO).as_posix() for path in harness.notebook_paths(harness.LESSONS)]
TIMEOUT_MS = 15_000
LOCK_LESSON = "lessons/04_fact_opinion_mixed.ipynb"
EVIDENCE_LESSON = "lessons/06_checking_the_record.ipynb"
HAND_IN_LESSON = "lessons/07_wrap_up.ipynb"
# The last check of a lesson closes its page: these come last, so they hold every lesson checked after its run.
AXE_LESSONS = ("02_actors", "03_claims_and_sources", "04_fact_opinion_mixed", "06_checking_the_record", "07_wrap_up")
AXE_PATHS = [f"lessons/{name}.ipynb" for name in AXE_LESSONS]
assert {LOCK_LESSON, EVIDENCE_LESSON, HAND_IN_LESSON} <= set(AXE_PATHS)

pytestmark = pytest.mark.usefixtures("work_folder_kept")

# Answer the first item of every exercise in the kernel, as the widgets' .answer() does for the buttons.
_ANSWER_FIRST_ITEMS = """
from ipywidgets.widgets.widget import _instances as _kit_instances
from widgets.exercises.base import Exercise as _KitExercise
_kit_tries = ([], {"label": "fact", "sourcing": "named"}, "supported", {"label": "fact", "agree": "agree"},
              {"url": "https://www.whitehouse.gov/", "finding": "A finding."}, "An answer.")
for _kit_widget in list(_kit_instances.values()):
    if isinstance(_kit_widget, _KitExercise) and _kit_widget.current_item not in _kit_widget.answers:
        for _kit_value in _kit_tries:
            try:
                _kit_widget.answer(_kit_widget.current_item, _kit_value)
                break
            except Exception:
                pass
"""


def screenshot_name(relpath: str) -> str:
    """'lessons/instructor/key.ipynb' -> 'instructor__key' (one flat folder of screenshots)."""
    return "__".join(Path(relpath).relative_to("lessons").with_suffix("").parts)


class OpenLessons:
    """Lessons opened and run once each in JupyterLab, one page (and kernel) per lesson, until closed."""

    def __init__(self, browser_context, lab_server):
        self.context, self.server, self.pages = browser_context, lab_server, {}

    def open(self, relpath: str) -> tuple[object, harness.NotebookRun]:
        if relpath not in self.pages:
            page = self.context.new_page()
            self.pages[relpath] = (page, harness.open_and_run_notebook(page, self.server, relpath,
                                                                       screenshot_name(relpath)))
        return self.pages[relpath]

    def close(self, relpath: str) -> None:
        page, _ = self.pages.pop(relpath)
        kernel = page.evaluate("""() => { const s = window.jupyterapp.shell.currentWidget.sessionContext.session;
                                         return s && s.kernel ? s.kernel.id : null; }""")
        page.close()
        if kernel:
            self.server.shutdown_kernel(kernel)


@pytest.fixture(scope="module")
def lessons(browser_context, lab_server):
    opened = OpenLessons(browser_context, lab_server)
    yield opened
    for page, _ in opened.pages.values():
        page.close()
    lab_server.shutdown_kernels()


@pytest.mark.parametrize("lesson", LESSON_PATHS)
def test_lesson_runs_in_jupyterlab(lesson, lessons):
    page, result = lessons.open(lesson)
    try:
        assert not result.problems, result.describe()
        assert result.screenshot is not None and result.screenshot.stat().st_size > 0
    finally:
        if lesson not in AXE_PATHS:
            lessons.close(lesson)


def test_a_locked_key_table_opens_when_the_student_answers(lessons):
    """A locked key view unlocks in place: lesson 4's key table shows a locked row per sentence, each saying what
    opens it, until the student checks a sentence in the sorter above it; then that sentence's row opens, without
    re-running a cell, and the others stay locked."""
    page, result = lessons.open(LOCK_LESSON)
    assert not result.problems, result.describe()
    table = page.locator(".fprl-locked").filter(has_text="label and sourcing for each sentence")
    expect(table).to_have_count(1)
    expect(table).to_contain_text("Locked", timeout=TIMEOUT_MS)
    locked = table.locator("table tbody tr.fprl-locked-row")
    opened = table.locator("table tbody tr:not(.fprl-locked-row)")
    expect(locked).to_have_count(17)
    expect(opened).to_have_count(0)
    expect(locked.nth(1)).to_contain_text("Sentence p1s1: opens when you answer it")
    expect(table.get_by_role("button", name="Show the key anyway")).to_be_visible()

    sorter = page.locator(".fprl-fact_opinion")
    sorter.get_by_role("radio", name="mixed", exact=True).check()
    sorter.get_by_role("radio", name="none", exact=True).check()
    sorter.get_by_role("button", name="Check my answer").click()
    expect(sorter.locator(".fprl-feedback")).to_contain_text("Why the key says", timeout=TIMEOUT_MS)

    expect(opened).to_have_count(1, timeout=TIMEOUT_MS)
    expect(opened.first).to_contain_text("h")
    expect(locked).to_have_count(16)
    expect(table).to_contain_text("1 of 17 answered")


def test_lesson6_shows_the_evidence_between_the_two_verdicts(lessons):
    """Between a student's two verdicts on a claim, the widget shows the evidence itself (at least 40 words of
    excerpts, offline) and neither the basis line nor the key's verdict; after the second verdict, both appear."""
    case = seed_case("biden-china-2022")
    page, result = lessons.open(EVIDENCE_LESSON)
    assert not result.problems, result.describe()
    judge = page.locator(".fprl-verdicts").first
    expect(judge).to_contain_text("Claim 1 of 7")
    claim = case.claims[[c.id for c in case.claims].index("c12")]
    first = next(v for v in ("supported", "distorted") if v != claim.verdict)
    judge.get_by_role("radio", name=first, exact=True).check()
    judge.get_by_role("button", name="Check my answer").click()
    feedback = judge.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Now read the evidence", timeout=TIMEOUT_MS)
    reading = feedback.locator(".fprl-reading")
    expect(reading).to_be_visible()
    excerpts = " ".join(reading.locator("blockquote").all_inner_texts())
    assert len(excerpts.split()) >= 40, excerpts
    assert len(excerpts.split()) == excerpt_words(case, "c12")
    expect(feedback).not_to_contain_text("Basis of the verdict")
    expect(feedback).not_to_contain_text("the key's verdict")
    expect(feedback).not_to_contain_text(claim.note[:60])
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    judge.screenshot(path=str(harness.SCREENSHOTS / "lesson06__between_the_verdicts.png"))

    judge.get_by_role("radio", name=claim.verdict, exact=True).check()
    judge.get_by_role("button", name="Save my verdict after the evidence").click()
    expect(feedback).to_contain_text(f"after: {claim.verdict}", timeout=TIMEOUT_MS)
    expect(feedback).to_contain_text(f"the key's verdict is also {claim.verdict}")
    expect(feedback).to_contain_text("Basis of the verdict")
    expect(feedback.locator(".fprl-reading")).to_be_visible()


def test_hand_in_button_works_from_the_keyboard_in_jupyterlab(lessons):
    """Lesson 7's hand-in button: reachable by focus, pressed with Enter, and its message shows in the widget."""
    page, result = lessons.open(HAND_IN_LESSON)
    assert not result.problems, result.describe()
    button = page.get_by_role("button", name="Hand in my work")
    assert button.count() == 1
    button.focus()
    assert page.evaluate("document.activeElement.textContent").strip().endswith("Hand in my work")
    page.keyboard.press("Enter")
    # Either outcome proves the key press reached the button: a file written ("Handed in.", status), or, when the
    # server's work folder holds no answers or no name yet, the reason shown in the widget ("Not handed in.", alert).
    message = page.locator(".fprl-live .widget-html-content > *").filter(
        has_text=re.compile(r"^(⚠ )?(Handed in\.|Not handed in\.)"))
    message.first.wait_for(timeout=15_000)
    text = message.first.inner_text()
    assert "Handed in." in text and "shared class folder" in text or "No saved answers" in text \
        or "No name saved" in text, text


@pytest.mark.parametrize("lesson", AXE_PATHS)
def test_axe_finds_nothing_serious_in_the_lesson_after_answering(lesson, lessons):
    page, result = lessons.open(lesson)
    try:
        assert not result.problems, result.describe()
        page.evaluate("""async (code) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            await kernel.requestExecute({code, silent: true, store_history: false}).done; }""", _ANSWER_FIRST_ITEMS)
        page.wait_for_timeout(1500)
        answered = page.locator(".fprl-exercise .fprl-feedback:not(:empty)").count()
        assert answered >= 1
        assert axe_violations(page, ".jp-OutputArea-output") == []
        assert marks_below_4_5(page) == []
    finally:
        lessons.close(lesson)


# The harness checks itself on two small fixture notebooks: one that must pass, one that must fail.

def test_harness_passes_a_working_notebook_and_times_a_click(run_notebook, browser_page):
    result = run_notebook("tests/fixtures/notebooks/smoke.ipynb", "fixture__smoke")
    assert not result.problems, result.describe()
    assert result.widget_views == 1
    click = harness.measure_click_feedback(browser_page, prefix="Check", clicks=3)
    assert len(click["samples"]) == 3, click
    feedback = browser_page.locator(".widget-html").first.inner_text()
    assert "Checked 3 time(s)." in feedback


def test_harness_reports_a_cell_error_and_a_broken_widget(run_notebook):
    result = run_notebook("tests/fixtures/notebooks/broken.ipynb", "fixture__broken")
    assert any("ValueError: deliberate failure" in error for error in result.cell_errors), result.describe()
    assert any(harness.WIDGET_ERROR_SELECTOR in failure for failure in result.widget_failures), result.describe()
