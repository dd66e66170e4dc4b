"""Exit tickets: three short questions at the end of a class period, one right choice each (pure grading).

The tickets are data (widgets/core/data/exit_tickets.yaml, schema exit_tickets.schema.json); they do not depend on the
case, but their answers are saved in the case's work file (exercise "exit_tickets"), so they travel in the hand-in
and are scored on the summary page, in the gradebook and in the class report like every exercise in the registry.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from widgets.core import schemas
from widgets.core.grading.results import (UNANSWERED, Grade, ItemFeedback, Match, Reason, Status, check_item_ids,
                                     unreadable)
from widgets.core.grading.spec import ExerciseSpec

KEY = "exit_tickets"
SCHEMA = "exit_tickets"
DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "exit_tickets.yaml"


class ExitTicketError(ValueError):
    """The exit-ticket file is broken (the message names the file, the field and the line)."""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    choices: tuple
    answer: str
    why: str


@dataclass(frozen=True)
class Ticket:
    id: str
    lesson: str
    title: str
    questions: tuple

    @property
    def question_ids(self) -> tuple:
        return tuple(q.id for q in self.questions)


@functools.lru_cache(maxsize=None)
def load_tickets() -> dict:
    """{ticket id: Ticket}, checked against the schema and the rules across items."""
    data, lines = schemas.load_checked_yaml(SCHEMA, DATA_FILE, ExitTicketError)
    found, seen = {}, set()
    for t_index, ticket in enumerate(data["tickets"]):
        for q_index, question in enumerate(ticket["questions"]):
            where = ("tickets", t_index, "questions", q_index)
            if question["id"] in seen:
                raise ExitTicketError(str(schemas.Problem.at(DATA_FILE, where + ("id",),
                                                             f"{question['id']!r} is used twice", lines)))
            seen.add(question["id"])
            if question["answer"] not in question["choices"]:
                raise ExitTicketError(str(schemas.Problem.at(DATA_FILE, where + ("answer",),
                                                             "is not one of the choices", lines)))
        found[ticket["id"]] = Ticket(ticket["id"], ticket["lesson"], " ".join(ticket["title"].split()), tuple(
            Question(q["id"], " ".join(q["text"].split()), tuple(q["choices"]), q["answer"], " ".join(q["why"].split()))
            for q in ticket["questions"]))
    return found


def load_ticket(ticket_id: str) -> Ticket:
    tickets = load_tickets()
    if ticket_id not in tickets:
        raise ValueError(f"There is no exit ticket {ticket_id!r}; the tickets are {', '.join(tickets)}.")
    return tickets[ticket_id]


def questions() -> dict:
    """{question id: Question} across every ticket."""
    return {q.id: q for ticket in load_tickets().values() for q in ticket.questions}


def normalise(value, question: Question | None = None) -> str:
    if not isinstance(value, str) or (question is not None and value not in question.choices):
        raise ValueError("Choose one of the answers shown.")
    return value


def grade_exit_tickets(case, answers, items=None) -> Grade:
    """One point per question whose answer is the key's; the case is not used (the tickets fit every case)."""
    known = questions()
    items = check_item_ids("exit-ticket question", items, known)
    grade = Grade(0, len(items), unit="questions")
    for item_id in items:
        value = answers.get(item_id)
        if value is None:
            grade.items[item_id] = UNANSWERED
            continue
        grade.answered += 1
        question = known[item_id]
        try:
            given = normalise(value, question)
        except ValueError as error:
            grade.items[item_id] = unreadable(error, KEY)
            continue
        right = given == question.answer
        status = Status.RIGHT if right else Status.WRONG
        grade.correct += right
        grade.points += right
        grade.items[item_id] = ItemFeedback(right, float(right), status, kind=KEY, answer=given, matched=(
            Match(key_text=question.text, key_choice=question.answer, choice=given, status=status, why=question.why),),
            reasons=(Reason("why", question.answer, question.why),))
    return grade


SPEC = ExerciseSpec(KEY, "Exit tickets", "questions", grade_exit_tickets, normalise=normalise,
                    items=lambda case: list(questions()))   # the same tickets whatever the case
