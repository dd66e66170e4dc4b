"""Benchmark: time and peak memory to build the class report (HTML + CSV) from 40, 1,000 and 10,000 submissions.

The submissions are written from a template (widgets.lesson.class_demo.template_submissions), not through the widgets,
so that 10,000 take seconds to make. The command line (`python -m widgets results`, start-up included) is timed on 40
and 1,000. In process, each size is built once: wall-clock and CPU time, and the peak growth of the process's
resident memory during the build, sampled every 5 ms by a thread with psutil (tracemalloc would slow the build
several times over). Aims (issue 15): on the command line, 1,000 in at most 1.5x the time of 40 and
under 1 s of CPU time.

    python bench/bench_classroom.py          # or: python bench/run.py (collects rows() from every bench module)
"""
from __future__ import annotations

import compileall
import gc
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SIZES = (40, 1_000, 10_000)
CLI_SIZES = (40, 1_000)
CASE_FOLDER = KIT / "seeds" / "biden-china-2022"


def _build_report(folder, case, out):
    from widgets.classroom.results import class_results
    results = class_results(folder, case=case)
    results.write_html(out / "report.html")
    results.write_csv(out / "gradebook.csv")
    return results


class PeakMemory:
    """Peak resident memory above the starting level while the block runs (MiB), sampled by a thread."""

    def __init__(self, interval_s=0.005):
        import psutil
        self.process = psutil.Process()
        self.interval_s = interval_s
        self.peak = 0

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(self.interval_s)

    def __enter__(self):
        self.start = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth_mib(self) -> float:
        return (self.peak - self.start) / 2**20


def cli_run(folder: Path, out: Path, repo: Path | None = None) -> tuple[float, float]:
    """(wall-clock s, CPU s) of `python -m widgets results FOLDER` in a fresh process (start-up included), with
    `repo`'s widgets package first on the path when given (KIT_BENCH_BEFORE: an older checkout)."""
    env = dict(os.environ)
    if repo is not None:
        env["PYTHONPATH"] = str(repo)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "widgets", "results", str(folder), "--out", str(out / "cli-report.html"),
                    "--csv", str(out / "cli-gradebook.csv")], check=True, capture_output=True, env=env,
                   cwd=str(out))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli_rows(folders: dict, out: Path) -> list[dict]:
    """The command line on 40 and 1,000 submissions (best of 3), and 1,000 as a ratio of 40. Aim (issue 15): the
    ratio at most 1.5 and under 1 s of CPU time."""
    found = []
    versions = [("", None)]
    if os.environ.get("KIT_BENCH_BEFORE"):
        versions.append(("BEFORE ", Path(os.environ["KIT_BENCH_BEFORE"])))
        compileall.compile_dir(os.path.join(os.environ["KIT_BENCH_BEFORE"], "widgets"), quiet=1)
    for label, repo in versions:
        group = f"{label}classroom report: python -m widgets results"
        best = {}
        for size in CLI_SIZES:
            runs = [cli_run(folders[size], out, repo) for _ in range(3)]
            best[size] = (min(w for w, _ in runs), min(c for _, c in runs))
            found.append({"group": group, "what": f"{size:,} submissions: wall-clock (best of 3)",
                          "value": round(best[size][0], 3), "unit": "s"})
            found.append({"group": group, "what": f"{size:,} submissions: CPU time (best of 3; aim < 1 s)",
                          "value": round(best[size][1], 3),
                          "unit": "s  " + ("aim met" if best[size][1] < 1 else "aim NOT met")})
        small, large = CLI_SIZES
        for index, kind in ((0, "wall-clock"), (1, "CPU time")):
            ratio = best[large][index] / best[small][index]
            found.append({"group": group, "what": f"{large:,} as a ratio of {small} ({kind}; aim <= 1.5)",
                          "value": round(ratio, 2), "unit": "x  " + ("aim met" if ratio <= 1.5 else "aim NOT met")})
    return found


def rows() -> list[dict]:
    from widgets.lesson.class_demo import template_submissions
    from widgets.core.loading import load_case

    case = load_case(CASE_FOLDER)
    found = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-classroom-") as tmp:
        tmp = Path(tmp)
        _build_report(template_submissions(case, tmp / "warm", 5), case, tmp)   # imports, fonts, first figure
        folders = {}
        for size in SIZES:
            folder = folders[size] = template_submissions(case, tmp / f"class-{size}", size)
            bytes_on_disk = sum(p.stat().st_size for p in folder.iterdir())
            gc.collect()
            with PeakMemory() as memory:
                start, cpu_start = time.perf_counter(), time.process_time()
                results = _build_report(folder, case, tmp)
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            group = "classroom report"
            what = f"{size:,} submissions ({len(case.sentences)} sentences each, {bytes_on_disk / 1e6:.1f} MB)"
            assert len(results.students) == size
            found.append({"group": group, "what": f"time, {what}", "value": round(seconds, 3), "unit": "s"})
            # CPU time of this process: less sensitive than wall-clock time to other work on a shared machine.
            found.append({"group": group, "what": f"CPU time, {what}", "value": round(cpu, 3), "unit": "s"})
            found.append({"group": group, "what": f"peak resident memory growth, {what}",
                          "value": round(memory.growth_mib, 1), "unit": "MiB"})
            found.append({"group": group, "what": f"throughput, {what}",
                          "value": round(size / seconds), "unit": "submissions/s"})
        found += cli_rows(folders, tmp)
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(KIT))
    for row in rows():
        print(f"{row['group']:18} {row['what']:78} {row['value']:>10} {row['unit']}")
