"""How the class labelled each sentence (fact/opinion counts), and how much it agreed: Krippendorff's alpha,
nominal level, in plain Python (no numpy)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from widgets.core import vocab
from widgets.core.grading.fact_opinion import KEY as FACT_OPINION   # the exercise whose labels the statistics are about

# Krippendorff's own guide (Content Analysis, 2004): rely on alpha >= .800, draw tentative conclusions from
# .667 to .800. For a class, a low value is not a failure: it shows where discussion is needed.
ALPHA_BANDS = ((0.800, "high: the class mostly read the sentences the same way"),
               (0.667, "moderate: the class agreed on many sentences and split on some"),
               (-math.inf, "low: the class often read the same sentence differently — good material for discussion"))


def nominal_alpha(value_counts) -> float:
    """Krippendorff's alpha, nominal level, from value counts: one row per unit (sentence), one column per value
    (label), each cell the number of raters who gave that value. The same number as
    `krippendorff.alpha(value_counts=..., level_of_measurement="nominal")` (a test checks it), in plain Python, so the
    report does not import numpy. Units with fewer than two values are left out; nan when it is not defined.

    Coincidences o[c][k] = sum over units of n_uc * n_uk / (m_u - 1) (n_uc * (n_uc - 1) / (m_u - 1) when c == k),
    n_c = sum_k o[c][k], n = sum_c n_c, and alpha = 1 - (n - 1) * (disagreeing coincidences) / sum_{c != k} n_c n_k.
    """
    width = max((len(row) for row in value_counts), default=0)
    coincidences = [[0.0] * width for _ in range(width)]
    for row in value_counts:
        pairable = sum(row)
        if pairable < 2:
            continue
        for c, n_c in enumerate(row):
            if n_c:
                for k, n_k in enumerate(row):
                    coincidences[c][k] += n_c * ((n_k - 1) if c == k else n_k) / (pairable - 1)
    totals = [sum(row) for row in coincidences]
    n = sum(totals)
    observed = sum(coincidences[c][k] for c in range(width) for k in range(width) if c != k)
    expected = sum(totals[c] * totals[k] for c in range(width) for k in range(width) if c != k)
    if n <= 1 or not expected:
        return math.nan
    return 1 - (n - 1) * observed / expected


def alpha_of(sentences) -> tuple:
    """(alpha or None, note, number of sentences behind it) for the fact/opinion labels (nominal level)."""
    rows = [[s.counts[label] for label in vocab.LABELS] for s in sentences if s.answered >= 2]
    if not rows:
        return None, "not computed: no sentence was labelled by two or more students.", 0
    if sum(1 for column in zip(*rows) if any(column)) < 2:
        return None, "not defined: every student gave every sentence the same label (nothing to disagree on).", \
            len(rows)
    value = nominal_alpha(rows)
    if not math.isfinite(value):
        return None, "not defined for these answers.", len(rows)
    band = next(text for floor, text in ALPHA_BANDS if value >= floor)
    return value, band, len(rows)


@dataclass
class SentenceResult:
    """How the class labelled one sentence."""
    id: str
    text: str
    counts: dict                        # label -> number of students, in vocabulary order
    key_label: str | None = None
    rationale: str | None = None
    alternatives: tuple = ()            # of (label, why)

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def agree_share(self) -> float | None:
        """Share of the students who answered that chose the key's label (None: no key or no answers)."""
        if self.key_label is None or not self.answered:
            return None
        return self.counts.get(self.key_label, 0) / self.answered

    @property
    def modal_share(self) -> float | None:
        """Share of the students who answered that chose the most common label."""
        return max(self.counts.values()) / self.answered if self.answered else None

    @property
    def split(self) -> str:
        """The counts in words, e.g. '12 fact, 7 opinion, 1 mixed'."""
        return ", ".join(f"{n} {label}" for label, n in self.counts.items() if n) or "no answers"


def natural_key(item_id: str):
    """'h' < 'p1s2' < 'p2s1' < 'p10s1' (headline first, then numbers in numeric order)."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", item_id) if part]


def label_counts(case, has_key, contents) -> tuple:
    """({sentence id: SentenceResult}, labels ignored, students who labelled) from the fact/opinion answers."""
    # In article order (or, without a case, the ids the students answered).
    if case is not None:
        sentences = {s.id: SentenceResult(s.id, s.text, dict.fromkeys(vocab.LABELS, 0),
                                          s.label if has_key else None, s.rationale if has_key else None,
                                          tuple((a.label, a.why) for a in s.alternatives if a.label) if has_key else ())
                     for s in case.sentences}
    else:
        ids = {item for sub in contents.accepted for item, value in sub.answers(FACT_OPINION).items()
               if isinstance(value, dict) and isinstance(value.get("label"), str) and value["label"] in vocab.LABELS}
        sentences = {i: SentenceResult(i, "", dict.fromkeys(vocab.LABELS, 0)) for i in sorted(ids, key=natural_key)}
    ignored = 0
    labelled_students = set()
    for submission in contents.accepted:
        for item_id, value in submission.answers(FACT_OPINION).items():
            label = value.get("label") if isinstance(value, dict) else None
            result = sentences.get(item_id)
            if result is None or not isinstance(label, str) or label not in result.counts:
                ignored += 1
                continue
            result.counts[label] += 1
            labelled_students.add(submission.student_key)
    return sentences, ignored, labelled_students
