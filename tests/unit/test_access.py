"""Keyboard and screen readers without a browser (issue 24): colours of text and marks meet 4.5:1, every top-level
view carries the keyboard layer once, and what changes is marked to be read out. The page itself is tested in
tests/browser/test_access_browser.py."""
import pytest

from widgets.core import palette

BACKGROUNDS = ("#ffffff", "#fff8e6", "#eef3f8", "#f5f5f5")   # page, report prompt, report header, JupyterLab grey


def test_contrast_ratio_matches_wcag_reference_values():
    assert palette.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert palette.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


@pytest.mark.parametrize("name", sorted(palette.TEXT_SHADES))
def test_every_text_shade_reads_at_4_5_to_1(name):
    for background in BACKGROUNDS:
        assert palette.contrast_ratio(palette.TEXT_SHADES[name], background) >= 4.5, (name, background)


@pytest.mark.parametrize("status", sorted(palette.FEEDBACK_MARKS))
def test_feedback_marks_read_at_4_5_to_1(status):
    _symbol, _word, colour = palette.FEEDBACK_MARKS[status]
    assert palette.contrast_ratio(colour, "#ffffff") >= 4.5


def test_text_shades_reach_the_stylesheet_and_the_alert_uses_one():
    from widgets.core import render
    sheet = render.stylesheet()
    assert "--fprl-text-vermillion:#B75000" in sheet
    assert ".fprl-alert{color: var(--fprl-text-vermillion);}" in sheet


def test_every_top_level_view_holds_the_keyboard_layer_once(tmp_path, monkeypatch):
    from widgets import FactOpinionSorter, seed_case
    from widgets.lesson import NameBox, PathChoice, WarmUp
    from widgets.views.access import AccessLayer
    from widgets.core.seeds import seed_path

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    case = seed_case("biden-china-2022")
    views = (FactOpinionSorter(case, student="Ada", sentences=["p1s1"]), PathChoice(), NameBox(),
             WarmUp(seed_path("warmup", "statements.yaml")))
    for view in views:
        assert [type(child).__name__ for child in view.children].count("AccessLayer") == 1, type(view).__name__
    assert repr(AccessLayer()) == "AccessLayer()"
    assert AccessLayer()._esm.startswith("//")   # the module's text, sent to the page


def test_an_exercise_marks_what_screen_readers_should_hear(tmp_path, monkeypatch):
    from widgets import FactOpinionSorter, seed_case

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    sorter = FactOpinionSorter(seed_case("biden-china-2022"), student="Ada", sentences=["p1s1", "p1s2"])
    for part in (sorter.feedback, sorter.status, sorter.problem, sorter.where):
        assert "fprl-live" in part._dom_classes
    sorter.answer("p1s1", {"label": "fact", "sourcing": "named"})
    # one persistent live region per view: the status and feedback HTML no longer make regions of their own
    assert 'role="status"' not in sorter.status.value and 'role="alert"' not in sorter.feedback.value
    assert "Saved (1 of 2 answered)" in sorter.status.value
    assert '<h3 class="fprl-title">' in sorter.title.value
