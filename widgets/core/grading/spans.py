"""Span arithmetic for the marking exercises (pure: no ipywidgets), shared by ActorTagger, ClaimMarker and
FramingFinder and by their grade functions: word spans, overlap, the "reasonable boundaries" rule, and checking
a list of marks. Property-based tests: tests/unit/test_spans_properties.py.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

# Share of the union of a mark and a key span that must overlap for the mark to count as that span
# ("reasonable boundaries": 'Biden' for 'Joe Biden', or a claim marked without its opening phrase).
MIN_OVERLAP = 0.3
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{},;:!?—–-…*"


def tokenize(text: str) -> list[tuple[int, int]]:
    """Word spans (start, end) in `text`: runs of non-space, without punctuation at their edges."""
    spans = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end -= 1
        # a final full stop is punctuation, unless the word has another one inside (U.S.)
        if end > start and text[end - 1] == "." and "." not in text[start:end - 1]:
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans over their union (0 = disjoint, 1 = identical)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return 0.0
    return overlap / (max(a[1], b[1]) - min(a[0], b[0]))


def best_overlap(span: tuple[int, int], candidates, span_of):
    """(candidate, ratio) for the candidate whose span (`span_of(candidate)`) overlaps `span` most; (None, 0.0)
    when none overlaps. Actor and claim marking share this rule for "reasonable boundaries"."""
    best, best_ratio = None, 0.0
    for candidate in candidates:
        ratio = overlap_ratio(span, span_of(candidate))
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best, best_ratio


def normalise_phrase(text: str) -> str:
    """Case-folded words without edge punctuation, a leading 'the' or a possessive 's, for alias matching."""
    words = re.sub(r"[’']s\b", "", text.casefold())
    words = " ".join(w.strip(_EDGE_PUNCTUATION + ".") for w in words.split())
    return re.sub(r"^the ", "", words).strip()


def normalise_marks(text: str, marks, choice_field: str, choices) -> list[dict]:
    """Validate a list of {"start", "end", <choice_field>} marks on `text`; returns them sorted, as plain ints."""
    if not isinstance(marks, (list, tuple)):
        raise ValueError(f"Marks must be a list of {{'start', 'end', '{choice_field}'}} dicts, "
                         f"not {type(marks).__name__}.")
    cleaned = []
    for number, item in enumerate(marks, 1):
        if not isinstance(item, Mapping) or set(item) != {"start", "end", choice_field}:
            raise ValueError(f"Mark {number} must have exactly the keys start, end and {choice_field}.")
        start, end, choice = item["start"], item["end"], item[choice_field]
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) \
                or not 0 <= start < end <= len(text):
            raise ValueError(f"Mark {number}: start and end must be whole numbers with "
                             f"0 <= start < end <= {len(text)}.")
        if choice not in choices:
            raise ValueError(f"Mark {number} ({text[start:end]!r}): choose a {choice_field.replace('_', ' ')} "
                             f"from: {', '.join(choices)}.")
        cleaned.append({"start": start, "end": end, choice_field: choice})
    cleaned.sort(key=lambda m: (m["start"], m["end"]))
    for first, second in zip(cleaned, cleaned[1:]):
        if second["start"] < first["end"]:
            raise ValueError(f"Marks {text[first['start']:first['end']]!r} and "
                             f"{text[second['start']:second['end']]!r} overlap; mark each phrase once.")
    return cleaned
