"""The practice widgets in JupyterLab (Debian's chromium): a student answers one item of each, by clicking or with
the keyboard, and sees the feedback. Uses tests/fixtures/notebooks/practice_widgets.ipynb (a fresh student each
run)."""
from __future__ import annotations

import harness  # tests/harness.py (the root conftest.py puts tests/ on sys.path)
import pytest
from playwright.sync_api import expect

NOTEBOOK = "tests/fixtures/notebooks/practice_widgets.ipynb"
FEEDBACK_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def notebook_page(browser_context, lab_server):
    page = browser_context.new_page()
    result = harness.open_and_run_notebook(page, lab_server, NOTEBOOK, "fixture__practice_widgets")
    assert not result.problems, result.describe()
    assert result.widget_views == 4, result.describe()
    yield page
    page.close()
    lab_server.shutdown_kernels()


def test_skills_check_saves_an_answer_without_showing_the_key(notebook_page):
    check = notebook_page.locator(".fprl-skills_pre")
    expect(check).to_contain_text("Statement 1 of 12")
    expect(check.get_by_role("radio", name="I disagree", exact=True)).to_have_count(0)   # off by default
    check.get_by_role("radio", name="fact", exact=True).check()
    check.get_by_role("button", name="Save my answer").click()
    expect(check).to_contain_text("Statement 2 of 12", timeout=FEEDBACK_TIMEOUT_MS)
    expect(check.locator(".fprl-status")).to_contain_text("Saved (1 of 12 answered)")
    check.get_by_role("button", name="Commit the whole form and see the key").click()
    expect(check).to_contain_text("11 of 12 not answered yet", timeout=FEEDBACK_TIMEOUT_MS)
    expect(check.locator(".fprl-feedback")).not_to_contain_text("The key says")


def test_lateral_reading_records_a_finding_and_shows_the_rubric(notebook_page):
    reading = notebook_page.locator(".fprl-lateral_reading")
    expect(reading).to_contain_text("Who runs the outlet")
    reading.get_by_role("textbox").first.fill("https://example.org/about")
    reading.get_by_role("textbox").nth(1).fill("The site names no owner <b>or</b> editor.")
    reading.get_by_role("button", name="Save my finding").click()
    feedback = reading.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Check your finding against the rubric", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).to_contain_text("The site names no owner <b>or</b> editor.")   # escaped, shown as typed
    expect(reading.get_by_role("button", name="Answer saved")).to_be_disabled()


def test_framing_finder_with_the_keyboard_only(notebook_page):
    finder = notebook_page.locator(".fprl-framing")
    finder.get_by_role("button", name="inability", exact=True).press("Space")
    expect(finder.locator(".fprl-phrases")).to_contain_text("“inability”", timeout=FEEDBACK_TIMEOUT_MS)
    device = finder.locator(".fprl-phrases select")
    device.focus()
    device.select_option("loaded-word")
    harness.wait_for_kernel_idle(notebook_page)   # the mark and the device have reached the kernel (CI under load)
    finder.get_by_role("button", name="Check my answer").press("Enter")
    feedback = finder.locator(".fprl-feedback")
    try:
        expect(feedback).to_contain_text("named right (loaded-word)", timeout=FEEDBACK_TIMEOUT_MS)
    except AssertionError as error:   # say what the student saw instead (an error line, an unsaved mark...)
        raise AssertionError(f"{error}\nThe finder showed: {finder.inner_text()!r}") from None


def test_verdict_before_then_after_the_evidence(notebook_page):
    judge = notebook_page.locator(".fprl-verdicts")
    judge.get_by_role("radio", name="distorted", exact=True).check()
    judge.get_by_role("button", name="Check my answer").click()
    feedback = judge.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Now read the evidence", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).not_to_contain_text("the key's verdict")
    judge.get_by_role("radio", name="supported", exact=True).check()
    judge.get_by_role("button", name="Save my verdict after the evidence").click()
    expect(feedback).to_contain_text("after: supported", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).to_contain_text("the key's verdict is also supported")
