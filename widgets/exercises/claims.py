"""Claims: mark the checkable claims in a sentence and how each is sourced ("mark" mode), or give a verdict on a
claim and then see the evidence and the key's verdict ("verdict" mode).
"""
from __future__ import annotations

import ipywidgets as ipw

from widgets import vocab
from widgets.evidence import evidence_html  # the basis, the source kinds and cautions (issue 14)
from widgets.exercises.base import (MIN_OVERLAP, NO_KEY_FEEDBACK, AnswerError, Exercise, Grade, ItemFeedback,
                                    SpanPicker, best_overlap, check_item_ids, choose_items, esc,
                                    grade_marked_sentences, mark, normalise_marks, unreadable)

MODES = {"mark": "claims", "verdict": "verdicts"}   # mode -> exercise name in the save file
# A matched claim with the wrong sourcing earns this share of the credit.
WRONG_SOURCING_CREDIT = 0.5
# A verdict the key lists as defensible, or a claim found with a sourcing the key lists as defensible, earns this.
DEFENSIBLE_CREDIT = 0.5
DEFENSIBLE_SOURCING_CREDIT = 0.75


# --------------------------------------------------------------------------------------------------- mark mode

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


def _sourcing_credit(case, claim, claim_marks):
    """(points for a found claim, feedback html) by the sourcing of its marks."""
    given = {m["sourcing"] for m in claim_marks}
    if given == {claim.sourcing}:
        return 1.0, f"{mark('right', 'Right sourcing')}: {esc(claim.sourcing)}"
    defensible = defensible_sourcing(case, claim)
    if len(given) == 1 and given <= set(defensible):
        sourcing = next(iter(given))
        return DEFENSIBLE_SOURCING_CREDIT, (
            f"{mark('partly', 'Defensible sourcing')}: you said {esc(sourcing)}, which the key accepts as "
            f"defensible: {esc(defensible[sourcing])} The key prefers {esc(claim.sourcing)}: "
            f"{esc(vocab.SOURCING_DESCRIPTIONS.get(claim.sourcing, ''))}")
    sourcing = claim_marks[0]["sourcing"]
    return WRONG_SOURCING_CREDIT, (f"{mark('wrong', 'Other sourcing')}: you said {esc(sourcing)}; the key says "
                                   f"{esc(claim.sourcing)}. {esc(vocab.SOURCING_DESCRIPTIONS.get(claim.sourcing, ''))}")


def grade_claim_sentence(case, sentence, marks):
    """(ItemFeedback, units, correct units, points) for one sentence's claim marks (None = not answered)."""
    units = len(case.claims_in(sentence.id))
    if marks is None:
        return ItemFeedback(None, "", 0.0, "unanswered"), units, 0, 0.0
    if not case.has_key:
        return NO_KEY_FEEDBACK, 0, 0, 0.0
    matched, near, extra, missed = match_claim_marks(case, sentence, marks)
    text = sentence.text
    lines, correct, points = [], 0, 0.0
    by_mark: dict = {}
    for claim_id, claim_marks in matched.items():
        for item in claim_marks:
            by_mark.setdefault((item["start"], item["end"]), []).append(claim_id)
    for span, claim_ids in by_mark.items():
        if len(claim_ids) > 1:
            names = " and ".join(f"“{esc(c.text)}”" for c in case.claims if c.id in claim_ids)
            lines.append(f"<li>Your mark “{esc(text[span[0]:span[1]])}” covers {len(claim_ids)} claims of the key: "
                         f"{names}. Each counts. They are separate claims, which could be checked one by one: "
                         "next time mark each on its own (use <b>Split</b> to cut a phrase in two).</li>")
    for claim_id, claim_marks in matched.items():
        claim = next(c for c in case.claims if c.id == claim_id)
        earned, sourcing_note = _sourcing_credit(case, claim, claim_marks)
        correct += earned == 1.0
        points += earned
        lines.append(f"<li>Found the claim “{esc(claim.text)}”. {sourcing_note}. "
                     f"<i>Key's note:</i> {esc(claim.note)}</li>")
    for claim in missed:
        lines.append(f"<li>{mark('wrong', 'Missed')} the claim “{esc(claim.text)}” (sourcing: "
                     f"{esc(claim.sourcing)}). <i>Key's note:</i> {esc(claim.note)}</li>")
    for item, claim in near:
        lines.append(f"<li>Your mark “{esc(text[item['start']:item['end']])}” touches the claim “{esc(claim.text)}” "
                     "but covers too little of it (or too much besides) to count.</li>")
    for item in extra:
        lines.append(f"<li>{mark('wrong', 'Extra')}: the key has no checkable claim at "
                     f"“{esc(text[item['start']:item['end']])}”.</li>")
    if not lines:
        lines.append(f"<li>{mark('right')}: the key finds no checkable claim here, and neither did you.</li>")
    is_correct = correct == units and not extra and not near
    status = "right" if is_correct else ("partly" if points > 0 else "wrong")
    message = f"<p>{len(matched)} of {units} claim(s) in this sentence found.</p><ul>{''.join(lines)}</ul>"
    return ItemFeedback(is_correct, message, points / units if units else float(is_correct), status), \
        units, correct, points


