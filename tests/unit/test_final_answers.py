"""Issue 23, point 1: final means final, on disk. Two tabs (two widgets, as two kernels see the same file) cannot
undo an answer whose key was shown, the committed skills check, or lesson 6's first verdict; answers that stay
changeable (written answers, the skills check before its commit) still change."""
import json

import pytest

from widgets.core import storage
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.exercises.skills_check import SkillsCheck
from widgets.exercises.verdict_change import VerdictBeforeAfter
from widgets.core.grading import skills
from widgets.core.grading.results import AnswerError
from widgets.core.grading.scoring import score_sections
from widgets.core.work_format import FinalAnswerError, empty_work, merge_work


def _flip(label):
    return "opinion" if label == "fact" else "fact"


def _disk(work, student, case_id):
    return json.loads((work / f"{storage.student_slug(student)}__{case_id}.json").read_text(encoding="utf-8"))


def test_second_tab_cannot_replace_an_answer_whose_key_was_shown(case, work):
    """Before: the tab opened first accepted a new answer later, and the merge kept the newer one (7.25 -> 17 of
    17 in lesson 4). Now the first answer on disk stays, in the file and in both tabs, and the score with it."""
    first_tab = FactOpinionSorter(case, student="Ada")
    second_tab = FactOpinionSorter(case, student="Ada")          # built before any answer
    wrong = {s.id: {"label": _flip(s.label), "sourcing": s.sourcing} for s in case.sentences}
    for item, value in wrong.items():
        first_tab.answer(item, value)
    before = first_tab.score()
    assert before[0] < before[1]
    for s in case.sentences:                                     # the student read the key, then tries again
        with pytest.raises(AnswerError, match="stays"):
            second_tab.answer(s.id, {"label": s.label, "sourcing": s.sourcing})
    saved = _disk(work, "Ada", case.id)["exercises"]["fact_opinion"]["answers"]
    assert saved == wrong
    assert second_tab.answers == wrong and second_tab.score() == before
    assert score_sections(case, _disk(work, "Ada", case.id)["exercises"])["fact_opinion"].points == before[0]


def test_a_merge_from_any_source_keeps_final_answers_and_reports_the_refusal():
    """One rule in the merge layer: an import of work (or a hand-in service) obeys it as the widgets do."""
    disk = empty_work("Ada", "c")
    disk["exercises"] = {"fact_opinion": {"answers": {"h": "first"}, "answered_at": {"h": "2026-01-01T00:00:00+00:00"}},
                         "responses": {"answers": {"q": "draft"}, "answered_at": {"q": "2026-01-01T00:00:00+00:00"}}}
    later = empty_work("Ada", "c")
    later["exercises"] = {"fact_opinion": {"answers": {"h": "second", "p1s1": "new"},
                                           "answered_at": {"h": "2026-06-01T00:00:00+00:00",
                                                           "p1s1": "2026-06-01T00:00:00+00:00"}},
                          "responses": {"answers": {"q": "final text"}, "answered_at": {"q": "2026-06-01T00:00:00+00:00"}}}
    refused = []
    merged = merge_work(disk, later, refused)
    assert merged["exercises"]["fact_opinion"]["answers"] == {"h": "first", "p1s1": "new"}
    assert merged["exercises"]["fact_opinion"]["answered_at"]["h"] == "2026-01-01T00:00:00+00:00"
    assert merged["exercises"]["responses"]["answers"] == {"q": "final text"}     # still changeable
    assert refused == [("fact_opinion", "h")]


def _answer_form(check, right: bool):
    for statement in check.form.statements + check.form.transfer:
        label = statement.label if right else _flip(statement.label)
        check.answer(statement.id, {"label": label, "agree": "unsure"})


