"""The lesson's header (its time box, printed from its own metadata) and the lesson index (``lessons/README.md``)."""
from __future__ import annotations

from pathlib import Path

from widgets.core.lesson.plans import CLASS_PERIOD_MINUTES, lesson_files, lesson_plan

# Printed tables and notes are wrapped to this width: JupyterLab breaks longer output lines mid-word at a common
# window width.
LINE_WIDTH = 88


def header_text(plan: dict) -> str:
    """The time box printed at the top of a lesson (one line per item, so every lesson prints it the same way)."""
    total = plan["teaching_minutes"] + plan["exercise_minutes"]
    return "\n".join([
        f"Lesson {plan['number']}: {plan['title']}" if "number" in plan else plan["title"],
        f"Time: {plan['teaching_minutes']} minutes of teaching and {plan['exercise_minutes']} minutes of exercises"
        f" ({total} minutes in all).",
        f"Short path for a {CLASS_PERIOD_MINUTES}-minute class: {plan['short_path_minutes']} minutes. {plan['short_path']}",
    ])


def header(notebook: str | Path) -> None:
    """Print the lesson's time box, read from its own metadata (call it with the notebook's file name)."""
    print(header_text(lesson_plan(notebook)))


def index_table(lessons_dir: str | Path) -> str:
    """A Markdown table of every lesson with its minutes, for ``lessons/README.md``."""
    rows = [
        "| Lesson | File | Teaching | Exercises | Short path |",
        "|---|---|---|---|---|",
    ]
    total_short = 0
    for path in lesson_files(lessons_dir):
        plan = lesson_plan(path)
        total_short += plan["short_path_minutes"]
        rows.append(
            f"| {plan['number']}. {plan['title']} | [{path.name}]({path.name}) | {plan['teaching_minutes']} min"
            f" | {plan['exercise_minutes']} min | {plan['short_path_minutes']} min |"
        )
    rows.append(f"| **All lessons** | | | | **{total_short} min** |")
    return "\n".join(rows)
