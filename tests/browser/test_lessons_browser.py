"""Every lesson opens in JupyterLab (Debian's chromium), runs all its cells without an error, and renders every widget.

Lessons are found when pytest collects, so a new lessons/*.ipynb (or lessons/instructor/*.ipynb) is tested without
editing this file. A full-length screenshot of each lesson is kept in artifacts/screenshots/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import harness

LESSON_PATHS = [path.relative_to(harness.REPO).as_posix() for path in harness.notebook_paths(harness.LESSONS)]


def screenshot_name(relpath: str) -> str:
    """'lessons/instructor/key.ipynb' -> 'instructor__key' (one flat folder of screenshots)."""
    return "__".join(Path(relpath).relative_to("lessons").with_suffix("").parts)


@pytest.mark.parametrize("lesson", LESSON_PATHS)
def test_lesson_runs_in_jupyterlab(lesson, run_notebook):
    result = run_notebook(lesson, screenshot_name(lesson))
    assert not result.problems, result.describe()
    assert result.screenshot is not None and result.screenshot.stat().st_size > 0


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
