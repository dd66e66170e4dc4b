"""Property-based tests (hypothesis) of the span arithmetic in widgets/core/grading/spans.py: overlap, tokenizing and
mark normalisation hold for any text and any spans, not only for the examples in the other tests."""
import pytest

hypothesis = pytest.importorskip("hypothesis")   # in the test extra; skipped in an environment without it
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

settings.register_profile("kit", database=None)   # no .hypothesis folder in the checkout
settings.load_profile("kit")

from widgets.core.grading.spans import best_overlap, normalise_marks, overlap_ratio, tokenize  # noqa: E402

spans = st.tuples(st.integers(0, 200), st.integers(1, 60)).map(lambda p: (p[0], p[0] + p[1]))
texts = st.text(st.sampled_from("ab .,'“”-\u00e9\n"), max_size=80)


@given(spans, spans)
def test_overlap_is_symmetric_bounded_and_one_only_for_the_same_span(a, b):
    ratio = overlap_ratio(a, b)
    assert ratio == overlap_ratio(b, a) and 0.0 <= ratio <= 1.0
    assert (ratio == 1.0) == (a == b)
    assert (ratio == 0.0) == (min(a[1], b[1]) <= max(a[0], b[0]))   # disjoint or only touching


@given(spans, st.lists(spans, max_size=6))
def test_best_overlap_picks_a_candidate_no_other_beats(span, candidates):
    best, ratio = best_overlap(span, candidates, lambda c: c)
    assert ratio == max((overlap_ratio(span, c) for c in candidates), default=0.0)
    assert (best is None) == (ratio == 0.0)


@given(texts)
def test_tokens_are_ordered_disjoint_non_empty_and_hold_no_space(text):
    tokens = tokenize(text)
    for start, end in tokens:
        assert 0 <= start < end <= len(text) and not any(ch.isspace() for ch in text[start:end])
    assert all(a[1] < b[0] for a, b in zip(tokens, tokens[1:]))


@given(texts.filter(lambda t: len(t) > 1), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=5),
       st.randoms())
def test_normalised_marks_are_sorted_disjoint_and_in_the_text_or_refused(text, pairs, rng):
    marks = [{"start": a, "end": b, "kind": rng.choice(["x", "y"])} for a, b in pairs]
    rng.shuffle(marks)
    try:
        cleaned = normalise_marks(text, marks, "kind", ("x", "y"))
    except ValueError:
        return                                        # refused with a message, never half-accepted
    assert sorted(map(tuple, map(dict.values, cleaned))) == sorted(map(tuple, map(dict.values, marks)))
    assert all(0 <= m["start"] < m["end"] <= len(text) for m in cleaned)
    assert all(a["end"] <= b["start"] for a, b in zip(cleaned, cleaned[1:]))
    assert normalise_marks(text, cleaned, "kind", ("x", "y")) == cleaned       # normalising twice changes nothing
