"""What a hand-in could not hold if the kit wrote it: the "Files to check" rules, as plain functions.

`handin_flags(document, case)` takes one parsed hand-in (a dict that passed the submission schema) and returns the
reasons it needs the teacher's eye; `folder_flags(submissions)` compares the hand-ins of a class (two students with
one name, names that only look alike). The class report (widgets.classroom.submission.read_folder) lists them under
"Files to check"; a hand-in service can call the same functions. Pure: no file is read here.

A file-based hand-in can be edited by hand, so these rules notice what is impossible or suspicious; they cannot
notice what was deleted cleanly (a "key shown" record removed from the file). See CONTRIBUTING, "What the kit
guarantees".
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from widgets.classroom.rubrics import written_tasks
from widgets.core.grading import skills
from widgets.core.grading.registry import REGISTRY, is_written, item_pool
from widgets.core.grading.responses import KEY as RESPONSES
from widgets.core.grading.verdict_moves import AFTER, BEFORE
from widgets.core.lesson.plans import DEFAULT_PATH
from widgets.core.students import ANONYMOUS, normalise_name, skeleton, student_key
from widgets.core.text import plural
from widgets.core.grading.records import KEY_SHOWN
from widgets.core.work_format import parse_moment


# The kit writes answers before the hand-in (to the second) on one clock: more than this later is impossible.
CLOCK_TOLERANCE = timedelta(minutes=1)
MAX_NAMED = 5          # item ids quoted in one reason; the rest are counted


def _listed(ids) -> str:
    ids = sorted(map(str, ids))
    shown = ", ".join(ids[:MAX_NAMED])
    return shown + (f" and {len(ids) - MAX_NAMED} more" if len(ids) > MAX_NAMED else "")


def _stamps(exercises: dict, name: str) -> dict:
    section = exercises.get(name)
    stamps = section.get("answered_at", {}) if isinstance(section, dict) else {}
    return {item: moment for item, text in stamps.items() if (moment := parse_moment(text)) is not None}


def handin_flags(document: dict, case=None) -> list:
    """Reasons (plain sentences) why one hand-in needs a look: answers dated after the hand-in was made, skills
    answers after the form's commit, a first verdict dated after the second, written answers to questions no lesson
    asks, a path changed after a key view was opened, duplicate or unknown item ids, no name. `document`: a parsed
    hand-in that passed the submission schema; `case`: its Case (item ids are checked when given)."""
    exercises = document.get("exercises", {})
    flags = []
    if student_key(normalise_name(document.get("student", ""))) == student_key(ANONYMOUS):
        flags.append("it has no student name (\"anonymous\"): counted on its own, as nobody in particular")
    created = parse_moment(document.get("created"))
    if created is not None:
        late = {f"{name}/{item}" for name in exercises for item, when in _stamps(exercises, name).items()
                if when > created + CLOCK_TOLERANCE}
        if late:
            flags.append(f"{plural(len(late), 'answer')} dated after the hand-in was made ({_listed(late)}): the "
                         "kit cannot write that")
    for form_exercise in skills.EXERCISES.values():
        stamps = _stamps(exercises, form_exercise)
        commit = stamps.pop(skills.COMMITTED, None)
        after = [item for item, when in stamps.items() if commit is not None and when > commit]
        if after:
            flags.append(f"{plural(len(after), 'skills-check answer')} ({form_exercise}) dated after the form was "
                         f"committed and the key shown ({_listed(after)})")
    firsts, seconds = _stamps(exercises, BEFORE), _stamps(exercises, AFTER)
    backwards = [claim for claim, when in firsts.items() if claim in seconds and when > seconds[claim]]
    if backwards:
        flags.append(f"a first verdict dated after the verdict given after the evidence ({_listed(backwards)})")
    written = exercises.get(RESPONSES, {}).get("answers", {}) if isinstance(exercises.get(RESPONSES), dict) else {}
    asked = set(written_tasks())
    invented = [key for key in written if key not in asked]
    if invented:
        flags.append(f"{plural(len(invented), 'written answer')} to questions no lesson asks ({_listed(invented)}; "
                     f"the lessons ask {len(asked)})")
    flags += _path_flags(document, exercises)
    flags += _id_flags(exercises, case)
    return flags


def _path_flags(document: dict, exercises: dict) -> list:
    """A change of path after answers were given (the grade then counts the new path's items), and worse, after a
    key view was opened."""
    record = document.get("path") or {}
    history = record.get("history") or []
    if record and not record.get("fixed_by") and record.get("path") != (history[-1]["path"] if history else
                                                                          DEFAULT_PATH):
        return [f"it says the {record.get('path')} path, but that is not the last path chosen in lesson 0 (the "
                "kit records every choice): scored on the path it says"]
    changes = [(entry["path"], parse_moment(entry["at"])) for entry in history[1:] if parse_moment(entry.get("at"))]
    if not changes:
        return []
    opened = list(_stamps(exercises, KEY_SHOWN).values())
    answered = [when for name in exercises if name != KEY_SHOWN for when in _stamps(exercises, name).values()]
    for moments, after_what in ((opened, "a key view was opened"), (answered, "answers were given")):
        if not moments:
            continue
        first = min(moments)
        late = [f"to {path} at {when:%Y-%m-%d %H:%M} UTC" for path, when in changes if when > first]
        if late:
            return [f"the path was changed after {after_what} ({'; '.join(late[:MAX_NAMED])}; the first at "
                    f"{first:%Y-%m-%d %H:%M} UTC): the grade counts the items of the path it ends on"]
    return []


def _id_flags(exercises: dict, case) -> list:

    flags = []
    for name, section in exercises.items():
        if not isinstance(section, dict):
            continue
        assigned = section.get("assigned") or []
        repeated = [item for item, count in Counter(assigned).items() if count > 1]
        if repeated:
            flags.append(f"its list of items asked ({name}) names {_listed(repeated)} more than once (counted once)")
        if case is None or name not in REGISTRY or is_written(name):
            continue
        known = set(item_pool(name, case))
        unknown = {item for item in [*assigned, *section.get("answers", {})] if item not in known}
        if unknown:
            flags.append(f"{plural(len(unknown), 'item id')} in {name} that the case does not have "
                         f"({_listed(unknown)}): listed, never counted")
    return flags


def folder_flags(submissions) -> dict:
    """{file name: [reason]} across a class's hand-ins (widgets.classroom.submission.Submission objects): two
    hand-ins under one name from different work folders, and different names that look alike (TR39 skeletons)."""
    flags: dict = {}
    by_name: dict = {}
    for submission in submissions:
        by_name.setdefault(submission.student_key, []).append(submission)
    for files in by_name.values():
        folders = {s.work_folder for s in files if s.work_folder}
        if len(folders) > 1:
            listed = ", ".join(s.name for s in files)
            for submission in files:
                flags.setdefault(submission.name, []).append(
                    f"{len(files)} hand-ins named {submission.student!r} come from {len(folders)} different work "
                    f"folders ({listed}): two students with one name, or one on two computers; check with them")
    by_look: dict = {}
    for submission in submissions:
        by_look.setdefault(skeleton(submission.student), []).append(submission)
    for files in by_look.values():
        names = sorted({s.student for s in files})
        if len({s.student_key for s in files}) > 1:
            for submission in files:
                others = [n for n in names if n != submission.student]
                flags.setdefault(submission.name, []).append(
                    f"its name {submission.student!r} looks like {', '.join(map(repr, others))} (Unicode "
                    "look-alike letters): check these are different students")
    return flags
