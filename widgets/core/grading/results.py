"""What grading returns: structured results, never markup.

A grade function ``grade(case, answers, items=None) -> Grade`` gives one ``ItemFeedback`` per item: its status
(``Status``), its credit, and what the answer got right and wrong as data (``matched``, ``near``, ``extra``,
``missed``, ``other``: tuples of ``Match``; ``reasons``: the key's reasons in plain text). The widgets turn these
into HTML in one place (widgets/exercises/feedback.py); the class report only reads the numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """How an answer compares with the key (a str, so ``status == "right"`` and the CSV read as before).

    ``str, Enum`` rather than ``StrEnum`` (3.11+) so the kit runs on Python 3.10; str() and format() give the value,
    as StrEnum's do.
    """
    RIGHT = "right"
    PARTLY = "partly"            # defensible, or partly right: partial credit
    WRONG = "wrong"
    UNANSWERED = "unanswered"
    UNGRADED = "ungraded"        # no key to compare with, or waiting for a second answer

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True)
class Match:
    """One thing of the key (or of the answer) and how the answer fares on it. All text is plain text."""
    key_id: str = ""              # claim, actor or framing id; or the part of the answer ("label", "sourcing", ...)
    key_text: str = ""            # the key's words: the claim, the actor's name, the framed words
    key_choice: str = ""          # the key's choice: sourcing, kind, label, verdict, device
    key_about: str = ""           # what the key's choice means (from the vocabulary)
    given: tuple = ()             # the student's marked phrases (their words in the sentence)
    choice: str = ""              # the student's choice(s), comma-separated
    status: Status = Status.RIGHT
    why: str = ""                 # the key's note, the actor's role, the device's explanation
    accepted_why: str = ""        # why the key accepts the student's other choice as defensible
    key_phrases: tuple = ()       # the key's own words for it in the sentence (e.g. an actor's mentions)


@dataclass(frozen=True)
class Reason:
    """A reason the key gives: ``kind`` "why" (the key's own reason for ``subject``, its answer), "alternative"
    (another answer a careful reader could defend, and why), or "note" (a remark without a subject)."""
    kind: str
    subject: str
    text: str


@dataclass(frozen=True)
class ItemFeedback:
    """Feedback on one item, as data. `correct` is None when the item is unanswered or cannot be graded (no key).
    Frozen, so one feedback can be shared by every student who gave the same answer (see grading.fact_opinion)."""
    correct: bool | None
    credit: float = 0.0           # 0..1; partial credit for a defensible or partly right answer
    status: Status = Status.UNANSWERED
    possible: int = 1             # points the item is worth (key claims or actors in a sentence; 0 without a key)
    kind: str = ""                # the exercise that graded it (tells the renderer which words to use)
    matched: tuple = ()           # of Match: key things the answer found (or the parts of the answer judged)
    near: tuple = ()              # of Match: marks that touch a key thing but do not cover enough of it
    extra: tuple = ()             # of Match: marks of things the key does not have
    missed: tuple = ()            # of Match: key things the answer did not find
    other: tuple = ()             # of Match: marks counted neither way (another actor, an omission, a joined mark)
    reasons: tuple = ()           # of Reason
    answer: object = None         # the answer graded (normalised), for the renderer
    problem: str = ""             # why a saved answer could not be read (plain text)

    @property
    def points(self) -> float:
        """Points earned on this item: credit x possible (partial credit included)."""
        return self.credit * self.possible


@dataclass
class Grade:
    """`correct` of `total` units (see `unit`), with partial credit summed in `points`."""
    correct: int
    total: int
    items: dict = field(default_factory=dict)    # item_id -> ItemFeedback
    points: float = 0.0
    answered: int = 0
    unit: str = "items"

    @property
    def partial(self) -> bool:
        """True when partial credit adds to the fully right units."""
        return self.points - self.correct > 1e-9


UNANSWERED = ItemFeedback(None)


class AnswerError(ValueError):
    """The student's input cannot be taken as an answer (shown as a friendly message, not a traceback)."""


def unreadable(error, kind: str = "") -> ItemFeedback:
    """Feedback for a saved answer that does not fit the exercise (e.g. a hand-edited file): counted as wrong."""
    return ItemFeedback(False, 0.0, Status.WRONG, kind=kind, problem=str(error))


def no_key(kind: str) -> ItemFeedback:
    """Feedback on an answer to a case that has no answer key."""
    return ItemFeedback(None, 0.0, Status.UNGRADED, kind=kind)


def check_item_ids(kind: str, wanted, known) -> tuple:
    """The requested ids (all `known` ids if None), refusing unknown ones with a clear error."""
    known = tuple(known)
    if wanted is None:
        return known
    wanted = tuple(wanted)
    known_ids = set(known)
    unknown = [item for item in wanted if item not in known_ids]
    if unknown:
        raise ValueError(f"Unknown {kind} id(s): {', '.join(map(str, unknown))}. Known ids: {', '.join(known)}.")
    if not wanted:
        raise ValueError(f"Give at least one {kind} id.")
    return wanted
