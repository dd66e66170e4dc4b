"""The class report opens from file:// in chromium, offline, with its charts and no console errors."""
import shutil
from pathlib import Path

import pytest

import harness
from widgets.lesson.class_demo import add_bad_files, simulate_class
from widgets.classroom.results import class_results
from widgets.core.loading import load_case

CASE_MIN = Path(__file__).resolve().parents[1] / "fixtures" / "case_min"


@pytest.mark.browser
def test_report_opens_offline_with_charts_and_no_console_errors(browser_page, tmp_path):
    case = load_case(CASE_MIN)
    students = simulate_class(case, tmp_path / "work", students=40, seed=11)
    folder = tmp_path / "class-folder"
    folder.mkdir()
    for student in students:
        shutil.copy2(student.submission, folder / student.submission.name)
    add_bad_files(folder, students[0].submission, case.id)
    report = class_results(folder, case=case).write_html(tmp_path / "report.html")

    page = browser_page
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(report.as_uri(), wait_until="load")
    charts = page.eval_on_selector_all(
        "[role=img]", "nodes => nodes.map(n => ({alt: n.getAttribute('aria-label'), width: n.offsetWidth, "
                      "bars: n.querySelectorAll('.fprl-segment').length, "
                      "longest: Math.max(...[...n.querySelectorAll('svg.fprl-bar')].map(b => b.getBoundingClientRect().width)), "
                      "grid: getComputedStyle(n.querySelector('.fprl-bars-grid')).display}))")
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(harness.SCREENSHOTS / "report.png"), full_page=True)

    assert len(charts) >= 2
    for chart in charts:
        assert chart["width"] > 300 and chart["bars"] > 0, chart
        assert chart["grid"] == "grid" and chart["longest"] > 150, chart    # the stylesheet and the SVG lengths apply
        assert len(chart["alt"]) > 40, chart
    assert problems == []
    # Nothing but the page itself: the report needs no network.
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
    assert page.locator("h1").inner_text().startswith("Class results:")
    assert page.locator("#left-out ~ .fprl-table-scroll table").count() == 2
    assert "<script" not in page.content().split("<body")[1].lower()