def normalise_claim_marks(sentence, value) -> list:
    """Check a list of {"start", "end", "sourcing"} marks on the sentence text."""
    return normalise_marks(sentence.text, value, "sourcing", vocab.SOURCING)


def normalise_verdict(value) -> str:
    if value not in vocab.VERDICTS:
        raise AnswerError(f"Choose a verdict: {', '.join(vocab.VERDICTS)}.")
    return value


def grade_claims(case, answers, items=None) -> Grade:
    """Grade {sentence_id: [{"start", "end", "sourcing"}]}. Units are key claims: correct = found with the right
    sourcing; `points` gives half credit for a claim found with the wrong sourcing."""
    return grade_marked_sentences(case, answers, items, "claims found", normalise_claim_marks, grade_claim_sentence)


# --------------------------------------------------------------------------------------------------- verdict mode

def _claim(case, claim_id):
    for claim in case.claims:
        if claim.id == claim_id:
            return claim
    raise KeyError(f"no claim with id {claim_id!r}")


def grade_verdict(case, claim, value) -> ItemFeedback:
    if value is None:
        return ItemFeedback(None, "", 0.0, "unanswered")
    key = f"<b>{esc(claim.verdict)}</b> ({esc(vocab.VERDICT_DESCRIPTIONS.get(claim.verdict, ''))})"
    defensible = {alt.verdict: alt.why for alt in claim.alternatives}
    if value == claim.verdict:
        head = f"<p>{mark('right')}: the key's verdict is also {key}</p>"
        credit, status = 1.0, "right"
    elif value in defensible:
        head = (f"<p>{mark('partly', 'Defensible')}: you said <b>{esc(value)}</b>, which the key accepts as "
                f"defensible (half credit): {esc(defensible[value])} The key prefers {key}; its reason is below.</p>")
        credit, status = DEFENSIBLE_CREDIT, "partly"
    else:
        head = f"<p>{mark('wrong')}: you said <b>{esc(value)}</b>; the key's verdict is {key}</p>"
        credit, status = 0.0, "wrong"
    others = [alt for alt in claim.alternatives if alt.verdict != value]
    also = ""
    if others:
        also = ("<p>Other verdicts a careful reader could defend:</p><ul>"
                + "".join(f"<li><b>{esc(alt.verdict)}</b>: {esc(alt.why)}</li>" for alt in others) + "</ul>")
    body = f"<p><b>Why:</b> {esc(claim.note)}</p>{also}{evidence_html(case, claim)}"
    return ItemFeedback(status == "right", head + body, credit, status)


def grade_verdicts(case, answers, items=None) -> Grade:
    """Grade {claim_id: verdict}; `items` defaults to every claim of the case."""
    items = check_item_ids("claim", items, (c.id for c in case.claims))
    grade = Grade(0, 0, unit="claims")
    for claim_id in items:
        value = answers.get(claim_id)
        try:
            feedback = grade_verdict(case, _claim(case, claim_id), None if value is None else normalise_verdict(value))
        except ValueError as error:
            feedback = unreadable(error)
        grade.items[claim_id] = feedback
        grade.answered += value is not None
        grade.total += 1
        grade.correct += bool(feedback.correct)
        grade.points += feedback.credit
    return grade


# --------------------------------------------------------------------------------------------------- widget

