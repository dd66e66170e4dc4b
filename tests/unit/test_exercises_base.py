"""The protocol every exercise shares: items, answer, check, score, feedback; saving, restoring, errors, repr."""
import json
from pathlib import Path

import ipywidgets as ipw

from widgets.exercises.exit_ticket import ExitTicket
import pytest
import traitlets

from widgets.core import storage
from widgets.exercises.actors import ActorTagger
from widgets.exercises.base import Exercise
from widgets.core.errors import AnswerError
from widgets.exercises.span_picker import SpanPicker
from widgets.core.grading.registry import REGISTRY
from widgets.core.grading.results import Grade
from widgets.core.grading.spans import normalise_marks, normalise_phrase, overlap_ratio, tokenize
from widgets.core.text import shorten_middle
from widgets.exercises.claims import ClaimMarker
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.core.case import Case
from widgets.core.loading import load_case

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(path.parent for path in (ROOT / "seeds").glob("*/meta.yaml"))


# One right answer per exercise for its first item, and how to build the widget.
BUILDERS = {
    "fact_opinion": (lambda case, **kw: FactOpinionSorter(case, **kw), "h", {"label": "mixed", "sourcing": "none"}),
    "actors": (lambda case, **kw: ActorTagger(case, sentences=["p1s1", "p1s2"], **kw), "p1s1",
               [{"start": 25, "end": 34, "kind": "government"}, {"start": 39, "end": 48, "kind": "government"}]),
    "claims": (lambda case, **kw: ClaimMarker(case, sentences=["p1s1", "p1s2"], **kw), "p1s1",
               [{"start": 49, "end": 95, "sourcing": "named"}]),
    "verdicts": (lambda case, **kw: ClaimMarker(case, mode="verdict", **kw), "c1", "supported"),
    "responses": (lambda case, **kw: FreeResponse(case, "first_impression", "Your first impression?", **kw),
                  "first_impression", "It sounds angry."),
    "exit_tickets": (lambda case, **kw: ExitTicket(case, "record", **kw), "x2a", "A fact mixed with a judgement"),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_protocol_members(case, name):
    build, item, value = BUILDERS[name]
    widget = build(case, student="Ada")
    assert isinstance(widget, ipw.VBox) and isinstance(widget, Exercise)
    assert widget.exercise == name
    assert item in widget.items
    assert isinstance(widget.feedback, ipw.HTML)
    assert widget.score()[0] == 0
    widget.answer(item, value)
    grade = widget.check()
    assert isinstance(grade, Grade) and grade.correct >= 1 and grade.items[item].correct is True
    assert widget.score() == (grade.correct, grade.total)
    assert "Score" in widget.feedback.value or "Saved" in widget.feedback.value


@pytest.mark.parametrize("name", BUILDERS)
def test_answer_is_saved_at_once_and_restored_in_a_new_instance(case, work, name):
    build, item, value = BUILDERS[name]
    build(case, student="Ada").answer(item, value)
    data = json.loads((work / f"{storage.student_slug('Ada')}__case-min.json").read_text())
    assert data["exercises"][name]["answers"][item] == value
    again = build(case, student="Ada")
    assert again.answers[item] == value
    assert "Restored 1 saved answer" in again.status.value
    assert again.score()[0] >= 1
    assert build(case, student="Bob").answers == {}


@pytest.mark.parametrize("name", BUILDERS)
def test_corrupt_file_is_kept_aside_and_the_widget_says_so(case, work, name):
    build, item, value = BUILDERS[name]
    (work / f"{storage.student_slug('Ada')}__case-min.json").write_text("{ half a file")
    widget = build(case, student="Ada")
    assert "could not be used" in widget.status.value and "clean sheet" in widget.status.value
    kept = list(work.glob(f"{storage.student_slug('Ada')}__case-min.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{ half a file"
    assert kept[0].name in widget.status.value
    assert widget.answers == {}
    widget.answer(item, value)
    assert kept[0].read_text() == "{ half a file"


@pytest.mark.parametrize("name", BUILDERS)
def test_repr_is_friendly_short_text(case, name):
    build, _, _ = BUILDERS[name]
    widget = build(case, student="Ada")
    text = widget._repr_mimebundle_()["text/plain"]
    assert "Run this cell" in text and len(text) <= 110 and "0x" not in text
    assert text.split(":")[0] in {"FactOpinionSorter", "ActorTagger", "ClaimMarker", "Exit ticket"} \
        or text.startswith("FreeResponse")


def test_default_student_comes_from_set_student(case, work):
    assert FactOpinionSorter(case).student == "anonymous"
    storage.set_student("Grace")
    sorter = FactOpinionSorter(case)
    assert sorter.student == "Grace"
    sorter.answer("h", {"label": "fact", "sourcing": "none"})
    assert (work / f"{storage.student_slug('Grace')}__case-min.json").exists()


def test_unknown_item_and_bad_value_raise_clear_errors_and_lose_nothing(case, work):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.answer("h", {"label": "fact", "sourcing": "none"})
    with pytest.raises(AnswerError, match="not one of"):
        sorter.answer("p9s9", {"label": "fact", "sourcing": "none"})
    with pytest.raises(AnswerError, match="Choose a label"):
        sorter.answer("p1s1", {"label": "true", "sourcing": "none"})
    with pytest.raises(AnswerError, match="already answered"):
        sorter.answer("h", {"label": "opinion", "sourcing": "none"})
    assert sorter.answers == {"h": {"label": "fact", "sourcing": "none"}}
    assert FactOpinionSorter(case, student="Ada").answers == {"h": {"label": "fact", "sourcing": "none"}}


def test_bad_student_name_empty_case_and_bad_position_are_refused(case):
    with pytest.raises(ValueError, match="cannot be empty"):
        FactOpinionSorter(case, student="  ")
    no_claims = Case(id="x", title="x", meta={}, sentences=case.sentences)
    with pytest.raises(ValueError, match="no claims"):
        ClaimMarker(no_claims, mode="verdict")
    sorter = FactOpinionSorter(case, student="Ada")
    with pytest.raises(traitlets.TraitError, match="position"):
        sorter.position = 4


def test_unknown_sentence_selection_is_refused(case):
    with pytest.raises(ValueError, match="Unknown sentence id"):
        FactOpinionSorter(case, sentences=["nope"])
    with pytest.raises(ValueError, match="Unknown claim id"):
        ClaimMarker(case, mode="verdict", claims=["c99"])
    with pytest.raises(ValueError, match="mode"):
        ClaimMarker(case, mode="grade")


def test_errors_in_callbacks_are_shown_in_the_widget(case, monkeypatch):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.check_button.click()  # nothing chosen: a friendly message, no exception
    assert "Choose a label" in sorter.problem.value and 'role="alert"' in sorter.problem.value

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sorter, "_value_from_controls", broken)
    sorter.check_button.click()
    assert "Something went wrong" in sorter.problem.value and "disk on fire" in sorter.problem.value
    assert "Details" in sorter.problem.value


def test_save_failure_is_reported_and_answer_kept(case, monkeypatch):
    sorter = FactOpinionSorter(case, student="Ada")

    def full_disk(*args, **kwargs):
        raise storage.StorageError("Could not save to x: No space left on device")

    monkeypatch.setattr(sorter._work, "record", full_disk)
    sorter.label_choice.value, sorter.sourcing_choice.value = "fact", "none"
    sorter.check_button.click()
    assert "Could not save" in sorter.status.value
    assert sorter.answers["h"]["label"] == "fact"
    assert "Why the key says" in sorter.feedback.value


def test_navigation_buttons_and_position_label(case):
    sorter = FactOpinionSorter(case, student="Ada")
    assert "Sentence 1 of 4" in sorter.where.value and sorter.previous_button.disabled
    sorter.next_button.click()
    sorter.next_button.click()
    assert "Sentence 3 of 4" in sorter.where.value and sorter.current_item == "p1s2"
    sorter.position = 3
    assert sorter.next_button.disabled
    sorter.previous_button.click()
    assert sorter.current_item == "p1s2"


def test_answer_on_another_item_moves_there_and_shows_its_feedback(case):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.answer("p2s1", {"label": "opinion", "sourcing": "unattributed"})
    assert sorter.current_item == "p2s1"
    assert "A guess about what unnamed critics will say" in sorter.feedback.value
    assert sorter.check_button.disabled and sorter.label_choice.disabled


def test_every_control_has_a_description_or_tooltip(case):
    for name, (build, _, _) in BUILDERS.items():
        widget = build(case, student="Ada")
        pending = list(widget.children)
        while pending:
            child = pending.pop()
            pending.extend(getattr(child, "children", ()))
            if isinstance(child, (ipw.Button, ipw.ToggleButton, ipw.Dropdown, ipw.RadioButtons, ipw.Checkbox,
                                  ipw.Textarea)):
                assert child.description or child.tooltip, (name, child)


def test_registry_names_every_exercise_and_grades_purely(case):
    assert set(REGISTRY) == set(BUILDERS)
    for name, (_, item, value) in BUILDERS.items():
        grade = REGISTRY[name](case, {item: value})
        assert grade.items[item].correct is True


def test_graders_survive_unreadable_saved_answers(case):
    assert REGISTRY["fact_opinion"](case, {"h": "fact"}).items["h"].status == "wrong"
    assert REGISTRY["actors"](case, {"p1s1": [{"start": 5}]}).items["p1s1"].correct is False
    assert REGISTRY["claims"](case, {"p1s1": "x"}).items["p1s1"].correct is False
    assert REGISTRY["verdicts"](case, {"c1": 3}).items["c1"].correct is False
    assert REGISTRY["responses"](case, {"a": 3}).correct == 0


def test_tokenize_strips_edge_punctuation_but_keeps_abbreviations():
    text = "Biden said it would be “devastating,” U.S. officials said."
    assert [text[s:e] for s, e in tokenize(text)] == [
        "Biden", "said", "it", "would", "be", "devastating", "U.S.", "officials", "said"]


def test_long_phrases_show_both_ends():
    phrase = "Biden Administration ‘Effort’ To Get Chinese Help With Russia"
    assert shorten_middle(phrase, 44) == "Biden Administration … Help With Russia"
    assert shorten_middle("short", 44) == "short"


def test_overlap_ratio_and_phrase_normalising():
    assert overlap_ratio((0, 4), (0, 4)) == 1.0
    assert overlap_ratio((0, 4), (4, 8)) == 0.0
    assert overlap_ratio((0, 9), (4, 9)) == pytest.approx(5 / 9)
    assert normalise_phrase("The Times’") == "times"
    assert normalise_phrase("Biden’s") == "biden"


def test_normalise_marks_refuses_bad_marks():
    with pytest.raises(ValueError, match="overlap"):
        normalise_marks("abcdef", [{"start": 0, "end": 3, "kind": "person"}, {"start": 2, "end": 4, "kind": "person"}],
                        "kind", ("person",))
    with pytest.raises(ValueError, match="0 <= start < end"):
        normalise_marks("abc", [{"start": 0, "end": 9, "kind": "person"}], "kind", ("person",))
    with pytest.raises(ValueError, match="choose a kind"):
        normalise_marks("abc", [{"start": 0, "end": 2, "kind": "alien"}], "kind", ("person",))
    with pytest.raises(ValueError, match="list"):
        normalise_marks("abc", "0-2", "kind", ("person",))


def test_span_picker_groups_adjacent_words_and_reuses_buttons():
    picker = SpanPicker("kind", ("person", "group"))
    picker.set_sentence("Chinese President Xi Jinping met Putin today.")
    pool = list(picker._buttons)
    picker.select_words(1, 2, 3, 5)
    assert [picker.text[s:e] for s, e in picker.phrases()] == ["President Xi Jinping", "Putin"]
    assert picker.value[0]["kind"] is None and picker._buttons[1].description == "✓ President"
    picker.phrase_dropdowns()[1].value = "person"
    picker.select_words(1)  # unmark a word: the phrase shrinks, the other keeps its choice
    assert [m["kind"] for m in picker.value] == [None, "person"]
    picker.phrase_dropdowns()[0].value = "group"
    picker.select_words(1)  # "President Xi Jinping" again: the grown phrase keeps the kind chosen for "Xi Jinping"
    assert picker.value[0] == {"start": 8, "end": 28, "kind": "group"}
    picker.set_sentence("Short one.", [{"start": 0, "end": 5, "kind": "group"}], disabled=True)
    assert picker._buttons[:len(pool)] == pool and len(picker.word_box.children) == 2
    assert picker.value == [{"start": 0, "end": 5, "kind": "group"}]
    assert picker._buttons[0].disabled and picker.phrase_dropdowns()[0].disabled


@pytest.mark.parametrize("folder", SEEDS, ids=[path.name for path in SEEDS])
def test_every_widget_runs_on_every_seed_case(folder):
    case = load_case(folder)
    for exercise in (FactOpinionSorter(case), ActorTagger(case), ClaimMarker(case),
                     ClaimMarker(case, mode="verdict"), FreeResponse(case, "q", "Why?")):
        for _ in exercise.items:
            exercise.next_button.click()
        assert exercise.problem.value == ""
        assert exercise.check().total >= 1
