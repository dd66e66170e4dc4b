"""Benchmark: time and peak memory to build the class report (HTML + CSV) from 40, 1,000 and 10,000 submissions.

The submissions are written from a template (widgets.classroom.demo.template_submissions), not through the widgets,
so that 10,000 take seconds to make. Each size is built once: wall-clock and CPU time, and the peak growth of the process's
resident memory during the build, sampled every 5 ms by a thread with psutil (tracemalloc would slow the build
several times over). Aim: 1,000 in under 2 s.

    python bench/bench_classroom.py          # or: python bench/run.py (collects rows() from every bench module)
"""
from __future__ import annotations

import gc
import sys
import tempfile
import threading
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SIZES = (40, 1_000, 10_000)
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


def rows() -> list[dict]:
    from widgets.classroom.demo import template_submissions
    from widgets.loading import load_case

    case = load_case(CASE_FOLDER)
    found = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-classroom-") as tmp:
        tmp = Path(tmp)
        _build_report(template_submissions(case, tmp / "warm", 5), case, tmp)   # imports, fonts, first figure
        for size in SIZES:
            folder = template_submissions(case, tmp / f"class-{size}", size)
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
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(KIT))
    for row in rows():
        print(f"{row['group']:18} {row['what']:78} {row['value']:>10} {row['unit']}")
