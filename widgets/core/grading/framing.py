"""Find the framing yourself (FramingFinder): match a student's marks to the key's framing devices, and measure
precision and recall (pure: no ipywidgets, no markup).

A mark finds a key device when it overlaps the device's span by at least MIN_OVERLAP of their union (the same
"reasonable boundaries" rule as actor and claim marking); it names it right when the device names agree. Omissions
(what the article leaves out) are not words that colour the story, so by default they are left out of the count:
a mark on an omission's span is then "not counted" either way.

    precision = marks that found a key device / marks counted
    recall    = key devices found / key devices in the sentences answered
"""
from __future__ import annotations

from dataclasses import dataclass, field

from widgets.core import vocab
from widgets.core.grading.spans import MIN_OVERLAP, best_overlap, normalise_marks

EXERCISE = "framing"
OMISSION = "omission"
WRONG_DEVICE_CREDIT = 0.5           # a device found but named differently earns half credit


def devices(include_omissions: bool = False) -> tuple:
    """The device names a student can choose from."""
    return tuple(d for d in vocab.DEVICES if include_omissions or d != OMISSION)


def key_framing(case, sentence_id: str, include_omissions: bool = False) -> list:
    """The key's framing devices in one sentence that count."""
    return [f for f in case.framing if f.sentence_id == sentence_id and (include_omissions or f.device != OMISSION)]


def normalise_framing_marks(sentence, value, include_omissions: bool = False) -> list:
    """Check a list of {"start", "end", "device"} marks on the sentence text."""
    return normalise_marks(sentence.text, value, "device", devices(include_omissions))


@dataclass
class FramingSentence:
    """How one sentence's marks compare with the key."""
    sentence_id: str
    found: dict = field(default_factory=dict)      # framing id -> list of marks that found it
    named_right: list = field(default_factory=list)  # framing ids found and named with the key's device
    near: list = field(default_factory=list)       # (mark, framing): touches a device but covers too little of it
    extra: list = field(default_factory=list)      # marks on no key device
    ignored: list = field(default_factory=list)    # (mark, framing) marks on an omission that is not counted
    missed: list = field(default_factory=list)     # framing devices not found
    key_total: int = 0

    @property
    def marks_counted(self) -> int:
        return sum(len(m) for m in self.found.values()) + len(self.near) + len(self.extra)

    @property
    def marks_matched(self) -> int:
        return sum(len(m) for m in self.found.values())

    @property
    def points(self) -> float:
        return len(self.named_right) + WRONG_DEVICE_CREDIT * (len(self.found) - len(self.named_right))


def match_framing(case, sentence, marks, include_omissions: bool = False) -> FramingSentence:
    key = key_framing(case, sentence.id, include_omissions)
    omitted = [] if include_omissions else [f for f in case.framing
                                           if f.sentence_id == sentence.id and f.device == OMISSION]
    result = FramingSentence(sentence.id, key_total=len(key))
    for item in marks:
        span = (item["start"], item["end"])
        best, ratio = best_overlap(span, key, lambda f: (f.start, f.end))
        if best is not None and ratio >= MIN_OVERLAP:
            result.found.setdefault(best.id, []).append(item)
            continue
        hidden, hidden_ratio = best_overlap(span, omitted, lambda f: (f.start, f.end))
        if hidden is not None and hidden_ratio >= MIN_OVERLAP:
            result.ignored.append((item, hidden))
        elif best is not None:
            result.near.append((item, best))
        else:
            result.extra.append(item)
    for framing in key:
        if framing.id in result.found:
            if all(m["device"] == framing.device for m in result.found[framing.id]):
                result.named_right.append(framing.id)
        else:
            result.missed.append(framing)
    return result


@dataclass
class FramingResult:
    sentences: dict = field(default_factory=dict)   # sentence id -> FramingSentence (answered sentences only)
    items: tuple = ()
    key_total_all: int = 0                          # key devices in every item, answered or not
    unreadable: dict = field(default_factory=dict)  # sentence id -> why its saved answer could not be read

    @property
    def answered(self) -> int:
        return len(self.sentences) + len(self.unreadable)

    @property
    def found(self) -> int:
        return sum(len(s.found) for s in self.sentences.values())

    @property
    def named_right(self) -> int:
        return sum(len(s.named_right) for s in self.sentences.values())

    @property
    def key_total(self) -> int:
        """Key devices in the sentences the student answered."""
        return sum(s.key_total for s in self.sentences.values())

    @property
    def marks_counted(self) -> int:
        return sum(s.marks_counted for s in self.sentences.values())

    @property
    def precision(self) -> float | None:
        counted = self.marks_counted
        return sum(s.marks_matched for s in self.sentences.values()) / counted if counted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.key_total if self.key_total else None

    @property
    def points(self) -> float:
        return sum(s.points for s in self.sentences.values())


def grade_framing(case, answers: dict, items=None, include_omissions: bool = False) -> FramingResult:
    """Grade {sentence_id: [{"start", "end", "device"}]} over `items` (default every sentence)."""
    items = tuple(items) if items is not None else tuple(s.id for s in case.sentences)
    result = FramingResult(items=items,
                           key_total_all=sum(len(key_framing(case, i, include_omissions)) for i in items))
    for sentence_id in items:
        if sentence_id not in answers:
            continue
        sentence = case.sentence(sentence_id)
        try:
            marks = normalise_framing_marks(sentence, answers[sentence_id], include_omissions)
        except ValueError as error:
            result.unreadable[sentence_id] = str(error)
            continue
        result.sentences[sentence_id] = match_framing(case, sentence, marks, include_omissions)
    return result
