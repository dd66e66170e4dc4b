"""A simulated class, for the instructor notebook's demonstration and for the tests.

`simulate_class` makes submissions the way real students do: it drives the real exercise widgets through their
protocol (`FactOpinionSorter(case, student=...)`, `.answer(...)`), each student in the class's own work folder,
then presses the real `HandInButton`. A seeded random generator decides the answers, so the same call always gives
the same answers. `add_bad_files` adds one file of each kind the report must refuse. Nothing here is used by the
lessons' students.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from widgets.classroom.handin import hand_in
from widgets.classroom.submission import MAX_SUBMISSION_BYTES, build_submission
from widgets.core import vocab
from widgets.core.grading.fact_opinion import KEY as FACT_OPINION  # FactOpinionSorter.exercise, without the widget
from widgets.core.loading import load_case
from widgets.core.seeds import seed_path
from widgets.core.storage import WORK_DIR_ENV, atomic_write_json, empty_work, utc_now, work_path
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.views.handin import HandInButton


DEMO_SEED = 2022


@dataclass
class SimulatedStudent:
    name: str
    answers: dict           # sentence id -> {"label", "sourcing"}, as given to the widget
    submission: Path        # the file the hand-in button wrote


@contextlib.contextmanager
def work_folder(path):
    """Point the kit's work folder ($KIT_WORK_DIR) at `path` for the duration of the block."""
    before = os.environ.get(WORK_DIR_ENV)
    os.environ[WORK_DIR_ENV] = str(path)
    try:
        yield Path(path)
    finally:
        if before is None:
            os.environ.pop(WORK_DIR_ENV, None)
        else:
            os.environ[WORK_DIR_ENV] = before


def _choose(rng, key_value, options, agrees):
    if key_value is not None and agrees:
        return key_value
    others = [value for value in options if value != key_value]
    return rng.choice(others)


def _answers(rng, case, skill) -> dict:
    """One simulated student's fact/opinion answers: {sentence id: {"label", "sourcing"}}."""
    return {sentence.id: {"label": _choose(rng, sentence.label, vocab.LABELS, rng.random() < skill),
                          "sourcing": _choose(rng, sentence.sourcing, vocab.SOURCING, rng.random() < skill)}
            for sentence in case.sentences}


def simulate_class(case, work, students=40, seed=DEMO_SEED, skills=None, through_widgets=True) -> list:
    """Make `students` simulated students hand in their work in the work folder `work`; return what each did.

    Each student has a skill (chance of giving the key's label and sourcing on a sentence): by default a spread from
    0.2 to 1.0, so some agree with the key and some do not. In a keyless case the answers are random.
    `skills`: an explicit list, one per student (its length then sets the class size).
    `through_widgets=True`: every answer goes through the real FactOpinionSorter (one save per answer) and the real
    HandInButton. False: each student's save file is written once, in the widgets' format, then handed in with the
    real `hand_in` (the same answers and files, 20 times faster, and no widget is made: for a notebook's kernel).
    """
    rng = random.Random(seed)
    if skills is None:
        skills = [0.2 + 0.8 * i / max(students - 1, 1) for i in range(students)]
        rng.shuffle(skills)
    simulated = []
    with work_folder(work):
        for number, skill in enumerate(skills, 1):
            name = f"Student {number:02d}"
            answers = _answers(rng, case, skill)
            if through_widgets:
                sorter = FactOpinionSorter(case, student=name)
                for sentence_id, value in answers.items():
                    sorter.answer(sentence_id, value)
                button = HandInButton(case, student=name)
                button.click()
                if button.last_path is None:
                    raise RuntimeError(f"Hand-in failed for {name}: {button.status.value}")
                path = button.last_path
            else:
                _write_work_file(name, case.id, answers)
                path = hand_in(case, student=name)
            simulated.append(SimulatedStudent(name, answers, path))
    return simulated


