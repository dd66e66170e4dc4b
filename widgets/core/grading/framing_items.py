"""FramingFinder's protocol grade: the matching of widgets/core/grading/framing.py as a Grade of ItemFeedback."""
from __future__ import annotations

from widgets.core.grading import framing as pure
from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Match, Status, check_item_ids, no_key, unreadable
from widgets.core.grading.spans import MIN_OVERLAP, best_overlap
from widgets.core.grading.spec import ExerciseSpec

KEY = pure.EXERCISE


def sentence_feedback(case, sentence, result) -> ItemFeedback:
    """Feedback on one sentence's marks (`result`: a FramingSentence)."""
    text = sentence.text
    devices = {f.id: f for f in case.framing}

    def phrase(item):
        return (text[item["start"]:item["end"]],)

    found = tuple(Match(key_id=framing_id, key_text=devices[framing_id].text, key_choice=devices[framing_id].device,
                        choice=", ".join(sorted({m["device"] for m in marks})), why=devices[framing_id].explanation,
                        status=Status.RIGHT if framing_id in result.named_right else Status.PARTLY)
                  for framing_id, marks in result.found.items())
    units = result.key_total
    right = len(result.named_right) == units and not result.extra and not result.near
    status = Status.RIGHT if right else (Status.PARTLY if result.found else Status.WRONG)
    return ItemFeedback(
        right, result.points / units if units else float(right), status, possible=units, kind=KEY, matched=found,
        missed=tuple(Match(key_id=d.id, key_text=d.text, key_choice=d.device, why=d.explanation, status=Status.WRONG)
                     for d in result.missed),
        near=tuple(Match(key_id=d.id, key_text=d.text, given=phrase(m), status=Status.WRONG) for m, d in result.near),
        extra=tuple(_extra(case, sentence, m, phrase(m)) for m in result.extra),
        other=tuple(Match(key_id=d.id, key_text=d.text, given=phrase(m), status=Status.UNGRADED)
                    for m, d in result.ignored))


def _extra(case, sentence, mark, given) -> Match:
    """A mark on no device; when it covers one of the key's controls (words that look like a device but are not spin
    here), the Match carries the control's device and explanation, so the student learns why."""
    controls = [c for c in case.controls if c.sentence_id == sentence.id]
    control, ratio = best_overlap((mark["start"], mark["end"]), controls, lambda c: (c.start, c.end))
    if control is None or ratio < MIN_OVERLAP:
        return Match(given=given, choice=mark["device"], status=Status.WRONG)
    return Match(key_id=control.id, key_text=control.text, key_choice=control.device, given=given,
                 choice=mark["device"], why=control.explanation, status=Status.WRONG)


def framing_grade(case, answers, items=None, include_omissions=False) -> Grade:
    """Protocol Grade: correct = devices found and named right; points add half credit for a device found but named
    differently; total = key devices in `items`."""
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    result = pure.grade_framing(case, answers, items, include_omissions)
    grade = Grade(result.named_right, result.key_total_all, unit="framing devices", points=result.points,
                  answered=result.answered)
    for sentence_id in items:
        if sentence_id in result.unreadable:
            grade.items[sentence_id] = unreadable(result.unreadable[sentence_id], KEY)
        elif sentence_id in result.sentences:
            sentence = case.sentence(sentence_id)
            grade.items[sentence_id] = (sentence_feedback(case, sentence, result.sentences[sentence_id])
                                        if case.has_key else no_key(KEY))
        else:
            grade.items[sentence_id] = UNANSWERED
    return grade


# Not scored: the class report shows framing as precision and recall (widgets/classroom/practice.py).
SPEC = ExerciseSpec(KEY, "Framing", "framing devices", framing_grade, feedback="marks", scored=False,
                    report="framing", key_view="framing")
