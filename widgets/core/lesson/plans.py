"""Lesson plans: the minutes, the steps and the assigned items of each lesson, read from the lesson's own metadata.

Each lesson notebook carries its plan in its metadata, under the key ``"kit"`` (schema:
``widgets/core/schemas/lesson_plan.schema.json``)::

    {"kit": {"number": 2, "title": "Actors", "teaching_minutes": 15, "exercise_minutes": 15,
             "short_path_minutes": 10, "short_path": "Steps 1, 2 and 4.",
             "steps": [{"title": "Step 1: What counts as an actor?", "minutes": 5, "short": true}, ...],
             "assign": {"short": {"actors": ["p2s1", "p2s2"]}, "full": {"actors": "all"}}}}

``assign`` is the one place that says which items each exercise asks on each path ("all": every sentence, or
every claim for "verdicts"). The exercises take it (``FactOpinionSorter(case, lesson="04_....ipynb")``), record
it in the save file, and the summary page, the hand-in and the gradebook score over those items only.
Pure: no ipywidgets.
"""
from __future__ import annotations

import copy
import functools
import json
import os
from pathlib import Path

from widgets.core import schemas


METADATA_KEY = "kit"
SCHEMA_NAME = "lesson_plan"
CLASS_PERIOD_MINUTES = 50
# The whole kit's short path must fit this many class periods.
SHORT_PATH_PERIODS = 2
PATHS = tuple(schemas.load_schema(SCHEMA_NAME)["$defs"]["path"]["enum"])  # short, full
DEFAULT_PATH = "full"
PATH_ENV = "KIT_PATH"              # a class server can fix the path for everyone
PATH_FILE = "path.json"            # in the work folder: the path the student chose in lesson 0
LESSONS_DIR = Path(__file__).resolve().parents[3] / "lessons"   # the kit's own lessons (their plans assign items)
# The class setting a teacher writes once at the kit's root ({"path": "short"}): lesson 0 shows it chosen.
CLASS_FILE = "class.json"
# Lessons are the numbered notebooks; a file starting with "_" (lessons/_template.ipynb) is not a lesson.
LESSON_GLOB = "[0-9][0-9]_*.ipynb"


class LessonPlanError(ValueError):
    """A lesson notebook is missing, unreadable, or its plan is incomplete."""


def lesson_plan(notebook: str | Path) -> dict:
    """Return the plan stored in a lesson notebook's metadata, checked against the schema and the sums. Read once
    per version of the file: the hand-in preview asks every lesson's plan after each answer."""
    path = Path(notebook)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise LessonPlanError(
            f"{path}: lesson file not found. Open the lesson from the lessons folder, so that its kernel starts there."
        ) from None
    except OSError as error:
        raise LessonPlanError(f"{path}: cannot read the notebook ({error}).") from None
    return copy.deepcopy(_read_plan(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _read_plan(path: Path, _mtime_ns: int, _size: int) -> dict:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError) as error:
        raise LessonPlanError(f"{path}: cannot read the notebook ({error}).") from None
    plan = metadata.get(METADATA_KEY)
    if not isinstance(plan, dict):
        raise LessonPlanError(f"{path}: notebook metadata has no {METADATA_KEY!r} lesson plan.")
    root = ("metadata", METADATA_KEY)
    problems = schemas.check(SCHEMA_NAME, plan, path, root=root)
    if not problems:
        problems = [schemas.Problem.at(path, root + field, message) for field, message in plan_sum_problems(plan)]
    if problems:
        raise LessonPlanError("\n".join(str(problem) for problem in problems))
    return plan


def plan_sum_problems(plan: dict) -> list[tuple[tuple, str]]:
    """(field path, message) for minutes that do not add up, in a plan that passed the schema."""
    problems = []
    whole = plan["teaching_minutes"] + plan["exercise_minutes"]
    if plan["short_path_minutes"] > whole:
        problems.append((("short_path_minutes",), "is longer than the whole lesson"))
    steps = plan.get("steps")
    if steps is None:
        return problems
    total = sum(step["minutes"] for step in steps)
    short = sum(step["minutes"] for step in steps if step["short"])
    if total != whole:
        problems.append((("steps",), f"the steps add up to {total} minutes, not teaching_minutes + "
                                     f"exercise_minutes ({whole})"))
    if short != plan["short_path_minutes"]:
        problems.append((("steps",), f"the short-path steps add up to {short} minutes, not short_path_minutes "
                                     f"({plan['short_path_minutes']})"))
    return problems


def lesson_files(lessons_dir: str | Path) -> list[Path]:
    """The numbered lesson notebooks in reading order (``00_start_here.ipynb`` ...); never ``_template.ipynb``."""
    return sorted(Path(lessons_dir).glob(LESSON_GLOB))


# --- Paths and assigned items ------------------------------------------------------------------------------------

def _path_in(file: Path) -> str | None:
    try:
        chosen = json.loads(file.read_text(encoding="utf-8")).get("path")
    except Exception:  # noqa: BLE001 - no such file, or not readable: no choice there
        return None
    return chosen if chosen in PATHS else None


def server_path() -> str | None:
    """The path a class server fixes for everyone ($KIT_PATH, when it names a path), else None."""
    chosen = os.environ.get(PATH_ENV, "").strip().lower()
    return chosen if chosen in PATHS else None


def class_path() -> str | None:
    """The path the class is set up with: $KIT_PATH, else the kit's class setting (class.json), else None."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.storage import KIT_ROOT

    return server_path() or _path_in(KIT_ROOT / CLASS_FILE)


def saved_path() -> str | None:
    """The path the student saved in lesson 0 (work/path.json), or None."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.storage import work_dir

    try:
        return _path_in(work_dir() / PATH_FILE)
    except Exception:  # noqa: BLE001 - no usable work folder (read-only kit): nothing saved
        return None


def current_path() -> str:
    """The path this student follows: $KIT_PATH, else the choice saved in lesson 0, else the class setting, else
    "full"."""
    return server_path() or saved_path() or class_path() or DEFAULT_PATH


def path_record() -> dict:
    """The path as a hand-in records it: {"path": the path followed now, "history": [{"path", "at"}, ...] (every
    choice saved in lesson 0, with its UTC time)}; plus "fixed_by": "KIT_PATH" when the class server fixes it."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.storage import work_dir

    try:
        saved = json.loads((work_dir() / PATH_FILE).read_text(encoding="utf-8"))
        history = [entry for entry in saved.get("history", [])
                   if isinstance(entry, dict) and entry.get("path") in PATHS and isinstance(entry.get("at"), str)]
    except Exception:  # noqa: BLE001 - no usable work folder or no choice saved: no history
        history = []
    record = {"path": current_path(), "history": history}
    if server_path():
        record["fixed_by"] = PATH_ENV
    return record


def restore_path(path: str, history: list) -> str:
    """Write the path and its history exactly as another work folder had them (Upload my work), so the times of
    every choice travel with the student; return the path."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.storage import atomic_write_text, work_dir

    if path not in PATHS:
        raise ValueError(f"Choose a path: {', '.join(PATHS)}, not {path!r}.")
    folder = work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / PATH_FILE, json.dumps({"path": path, "history": list(history)}) + "\n")
    return path


