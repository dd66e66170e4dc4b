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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402  (tests/harness.py)

# Fixture notebooks are data for the browser harness (one fails on purpose); nbval must not collect them.
collect_ignore = ["fixtures"]

_SESSION_ROOT_KEY = pytest.StashKey[Path]()


def pytest_configure(config):
    root = Path(tempfile.mkdtemp(prefix="fprl-tests-"))
    config.stash[_SESSION_ROOT_KEY] = root
    harness.apply_environment(harness.isolate_environment(root / "session"))


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
