"""Saved work: work folder, student name, atomic saves, unreadable files kept aside."""
import json

import pytest

from widgets.core import storage


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "work"))
    (tmp_path / "work").mkdir()
    return tmp_path / "work"


def test_work_dir_follows_environment_and_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / "new" / "work"))
    assert storage.work_dir() == tmp_path / "new" / "work"
    assert (tmp_path / "new" / "work").is_dir()


def test_work_dir_defaults_to_kit_root(tmp_path, monkeypatch):
    assert (storage.KIT_ROOT / "pyproject.toml").is_file()   # the kit root really is the checkout
    monkeypatch.delenv("KIT_WORK_DIR", raising=False)
    monkeypatch.setattr(storage, "KIT_ROOT", tmp_path)       # so the test creates nothing in the checkout
    assert storage.work_dir() == tmp_path / "work"


def test_student_defaults_to_anonymous_and_is_remembered(work):
    assert storage.current_student() == "anonymous"
    assert storage.set_student("  Ada   Lovelace ") == "Ada Lovelace"
    assert storage.current_student() == "Ada Lovelace"
    data = json.loads((work / "student.json").read_text())
    assert data["student"] == "Ada Lovelace"


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_set_student_rejects_empty_or_non_text(work, bad):
    with pytest.raises(ValueError):
        storage.set_student(bad)
    assert storage.current_student() == "anonymous"


def test_unreadable_student_file_means_anonymous(work):
    (work / "student.json").write_text("{not json")
    assert storage.current_student() == "anonymous"


@pytest.mark.parametrize("name, readable", [("Ada", "ada"), ("Zoë O'Neil", "zoe-o-neil"), ("../../etc", "etc"),
                                            ("李明", "student")])
def test_student_slug_is_readable_part_and_hash(name, readable):
    slug = storage.student_slug(name)
    assert slug.startswith(readable + "-") and len(slug) == len(readable) + 11
    assert "/" not in slug and ".." not in slug


def test_blank_name_slug_is_anonymous():
    assert storage.student_slug("  ") == "anonymous"


def test_slug_of_non_latin_names_is_stable_and_distinct():
    assert storage.student_slug("李明") == storage.student_slug("李明")
    assert storage.student_slug("李明") != storage.student_slug("王芳")
    assert storage.student_slug("李明").startswith("student-")


def test_record_writes_contract_format_at_once(work):
    saved = storage.WorkFile("Ada", "case-one")
    assert saved.notice is None and saved.answers("fact_opinion") == {}
    saved.record("fact_opinion", "p1s1", {"label": "fact", "sourcing": "named"})
    path = work / f"{storage.student_slug('Ada')}__case-one.json"
    data = json.loads(path.read_text())
    assert data["format"] == "fprl-work" and data["version"] == 1
    assert data["student"] == "Ada" and data["case"] == "case-one"
    assert data["exercises"]["fact_opinion"]["answers"] == {"p1s1": {"label": "fact", "sourcing": "named"}}
    assert data["exercises"]["fact_opinion"]["answered_at"]["p1s1"].endswith("+00:00")
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]
    assert storage.WorkFile("Ada", "case-one").answers("fact_opinion")["p1s1"]["label"] == "fact"


def test_two_writers_on_one_file_keep_each_others_answers(work):
    first, second = storage.WorkFile("Ada", "c"), storage.WorkFile("Ada", "c")
    first.record("fact_opinion", "h", {"label": "opinion", "sourcing": "none"})
    second.record("responses", "first_impression", "Angry headline.")
    first.record("fact_opinion", "p1s1", {"label": "fact", "sourcing": "named"})
    again = storage.WorkFile("Ada", "c")
    assert set(again.answers("fact_opinion")) == {"h", "p1s1"}
    assert again.answers("responses") == {"first_impression": "Angry headline."}


