"""Claims: mark the checkable claims in a sentence and how each is sourced ("mark" mode), or give a verdict on a
claim and then see the evidence and the key's verdict ("verdict" mode).
"""
from __future__ import annotations

import ipywidgets as ipw

from widgets import vocab
from widgets.evidence import evidence_html  # the basis, the source kinds and cautions (issue 14)
from widgets.exercises.base import (MIN_OVERLAP, NO_KEY_FEEDBACK, AnswerError, Exercise, Grade, ItemFeedback,
                                    SpanPicker, best_overlap, check_item_ids, esc, grade_marked_sentences, mark,
                                    normalise_marks, unreadable)

MODES = {"mark": "claims", "verdict": "verdicts"}   # mode -> exercise name in the save file
# A matched claim with the wrong sourcing earns this share of the credit.
WRONG_SOURCING_CREDIT = 0.5


# --------------------------------------------------------------------------------------------------- mark mode

def match_claim_marks(case, sentence, marks):
    """(matched: {claim id: [marks]}, near: [(mark, claim)], extra: [marks], missed: [claims]) for one sentence.

    A mark matches the key claim it overlaps most if the overlap is at least MIN_OVERLAP of their union;
    a smaller overlap is a near miss (boundaries too far off).
    """
    key = case.claims_in(sentence.id)
    matched, near, extra = {}, [], []
    for item in marks:
        span = (item["start"], item["end"])
        best, best_ratio = best_overlap(span, key, lambda claim: (claim.start, claim.end))
        if best is not None and best_ratio >= MIN_OVERLAP:
            matched.setdefault(best.id, []).append(item)
        elif best is not None:
            near.append((item, best))
        else:
            extra.append(item)
    missed = [claim for claim in key if claim.id not in matched]
    return matched, near, extra, missed


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
    for claim_id, claim_marks in matched.items():
        claim = next(c for c in case.claims if c.id == claim_id)
        sourcing = claim_marks[0]["sourcing"]
        if all(m["sourcing"] == claim.sourcing for m in claim_marks):
            correct += 1
            points += 1.0
            sourcing_note = f"{mark('right', 'Right sourcing')}: {esc(claim.sourcing)}"
        else:
            points += WRONG_SOURCING_CREDIT
            sourcing_note = (f"{mark('wrong', 'Other sourcing')}: you said {esc(sourcing)}; the key says "
                             f"{esc(claim.sourcing)}. {esc(vocab.SOURCING_DESCRIPTIONS.get(claim.sourcing, ''))}")
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
    if value == claim.verdict:
        head = f"<p>{mark('right')}: the key's verdict is also {key}</p>"
    else:
        head = f"<p>{mark('wrong')}: you said <b>{esc(value)}</b>; the key's verdict is {key}</p>"
    body = f"<p><b>Why:</b> {esc(claim.note)}</p>{evidence_html(case, claim)}"
    correct = value == claim.verdict
    return ItemFeedback(correct, head + body, float(correct), "right" if correct else "wrong")


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
    """

    def __init__(self, case, student=None, sentences=None, mode="mark", claims=None):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}.")
        self.mode = mode
        self.exercise = MODES[mode]
        if mode == "mark":
            if claims is not None:
                raise ValueError("claims= is for mode='verdict'; in mark mode choose sentences=.")
            self.noun = "sentence"
            items = check_item_ids("sentence", sentences, (s.id for s in case.sentences))
            title = ("<h4 style='margin:0.2em 0'>Which claims could be checked?</h4><p>Press the words of each "
                     "claim that evidence could prove or disprove (words next to each other form one claim). "
                     "Say how each is sourced, then press <b>Check my answer</b>. If the sentence has no "
                     "checkable claim, press it without marking anything.</p>")
        else:
            if sentences is not None:
                raise ValueError("sentences= is for mode='mark'; in verdict mode choose claims=.")
            self.noun = "claim"
            items = check_item_ids("claim", claims, (c.id for c in case.claims))
            title = ("<h4 style='margin:0.2em 0'>What does the evidence say?</h4><p>Choose your verdict on the "
                     "highlighted claim and press <b>Check my answer</b>. Then you will see the evidence and the "
                     "key's verdict.</p>")
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        if self.mode == "mark":
            self.picker = SpanPicker("sourcing", vocab.SOURCING, vocab.SOURCING_DESCRIPTIONS, phrase_hint="claim")
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
