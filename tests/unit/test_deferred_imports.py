"""Imports inside functions are kept only where they save kernel start-up or keep an optional dependency optional,
and each says so with a `# deferred:` comment on its line or the line above. Everything else imports at the top, where
the import-linter contracts (pyproject.toml [tool.importlinter]) and a reader see it.

`python tests/unit/test_deferred_imports.py [FOLDER]` prints the count (all, and those without the comment).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

MARKER = "# deferred:"
PACKAGE = Path(__file__).resolve().parents[2] / "widgets"


def function_imports(source: str) -> list:
    """(line, has the marker) for every import statement inside a function or method of `source`. The marker is on
    the import's line, or begins the comment right above the run of imports it belongs to."""
    lines = source.splitlines()
    found = set()
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for block in ast.walk(function):
            for field in ("body", "orelse", "finalbody"):
                run_start, previous_end = None, None
                statements = getattr(block, field, None)
                for statement in statements if isinstance(statements, list) else []:
                    if not isinstance(statement, (ast.Import, ast.ImportFrom)):
                        run_start = None
                        continue
                    if run_start is None or statement.lineno != previous_end + 1:   # a new run of imports
                        run_start = statement.lineno
                    previous_end = statement.end_lineno
                    found.add((statement.lineno, MARKER in lines[statement.lineno - 1]
                               or _comment_above(lines, run_start).startswith(MARKER)))
    return sorted(found)        # a nested function's imports are walked twice


def _comment_above(lines: list, line: int) -> str:
    """The comment lines directly above `line` (1-based), joined; "" when there are none."""
    above = []
    index = line - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        above.insert(0, lines[index].strip())
        index -= 1
    return " ".join(above)


def package_imports(folder: Path = PACKAGE) -> dict:
    """{file: [(line, marked)]} for every .py file under `folder` with an import inside a function."""
    return {path: found for path in sorted(folder.rglob("*.py"))
            if (found := function_imports(path.read_text(encoding="utf-8")))}


def test_every_import_inside_a_function_says_why():
    unmarked = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path, found in package_imports().items()
                for line, marked in found if not marked]
    assert not unmarked, (f"imports inside functions without a '{MARKER} why' comment (move them to the top, or say "
                          f"what deferring saves): {unmarked}")


def test_the_count_finds_unmarked_and_marked_imports():
    source = ("import os\n\ndef f():\n    import json\n    # deferred: yaml is slow to import,\n    # and so on\n"
              "    import yaml\n    import z\n    from x import y  # deferred: optional\n    # only a comment\n"
              "    import q\n\nclass A:\n    def g(self):\n        def h():\n            import re\n        return h\n")
    assert function_imports(source) == [(4, False), (7, True), (8, True), (9, True), (11, False), (16, False)]


if __name__ == "__main__":
    imports = package_imports(Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE)
    every = [marked for found in imports.values() for _line, marked in found]
    print(f"{len(every)} imports inside functions in {len(imports)} files; {every.count(False)} without '{MARKER}'")