@pytest.mark.parametrize("content, reason", [
    ("{broken", "not valid JSON"),
    ('["a list"]', "not a JSON object"),
    ('{"format": "something-else", "version": 1}', "format"),
    ('{"format": "fprl-work", "version": 1, "student": "Bob", "case": "c", "exercises": {}}', "another student"),
    ('{"format": "fprl-work", "version": 1, "student": "Ada", "case": "other", "exercises": {}}', "another case"),
    ('{"format": "fprl-work", "version": 1, "student": "Ada", "case": "c", "exercises": {"x": 3}}',
     "does not match the work-file format (exercises.x: 3 should be a mapping of fields)"),
    ('{"format": "fprl-work", "version": 2, "student": "Ada", "case": "c", "exercises": {}}',
     "does not match the work-file format (version: 2 should be 1)"),
    ('{"format": "fprl-work", "version": 1, "student": "Ada", "case": "c"}',
     "does not match the work-file format (exercises: missing field 'exercises')"),
])
def test_bad_file_is_kept_aside_never_overwritten(work, content, reason):
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"{storage.student_slug('Ada')}__c.json"
    path.write_text(content)
    saved = storage.WorkFile("Ada", "c")
    assert reason in saved.notice and "clean sheet" in saved.notice
    kept = [p for p in work.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == content
    assert kept[0].name.startswith(f"{storage.student_slug('Ada')}__c.corrupt-") and kept[0].suffix == ".json"
    assert kept[0].name in saved.notice
    assert not path.exists()
    saved.record("fact_opinion", "h", {"label": "fact", "sourcing": "none"})
    assert kept[0].read_text() == content


def test_set_aside_never_overwrites_an_earlier_copy(work):
    work.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        (work / f"{storage.student_slug('Ada')}__c.json").write_text(f"broken {attempt}")
        storage.WorkFile("Ada", "c")
    kept = sorted(p.read_text() for p in work.iterdir() if ".corrupt-" in p.name)
    assert kept == ["broken 0", "broken 1", "broken 2"]


def test_file_spoiled_while_widget_open_keeps_this_notebooks_answers(work):
    saved = storage.WorkFile("Ada", "c")
    saved.record("fact_opinion", "h", {"label": "fact", "sourcing": "none"})
    (work / f"{storage.student_slug('Ada')}__c.json").write_text("garbage")
    saved.record("fact_opinion", "p1s1", {"label": "opinion", "sourcing": "none"})
    assert "fresh file" in saved.notice
    assert set(storage.WorkFile("Ada", "c").answers("fact_opinion")) == {"h", "p1s1"}


def test_failed_write_leaves_old_file_and_no_temp(work, monkeypatch):
    saved = storage.WorkFile("Ada", "c")
    saved.record("responses", "a", "first")

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    real_replace = storage.os.replace
    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(storage.StorageError, match="disk is full"):
        saved.record("responses", "a", "second")
    monkeypatch.setattr(storage.os, "replace", real_replace)
    assert storage.WorkFile("Ada", "c").answers("responses") == {"a": "first"}
    assert [p.name for p in work.iterdir() if not p.name.endswith(".lock")] == [f"{storage.student_slug('Ada')}__c.json"]


def test_bad_case_id_is_refused(work):
    with pytest.raises(ValueError):
        storage.WorkFile("Ada", "../escape")


def test_list_saved_work_reads_without_changing_files(work):
    storage.WorkFile("Ada", "c").record("fact_opinion", "h", {"label": "fact", "sourcing": "none"})
    storage.WorkFile("Bob", "c").record("responses", "x", "text")
    storage.WorkFile("Bob", "d").record("responses", "x", "text")
    (work / "eve-0000000000__c.json").write_text("broken")
    storage.set_student("Ada")
    found = storage.list_saved_work("c")
    assert [(entry["student"], entry["answered"]) for entry in found] == [
        ("Ada", {"fact_opinion": 1}), ("Bob", {"responses": 1})]
    assert (work / "eve-0000000000__c.json").read_text() == "broken"
    assert len(storage.list_saved_work()) == 3
