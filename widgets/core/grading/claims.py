"""Claims, mark mode: find the checkable claims in a sentence and say how each is sourced (ClaimMarker)."""
from __future__ import annotations

from dataclasses import replace

from widgets.core import vocab
from widgets.core.grading.marking import grade_marked_sentences
from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Match, Status, no_key
from widgets.core.grading.spans import MIN_OVERLAP, best_overlap, normalise_marks
from widgets.core.grading.spec import ExerciseSpec

KEY = "claims"
# A matched claim with the wrong sourcing earns this share of the credit.
WRONG_SOURCING_CREDIT = 0.5
# A claim found with a sourcing the key lists as defensible earns this.
DEFENSIBLE_SOURCING_CREDIT = 0.75
# A mark covers a key claim when it holds at least this share of the claim's characters; a mark that covers two or
# more adjacent key claims (and is mostly made of them) counts for each of them.
COVERS = 0.8


def _covered_claims(span, key):
    """The key claims a mark covers, when it covers two or more and is mostly made of them; else []."""
    covered = [claim for claim in key
               if min(span[1], claim.end) - max(span[0], claim.start) >= COVERS * (claim.end - claim.start)]
    if len(covered) < 2:
        return []
    inside = sum(min(span[1], c.end) - max(span[0], c.start) for c in covered)
    return covered if inside >= MIN_OVERLAP * (span[1] - span[0]) else []


def match_claim_marks(case, sentence, marks):
    """(matched: {claim id: [marks]}, near: [(mark, claim)], extra: [marks], missed: [claims]) for one sentence.

    A mark matches the key claim it overlaps most if the overlap is at least MIN_OVERLAP of their union;
    a smaller overlap is a near miss (boundaries too far off). A mark that covers two or more adjacent key claims
    matches each of them (the same mark then appears under several claim ids).
    """
    key = case.claims_in(sentence.id)
    matched, near, extra = {}, [], []
    for item in marks:
        span = (item["start"], item["end"])
        joined = _covered_claims(span, key)
        if joined:
            for claim in joined:
                matched.setdefault(claim.id, []).append(item)
            continue
        best, best_ratio = best_overlap(span, key, lambda claim: (claim.start, claim.end))
        if best is not None and best_ratio >= MIN_OVERLAP:
            matched.setdefault(best.id, []).append(item)
        elif best is not None:
            near.append((item, best))
        else:
            extra.append(item)
    missed = [claim for claim in key if claim.id not in matched]
    return matched, near, extra, missed


def defensible_sourcing(case, claim) -> dict:
    """{sourcing: why} that the key accepts for a claim besides its own: the sourcing alternatives of the claim's
    sentence, when the claim is sourced as its sentence is."""
    sentence = case.sentence(claim.sentence_id)
    if claim.sourcing != sentence.sourcing:
        return {}
    return {alt.sourcing: alt.why for alt in sentence.alternatives
            if alt.sourcing and alt.sourcing != claim.sourcing}


def _found(case, claim, claim_marks, text) -> tuple:
    """(points, Match) for a found claim, by the sourcing of its marks."""
    given = {m["sourcing"] for m in claim_marks}
    found = Match(key_id=claim.id, key_text=claim.text, key_choice=claim.sourcing, why=claim.note or "",
                  key_about=vocab.SOURCING_DESCRIPTIONS.get(claim.sourcing, ""),
                  given=tuple(text[m["start"]:m["end"]] for m in claim_marks))
    if given == {claim.sourcing}:
        return 1.0, replace(found, choice=claim.sourcing, status=Status.RIGHT)
    defensible = defensible_sourcing(case, claim)
    if len(given) == 1 and given <= set(defensible):
        sourcing = next(iter(given))
        return DEFENSIBLE_SOURCING_CREDIT, replace(found, choice=sourcing, status=Status.PARTLY,
                                                   accepted_why=defensible[sourcing])
    return WRONG_SOURCING_CREDIT, replace(found, choice=claim_marks[0]["sourcing"], status=Status.WRONG)


def _joined(case, matched, text) -> tuple:
    """A Match for each mark that covers several key claims (given: the mark; key_phrases: the claims)."""
    by_mark: dict = {}
    for claim_id, claim_marks in matched.items():
        for item in claim_marks:
            by_mark.setdefault((item["start"], item["end"]), []).append(claim_id)
    return tuple(Match(key_id="joined", given=(text[span[0]:span[1]],), status=Status.RIGHT,
                       key_phrases=tuple(c.text for c in case.claims if c.id in claim_ids))
                 for span, claim_ids in by_mark.items() if len(claim_ids) > 1)


def grade_claim_sentence(case, sentence, marks):
    """(ItemFeedback, units, correct units, points) for one sentence's claim marks (None = not answered)."""
    units = len(case.claims_in(sentence.id))
    if marks is None:
        return UNANSWERED, units, 0, 0.0
    if not case.has_key:
        return no_key(KEY), 0, 0, 0.0
    matched, near, extra, missed = match_claim_marks(case, sentence, marks)
    text = sentence.text
    found, correct, points = [], 0, 0.0
    for claim_id, claim_marks in matched.items():
        claim = next(c for c in case.claims if c.id == claim_id)
        earned, match = _found(case, claim, claim_marks, text)
        correct += earned == 1.0
        points += earned
        found.append(match)
    is_correct = correct == units and not extra and not near
    status = Status.RIGHT if is_correct else (Status.PARTLY if points > 0 else Status.WRONG)
    feedback = ItemFeedback(
        is_correct, points / units if units else float(is_correct), status, possible=units, kind=KEY,
        matched=tuple(found), other=_joined(case, matched, text),
        missed=tuple(Match(key_id=c.id, key_text=c.text, key_choice=c.sourcing, why=c.note or "",
                           status=Status.WRONG) for c in missed),
        near=tuple(Match(key_id=c.id, key_text=c.text, given=(text[m["start"]:m["end"]],), status=Status.WRONG)
                   for m, c in near),
        extra=tuple(Match(given=(text[m["start"]:m["end"]],), choice=m["sourcing"], status=Status.WRONG)
                    for m in extra))
    return feedback, units, correct, points


def normalise_claim_marks(sentence, value) -> list:
    """Check a list of {"start", "end", "sourcing"} marks on the sentence text."""
    return normalise_marks(sentence.text, value, "sourcing", vocab.SOURCING)


def grade_claims(case, answers, items=None) -> Grade:
    """Grade {sentence_id: [{"start", "end", "sourcing"}]}. Units are key claims: correct = found with the right
    sourcing; `points` gives half credit for a claim found with the wrong sourcing."""
    return grade_marked_sentences(case, answers, items, "claims found", normalise_claim_marks, grade_claim_sentence,
                                  KEY)


SPEC = ExerciseSpec(KEY, "Claims", "claims found", grade_claims, feedback="marks", key_view="claims")
