"""Verdicts that move with evidence (pure: no ipywidgets). The first verdict on a claim is saved in the exercise
"verdicts" before the evidence is shown; the verdict after the evidence goes to "verdicts_after". The first is never
overwritten. These functions compare the two, for one student and for a class.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widgets.core import vocab
from widgets.core.grading.spec import ExerciseSpec

BEFORE = "verdicts"
AFTER = "verdicts_after"
# The verdict after the evidence is final too (the key's verdict follows it); the class report shows how verdicts
# moved (widgets/classroom/practice.py), not a score.
SPEC = ExerciseSpec(AFTER, "Verdicts after the evidence", "claims", None, scored=False,
                    items=lambda case: [claim.id for claim in case.claims], report="verdict_moves",
                    key_view="verdicts")   # the key's verdicts, row by row as each second verdict is given


def _verdict(value):
    return value if value in vocab.VERDICTS else None


@dataclass
class Move:
    claim_id: str
    before: str | None
    after: str | None
    key: str | None

    @property
    def changed(self) -> bool:
        return self.before is not None and self.after is not None and self.before != self.after


def student_moves(case, before: dict, after: dict, claims=None) -> list:
    """[Move] for each claim the student gave a first verdict on (in case order), or every claim in `claims`."""
    wanted = [c for c in case.claims if (c.id in claims if claims is not None else c.id in before)]
    return [Move(c.id, _verdict(before.get(c.id)), _verdict(after.get(c.id)), c.verdict) for c in wanted]


@dataclass
class ClaimMoves:
    """How a class's verdicts on one claim moved."""
    claim_id: str
    text: str
    key: str | None
    moves: Counter = field(default_factory=Counter)    # (before, after) -> students; after None = no second verdict
    before_right: int = 0
    after_right: int = 0
    both: int = 0                                      # students with a verdict before and after

    @property
    def changed(self) -> int:
        return sum(n for (b, a), n in self.moves.items() if a is not None and a != b)


def class_moves(case, pairs) -> list:
    """[ClaimMoves] for every claim anyone judged, in case order. `pairs`: iterable of (before, after) answer dicts,
    one per student."""
    table = {c.id: ClaimMoves(c.id, c.text, c.verdict) for c in case.claims}
    for before, after in pairs:
        for claim in case.claims:
            first, second = _verdict(before.get(claim.id)), _verdict(after.get(claim.id))
            if first is None:
                continue
            row = table[claim.id]
            row.moves[first, second] += 1
            row.before_right += first == claim.verdict
            if second is not None:
                row.both += 1
                row.after_right += second == claim.verdict
    return [row for row in table.values() if row.moves]
