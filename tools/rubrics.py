"""Write lessons/instructor/rubrics.md from the rubric data (lateral reading and written tasks).

    python tools/rubrics.py          # write the file
    python tools/rubrics.py --check  # exit 1 if the file is out of date
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widgets.classroom.rubrics import rubrics_markdown  # noqa: E402

TARGET = ROOT / "lessons" / "instructor" / "rubrics.md"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = rubrics_markdown()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python tools/rubrics.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"Wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
