"""Sentence and paragraph splitting for case_from_text: abbreviations, quotations, numbers, ellipses, scripts, speed."""
import time
from pathlib import Path

import pytest

from widgets.core.loading import load_case
from widgets.core.owntext.from_text import case_from_text
from widgets.core.owntext.splitting import (MAX_SENTENCE_CHARS, paragraph_spans, sentence_spans, split_sentences)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "biden-china-2022"


@pytest.mark.parametrize("text, expected", [
    ("He met Mr. Smith on Feb. 24 in the U.S. The talks failed.",
     ["He met Mr. Smith on Feb. 24 in the U.S.", "The talks failed."]),
    ("U.S. officials said growth was 3.5 percent. It cost $1.2 billion.",
     ["U.S. officials said growth was 3.5 percent.", "It cost $1.2 billion."]),
    ("Gen. Milley met Sen. Rubio and Dr. No. Then they left.",
     ["Gen. Milley met Sen. Rubio and Dr. No.", "Then they left."]),
    ("John F. Kennedy spoke. Then J. R. R. Tolkien wrote.", ["John F. Kennedy spoke.", "Then J. R. R. Tolkien wrote."]),
    ("The company, Acme Inc., grew. Acme Inc. The end.", ["The company, Acme Inc., grew.", "Acme Inc.", "The end."]),
])
def test_abbreviations_initials_and_numbers(text, expected):
    assert split_sentences(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a closing quote after the full stop belongs to the sentence
    ("Biden said it would be “devastating.” Others disagreed.", ["Biden said it would be “devastating.”",
                                                                   "Others disagreed."]),
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    # a question inside a quotation followed by "she asked" is one sentence
    ("“Why?” she asked. “Because,” he said.", ["“Why?” she asked.", "“Because,” he said."]),
    ("(It was late.) Nobody came.", ["(It was late.)", "Nobody came."]),
])
def test_quotations(text, expected):
    assert split_sentences(text) == expected


def test_ellipses():
    assert split_sentences("Wait... what? Yes… Then more. And so on ... and on.") == [
        "Wait... what?", "Yes…", "Then more.", "And so on ... and on."]


def test_other_scripts():
    assert split_sentences("北京。上海！好吗？") == ["北京。", "上海！", "好吗？"]
    assert split_sentences("هل هذا صحيح؟ نعم. شكرا.") == ["هل هذا صحيح؟", "نعم.", "شكرا."]
    assert split_sentences("שלום עולם. English here. Mixed שלום.") == ["שלום עולם.", "English here.",
                                                                       "Mixed שלום."]


def test_spans_are_exact_offsets():
    text = "  First one.  Second one?\n\n\nThird!  "
    paragraphs = paragraph_spans(text)
    assert [text[s:e] for s, e in paragraphs] == ["First one.  Second one?", "Third!"]
    start, end = paragraphs[0]
    assert [text[s:e] for s, e in sentence_spans(text, start, end)] == ["First one.", "Second one?"]


def test_no_blank_lines_means_one_paragraph_per_line():
    text = "First paragraph here.\nSecond paragraph here.\nThird."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First paragraph here.", "Second paragraph here.",
                                                             "Third."]


def test_soft_line_breaks_inside_a_paragraph_are_kept():
    text = "A sentence that wraps\nonto a second line. Another.\n\nNext paragraph."
    assert split_sentences(text) == ["A sentence that wraps\nonto a second line.", "Another.", "Next paragraph."]


def test_markdown_markers_are_left_out_of_sentences():
    text = "# Heading\n\n- item one\n- item two.\n1. numbered\n> quoted"
    assert split_sentences(text) == ["Heading", "item one", "item two.", "numbered", "quoted"]


def test_no_punctuation_gives_one_sentence_per_line():
    assert split_sentences("a list\nof lines\nwithout stops") == ["a list", "of lines", "without stops"]


def test_overlong_sentences_are_cut_at_spaces():
    words = "word " * 1000
    pieces = split_sentences(words)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)
    assert " ".join(pieces).split() == words.split()


def test_a_very_long_word_is_cut_hard():
    word = "x" * (MAX_SENTENCE_CHARS * 3 + 5)
    pieces = split_sentences(word)
    assert "".join(pieces) == word and max(map(len, pieces)) == MAX_SENTENCE_CHARS


@pytest.mark.parametrize("make", [
    lambda n: "a." * n,                 # a pathological run of dots and letters, no spaces
    lambda n: "U.S. " * (n // 5),       # many abbreviations
    lambda n: "x" * n + ".",            # one very long word
    lambda n: ". " * (n // 2),          # punctuation only
    lambda n: "“" * n,                  # unbalanced quotes
])
def test_splitting_is_linear(make):
    """Eight times the input should take about eight times as long, far from the 64 times of a quadratic (or worse,
    backtracking) splitter, which would take minutes on 200,000 characters. Best of three runs each; the margin is
    wide (and 5 s at least) so that a busy machine does not fail the test."""
    def timed(n):
        text = make(n)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            split_sentences(text)
            best = min(best, time.perf_counter() - started)
        return best
    small, large = timed(25_000), timed(200_000)
    assert large < max(small * 40, 5.0), (small, large)


def test_seed_article_split_matches_the_key():
    """The splitter reproduces the seed key's 17 sentences and paragraphs exactly."""
    key = load_case(SEED)
    built = case_from_text((SEED / "article.txt").read_bytes())
    assert [(s.id, s.paragraph, s.text) for s in built.sentences] == \
        [(s.id, s.paragraph, s.text) for s in key.sentences]
    assert built.article == key.article.strip()
