"""A locked key view unlocks in place in JupyterLab (Debian's chromium): lesson 4's key table shows a lock until the
student checks a sentence in the sorter above it, then shows that sentence's row, without re-running a cell."""
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
    expect(table.locator("table")).to_have_count(0)
    expect(table.get_by_role("button", name="Show the key anyway")).to_be_visible()

    sorter = page.locator(".fprl-fact_opinion")
    sorter.get_by_role("radio", name="mixed", exact=True).check()
    sorter.get_by_role("radio", name="none", exact=True).check()
    sorter.get_by_role("button", name="Check my answer").click()
    expect(sorter.locator(".fprl-feedback")).to_contain_text("Why the key says", timeout=TIMEOUT_MS)

    rows = table.locator("table tbody tr")
    expect(rows).to_have_count(1, timeout=TIMEOUT_MS)
    expect(rows.first).to_contain_text("h")
    expect(table).to_contain_text("1 of 17 answered")
