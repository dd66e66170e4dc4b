"""Browser fixtures: JupyterLab and Voila on 127.0.0.1, driven by Debian's chromium through playwright.

Use in a test (every test in tests/browser/ gets the `browser` marker):

    def test_my_lesson(run_notebook):
        result = run_notebook("lessons/03_claims.ipynb")      # open, run all, wait, screenshot
        assert not result.problems, result.describe()

    def test_click(browser_page, lab_server):                 # lower level: harness.open_and_run_notebook(...)
    def test_voila(browser_page, voila_server):               # browser_page.goto(voila_server.notebook_url(relpath))

Paths are relative to a temporary COPY of the repo's lessons/, seeds/ and tests/fixtures/notebooks/.
Without chromium the tests are skipped with the reason; with KIT_REQUIRE_BROWSER=1 (CI) they fail instead, and any
other skipped browser test fails the session too.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import harness  # tests/harness.py (the root conftest.py puts tests/ on sys.path)

BROWSER_DIR = Path(__file__).resolve().parent
REQUIRE_BROWSER = os.environ.get("KIT_REQUIRE_BROWSER") == "1"
_skipped: list[str] = []
_outcomes = {"passed": 0, "failed": 0}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    chromium = harness.chromium_path()
    if chromium is None:
        reason = harness.chromium_missing_reason()
        if REQUIRE_BROWSER:
            pytest.fail(f"KIT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return chromium


@pytest.fixture(scope="session")
def lab_server(chromium_executable, kit_session_dir):
    """`jupyter lab` serving a copy of the notebooks; stopped (with its kernels) at the end of the session."""
    server = harness.start_lab(kit_session_dir / "lab")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila_server(chromium_executable, kit_session_dir):
    """Voila in tree mode over a copy of the notebooks: `voila_server.notebook_url("lessons/x.ipynb")`."""
    server = harness.start_voila(kit_session_dir / "voila")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def work_folder_kept(lab_server, tmp_path_factory):
    """The server is shared by every browser test: what a module using this answers is taken back at the module's
    end, so later tests find the server's work folder as it was."""
    work = lab_server.root.parent / "env" / "work"     # harness._server_env: KIT_WORK_DIR of the server
    assert work.is_dir(), work
    kept = tmp_path_factory.mktemp("work-kept") / "work"
    shutil.copytree(work, kept, symlinks=True)
    yield
    shutil.rmtree(work)
    shutil.copytree(kept, work, symlinks=True)


@pytest.fixture(scope="session")
def playwright_driver(chromium_executable):
    """The session's one playwright (its sync API allows one per thread); tests needing several browser contexts,
    e.g. one per hub user, launch them from it."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser_context(playwright_driver, chromium_executable, kit_session_dir):
    context = harness.launch_browser(playwright_driver, kit_session_dir / "chromium-profile", chromium_executable)
    yield context
    context.close()


@pytest.fixture
def browser_page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def run_notebook(browser_page, lab_server):
    """run_notebook(relpath, screenshot_name=None) -> harness.NotebookRun (open, run all, wait, collect, screenshot)."""
    def run(relpath: str, screenshot_name: str | None = None) -> harness.NotebookRun:
        return harness.open_and_run_notebook(browser_page, lab_server, relpath, screenshot_name)
    yield run
    lab_server.shutdown_kernels()  # one kernel per lesson would otherwise stay alive for the whole session


def pytest_runtest_logreport(report):
    if "browser" not in report.keywords:
        return
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _skipped.append(reason.removeprefix("Skipped: "))
    elif report.when == "call":
        _outcomes["passed" if report.passed else "failed"] += 1


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_BROWSER and _skipped and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if not (_skipped or any(_outcomes.values())):
        return
    line = f"browser tests: {_outcomes['passed']} passed, {_outcomes['failed']} failed, {len(_skipped)} skipped"
    if _skipped:
        line += " (" + "; ".join(dict.fromkeys(_skipped)) + ")"
        if REQUIRE_BROWSER:
            line += " -- KIT_REQUIRE_BROWSER=1: skipped browser tests fail the run"
    terminalreporter.write_line(line, yellow=bool(_skipped), red=bool(_skipped and REQUIRE_BROWSER))
