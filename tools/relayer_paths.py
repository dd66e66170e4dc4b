"""Rewrite the module paths from before the three layers (issue 19) to the layered ones, in place:
`python tools/relayer_paths.py [FILE ...]` (default: every file git tracks). For a branch started before the move:
merge, run this, then check with ruff, lint-imports and the tests. Running it twice changes nothing.

    widgets.storage -> widgets.core.storage, widgets/render/ -> widgets/core/render/, widgets.hub -> widgets.classroom.hub,
    widgets.keyviews -> widgets.lesson.keyviews, `from widgets import vocab` -> `from widgets.core import vocab`, ...

What it cannot do: HandInButton moved from widgets.classroom.handin to widgets.views.handin, and the warm-up's pure part
from widgets.lesson.warmup to widgets.core.lesson.warmup; fix those imports by hand (`widgets.lesson` still gives every
warm-up name).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CORE_MODULES = ("case case_format case_rules _case_check loading seeds evidence fileio storage students work_format text "
                "vocab palette timing planning charts").split()
CORE_PACKAGES = ("grading", "render", "schemas", "data")
# old dotted path -> new; the more specific first
MOVED = {
    "widgets.render.widget": "widgets.views.access",
    "widgets.exercises.errors": "widgets.core.errors",
    "widgets.exercises.events": "widgets.views.events",
    "widgets.owntext.compare": "widgets.classroom.compare",
    "widgets.owntext.cues": "widgets.views.cues",
    "widgets.owntext": "widgets.core.owntext",
    "widgets.lesson.plans": "widgets.core.lesson.plans",
    "widgets.lesson.header": "widgets.core.lesson.header",
    "widgets.lesson.passages": "widgets.core.lesson.passages",
    "widgets.classroom.demo": "widgets.lesson.class_demo",
    "widgets.hub": "widgets.classroom.hub",
    "widgets.workbundle": "widgets.classroom.workbundle",
    "widgets.keyviews": "widgets.lesson.keyviews",
    "widgets.article": "widgets.views.article",
    "widgets.spins": "widgets.views.spins",
    **{f"widgets.{name}": f"widgets.core.{name}" for name in (*CORE_MODULES, *CORE_PACKAGES)},
}
MOVED_FILES = {"widgets/render/access.js": "widgets/views/access.js"}


def _rules() -> list:
    rules = [(re.compile(r"(?<![\w./])" + re.escape(old) + r"(?!\w)"), new) for old, new in MOVED.items()]
    for old, new in [*MOVED.items(), *MOVED_FILES.items()]:
        old_path, new_path = old.replace(".", "/"), new.replace(".", "/")
        if old.endswith(".js"):
            old_path, new_path = old, new
        elif old.removeprefix("widgets.") not in (*CORE_PACKAGES, "owntext", "hub"):
            old_path, new_path = old_path + ".py", new_path + ".py"
        rules.append((re.compile(r"(?<![\w./])" + re.escape(old_path) + r"(?!\w)"), new_path))
    return rules


def _from_widgets(match) -> str:
    names = [name.strip() for name in match.group(1).split(",")]
    if all(name in (*CORE_MODULES, *CORE_PACKAGES, "owntext") for name in names):
        return "from widgets.core import " + match.group(1)
    return match.group(0)


def rewrite(text: str) -> str:
    for pattern, new in _rules():
        text = pattern.sub(new, text)
    return re.sub(r"\bfrom widgets import ([\w, ]+)", _from_widgets, text)


def main(paths) -> int:
    paths = paths or subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    for name in paths:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
