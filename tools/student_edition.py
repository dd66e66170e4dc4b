"""Build the student edition: copies of the lessons without the instructor notes.

THE RULE (agreed with the lessons): a cell is an instructor note when its metadata carries the tag "instructor",
i.e. ``"metadata": {"tags": ["instructor"]}`` (JupyterLab: Property Inspector -> Cell Tags). Such cells are left
out of the student copy; every other cell is copied unchanged, outputs included (the lessons are committed
executed). The folder lessons/instructor/ (session plan, answer key, teaching notes, class results notebook) is
never copied.

    python tools/student_edition.py            # (re)write student_edition/   (make student)
    python tools/student_edition.py --check    # exit 1 and list the files that differ; writes nothing

Never edit student_edition/ by hand: `make test` rebuilds it (tools/generated.py --check) and fails when the
committed copy differed.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
LESSONS = KIT / "lessons"
EDITION = KIT / "student_edition"
INSTRUCTOR_TAG = "instructor"
# Copied as they are besides the notebooks (top level of lessons/ only; lessons/instructor/ is never copied).
PLAIN_FILES = ("README.md",)
EDITION_NOTE = "EDITION.md"
EDITION_NOTE_TEXT = """# Student edition

These are the kit's lessons without the notes for instructors. They are generated from `lessons/` by
`python tools/student_edition.py` (`make student`): do not edit them here, edit the lessons and rebuild.
Open them from this folder exactly as you would open `lessons/`.
"""


def is_instructor_cell(cell: dict) -> bool:
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


def student_notebook(notebook: dict) -> dict:
    """A copy of a notebook (as parsed JSON) without its instructor cells."""
    copy = dict(notebook)
    copy["cells"] = [cell for cell in notebook["cells"] if not is_instructor_cell(cell)]
    return copy


def notebook_text(notebook: dict) -> str:
    """The JSON text Jupyter itself writes (nbformat: indent 1, sorted keys, UTF-8, final newline)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def build(lessons: Path = LESSONS) -> dict:
    """{relative file name: text} of the whole student edition."""
    files = {}
    for path in sorted(lessons.glob("*.ipynb")):
        if path.name.startswith("_"):      # not a lesson: the template contributors copy (lessons/_template.ipynb)
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        files[path.name] = notebook_text(student_notebook(notebook))
    for name in PLAIN_FILES:
        if (lessons / name).is_file():
            files[name] = (lessons / name).read_text(encoding="utf-8")
    files[EDITION_NOTE] = EDITION_NOTE_TEXT
    return files


def differences(files: dict, out: Path) -> list[str]:
    """What differs between `files` and the folder `out`: one line per file."""
    found = []
    present = {p.name for p in out.iterdir() if p.is_file()} if out.is_dir() else set()
    for name, text in files.items():
        if name not in present:
            found.append(f"missing: {name}")
        elif (out / name).read_text(encoding="utf-8") != text:
            found.append(f"differs: {name}")
    found += [f"not from the lessons: {name}" for name in sorted(present - set(files))]
    return found


def write(files: dict, out: Path) -> None:
    """Make `out` hold exactly `files` (stale files removed)."""
    out.mkdir(parents=True, exist_ok=True)
    for path in out.iterdir():
        if path.is_file() and path.name not in files:
            path.unlink()
    for name, text in files.items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build the student edition of the lessons (no instructor cells).")
    parser.add_argument("--lessons", type=Path, default=LESSONS, help="source folder (default: lessons/)")
    parser.add_argument("--out", type=Path, default=EDITION, help="target folder (default: student_edition/)")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the edition is stale")
    args = parser.parse_args(argv)
    files = build(args.lessons)
    if args.check:
        stale = differences(files, args.out)
        for line in stale:
            print(line)
        if stale:
            print("The student edition is out of date: run `make student` (python tools/student_edition.py).")
        return 1 if stale else 0
    write(files, args.out)
    removed = sum(is_instructor_cell(c) for p in sorted(args.lessons.glob("[!_]*.ipynb"))
                  for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
    print(f"Wrote {len(files)} files to {args.out} ({removed} instructor cells left out).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
