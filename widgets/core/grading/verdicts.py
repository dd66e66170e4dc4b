"""Claims, verdict mode: a verdict on each claim, compared with the key's (ClaimMarker(mode="verdict"))."""
from __future__ import annotations

from widgets.core import vocab
from widgets.core.grading.results import (UNANSWERED, AnswerError, Grade, ItemFeedback, Match, Reason, Status,
                                     check_item_ids, unreadable)
from widgets.core.grading.spec import ExerciseSpec

KEY = "verdicts"
# A verdict the key lists as defensible earns this.
DEFENSIBLE_CREDIT = 0.5


def claim_by_id(case, claim_id):
    for claim in case.claims:
        if claim.id == claim_id:
            return claim
    raise KeyError(f"no claim with id {claim_id!r}")


def normalise_verdict(value) -> str:
    if value not in vocab.VERDICTS:
        raise AnswerError(f"Choose a verdict: {', '.join(vocab.VERDICTS)}.")
    return value


def grade_verdict(case, claim, value) -> ItemFeedback:
    """Feedback on one verdict (None = not answered): the verdict part, the key's note, the other defensible
    verdicts (the renderer adds the evidence)."""
    if value is None:
        return UNANSWERED
    defensible = {alt.verdict: alt.why for alt in claim.alternatives}
    if value == claim.verdict:
        credit, status = 1.0, Status.RIGHT
    elif value in defensible:
        credit, status = DEFENSIBLE_CREDIT, Status.PARTLY
    else:
        credit, status = 0.0, Status.WRONG
    verdict = Match(key_id="verdict", key_text=claim.text, key_choice=claim.verdict, choice=value, status=status,
                    key_about=vocab.VERDICT_DESCRIPTIONS.get(claim.verdict, ""),
                    accepted_why=defensible.get(value, "") if status == Status.PARTLY else "")
    reasons = (Reason("why", claim.verdict, claim.note or ""),
               *(Reason("alternative", alt.verdict, alt.why) for alt in claim.alternatives if alt.verdict != value))
    return ItemFeedback(status == Status.RIGHT, credit, status, kind=KEY, matched=(verdict,), reasons=reasons,
                        answer=value)


def grade_verdicts(case, answers, items=None) -> Grade:
    """Grade {claim_id: verdict}; `items` defaults to every claim of the case."""
    items = check_item_ids("claim", items, (c.id for c in case.claims))
    grade = Grade(0, 0, unit="claims")
    for claim_id in items:
        value = answers.get(claim_id)
        try:
            feedback = grade_verdict(case, claim_by_id(case, claim_id),
                                     None if value is None else normalise_verdict(value))
        except ValueError as error:
            feedback = unreadable(error, KEY)
        grade.items[claim_id] = feedback
        grade.answered += value is not None
        grade.total += 1
        grade.correct += bool(feedback.correct)
        grade.points += feedback.credit
    return grade


SPEC = ExerciseSpec(KEY, "Verdicts", "claims", grade_verdicts, normalise=normalise_verdict,
                    items=lambda case: [claim.id for claim in case.claims], feedback="verdict", findings=True,
                    key_view="verdicts")
