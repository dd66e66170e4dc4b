"""Issue 23, points 5 to 9, as a careless teacher and a mischievous student meet them: every CSV cell is
spreadsheet-safe, the report command never destroys an input or a stranger's file, hand-ins can be collected by
another user, the page stays bounded, and an older save file beside a current one is merged, not ignored."""
import csv
import io
import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from widgets.core import fileio, storage
from widgets.classroom import handin
from widgets.classroom.results import MAX_LISTED, class_results
from widgets.classroom.results_cli import main as results_main
from widgets.classroom.submission import read_folder
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.grading.responses import MAX_CHARS
from widgets.core.text import spreadsheet_cell

FO = {"label": "fact", "sourcing": "none"}


def _hand_in_document(student="Ada", case="case-min", exercises=None, minutes_ago=5):
    created = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=minutes_ago)
    return {"format": "fprl-submission", "version": 1, "student": student, "case": case, "kit_version": "0.1.0",
            "created": created.isoformat(),
            "exercises": exercises if exercises is not None else {"fact_opinion": {"answers": {"h": FO}}}}


def _folder(tmp_path, *documents):
    folder = tmp_path / "handins"
    folder.mkdir(exist_ok=True)
    for number, document in enumerate(documents):
        (folder / f"h{number}.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------ 5. one way to write a cell

@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", " =HYPERLINK(1)", "＝1+1"])
def test_every_formula_start_is_neutralised(text):
    assert spreadsheet_cell(text) == "'" + text
    assert spreadsheet_cell("Ada") == "Ada" and spreadsheet_cell(3) == 3 and spreadsheet_cell(None) == ""


def test_key_shown_and_item_columns_cannot_carry_a_formula(case, tmp_path):
    """Before: a "key shown" view name and an item id reached the gradebook and the items CSV as formulas."""
    exercises = {"fact_opinion": {"answers": {"h": FO, "=cmd|' /C calc'!A0": FO},
                                  "assigned": ["h", "=cmd|' /C calc'!A0"]},
                 "key_shown": {"answers": {"=HYPERLINK(\"http://x\")": {"answered": 0, "of": 1}}}}
    results = class_results(_folder(tmp_path, _hand_in_document(exercises=exercises)), case=case)
    for rows in (results.gradebook_rows(), results.item_rows(), results.sentence_rows()):
        for row in csv.reader(io.StringIO(results.csv_text(rows))):
            assert not any(cell.lstrip(" ")[:1] in "=+-@" for cell in row if cell), row


# ------------------------------------------------------------------------------ 6. outputs never destroy inputs

def _run(capsys, *argv):
    code = results_main(["results", *map(str, argv)])
    return code, capsys.readouterr().err


def test_report_refuses_to_write_into_the_folder_it_reads(case, tmp_path, capsys):
    """Before: --out naming a hand-in replaced it with the HTML page."""
    folder = _folder(tmp_path, _hand_in_document())
    before = (folder / "h0.json").read_bytes()
    code, err = _run(capsys, folder, "--out", folder / "h0.json", "--case", "tests/fixtures/case_min")
    assert code == 2 and "inside the folder of hand-ins" in err
    assert (folder / "h0.json").read_bytes() == before


def test_report_refuses_a_strangers_file_unless_forced_and_two_outputs_on_one_path(tmp_path, capsys):
    folder = _folder(tmp_path, _hand_in_document())
    notes = tmp_path / "notes.html"
    notes.write_text("my lesson notes", encoding="utf-8")
    code, err = _run(capsys, folder, "--out", notes)
    assert code == 2 and "not written by this command" in err and "--force" in err
    assert notes.read_text(encoding="utf-8") == "my lesson notes"
    code, err = _run(capsys, folder, "--out", tmp_path / "r.html", "--csv", tmp_path / "r.html")
    assert code == 2 and "both name" in err and not (tmp_path / "r.html").exists()
    assert _run(capsys, folder, "--out", tmp_path / "r.html")[0] == 0
    assert _run(capsys, folder, "--out", tmp_path / "r.html")[0] == 0        # its own report: replaced
    assert _run(capsys, folder, "--out", notes, "--force")[0] == 0
    assert "fp-reporting-lab" in notes.read_text(encoding="utf-8")


def test_report_refuses_a_fifo_and_a_mistyped_case(tmp_path, capsys):
    folder = _folder(tmp_path, _hand_in_document())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = _run(capsys, folder, "--out", fifo, "--force")
    assert code == 2 and "FIFO" in err and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    code, err = _run(capsys, folder, "--out", tmp_path / "r.html", "--case", "seeds/bidne-china-2022")
    assert code == 2 and "--case seeds/bidne-china-2022" in err and "please report" not in err


# ------------------------------------------------------------------------------ 7. files a teacher can collect

def test_hand_ins_follow_the_umask_and_the_work_file_stays_private(case, work):
    """Before: hand-ins were written 0600 whatever the umask, so a teacher collecting them as another user
    could not read them."""
    previous = os.umask(0o022)
    try:
        storage.set_student("Ada")
        FactOpinionSorter(case).answer("h", FO)
        path = handin.hand_in(case)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(storage.work_path("Ada", case.id).stat().st_mode) == 0o600


def test_an_unreadable_hand_in_is_said_to_be_unreadable_not_a_read_only_folder(tmp_path, monkeypatch):
    folder = _folder(tmp_path, _hand_in_document())
    real_open = os.open

    def no_permission(path, flags, *args):
        if str(path).endswith("h0.json"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)
    monkeypatch.setattr(os, "open", no_permission)
    contents = read_folder(folder, "case-min")
    [rejected] = contents.rejected
    assert "no permission to read it" in rejected.reason and "read-only" not in rejected.reason


# ------------------------------------------------------------------------------ 8. bounded pages

def test_written_answers_are_cut_at_the_answer_box_limit_and_lists_are_bounded(case, tmp_path):
    """Before: a 2 MB written answer went into the page whole (40 such hand-ins: an 80 MB report)."""
    long_answer = "word " * 200_000                                           # 1 MB
    answers = {"a_long": long_answer} | {f"q{n}": f"answer {n}" for n in range(3 * MAX_LISTED)}
    exercises = {"responses": {"answers": answers},
                 "key_shown": {"answers": {f"view{n}": {"answered": 0, "of": 1} for n in range(100)}}}
    folder = _folder(tmp_path, *[_hand_in_document(student=f"Student {n}", exercises=exercises) for n in range(3)])
    html = class_results(folder, case=case).to_html()
    assert len(html) < 3 * (MAX_LISTED * 200 + MAX_CHARS) + 200_000, len(html)
    assert "the answer box takes 5,000" in html and "more findings or written answers" in html
    assert "… and 80 more" in html


# ------------------------------------------------------------------------------ 9. no silent legacy

def test_a_legacy_save_file_beside_a_current_one_is_merged_answer_by_answer(work):
    """Before: work/ada__c.json beside the current file was silently ignored."""
    storage.WorkFile("Ada", "c").record("responses", "now", "current answer")
    old = {"format": "fprl-work", "version": 1, "student": "Ada", "case": "c", "updated": "2026-11-29T10:00:00+00:00",
           "exercises": {"responses": {"answers": {"then": "older answer"},
                                       "answered_at": {"then": "2026-11-29T10:00:00+00:00"}}}}
    (work / "ada__c.json").write_text(json.dumps(old))
    assert storage.WorkFile("Ada", "c").answers("responses") == {"now": "current answer", "then": "older answer"}
    assert not (work / "ada__c.json").exists()


def test_fileio_writes_shared_files_by_the_umask(tmp_path):
    previous = os.umask(0o027)
    try:
        shared = fileio.atomic_write_text(tmp_path / "a.txt", "x")
        private = fileio.atomic_write_text(tmp_path / "b.txt", "x", private=True)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640 and stat.S_IMODE(private.stat().st_mode) == 0o600