class ClaimMarker(Exercise):
    """Mark checkable claims (mode="mark") or judge them (mode="verdict").

    Mark mode, exercise "claims": items are sentence ids (``sentences``, default all); the value of an answer is a
    list of ``{"start": int, "end": int, "sourcing": one of vocab.SOURCING}`` (offsets in the sentence text; an
    empty list means "no checkable claim here").
    Verdict mode, exercise "verdicts": items are claim ids (``claims``, default all); the value is one of
    ``vocab.VERDICTS``. The evidence and the key's verdict are shown after the answer is committed.
    Or ``lesson`` (and ``path``): the lesson notebook whose plan assigns the items (see FactOpinionSorter).
    """

    def __init__(self, case, student=None, sentences=None, mode="mark", claims=None, lesson=None, path=None):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}.")
        self.mode = mode
        self.exercise = MODES[mode]
        if mode == "mark":
            if claims is not None:
                raise ValueError("claims= is for mode='verdict'; in mark mode choose sentences=.")
            self.noun = "sentence"
            items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                                 exercise=self.exercise, case=case, path=path)
            title = ("<h4 style='margin:0.2em 0'>Which claims could be checked?</h4><p>Press the words of each "
                     "claim that evidence could prove or disprove (words next to each other form one claim). "
                     "Say how each is sourced, then press <b>Check my answer</b>. If the sentence has no "
                     "checkable claim, press it without marking anything.</p>")
        else:
            if sentences is not None:
                raise ValueError("sentences= is for mode='mark'; in verdict mode choose claims=.")
            self.noun = "claim"
            items = choose_items("claim", claims, (c.id for c in case.claims), lesson=lesson,
                                 exercise=self.exercise, case=case, path=path)
            title = ("<h4 style='margin:0.2em 0'>What does the evidence say?</h4><p>Choose your verdict on the "
                     "highlighted claim and press <b>Check my answer</b>. Then you will see the evidence and the "
                     "key's verdict.</p>")
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        if self.mode == "mark":
            self.picker = SpanPicker("sourcing", vocab.SOURCING, vocab.SOURCING_DESCRIPTIONS, phrase_hint="claim",
                                     splittable=True)
            meanings = vocab.SOURCING_DESCRIPTIONS
            controls = [self.picker]
        else:
            self.claim_html = ipw.HTML()
            self.verdict_choice = ipw.RadioButtons(options=[(v, v) for v in vocab.VERDICTS], value=None,
                                                   description="Verdict:", tooltip="Your verdict on the claim")
            meanings = vocab.VERDICT_DESCRIPTIONS
            controls = [self.claim_html, self.verdict_choice]
        rows = "".join(f"<li>{esc(text)}</li>" for text in meanings.values())
        help_html = ipw.HTML(f"<details><summary>What the choices mean</summary><ul>{rows}</ul></details>")
        return ipw.VBox(controls + [help_html])

    def _show_item(self, item_id, locked):
        if self.mode == "mark":
            self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)
            return
        claim = _claim(self.case, item_id)
        text = self.case.sentence(claim.sentence_id).text
        self.claim_html.value = (
            "<blockquote style='font-size:1.1em; margin:0.4em 0; padding-left:0.8em; border-left:4px solid #888'>"
            f"{esc(text[:claim.start])}<mark style='background-color: rgba(230, 159, 0, 0.3); "
            f"border-bottom: 2px dashed #E69F00'>[claim: {esc(text[claim.start:claim.end])}]</mark>"
            f"{esc(text[claim.end:])}</blockquote>")
        self.verdict_choice.value = self._answers.get(item_id)
        self.verdict_choice.disabled = locked

    def _value_from_controls(self):
        if self.mode == "mark":
            marks = self.picker.value
            for item in marks:
                if item["sourcing"] is None:
                    raise AnswerError(f"Choose the sourcing of “{self.picker.text[item['start']:item['end']]}” "
                                      "first.")
            return marks
        if self.verdict_choice.value is None:
            raise AnswerError("Choose a verdict first, then press Check my answer.")
        return self.verdict_choice.value

    def _normalise(self, item_id, value):
        if self.mode == "mark":
            return normalise_claim_marks(self.case.sentence(item_id), value)
        return normalise_verdict(value)

    def _item_feedback(self, item_id):
        if self.mode == "mark":
            return grade_claim_sentence(self.case, self.case.sentence(item_id), self._answers.get(item_id))[0]
        return grade_verdict(self.case, _claim(self.case, item_id), self._answers.get(item_id))