def _write_work_file(student, case_id, answers) -> None:
    """The save file the FactOpinionSorter would have written after these answers (storage.WorkFile's format)."""
    data = empty_work(student, case_id)
    now = utc_now()
    data["exercises"][FACT_OPINION] = {"answers": answers, "answered_at": dict.fromkeys(answers, now),
                                       "assigned": list(answers)}   # the widget asks every sentence
    path = work_path(student, case_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_json(path, data)


# The bad files a class folder can hold, and what each is meant to show.
BAD_KINDS = ("empty", "truncated", "not_json", "wrong_schema", "wrong_case", "older_duplicate", "identical_copy",
             "oversized", "odd_name", "work_file")


def add_bad_files(folder, good: Path, case_id: str) -> dict:
    """Write one file of each BAD_KINDS into `folder`, using the good submission `good` as raw material.

    Returns {kind: file name}. The names are chosen to sort after hand_in's own names where that matters.
    """
    folder = Path(folder)
    data = json.loads(Path(good).read_text(encoding="utf-8"))
    text = Path(good).read_text(encoding="utf-8")
    names = {}

    def write(kind, name, content):
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        names[kind] = name

    write("empty", "empty.json", "")
    write("truncated", "truncated.json", text[: len(text) // 2])
    write("not_json", "notes.json", "Dear teacher, here are my answers: fact, opinion, fact.\n")
    wrong_schema = dict(data, student="")
    del wrong_schema["kit_version"]
    write("wrong_schema", "wrong-schema.json", json.dumps(wrong_schema))
    write("wrong_case", "other-case.json", json.dumps(dict(data, student="Visitor", case="another-article")))
    # The same student handed in earlier: the older file is superseded by the one in the folder.
    older = dict(data, created="2000-01-01T00:00:00+00:00")
    write("older_duplicate", "early-handin.json", json.dumps(older))
    write("identical_copy", Path(good).stem + "_1.json", text)
    padding = "x" * (MAX_SUBMISSION_BYTES + 1)
    write("oversized", "huge.json", json.dumps(dict(data, student="Huge", padding=padding)))
    write("odd_name", "Ada's \"final\" <script>alert(1)<script> é.json", json.dumps(dict(data, student="Odd Name")))
    write("work_file", "student-01__" + case_id + ".json",
          json.dumps({"format": "fprl-work", "version": 1, "student": "Student 01", "case": case_id,
                      "updated": data["created"], "exercises": data["exercises"]}))
    return names


def template_submissions(case, folder, count, seed=DEMO_SEED) -> Path:
    """Write `count` submissions quickly, without widgets (for benchmarks of large classes). Returns `folder`."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    created = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
    for number in range(count):
        skill = rng.random()
        answers = {s.id: {"label": _choose(rng, s.label, vocab.LABELS, rng.random() < skill),
                          "sourcing": _choose(rng, s.sourcing, vocab.SOURCING, rng.random() < skill)}
                   for s in case.sentences}
        stamp = created.isoformat()
        exercises = {FACT_OPINION: {"answers": answers, "answered_at": dict.fromkeys(answers, stamp)}}
        document = build_submission(f"Student {number:05d}", case.id, exercises, "bench", created)
        (folder / f"student-{number:05d}__{case.id}__20261129T100000Z.json").write_text(
            json.dumps(document), encoding="utf-8")
    return folder


def demo_folder(case, root, students=40, seed=DEMO_SEED, with_bad_files=True, through_widgets=True) -> Path:
    """A class folder like one an instructor downloads: simulated hand-ins (plus bad files). Returns its path.
    `through_widgets`: see simulate_class (the instructor notebook passes False)."""
    root = Path(root)
    work = root / "work"
    simulated = simulate_class(case, work, students=students, seed=seed, through_widgets=through_widgets)
    folder = root / "class-folder"
    folder.mkdir(parents=True, exist_ok=True)
    for student in simulated:
        shutil.copy2(student.submission, folder / student.submission.name)
    if with_bad_files:
        add_bad_files(folder, simulated[0].submission, case.id)
    return folder


def main(argv=None) -> int:
    """`python -m widgets.lesson.class_demo ROOT [--case FOLDER] [--students N]`: build a demonstration class folder.

    The instructor notebook runs this in a separate process: 40 students' widget clicks inside the notebook's own
    kernel would flood it with widget messages.
    """

    parser = argparse.ArgumentParser(prog="python -m widgets.lesson.class_demo", description=main.__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="new folder for the demonstration (its class-folder/ is the result)")
    parser.add_argument("--case", type=Path, default=seed_path("biden-china-2022"))
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    args = parser.parse_args(argv)
    if args.root.exists() and any(args.root.iterdir()):
        parser.error(f"{args.root} is not empty; give a new folder")
    folder = demo_folder(load_case(args.case), args.root, students=args.students, seed=args.seed)
    print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
