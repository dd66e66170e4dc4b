"""All of a student's work in one file: exported on one machine, imported into an empty work folder, every answer
comes back; an import merges answer by answer through the storage layer and never replaces a newer answer."""
import json

import pytest

import widgets
from widgets import ExitTicket, FactOpinionSorter, FreeResponse, SkillsCheck, set_student
from widgets.lesson import current_path, saved_path, set_path
from widgets.core.storage import WorkFile, current_student
from widgets.classroom.workbundle import BundleError, import_bytes


def _answers(folder):
    found = {}
    for path in sorted(folder.glob("*__*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.name] = {name: section["answers"] for name, section in data["exercises"].items()}
    return found


def test_export_on_one_machine_import_into_an_empty_folder_restores_every_answer(case, tmp_path, monkeypatch):
    first, second = tmp_path / "machine-a", tmp_path / "machine-b"
    monkeypatch.setenv("KIT_WORK_DIR", str(first))
    set_student("Ada")
    set_path("short")
    FactOpinionSorter(case, sentences=["p1s1", "p1s2"]).answer("p1s1", {"label": "fact", "sourcing": "named"})
    FreeResponse(case, "first_impression", "First impression").answer("first_impression", "A loud story.")
    ExitTicket(case, "record").answer("x2a", "Only a fact")
    SkillsCheck("pre").answer("s1", {"label": "fact", "agree": "unsure"})
    before = _answers(first)
    exported = widgets.export_work(student="Ada")
    assert exported.parent == first / "downloads" and exported.name.startswith("ada-")

    monkeypatch.setenv("KIT_WORK_DIR", str(second))
    assert current_student() == "anonymous" and saved_path() is None
    restored = widgets.import_work(exported)
    assert restored == {case.id: 3, "skills-check": 2}          # s1, and the form it was taken on
    assert _answers(second) == before
    assert current_student() == "Ada" and current_path() == "short"
    assert FactOpinionSorter(case, sentences=["p1s1", "p1s2"]).answered == ("p1s1",)   # the widget sees it


def test_an_import_never_replaces_a_newer_answer(case, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "a"))
    set_student("Ada")
    FreeResponse(case, "reflection", "Reflection").answer("reflection", "old words")
    exported = widgets.export_work()
    FreeResponse(case, "reflection", "Reflection").answer("reflection", "newer words")
    FreeResponse(case, "outlet_name", "Outlet").answer("outlet_name", "kept")
    widgets.import_work(exported)                    # the older copy comes back: nothing newer is replaced
    answers = WorkFile("Ada", case.id).answers("responses")
    assert answers == {"reflection": "newer words", "outlet_name": "kept"}


def test_bad_files_and_another_students_work_are_refused_in_one_sentence(case, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "a"))
    set_student("Ada")
    FreeResponse(case, "reflection", "Reflection").answer("reflection", "mine")
    exported = widgets.export_work()
    with pytest.raises(BundleError, match="not a file from 'Download all my work'"):
        import_bytes(b'{"format": "fprl-work", "version": 1}', "x.json")
    with pytest.raises(BundleError, match="not a work file"):
        import_bytes(b"\xff\xfe", "x.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["files"][0]["student"] = "Bo"
    with pytest.raises(BundleError, match=r"files\[0\]: it belongs to another student"):
        import_bytes(json.dumps(data).encode(), "x.json")
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "b"))
    set_student("Bo")
    with pytest.raises(BundleError, match="holds the work of Ada, but this computer saves work for Bo"):
        widgets.import_work(exported)
    assert list((tmp_path / "b").glob("*__*.json")) == []


def test_the_upload_widget_restores_and_reports_errors(case, tmp_path, monkeypatch):
    from widgets.lesson import DownloadWork, UploadWork

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "a"))
    set_student("Ada")
    FreeResponse(case, "reflection", "Reflection").answer("reflection", "mine")
    download = DownloadWork()
    path = download.make()
    assert 'download="' in download.status.value and "data:application/json;base64," in download.status.value
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "b"))
    upload = UploadWork()
    assert upload.restore({"name": path.name, "content": path.read_bytes()}) == {case.id: 1}
    assert f"Restored ({case.id}: 1 answer). Run the lesson" in upload.status.value
    assert upload.restore({"name": "bad.json", "content": b"[]"}) is None
    assert "Not restored" in upload.status.value
