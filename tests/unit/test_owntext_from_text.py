"""case_from_text: a keyless case from any text, and one clear error (TextError, a CaseError) for text it cannot use."""
import re
from pathlib import Path

import pytest

from widgets.views.article import render_article_html
from widgets.core.case import Case
from widgets.core.loading import CaseError
from widgets.core.owntext.from_text import (MAX_TEXT_CHARS, TextError, case_from_text, detect_headline,
                                       make_case_id)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "biden-china-2022"
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 1">'


def assert_well_formed(case):
    """Every sentence is an exact piece of the article, ids are unique and well formed, and there is no key."""
    assert isinstance(case, Case)
    ids = [s.id for s in case.sentences]
    assert len(set(ids)) == len(ids)
    position = 0
    for sentence in case.sentences:
        assert re.fullmatch(r"h|p\d+s\d+", sentence.id)
        assert sentence.text and sentence.text == sentence.text.strip()
        found = case.article.find(sentence.text, position)
        assert found >= 0, sentence.id
        position = found + len(sentence.text)
        assert (sentence.label, sentence.sourcing, sentence.rationale) == (None, None, None)
    assert case.actors == case.claims == case.framing == case.sources == case.timeline == ()
    assert not case.has_key


# --- the seed article and ordinary text --------------------------------------------------------------------------

def test_seed_article_gives_headline_and_ids_like_the_key():
    case = case_from_text((SEED / "article.txt").read_bytes(), url="https://example.org/a")
    assert_well_formed(case)
    assert case.sentences[0].id == "h" and case.sentences[0].paragraph == 0
    assert case.title == case.sentences[0].text
    assert [s.id for s in case.sentences[:4]] == ["h", "p1s1", "p1s2", "p1s3"]
    assert case.meta["url"] == "https://example.org/a" and case.meta["id"] == case.id


def test_same_text_same_id_and_other_text_other_id():
    text = "A short headline\n\nOne sentence. Two sentences."
    assert case_from_text(text).id == case_from_text(text).id
    assert case_from_text(text).id != case_from_text(text + " Three.").id
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", make_case_id("Übermäßig — ‘Effort’ 北京", "x"))


def test_title_is_added_when_the_text_lacks_it():
    case = case_from_text("It rained. Nobody came.", title="  Rain  stops\nplay ")
    assert case.article.startswith("Rain stops play\n\n")
    assert [(s.id, s.text) for s in case.sentences] == [("h", "Rain stops play"), ("p1s1", "It rained."),
                                                        ("p1s2", "Nobody came.")]


def test_title_equal_to_the_first_line_is_not_repeated():
    case = case_from_text("Rain Stops Play\n\nIt rained.", title="rain stops play")
    assert case.article.count("Rain Stops Play") == 1 and case.sentences[1].text == "It rained."


def test_first_line_ending_like_a_sentence_is_not_a_headline():
    case = case_from_text("It rained all day.\nNobody came to the match.")
    assert case.sentences[0].id == "p1s1" and case.title == "It rained all day."
    assert detect_headline("Rain stops play\nIt rained.") == "Rain stops play"
    assert detect_headline("Is this a question?\nYes.") == "Is this a question?"
    assert detect_headline("Only one line") is None


# --- hostile and odd input: a working case ---------------------------------------------------------------------

def test_html_and_script_tags_are_kept_as_text_and_escaped_when_shown():
    text = f"Headline {SCRIPT}\n\nBody with {IMG} inside. <b>Bold</b> claim."
    case = case_from_text(text)
    assert_well_formed(case)
    assert SCRIPT in case.sentences[0].text and IMG in case.article
    page = render_article_html(case)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_markdown_headings_lists_rules_and_emphasis():
    text = "# The **Headline**\n\nSome *text* here. More.\n\n- item one\n- item two\n\n---\n\n> a quote."
    case = case_from_text(text)
    assert_well_formed(case)
    assert case.title == "The Headline"
    assert [s.text for s in case.sentences] == ["The Headline", "Some *text* here.", "More.", "item one",
                                                "item two", "a quote."]
    assert [s.paragraph for s in case.sentences] == [0, 1, 1, 2, 2, 3]
    assert "---" not in case.article and "# " not in case.article


def test_right_to_left_and_mixed_scripts():
    text = "עדכון חדשות\n\nהשר אמר כי המצב קשה. The minister met Putin. 北京说了。Далее текст."
    case = case_from_text(text)
    assert_well_formed(case)
    assert case.title == "עדכון חדשות"
    assert [s.text for s in case.sentences[1:]] == ["השר אמר כי המצב קשה.", "The minister met Putin.",
                                                    "北京说了。", "Далее текст."]


def test_no_sentence_punctuation():
    case = case_from_text("no capitals no stops just words " * 20)
    assert_well_formed(case)
    assert len(case.sentences) == 1 and case.sentences[0].id == "p1s1"


def test_very_long_words():
    word = "A" + "b" * 100_000
    case = case_from_text(f"Headline\n\n{word} ends here.")
    assert_well_formed(case)
    assert "".join(s.text for s in case.sentences[1:]).replace(" ", "") == f"{word}endshere."


def test_a_one_megabyte_article():
    paragraph = ("The minister said on Feb. 3 that talks with the U.S. had stalled, reportedly over 3.5 percent "
                 "of $1.2 billion. Critics say it was “yet another” delay. ") * 4
    text = "A long headline\n\n" + "\n\n".join([paragraph] * (1_000_000 // len(paragraph) + 1))
    assert len(text.encode("utf-8")) > 1_000_000
    case = case_from_text(text)
    assert_well_formed(case)
    assert len(case.sentences) > 10_000


def test_utf8_bytes_with_byte_order_mark_and_windows_line_endings():
    case = case_from_text("\ufeffHeadline\r\n\r\nFirst. Second.\r\n".encode("utf-8"))
    assert case.article == "Headline\n\nFirst. Second."
    assert [s.text for s in case.sentences] == ["Headline", "First.", "Second."]


# --- hostile and odd input: one clear error ----------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("   \n\t\n  ", "empty"),
    (b"", "empty"),
    ("--- *** ...\n\n!!!", "no words"),
    ("abc\x00def", "NUL character at offset 3"),
    ("bad \udcff surrogate", "offset 4"),
    (None, "not NoneType"),
    (12, "not int"),
])
def test_unusable_text_gets_one_clear_error(text, words):
    with pytest.raises(TextError) as caught:
        case_from_text(text)
    assert words in str(caught.value)
    assert isinstance(caught.value, CaseError) and caught.value.problems


def test_non_utf8_bytes_name_the_byte_and_offset():
    data = "Headline\n\nCafé".encode("latin-1")
    with pytest.raises(TextError, match=r"not UTF-8: byte 0xe9 at byte offset 13"):
        case_from_text(data)


def test_too_long_text_is_refused_with_the_limit():
    with pytest.raises(TextError, match=f"limit is {MAX_TEXT_CHARS:,}"):
        case_from_text("word " * (MAX_TEXT_CHARS // 5 + 1))


@pytest.mark.parametrize("kwargs, words", [
    ({"title": "   "}, "title is empty"),
    ({"title": 5}, "title must be text"),
    ({"url": 5}, "url must be text"),
    ({"case_id": "Not A Slug"}, "lower-case letters"),
])
def test_bad_arguments_get_clear_errors(kwargs, words):
    with pytest.raises(TextError, match=words):
        case_from_text("Headline\n\nText.", **kwargs)


def test_exported_from_the_package():
    import widgets
    assert widgets.case_from_text is case_from_text
