"""The student edition: lessons without instructor cells (that the committed copy is up to date: tools/generated.py)."""
import json
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT / "tools"))
import student_edition  # noqa: E402  (tools/student_edition.py)


def _notebook(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _cell(source, tags=None):
    metadata = {"tags": tags} if tags is not None else {}
    return {"cell_type": "markdown", "id": source[:8].replace(" ", "-"), "metadata": metadata, "source": source}


def test_every_lesson_is_copied_without_its_instructor_cells():
    lessons = sorted(student_edition.LESSONS.glob("[!_]*.ipynb"))       # "_template.ipynb" is no lesson
    assert lessons, "no lessons found"
    assert not (student_edition.EDITION / "_template.ipynb").exists()
    tagged_total = 0
    for lesson in lessons:
        source = json.loads(lesson.read_text(encoding="utf-8"))
        copy = json.loads((student_edition.EDITION / lesson.name).read_text(encoding="utf-8"))
        tagged = [c for c in source["cells"] if "instructor" in c.get("metadata", {}).get("tags", [])]
        tagged_total += len(tagged)
        assert len(copy["cells"]) == len(source["cells"]) - len(tagged), lesson.name
        assert not any("instructor" in c.get("metadata", {}).get("tags", []) for c in copy["cells"])
        assert copy["metadata"] == source["metadata"]
    assert tagged_total > 0, "the lessons have no instructor cells: is the tag still 'instructor'?"


def test_instructor_cells_and_folder_are_left_out(tmp_path):
    lessons = tmp_path / "lessons"
    (lessons / "instructor").mkdir(parents=True)
    (lessons / "01_x.ipynb").write_text(json.dumps(_notebook(
        _cell("For students"), _cell("For instructors: the answer is B", ["instructor"]),
        _cell("Also for students", ["exercise"]))), encoding="utf-8")
    (lessons / "instructor" / "class_results.ipynb").write_text(json.dumps(_notebook(_cell("key"))))
    (lessons / "instructor" / "answer_key.md").write_text("# Answer key")
    files = student_edition.build(lessons)
    assert set(files) == {"01_x.ipynb", student_edition.EDITION_NOTE}
    copy = json.loads(files["01_x.ipynb"])
    assert [c["source"] for c in copy["cells"]] == ["For students", "Also for students"]
    assert "answer is B" not in files["01_x.ipynb"]


def test_check_mode_reports_drift_and_writes_nothing(tmp_path, capsys):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01_x.ipynb").write_text(json.dumps(_notebook(_cell("A"))), encoding="utf-8")
    out = tmp_path / "edition"
    assert student_edition.main(["--lessons", str(lessons), "--out", str(out), "--check"]) == 1
    assert "missing: 01_x.ipynb" in capsys.readouterr().out and not out.exists()
    assert student_edition.main(["--lessons", str(lessons), "--out", str(out)]) == 0
    assert student_edition.main(["--lessons", str(lessons), "--out", str(out), "--check"]) == 0
    (out / "stray.ipynb").write_text("{}")
    (lessons / "01_x.ipynb").write_text(json.dumps(_notebook(_cell("B"))), encoding="utf-8")
    assert student_edition.main(["--lessons", str(lessons), "--out", str(out), "--check"]) == 1
    printed = capsys.readouterr().out
    assert "differs: 01_x.ipynb" in printed and "not from the lessons: stray.ipynb" in printed
    assert student_edition.main(["--lessons", str(lessons), "--out", str(out)]) == 0
    assert not (out / "stray.ipynb").exists()
