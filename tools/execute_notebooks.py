"""Re-execute the lessons in place, so nbval has fresh outputs to compare (`make notebooks`).

    python tools/execute_notebooks.py                   # every lessons/**/*.ipynb, in reading order
    python tools/execute_notebooks.py lessons/03_x.ipynb

Each notebook runs in a fresh kernel started in its own folder, with a fresh temporary work folder holding only the
fixed student name (tests/harness.py, FIXED_STUDENT): nobody's saved work or name leaks into the stored outputs,
and nbval (conftest.py at the root) runs each notebook under the same conditions. Jupyter, IPython and matplotlib files
go to a temporary folder too.

Stored outputs are kept deterministic: execution counts run 1, 2, 3...; no timing metadata; no widget state; and
widget-view outputs keep only their text/plain repr (their model ids are random on every run, nbval skips them, and
JupyterLab shows the friendly repr until the cell is run). A notebook that fails is left untouched.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import harness  # noqa: E402  (tests/harness.py: isolated folders, fixed student, lesson list)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TIMEOUT_PER_CELL_S = 600


def drop_widget_views(nb) -> int:
    """Remove widget-view data (random model ids) from outputs that also carry text/plain; return how many."""
    dropped = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and "text/plain" in data:
                del data[WIDGET_VIEW]
                dropped += 1
    nb.metadata.pop("widgets", None)  # stale widget state from an earlier save
    return dropped


def execute(path: Path, work_root: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    harness.prepare_work_dir(work_root / path.stem)
    executor = ExecutePreprocessor(timeout=TIMEOUT_PER_CELL_S, kernel_name="python3", store_widget_state=False,
                                   record_timing=False)
    executor.preprocess(nb, {"metadata": {"path": str(path.parent)}})
    drop_widget_views(nb)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to execute (default: every lesson)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or harness.notebook_paths(harness.LESSONS)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print("Not found: " + ", ".join(missing), file=sys.stderr)
        return 2
    if not paths:
        print("No notebooks found in lessons/.")
        return 0
    failures = []
    with tempfile.TemporaryDirectory(prefix="fprl-execute-") as tmp:
        harness.apply_environment(harness.isolate_environment(Path(tmp) / "env"))
        for number, path in enumerate(paths, 1):
            shown = path.relative_to(harness.REPO) if harness.REPO in path.parents else path
            print(f"[{number}/{len(paths)}] {shown} ...", end=" ", flush=True)
            started = time.perf_counter()
            try:
                nb = execute(path, Path(tmp) / "work")
            except CellExecutionError as error:
                failures.append(str(shown))
                print(f"FAILED after {time.perf_counter() - started:.1f} s (file left unchanged)")
                print(str(error)[-2000:], file=sys.stderr)
                continue
            nbformat.write(nb, path)
            print(f"{time.perf_counter() - started:.1f} s")
    if failures:
        print(f"{len(failures)} notebook(s) failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