def set_path(path: str) -> str:
    """Save the student's path ("short" or "full") in the work folder, with the time of every change (the hand-in
    carries them: a change of path is flagged in the class report); return it."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.work_format import utc_now_precise

    if path not in PATHS:
        raise ValueError(f"Choose a path: {', '.join(PATHS)}, not {path!r}.")
    history = path_record()["history"]
    if not history or history[-1]["path"] != path:
        history.append({"path": path, "at": utc_now_precise()})
    return restore_path(path, history)




def expand_items(items, exercise: str, case) -> list:
    """A plan's item list, with "all" spelled out for `case`."""
    if items != "all":
        return list(items)
    if case is None:
        raise LessonPlanError(f"'all' {exercise} items need the case to list them.")
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.grading.registry import item_pool

    return item_pool(exercise, case)


def assigned_items(notebook: str | Path, exercise: str, case=None, path: str | None = None) -> list:
    """The items of `exercise` that the lesson's plan assigns on `path` (default: the student's path)."""
    path = current_path() if path is None else path
    if path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}, not {path!r}.")
    plan = lesson_plan(notebook)
    items = plan.get("assign", {}).get(path, {}).get(exercise)
    if items is None:
        raise LessonPlanError(f"{notebook}: the lesson plan assigns no {exercise!r} items on the {path} path "
                              f"(metadata[{METADATA_KEY!r}]['assign'][{path!r}]).")
    return expand_items(items, exercise, case)


def teacher_assignment(case, path: str, lessons_dir: str | Path | None = None) -> dict:
    """{exercise: item ids} that a grade counts for a student on `path`: what the lessons' plans assign, spelled out
    for `case`. The student's own list of items never decides it. An exercise whose planned ids are not all items
    of `case` (the plans name the seed case's sentences and claims), an exercise no lesson assigns on any path (a
    new exercise type), or a kit without its lessons folder, counts every item of the case; an exercise the lessons
    assign on the other path only counts none on this one (its answers are listed, not counted). Written answers
    count the questions the plans ask. An unknown path counts as DEFAULT_PATH."""
    # deferred: a lesson's first cell (the header) loads plans; storage and the grading registry load with the work
    from widgets.core.grading.registry import item_pool
    from widgets.core.grading.registry import REGISTRY, is_written

    path = path if path in PATHS else DEFAULT_PATH
    folder = Path(lessons_dir) if lessons_dir is not None else LESSONS_DIR
    try:
        every_path = {each: kit_assignments(folder, each, case) for each in PATHS} if folder.is_dir() else {}
    except LessonPlanError:
        every_path = {}
    planned = dict(every_path.get(path, {}))
    named = {exercise for assigned in every_path.values() for exercise in assigned}
    planned.update({exercise: "all" for exercise in REGISTRY if exercise not in named and not is_written(exercise)})
    assignment = {}
    for exercise, items in planned.items():
        pool = item_pool(exercise, case)
        if is_written(exercise):
            assignment[exercise] = list(items)
        elif items == "all" or not set(items) <= set(pool):
            assignment[exercise] = pool
        else:
            assignment[exercise] = list(items)
    return assignment


def kit_assignments(lessons_dir: str | Path, path: str, case=None) -> dict:
    """{exercise: item ids} that all the lessons together assign on `path` (each exercise in one lesson)."""
    found: dict = {}
    for notebook in lesson_files(lessons_dir):
        for exercise, items in lesson_plan(notebook).get("assign", {}).get(path, {}).items():
            found.setdefault(exercise, [])
            found[exercise] += [i for i in expand_items(items, exercise, case) if i not in found[exercise]]
    return found
