"""Benchmark: saving under concurrency, and the class report on the largest and nastiest inputs (issue 12).

1. Two kernels, one student: two real processes answer the same student's items at once (back to back, and with
   0-50 ms pauses as a quick student works), over several rounds. Printed: answers written, answers found on disk,
   answers lost (must be 0).
2. The report, the validator and new-case on the largest inputs the fault suite tries: 20,000 sentence ids in a
   keyless class, 1,000 hand-ins of the biden-china-2022 case, a folder of traps (a symlink to /dev/zero, a FIFO,
   200 KB of nesting, an oversized file), a 100 MB YAML file, a 200 KB article. Each runs in its own process:
   wall time, and the process's peak resident memory (VmHWM).

    python bench/bench_robustness.py          # or: python bench/run.py robustness
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
ROUNDS = 5
ANSWERS_PER_PROCESS = 200

WRITER = textwrap.dedent("""
    import os, random, sys, time
    from widgets.core.storage import WorkFile
    tag, count, start, pause = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    while not os.path.exists(start):
        time.sleep(0.001)
    work = WorkFile("Ada", "c")
    rng = random.Random(tag)
    for i in range(count):
        work.record("fact_opinion", f"{tag}{i}", {"label": "fact", "sourcing": "named"})
        if pause:
            time.sleep(rng.uniform(0, pause))
