"""Per lesson: headless execution time, kernel memory after the run, and in JupyterLab (Debian's chromium) the time
from Run All to every widget rendered, the kernel's memory after it, and the click-to-feedback latency of the first
exercise's Check button. Every lesson figure is also printed as a ratio against the two baseline notebooks
(bench/baselines.py: "bare widget", three ipywidgets; "bare chart", the same plus a pyplot bar chart), measured in the
same run and the same JupyterLab. Aims (issue 15): Run All at most 2.5x the bare widget; kernel memory at most 1.10x
the bare widget for a lesson without a chart, and at most the bare chart for one with a chart.

Headless runs use nbclient like nbval and `make notebooks` do: a fresh kernel in the lesson's folder and a fresh work
folder with the fixed student name. Memory is the kernel process's resident set size (psutil on the provisioner's
pid) after the last cell. Browser figures are measured in the page with performance.now() (tests/harness.py).
"""
from __future__ import annotations

import compileall
import os
import tempfile
import time
from pathlib import Path

import baselines  # bench/baselines.py
import harness  # tests/harness.py (bench/run.py puts tests/ on sys.path)

MIB = 1024 * 1024
CHECK_PREFIX = "Check"   # exercise buttons are labelled "Check my answer" (widgets/exercises/base.py)
CLICKS = 5               # clicks timed per lesson; stops early when a click changes nothing


def lesson_paths() -> list[Path]:
    return harness.notebook_paths(harness.LESSONS) or [harness.FIXTURE_NOTEBOOKS / "smoke.ipynb"]


def relative(path: Path) -> str:
    return path.relative_to(harness.REPO).as_posix()


# Notebooks whose time is broken down cell by cell (issue 15: they were the slow ones).
BREAKDOWN = ("09_your_own_article.ipynb", "class_results.ipynb")
BREAKDOWN_CELLS = 5


def headless(path: Path, work_root: Path) -> tuple[float, float, float, list]:
    """(kernel start s, execution s, kernel RSS MiB, [(cell s, cell number, first line)]) for one notebook run with
    nbclient."""
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
        cells = []
        for index, cell in enumerate(nb.cells):
            cell_started = time.perf_counter()
            client.execute_cell(cell, index)
            if cell.cell_type == "code":
                first = next((line for line in cell.source.splitlines() if line.strip()), "")
                cells.append((time.perf_counter() - cell_started, index + 1, first[:60]))
        executed = time.perf_counter()
        rss = psutil.Process(client.km.provisioner.pid).memory_info().rss
    return kernel_ready - started, executed - kernel_ready, rss / MIB, cells


def kernel_mib(server) -> float | None:
    """Resident memory of the kernel of the notebook open in the page (the server runs one kernel at a time here)."""
    import psutil
    kernels = server._api("GET", "/api/kernels")
    if len(kernels) != 1:
        return None
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if any(kernels[0]["id"] in part for part in child.cmdline()):
                return child.memory_info().rss / MIB
        except psutil.Error:
            continue
    return None


def has_chart(path: Path) -> bool:
    """Whether the notebook draws a chart (a widgets.core.charts or report chart, or matplotlib)."""
    text = path.read_text(encoding="utf-8")
    return any(marker in text for marker in ("_chart(", "matplotlib", "plt."))


# Another checkout of the kit to measure in the same run, e.g. the commit before a change:
#   git archive <commit> | tar -x -C /tmp/before && KIT_BENCH_BEFORE=/tmp/before python bench/run.py lessons
BEFORE = os.environ.get("KIT_BENCH_BEFORE")


def browser_rows(paths: list[Path], workdir: Path, repo: Path = harness.REPO, label: str = "") -> list[dict]:
    chromium = harness.chromium_path()
    if chromium is None:
        return [{"group": "browser", "what": "all browser figures", "value": None, "unit": "skipped (no chromium)"}]
    import psutil
    from playwright.sync_api import sync_playwright

    rows = []
    server = harness.start_lab(workdir / "lab", repo=repo)
    rows.append({"group": "server", "what": "jupyter lab ready", "value": server.startup_seconds, "unit": "s"})
    baseline_paths = baselines.write_notebooks(server.root / "bench-baselines")
    base_rel = {name: path.relative_to(server.root).as_posix() for name, path in baseline_paths.items()}
    measured = {}          # relpath -> list of (run-all ms, kernel MiB)
    try:
        with sync_playwright() as playwright:
            context = harness.launch_browser(playwright, workdir / "chromium-profile", chromium)
            page = context.new_page()
            # Baselines before and after the lessons (their best run counts), so drift over the run shows.
            lessons = [relative(p) for p in paths if (server.root / relative(p)).is_file()]
            order = list(base_rel.values()) + lessons + list(base_rel.values())
            for group in order:
                result = harness.open_and_run_notebook(page, server, group, screenshot_folder=None)
                measured.setdefault(group, []).append((result.run_all_to_rendered_ms, kernel_mib(server)))
                if group in base_rel.values():
                    server.shutdown_kernels()
                    continue
                rows.append({"group": group, "what": "browser: open to kernel idle",
                             "value": result.open_to_idle_s, "unit": "s"})
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
    found = ratio_rows(measured, base_rel, [p for p in paths if relative(p) in measured]) + rows
    for row in found:
        row["group"] = label + row["group"]
    return found


