"""Charts: palette colours, hatches (colour is not the only cue), text alternatives, <img alt>."""

import pytest
from matplotlib.figure import Figure

from widgets import charts, palette
from widgets.case import Case, Sentence
from widgets.exercises.fact_opinion import FactOpinionSorter



def bar_styles(chart):
    patches = [p for p in chart.figure.axes[0].patches]
    return {(p.get_facecolor()[:3], p.get_hatch()) for p in patches}


def test_labels_by_paragraph(case):
    chart = charts.labels_by_paragraph_chart(case)
    figure, alt = chart   # a (figure, alt_text) pair
    assert isinstance(figure, Figure)
    assert alt.startswith("Bar chart of the key's labels by paragraph (4 sentences: 1 fact, 1 opinion, 2 mixed)")
    assert "Headline: 1 mixed; paragraph 1: 1 fact, 1 mixed; paragraph 2: 1 opinion." in alt
    styles = bar_styles(chart)
    assert len({hatch for _, hatch in styles}) == 3   # three labels, three hatches


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
    with pytest.raises(ValueError, match="answer something first"):
        charts.progress_chart({})


def test_html_has_png_with_alt_text_and_repr_is_the_text(case):
    chart = charts.sourcing_chart(case)
    page = chart.html()
    assert page.count("<img ") == 1 and 'src="data:image/png;base64,iVBOR' in page
    assert f'alt="{chart.alt_text}"' in page and "Chart as text" in page
    assert repr(chart) == chart.alt_text and chart._repr_html_().startswith("<figure")
    assert chart.widget().value == page


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
    used = {colour for chart in profile for colour, _ in bar_styles(chart)}
    okabe = {tuple(int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)) for h in palette.OKABE_ITO.values()}
    grey = {tuple(int("BB", 16) / 255 for _ in range(3))}
    assert used <= okabe | grey
