"""Issue 23, points 2 and 3: the teacher's assignment decides the grade (never a list the student controls), and the
report notices what the kit could not have written. Driven as a student (widgets, hand-ins) and a teacher (the
report, the gradebook) would."""
import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from widgets import lesson
from widgets.core import storage
from widgets.classroom.checks import folder_flags, handin_flags
from widgets.classroom.handin import hand_in
from widgets.classroom.results import class_results
from widgets.classroom.submission import read_folder
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.loading import load_case

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed():
    return load_case(ROOT / "seeds" / "biden-china-2022")


def _right(case, sentence_id):
    sentence = next(s for s in case.sentences if s.id == sentence_id)
    return {"label": sentence.label, "sourcing": sentence.sourcing}


def _gradebook(folder, case):
    results = class_results(folder, case=case)
    header, *rows = results.gradebook_rows()
    return results, [dict(zip(header, row)) for row in rows]


# ------------------------------------------------------------------------------ 2. the assignment decides

def test_short_path_or_sentences_cannot_shrink_the_grade(seed, work, monkeypatch):
    """Before: switching to the short path and opening the sorter again turned 11.25 of 17 into 4 of 4, and so did
    a sorter built with sentences=. Now the lessons' plan for the recorded path decides, and the change is flagged."""
    monkeypatch.chdir(ROOT / "lessons")
    storage.set_student("Ada")
    lesson.set_path("full")
    full = FactOpinionSorter(seed, lesson="04_fact_opinion_mixed.ipynb")
    short_ids = lesson.teacher_assignment(seed, "short")["fact_opinion"]
    for sentence_id in short_ids:
        full.answer(sentence_id, _right(seed, sentence_id))        # right on the four short-path sentences
    from widgets.exercises.reveal import LockedView
    LockedView(seed, {"fact_opinion": full.items}, lambda: [], name="label_key", what="the key").show_anyway()
    FactOpinionSorter(seed, sentences=short_ids)                  # the sentences= trick: no effect on the grade
    first = hand_in(seed)
    _results, [row] = _gradebook(first.parent, seed)
    assert (row["fact_opinion points"], row["fact_opinion possible"], row["path"]) == ("4", "17", "full")
    first.unlink()                                                 # (two hand-ins in one second: keep one)
    lesson.set_path("short")                                       # the short-path trick, after a key view
    FactOpinionSorter(seed, lesson="04_fact_opinion_mixed.ipynb")
    results, rows = _gradebook(hand_in(seed).parent, seed)
    assert (rows[0]["fact_opinion points"], rows[0]["fact_opinion possible"], rows[0]["path"]) == ("4", "4", "short")
    assert any("path was changed after a key view was opened" in f.reason for f in results.flagged)


def test_answers_outside_the_path_are_graded_and_listed_never_counted(seed, work):
    storage.set_student("Ada")
    lesson.set_path("short")
    outside = next(s.id for s in seed.sentences if s.id not in lesson.teacher_assignment(seed, "short")["fact_opinion"])
    FactOpinionSorter(seed, sentences=[outside]).answer(outside, _right(seed, outside))
    results, [row] = _gradebook(hand_in(seed).parent, seed)
    assert (row["fact_opinion points"], row["fact_opinion possible"]) == ("0", "4")
    assert [results.scores[0].student, "fact_opinion", outside, "yes", "right", "1", "1",
            "no: not assigned on the short path"] in results.item_rows()


def _document(student, exercises, created=None, **extra):
    created = created or datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=5)
    document = {"format": "fprl-submission", "version": 1, "student": student, "case": "case-min",
                "kit_version": "0.1.0", "created": created.isoformat(), "exercises": exercises}
    document.update(extra)
    return document