""")


def _two_kernels(folder: Path, count: int, pause: float) -> tuple:
    """(written, on disk, seconds) for one round of two processes writing `count` answers each."""
    folder.mkdir(parents=True)
    start = folder / "go"
    env = dict(os.environ, KIT_WORK_DIR=str(folder))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, tag, str(count), str(start), str(pause)], env=env)
             for tag in ("a", "b")]
    began = time.perf_counter()
    start.write_text("go")
    for process in procs:
        process.wait(timeout=600)
    elapsed = time.perf_counter() - began
    from widgets.core.storage import student_slug
    data = json.loads((folder / f"{student_slug('Ada')}__c.json").read_text(encoding="utf-8"))
    return 2 * count, len(data["exercises"]["fact_opinion"]["answers"]), elapsed


MEASURE = textwrap.dedent("""
    import json, sys, time
    began = time.perf_counter()
    exec(sys.argv[1])
    # VmHWM: this process's own peak resident memory (ru_maxrss would carry the parent's peak across exec).
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    print(json.dumps({"s": time.perf_counter() - began, "peak_mib": peak / 1024}))
""")


def _measure(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, code], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return {"s": None, "peak_mib": None, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _submission(student, case, answers, created="2026-11-29T10:00:00+00:00"):
    return {"format": "fprl-submission", "version": 1, "student": student, "case": case, "kit_version": "0.1.0",
            "created": created, "exercises": {"fact_opinion": {"answers": answers}}}


def _inputs(root: Path) -> dict:
    fo = {"label": "fact", "sourcing": "none"}
    keyless = root / "keyless-20000"
    keyless.mkdir()
    answers = {f"s{i}": fo for i in range(20_000)}
    for n in range(10):
        (keyless / f"s{n}.json").write_text(json.dumps(_submission(f"Student {n}", "made-up", answers)))
    traps = root / "traps"
    traps.mkdir()
    (traps / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(traps / "pipe.json")
    (traps / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (traps / "huge.json").write_bytes(b" " * 3_000_000)
    (traps / "surrogate.json").write_text('{"student": "\\ud800"}')
    (traps / "good.json").write_text(json.dumps(_submission("Ada", "made-up", {"h": fo})))
    big_case = root / "big-yaml"
    big_case.mkdir()
    for path in (KIT / "tests" / "fixtures" / "case_min").iterdir():
        if path.is_file():
            (big_case / path.name).write_bytes(path.read_bytes())
    with (big_case / "sentences.yaml").open("w") as handle:
        handle.write("# padding\n" * 10_000_000)                     # 100 MB
    article = root / "article.txt"
    article.write_text("A Headline\n\n" + "The minister spoke on Monday about the talks. " * 4_300)  # ~200 KB
    written = root / "written-40"                  # 40 hand-ins with a written answer just under the 2 MB file limit
    written.mkdir()
    for n in range(40):
        document = _submission(f"Student {n}", "biden-china-2022", {"h": fo})
        document["exercises"]["responses"] = {"answers": {"reflection": "word " * 390_000}}
        (written / f"w{n}.json").write_text(json.dumps(document))
    return {"keyless": keyless, "traps": traps, "big_case": big_case, "article": article, "written": written}


def rows() -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-robust-") as tmp:
        root = Path(tmp)
        for pause, label in ((0.0, "back to back"), (0.05, "0-50 ms apart")):
            written = kept = 0
            seconds = 0.0
            for round_number in range(ROUNDS):
                w, k, s = _two_kernels(root / f"kernels-{pause}-{round_number}", ANSWERS_PER_PROCESS, pause)
                written, kept, seconds = written + w, kept + k, seconds + s
            group = f"two kernels, one student, {label} ({ROUNDS} rounds)"
            out += [{"group": group, "what": "answers written", "value": written, "unit": "answers"},
                    {"group": group, "what": "answers on disk", "value": kept, "unit": "answers"},
                    {"group": group, "what": "answers lost", "value": written - kept, "unit": "answers"},
                    {"group": group, "what": "time per save", "value": 1000 * seconds / written, "unit": "ms"}]

        inputs = _inputs(root)
        out_dir = root / "out"
        out_dir.mkdir()
        from widgets.lesson.class_demo import template_submissions
        from widgets.core.loading import load_case
        seed = load_case(KIT / "seeds" / "biden-china-2022")
        thousand = template_submissions(seed, root / "thousand", 1_000)
        jobs = {
            "report: 10 students x 20,000 sentence ids (keyless)":
                f"from widgets.classroom.results import class_results as c; r = c({str(inputs['keyless'])!r}); "
                f"r.write_html({str(out_dir / 'k.html')!r}); r.write_sentences_csv({str(out_dir / 'k.csv')!r})",
            "report: 1,000 hand-ins, biden-china-2022":
                f"from widgets.classroom.results import class_results as c; r = c({str(thousand)!r}); "
                f"r.write_html({str(out_dir / 't.html')!r}); r.write_csv({str(out_dir / 't.csv')!r})",
            "report: folder of traps (symlink to /dev/zero, FIFO, deep nesting, 3 MB, lone surrogate)":
                f"from widgets.classroom.results import class_results as c; r = c({str(inputs['traps'])!r}); "
                f"r.write_html({str(out_dir / 'x.html')!r})",
            "report: 40 hand-ins with a 1.95 MB written answer each (cut at the answer box's 5,000 characters)":
                f"from widgets.classroom.results import class_results as c; r = c({str(inputs['written'])!r}); "
                f"r.write_html({str(out_dir / 'w.html')!r})",
            "validate: 100 MB sentences.yaml (refused before parsing)":
                f"from widgets.core.loading import validate_case; validate_case({str(inputs['big_case'])!r})",
            "new-case: 200 KB article, the largest it takes (written and validated)":
                f"from widgets.core.owntext.newcase import new_case; "
                f"new_case({str(inputs['article'])!r}, {str(root / 'new-case')!r})",
        }
        for what, code in jobs.items():
            measured = _measure(code)
            unit_note = f" ({measured['error'][0][:60]})" if measured.get("error") else ""
            out += [{"group": what, "what": "wall time", "value": measured["s"], "unit": "s" + unit_note},
                    {"group": what, "what": "peak memory (whole process)", "value": measured["peak_mib"],
                     "unit": "MiB"}]
        page = out_dir / "w.html"
        out.append({"group": "report: 40 hand-ins with a 1.95 MB written answer each", "what": "page size",
                    "value": page.stat().st_size / 1e6 if page.exists() else None, "unit": "MB (80 MB before issue 23)"})
    return out


if __name__ == "__main__":
    for row in rows():
        print(row)
