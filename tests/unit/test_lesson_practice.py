"""Lessons after issue 13: each lesson's student-facing prose is at most 800 words (instructor cells do not count),
each lesson's header says how to run it and links the primer, every written task has a rubric, and the practice
exercises sit where they belong (skills check in lessons 0 and 7, lateral reading in 1, FramingFinder before any
framing highlight in 5, verdicts before and after the evidence in 6)."""
import json
import re
import sys
from pathlib import Path

import pytest

from widgets.classroom.rubrics import written_tasks

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT / "tools"))
import lesson_words  # noqa: E402  (tools/lesson_words.py)

LESSONS = lesson_words.lesson_paths()


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_student_prose_is_at_most_800_words(path):
    assert lesson_words.prose_words(path) <= lesson_words.LIMIT, \
        f"{path.name}: {lesson_words.prose_words(path)} words of student prose (python tools/lesson_words.py)"


def test_the_word_count_leaves_out_instructor_cells_code_and_markdown_symbols(tmp_path):
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "## Two words\n\n- | ** --"},
                          {"cell_type": "markdown", "metadata": {"tags": ["instructor"]}, "source": "many " * 50},
                          {"cell_type": "code", "metadata": {}, "source": "print('not prose at all')"}]}
    path = tmp_path / "05_x.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert lesson_words.prose_words(path) == 2


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_header_says_how_to_run_and_links_the_primer(path):
    first = source(cells(path)[0])
    assert "Run All" in first and "[primer](primer.ipynb)" in first


def test_every_written_task_in_the_lessons_has_a_rubric():
    keys = set()
    for path in LESSONS:
        for cell in cells(path):
            if cell["cell_type"] == "code":
                keys |= set(re.findall(r'FreeResponse\(\w+,\s*"([A-Za-z0-9_-]+)"', source(cell)))
    assert keys, "no FreeResponse found"
    missing = keys - set(written_tasks())
    assert not missing, f"add rubrics to widgets/core/data/rubrics/written_tasks.yaml for {sorted(missing)}"


def _code(path):
    return [source(c) for c in cells(KIT / "lessons" / path) if c["cell_type"] == "code"]


def test_the_practice_exercises_are_in_their_lessons():
    assert any('SkillsCheck("pre")' in c for c in _code("00_start_here.ipynb"))
    assert any('SkillsCheck("post")' in c for c in _code("07_wrap_up.ipynb"))
    lesson1 = _code("01_first_read.ipynb")
    assert any("LateralReading(case)" in c for c in lesson1)
    assert not any('meta["outlet"]' in c for c in lesson1)          # no vertical reading from the case file
    lesson5 = _code("05_framing_and_headlines.ipynb")
    finder = next(i for i, c in enumerate(lesson5) if "FramingFinder(" in c)
    highlights = [i for i, c in enumerate(lesson5) if "framing_key(" in c or 'highlight=("framing"' in c]
    assert highlights and finder < min(highlights)
    assert any('lesson="05_framing_and_headlines.ipynb"' in c for c in lesson5 if "framing_key(" in c)
    lesson6 = _code("06_checking_the_record.ipynb")
    assert any("VerdictBeforeAfter(case" in c for c in lesson6)
    assert any('exercise="verdicts_after"' in c for c in lesson6 if "verdict_key(" in c)
    hand_in_at = next(i for i, c in enumerate(_code("07_wrap_up.ipynb")) if "HandInButton(" in c)
    skills_at = next(i for i, c in enumerate(_code("07_wrap_up.ipynb")) if "SkillsCheck(" in c)
    assert skills_at < hand_in_at
