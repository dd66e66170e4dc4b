"""Load test: a class of students, one kernel each, on this machine (prints figures; passes or fails nothing).

Each simulated student gets a fresh kernel (jupyter_client) with its own work folder, as on a hub, and:
1. runs every code cell of lessons 02-06 in order (the real lessons, so the real widgets are built);
2. answers every item of every exercise those lessons show, through the widget's own protocol
   (`exercise.answer(item, value)` then `exercise.check()`, exactly what the buttons do), with a pause between
   items; the key's answers are used, so every answer is valid and saved;
3. hands in (`widgets.hand_in(case)`).
Then the class report is built over all the hand-ins with `python -m widgets results`, as an instructor would.

Printed for each class size (default 1, 10 and 40 students, all working at the same time):
- p50 and p95 latency of one answer + check, measured by the student's client (request sent to reply received,
  so it includes waiting behind the other kernels for the machine's cores);
- the kernels' resident memory (total, mean and largest) and the mean as a ratio of the bare-widget kernel
  (bench/baselines.py, measured in the same run);
- answers written (answer() calls that succeeded) against answers found in the work files on disk afterwards:
  the two must be equal;
- hand-ins written and the class report's wall-clock and CPU time over them.

Knobs (environment): KIT_LOAD_STUDENTS="1,10,40" (class sizes), KIT_LOAD_PAUSE=0.5 (seconds between two items;
a real student takes longer, so the load here is heavier than a class's), KIT_BENCH_QUICK=1 (sizes 1,10,40 with
0.1 s pauses: about a minute less).

    python bench/run.py load
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import baselines  # bench/baselines.py
import harness  # tests/harness.py

MIB = 1024 * 1024
LESSONS = ("02_actors.ipynb", "03_claims_and_sources.ipynb", "04_fact_opinion_mixed.ipynb",
           "05_framing_and_headlines.ipynb", "06_checking_the_record.ipynb")
QUICK = os.environ.get("KIT_BENCH_QUICK") == "1"
SIZES = tuple(int(n) for n in os.environ.get("KIT_LOAD_STUDENTS", "1,10,40").split(",") if n.strip())
PAUSE_S = float(os.environ.get("KIT_LOAD_PAUSE", "0.1" if QUICK else "0.5"))
STARTERS = 6               # kernels started at the same time (a hub also staggers logins)
TIMEOUT_S = 600

# Run once in each student's kernel: find the exercises a lesson showed, answer an item, hand in.
SETUP = r'''
import gc as _gc
from widgets.exercises.base import Exercise as _Exercise

_load_exercises, _load_seen = [], set()

def _load_new_exercises():
    """Exercises built since the last call, as [index, exercise key, items]."""
    found = []
    for obj in _gc.get_objects():
        if isinstance(obj, _Exercise) and id(obj) not in _load_seen:
            _load_seen.add(id(obj))
            _load_exercises.append(obj)
            found.append([len(_load_exercises) - 1, obj.exercise, list(obj.items)])
    return found

def _load_value(exercise, item):
    """The key's answer to one item, in the form the exercise's answer() takes."""
    case = exercise.case
    if exercise.exercise == "fact_opinion":
        sentence = next(s for s in case.sentences if s.id == item)
        return {"label": sentence.label, "sourcing": sentence.sourcing}
    if exercise.exercise == "actors":   # a student marks each phrase once: nested mentions keep the longest
        marks, taken = [], []
        mentions = [(m, a) for a in case.actors for m in a.mentions if m.sentence_id == item]
        for m, a in sorted(mentions, key=lambda pair: (pair[0].start - pair[0].end, pair[0].start)):
            if all(m.end <= start or m.start >= end for start, end in taken):
                taken.append((m.start, m.end))
                marks.append({"start": m.start, "end": m.end, "kind": a.kind})
        return sorted(marks, key=lambda mark: mark["start"])
    if exercise.exercise == "claims":
        return [{"start": c.start, "end": c.end, "sourcing": c.sourcing} for c in case.claims if c.sentence_id == item]
    if exercise.exercise == "verdicts":
        return next(c.verdict for c in case.claims if c.id == item)
    if exercise.exercise == "framing":   # marks {"start", "end", "device"}; omissions are not marked in the text
        return [{"start": f.start, "end": f.end, "device": f.device} for f in case.framing
                if f.sentence_id == item and f.device != "omission"]
    return "A short answer from a simulated student."

def _load_answer(index, item):
    exercise = _load_exercises[index]
    try:
        exercise.answer(item, _load_value(exercise, item))
    except Exception as error:
        print("not written:", type(error).__name__, error)
        return
    exercise.check()
    print("written")
'''


class Student:
    """One kernel playing one student."""

    def __init__(self, number: int, root: Path):
        self.number = number
        self.work = root / f"student-{number:02d}"
        self.work.mkdir(parents=True)
        self.latencies: list[float] = []
        self.written: set = set()
        self.not_written: list[str] = []
        self.lesson_seconds = 0.0
        self.submission: Path | None = None
        self.error: str | None = None
        self.km = self.kc = None

    def start(self):
        from jupyter_client import KernelManager
        self.km = KernelManager(kernel_name="python3")
        env = dict(os.environ, KIT_WORK_DIR=str(self.work))
        self.km.start_kernel(cwd=str(harness.LESSONS), env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT_S)
        self.run(f"from widgets import set_student\nset_student('Student {self.number:02d}')\n" + SETUP)

    def run(self, code: str) -> str:
        """Execute `code`; return what it printed; raise on an error."""
        printed = []

        def hook(message):
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            elif message["msg_type"] == "error":
                printed.append(f"ERROR {message['content']['ename']}: {message['content']['evalue']}")

        reply = self.kc.execute_interactive(code, timeout=TIMEOUT_S, output_hook=hook, store_history=False)
        text = "".join(printed)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"student {self.number}: {text[-500:]}")
        return text

    def play(self):
        import nbformat
        try:
            for lesson in LESSONS:
                nb = nbformat.read(harness.LESSONS / lesson, as_version=4)
                started = time.perf_counter()
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        self.run(cell.source)
                self.lesson_seconds += time.perf_counter() - started
                exercises = json.loads(self.run("import json as _json\nprint(_json.dumps(_load_new_exercises()))"))
                for index, key, items in exercises:
                    for item in items:
                        time.sleep(PAUSE_S)
                        sent = time.perf_counter()
                        outcome = self.run(f"_load_answer({index}, {item!r})")
                        self.latencies.append(time.perf_counter() - sent)
                        if outcome.strip() == "written":
                            self.written.add((key, item))
                        else:
                            self.not_written.append(f"{key}/{item}: {outcome.strip()}")
            self.submission = Path(self.run("from widgets import hand_in\nprint(hand_in(case))").strip())
        except Exception as error:  # noqa: BLE001 - one student's failure is a figure, not a crash
            self.error = f"{type(error).__name__}: {error}"

    def rss_mib(self) -> float | None:
        import psutil
        try:
            return psutil.Process(self.km.provisioner.pid).memory_info().rss / MIB
        except (psutil.Error, AttributeError):
            return None

    def saved(self) -> set:
        """(exercise, item) of every answer in this student's work files on disk."""
        found = set()
        for path in self.work.glob("*__*.json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            for exercise, section in data.get("exercises", {}).items():
                found.update((exercise, item) for item in section.get("answers", {}))
        return found

    def stop(self):
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None and self.km.has_kernel:
                self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001
            pass


def percentile(values, share) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def class_report(students, root: Path) -> tuple[float, float, int]:
    """(wall s, CPU s, files) of `python -m widgets results` over the students' hand-ins."""
    folder = root / "class-folder"
    folder.mkdir()
    for student in students:
        if student.submission and student.submission.is_file():
            (folder / student.submission.name).write_bytes(student.submission.read_bytes())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "widgets", "results", str(folder), "--out", str(root / "report.html"),
                    "--csv", str(root / "gradebook.csv")], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(list(folder.iterdir()))


