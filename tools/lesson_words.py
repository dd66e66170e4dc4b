"""Count the student-facing prose of each lesson: the words in its Markdown cells, leaving out instructor cells
(tag "instructor"). A word is a run of non-space characters holding a letter or digit, so Markdown symbols
("-", "|", "**") do not count. Code cells and printed output are not prose and do not count.

    python tools/lesson_words.py         # one line per lesson
tests/unit/test_lesson_words.py keeps every lesson at or under LIMIT words.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
LESSONS = KIT / "lessons"
LIMIT = 800
WORD = re.compile(r"\S*[^\W_]\S*")


def prose_words(notebook) -> int:
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    total = 0
    for cell in cells:
        if cell["cell_type"] != "markdown" or "instructor" in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        total += len(WORD.findall(source))
    return total


def lesson_paths(folder: Path = LESSONS) -> list:
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def main() -> int:
    for path in lesson_paths():
        words = prose_words(path)
        print(f"{path.name:40} {words:5d}{'  over ' + str(LIMIT) if words > LIMIT else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
