"""The lessons keep the kit's lesson format, their time plans add up, and the lesson helpers behave.

Every numbered lesson (lessons/NN_*.ipynb) must carry its plan in metadata["kit"] (widgets/core/lesson/plans.py), print it
from its header cell, and have: an Overview with questions and objectives, prerequisites, discussion questions, a
summary with key points, what comes next, and notes for instructors in cells tagged "instructor". The short paths of
all lessons together must fit two 50-minute class periods. The template (lessons/_template.ipynb) keeps every rule,
so a lesson copied from it starts valid; it is no lesson (not in the index, the student edition or the session plan).
"""
import json
import re
from pathlib import Path

import pytest

from widgets import lesson
from widgets.core import storage

KIT = Path(__file__).resolve().parents[2]
LESSONS = KIT / "lessons"
WARMUP = KIT / "seeds" / "warmup" / "statements.yaml"
LESSON_FILES = lesson.lesson_files(LESSONS)
# The template contributors copy (lessons/_template.ipynb): held to every rule a lesson is, but no lesson itself.
TEMPLATE = LESSONS / "_template.ipynb"
LESSONS_AND_TEMPLATE = LESSON_FILES + [TEMPLATE]
# The eight lessons of the walk through the seed article (issue 5); other lessons may follow them.
WALK_THROUGH = ["00_start_here", "01_first_read", "02_actors", "03_claims_and_sources", "04_fact_opinion_mixed",
                "05_framing_and_headlines", "06_checking_the_record", "07_wrap_up"]

# Learner-facing headings every lesson must have, in this order.
REQUIRED_HEADINGS = ["## Overview", "**Questions**", "**Objectives**", "## Prerequisites",
                     "## Discussion questions", "## Summary", "**Key points**", "## What comes next"]
INSTRUCTOR_TAG = "instructor"
INSTRUCTOR_HEADING = "## For instructors"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def text(value):
    """Notebook text fields may be stored as one string or as a list of lines."""
    return "".join(value) if isinstance(value, list) else value


def source(cell):
    return text(cell["source"])


def is_instructor(cell):
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


def test_walk_through_lessons_exist_in_order():
    names = [p.stem for p in LESSON_FILES]
    assert names[:len(WALK_THROUGH)] == WALK_THROUGH


def test_every_summary_question_is_asked_in_a_lesson():
    """The wrap-up summary lists the free responses by key; each key must be the key of a FreeResponse somewhere."""
    code = "\n".join(source(c) for p in LESSON_FILES for c in load(p)["cells"] if c["cell_type"] == "code")
    asked = set(re.findall(r'FreeResponse\(case,\s*"([A-Za-z0-9_-]+)"', code))
    assert set(lesson.SUMMARY_RESPONSES) <= asked, set(lesson.SUMMARY_RESPONSES) - asked


@pytest.mark.parametrize("path", LESSONS_AND_TEMPLATE, ids=lambda p: p.name)
def test_lesson_has_a_valid_plan_matching_its_file_and_title(path):
    plan = lesson.lesson_plan(path)
    assert plan["number"] == (int(path.name[:2]) if path != TEMPLATE else len(LESSON_FILES))
    if path == TEMPLATE:        # shows every part of a plan, so a copy starts with all of them
        assert plan.get("steps") and plan.get("assign") and set(plan["assign"]) == set(lesson.PATHS)
    first = load(path)["cells"][0]
    assert first["cell_type"] == "markdown"
    assert source(first).splitlines()[0] == f"# Lesson {plan['number']}: {plan['title']}"


@pytest.mark.parametrize("path", LESSONS_AND_TEMPLATE, ids=lambda p: p.name)
def test_header_cell_prints_the_plan_from_metadata(path):
    """One place of truth: the time box is printed by header() from the notebook's own metadata."""
    code_cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    header_cell = code_cells[0]
    assert f'header("{path.name}")' in source(header_cell)
    printed = "".join(text(o.get("text", "")) for o in header_cell.get("outputs", []) if o.get("output_type") == "stream")
    assert printed.strip() == lesson.header_text(lesson.lesson_plan(path)), \
        f"{path.name}: re-execute the lesson (make notebooks): its header output is stale"


