"""A class of simulated students, driven through the real widgets, hands in; the class report shows the skills check
(before, after and weeks later; forms counterbalanced by name; a per-statement table; the class gain adjusted for
form, with an interval) beside Pew's figures, every lateral-reading finding (escaped), framing precision and recall, the before → after
verdict table and the written answers; the gradebook has the skills-check columns. Expected numbers are counted
here from what each simulated student did."""
import csv
import random
import shutil
from pathlib import Path

import pytest

from widgets.classroom.handin import hand_in
from widgets.classroom.results import class_results
from widgets.classroom.rubrics import rubrics_markdown, written_tasks
from widgets.exercises.framing_finder import FramingFinder
from widgets.exercises.lateral_reading import LateralReading
from widgets.exercises.responses import FreeResponse
from widgets.exercises.skills_check import SkillsCheck
from widgets.exercises.verdict_change import VerdictBeforeAfter
from widgets.core.grading import skills
from widgets.core.loading import load_case
from widgets.core.storage import WorkFile

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "biden-china-2022"
STUDENTS = 8
CLAIMS = ("c1", "c2", "c3")
HOSTILE = '<script>alert("x")</script>'


def _flip(label):
    return "opinion" if label == "fact" else "fact"


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    case = load_case(SEED)
    rng = random.Random(13)
    root = tmp_path_factory.mktemp("practice")
    folder = root / "class-folder"
    folder.mkdir()
    expected = {}
    mp = pytest.MonkeyPatch()
    for number in range(STUDENTS):
        student = f"Student {number + 1}"
        mp.setenv("KIT_WORK_DIR", str(root / f"work-{number}"))
        # Skills check: before with a few errors, after with fewer, weeks later in between. The agreement question
        # is on for odd students (kept in the kernel only).
        scores = {}
        for form, errors in (("pre", rng.randint(1, 4)), ("post", rng.randint(0, 2)), ("delayed", rng.randint(0, 3))):
            check = SkillsCheck(form, student=student, ask_agreement=bool(number % 2))
            scores[form + "_form"] = check.form.form
            wrong = set(rng.sample([s.id for s in check.form.statements], errors))
            for statement in check.form.statements + check.form.transfer:
                label = _flip(statement.label) if statement.id in wrong else statement.label
                if check.ask_agreement:
                    check.agree(statement.id, "disagree" if statement.id in wrong else "prefer-not")
                check.answer(statement.id, {"label": label})
            check.check()
            scores[form] = check.score()[0]
            scores[form + "_wrong"] = wrong
            facts_wrong = sum(1 for s in check.form.statements if s.id in wrong and s.label == "fact")
            opinions_wrong = len(wrong) - facts_wrong
            scores[form + "_all"] = (facts_wrong == 0, opinions_wrong == 0)
        # Lateral reading: one finding each, one with hostile markup.
        reading = LateralReading(case, student=student)
        finding = HOSTILE if number == 0 else f"Finding {number}: the site names no owner."
        reading.answer("who_runs", {"url": f"https://example.org/s{number}", "finding": finding})
        reading.self_check("who_runs", rng.choice(["beginning", "emerging", "mastery"]))
        # Framing: mark 'inability' (a key device) and, for odd students, 'Joe' (not one).
        finder = FramingFinder(case, student=student, sentences=["p1s1"])
        text = case.sentence("p1s1").text
        start = text.index("inability")
        marks = [{"start": start, "end": start + len("inability"), "device": "loaded-word"}]
        if number % 2:
            marks.append({"start": 0, "end": 3, "device": "intensifier"})
        finder.answer("p1s1", marks)
        # Verdicts before and after the evidence.
        judge = VerdictBeforeAfter(case, student=student, claims=list(CLAIMS))
        moves = {}
        for claim_id in CLAIMS:
            key = next(c.verdict for c in case.claims if c.id == claim_id)
            before = rng.choice(["supported", "distorted", "unsupported"])
            judge.answer(claim_id, before)
            judge.check()
            after = key if rng.random() < 0.7 else before
            judge.answer(claim_id, after)
            moves[claim_id] = (before, after)
        FreeResponse(case, "reflection", "Reflect", student=student).answer("reflection", f"I learned {number} & more")
        path = hand_in(case, student=student)
        shutil.copy2(path, folder / path.name)
        expected[student] = {"scores": scores, "moves": moves, "extra": number % 2}
    mp.undo()
    results = class_results(folder, case=SEED)
    gradebook = root / "gradebook.csv"
    results.write_csv(gradebook)
    return {"case": case, "results": results, "html": results.to_html(), "expected": expected,
            "gradebook": list(csv.reader(gradebook.open(encoding="utf-8")))}


def test_every_hand_in_carries_every_skills_form_and_no_agreement(classroom):
    submissions = classroom["results"].contents.accepted
    assert len(submissions) == STUDENTS
    for submission in submissions:
        for exercise in ("skills_pre", "skills_post", "skills_delayed"):
            answers = submission.answers(exercise)
            assert answers[skills.COMMITTED] is True and answers[skills.FORM_ITEM] in skills.FORMS
            assert len(answers) == 14
        assert "agree" not in submission.path.read_text(encoding="utf-8")
    orders = {e["scores"]["pre_form"] + e["scores"]["post_form"] for e in classroom["expected"].values()}
    assert orders == {"AB", "BA"}


