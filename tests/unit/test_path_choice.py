"""The path choice of lesson 0: a class set up with a path shows it selected and saves it; with no setting nothing is
preselected and the student is asked."""
import json

from widgets.core.lesson import plans
from widgets.lesson import CLASS_FILE, PATH_FILE, PathChoice, current_path, saved_path


def test_no_setting_nothing_selected_nothing_saved(work, monkeypatch, tmp_path):
    monkeypatch.delenv("KIT_PATH", raising=False)
    monkeypatch.setattr("widgets.core.storage.KIT_ROOT", tmp_path / "kit")
    choice = PathChoice()
    assert choice.choice.value is None and "Choose your path" in choice.status.value
    assert saved_path() is None and not (work / PATH_FILE).exists()
    choice.choice.value = "full"                                  # the student chooses
    assert json.loads((work / PATH_FILE).read_text())["path"] == "full" and "Saved" in choice.status.value


def test_kit_path_shows_the_path_selected_and_saves_it(work, monkeypatch):
    monkeypatch.setenv("KIT_PATH", "short")
    choice = PathChoice()
    assert choice.choice.value == "short" and "Saved" in choice.status.value
    assert saved_path() == "short"


def test_a_class_setting_written_once_preselects_and_saves(work, monkeypatch, tmp_path):
    monkeypatch.delenv("KIT_PATH", raising=False)
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / CLASS_FILE).write_text('{"path": "short"}', encoding="utf-8")
    monkeypatch.setattr("widgets.core.storage.KIT_ROOT", kit)
    assert plans.class_path() == "short"
    choice = PathChoice()
    assert choice.choice.value == "short" and saved_path() == "short" and current_path() == "short"
    choice.choice.value = "full"                                  # a student may still change it
    assert PathChoice().choice.value == "full" and current_path() == "full"