def _best(samples, index):
    values = [sample[index] for sample in samples if sample[index] is not None]
    return min(values) if values else None


def ratio_rows(measured: dict, base_rel: dict, paths: list[Path]) -> list[dict]:
    """Run All and kernel memory in JupyterLab, absolute and as ratios against the baselines, with the aims."""
    widget_ms = _best(measured[base_rel[baselines.BARE_WIDGET]], 0)
    widget_mib = _best(measured[base_rel[baselines.BARE_WIDGET]], 1)
    chart_ms = _best(measured[base_rel[baselines.BARE_CHART]], 0)
    chart_mib = _best(measured[base_rel[baselines.BARE_CHART]], 1)
    rows = []
    for name, rel in base_rel.items():
        samples = measured[rel]
        rows.append({"group": f"baseline: {name}", "what": f"browser: Run All to rendered (runs: "
                     f"{', '.join(f'{ms:.0f}' for ms, _ in samples)} ms)", "value": _best(samples, 0), "unit": "ms"})
        rows.append({"group": f"baseline: {name}", "what": "browser: kernel memory after Run All",
                     "value": _best(samples, 1), "unit": "MiB"})
    for path in paths:
        group, charted = relative(path), has_chart(path)
        ms, mib = _best(measured[group], 0), _best(measured[group], 1)
        time_ratio = baselines.ratio(ms, widget_ms)
        rows.append({"group": group, "what": "browser: Run All to every widget rendered", "value": ms, "unit": "ms"})
        rows.append({"group": group, "what": "  = x bare widget (aim <= 2.50)", "value": time_ratio,
                     "unit": "x  " + _verdict(time_ratio, 2.5)})
        rows.append({"group": group, "what": "  = x bare chart", "value": baselines.ratio(ms, chart_ms), "unit": "x"})
        rows.append({"group": group, "what": f"browser: kernel memory after Run All ({'chart' if charted else 'no chart'})",
                     "value": mib, "unit": "MiB"})
        widget_ratio, chart_ratio = baselines.ratio(mib, widget_mib), baselines.ratio(mib, chart_mib)
        rows.append({"group": group, "what": "  = x bare widget" + ("" if charted else " (aim <= 1.10)"),
                     "value": widget_ratio, "unit": "x" + ("" if charted else "  " + _verdict(widget_ratio, 1.10))})
        rows.append({"group": group, "what": "  = x bare chart" + (" (aim <= 1.00)" if charted else ""),
                     "value": chart_ratio, "unit": "x" + ("  " + _verdict(chart_ratio, 1.0) if charted else "")})
    return rows


def _verdict(value, aim) -> str:
    return "" if value is None else ("aim met" if value <= aim else "aim NOT met")


def rows() -> list[dict]:
    paths = lesson_paths()
    out = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-lessons-") as tmp:
        base = baselines.headless()
        for name, figures in base.items():
            out.append({"group": f"baseline: {name}", "what": "headless: execute all cells",
                        "value": figures["seconds"], "unit": "s"})
            out.append({"group": f"baseline: {name}", "what": "headless: kernel resident memory after run",
                        "value": figures["mib"], "unit": "MiB"})
        for path in paths:
            kernel_s, execution_s, rss_mib, cells = headless(path, Path(tmp) / "work")
            group = relative(path)
            out.append({"group": group, "what": "headless: kernel start", "value": kernel_s, "unit": "s"})
            out.append({"group": group, "what": "headless: execute all cells", "value": execution_s, "unit": "s"})
            out.append({"group": group, "what": "  = x bare widget (headless)",
                        "value": baselines.ratio(execution_s, base[baselines.BARE_WIDGET]["seconds"]), "unit": "x"})
            if path.name in BREAKDOWN:
                for seconds, number, first in sorted(cells, reverse=True)[:BREAKDOWN_CELLS]:
                    out.append({"group": group, "what": f"  breakdown: cell {number}: {first}", "value": seconds,
                                "unit": "s"})
            out.append({"group": group, "what": "headless: kernel resident memory after run", "value": rss_mib,
                        "unit": "MiB"})
            out.append({"group": group, "what": "  = x bare widget / x bare chart (headless memory)",
                        "value": baselines.ratio(rss_mib, base[baselines.BARE_WIDGET]["mib"]),
                        "unit": f"x / {baselines.ratio(rss_mib, base[baselines.BARE_CHART]['mib']):.2f}x"})
        out += browser_rows(paths, Path(tmp))
        if BEFORE:
            compileall.compile_dir(str(Path(BEFORE) / "widgets"), quiet=1)   # as run.py does for this checkout
            out += browser_rows(paths, Path(tmp) / "before", repo=Path(BEFORE), label="BEFORE ")
    return out
