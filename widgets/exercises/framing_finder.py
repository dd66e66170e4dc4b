"""Find the framing yourself: mark the words that colour the story and name the device, before any highlight is
shown. Precision and recall against the key, with the key's explanation for each device found or missed.
Matching and counting: widgets/grading/framing.py (pure); marking words: SpanPicker, as in ActorTagger/ClaimMarker.
"""
from __future__ import annotations

import ipywidgets as ipw

from widgets import vocab
from widgets.exercises.base import (NO_KEY_FEEDBACK, AnswerError, Exercise, Grade, ItemFeedback, SpanPicker,
                                    check_item_ids, choose_items, esc, mark, unreadable)
from widgets.grading import framing as pure


def _percent(share) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def sentence_feedback(case, sentence, result) -> ItemFeedback:
    """Feedback on one sentence's marks (`result`: a FramingSentence)."""
    text = sentence.text
    lines = []
    for framing_id, marks in result.found.items():
        device = next(f for f in case.framing if f.id == framing_id)
        named = {m["device"] for m in marks}
        if framing_id in result.named_right:
            name = f"{mark('right', 'Found')} and named right ({esc(device.device)})"
        else:
            name = (f"{mark('partly', 'Found')}; you called it {esc(', '.join(sorted(named)))}, the key calls it "
                    f"{esc(device.device)}")
        lines.append(f"<li>“{esc(device.text)}”: {name}. <i>Key:</i> {esc(device.explanation)}</li>")
    for device in result.missed:
        lines.append(f"<li>{mark('wrong', 'Missed')} “{esc(device.text)}” ({esc(device.device)}). "
                     f"<i>Key:</i> {esc(device.explanation)}</li>")
    for item, device in result.near:
        lines.append(f"<li>Your mark “{esc(text[item['start']:item['end']])}” touches “{esc(device.text)}” but "
                     "covers too little of it (or too much besides) to count.</li>")
    for item in result.extra:
        lines.append(f"<li>{mark('wrong', 'Extra')}: the key marks no device at "
                     f"“{esc(text[item['start']:item['end']])}”.</li>")
    for item, _device in result.ignored:
        lines.append(f"<li>“{esc(text[item['start']:item['end']])}” is where the key notes an omission (something "
                     "left out); omissions are not counted here. Lesson 5 shows them next.</li>")
    if not lines:
        lines.append(f"<li>{mark('right')}: the key marks no device here, and neither did you.</li>")
    units = result.key_total
    right = len(result.named_right) == units and not result.extra and not result.near
    status = "right" if right else ("partly" if result.found else "wrong")
    credit = result.points / units if units else float(right)
    return ItemFeedback(right, f"<p>{len(result.found)} of {units} device(s) in this sentence found.</p>"
                               f"<ul>{''.join(lines)}</ul>", credit, status)


def grade_framing(case, answers, items=None, include_omissions=False) -> Grade:
    """Protocol Grade: correct = devices found and named right; points add half credit for a device found but named
    differently; total = key devices in `items`."""
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    result = pure.grade_framing(case, answers, items, include_omissions)
    grade = Grade(result.named_right, result.key_total_all, unit="framing devices", points=result.points,
                  answered=result.answered)
    for sentence_id in items:
        if sentence_id in result.unreadable:
            grade.items[sentence_id] = unreadable(result.unreadable[sentence_id])
        elif sentence_id in result.sentences:
            sentence = case.sentence(sentence_id)
            grade.items[sentence_id] = (sentence_feedback(case, sentence, result.sentences[sentence_id])
                                        if case.has_key else NO_KEY_FEEDBACK)
        else:
            grade.items[sentence_id] = ItemFeedback(None, "", 0.0, "unanswered")
    return grade


class FramingFinder(Exercise):
    """Mark the words that colour the story, and name the device of each.

    Items: sentence ids (``sentences``, or the ones a lesson's plan assigns: ``lesson=``, ``path=``; default all).
    Value of an answer: a list of ``{"start": int, "end": int, "device": one of the devices}`` (offsets in the
    sentence text; an empty list means "nothing here"). Omissions are left out unless ``include_omissions=True``
    (they are about what is missing, not words that colour).
    After each sentence the key's devices for it appear, with the key's explanation; ``check()`` adds precision and
    recall over the sentences answered.
    """

    exercise = pure.EXERCISE
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, include_omissions=False, lesson=None, path=None):
        self.include_omissions = include_omissions
        self.devices = pure.devices(include_omissions)
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = ("<h4 style='margin:0.2em 0'>Which words colour the story?</h4><p>Press the words that push you "
                 "towards a view: a loaded word, scare quotes, a hedge, a telling verb... Words next to each other "
                 "form one phrase. Name the device of each, then press <b>Check my answer</b>. If nothing in the "
                 "sentence colours it, press it without marking anything.</p>")
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.picker = SpanPicker("device", self.devices, vocab.DEVICE_DESCRIPTIONS, phrase_hint="phrase")
        rows = "".join(f"<li><b>{esc(d)}</b>: {esc(vocab.DEVICE_DESCRIPTIONS[d])}</li>" for d in self.devices)
        help_html = ipw.HTML(f"<details><summary>What the devices mean</summary><ul>{rows}</ul></details>")
        return ipw.VBox([self.picker, help_html])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item["device"] is None:
                raise AnswerError(f"Choose the device of “{self.picker.text[item['start']:item['end']]}” first.")
        return marks

    def _normalise(self, item_id, value):
        return pure.normalise_framing_marks(self.case.sentence(item_id), value, self.include_omissions)

    def _grade(self):
        return grade_framing(self.case, self._answers, self.items, self.include_omissions)

    def _item_feedback(self, item_id):
        return self._grade().items[item_id]

    def result(self) -> pure.FramingResult:
        return pure.grade_framing(self.case, self._answers, self.items, self.include_omissions)

    def _summary_extra_html(self):
        result = self.result()
        if not result.answered or not self.case.has_key:
            return ""
        return (f"<p><b>Precision</b> {_percent(result.precision)}: of your {result.marks_counted} marks, "
                f"{sum(s.marks_matched for s in result.sentences.values())} found a device the key lists. "
                f"<b>Recall</b> {_percent(result.recall)}: you found {result.found} of the {result.key_total} "
                f"devices in the {len(result.sentences)} sentence(s) you answered.</p>")
