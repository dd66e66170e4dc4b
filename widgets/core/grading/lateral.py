"""Lateral reading (widgets.LateralReading): the task, the offline source cards, and checking a finding (pure: no
ipywidgets, no markup).

An answer is ``{"url": "https://...", "finding": "one or two sentences"}``. For a class without web access the url
may be SOURCE_CARD, meaning the finding comes from the kit's offline source cards (a fallback). There is no key:
after a student commits a finding, they see the rubric and rate their own answer (exercise SELF_CHECK).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path


from widgets.core import schemas
from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Status, unreadable
from widgets.core.grading.spec import CHANGEABLE, ExerciseSpec

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lateral_reading"
SCHEMA = "lateral_reading"          # widgets/core/schemas/lateral_reading.schema.json
EXERCISE = "lateral_reading"
SELF_CHECK = "lateral_self_check"      # question id -> rubric level the student gave their own finding
SOURCE_CARD = "source card"            # the url of a finding taken from the offline source cards
MAX_FINDING = 600                      # characters: one or two sentences
MAX_URL = 500


class LateralDataError(ValueError):
    """A lateral-reading data file is broken; the message names the file and field."""


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    hint: str


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Card:
    question_id: str
    title: str
    text: str
    sources: tuple          # of (title, publisher, date, url)


@dataclass(frozen=True)
class Task:
    minutes: int
    questions: tuple        # of Question
    levels: tuple           # of Level
    examples: dict          # question id -> level id -> text

    def question(self, question_id):
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    @property
    def level_ids(self) -> tuple:
        return tuple(level.id for level in self.levels)


def _read(path: Path):
    """The task or a card file, checked against its schema (the file's ``format`` says which part applies)."""
    return schemas.load_checked_yaml(SCHEMA, path, LateralDataError)[0]


def _clean(text: str) -> str:
    return " ".join(str(text).split())


@functools.lru_cache(maxsize=None)
def load_task() -> Task:
    path = DATA_DIR / "task.yaml"
    data = _read(path)
    task = Task(minutes=data["minutes"],
                questions=tuple(Question(q["id"], _clean(q["question"]), _clean(q["hint"])) for q in data["questions"]),
                levels=tuple(Level(lv["id"], lv["name"], _clean(lv["description"])) for lv in data["levels"]),
                examples={q: {lv: _clean(t) for lv, t in levels.items()} for q, levels in data["examples"].items()})
    for question in task.questions:
        have = set(task.examples.get(question.id, {}))
        if have != set(task.level_ids):
            raise LateralDataError(f"{path}: examples.{question.id}: needs one example for each level "
                                   f"({', '.join(task.level_ids)}), has {', '.join(sorted(have)) or 'none'}")
    return task


def load_cards(case) -> dict:
    """{question id: Card} for the case, or {} when the kit has no source cards for it (e.g. your own article)."""
    case_id = getattr(case, "id", case)
    path = DATA_DIR / f"{case_id}.yaml"
    if not path.is_file():
        return {}
    data = _read(path)
    task = load_task()
    if data["case"] != case_id:
        raise LateralDataError(f"{path}: case: says {data['case']!r}, expected {case_id!r}")
    cards = {}
    for question_id, card in data["cards"].items():
        if question_id not in {q.id for q in task.questions}:
            raise LateralDataError(f"{path}: cards.{question_id}: not a question of the task")
        sources = []
        for source_id in card["sources"]:
            try:
                source = case.source(source_id) if hasattr(case, "source") else None
            except (KeyError, LookupError, ValueError):
                raise LateralDataError(f"{path}: cards.{question_id}.sources: {source_id!r} is not a source "
                                       f"of the case") from None
            if source is not None:
                sources.append((source.title, source.publisher, source.date, source.url))
        cards[question_id] = Card(question_id, _clean(card["title"]), _clean(card["text"]), tuple(sources))
    return cards


_URL = re.compile(r"https?://[^\s<>\"']+\.[^\s<>\"']+")


def normalise_finding(value) -> dict:
    """Check {"url", "finding"}: a web address (or SOURCE_CARD) and one or two sentences. ValueError in plain words."""
    if not isinstance(value, dict) or set(value) != {"url", "finding"}:
        raise ValueError("A finding is {'url': the page you used, 'finding': one or two sentences}.")
    url, finding = value["url"], value["finding"]
    if not isinstance(url, str) or not isinstance(finding, str):
        raise ValueError("The address and the finding are text.")
    url, finding = url.strip(), " ".join(finding.split())
    if url.casefold() != SOURCE_CARD and not _URL.fullmatch(url):
        raise ValueError("Paste the full address of the page you used, starting with https:// "
                         f"(or write “{SOURCE_CARD}” if you used the kit's offline cards).")
    if len(url) > MAX_URL:
        raise ValueError(f"That address is longer than {MAX_URL} characters; paste the page's own address.")
    if not finding:
        raise ValueError("Write what you found, in one or two sentences.")
    if len(finding) > MAX_FINDING:
        raise ValueError(f"Keep the finding to one or two sentences (under {MAX_FINDING} characters; "
                         f"it has {len(finding)}).")
    return {"url": SOURCE_CARD if url.casefold() == SOURCE_CARD else url, "finding": finding}


def is_web_url(url: str) -> bool:
    return isinstance(url, str) and url.startswith(("https://", "http://")) and bool(_URL.fullmatch(url))


def normalise_level(value) -> str:
    levels = load_task().level_ids
    if value not in levels:
        raise ValueError(f"Choose a level: {', '.join(levels)}.")
    return value


def lateral_grade(case, answers, items=None) -> Grade:
    """Findings written (there is no key: the rubric is for self-check and for the teacher)."""
    items = tuple(items) if items is not None else tuple(q.id for q in load_task().questions)
    grade = Grade(0, len(items), unit="findings written")
    for question_id in items:
        value = answers.get(question_id)
        try:
            finding = None if value is None else normalise_finding(value)
        except ValueError as error:
            grade.items[question_id] = unreadable(error, EXERCISE)
            continue
        if finding is None:
            grade.items[question_id] = UNANSWERED
            continue
        grade.answered += 1
        grade.correct += 1
        grade.points += 1
        grade.items[question_id] = ItemFeedback(True, 1.0, Status.RIGHT, kind=EXERCISE, answer=finding)
    return grade


# A finding is final once saved (the rubric follows it); the self-rating may change. Neither is scored: the class
# report lists the findings and ratings (widgets/classroom/practice.py).
SPECS = (ExerciseSpec(EXERCISE, "Lateral reading", "findings written", lateral_grade, scored=False, report="lateral",
                      items=lambda case: [question.id for question in load_task().questions]),
         ExerciseSpec(SELF_CHECK, "Lateral reading: my own rating", "findings rated", None, final=CHANGEABLE,
                      scored=False, report="lateral", items=lambda case: [question.id for question in load_task().questions]))
