"""Lesson 6 in JupyterLab (Debian's chromium): between a student's two verdicts on a claim, the widget shows the
evidence itself (at least 40 words of excerpts, offline) and neither the basis line nor the key's verdict; after
the second verdict, both appear."""
from __future__ import annotations

import harness  # tests/harness.py (the root conftest.py puts tests/ on sys.path)
from playwright.sync_api import expect

from widgets import seed_case
from widgets.core.evidence import excerpt_words

LESSON = "lessons/06_checking_the_record.ipynb"
FEEDBACK_TIMEOUT_MS = 15_000


def test_lesson6_shows_the_evidence_between_the_two_verdicts(browser_context, lab_server):
    case = seed_case("biden-china-2022")
    page = browser_context.new_page()
    try:
        result = harness.open_and_run_notebook(page, lab_server, LESSON, "lesson06__evidence")
        assert not result.problems, result.describe()
        judge = page.locator(".fprl-verdicts").first
        expect(judge).to_contain_text("Claim 1 of 7")
        claim = case.claims[[c.id for c in case.claims].index("c12")]
        first = next(v for v in ("supported", "distorted") if v != claim.verdict)
        judge.get_by_role("radio", name=first, exact=True).check()
        judge.get_by_role("button", name="Check my answer").click()
        feedback = judge.locator(".fprl-feedback")
        expect(feedback).to_contain_text("Now read the evidence", timeout=FEEDBACK_TIMEOUT_MS)
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
        expect(feedback).to_contain_text(f"after: {claim.verdict}", timeout=FEEDBACK_TIMEOUT_MS)
        expect(feedback).to_contain_text(f"the key's verdict is also {claim.verdict}")
        expect(feedback).to_contain_text("Basis of the verdict")
        expect(feedback.locator(".fprl-reading")).to_be_visible()
    finally:
        page.close()
        lab_server.shutdown_kernels()
