"""FreeResponse: saved on every change, restored, counted when not empty."""
import json

import pytest

from widgets.core import storage

from widgets.exercises.responses import FreeResponse
from widgets.core.grading.responses import grade_responses



def test_typing_saves_at_once_and_restores(case, work):
    box = FreeResponse(case, "headline", "Rewrite the headline.", student="Ada")
    box.text.value = "Ministers sign"
    box.text.value = "Ministers sign river treaty"
    saved = json.loads((work / f"{storage.student_slug('Ada')}__case-min.json").read_text())
    assert saved["exercises"]["responses"]["answers"] == {"headline": "Ministers sign river treaty"}
    again = FreeResponse(case, "headline", "Rewrite the headline.", student="Ada")
    assert again.text.value == "Ministers sign river treaty"
    assert "Restored 1 saved answer" in again.status.value


def test_two_prompts_share_the_file_without_clobbering(case):
    first = FreeResponse(case, "first", "First impression?", student="Ada")
    second = FreeResponse(case, "last", "Reflection?", student="Ada")
    first.text.value = "angry"
    second.text.value = "calmer now"
    first.text.value = "angry headline"
    assert FreeResponse(case, "last", "Reflection?", student="Ada").text.value == "calmer now"
    assert FreeResponse(case, "first", "First impression?", student="Ada").text.value == "angry headline"


def test_check_counts_non_empty_answers(case):
    box = FreeResponse(case, "first", "First impression?", student="Ada")
    assert box.check().correct == 0 and "Nothing written yet" in box.feedback.value
    box.text.value = "   "
    assert box.score() == (0, 1)
    box.text.value = "It reads like an opinion piece."
    assert box.score() == (1, 1) and box.check().items["first"].status == "right" and "no single right answer" in box.feedback.value
    box.check_button.click()  # the Save button saves again without complaint
    assert box.problem.value == ""
    assert grade_responses(case, {"a": "x", "b": ""}).correct == 1


def test_too_long_text_is_refused_in_the_widget_and_the_earlier_text_kept(case):
    box = FreeResponse(case, "first", "First impression?", student="Ada")
    box.text.value = "short"
    box.text.value = "x" * 6000
    assert "under 5000 characters" in box.problem.value
    assert FreeResponse(case, "first", "First impression?", student="Ada").text.value == "short"


def test_prompt_is_escaped_and_key_checked(case):
    box = FreeResponse(case, "q1", "<script>alert(1)</script>?", student="Ada")
    assert "<script" not in box.title.value and "&lt;script&gt;" in box.title.value
    with pytest.raises(ValueError, match="key"):
        FreeResponse(case, "has space", "Q?")
    assert repr(box).startswith("FreeResponse 'q1'")