@pytest.mark.parametrize("path", LESSONS_AND_TEMPLATE, ids=lambda p: p.name)
def test_lesson_has_every_section_in_order(path):
    learner = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown" and not is_instructor(c))
    positions = []
    for heading in REQUIRED_HEADINGS:
        assert heading in learner, f"{path.name}: missing {heading!r}"
        positions.append(learner.index(heading))
    assert positions == sorted(positions), f"{path.name}: sections out of order"
    # Objectives and questions are lists, not empty headings.
    for block in ("**Questions**", "**Objectives**", "**Key points**"):
        after = learner[learner.index(block) + len(block):].lstrip("\n")
        assert after.startswith("- "), f"{path.name}: {block} must be followed by a list"
    discussion = learner[learner.index("## Discussion questions"):learner.index("## Summary")]
    assert len(re.findall(r"^\d+\. ", discussion, flags=re.M)) >= 3, f"{path.name}: fewer than 3 discussion questions"


@pytest.mark.parametrize("path", LESSONS_AND_TEMPLATE, ids=lambda p: p.name)
def test_instructor_notes_are_tagged_and_kept_apart(path):
    cells = load(path)["cells"]
    tagged = [c for c in cells if is_instructor(c)]
    assert tagged, f"{path.name}: no cell tagged {INSTRUCTOR_TAG!r}"
    assert source(tagged[0]).startswith(INSTRUCTOR_HEADING)
    assert all(c["cell_type"] == "markdown" for c in tagged)
    untagged_with_heading = [source(c)[:40] for c in cells if not is_instructor(c) and INSTRUCTOR_HEADING in source(c)]
    assert not untagged_with_heading, f"{path.name}: instructor notes not tagged: {untagged_with_heading}"
    # Notes for instructors come after everything a student reads, so the student edition can drop them cleanly.
    first_tagged = next(i for i, c in enumerate(cells) if is_instructor(c))
    assert all(is_instructor(c) for c in cells[first_tagged:])


@pytest.mark.parametrize("path", LESSONS_AND_TEMPLATE, ids=lambda p: p.name)
def test_lesson_is_committed_executed_without_errors_or_machine_details(path):
    code_cells = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
    assert code_cells and all(c.get("execution_count") for c in code_cells), \
        f"{path.name}: commit the lesson executed (make notebooks), so nbval compares its outputs"
    for cell in code_cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: a cell raised {output.get('ename')}"
            stored = json.dumps(output.get("data", {})) + text(output.get("text", ""))
            assert not re.search(r"/tmp/|/home/|/root/|\d{4}-\d\d-\d\dT\d\d:\d\d", stored), \
                f"{path.name}: stored output holds a path or a timestamp: {stored[:120]}"


def test_the_template_is_no_lesson_and_says_what_goes_where():
    """Files starting with "_" are not lessons: not in lesson_files (so not in the index, the session plan or the
    kit's assignments), not in the student edition. The template's placeholders say what to replace."""
    import sys
    sys.path.insert(0, str(KIT / "tools"))
    import student_edition

    assert TEMPLATE.is_file() and TEMPLATE not in LESSON_FILES
    assert TEMPLATE.name not in student_edition.build(LESSONS)
    assert TEMPLATE.name not in lesson.index_table(LESSONS)
    cells = load(TEMPLATE)["cells"]
    assert sum("<!-- TEMPLATE:" in source(c) for c in cells if c["cell_type"] == "markdown") >= 5
    code = "\n".join(source(c) for c in cells if c["cell_type"] == "code")
    assert 'seed_case("' in code and f'lesson="{TEMPLATE.name}"' in code and "../seeds" not in code


def test_no_lesson_hard_codes_a_path_into_seeds():
    """Lessons load cases with seed_case(...), which finds seeds/ wherever the notebook runs from."""
    for path in LESSONS_AND_TEMPLATE + [LESSONS / "primer.ipynb"]:
        code = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "code")
        assert "../seeds" not in code, f"{path.name}: use seed_case(...) or seed_path(...)"


