"""The warm-up of lesson 4, pure: reading and checking its statements, and grading a warm-up (Pew's pattern).

The widget is widgets.lesson.warmup.WarmUp.
"""
from __future__ import annotations

from pathlib import Path

from widgets.core import schemas, vocab
from widgets.core.lesson.plans import LessonPlanError


SCHEMA_NAME = "warmup"
_STATEMENT = schemas.load_schema(SCHEMA_NAME)["properties"]["statements"]["items"]["properties"]
WARMUP_FORMAT = schemas.load_schema(SCHEMA_NAME)["properties"]["format"]["const"]
WARMUP_LABELS = tuple(_STATEMENT["label"]["enum"])        # two of the case labels, as Pew used
WARMUP_SIDES = tuple(_STATEMENT["appeals_to"]["enum"])
if not set(WARMUP_LABELS) <= set(vocab.LABELS):
    raise ValueError(f"warmup.schema.json: the labels {WARMUP_LABELS} must be case labels ({vocab.LABELS})")
AGREEMENT_CHOICES = ("agree", "disagree", "not sure")


def load_warmup(path: str | Path) -> list[dict]:
    """Read and check a warm-up file (``seeds/warmup/statements.yaml``, schema ``warmup.schema.json``); every
    problem names the file, the statement's field and its line."""
    data, problems, lines = schemas.load_yaml(SCHEMA_NAME, path)
    if not problems:
        first = {}
        for index, item in enumerate(data["statements"]):
            where = ("statements", index, "id")
            if item["id"] in first:
                problems.append(schemas.Problem.at(path, where, f"{item['id']!r} is used twice (first at line "
                                                                f"{lines.get(first[item['id']])})", lines))
            first.setdefault(item["id"], where)
    if problems:
        raise LessonPlanError("\n".join(str(problem) for problem in problems))
    return data["statements"]


def warmup_report(statements: list[dict], answers: dict) -> dict:
    """Grade a warm-up (pure). ``answers`` maps statement id -> {"label": ..., "agree": one of AGREEMENT_CHOICES}.

    Returns the score and Pew's pattern: mislabelled statements split by whether the reader agreed with them.
    """
    correct, unanswered, misread = 0, [], []
    for item in statements:
        answer = answers.get(item["id"]) or {}
        label = answer.get("label")
        if label is None:
            unanswered.append(item["id"])
        elif label == item["label"]:
            correct += 1
        else:
            misread.append({"id": item["id"], "key": item["label"], "given": label, "agree": answer.get("agree")})
    facts_called_opinion = [m for m in misread if m["key"] == "fact"]
    opinions_called_fact = [m for m in misread if m["key"] == "opinion"]
    return {
        "correct": correct,
        "total": len(statements),
        "unanswered": unanswered,
        "facts_called_opinion": facts_called_opinion,
        "opinions_called_fact": opinions_called_fact,
        # Pew's finding: facts misfiled as opinions were mostly ones people disagreed with, and the reverse.
        "matches_pew_pattern": sum(m["agree"] == "disagree" for m in facts_called_opinion)
        + sum(m["agree"] == "agree" for m in opinions_called_fact),
    }
