"""A locked key view unlocks in place in JupyterLab (Debian's chromium): lesson 4's key table shows a locked row per
sentence, each saying what opens it, until the student checks a sentence in the sorter above it; then that
sentence's row opens, without re-running a cell, and the others stay locked."""
from __future__ import annotations

from playwright.sync_api import expect

LESSON = "lessons/04_fact_opinion_mixed.ipynb"
TIMEOUT_MS = 15_000


def test_a_locked_key_table_opens_when_the_student_answers(run_notebook, browser_page):
    result = run_notebook(LESSON, "lock__04_fact_opinion_mixed")
    assert not result.problems, result.describe()
    page = browser_page
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
