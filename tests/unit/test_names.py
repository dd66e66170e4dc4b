"""Issue 23, point 4: names. An allow-list after NFKC (not a deny-list), look-alike names share a TR39 skeleton,
hand_in refuses to run without a name, and every widget saves under the name the student saved, even one built
before it (lesson 0 run top to bottom, then the name saved, then the skills check answered)."""
import ast
import re
import json
from pathlib import Path

import pytest

from widgets.core import storage
from widgets.classroom.handin import hand_in
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.grading import skills
from widgets.core.students import skeleton

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, why", [
    ("Ada\u034f", "invisible"),              # combining grapheme joiner (a "mark" a deny-list missed)
    ("Ada\ufe0f", "invisible"),              # variation selector
    ("Ada\U000e0041", "invisible"),          # tag character
    ("\u2800", "no letter"),                 # braille blank: a name that looks empty
    ("Ada\u2800", "U+2800"),
    ("\u3164", "invisible"),                 # Hangul filler (a "letter")
    ("Ada 🙂", "U+1F642"),
    ("<b>Ada</b>", "U+003C"),
    ("Z" + "\u0301" * 6, "accents"),         # stacked marks
    ("\u0301Ada", "accents"),
    ("   ", "empty"),
    ("---", "no letter"),
])
def test_names_outside_the_allow_list_are_refused_in_plain_words(work, name, why):
    with pytest.raises(ValueError, match=re.escape(why)):
        storage.set_student(name)
    assert not (work / storage.STUDENT_FILE).exists()


@pytest.mark.parametrize("name, saved", [
    ("Zoë O'Neil", "Zoë O'Neil"), ("Ana 李", "Ana 李"), ("Nguyễn Văn An", "Nguyễn Văn An"),
    ("क्षिति", "क्षिति"), ("Jean-Luc", "Jean-Luc"), ("Student 12", "Student 12"),
    ("Ａｄａ", "Ada"), ("𝐀𝐝𝐚", "Ada"),          # fullwidth and mathematical letters become plain ones (NFKC)
])
def test_real_names_are_kept_and_compatibility_letters_become_plain(work, name, saved):
    assert storage.set_student(name) == saved


def test_look_alike_names_share_a_skeleton_and_different_names_do_not():
    ada = skeleton("Ada")
    assert skeleton("\u0410da") == skeleton("Ad\u0430") == skeleton("ADA") == skeleton("Ａｄａ") == ada
    assert skeleton("Mia") == skeleton("MIa") == skeleton("M1a") and skeleton("Kim") == skeleton("Klm")
    assert skeleton("Zoë") != skeleton("Zoe") and skeleton("Ada") != skeleton("Ida")


def test_anonymous_is_not_a_name_and_hand_in_refuses_to_run_without_one(case, work):
    with pytest.raises(ValueError, match="your own name"):
        storage.set_student("Anonymous")
    FactOpinionSorter(case).answer("h", {"label": "fact", "sourcing": "none"})
    with pytest.raises(ValueError, match="No name saved yet"):
        hand_in(case)
    assert not (work / "submissions").exists() or not list((work / "submissions").iterdir())


def _run_lesson(notebook: str) -> list:
    """Run a lesson's code cells top to bottom, as Run All does; the value each cell shows (None if nothing)."""
    cells = json.loads((ROOT / "lessons" / notebook).read_text(encoding="utf-8"))["cells"]
    namespace, shown = {}, []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, notebook, "exec"), namespace)
        shown.append(eval(compile(ast.Expression(last.value), notebook, "eval"), namespace) if last else None)
    return shown


def test_lesson_0_run_all_then_a_name_then_answers_all_go_to_the_name(work, monkeypatch):
    """Before: the skills check built by Run All kept "anonymous" and saved every answer as
    anonymous-...__skills-check.json after the name was saved; the pre-test never reached a hand-in."""
    monkeypatch.chdir(ROOT / "lessons")
    shown = _run_lesson("00_start_here.ipynb")
    check = next(value for value in shown if type(value).__name__ == "SkillsCheck")
    name_box = next(value for value in shown if type(value).__name__ == "NameBox")
    first, *rest = check.form.statements + check.form.transfer
    check.answer(first.id, {"label": first.label, "agree": "unsure"})      # before the name: saved as anonymous
    name_box.text.value = "Maya Lopez"
    name_box.button.click()                                                 # as the student does
    assert storage.current_student() == "Maya Lopez"
    for statement in rest:
        check.answer(statement.id, {"label": statement.label, "agree": "unsure"})
    check.check()
    files = sorted(p.name for p in work.glob("*__skills-check.json"))
    assert files == [f"{storage.student_slug('Maya Lopez')}__skills-check.json"]
    assert check.student == "Maya Lopez" and "Maya Lopez" in check.status.value
    saved = storage.WorkFile("Maya Lopez", skills.WORK_CASE).answers("skills_pre")
    assert set(saved) == {*check.items, skills.COMMITTED, skills.FORM_ITEM} and saved[skills.COMMITTED] is True
    seed = shown[4] if hasattr(shown[4], "sentences") else __import__("widgets").seed_case("biden-china-2022")
    FactOpinionSorter(seed, sentences=["h"]).answer("h", {"label": "opinion", "sourcing": "none"})
    handed = json.loads(hand_in(seed).read_text(encoding="utf-8"))
    assert handed["student"] == "Maya Lopez" and handed["exercises"]["skills_pre"]["answers"][skills.COMMITTED]


def test_answers_saved_as_anonymous_move_to_the_name_once_saved(case, work):
    sorter = FactOpinionSorter(case)                                        # built before any name
    sorter.answer("h", {"label": "fact", "sourcing": "none"})
    assert (work / f"{storage.student_slug('anonymous')}__{case.id}.json").exists()
    storage.set_student("Ada")
    assert not (work / f"{storage.student_slug('anonymous')}__{case.id}.json").exists()
    assert storage.WorkFile("Ada", case.id).answers("fact_opinion") == {"h": {"label": "fact", "sourcing": "none"}}
    sorter.answer("p1s1", {"label": "fact", "sourcing": "none"})
    assert set(storage.WorkFile("Ada", case.id).answers("fact_opinion")) == {"h", "p1s1"}
