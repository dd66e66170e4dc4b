"""The work (save) file's format: one JSON file per student and case (schema: widgets/core/schemas/work.schema.json).

``work_problem(data, student, case_id)`` says why a document is not a usable work file (the schema, then whose and
which case's it is); ``merge_work`` merges two versions answer by answer: the newest ``answered_at`` wins, except
that a final answer on disk is never replaced (the one rule of finality, whoever writes: a widget in any tab, an
import of work, a hand-in service).
"""
from __future__ import annotations

import copy
import json
from datetime import datetime, timezone

from widgets.core import fileio, schemas
from widgets.core.grading.spec import COMMITTED, ONCE_ANSWERED, ONCE_COMMITTED
from widgets.core.schemas.wording import short
from widgets.core.students import student_key

FORMAT = "fprl-work"
VERSION = 1
SCHEMA_NAME = "work"


class FinalAnswerError(ValueError):
    """A later, different answer to an item whose answer is final on disk; the message says so in plain words."""

    def __init__(self, section: str, item_id: str, kept):
        self.section, self.item_id, self.kept = section, item_id, kept
        what = "This form was" if item_id == COMMITTED else f"Your answer to {item_id} was"
        super().__init__(f"{what} not saved as it is here: an earlier answer is already in your save file "
                         "(perhaps from another tab), and answers are final once the key can be seen. "
                         "The first answer stays.")


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format of `updated`)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def utc_now_precise() -> str:
    """The current time as ISO 8601 in UTC with microseconds (`answered_at`: the newest answer wins a merge)."""
    return datetime.now(timezone.utc).isoformat()


def empty_work(student: str, case_id: str) -> dict:
    return {"format": FORMAT, "version": VERSION, "student": student, "case": case_id,
            "updated": utc_now(), "exercises": {}}


def work_problem(data, student: str | None = None, case_id: str | None = None) -> str | None:
    """Why `data` is not a usable work file for this student and case, or None when it is."""
    if not isinstance(data, dict):
        return "it is not a JSON object"
    if data.get("format") != FORMAT:          # another kind of file: say so before any field's detail
        return f"its format is {short(data.get('format'))}, not {FORMAT!r}"
    problems = schemas.check(SCHEMA_NAME, data, "work file")
    if problems:
        first = problems[0]
        return f"it does not match the work-file format ({first.path + ': ' if first.path else ''}{first.message})"
    if student is not None and student_key(data["student"]) != student_key(student):
        return f"it belongs to another student ({short(data['student'])})"
    if case_id is not None and data["case"] != case_id:
        return f"it is for another case ({short(data['case'])})"
    return None


def parse_moment(text, default: datetime | None = None) -> datetime | None:
    """An ISO time as an aware datetime (UTC when it names no zone); `default` when it is not one."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return default
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _moment(text) -> datetime:
    """An answered_at time for comparing; anything unreadable counts as oldest."""
    return parse_moment(text, datetime.min.replace(tzinfo=timezone.utc))


def merge_work(disk: dict, memory: dict, refused: list | None = None) -> dict:
    """`disk` with every answer from `memory` that is newer (by answered_at; a tie goes to memory) or missing,
    except where the answer on disk is final (widgets.core.grading.registry.final_rule): an item answered in a
    ONCE_ANSWERED section, or any item of a ONCE_COMMITTED section whose COMMITTED item is true. Such an answer
    is never replaced and no item is added to a committed section; each (section, item) whose different answer was
    refused is appended to `refused`.

    Answers are never removed: an answer either file holds is in the result.
    """
    # deferred: storage (every kernel that saves) imports this module; the grading registry (about 50 ms) loads with
    # the first exercise, or here
    from widgets.core.grading import registry

    merged = copy.deepcopy(disk)
    for name, section in memory.get("exercises", {}).items():
        target = merged["exercises"].setdefault(name, {"answers": {}, "answered_at": {}})
        answers = target.setdefault("answers", {})
        stamps = target.setdefault("answered_at", {})
        for field, value in section.items():   # other fields (e.g. "assigned"): the file's own value wins
            if field not in ("answers", "answered_at") and field not in target:
                target[field] = copy.deepcopy(value)
        rule = registry.final_rule(name)
        committed = rule == ONCE_COMMITTED and answers.get(COMMITTED) is True
        mine_stamps = section.get("answered_at", {})
        for item_id, value in section.get("answers", {}).items():
            mine = mine_stamps.get(item_id)
            if committed or (rule == ONCE_ANSWERED and item_id in answers):
                if answers.get(item_id, object()) != value and refused is not None:
                    refused.append((name, item_id))
                continue        # final: the answer on disk (and its time) stands
            if item_id in answers and _moment(stamps.get(item_id)) > _moment(mine):
                continue
            answers[item_id] = copy.deepcopy(value)
            if mine is not None:
                stamps[item_id] = mine
    merged["updated"] = max((str(disk.get("updated", "")), str(memory.get("updated", ""))), key=_moment)
    return merged


def json_value(value):
    """`value` as plain JSON data, with broken characters (lone surrogates) replaced by U+FFFD; ValueError when it
    is not JSON data at all."""
    def repair(item):
        if isinstance(item, str):
            return item.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if fileio.has_surrogate(item) \
                else item
        if isinstance(item, dict):
            return {repair(str(k)): repair(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [repair(v) for v in item]
        return item
    try:
        return json.loads(json.dumps(repair(value), ensure_ascii=False))
    except (TypeError, ValueError, RecursionError) as error:
        raise ValueError(f"This answer cannot be saved ({type(error).__name__}).") from None
