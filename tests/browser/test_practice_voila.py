"""The practice widgets in Voila: a student answers one item of each and sees the feedback."""
from __future__ import annotations

from playwright.sync_api import expect

NOTEBOOK = "tests/fixtures/notebooks/practice_widgets.ipynb"
TIMEOUT_MS = 60_000


def test_practice_widgets_answer_in_voila(browser_page, voila_server):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(voila_server.notebook_url(NOTEBOOK), timeout=TIMEOUT_MS)

    check = page.locator(".fprl-skills_pre")
    expect(check).to_contain_text("Statement 1 of 12", timeout=TIMEOUT_MS)
    check.get_by_role("radio", name="opinion", exact=True).check()
    expect(check.get_by_role("radio", name="I agree", exact=True)).to_have_count(0)   # agreement is off by default
    check.get_by_role("button", name="Save my answer").click()
    expect(check.locator(".fprl-status")).to_contain_text("Saved (1 of 12 answered)", timeout=TIMEOUT_MS)

    reading = page.locator(".fprl-lateral_reading")
    reading.get_by_role("textbox").first.fill("source card")
    reading.get_by_role("textbox").nth(1).fill("The kit's card says the owner is not known.")
    reading.get_by_role("button", name="Save my finding").click()
    expect(reading.locator(".fprl-feedback")).to_contain_text("Check your finding against the rubric",
                                                              timeout=TIMEOUT_MS)

    finder = page.locator(".fprl-framing")
    finder.get_by_role("button", name="inability", exact=True).click()
    expect(finder.locator(".fprl-phrases select")).to_have_count(1, timeout=TIMEOUT_MS)
    finder.locator(".fprl-phrases select").select_option("loaded-word")
    finder.get_by_role("button", name="Check my answer").click()
    expect(finder.locator(".fprl-feedback")).to_contain_text("named right (loaded-word)", timeout=TIMEOUT_MS)

    judge = page.locator(".fprl-verdicts")
    judge.get_by_role("radio", name="supported", exact=True).check()
    judge.get_by_role("button", name="Check my answer").click()
    expect(judge.locator(".fprl-feedback")).to_contain_text("Now read the evidence", timeout=TIMEOUT_MS)
    judge.get_by_role("radio", name="supported", exact=True).check()
    judge.get_by_role("button", name="Save my verdict after the evidence").click()
    expect(judge.locator(".fprl-feedback")).to_contain_text("you kept it", timeout=TIMEOUT_MS)

    assert page.locator(".jupyter-widgets-error-widget").count() == 0
    assert not errors, errors
