"""Per lesson: headless execution time, kernel memory after the run, and in JupyterLab (Debian's chromium) the time
from Run All to every widget rendered and the click-to-feedback latency of the first exercise's Check button.

Headless runs use nbclient like nbval and `make notebooks` do: a fresh kernel in the lesson's folder and a fresh work
folder with the fixed student name. Memory is the kernel process's resident set size (psutil on the provisioner's
pid) after the last cell. Browser figures are measured in the page with performance.now() (tests/harness.py).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import harness  # tests/harness.py (bench/run.py puts tests/ on sys.path)

MIB = 1024 * 1024
CHECK_PREFIX = "Check"   # exercise buttons are labelled "Check my answer" (widgets/exercises/base.py)
CLICKS = 5               # clicks timed per lesson; stops early when a click changes nothing


def lesson_paths() -> list[Path]:
    return harness.notebook_paths(harness.LESSONS) or [harness.FIXTURE_NOTEBOOKS / "smoke.ipynb"]


def relative(path: Path) -> str:
    return path.relative_to(harness.REPO).as_posix()


def headless(path: Path, work_root: Path) -> tuple[float, float, float]:
    """(kernel start s, execution s, kernel RSS MiB) for one notebook run with nbclient."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    harness.prepare_work_dir(work_root / path.stem)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        kernel_ready = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        executed = time.perf_counter()
        rss = psutil.Process(client.km.provisioner.pid).memory_info().rss
    return kernel_ready - started, executed - kernel_ready, rss / MIB


def browser_rows(paths: list[Path], workdir: Path) -> list[dict]:
    chromium = harness.chromium_path()
    if chromium is None:
        return [{"group": "browser", "what": "all browser figures", "value": None, "unit": "skipped (no chromium)"}]
    import psutil
    from playwright.sync_api import sync_playwright

    rows = []
    server = harness.start_lab(workdir / "lab")
    rows.append({"group": "server", "what": "jupyter lab ready", "value": server.startup_seconds, "unit": "s"})
    try:
        with sync_playwright() as playwright:
            context = harness.launch_browser(playwright, workdir / "chromium-profile", chromium)
            page = context.new_page()
            for path in paths:
                group = relative(path)
                result = harness.open_and_run_notebook(page, server, group, screenshot_folder=None)
                rows.append({"group": group, "what": "browser: open to kernel idle",
                             "value": result.open_to_idle_s, "unit": "s"})
                rows.append({"group": group, "what": f"browser: Run All to {result.widget_views} widget(s) rendered",
                             "value": result.run_all_to_rendered_ms, "unit": "ms"})
                if result.problems:
                    rows.append({"group": group, "what": "browser: problems", "value": len(result.problems),
                                 "unit": "; ".join(result.problems)[:120]})
                click = harness.measure_click_feedback(page, prefix=CHECK_PREFIX, clicks=CLICKS)
                if click.get("median_ms") is None:
                    why = click.get("error") or f"'{click.get('button')}' changed no feedback"
                    rows.append({"group": group, "what": "browser: click to feedback", "value": None, "unit": why})
                else:
                    rows.append({"group": group, "what": f"browser: click '{click['button']}' to feedback "
                                                         f"(median of {len(click['samples'])})",
                                 "value": click["median_ms"], "unit": "ms"})
                server.shutdown_kernels()
            context.close()
        rows.append({"group": "server", "what": "jupyter lab resident memory at the end",
                     "value": psutil.Process(server.process.pid).memory_info().rss / MIB, "unit": "MiB"})
    finally:
        server.stop()
    return rows


def rows() -> list[dict]:
    paths = lesson_paths()
    out = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-lessons-") as tmp:
        for path in paths:
            kernel_s, execution_s, rss_mib = headless(path, Path(tmp) / "work")
            group = relative(path)
            out.append({"group": group, "what": "headless: kernel start", "value": kernel_s, "unit": "s"})
            out.append({"group": group, "what": "headless: execute all cells", "value": execution_s, "unit": "s"})
            out.append({"group": group, "what": "headless: kernel resident memory after run", "value": rss_mib,
                        "unit": "MiB"})
        out += browser_rows(paths, Path(tmp))
    return out
