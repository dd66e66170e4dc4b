"""The class plans, the lessons' minutes and the print packet are generated from the time model and cannot drift:
every period fits its minutes when recomputed from the notebooks' own text, has a discussion of named prompts, an
exit ticket and the hand-in; the two-period plan reads laterally, the three-period plan has lesson 8; the student
packet holds no answer."""
import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from widgets import lesson
from widgets.core import planning, timing
from widgets.core.grading import exit_tickets, skills
from widgets.core.grading.lateral import load_task
from widgets.core.grading.verdicts import claim_by_id

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_key_hidden import FORBIDDEN, flat  # noqa: E402

spec = importlib.util.spec_from_file_location("session_plan", KIT / "tools" / "session_plan.py")
session_plan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(session_plan)
PERIOD = session_plan.PERIOD


def test_check_mode_reports_drift(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "session_plan.md"
    stale.write_text("old plan", encoding="utf-8")
    monkeypatch.setitem(session_plan.PLANS, 2, (stale, tmp_path / "plan.json"))
    monkeypatch.setattr(session_plan, "WORKSHEETS", tmp_path / "worksheets.html")
    for path, text in session_plan.generated(lessons=False).items():   # every other output up to date
        if path.parent == tmp_path and path != stale:
            path.write_text(text, encoding="utf-8")
    assert session_plan.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "stale" in out
    assert [line for line in out.splitlines() if line.startswith("stale:")] == [f"stale: {stale}"]   # that file only
    assert stale.read_text(encoding="utf-8") == "old plan"


@pytest.mark.parametrize("periods", [2, 3])
def test_the_command_prints_the_committed_plan(periods):
    result = subprocess.run([sys.executable, "-m", "widgets", "plan", "--periods", str(periods), "--minutes",
                             str(PERIOD), "--json"], capture_output=True, text=True, cwd=KIT, check=True)
    committed = session_plan.PLANS[periods][1].read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(committed)


def test_a_plan_that_cannot_fit_is_refused_in_one_sentence():
    result = subprocess.run([sys.executable, "-m", "widgets", "plan", "--periods", "2", "--minutes", "40"],
                            capture_output=True, text=True, cwd=KIT)
    assert result.returncode == 1 and result.stdout == ""
    message = result.stderr.strip()
    assert message.count("\n") == 0 and message.endswith(".") and "Period 1 of 2 does not fit 40 minutes" in message
    with pytest.raises(planning.PlanError, match="plans for 2 or 3 periods"):
        planning.make_plan(5, 50)


def _exact_seconds(period, seen: set) -> float:
    """A period's time recomputed from the notebooks' text with the rates, without rounding any step (`seen`: the
    items answered in earlier periods)."""
    seconds = 0.0
    for block in period.blocks:
        if block.kind != "step":
            continue
        notebook = KIT / "lessons" / block.lesson
        headings = timing.step_headings(timing.raw_plan(notebook))
        seconds += timing.step_times(notebook, "short", headings, [block.heading], seen)[block.heading].seconds
    return seconds


@pytest.mark.parametrize("periods", [2, 3])
def test_every_period_fits_and_has_discussion_an_exit_ticket_and_the_hand_in(periods):
    minimum = timing.rates()["blocks"]["discussion_minimum"]
    plan = planning.make_plan(periods, PERIOD)
    assert len(plan) == periods
    seen: set = set()
    for period in plan:
        assert period.minutes <= PERIOD
        fixed = sum(b.minutes for b in period.blocks if b.kind != "step")
        assert math.ceil(_exact_seconds(period, seen) / 60) + fixed <= PERIOD
        kinds = [b.kind for b in period.blocks]
        assert kinds[0] == "log-in" and kinds[-2:] == ["discussion", "hand-in"]
        discussion = period.blocks[-2]
        assert discussion.minutes >= minimum and 2 <= len(discussion.prompts) <= 3
        for prompt in discussion.prompts:
            assert prompt["text"] in " ".join(planning.discussion_questions(KIT / "lessons" / prompt["lesson"])
                                              .values())
        assert any(b.heading == "Exit ticket" and "exit_tickets" in b.items for b in period.blocks)
    if periods > 1:
        assert "Upload my work" in plan[1].blocks[0].what and "Download all my work" in plan[0].blocks[-1].what


def test_the_two_period_plan_reads_laterally_and_the_three_period_plan_has_lesson_8():
    two = [b for p in planning.make_plan(2, PERIOD) for b in p.blocks]
    lateral = [b for b in two if "lateral_reading" in b.items]
    assert len(lateral) == 1 and lateral[0].minutes >= 10
    three = [b for p in planning.make_plan(3, PERIOD) for b in p.blocks]
    assert sum(b.lesson == "08_two_spins.ipynb" for b in three) >= 4


def test_the_model_counts_what_the_widgets_show_and_no_item_twice():
    lesson6 = KIT / "lessons" / "06_checking_the_record.ipynb"
    step = "Step 1: Your verdict, before and after the evidence"
    times = timing.step_times(lesson6, "short", timing.step_headings(timing.raw_plan(lesson6)), [step])[step]
    markdown = sum(timing.words(t) for s in timing.sections(lesson6) if s.heading == step for t in s.markdown)
    assert times.words > markdown + 100                                   # the claims and the evidence
    assert times.items["verdicts"] == times.items["verdicts_after"] >= 1  # each of the two verdicts counts
    rates = timing.rates()
    assert times.seconds >= times.items["verdicts"] * 2 * rates["seconds_per_item"]["verdicts"]
    lesson8 = KIT / "lessons" / "08_two_spins.ipynb"
    step2 = "Step 2: Sort sentences in both spins"
    headings = timing.step_headings(timing.raw_plan(lesson8))
    alone = timing.step_times(lesson8, "short", headings, [step2])[step2]
    lesson4 = lesson.lesson_plan(KIT / "lessons" / "04_fact_opinion_mixed.ipynb")["assign"]["short"]["fact_opinion"]
    seen = {("biden-china-2022", "fact_opinion", item) for item in lesson4}
    after_lesson_4 = timing.step_times(lesson8, "short", headings, [step2], seen)[step2]
    assert alone.items["fact_opinion"] - after_lesson_4.items["fact_opinion"] == 4


def test_rates_cannot_be_tuned_below_their_floors():
    from widgets.core.schemas import check
    rates = dict(timing.rates())
    assert rates["words_per_minute"] <= 180
    floors = {"fact_opinion": 30, "actors": 45, "claims": 45, "framing": 45, "verdicts": 60, "skills": 20,
              "responses": 180}
    for kind, floor in floors.items():
        assert rates["seconds_per_item"][kind] >= floor
        lowered = {**rates, "seconds_per_item": {**rates["seconds_per_item"], kind: floor - 1}}
        assert check("time_model", lowered, "time_model.yaml"), kind
    assert check("time_model", {**rates, "words_per_minute": 240}, "time_model.yaml")
    text = timing.DATA_FILE.read_text(encoding="utf-8")
    assert "https://doi.org/10.1016/j.jml.2019.104047" in text and "../shared" not in text


def test_lessons_take_their_minutes_from_the_model_and_notes_do_not_disagree():
    rows = timing.lesson_rows(session_plan.lesson_notebooks())
    for notebook in session_plan.lesson_notebooks():
        plan = timing.raw_plan(notebook)
        assert [s["minutes"] for s in plan["steps"]] == [t.minutes for t in rows[notebook.name]], notebook.name
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        notes = ["".join(c["source"]) for c in cells if "instructor" in c["metadata"].get("tags", [])]
        for note in notes:
            rest = session_plan.TIMING.sub("", note)
            assert not re.search(r"\d+\s*(?:to \d+ )?minutes?", rest), f"{notebook.name}: minutes outside Timing"
        if notes:
            assert session_plan.timing_paragraph(plan) in notes[-1]


def test_no_skill_is_scored_before_it_is_taught():
    """Sourcing is taught in lesson 3, step 2; the exercises that score it come after, and each lesson's teaching
    steps come before its exercise steps."""
    rows = [f"{b.lesson[:2]} {b.heading}" for p in planning.make_plan(2, PERIOD) for b in p.blocks if b.heading]
    taught = rows.index("03 Step 2: Who says so? Three kinds of sourcing")
    assert taught < rows.index("03 Step 3: Mark the claims")
    assert taught < rows.index("04 Step 3: Sort every sentence of the article")
    assert rows.index("04 Step 1: Definitions") < rows.index("04 Step 3: Sort every sentence of the article")
    assert rows.index("02 Step 1: What counts as an actor?") < rows.index("02 Step 2: Tag the actors")


def test_no_computer_fallback_points_to_the_packet_not_the_key():
    text = session_plan.plan_markdown()
    fallback = text.split("**No computers or no network.**")[1].split("\n- ")[0]
    assert "worksheets.html" in fallback and "Do not hand out the answer key" in fallback
    assert "PEDAGOGY" not in text


def _key_strings() -> dict:
    """Key content the student packet must not hold: the case key (test_key_hidden), the skills-check reasons,
    the exit tickets' reasons, the verdict notes and the lateral-reading example answers."""
    case = session_plan.load_case(session_plan.CASE)
    found = dict(FORBIDDEN)
    for form in skills.FORMS:
        for s in (*skills.load_form(form).statements, *skills.load_form(form).transfer):
            found[flat(s.rationale)[:60]] = f"skills-check reason {form} {s.id}"
    for q in exit_tickets.questions().values():
        found[flat(q.why)[:60]] = f"exit-ticket reason {q.id}"
    for claim_id in lesson.assigned_items(session_plan.LESSONS / "06_checking_the_record.ipynb", "verdicts", case,
                                          "short"):
        found[flat(claim_by_id(case, claim_id).note)[:60]] = f"verdict note {claim_id}"
    for question, levels in load_task().examples.items():
        found[flat(levels["mastery"])[:60]] = f"lateral example {question}"
    return found


def test_the_student_packet_has_the_seven_parts_and_no_key_content():
    page = session_plan.worksheets_html()
    shown = flat(page)
    key = _key_strings()
    leaks = [what for needle, what in key.items() if needle in shown]
    assert not leaks, leaks
    teacher = flat(session_plan.worksheets_html(teacher=True))
    assert sum(needle in teacher for needle in key) >= 40            # the teacher's copy has the answers
    for part in ("Skills check (before)", "Skills check (after)", "The article, with line numbers",
                 "Lateral-reading log", "Where I looked", "Evidence packet", "Exit ticket: actors, claims and sources",
                 "Exit ticket: facts, framing and the record", "Glossary of the kit's terms"):
        assert part in page, part
    assert page.count("<h2 class=\"fprl-period\">") == 2
    case = session_plan.load_case(session_plan.CASE)
    for sentence_id in ("p2s1", "p3s1", "p1s1"):
        assert f"<td>{sentence_id}</td>" in page                     # the short path's exercise items
    assert "another month or so" in page and "2022-02-25" in page    # an excerpt and a dated entry per claim
    assert f"[{case.sentences[0].id}]" in page and '<li value="1">' in page
    assert "@media print" in page and "break-before: page" in page
