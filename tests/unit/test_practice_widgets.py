"""The practice exercises (issue 13) through their widgets, as a student uses them: the skills check keeps its key
hidden until the whole form is committed; lateral reading records a URL and a finding, then shows the rubric;
FramingFinder gives precision and recall with the key's explanations; verdicts are recorded before and after the
evidence, and the first is never overwritten."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.core.grading.results import AnswerError
from widgets.exercises.framing_finder import FramingFinder
from widgets.exercises.lateral_reading import LateralReading
from widgets.exercises.skills_check import SkillsCheck
from widgets.exercises.verdict_change import VerdictBeforeAfter
from widgets.core.grading import skills
from widgets.core.loading import load_case

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "biden-china-2022"


@pytest.fixture(scope="module")
def seed():
    return load_case(SEED)


def _answer_all(check, wrong=()):
    for statement in check.form.statements + check.form.transfer:
        label = statement.label if statement.id not in wrong else ("opinion" if statement.label == "fact" else "fact")
        check.answer(statement.id, {"label": label})


# ---------------------------------------------------------------------------------------------- forms

@pytest.mark.parametrize("form", skills.FORMS)
def test_each_form_has_five_facts_five_opinions_balanced_and_sourced(form):
    loaded = skills.load_form(form)
    labels = [s.label for s in loaded.statements]
    assert labels.count("fact") == 5 and labels.count("opinion") == 5
    assert [s.appeals_to for s in loaded.statements].count("left") == 5
    assert all(s.sources and all(u.startswith("https://") for u in s.sources)
               for s in loaded.statements if s.label == "fact")
    assert [t.label for t in loaded.transfer] == ["fact", "opinion"]
    assert all(t.text in loaded.passage for t in loaded.transfer)


@pytest.mark.parametrize("first, second", [("A", "B"), ("A", "C"), ("B", "C")])
def test_the_forms_are_parallel_and_share_no_statement(first, second):
    assert skills.parallel_problems(skills.load_form(first), skills.load_form(second)) == []


def test_first_forms_are_counterbalanced_by_name():
    names = [f"Student {number}" for number in range(20)]
    firsts = [skills.first_form(name) for name in names]
    assert set(firsts) == {"A", "B"}
    for name, first in zip(names, firsts):
        assert skills.form_for("pre", name) == first and skills.first_form(f"  {name.upper()} ") == first
        assert {skills.form_for("pre", name), skills.form_for("post", name)} == {"A", "B"}
        assert skills.form_for("delayed", name) == "C"
        assert SkillsCheck("pre", student=name).form.form == first


def test_a_broken_form_is_refused_naming_the_field():
    data = json.loads(json.dumps(__import__("yaml").safe_load((skills.DATA_DIR / "a.yaml").read_text())))
    data["statements"][0].pop("sources")
    data["statements"][1]["label"] = "fact"
    problems = skills.form_problems(data, "a.yaml")
    assert any("statements[0]" in p and "sources" in p for p in problems), problems


def test_the_pure_grading_modules_do_not_import_ipywidgets():
    code = ("import sys; import widgets.core.grading.skills, widgets.core.grading.framing, widgets.core.grading.lateral, "
            "widgets.core.grading.verdict_moves, widgets.core.grading.spans, widgets.classroom.practice; "
            "print('ipywidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------- skills check

def test_agreement_is_off_by_default_and_never_saved_when_on(monkeypatch, work):
    check = SkillsCheck("pre", student="Ada")
    assert not check.ask_agreement
    check.label_choice.value = "fact"
    check.check_button.click()                               # accepted without any agreement
    assert check.problem.value == "" and check.current_item == "s2"
    with pytest.raises(AnswerError, match="off"):
        check.agree("s2", "agree")
    monkeypatch.setenv(skills.AGREEMENT_SWITCH, "on")
    later = SkillsCheck("delayed", student="Ada")
    assert later.ask_agreement and "Prefer not to say" in [text for text, _ in later.agree_choice.options]
    later.agree_choice.value = "prefer-not"
    later.label_choice.value = "opinion"
    later.check_button.click()
    later.label_choice.value = "fact"                        # the next one without agreement: still accepted
    later.check_button.click()
    saved = json.dumps(skills_file(work))
    assert '"label"' in saved and "agree" not in saved and "prefer" not in saved
    assert later.result().lean.agreed + later.result().lean.disagreed == 0


def test_an_old_file_holding_agreement_is_never_handed_in(work):
    from widgets.classroom.handin import skills_sections
    from widgets.core.storage import WorkFile
    WorkFile("Old", skills.WORK_CASE).record("skills_pre", "s1", {"label": "fact", "agree": "disagree"})
    sections = skills_sections("Old")
    assert sections["skills_pre"]["answers"]["s1"] == {"label": "fact"}


def test_the_form_after_is_the_other_one_of_the_form_saved_before(work):
    """An older kit's answers carry no form (they were form A): a student whose name hashes to B first still gets B
    after, never A twice."""
    from widgets.core.storage import WorkFile
    name = next(f"Student {n}" for n in range(50) if skills.first_form(f"Student {n}") == "B")
    WorkFile(name, skills.WORK_CASE).record("skills_pre", "s1", {"label": "fact"})
    assert SkillsCheck("post", student=name).form.form == "B"


def test_before_a_name_is_saved_the_work_folder_splits_the_class_between_forms(tmp_path, monkeypatch):
    """Lesson 0 run top to bottom builds the check before the name is typed: twenty students in twenty work folders
    do not all get one form."""
    firsts = set()
    for number in range(20):
        monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path / f"student-{number}"))
        firsts.add(SkillsCheck("pre").form.form)
    assert firsts == {"A", "B"}


def test_a_class_gain_with_an_odd_order_is_the_plain_mean():
    gain = skills.adjusted_gain([("AB", 1), ("AB", 2), ("BA", 3), ("BA", 1), ("AA", 5)])
    assert gain.gain == 12 / 5 and not gain.adjusted


def skills_file(folder):
    (path,) = folder.glob("*__skills-check.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_skills_check_hides_the_key_until_the_whole_form_is_committed():
    check = SkillsCheck("pre", student="Ada")
    first = check.form.statements[0]
    check.answer(first.id, {"label": "opinion"})
    assert first.rationale[:30] not in check.feedback.value
    assert "until you commit" in check.feedback.value
    with pytest.raises(AnswerError, match="Commit the whole form first"):
        check.score()
    with pytest.raises(AnswerError, match="11 of 12 not answered"):
        check.check()
    assert not check.committed
    check.answer(first.id, {"label": first.label})   # may change before committing
    _answer_all(check, wrong=("s2",))
    grade = check.check()
    assert (grade.correct, grade.total) == (11, 12)
    assert "Score: 11 of 12" in check.feedback.value and "26%" in check.feedback.value
    check.position = 0
    assert "The key says" in check.feedback.value
    with pytest.raises(AnswerError, match="committed"):
        check.answer("s1", {"label": "fact"})
    again = SkillsCheck("pre", student="Ada")                # after a restart: still committed, key still shown
    assert again.committed and again.score() == (11, 12)
    assert again.label_choice.disabled


def test_skills_check_can_be_committed_with_gaps_pressing_twice_which_count_as_wrong():
    check = SkillsCheck("post", student="Bo")
    check.answer("s1", {"label": "fact"})
    check.score_button.click()
    assert "not answered yet" in check.problem.value and not check.committed
    check.score_button.click()
    assert check.committed
    assert check.score() == (1, 12)


def test_the_post_form_shows_the_change_since_the_pre_form():
    pre = SkillsCheck("pre", student="Cy")
    _answer_all(pre, wrong=("s1", "s3", "t1"))
    pre.check()
    post = SkillsCheck("post", student="Cy")
    _answer_all(post, wrong=("s4",))
    post.check()
    assert (f"Before (lesson 0, form {pre.form.form}): 9 of 12. Now (form {post.form.form}): 11 of 12 (change +2"
            in post.feedback.value)


def test_error_lean_counts_misfiled_statements_by_agreement_held_in_the_session():
    form = skills.load_form("A")
    answers = {s.id: {"label": s.label} for s in form.statements + form.transfer}
    agreement = {s.id: "agree" for s in form.statements}
    for item in ("s1", "s3"):      # two facts filed as opinions, both disagreed with
        answers[item], agreement[item] = {"label": "opinion"}, "disagree"
    answers["s2"], agreement["s2"] = {"label": "opinion"}, "disagree"
    result = skills.grade_form(form, answers, agreement)
    assert (result.lean.errors_disagreed, result.lean.disagreed) == (2, 3)
    assert (result.lean.errors_agreed, result.lean.agreed) == (0, 7)
    assert result.lean.leaning == "toward disagreed"
    assert not result.all_facts and result.all_opinions


# ---------------------------------------------------------------------------------------------- lateral reading

def test_lateral_reading_records_a_url_and_finding_then_shows_the_rubric(seed):
    reading = LateralReading(seed, student="Di")
    assert reading.items == ("who_runs", "original", "other_coverage")
    assert "Fallback" in reading.cards_html.value and "source card" in reading.cards_html.value
    assert "Mastery" not in reading.feedback.value
    with pytest.raises(ValueError, match="full address"):
        reading.answer("original", {"url": "javascript:alert(1)", "finding": "x"})
    reading.answer("who_runs", {"url": "https://example.org/about", "finding": "No owner named <b>anywhere</b>."})
    assert "Mastery" in reading.feedback.value
    assert "&lt;b&gt;anywhere&lt;/b&gt;" in reading.feedback.value
    assert reading.self_check_box.layout.display == "flex"
    reading.self_check("who_runs", "emerging")
    assert "Your rating: <b>Emerging</b>" in reading.feedback.value
    with pytest.raises(AnswerError, match="already answered"):
        reading.answer("who_runs", {"url": "https://example.org", "finding": "changed"})
    assert LateralReading(seed, student="Di").self_checks == {"who_runs": "emerging"}


# ---------------------------------------------------------------------------------------------- framing

def test_framing_finder_gives_precision_recall_and_the_key_explanations(seed):
    finder = FramingFinder(seed, student="Eve", sentences=["h", "p1s1"])
    assert "omission" not in finder.devices
    text = seed.sentence("h").text
    effort = text.index("Effort")
    finder.answer("h", [{"start": effort, "end": effort + 6, "device": "scare-quotes"},
                        {"start": 0, "end": 5, "device": "loaded-word"}])
    key = {f.id: f for f in seed.framing}
    assert key["f1"].explanation[:40].replace("'", "&#x27;") in finder.feedback.value   # found: explained
    assert "Missed" in finder.feedback.value and "‘Backfires’" in finder.feedback.value
    result = finder.result()
    assert result.precision == 0.5 and result.recall == 0.5
    grade = finder.check()
    assert "Precision</b> 50%" in finder.feedback.value and "Recall</b> 50%" in finder.feedback.value
    assert grade.correct == 1


def test_framing_finder_with_the_keyboard_picker(seed):
    finder = FramingFinder(seed, student="Fay", sentences=["p1s1"])
    words = [finder.picker.text[s:e] for s, e in finder.picker.spans]
    finder.picker.select_words(words.index("inability"))
    finder.picker.phrase_dropdowns()[0].value = "loaded-word"
    finder.check_button.click()
    assert "Found" in finder.feedback.value and "named right (loaded-word)" in finder.feedback.value


# ---------------------------------------------------------------------------------------------- verdicts

def test_verdicts_before_and_after_the_evidence_and_the_first_is_kept(seed):
    claim = seed.claims[0]
    other = next(v for v in ("supported", "distorted") if v != claim.verdict)
    judge = VerdictBeforeAfter(seed, student="Gus", claims=[claim.id])
    judge.answer(claim.id, other)
    assert "Evidence:" in judge.feedback.value
    assert "the key's verdict" not in judge.feedback.value          # key withheld until the second verdict
    judge.check()
    assert "Evidence:" in judge.feedback.value
    judge.answer(claim.id, claim.verdict)
    assert f"Before the evidence: <b>{other}</b> → after: <b>{claim.verdict}</b>" in judge.feedback.value
    assert "the key's verdict" in judge.feedback.value
    with pytest.raises(AnswerError, match="both stay"):
        judge.answer(claim.id, other)
    from widgets.core.storage import work_path
    saved = json.loads(work_path("Gus", seed.id).read_text())["exercises"]
    assert saved["verdicts"]["answers"] == {claim.id: other}
    assert saved["verdicts_after"]["answers"] == {claim.id: claim.verdict}
    again = VerdictBeforeAfter(seed, student="Gus", claims=[claim.id])
    assert again.before == {claim.id: other} and again.after == {claim.id: claim.verdict}
    assert again.score() == (1, 1)


def test_lateral_task_and_source_cards_are_complete_and_resolve_to_case_sources(seed):
    from widgets.core.grading import lateral
    task = lateral.load_task()
    cards = lateral.load_cards(seed)
    assert set(cards) == {q.id for q in task.questions}
    assert all(card.text and all(url.startswith("https://") for *_, url in card.sources) for card in cards.values())
    assert cards["original"].sources and cards["other_coverage"].sources
    assert lateral.load_cards("no-such-case") == {}          # your own article: no cards, the task still works


def test_the_primer_is_optional_background_with_public_sources():
    import re
    cells = json.loads((ROOT / "lessons" / "primer.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells)
    assert sum(c["cell_type"] == "code" for c in cells) == 2          # its time box, and one optional cell
    assert "**Objectives**" in text                                   # objectives and minutes, like the lessons
    for term in ("SWIFT", "Sanctions", "Who is who", "24 February"):
        assert term in text
    assert len(re.findall(r"https://\S+", text)) >= 6
    assert "/work/" not in text
