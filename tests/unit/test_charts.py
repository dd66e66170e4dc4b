"""Charts: SVG bars in palette colours with patterns (colour is not the only cue), counts on the bars, text
alternatives as the accessible name and as 'Chart as text', no inline style and no matplotlib."""

import re
import subprocess
import sys

import pytest

from widgets.core import charts, palette
from widgets.core.render import style_element, stylesheet
from widgets.core.text import escape
from widgets.core.case import Case, Sentence
from widgets.exercises.fact_opinion import FactOpinionSorter

SEGMENT = re.compile(r'<g class="fprl-segment" data-series="[^"]+" data-count="(\d+)"><title>([^<]+): (\d+)</title>'
                     r'<rect x="[\d.]+%" y="0" width="[\d.]+%" height="100%" fill="(#[0-9A-Fa-f]{6})"/>'
                     r'(?:<rect [^>]*fill="url\(#([\w-]+)\)"/>)?.*?>(\d+)</text></g>')
BAR = re.compile(r'<svg class="fprl-bar" width="([\d.]+)%"')


def segments(chart):
    """[(series name, count written on the bar, colour, pattern id)] in drawing order, read from the HTML."""
    return [(name, int(shown), colour, pattern) for count, name, titled, colour, pattern, shown
            in SEGMENT.findall(chart.html()) if count == titled == shown]


def bar_styles(chart):
    return {(colour, pattern) for _, _, colour, pattern in segments(chart)}


def test_labels_by_paragraph(case):
    chart = charts.labels_by_paragraph_chart(case)
    alt = chart.alt_text
    assert chart.rows == ("headline", "¶1", "¶2")
    assert alt.startswith("Bar chart of the key's labels by paragraph (4 sentences: 1 fact, 1 opinion, 2 mixed)")
    assert "Headline: 1 mixed; paragraph 1: 1 fact, 1 mixed; paragraph 2: 1 opinion." in alt
    styles = bar_styles(chart)
    assert len({pattern for _, pattern in styles}) == 3   # three labels, three patterns
    assert [(name, count) for name, count, *_ in segments(chart)] == [("mixed", 1), ("fact", 1), ("mixed", 1),
                                                                        ("opinion", 1)]
    assert [float(width) for width in BAR.findall(chart.html())] == [50, 100, 50]   # 1, 2 and 1 sentences


def test_sourcing_of_sentences_and_claims(case):
    assert charts.sourcing_chart(case).alt_text == (
        "Bar chart of sourcing across 4 sentences: 1 named, 1 anonymous, 1 unattributed, 1 none.")
    assert "2 claims: 1 named, 1 anonymous, 0 unattributed, 0 none" in charts.sourcing_chart(case, of="claims").alt_text
    with pytest.raises(ValueError, match="of must be"):
        charts.sourcing_chart(case, of="actors")


def test_actors_by_voice(case):
    chart = charts.actors_chart(case)
    assert "Actors quoted or paraphrased: Unnamed officials." in chart.alt_text
    assert "Government of Northland: 1 mention (1 talked about)" in chart.alt_text
    assert "Example Wire" not in chart.alt_text   # implied, never mentioned
    assert charts.actor_voice_counts(case)["Unnamed officials"] == {"paraphrased": 1}


def test_progress_from_saved_work(case):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.answer("h", {"label": "mixed", "sourcing": "none"})
    sorter.answer("p1s1", {"label": "opinion", "sourcing": "named"})
    grades = charts.progress_grades(case, "Ada")
    assert list(grades) == ["fact_opinion"]
    chart = charts.progress_chart(grades)
    assert chart.alt_text == ("Bar chart of your progress. Fact or opinion: 1 right, 1 partly right or defensible, "
                              "2 not answered yet.")
    colours = {colour for colour, _ in bar_styles(chart)}
    assert len(colours) == 3
    assert [(name, count) for name, count, *_ in segments(chart)] == [
        ("right", 1), ("partly right or defensible", 1), ("not answered yet", 2)]
    with pytest.raises(ValueError, match="answer something first"):
        charts.progress_chart({})


def test_html_is_one_image_for_screen_readers_and_repr_is_the_text(case):
    chart = charts.sourcing_chart(case)
    page = chart.html()
    assert "<img" not in page and "<script" not in page and "<style" not in page and "style=" not in page
    assert page.count('role="img"') == 1 and f'aria-label="{escape(chart.alt_text)}"' in page
    assert f"<summary>Chart as text</summary><p>{escape(chart.alt_text)}</p>" in page
    assert page.count('aria-hidden="true"') == page.count("<svg")    # the SVGs are drawing, the div is the image
    assert "print-color-adjust: exact" in stylesheet()     # colours kept on paper
    # shown on its own, the chart brings the stylesheet that lays it out
    assert repr(chart) == chart.alt_text and chart._repr_html_() == str(style_element()) + page
    assert chart.html() == page                            # same bytes every time (nbval compares text/html)


def test_every_segment_has_its_count_title_and_pattern(case):
    chart = charts.labels_by_paragraph_chart(case)
    page = chart.html()
    drawn = segments(chart)
    assert len(drawn) == page.count('class="fprl-segment"') == sum(1 for count in chart.counts.values() if count)
    for pattern in {pattern for *_, pattern in drawn if pattern}:
        assert f'<pattern id="{pattern}"' in page            # every hatch used is defined in the chart itself
    # the legend shows each series' colour and pattern as well as its name
    legend = page.split('class="fprl-bars-legend"')[1]
    assert all(f">{name}</span>" in legend for name in ("fact", "mixed"))


def test_drawing_charts_imports_no_matplotlib():
    code = ("import sys\nfrom widgets import load_case\nfrom widgets.core.charts import article_profile\n"
            "from widgets.core.storage import KIT_ROOT\n"
            "charts = article_profile(load_case(KIT_ROOT / 'seeds' / 'biden-china-2022'))\n"
            "assert all(c.html() for c in charts)\nprint(sorted(m for m in sys.modules if m.startswith('matplotlib')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_alt_text_is_escaped_in_html():
    evil = Case(id="e", title="t", meta={}, sentences=(Sentence("h", 0, "x", "fact", "none", "r"),))
    chart = charts.labels_by_paragraph_chart(evil)
    chart = chart._replace(alt_text='say "hi" <script>')
    assert "<script>" not in chart.html() and "&lt;script&gt;" in chart.html()


def test_keyless_case_has_no_profile():
    keyless = Case(id="k", title="t", meta={}, sentences=(Sentence("h", 0, "x"),))
    with pytest.raises(ValueError, match="no answer key"):
        charts.labels_by_paragraph_chart(keyless)


def test_profile_uses_the_palette(case):
    profile = charts.article_profile(case)
    assert len(profile) == 3
    used = {colour.upper() for chart in profile for colour, _ in bar_styles(chart)}
    assert used <= set(palette.OKABE_ITO.values()) | {"#BBBBBB"}
    assert len(used) >= 4
