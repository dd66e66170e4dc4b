"""hand_in() and HandInButton: what a student's one click writes, and what it shows."""
import json
import re
from pathlib import Path

import pytest

from widgets.core import schemas, storage

import widgets
from widgets.lesson.class_demo import work_folder
from widgets.classroom.handin import hand_in
from widgets.views.handin import WHAT_NEXT, HandInButton
from widgets.classroom.submission import SCHEMA_NAME, read_submission
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.loading import load_case

CASE_MIN = Path(__file__).resolve().parents[1] / "fixtures" / "case_min"
NAME_PATTERN = re.compile(r"ada-lovelace-[0-9a-f]{10}__case-min__\d{8}T\d{6}Z-[0-9a-f]{8}\.json")


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_MIN)


@pytest.fixture
def work(tmp_path):
    with work_folder(tmp_path / "work") as folder:
        folder.mkdir()
        yield folder


def test_hand_in_packs_exactly_what_the_widget_saved(case, work):
    sorter = FactOpinionSorter(case, student="Ada Lovelace")
    sorter.answer("h", {"label": "mixed", "sourcing": "none"})
    sorter.answer("p2s1", {"label": "fact", "sourcing": "named"})

    path = hand_in(case, student="Ada Lovelace")

    assert path.parent == work / "submissions"
    assert NAME_PATTERN.fullmatch(path.name), path.name
    document = json.loads(path.read_text(encoding="utf-8"))
    schemas.validator(SCHEMA_NAME).validate(document)      # the schema, its references to case and work files inlined
    saved_work = json.loads((work / f"{storage.student_slug('Ada Lovelace')}__case-min.json").read_text(encoding="utf-8"))
    assert document["exercises"] == saved_work["exercises"]
    assert document["exercises"]["fact_opinion"]["answers"] == {
        "h": {"label": "mixed", "sourcing": "none"}, "p2s1": {"label": "fact", "sourcing": "named"}}
    assert set(document["exercises"]["fact_opinion"]["answered_at"]) == {"h", "p2s1"}
    assert (document["format"], document["version"]) == ("fprl-submission", 1)
    assert document["student"] == "Ada Lovelace" and document["case"] == "case-min"
    assert document["kit_version"] == widgets.__version__
    assert document["created"].endswith("+00:00")
    # ... and the report's reader accepts it as it is.
    assert read_submission(path).student_key == storage.student_slug("Ada Lovelace")


def test_second_hand_in_in_the_same_second_gets_a_new_file(case, work):
    FactOpinionSorter(case, student="Ada Lovelace").answer("h", {"label": "fact", "sourcing": "none"})
    paths = {hand_in(case, student="Ada Lovelace") for _ in range(3)}
    assert len(paths) == 3 and all(p.exists() for p in paths)
    assert all(NAME_PATTERN.fullmatch(p.name) for p in paths)


def test_hand_in_uses_the_current_student_by_default(case, work):
    widgets.set_student("Grace Hopper")
    FactOpinionSorter(case).answer("p1s1", {"label": "fact", "sourcing": "named"})
    path = hand_in(case)
    assert path.name.startswith(f"{storage.student_slug('Grace Hopper')}__case-min__")
    assert json.loads(path.read_text())["student"] == "Grace Hopper"


def test_nothing_to_hand_in_is_a_clear_error_and_writes_nothing(case, work):
    with pytest.raises(ValueError, match="No saved answers for Nobody"):
        hand_in(case, student="Nobody")
    assert not (work / "submissions").exists() or not any((work / "submissions").iterdir())


def test_button_shows_the_path_and_what_to_do_next(case, work):
    FactOpinionSorter(case, student="Ada Lovelace").answer("h", {"label": "fact", "sourcing": "none"})
    button = HandInButton(case, student="Ada Lovelace")
    assert button.last_path is None and button.status.value == ""
    button.click()
    assert button.last_path is not None and button.last_path.exists()
    assert "Handed in." in button.status.value
    assert button.last_path.name in button.status.value
    assert "learning platform" in WHAT_NEXT and "shared class folder" in WHAT_NEXT
    assert "shared class folder" in button.status.value
    assert button.button.description == "Hand in my work" and button.button.tooltip


def test_button_shows_errors_instead_of_raising(case, work):
    button = HandInButton(case, student="Nobody")
    button.click()                                  # must not raise
    assert button.last_path is None
    assert 'role="alert"' in button.status.value and "Not handed in." in button.status.value
    assert "No saved answers for Nobody" in button.status.value


def test_button_escapes_the_student_name_in_messages(case, work):
    button = HandInButton(case, student="<img src=x onerror=alert(1)>")
    button.click()
    assert "<img" not in button.status.value and "&lt;img" in button.status.value


def test_corrupt_work_file_is_reported_and_kept(case, work):
    (work / f"{storage.student_slug('Ada Lovelace')}__case-min.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="could not be used because it is not valid JSON"):
        hand_in(case, student="Ada Lovelace")
    kept = list(work.glob(f"{storage.student_slug('Ada Lovelace')}__case-min.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_friendly_repr_for_nbval_and_jupyterlab(case):
    assert "Hand in my work" in repr(HandInButton(case, student="Ada"))


def test_bad_case_argument_is_refused(work):
    with pytest.raises(ValueError, match="needs a case"):
        hand_in(None, student="Ada")
