"""One definition of what is assigned, one score everywhere.

A short-path student and a full-path student work through the real widgets, built as the lessons build them
(`lesson="NN_....ipynb"`, items from the lesson's metadata). Each one's summary page, hand-in and gradebook row
must give the same points of the same possible points, exercise by exercise, partial credit included.
"""
import csv
import json
import shutil
from pathlib import Path

import pytest

from widgets import lesson
from widgets.classroom.handin import hand_in
from widgets.classroom.results import class_results
from widgets.exercises.actors import ActorTagger
from widgets.exercises.claims import ClaimMarker
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.core.grading.scoring import points_text
from widgets.core.loading import load_case
from widgets.core.storage import set_student

KIT = Path(__file__).resolve().parents[2]
SEED = load_case(KIT / "seeds" / "biden-china-2022")
GRADED = ("fact_opinion", "actors", "claims", "verdicts")


def other(values, key):
    return next(v for v in values if v != key)


def work_through(case, path: str) -> dict:
    """Build every exercise as the lessons do and answer a deterministic mix: right, defensible, wrong, skipped."""
    lesson.set_path(path)
    sorter = FactOpinionSorter(case, lesson="04_fact_opinion_mixed.ipynb")
    for number, sentence_id in enumerate(sorter.items):
        sentence = case.sentence(sentence_id)
        alternative = next((a.label for a in sentence.alternatives if a.label), None)
        if number % 4 == 0:
            sorter.answer(sentence_id, {"label": sentence.label, "sourcing": sentence.sourcing})
        elif number % 4 == 1 and alternative:      # a defensible label: partial credit
            sorter.answer(sentence_id, {"label": alternative, "sourcing": sentence.sourcing})
        elif number % 4 == 2:
            sorter.answer(sentence_id, {"label": other(("fact", "opinion", "mixed"), sentence.label),
                                        "sourcing": sentence.sourcing})
        # number % 4 == 3: left unanswered (counts 0 of its possible point)
    marker = ClaimMarker(case, mode="mark", lesson="03_claims_and_sources.ipynb")
    for number, sentence_id in enumerate(marker.items[:3]):
        claims = case.claims_in(sentence_id)
        marks = [{"start": c.start, "end": c.end,
                  "sourcing": c.sourcing if number or index else other(("named", "anonymous"), c.sourcing)}
                 for index, c in enumerate(claims)]
        marker.answer(sentence_id, marks)          # the first claim with the wrong sourcing: half credit
    verdicts = ClaimMarker(case, mode="verdict", lesson="06_checking_the_record.ipynb")
    for number, claim_id in enumerate(verdicts.items):
        claim = next(c for c in case.claims if c.id == claim_id)
        verdicts.answer(claim_id, claim.verdict if number % 2 == 0 else other(("supported", "inaccurate"),
                                                                               claim.verdict))
    tagger = ActorTagger(case, lesson="02_actors.ipynb")
    tagger.answer(tagger.items[0], [])
    FreeResponse(case, "first_impression", "?").answer("first_impression", "It sounds sure of itself.")
    return {"fact_opinion": sorter, "claims": marker, "verdicts": verdicts, "actors": tagger}


