"""Session-wide test environment: nothing is written to $HOME or to the kit's work/ folder.

At configure time every Jupyter, IPython, matplotlib and XDG folder, and the kit's KIT_WORK_DIR, point into one
temporary folder (tests/harness.py, `isolate_environment`). Child processes inherit os.environ, so nbval's kernels,
`jupyter lab`, Voila and chromium follow the same rule. In-process matplotlib uses Agg (via the temporary
matplotlibrc); kernels keep their inline backend. The folder is removed at the end of the session.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# At the repository root so that it also governs `pytest lessons/x.ipynb` run on its own.
sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))
import harness  # noqa: E402  (tests/harness.py)

# Fixture notebooks are data for the browser harness (one fails on purpose); nbval must not collect them.
collect_ignore = ["tests/fixtures"]

_SESSION_ROOT_KEY = pytest.StashKey[Path]()
_WATCHED_KEY = pytest.StashKey[dict]()
# Where Jupyter, IPython, matplotlib, npm and chromium write when nobody redirects them, and the kit's own work/.
WATCHED = [Path.home() / relative for relative in (
    ".jupyter", ".ipython", ".local/share/jupyter", ".cache/matplotlib", ".config/matplotlib", ".matplotlib",
    ".npm/_logs", ".pki", ".config/chromium", ".cache/chromium")] + [harness.REPO / "work"]


def _snapshot(folders) -> dict[str, float]:
    """path -> mtime for the watched folders and what they hold (three levels deep, enough to see a new file)."""
    seen = {}
    for folder in folders:
        if not folder.exists():
            continue
        seen[str(folder)] = folder.stat().st_mtime
        base_depth = len(folder.parts)
        for directory, subfolders, files in os.walk(folder):
            if len(Path(directory).parts) - base_depth >= 3:
                subfolders.clear()
            for name in subfolders + files:
                path = os.path.join(directory, name)
                try:
                    seen[path] = os.lstat(path).st_mtime
                except OSError:
                    pass
    return seen


def pytest_configure(config):
    root = Path(tempfile.mkdtemp(prefix="fprl-tests-"))
    config.stash[_SESSION_ROOT_KEY] = root
    config.stash[_WATCHED_KEY] = _snapshot(WATCHED)
    harness.apply_environment(harness.isolate_environment(root / "session"))


def pytest_terminal_summary(terminalreporter, config):
    """Say so if anything appeared or changed in the home folder's Jupyter/IPython/matplotlib/npm/chromium folders or
    in work/ during the session (tests/unit/test_environment.py is the test that fails on it; this names the files).
    Another program running at the same time can cause it too."""
    before = config.stash.get(_WATCHED_KEY, None)
    if before is None:
        return
    after = _snapshot(WATCHED)
    changed = sorted(path for path, mtime in after.items() if before.get(path) != mtime)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        terminalreporter.write_line(f"hygiene: {len(changed)} path(s) outside the test folders were created or "
                                    f"changed during the tests (by a test, or by another program meanwhile): "
                                    f"{shown}", yellow=True)


def pytest_unconfigure(config):
    root = config.stash.get(_SESSION_ROOT_KEY, None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def kit_session_dir(pytestconfig) -> Path:
    """The session's temporary folder (holds the isolated Jupyter/IPython/matplotlib folders and saved work)."""
    return pytestconfig.stash[_SESSION_ROOT_KEY]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    """Give each notebook under nbval its own fresh work folder with the fixed student name, exactly as
    tools/execute_notebooks.py does when it stores the outputs nbval compares. The kernel starts during the
    notebook's setup and keeps the environment it was started with."""
    notebook = item.parent
    if type(notebook).__name__ != "IPyNbFile" or getattr(notebook, "_kit_work_prepared", False):
        yield
        return
    notebook._kit_work_prepared = True
    session_work = os.environ["KIT_WORK_DIR"]
    folder = item.config.stash[_SESSION_ROOT_KEY] / "nbval-work" / Path(str(notebook.path)).stem
    harness.prepare_work_dir(folder)
    try:
        yield
    finally:
        os.environ["KIT_WORK_DIR"] = session_work
