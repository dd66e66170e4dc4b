"""The same widgets in Voila: a student answers the fact-or-opinion exercise and a verdict, and sees the feedback."""
from __future__ import annotations

from playwright.sync_api import expect

NOTEBOOK = "tests/fixtures/notebooks/all_widgets.ipynb"
TIMEOUT_MS = 60_000


def test_widgets_answer_in_voila(browser_page, voila_server):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_server.notebook_url(NOTEBOOK), timeout=TIMEOUT_MS)
    sorter = page.locator(".fprl-fact_opinion")
    expect(sorter).to_contain_text("Sentence 1 of 17", timeout=TIMEOUT_MS)
    expect(page.locator("[role=img][aria-label^='Bar chart of the key']")).to_have_count(1, timeout=TIMEOUT_MS)
    sorter.get_by_role("radio", name="opinion", exact=True).check()
    sorter.get_by_role("radio", name="none", exact=True).check()
    sorter.get_by_role("button", name="Check my answer").click()
    feedback = sorter.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Why the key says mixed", timeout=TIMEOUT_MS)
    expect(feedback).to_contain_text("◐ Partly right")

    verdicts = page.locator(".fprl-verdicts")
    verdicts.get_by_role("radio", name="distorted", exact=True).check()
    verdicts.get_by_role("button", name="Check my answer").click()
    expect(verdicts.locator(".fprl-feedback")).to_contain_text("the key's verdict is supported", timeout=TIMEOUT_MS)
    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert not errors, errors
