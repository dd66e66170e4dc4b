"""Reading one submission file or a folder of them: every way a file can be wrong gets a plain reason."""
import json

import pytest

from widgets.core import schemas
from widgets.classroom import submission as sub
from widgets.classroom.submission import SubmissionError, read_folder, read_submission, schema_problem

GOOD = {"format": "fprl-submission", "version": 1, "student": "Zoë O'Neil", "case": "case-min",
        "kit_version": "0.1.0", "created": "2026-11-29T10:00:00+00:00",
        "exercises": {"fact_opinion": {"answers": {"h": {"label": "fact", "sourcing": "none"}},
                                       "answered_at": {"h": "2026-11-29T09:59:00+00:00"}}}}

BAD_DOCUMENTS = [
    ([1, 2], "at the top level"),
    (dict(GOOD, version=2), "version 2 is not one this kit reads"),
    (dict(GOOD, student=""), "at student"),
    (dict(GOOD, case="Not A Slug"), "at case"),
    (dict(GOOD, created="yesterday"), "at created"),
    (dict(GOOD, created="2026-11-29T10:00:00"), "at created"),
    (dict(GOOD, created="2026-13-45T10:00:00+00:00"), "'created' is not a valid time"),
    (dict(GOOD, exercises={"fact_opinion": {"answered_at": {}}}),
     "at exercises.fact_opinion.answers: missing field 'answers'"),
    (dict(GOOD, exercises={"fact_opinion": {"answers": []}}),
     "at exercises.fact_opinion.answers: [] should be a mapping of fields"),
    (dict(GOOD, extra=1), "at extra: unexpected field 'extra'"),
    (dict(GOOD, format="fprl-work"), "this is a work file"),
]


def test_good_document_passes():
    assert schema_problem(GOOD) is None


@pytest.mark.parametrize("fast", [True, False], ids=["fastjsonschema", "jsonschema-only"])
@pytest.mark.parametrize("document,reason", BAD_DOCUMENTS)
def test_bad_documents_are_refused_with_a_reason(monkeypatch, fast, document, reason):
    if not fast:
        monkeypatch.setattr(schemas, "fast_check", lambda name: None)
    assert schema_problem(GOOD) is None
    problem = schema_problem(document)
    assert problem is not None and reason in problem, problem


def test_fast_check_is_in_use():
    assert schemas.fast_check(sub.SCHEMA_NAME) is not None, "fastjsonschema (installed with nbformat) should speed up big classes"


def _write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_reading_one_file(tmp_path):
    submission = read_submission(_write(tmp_path, "zoe.json", json.dumps(GOOD)))
    assert submission.student == "Zoë O'Neil" and submission.student_key.startswith("zoe-o-neil-")
    assert submission.answers("fact_opinion") == {"h": {"label": "fact", "sourcing": "none"}}
    assert submission.answers("actors") == {}
    assert submission.created.tzinfo is not None


@pytest.mark.parametrize("content,reason", [
    (b"", "the file is empty"),
    (b"  \n ", "the file is empty"),
    (b"\xff\xfe{}", "not a text file in UTF-8"),
    (b'{"format": "fprl-submission", "vers', "truncated"),
    (b"{'single': 'quotes'}", "not JSON (line 1, column 2"),
    (b"null", "at the top level"),
])
def test_unreadable_files(tmp_path, content, reason):
    with pytest.raises(SubmissionError, match=reason.replace("(", r"\(")):
        read_submission(_write(tmp_path, "x.json", content))


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(sub, "MAX_SUBMISSION_BYTES", 100)
    path = _write(tmp_path, "big.json", json.dumps(GOOD))
    with pytest.raises(SubmissionError, match=r"too large: \d+ bytes, the limit is 100 bytes"):
        read_submission(path)


@pytest.mark.parametrize("name", ["with space.json", "quote'.json", 'dq".json', "<b>.json", "é.json",
                                  ".hidden.json", "-dash.json"])
def test_odd_file_names_are_refused_with_a_safe_suggestion(tmp_path, name):
    with pytest.raises(SubmissionError, match=r"rename a copy to [a-z0-9-]+\.json"):
        read_submission(_write(tmp_path, name, json.dumps(GOOD)))


def test_folder_sorting_and_case_choice(tmp_path):
    _write(tmp_path, "a.json", json.dumps(GOOD))
    _write(tmp_path, "b.json", json.dumps(dict(GOOD, student="Ben")))
    _write(tmp_path, "c.json", json.dumps(dict(GOOD, student="Cy", case="other-case")))
    _write(tmp_path, "readme.txt", "hello")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "d.json", json.dumps(dict(GOOD, student="Dee")))
    with pytest.raises(sub.SeveralCasesError, match=r"2 cases: case-min \(2 files\); other-case \(1 file\)"):
        read_folder(tmp_path)                                # how many files name a case never decides it
    contents = read_folder(tmp_path, "case-min")
    assert contents.case_id == "case-min"
    assert sorted(s.student for s in contents.accepted) == ["Ben", "Zoë O'Neil"]
    assert [(r.name, r.reason[:16]) for r in contents.rejected] == [("c.json", "for another case")]
    assert contents.ignored == ["readme.txt"]                # sub-folders are not read


def test_latest_hand_in_wins_even_with_a_differently_written_name(tmp_path):
    _write(tmp_path, "late.json", json.dumps(dict(GOOD, student=" zoë  o'neil", created="2026-11-29T11:00:00Z")))
    _write(tmp_path, "early.json", json.dumps(GOOD))
    contents = read_folder(tmp_path)
    assert [s.name for s in contents.accepted] == ["late.json"]
    assert contents.superseded[0].name == "early.json"
    assert "superseded by late.json" in contents.superseded[0].reason
    # ... and the instructor sees both files claim one student under two spellings.
    assert {f.name for f in contents.flagged} == {"late.json", "early.json"}
    assert "different spellings" in contents.flagged[0].reason


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="No folder"):
        read_folder(tmp_path / "nope")
