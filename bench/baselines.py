"""The two baseline notebooks every lesson figure is compared with, measured in the same run (not a bench module:
bench/run.py only runs bench_*.py; the modules import this one).

- "bare widget": a notebook that shows three ipywidgets and nothing else: the least a widget lesson can cost.
- "bare chart": the same plus a pyplot bar chart, the way a notebook usually draws one.

A ratio against them says what a lesson costs beyond Jupyter itself, and stays meaningful on a busy or slow machine
where absolute figures do not. Headless figures (nbclient, fresh kernel) are measured once per process and cached,
so bench_lessons and bench_load share them.
"""
from __future__ import annotations

import functools
import tempfile
import time
from pathlib import Path

import harness  # tests/harness.py (bench/run.py puts tests/ on sys.path)

MIB = 1024 * 1024
BARE_WIDGET = "bare widget"
BARE_CHART = "bare chart"
CELLS = {
    BARE_WIDGET: [
        "import ipywidgets as ipw",
        "ipw.VBox([ipw.IntSlider(description='Slider'), ipw.Text(description='Text'), ipw.Button(description='Go')])",
    ],
    BARE_CHART: [
        "import ipywidgets as ipw\nimport matplotlib.pyplot as plt",
        "ipw.VBox([ipw.IntSlider(description='Slider'), ipw.Text(description='Text'), ipw.Button(description='Go')])",
        "plt.bar(['a', 'b', 'c'], [3, 1, 2])\nplt.title('Bare chart')\nplt.show()",
    ],
}
FILE_NAMES = {BARE_WIDGET: "bare_widget.ipynb", BARE_CHART: "bare_chart.ipynb"}


def write_notebooks(folder: Path) -> dict[str, Path]:
    """Write both baseline notebooks into `folder`; return {baseline name: path}."""
    import nbformat
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, cells in CELLS.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        paths[name] = folder / FILE_NAMES[name]
        nbformat.write(nb, paths[name])
    return paths


def run_headless(path: Path, work: Path) -> tuple[float, float]:
    """(execution s, kernel resident memory MiB after the run) for one notebook in a fresh nbclient kernel."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    harness.prepare_work_dir(work)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - started
        rss = psutil.Process(client.km.provisioner.pid).memory_info().rss / MIB
    return seconds, rss


@functools.lru_cache(maxsize=None)
def headless(repeats: int = 2) -> dict[str, dict[str, float]]:
    """{baseline: {"seconds", "mib"}}: the best of `repeats` fresh kernels each (cached for the process)."""
    found = {}
    with tempfile.TemporaryDirectory(prefix="fprl-bench-baselines-") as tmp:
        paths = write_notebooks(Path(tmp) / "notebooks")
        for name, path in paths.items():
            runs = [run_headless(path, Path(tmp) / "work" / f"{name}-{i}".replace(" ", "-")) for i in range(repeats)]
            found[name] = {"seconds": min(s for s, _ in runs), "mib": min(m for _, m in runs)}
    return found


def ratio(value, base) -> float | None:
    return None if value is None or not base else value / base
