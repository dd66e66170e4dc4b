"""The session plan and the printable worksheets are generated from the lessons' metadata and cannot drift; the plan
fits the class periods with time to log in and to hand in, never schedules an exercise before the step that teaches
it, and the worksheets hold no answer."""
import importlib.util
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_key_hidden import FORBIDDEN, flat  # noqa: E402

spec = importlib.util.spec_from_file_location("session_plan", KIT / "tools" / "session_plan.py")
session_plan = importlib.util.module_from_spec(spec)
spec.loader.exec_module(session_plan)


def test_committed_plan_and_worksheets_match_the_lessons():
    for path, text in session_plan.generated().items():
        assert path.read_text(encoding="utf-8") == text, \
            f"{path.relative_to(KIT)} is stale: run `python tools/session_plan.py`"


def test_check_mode_reports_drift(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "session_plan.md"
    stale.write_text("old plan", encoding="utf-8")
    monkeypatch.setattr(session_plan, "PLAN", stale)
    monkeypatch.setattr(session_plan, "WORKSHEETS", tmp_path / "worksheets.html")
    assert session_plan.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().out
    assert stale.read_text(encoding="utf-8") == "old plan"


def test_periods_fit_and_include_logging_in_and_handing_in():
    periods = session_plan.periods()
    assert len(periods) <= session_plan.PERIODS
    for rows in periods:
        assert sum(minutes for minutes, _, _ in rows) <= session_plan.PERIOD
        assert "Log in" in rows[0][2] and "Binder" in rows[0][2]
        assert "hand-in" in rows[-1][2].lower()
    # every short-path step of every lesson is in the plan, in lesson order
    planned = [what for rows in periods for _, number, what in rows if number is not None]
    expected = [f"{plan['title']}: {step['title']}" for _, plan in session_plan.plans()
                for step in plan.get("steps", []) if step["short"]]
    assert planned == expected


def test_no_skill_is_scored_before_it_is_taught():
    """Sourcing is taught in lesson 3, step 2; the exercises that score it (claims, fact or opinion) come after,
    and each lesson's own teaching steps come before its exercise steps."""
    rows = [what for period in session_plan.periods() for _, _, what in period]
    taught = rows.index("Claims and sources: Step 2: Who says so? Kinds of sourcing")
    assert taught < rows.index("Claims and sources: Step 3: Mark the claims in paragraph 3")
    assert taught < rows.index("Fact, opinion, or mixed: Step 3: Sort the headline and three sentences")
    assert rows.index("Fact, opinion, or mixed: Step 1: Definitions") < \
        rows.index("Fact, opinion, or mixed: Step 3: Sort the headline and three sentences")
    assert rows.index("Actors: Step 1: What counts as an actor?") < \
        rows.index("Actors: Step 2: Tag the actors of paragraph 2")


def test_no_computer_fallback_points_to_the_worksheets_not_the_key():
    text = session_plan.plan_markdown()
    fallback = text.split("**No computers or no network.**")[1].split("\n- ")[0]
    assert "worksheets.html" in fallback and "Do not hand out the answer key" in fallback
    assert "PEDAGOGY" not in text


def test_worksheets_list_every_assigned_item_and_no_answer():
    page = session_plan.worksheets_html()
    shown = flat(page)
    leaks = [what for needle, what in FORBIDDEN.items() if needle in shown]
    assert not leaks, leaks
    case = session_plan.load_case(session_plan.CASE)
    for claim_id in ("c20", "c25"):
        assert f"★ {claim_id}" in page
    assert all(f">★ {s}<" in page for s in ("p2s1", "p4s1", "p3s2"))
    assert page.count("<tr><td>") >= len(case.sentences) * 3
