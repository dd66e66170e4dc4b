"""Every exercise widget in JupyterLab (Debian's chromium): a student answers one item of each, by clicking or with
the keyboard, and sees the feedback. Uses tests/fixtures/notebooks/all_widgets.ipynb (a fresh student each run), opened
and run once for the module: each test answers a different widget on the same page."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

import harness

NOTEBOOK = "tests/fixtures/notebooks/all_widgets.ipynb"
FEEDBACK_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def notebook_page(browser_context, lab_server):
    page = browser_context.new_page()
    result = harness.open_and_run_notebook(page, lab_server, NOTEBOOK, "fixture__all_widgets")
    assert not result.problems, result.describe()
    assert result.widget_views == 6, result.describe()   # article, 5 exercises (the chart is HTML, not a widget)
    yield page
    page.close()
    lab_server.shutdown_kernels()


def test_fact_opinion_by_clicking(notebook_page):
    sorter = notebook_page.locator(".fprl-fact_opinion")
    expect(sorter).to_contain_text("Sentence 1 of 17")
    sorter.get_by_role("radio", name="mixed", exact=True).check()
    sorter.get_by_role("radio", name="none", exact=True).check()
    sorter.get_by_role("button", name="Check my answer").click()
    feedback = sorter.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Why the key says mixed", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).to_contain_text("✔ Right")
    expect(sorter.get_by_role("button", name="Answer saved")).to_be_disabled()
    expect(sorter.locator(".fprl-status")).to_contain_text("Saved (1 of 17 answered)")


def test_actor_tagger_with_the_keyboard_only(notebook_page):
    tagger = notebook_page.locator(".fprl-actors")
    for word in ("Biden", "Administration"):
        tagger.get_by_role("button", name=word, exact=True).press("Space")
    # the kind menu for the whole phrase appears once the kernel has seen both words
    expect(tagger.locator(".fprl-phrases")).to_contain_text("“Biden Administration”", timeout=FEEDBACK_TIMEOUT_MS)
    kind = tagger.locator(".fprl-phrases select")
    expect(kind).to_have_count(1)
    kind.focus()
    kind.select_option("government")
    tagger.get_by_role("button", name="Check my answer").press("Enter")
    feedback = tagger.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Found The Biden administration", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).to_contain_text("Missed China (the Chinese government)")


def test_claim_marker_by_clicking_words(notebook_page):
    marker = notebook_page.locator(".fprl-claims")
    for word in ("Biden", "Administration", "Effort", "To", "Get", "Chinese", "Help", "With", "Russia"):
        marker.get_by_role("button", name=word, exact=True).click()
    expect(marker.locator(".fprl-phrases")).to_contain_text("“Biden Administration … Help With Russia”",
                                                            timeout=FEEDBACK_TIMEOUT_MS)
    sourcing = marker.locator(".fprl-phrases .fprl-choice select")
    expect(sourcing).to_have_count(1)
    sourcing.select_option("none")
    marker.get_by_role("button", name="Check my answer").click()
    feedback = marker.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Found the claim “Biden Administration ‘Effort’ To Get Chinese Help With Russia”",
                                     timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback).to_contain_text("Missed the claim “‘Backfires’”")


def test_verdict_then_evidence(notebook_page):
    verdicts = notebook_page.locator(".fprl-verdicts")
    expect(verdicts).not_to_contain_text("Evidence:")
    verdicts.get_by_role("radio", name="supported", exact=True).check()
    verdicts.get_by_role("button", name="Check my answer").click()
    feedback = verdicts.locator(".fprl-feedback")
    expect(feedback).to_contain_text("Evidence:", timeout=FEEDBACK_TIMEOUT_MS)
    expect(feedback.get_by_role("link").first).to_have_attribute("target", "_blank")


def test_free_response_saves_as_the_student_types(notebook_page):
    box = notebook_page.locator(".fprl-responses")
    box.get_by_role("textbox").fill("It sounds sure of itself.")
    expect(box.locator(".fprl-status")).to_contain_text("Saved (1 of 1 answered)", timeout=FEEDBACK_TIMEOUT_MS)


def test_article_and_chart_carry_text_alternatives(notebook_page):
    article = notebook_page.locator(".fprl-article-view")
    expect(article).to_contain_text("Key to the highlights")
    article.get_by_role("checkbox", name="Show claims (C)").uncheck()
    expect(article.locator(".fprl-hl-claims")).to_have_count(0, timeout=FEEDBACK_TIMEOUT_MS)
    chart = notebook_page.locator("[role=img][aria-label^='Bar chart of the key']")
    expect(chart).to_have_count(1)