def test_report_has_the_per_statement_table_and_the_adjusted_gain(classroom):
    page, expected = classroom["html"], classroom["expected"]
    assert "Each statement: share of the class right before, after and weeks later" in page
    form = skills.load_form("A")
    taken_before = [e for e in expected.values() if e["scores"]["pre_form"] == "A"]
    right = sum(form.statements[0].id not in e["scores"]["pre_wrong"] for e in taken_before)
    share = f"{100 * right / len(taken_before):.0f}% ({right} of {len(taken_before)})"
    row = page[page.index(form.statements[0].text.replace("'", "&#39;")):][:600]
    assert share in row
    pairs = [(e["scores"]["pre_form"] + e["scores"]["post_form"], e["scores"]["post"] - e["scores"]["pre"])
             for e in expected.values()]
    means = [sum(g for o, g in pairs if o == order) / sum(o == order for o, _ in pairs) for order in ("AB", "BA")]
    estimate = skills.adjusted_gain(pairs)
    assert abs(estimate.gain - sum(means) / 2) < 1e-9 and estimate.adjusted
    assert estimate.low < estimate.gain < estimate.high
    assert f"Class gain {estimate.gain:+.1f} of 12, 95% interval {estimate.low:+.1f} to {estimate.high:+.1f}" in page
    assert "adjusted for form" in page
    later = [e["scores"]["delayed"] for e in expected.values()]
    assert f"Weeks later: mean {sum(later) / STUDENTS:.1f} of 12 ({STUDENTS} students)" in page


def test_report_shows_pre_post_gain_beside_pews_figures(classroom):
    page, expected = classroom["html"], classroom["expected"]
    assert "Skills check: before, after and weeks later" in page
    assert "U.S. adults (Pew, 2018)" in page and ">26%<" in page and ">35%<" in page
    assert "pewresearch.org" in page
    pre = [e["scores"]["pre"] for e in expected.values()]
    post = [e["scores"]["post"] for e in expected.values()]
    assert f"Before: mean {sum(pre) / STUDENTS:.1f} of 12" in page
    assert f"After: mean {sum(post) / STUDENTS:.1f} of 12" in page
    all_facts_pre = sum(e["scores"]["pre_all"][0] for e in expected.values()) / STUDENTS
    assert f'<td class="fprl-num">{100 * all_facts_pre:.0f}%</td>' in page
    for e in expected.values():
        assert f'{e["scores"]["post"] - e["scores"]["pre"]:+d}</td>' in page
    assert "toward disagreed" not in page and "disagree" not in page     # no agreement reaches the report


def test_report_lists_every_lateral_reading_finding_escaped(classroom):
    page = classroom["html"]
    assert HOSTILE not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    for number in range(1, STUDENTS):
        assert f"Finding {number}: the site names no owner." in page
        assert f"<code>https://example.org/s{number}</code>" in page
    assert 'href="https://example.org' not in page        # addresses are text, never links


def test_report_shows_framing_precision_and_recall(classroom):
    page, expected = classroom["html"], classroom["expected"]
    extras = sum(e["extra"] for e in expected.values())
    key_in_p1s1 = sum(1 for f in classroom["case"].framing if f.sentence_id == "p1s1" and f.device != "omission")
    precision = STUDENTS / (STUDENTS + extras)
    recall = 1 / key_in_p1s1
    assert f"Class: precision {100 * precision:.0f}%, recall {100 * recall:.0f}%" in page
    assert '<td class="fprl-num">50%</td>' in page and '<td class="fprl-num">100%</td>' in page


def test_report_has_the_before_after_verdict_table(classroom):
    page, expected = classroom["html"], classroom["expected"]
    assert "Verdicts before → after the evidence" in page
    for claim_id in CLAIMS:
        counts = {}
        for e in expected.values():
            counts[e["moves"][claim_id]] = counts.get(e["moves"][claim_id], 0) + 1
        for (before, after), n in counts.items():
            assert f"{before} → {after}: {n}" in page


def test_report_lists_written_answers_per_question_escaped(classroom):
    page = classroom["html"]
    assert written_tasks()["reflection"]["title"] in page
    assert "I learned 3 &amp; more" in page


def test_gradebook_has_skills_check_columns(classroom):
    header, *rows = classroom["gradebook"]
    assert header[-5:] == ["skills check before (of 12)", "skills check after (of 12)", "skills check gain",
                           "skills check weeks later (of 12)", "skills check forms"]
    for row in rows:
        scores = classroom["expected"][row[0]]["scores"]
        assert row[-5:] == [str(scores["pre"]), str(scores["post"]), str(scores["post"] - scores["pre"]),
                            str(scores["delayed"]), scores["pre_form"] + scores["post_form"] + "C"]


def test_items_csv_has_a_row_per_statement_taken(classroom):
    rows = classroom["results"].item_rows()
    skills_rows = [row for row in rows if row[1].startswith("skills_")]
    assert len(skills_rows) == STUDENTS * 3 * 12
    for row in skills_rows:
        scores = classroom["expected"][row[0]]["scores"]
        moment = row[1].removeprefix("skills_")
        letter, item = row[2].split(":")
        assert letter == scores[moment + "_form"]
        assert row[4] == ("wrong" if item in scores[moment + "_wrong"] else "right")


def test_the_instructor_rubrics_are_generated_from_the_data():
    # the committed file is rubrics_markdown()'s text: tools/generated.py --check (make test) checks it
    text = rubrics_markdown()
    for level in ("Beginning", "Emerging", "Mastery"):
        assert text.count(f"| {level} |") >= 3 + len(written_tasks())


def test_hand_in_without_a_skills_check_still_works(tmp_path, monkeypatch):
    case = load_case(SEED)
    FreeResponse(case, "reflection", "Reflect", student="Solo").answer("reflection", "Only this.")
    submission = __import__("json").loads(hand_in(case, student="Solo").read_text())
    assert set(submission["exercises"]) == {"responses"}
    assert WorkFile("Solo", skills.WORK_CASE).answers("skills_pre") == {}
