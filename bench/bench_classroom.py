"""Benchmark: time and peak memory to build the class report (HTML + CSV) from 40, 1,000 and 10,000 submissions.

The submissions are written from a template (widgets.classroom.demo.template_submissions), not through the widgets,
so that 10,000 take seconds to make. Each size is timed once without tracing, then run again under tracemalloc for
the peak of Python allocations (tracing slows the run, so the two are measured apart). Aim: 1,000 in under 2 s.

    python bench/bench_classroom.py          # or: python bench/run.py (collects rows() from every bench module)
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
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
            start = time.perf_counter()
            results = _build_report(folder, case, tmp)
            seconds = time.perf_counter() - start
            gc.collect()
            tracemalloc.start()
            _build_report(folder, case, tmp)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            group = "classroom report"
            what = f"{size:,} submissions ({len(case.sentences)} sentences each, {bytes_on_disk / 1e6:.1f} MB)"
            assert len(results.students) == size
            found.append({"group": group, "what": f"time, {what}", "value": round(seconds, 3), "unit": "s"})
            found.append({"group": group, "what": f"peak Python memory (tracemalloc), {what}",
                          "value": round(peak / 2**20, 1), "unit": "MiB"})
            found.append({"group": group, "what": f"throughput, {what}",
                          "value": round(size / seconds), "unit": "submissions/s"})
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(KIT))
    for row in rows():
        print(f"{row['group']:18} {row['what']:78} {row['value']:>10} {row['unit']}")