def test_short_path_of_the_whole_kit_fits_two_class_periods():
    total = sum(lesson.lesson_plan(p)["short_path_minutes"] for p in LESSON_FILES)
    assert 0 < total <= lesson.CLASS_PERIOD_MINUTES * lesson.SHORT_PATH_PERIODS


def test_lessons_readme_index_matches_the_metadata():
    readme = (LESSONS / "README.md").read_text(encoding="utf-8")
    assert lesson.index_table(LESSONS) in readme, "lessons/README.md: paste the output of widgets.lesson.index_table"


# --------------------------------------------------------------------------------------------------- helpers

def write_notebook(tmp_path, plan):
    path = tmp_path / "05_x.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {"kit": plan}, "nbformat": 4, "nbformat_minor": 5}))
    return path


GOOD_PLAN = {"number": 5, "title": "X", "teaching_minutes": 10, "exercise_minutes": 5, "short_path_minutes": 8,
             "short_path": "Steps 1 and 2."}


def test_header_text_states_minutes_and_short_path():
    text = lesson.header_text(GOOD_PLAN)
    assert text.splitlines()[0] == "Lesson 5: X"
    assert "10 minutes of teaching and 5 minutes of exercises (15 minutes in all)" in text
    assert "Short path for a 50-minute class: 8 minutes. Steps 1 and 2." in text


@pytest.mark.parametrize("change, message", [
    ({"teaching_minutes": "ten"}, r"05_x.ipynb: metadata.kit.teaching_minutes: 'ten' should be a whole number$"),
    ({"short_path_minutes": -1}, r"metadata.kit.short_path_minutes: -1 is below the minimum, 0$"),
    ({"short_path": ""}, r"metadata.kit.short_path: should not be empty$"),
    ({"short_path": "   "}, r"metadata.kit.short_path: should not be empty$"),
    ({"title": None}, r"metadata.kit.title: null should be text$"),
    ({"short_path_minutes": 99}, r"metadata.kit.short_path_minutes: is longer than the whole lesson$"),
    ({"steps": [{"title": "Step 1", "minutes": 15, "short": "yes"}]},
     r"metadata.kit.steps\[0\].short: 'yes' should be true or false$"),
    ({"steps": [{"title": "Step 1", "minutes": 8, "short": True}, {"title": "Step 2", "minutes": 2, "short": False}]},
     r"metadata.kit.steps: the steps add up to 10 minutes, not teaching_minutes \+ exercise_minutes \(15\)"),
    ({"assign": {"long": {"actors": "all"}}}, r"metadata.kit.assign: 'long' is not one of short, full$"),
    ({"assign": {"short": {"actors": []}}}, r"metadata.kit.assign.short.actors: should not be empty$"),
    ({"number": 5.0}, r"metadata.kit.number: 5.0 should be a whole number$"),
])
def test_bad_plan_gets_a_clear_error(tmp_path, change, message):
    path = write_notebook(tmp_path, {**GOOD_PLAN, **change})
    with pytest.raises(lesson.LessonPlanError, match=message) as raised:
        lesson.lesson_plan(path)
    assert len(str(raised.value).splitlines()) == 1, str(raised.value)     # one problem, said once