def _write(folder, documents):
    folder.mkdir(exist_ok=True)
    for number, document in enumerate(documents):
        (folder / f"h{number}.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_duplicate_and_unknown_ids_are_flagged_never_blank_never_counted_twice(case, tmp_path):
    """Before: one right item listed 17 times gave 17 of 17, and an unknown id left the gradebook cells blank."""
    right = {"label": case.sentences[0].label, "sourcing": case.sentences[0].sourcing}
    first = case.sentences[0].id
    duplicated = _document("Ada", {"fact_opinion": {"answers": {first: right}, "assigned": [first] * 17}})
    unknown = _document("Bo", {"fact_opinion": {"answers": {first: right, "zz9": right}, "assigned": [first, "zz9"]}})
    results, rows = _gradebook(_write(tmp_path / "h", [duplicated, unknown]), case)
    possible = str(len(case.sentences))
    assert [(r["fact_opinion points"], r["fact_opinion possible"]) for r in rows] == [("1", possible)] * 2
    reasons = " ".join(f.reason for f in results.flagged)
    assert "names " + first + " more than once" in reasons and "the case does not have (zz9)" in reasons
    assert ["Bo", "fact_opinion", "zz9", "yes", "unknown item", "0", "0", "no: the case has no such item"] \
        in results.item_rows()


FOUR_KERNELS = textwrap.dedent("""
    import os, sys, time
    from widgets.core.loading import load_case
    from widgets.exercises.responses import FreeResponse
    tag, count, start = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    case = load_case(sys.argv[4])
    while not os.path.exists(start):
        time.sleep(0.001)
    for i in range(count):
        FreeResponse(case, f"{tag}{i}", "?", student="Ada").answer(f"{tag}{i}", "text")
""")


def test_four_kernels_adding_questions_at_once_lose_none_from_the_list(case, work):
    """Before: 143 of 160 questions were listed, because the old list was read outside the lock."""
    start, count = work / "go", 40
    env = dict(os.environ, KIT_WORK_DIR=str(work))
    procs = [subprocess.Popen([sys.executable, "-c", FOUR_KERNELS, tag, str(count), str(start),
                               str(ROOT / "tests" / "fixtures" / "case_min")], env=env, stderr=subprocess.PIPE,
                              text=True) for tag in "abcd"]
    start.write_text("go")
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    section = storage.WorkFile("Ada", case.id).data["exercises"]["responses"]
    assert len(section["answers"]) == 4 * count and len(set(section["assigned"])) == 4 * count


# ------------------------------------------------------------------------------ 3. a report that notices

def test_impossible_dates_and_invented_questions_are_flagged(case):
    created = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
    later, earlier = "2026-11-29T11:00:00+00:00", "2026-11-29T09:00:00+00:00"
    exercises = {
        "fact_opinion": {"answers": {"h": {}}, "answered_at": {"h": later}},
        "skills_pre": {"answers": {"s1": {}, "_committed": True},
                       "answered_at": {"s1": "2026-11-29T09:30:00+00:00", "_committed": "2026-11-29T09:10:00+00:00"}},
        "verdicts": {"answers": {"c1": "supported"}, "answered_at": {"c1": "2026-11-29T09:40:00+00:00"}},
        "verdicts_after": {"answers": {"c1": "distorted"}, "answered_at": {"c1": "2026-11-29T09:20:00+00:00"}},
        "responses": {"answers": {f"made_up_{n}": "x" for n in range(30)} | {"reflection": "ok"},
                      "answered_at": {"reflection": earlier}},
    }
    flags = " | ".join(handin_flags(_document("Ada", exercises, created), case))
    assert "1 answer dated after the hand-in was made (fact_opinion/h)" in flags
    assert "1 skills-check answer (skills_pre) dated after the form was committed" in flags
    assert "a first verdict dated after the verdict given after the evidence (c1)" in flags
    assert "30 written answers to questions no lesson asks" in flags
    assert handin_flags(_document("Ada", {"responses": {"answers": {"reflection": "ok"},
                                                        "answered_at": {"reflection": earlier}}}, created), case) == []


def test_two_alexes_from_two_work_folders_and_look_alike_names_are_listed(case, tmp_path):
    """Before: two students named Alex got one row and the other was never listed; four "Ada"s written with
    fullwidth, Cyrillic or invisible letters were four rows, none flagged."""
    answers = {"fact_opinion": {"answers": {"h": {"label": "fact", "sourcing": "none"}}}}
    documents = [_document("Alex", answers, work_folder="a" * 16),
                 _document("Alex", answers, created=datetime.now(timezone.utc).replace(microsecond=0)
                           - timedelta(minutes=1), work_folder="b" * 16),
                 _document("Ada", answers), _document("\u0410da", answers), _document("Ａｄａ", answers),
                 _document("Ad\u0430", answers)]
    contents = read_folder(_write(tmp_path / "h", documents), "case-min", case=case)
    flagged = {f.name: f.reason for f in contents.flagged}
    assert "2 hand-ins named 'Alex' come from 2 different work folders" in flagged["h0.json"]
    assert "different work folders" in flagged["h1.json"]
    assert all("looks like" in flagged[f"h{n}.json"] for n in (2, 3, 5))
    assert "different spellings" in flagged["h4.json"]          # fullwidth Ada is Ada after NFKC: one student
    assert folder_flags([]) == {}


def test_hand_ins_without_a_name_are_each_counted_and_flagged(case, tmp_path):
    """Before: students who never set a name all became "anonymous": one counted, the others silently dropped."""
    answers = [{"fact_opinion": {"answers": {"h": {"label": label, "sourcing": "none"}}}}
               for label in ("fact", "opinion", "mixed")]
    results = class_results(_write(tmp_path / "h", [_document("anonymous", a) for a in answers]), case=case)
    assert len(results.scores) == 3 and not results.superseded
    assert len([f for f in results.flagged if "no student name" in f.reason]) == 3


def test_a_change_of_path_after_answers_is_flagged_and_one_before_is_not(case):
    history = [{"path": "full", "at": "2026-11-29T09:00:00+00:00"}, {"path": "short", "at": "2026-11-29T09:05:00+00:00"}]
    answered = {"fact_opinion": {"answers": {"h": {}}, "answered_at": {"h": "2026-11-29T09:10:00+00:00"}}}
    assert handin_flags(_document("Ada", answered, path={"path": "short", "history": history}), case) == []
    answered["fact_opinion"]["answered_at"]["h"] = "2026-11-29T09:01:00+00:00"
    [flag] = handin_flags(_document("Ada", answered, path={"path": "short", "history": history}), case)
    assert flag.startswith("the path was changed after answers were given (to short at 2026-11-29 09:05 UTC")


def test_a_path_the_kit_did_not_record_is_flagged(case):
    answered = {"fact_opinion": {"answers": {"h": {}}, "answered_at": {"h": "2026-11-29T09:10:00+00:00"}}}
    [flag] = handin_flags(_document("Ada", answered, path={"path": "short", "history": []}), case)
    assert "says the short path, but that is not the last path chosen" in flag
    assert handin_flags(_document("Ada", answered, path={"path": "short", "history": [], "fixed_by": "KIT_PATH"}),
                        case) == []
    assert handin_flags(_document("Ada", answered, path={"path": "full", "history": []}), case) == []