@pytest.fixture
def two_students(tmp_path, monkeypatch):
    monkeypatch.chdir(KIT / "lessons")   # the kernel of a lesson starts in its folder
    folder = tmp_path / "class"
    folder.mkdir()
    found = {}
    for name, path in (("Short Sam", "short"), ("Full Fay", "full")):
        monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / name))
        set_student(name)
        widgets = work_through(SEED, path)
        summary = lesson.work_summary(SEED)
        text = lesson.summary_text(SEED)
        handed = hand_in(SEED)
        shutil.copy(handed, folder / handed.name)
        found[name] = {"path": path, "widgets": widgets, "summary": summary, "text": text,
                       "handin": json.loads(handed.read_text(encoding="utf-8"))}
    results = class_results(folder, case=SEED)
    gradebook = results.write_csv(tmp_path / "gradebook.csv")
    with gradebook.open(encoding="utf-8", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    items = results.write_items_csv(tmp_path / "items.csv")
    with items.open(encoding="utf-8", newline="") as handle:
        item_rows = list(csv.DictReader(handle))
    return found, rows, item_rows


def test_summary_hand_in_and_gradebook_agree_to_the_point(two_students):
    found, rows, _ = two_students
    for name, student in found.items():
        for exercise in GRADED:
            widget_points, possible = student["widgets"][exercise].score()
            summary = student["summary"]["scores"][exercise]
            handin = student["handin"]["scores"][exercise]
            row = rows[name]
            assert (summary.points, summary.possible) == (widget_points, possible), (name, exercise)
            assert (handin["points"], handin["possible"]) == (widget_points, possible), (name, exercise)
            assert (float(row[f"{exercise} points"]), int(row[f"{exercise} possible"])) == \
                (pytest.approx(widget_points, abs=0.005), possible), (name, exercise)
            assert f"{points_text(widget_points)} of {possible} points" in student["text"], (name, exercise)


def test_the_paths_assign_what_the_lessons_say_and_the_hand_in_records_it(two_students):
    found, rows, _ = two_students
    short, full = found["Short Sam"], found["Full Fay"]
    assert short["handin"]["exercises"]["fact_opinion"]["assigned"] == ["h", "p1s1", "p2s1", "p4s1"]
    assert full["handin"]["exercises"]["fact_opinion"]["assigned"] == [s.id for s in SEED.sentences]
    assert short["handin"]["scores"]["fact_opinion"]["possible"] == 4
    assert full["handin"]["scores"]["fact_opinion"]["possible"] == len(SEED.sentences)
    assert short["handin"]["exercises"]["actors"]["assigned"] == ["p2s1", "p2s2"]
    assert short["handin"]["exercises"]["verdicts"]["assigned"] == ["c21", "c24", "c25"]
    assert set(short["handin"]["exercises"]["verdicts"]["assigned"]) < set(full["handin"]["exercises"]["verdicts"]
                                                                             ["assigned"])


def test_partial_credit_shows_in_all_three(two_students):
    found, rows, _ = two_students
    for name, student in found.items():
        points = student["handin"]["scores"]["fact_opinion"]["points"]
        assert points != int(points), (name, points)          # a defensible label earned part of a point
        assert rows[name]["fact_opinion points"] == points_text(points)
        claims = student["handin"]["scores"]["claims"]["points"]
        assert claims != int(claims)                          # a claim found with the wrong sourcing


def test_the_item_table_has_one_row_per_student_and_assigned_item(two_students):
    found, rows, item_rows = two_students
    short_rows = [r for r in item_rows if r["student"] == "Short Sam" and r["exercise"] == "fact_opinion"]
    assert [r["item"] for r in short_rows] == ["h", "p1s1", "p2s1", "p4s1"]
    total = sum(float(r["points"]) for r in short_rows)
    assert total == pytest.approx(float(rows["Short Sam"]["fact_opinion points"]))
    assert {r["answered"] for r in short_rows} == {"yes", "no"}


def test_every_lesson_that_builds_an_exercise_passes_its_path(tmp_path):
    """The lessons build their exercises from their own plan: no lesson retypes the items."""
    for path in lesson.lesson_files(KIT / "lessons")[:8]:
        code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        for widget in ("FactOpinionSorter(case", "ActorTagger(case", "ClaimMarker(case"):
            for call in code.split(widget)[1:]:
                assert f'lesson="{path.name}"' in call.split(")")[0], f"{path.name}: {widget} without lesson="


def test_an_older_widget_answering_later_keeps_the_latest_assignment(case):
    from widgets.core.storage import WorkFile
    older = FactOpinionSorter(case, student="Ada", sentences=["h"])
    FactOpinionSorter(case, student="Ada", sentences=["h", "p1s1"])      # built later: the student's path now
    older.answer("h", {"label": "mixed", "sourcing": "none"})
    assert WorkFile("Ada", case.id).section_field("fact_opinion", "assigned") == ["h", "p1s1"]
