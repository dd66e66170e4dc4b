"""Feedback without a key: compare one student's answers with the class's.

    comparison = compare_with_class(case, "fact_opinion", sorter.answers, "submissions/")
    comparison.summary      # counts, for a test or a printout
    comparison.text()       # a short plain-text report
    comparison.html()       # a table for the notebook (everything escaped)

``class_answers`` is a folder of hand-ins (read with ``widgets.classroom.submission.read_folder``), or a dict
``{student: {item_id: value}}``. The student's own entry, if present, is left out, so they are compared with
their classmates only. Answers are compared as the exercises store them (CONTRIBUTING.md, exercise protocol):

- fact_opinion ``{"label", "sourcing"}``: the label and the sourcing each against the classmates' most common one;
- actors and claims (lists of ``{"start", "end", ...}`` marks): each phrase the student marked, against how many
  classmates marked an overlapping phrase; and the phrases most classmates marked that the student did not;
- any other value (a verdict, a word): against the most common value.

Agreement with the class is not correctness: the class can be wrong together. The report says so.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from widgets.classroom.submission import read_folder
from widgets.core.render import render
from widgets.core.storage import current_student, student_slug
from widgets.core.text import plural


# A phrase counts as marked by "most of the class" when at least this share of classmates marked it.
MOST_SHARE = 0.5


@dataclass
class ItemComparison:
    item_id: str
    text: str                   # the sentence (or item) text
    yours: str                  # the student's answer, as words
    classmates: int             # classmates who answered this item
    counts: dict                # answer (as words) -> how many classmates gave it
    agrees: bool | None         # True: same as the class's most common answer; None: nothing to compare
    note: str = ""


@dataclass
class ClassComparison:
    exercise: str
    classmates: int
    items: list = field(default_factory=list)     # of ItemComparison, in item order

    @property
    def summary(self) -> dict:
        compared = [i for i in self.items if i.agrees is not None]
        return {"exercise": self.exercise, "classmates": self.classmates, "compared": len(compared),
                "agree_with_most": sum(i.agrees for i in compared),
                "differ": [i.item_id for i in compared if not i.agrees]}

    def text(self) -> str:
        s = self.summary
        if not self.classmates:
            return "No classmates' answers yet: nothing to compare with."
        if not self.items:
            return (f"{plural(s['classmates'], 'classmate')} answered, but you have not answered yet: answer "
                    "first, then compare.")
        lines = [f"Compared with {plural(s['classmates'], 'classmate')} on {plural(s['compared'], 'item')}: you "
                 f"gave the class's most common answer on {s['agree_with_most']}."]
        if s["differ"]:
            lines.append(f"You differ from most of the class on: {', '.join(s['differ'])}.")
        return "\n".join(lines)

    def html(self) -> str:
        shown = self.items if self.classmates else []
        return str(render("compare.html.j2", summary=self.text(), items=shown,
                          verdicts={True: "✓ same as most", False: "≠ differs from most", None: "—"}))


def compare_with_class(case, exercise, answers, class_answers, student=None) -> ClassComparison:
    """Compare ``answers`` ({item_id: value}) for ``exercise`` with the classmates' answers.

    ``class_answers``: a folder of hand-ins or ``{student: {item_id: value}}``. ``student``: whose answers these
    are, to leave them out of the class (default: ``widgets.current_student()``).
    """
    if student is None:
        student = current_student()
    classmates = _class_answers(case, exercise, class_answers, student)
    texts = {s.id: s.text for s in case.sentences}
    items = []
    for item_id, value in answers.items():
        others = [a[item_id] for a in classmates.values() if item_id in a]
        items.append(_compare_item(item_id, texts.get(item_id, ""), value, others))
    return ClassComparison(exercise, len(classmates), items)


def _class_answers(case, exercise, class_answers, student):
    """{classmate: {item_id: value}} from a dict or a folder, without ``student``."""
    if isinstance(class_answers, Mapping):
        everyone = {str(name): (answers or {}) for name, answers in class_answers.items()}
    elif isinstance(class_answers, (str, Path)):
        contents = read_folder(class_answers, case.id)
        everyone = {s.student: s.answers(exercise) for s in contents.accepted}
    else:
        raise TypeError("class_answers must be a folder of hand-ins or a dict {student: {item_id: answer}}, "
                        f"not {type(class_answers).__name__}")
    me = student_slug(student) if student else None
    return {name: answers for name, answers in everyone.items() if student_slug(name) != me and answers}


def _compare_item(item_id, text, value, others):
    if _is_marks(value) or (value == [] and others and all(_is_marks(o) for o in others)):
        return _compare_marks(item_id, text, value, others)
    if isinstance(value, Mapping):
        yours = _words(value)
        counts = Counter(_words(o) for o in others if isinstance(o, Mapping))
        if not counts:
            return ItemComparison(item_id, text, yours, 0, {}, None)
        notes = []
        for field_name in value:
            field_counts = Counter(o.get(field_name) for o in others if isinstance(o, Mapping))
            most = _most_common(field_counts)
            if value[field_name] not in most:
                notes.append(f"most classmates chose {field_name} '{' or '.join(map(str, most))}'")
        return ItemComparison(item_id, text, yours, sum(counts.values()), dict(counts.most_common()),
                              not notes, "; ".join(notes))
    counts = Counter(str(o) for o in others)
    if not counts:
        return ItemComparison(item_id, text, str(value), 0, {}, None)
    return ItemComparison(item_id, text, str(value), sum(counts.values()), dict(counts.most_common()),
                          str(value) in _most_common(counts))


def _compare_marks(item_id, text, marks, others):
    """Marks: does each of the student's phrases match what most classmates marked, and did they miss any?"""
    def phrase(mark):
        return text[mark["start"]:mark["end"]] if text else f"{mark['start']}-{mark['end']}"

    if not others:
        return ItemComparison(item_id, text, _marks_words(text, marks), 0, {}, None)
    threshold = MOST_SHARE * len(others)
    counts = Counter()
    for other in others:
        for mark in {(m["start"], m["end"]) for m in other}:
            counts[mark] += 1
    popular = {}
    for (start, end), count in counts.items():
        popular[phrase({"start": start, "end": end})] = popular.get(phrase({"start": start, "end": end}), 0) + count
    notes = []
    yours_ok = True
    for mark in marks:
        overlapping = sum(any(_overlap(mark, o) for o in other) for other in others)
        if overlapping < threshold:
            yours_ok = False
            notes.append(f"'{phrase(mark)}': marked by {overlapping} of {len(others)} classmates")
    missed = [(p, c) for p, c in popular.items() if c >= threshold
              and not any(text.find(p) >= 0 and _overlap(m, {"start": text.find(p), "end": text.find(p) + len(p)})
                          for m in marks)]
    for p, c in missed:
        yours_ok = False
        notes.append(f"'{p}': marked by {c} of {len(others)} classmates, not by you")
    shown = dict(sorted(popular.items(), key=lambda kv: -kv[1])[:5])
    return ItemComparison(item_id, text, _marks_words(text, marks), len(others), shown, yours_ok, "; ".join(notes))


def _overlap(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def _is_marks(value):
    return isinstance(value, list) and bool(value) and all(isinstance(m, Mapping) and "start" in m and "end" in m
                                                          for m in value)


def _marks_words(text, marks):
    return "; ".join(text[m["start"]:m["end"]] for m in marks) or "(nothing marked)"


def _words(value):
    return ", ".join(f"{v}" for v in value.values())


def _most_common(counts):
    """Every answer tied for the most common (so a tie counts as agreeing with either)."""
    if not counts:
        return set()
    top = max(counts.values())
    return {answer for answer, count in counts.items() if count == top}