def test_missing_plan_and_missing_file_get_clear_errors(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": {}}))
    with pytest.raises(lesson.LessonPlanError, match="no 'kit' lesson plan"):
        lesson.lesson_plan(path)
    with pytest.raises(lesson.LessonPlanError, match="lesson file not found"):
        lesson.lesson_plan(tmp_path / "missing.ipynb")


def test_warmup_is_balanced_between_sides_and_labels():
    statements = lesson.load_warmup(WARMUP)
    groups = {}
    for item in statements:
        groups.setdefault((item["appeals_to"], item["label"]), []).append(item["id"])
    sizes = {key: len(ids) for key, ids in groups.items()}
    assert set(sizes) == {(side, label) for side in lesson.WARMUP_SIDES for label in lesson.WARMUP_LABELS}
    assert len(set(sizes.values())) == 1, f"unbalanced warm-up: {sizes}"


def test_bad_warmup_names_the_statement_and_field(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text("format: fprl-warmup\nstatements:\n  - {id: a, text: t, label: maybe, appeals_to: left, rationale: r}\n")
    with pytest.raises(lesson.LessonPlanError,
                       match=r"w.yaml:3: statements\[0\]\.label: 'maybe' is not one of fact, opinion$"):
        lesson.load_warmup(path)
    path.write_text("format: fprl-warmup\nstatements:\n  - {id: a, text: t, label: fact, appeals_to: left, rationale: r}\n"
                    "  - {id: a, text: u, label: fact, appeals_to: left, rationale: r}\n")
    with pytest.raises(lesson.LessonPlanError, match=r"w.yaml:4: statements\[1\]\.id: 'a' is used twice \(first at "
                                                     r"line 3\)$"):
        lesson.load_warmup(path)
    path.write_text("format: fprl-warmup\nstatements:\n  - {id: a, text: '  ', label: fact, appeals_to: left}\n")
    with pytest.raises(lesson.LessonPlanError) as raised:
        lesson.load_warmup(path)
    assert str(raised.value).splitlines() == [f"{path}:3: statements[0].rationale: missing field 'rationale'",
                                              f"{path}:3: statements[0].text: should not be empty"]


def test_warmup_report_follows_pews_pattern():
    statements = [{"id": "f", "label": "fact"}, {"id": "o", "label": "opinion"}, {"id": "g", "label": "fact"}]
    answers = {"f": {"label": "opinion", "agree": "disagree"}, "o": {"label": "fact", "agree": "disagree"},
               "g": {"label": "fact", "agree": "agree"}}
    report = lesson.warmup_report(statements, answers)
    assert (report["correct"], report["total"], report["unanswered"]) == (1, 3, [])
    assert [m["id"] for m in report["facts_called_opinion"]] == ["f"]
    assert report["matches_pew_pattern"] == 1   # the disliked fact; the disliked opinion called fact goes against it


def test_warmup_widget_checks_answers_set_like_the_buttons():
    widget = lesson.WarmUp(WARMUP)
    first = widget.statements[0]
    wrong = next(label for label in lesson.WARMUP_LABELS if label != first["label"])
    widget.answer(first["id"], label=wrong, agree="disagree")
    report = widget.check()
    assert report["correct"] == 0 and len(report["unanswered"]) == len(widget.items) - 1
    assert "You sorted 0 of" in widget.feedback.value and "mislabelled 1 statement" in widget.feedback.value
    assert "Run this cell" in repr(widget)


def test_name_box_saves_the_name_and_explains_an_empty_one(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets.core.storage import current_student

    box = lesson.NameBox()
    box.text.value = "   "
    box.button.click()
    assert "Not saved" in box.status.value and current_student() == "anonymous"
    box.text.value = "<b>Ada</b>"
    box.button.click()                                 # markup is no name (issue 23: an allow-list of characters)
    assert "Not saved" in box.status.value and "U+003C" in box.status.value and current_student() == "anonymous"
    box.text.value = "Zoë O'Neil"
    box.button.click()
    assert current_student() == "Zoë O'Neil" and "Zoë O&#39;Neil" in box.status.value
    assert lesson.NameBox().text.value == "Zoë O'Neil"   # a later lesson shows the saved name


def test_summary_reports_answers_escaped_and_is_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets import FactOpinionSorter, FreeResponse, load_case
    from widgets.core.storage import set_student

    case = load_case(KIT / "seeds" / "biden-china-2022")
    set_student("Zoë")
    blank = lesson.summary_text(case)
    assert blank.splitlines()[0] == "Reading notes by Zoë" and "No exercise answered yet." in blank
    assert blank.count(lesson.NOT_WRITTEN) == len(lesson.SUMMARY_RESPONSES)
    FreeResponse(case, "first_impression", "?").answer("first_impression", "Angry <script>x</script>")
    first = case.sentences[0]
    FactOpinionSorter(case, sentences=[first.id, "p1s1"]).answer(first.id, {"label": first.label,
                                                                         "sourcing": first.sourcing})
    text = lesson.summary_text(case)
    assert "Angry <script>x</script>" in text
    # scored over the teacher's assignment (the lessons' plan for the full path: all 17 sentences), not over the
    # two sentences this sorter was built with (issue 23: sentences= cannot shrink a grade)
    assert "Fact or opinion: 1 of 17 points (1 of 17 sentences fully right; 1 of 17 answered)" in text
    view = lesson.SummaryView(case)
    page = view.last_path.read_text(encoding="utf-8")
    assert view.last_path.name == f"{storage.student_slug('Zoë')}__biden-china-2022__summary.html"
    assert "Angry &lt;script&gt;" in page and "<script>" not in page
    assert '<style class="fprl-stylesheet">' in page and 'class="fprl-summary-page"' in page   # the kit's stylesheet
    assert " style=" not in page and " style=" not in view.preview.value                       # classes, not inline
    assert "Angry &lt;script&gt;" in view.preview.value
    assert "Zoë" not in repr(view)   # the stored output never holds a name


def test_summary_view_shows_a_write_error_instead_of_raising(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets import load_case

    case = load_case(KIT / "seeds" / "biden-china-2022")
    view = lesson.SummaryView(case)
    monkeypatch.setattr(lesson.summary, "save_summary", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    assert view.save() is None and "Not saved" in view.status.value and "disk full" in view.status.value


def test_key_findings_count_the_key():
    from widgets import load_case

    case = load_case(KIT / "seeds" / "biden-china-2022")
    lines = lesson.key_findings(case)
    assert lines[0].startswith(f"Sentences: {len(case.sentences)} (")
    assert f"Framing devices: {len(case.framing)} (" in lines[-1]


def test_primary_passage_finds_a_line_and_refuses_other_sources():
    from widgets import load_case

    case = load_case(KIT / "seeds" / "biden-china-2022")
    public = next(s for s in case.sources if s.public_domain)
    other = next(s for s in case.sources if not s.public_domain)
    first_line = (case.path / public.file).read_text(encoding="utf-8").splitlines()[0]
    assert lesson.primary_passage(case, public.id, first_line[:20]) == first_line.strip()
    with pytest.raises(ValueError, match="no line contains"):
        lesson.primary_passage(case, public.id, "no such words anywhere 123")
    with pytest.raises(ValueError, match="not a public-domain text"):
        lesson.primary_passage(case, other.id, "x")


def test_summary_keeps_the_key_counts_until_the_sorter_and_verdicts_are_answered(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets import ClaimMarker, FactOpinionSorter, load_case

    case = load_case(KIT / "seeds" / "biden-china-2022")
    counts = lesson.key_findings(case)
    blank = lesson.summary_text(case, student="Ada")
    assert lesson.summary.FINDINGS_LOCKED in blank and not any(line in blank for line in counts)
    assigned = lesson.teacher_assignment(case, "full")      # what the lessons assign: the lock waits for these
    sorter = FactOpinionSorter(case, student="Ada", sentences=assigned["fact_opinion"])
    for sentence_id in assigned["fact_opinion"][:-1]:
        sorter.answer(sentence_id, {"label": "fact", "sourcing": "none"})
    assert lesson.summary.FINDINGS_LOCKED in lesson.summary_text(case, student="Ada")
    sorter.answer(assigned["fact_opinion"][-1], {"label": "fact", "sourcing": "none"})
    half = lesson.summary_text(case, student="Ada")
    assert lesson.summary.FINDINGS_LOCKED in half and not any(line in half for line in counts)
    picker = ClaimMarker(case, student="Ada", mode="verdict", claims=assigned["verdicts"])
    for claim_id in assigned["verdicts"]:
        picker.answer(claim_id, "supported")
    done = lesson.summary_text(case, student="Ada")
    assert lesson.summary.FINDINGS_LOCKED not in done and all(line in done for line in counts)
