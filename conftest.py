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
_READ_ONLY_KEY = pytest.StashKey[tuple]()   # (the read-only copy nbval's kernels import, its fingerprint)
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
    if _READ_ONLY_KEY in config.stash:
        harness.release_read_only(config.stash[_READ_ONLY_KEY][0])
    root = config.stash.get(_SESSION_ROOT_KEY, None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def kit_session_dir(pytestconfig) -> Path:
    """The session's temporary folder (holds the isolated Jupyter/IPython/matplotlib folders and saved work)."""
    return pytestconfig.stash[_SESSION_ROOT_KEY]


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    """Run each notebook under nbval as from a read-only checkout (as on many hubs): its kernel imports the kit from
    a read-only copy (tests/harness.py, READ_ONLY_KIT) and has no KIT_WORK_DIR, so the kit's work/ folder cannot be
    created; no cell may fail for it (saving widgets say so in the widget instead), and nothing may be written into
    the copy or into lessons/ (checked after every cell). The outputs nbval compares are the ones tools/execute_notebooks.py
    stored with a work folder and the fixed student name: a lesson's outputs must not depend on either (the teacher's
    class_results notice of where it writes instead is the one exception, dropped by tests/sanitize.cfg).
    The kernel starts during the notebook's setup and keeps the environment it was started with."""
    notebook = item.parent
    if type(notebook).__name__ != "IPyNbFile" or getattr(notebook, "_kit_read_only", False):
        yield
        return
    notebook._kit_read_only = True
    if _READ_ONLY_KEY not in item.config.stash:
        kit = harness.make_read_only_kit(item.config.stash[_SESSION_ROOT_KEY] / "read-only-checkout")
        item.config.stash[_READ_ONLY_KEY] = (kit, _read_only_fingerprint(kit))
    kit = item.config.stash[_READ_ONLY_KEY][0]
    saved = {name: os.environ.get(name) for name in harness.read_only_kernel_environment(kit)}
    _set_environment(harness.read_only_kernel_environment(kit))
    try:
        outcome = yield
    finally:
        _set_environment(saved)
    kernel = getattr(notebook, "kernel", None)
    if outcome.excinfo is None and kernel is not None:
        _check_the_kernel_runs_read_only(kernel, kit, notebook.name)


# What nbval's kernel says of itself: which kit it imports, and whether it was given a work folder.
_KERNEL_PROBE = "import os as _o, widgets as _w; print('KIT', _w.__file__, 'KIT_WORK_DIR' in _o.environ); del _o, _w"


def _check_the_kernel_runs_read_only(kernel, kit: Path, name: str) -> None:
    """Fail the notebook unless its kernel really imports the read-only copy and has no KIT_WORK_DIR: otherwise every
    cell would pass against the writable checkout, and nothing would show it."""
    printed = []
    kernel.kc.execute_interactive(_KERNEL_PROBE, timeout=60, store_history=False, output_hook=lambda message: printed.append(
        message["content"].get("text", "")) if message["msg_type"] == "stream" else None)
    said = "".join(printed).split()
    if said[:1] != ["KIT"] or not said[1].startswith(str(kit)) or said[2:] != ["False"]:
        pytest.fail(f"{name}: nbval's kernel does not run as from the read-only checkout {kit}: it said "
                    f"{' '.join(said)!r}", pytrace=False)


def _read_only_fingerprint(kit: Path) -> dict:
    """The read-only copy, and the lessons and seeds of this checkout (the kernel's folder is lessons/ here)."""
    folders = {"read-only copy: ": kit} | {f"{name}/": harness.REPO / name for name in ("lessons", "seeds")}
    return {prefix + path: stamp for prefix, folder in folders.items()
            for path, stamp in harness.fingerprint(folder).items() if ".ipynb_checkpoints" not in path}


def _set_environment(variables: dict) -> None:
    for name, value in variables.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A notebook cell that wrote into the read-only copy, or into this checkout's lessons/ or seeds/ (the kernel's
    folder and the cases it reads), fails, naming what changed (as root the copy is immutable and the write itself
    fails; the check also holds where the system refused to make it read-only)."""
    outcome = yield
    if call.when != "call" or type(item.parent).__name__ != "IPyNbFile" or _READ_ONLY_KEY not in item.config.stash:
        return
    kit, before = item.config.stash[_READ_ONLY_KEY]
    changed = sorted({path for path, _ in set(before.items()) ^ set(_read_only_fingerprint(kit).items())})
    report = outcome.get_result()
    if not changed:
        return
    if report.passed:
        report.outcome = "failed"
        report.longrepr = (f"the notebook (or another program meanwhile) wrote into the read-only checkout ({kit}, "
                           f"or lessons/ or seeds/ here): " + ", ".join(changed[:10]))
    item.config.stash[_READ_ONLY_KEY] = (kit, _read_only_fingerprint(kit))   # a later cell is blamed for its own only