def one_class(size: int, root: Path, bare_widget_mib: float) -> list[dict]:
    group = f"load: {size} student{'s' if size > 1 else ''}"
    students = [Student(n, root / "work") for n in range(1, size + 1)]
    rows = []
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=STARTERS) as pool:
            list(pool.map(lambda s: s.start(), students))
        rows.append({"group": group, "what": f"start {size} kernels ({STARTERS} at a time)",
                     "value": time.perf_counter() - started, "unit": "s"})
        started = time.perf_counter()
        threads = [threading.Thread(target=s.play) for s in students]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rows.append({"group": group, "what": f"whole class: lessons 02-06 run and every item answered "
                                            f"({PAUSE_S:g} s pause between items)",
                     "value": time.perf_counter() - started, "unit": "s"})
        latencies = [ms for s in students for ms in s.latencies]
        rows.append({"group": group, "what": f"answer + check latency, p50 ({len(latencies)} answers)",
                     "value": 1000 * percentile(latencies, 0.5) if latencies else None, "unit": "ms"})
        rows.append({"group": group, "what": "answer + check latency, p95",
                     "value": 1000 * percentile(latencies, 0.95) if latencies else None, "unit": "ms"})
        rows.append({"group": group, "what": "running lessons 02-06 (all cells), median per student",
                     "value": statistics.median(s.lesson_seconds for s in students), "unit": "s"})
        memory = [m for m in (s.rss_mib() for s in students) if m is not None]
        rows.append({"group": group, "what": "kernel memory, total", "value": sum(memory), "unit": "MiB"})
        rows.append({"group": group, "what": "kernel memory, mean per kernel",
                     "value": statistics.mean(memory) if memory else None, "unit": "MiB"})
        rows.append({"group": group, "what": "  = x bare widget kernel",
                     "value": baselines.ratio(statistics.mean(memory), bare_widget_mib) if memory else None,
                     "unit": "x"})
        rows.append({"group": group, "what": "kernel memory, largest", "value": max(memory, default=None),
                     "unit": "MiB"})
        written = sum(len(s.written) for s in students)
        saved = sum(len(s.saved() & s.written) for s in students)
        lost = written - saved
        rows.append({"group": group, "what": "answers written", "value": written, "unit": "answers"})
        rows.append({"group": group, "what": "answers saved on disk", "value": saved,
                     "unit": "answers  " + ("(equal: nothing lost)" if lost == 0 else f"({lost} LOST)")})
        refused = [f"student {s.number}: {problem}" for s in students for problem in s.not_written]
        failed = [f"student {s.number}: {s.error}" for s in students if s.error]
        if refused or failed:
            rows.append({"group": group, "what": "problems", "value": len(refused) + len(failed),
                         "unit": "; ".join(failed + refused)[:200]})
        wall, cpu, files = class_report(students, root)
        rows.append({"group": group, "what": "hand-ins written", "value": files, "unit": "files"})
        rows.append({"group": group, "what": f"class report over {files} hand-ins (python -m widgets results)",
                     "value": wall, "unit": f"s wall-clock, {cpu:.2f} s CPU"})
    finally:
        with ThreadPoolExecutor(max_workers=STARTERS) as pool:
            list(pool.map(lambda s: s.stop(), students))
    return rows


def rows() -> list[dict]:
    bare = baselines.headless()
    bare_widget_mib = bare[baselines.BARE_WIDGET]["mib"]
    found = [{"group": "load", "what": "baseline: bare-widget kernel memory (headless, same run)",
              "value": bare_widget_mib, "unit": "MiB"}]
    with tempfile.TemporaryDirectory(prefix="fprl-bench-load-") as tmp:
        for size in SIZES:
            found += one_class(size, Path(tmp) / f"class-{size}", bare_widget_mib)
    return found


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="fprl-bench-") as tmp:
        harness.apply_environment(harness.isolate_environment(Path(tmp) / "env"))
        for row in rows():
            print(row)
