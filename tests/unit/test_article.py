"""The article view: escaped text, highlights (also overlapping), legend, toggles."""
from pathlib import Path

import pytest

from widgets.views.article import ArticleView, highlight_sentence, render_article_html, Span
from widgets.core.case import Actor, Case, Claim, Framing, Mention, Sentence
from widgets.core.loading import load_case
from widgets.core.palette import HIGHLIGHTS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "case_min"
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def case():
    return load_case(FIXTURE)


def evil_case():
    headline = f"Head {SCRIPT}"
    body = f"Ann said {IMG} today."
    return Case(
        id="evil", title=headline, meta={"language": "en"},
        sentences=(Sentence("h", 0, headline, "opinion", "none", f"why {SCRIPT}"),
                   Sentence("p1s1", 1, body, "fact", "named", f"because {IMG}")),
        actors=(Actor("ann", f"Ann {SCRIPT}", "person", (), f"role {IMG}", False,
                      (Mention("p1s1", 0, 3, "Ann", "quoted"),)),),
        claims=(Claim("c1", "p1s1", 4, len(body) - 1, body[4:-1], "named", "supported", f"note {SCRIPT}"),),
        framing=(Framing("f1", "h", 5, len(headline), headline[5:], "loaded-word", "x"),))


def test_text_is_escaped_never_markup():
    page = render_article_html(evil_case())
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    # names from the key go into title attributes, escaped too
    assert 'title="actor: Ann &lt;script&gt;' in page


def test_headline_paragraphs_and_sentence_order(case):
    page = render_article_html(case, highlight=())
    assert page.index("<h3") < page.index("The foreign ministers") < page.index("Officials said") \
        < page.index("Critics will surely")
    assert page.count("<p ") == 2  # two body paragraphs
    assert "Key to the highlights" not in page  # no legend without highlights
    assert "&#x27;" in page or "‘Agree’" in page


def test_each_kind_has_style_marker_and_legend(case):
    page = render_article_html(case)
    for kind, style in HIGHLIGHTS.items():
        assert f"fprl-hl-{kind}" in page
        assert style.cue in page and f">{style.marker}</sup>" in page
    assert "Key to the highlights" in page


def test_highlight_subset_and_unknown_kind(case):
    page = render_article_html(case, highlight=("claims",))
    assert "fprl-hl-claims" in page and "fprl-hl-actors" not in page and "fprl-hl-framing" not in page
    with pytest.raises(ValueError, match="Unknown highlight kind"):
        render_article_html(case, highlight=("adverbs",))


def test_sentence_ids_restrict_the_text(case):
    page = render_article_html(case, sentence_ids=["p1s2"])
    assert ">Officials</span>" in page and "foreign ministers" not in page and "<h3" not in page
    with pytest.raises(ValueError, match="Unknown sentence"):
        render_article_html(case, sentence_ids=["p9s9"])


def test_overlapping_spans_are_split_into_segments():
    text = "Big Country signed it"
    spans = [Span("claims", 0, 18, "claim"), Span("actors", 4, 11, "actor: Country"),
             Span("framing", 0, 3, "framing device: loaded-word")]
    page = highlight_sentence(text, spans)
    assert page.count("fprl-hl-claims") == 4   # "Big", " ", "Country", " signed"
    assert 'class="fprl-hl-actors fprl-hl-claims"' in page
    assert 'class="fprl-hl-claims fprl-hl-framing"' in page
    # markers follow the end of each span, in text order
    assert page.index(">F</sup>") < page.index(">A</sup>") < page.index(">C</sup>")
    assert page.endswith(" it")


def test_crossing_spans_and_clipping():
    page = highlight_sentence("abcdef", [Span("claims", 0, 4, "claim"), Span("actors", 2, 99, "actor: x")])
    assert page.count(">C</sup>") == 1 and page.count(">A</sup>") == 1
    assert 'class="fprl-hl-actors fprl-hl-claims"' in page


def test_article_view_toggles(case):
    view = ArticleView(case, highlight=("actors",))
    assert set(view.toggles) == {"actors", "claims", "framing"}
    assert view.highlight == ("actors",)
    assert "fprl-hl-actors" in view.html.value and "fprl-hl-claims" not in view.html.value
    view.toggles["claims"].value = True
    assert "fprl-hl-claims" in view.html.value
    view.toggles["actors"].value = False
    assert "fprl-hl-actors" not in view.html.value
    assert all(box.description and box.tooltip for box in view.toggles.values())
    assert repr(view).startswith("ArticleView: Ministers") and "Run this cell" in repr(view)


def test_article_view_paragraphs(case):
    view = ArticleView(case, paragraphs=[2])
    assert "Critics" in view.html.value and "Officials" not in view.html.value
    with pytest.raises(ValueError, match="paragraph"):
        ArticleView(case, paragraphs=[7])


def test_article_view_escapes():
    view = ArticleView(evil_case())
    assert "<script" not in view.html.value and "<img" not in view.html.value


def test_a_failing_toggle_is_shown_in_the_view_not_raised(case, monkeypatch):
    view = ArticleView(case)
    monkeypatch.setattr(view, "_render", lambda: 1 / 0)
    next(iter(view.toggles.values())).value = False   # as a student unticking a box
    assert "Something went wrong: ZeroDivisionError" in view.html.value