def test_committed_skills_check_cannot_be_changed_from_a_second_tab(work):
    """Before: a second tab changed all 12 answers after the commit (6 -> 12 of 12). Now every one is refused and
    the file keeps the committed form."""
    first_tab = SkillsCheck("pre", student="Ada")
    second_tab = SkillsCheck("pre", student="Ada")
    _answer_form(first_tab, right=False)
    first_tab.check()
    committed = _disk(work, "Ada", skills.WORK_CASE)["exercises"]["skills_pre"]["answers"]
    for statement in second_tab.form.statements + second_tab.form.transfer:
        with pytest.raises(AnswerError):
            second_tab.answer(statement.id, {"label": statement.label, "agree": "unsure"})
    assert _disk(work, "Ada", skills.WORK_CASE)["exercises"]["skills_pre"]["answers"] == committed
    assert second_tab.committed and second_tab.score() == first_tab.score() == (0, 12)


def test_skills_check_answers_change_across_tabs_until_the_commit(work):
    first_tab = SkillsCheck("pre", student="Ada")
    second_tab = SkillsCheck("pre", student="Ada")
    item = first_tab.items[0]
    first_tab.answer(item, {"label": "fact", "agree": "agree"})
    second_tab.answer(item, {"label": "opinion", "agree": "agree"})        # not committed: allowed
    assert _disk(work, "Ada", skills.WORK_CASE)["exercises"]["skills_pre"]["answers"][item]["label"] == "opinion"


def test_first_verdict_of_lesson_6_is_never_overwritten_by_another_tab(case, work):
    first_tab = VerdictBeforeAfter(case, student="Ada")
    second_tab = VerdictBeforeAfter(case, student="Ada")
    claim = first_tab.items[0]
    first_tab.answer(claim, "unsupported")                 # first verdict
    first_tab.answer(claim, "supported")                   # after the evidence
    with pytest.raises(AnswerError, match="first answer stays"):
        second_tab.answer(claim, "distorted")              # a "first" verdict given after the second
    assert second_tab.before[claim] == "unsupported" and second_tab.after[claim] == "supported"
    saved = _disk(work, "Ada", case.id)["exercises"]
    assert saved["verdicts"]["answers"][claim] == "unsupported"
    assert saved["verdicts_after"]["answers"][claim] == "supported"


def test_written_answers_stay_changeable_across_tabs(case, work):
    first_tab = FreeResponse(case, "why", "Why?", student="Ada")
    second_tab = FreeResponse(case, "why", "Why?", student="Ada")
    first_tab.answer("why", "draft")
    second_tab.answer("why", "better")
    assert _disk(work, "Ada", case.id)["exercises"]["responses"]["answers"]["why"] == "better"


def test_work_file_record_raises_a_plain_final_answer_error(work):
    one, two = storage.WorkFile("Ada", "c"), storage.WorkFile("Ada", "c")
    one.record("actors", "h", [])
    with pytest.raises(FinalAnswerError) as refused:
        two.record("actors", "h", [{"start": 0, "end": 3, "kind": "person"}])
    assert refused.value.kept == [] and two.answers("actors") == {"h": []}


def test_committing_again_in_a_second_tab_shows_the_committed_form_not_its_own(work):
    first_tab = SkillsCheck("pre", student="Ada")
    second_tab = SkillsCheck("pre", student="Ada")
    _answer_form(first_tab, right=False)
    first_tab.check()
    held = second_tab._work.data["exercises"].setdefault("skills_pre", {"answers": {}, "answered_at": {}})
    for statement in second_tab.form.statements + second_tab.form.transfer:   # held here, not saved (a failed save)
        value = {"label": statement.label, "agree": "unsure"}
        second_tab._answers[statement.id] = held["answers"][statement.id] = value
        held.setdefault("answered_at", {})[statement.id] = "2030-01-01T00:00:00+00:00"
    with pytest.raises(AnswerError, match="first answer stays"):
        second_tab.check(force=True)
    assert second_tab.committed and second_tab.score() == (0, 12)
    assert _disk(work, "Ada", skills.WORK_CASE)["exercises"]["skills_pre"]["answers"] == \
        first_tab._work.answers("skills_pre")
