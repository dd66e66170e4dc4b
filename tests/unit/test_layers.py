"""The layers' import contracts (pyproject.toml [tool.importlinter]) catch what they are for: each is run, as written
there, on a small package laid out like widgets/ with one bad import, and must fail on it; `make test` runs them on
the kit itself right after ruff."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10
    import tomli as tomllib

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYOUT = ("core", "core/lesson", "classroom", "classroom/hub", "views", "exercises", "lesson")


def contracts_for(package: str) -> dict:
    """The kit's [tool.importlinter] section, with `widgets` renamed to `package`."""
    section = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return json.loads(json.dumps(section).replace('"widgets', f'"{package}').replace(" widgets.", f" {package}."))


def _toml(section: dict) -> str:
    """The section as TOML (strings, booleans and lists of strings, and the contracts' array of tables)."""
    lines = ["[tool.importlinter]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in section.items() if key != "contracts"]
    for contract in section["contracts"]:
        lines += ["", "[[tool.importlinter.contracts]]", *(f"{key} = {json.dumps(value)}" for key, value in contract.items())]
    return "\n".join(lines) + "\n"


def lint(tmp_path, imports: dict) -> subprocess.CompletedProcess:
    """lint-imports on `fakekit` (the kit's folders, one module each) where module -> the modules it imports."""
    for folder in ("", *LAYOUT):
        (tmp_path / "fakekit" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "fakekit" / folder / "__init__.py").write_text("")
    for module, imported in imports.items():
        path = tmp_path / (module.replace(".", "/") + ".py")
        path.write_text("".join(f"import {name}\n" for name in imported))
    (tmp_path / "pyproject.toml").write_text(_toml(contracts_for("fakekit")))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)


GOOD = {"fakekit.core.case": [], "fakekit.core.lesson.plans": ["fakekit.core.case"],
        "fakekit.classroom.report": ["fakekit.core.case"], "fakekit.classroom.hub.service": ["fakekit.classroom.report"],
        "fakekit.views.access": ["ipywidgets", "fakekit.core.case"],
        "fakekit.exercises.base": ["fakekit.views.access", "fakekit.classroom.report"],
        "fakekit.lesson.summary": ["fakekit.exercises.base", "traitlets"]}


def test_the_layers_as_they_are_meant_pass(tmp_path):
    done = lint(tmp_path, GOOD)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 kept, 0 broken" in done.stdout


@pytest.mark.parametrize("module, imports, broken", [
    ("fakekit.core.case", ["fakekit.classroom.report"], "fakekit.core is not allowed to import fakekit.classroom"),
    ("fakekit.classroom.report", ["fakekit.views.access"], "fakekit.classroom is not allowed to import fakekit.views"),
    ("fakekit.core.case", ["ipywidgets"], "fakekit.core is not allowed to import ipywidgets"),
    ("fakekit.classroom.hub.service", ["IPython"], "fakekit.classroom is not allowed to import IPython"),
    ("fakekit.views.access", ["ipywidgets", "fakekit.lesson.summary"], "No cycles are allowed in fakekit"),
    ("fakekit.core.case", ["fakekit.core.lesson.plans"], "No cycles are allowed in fakekit.core"),
], ids=["core imports classroom", "classroom imports views", "core imports ipywidgets", "classroom imports IPython",
        "views and lesson in a circle", "a circle inside core"])
def test_each_contract_fails_on_the_import_it_forbids(tmp_path, module, imports, broken):
    done = lint(tmp_path, {**GOOD, module: imports})
    assert done.returncode == 1 and broken in done.stdout, done.stdout + done.stderr


def test_an_exercise_importing_a_lesson_module_breaks_the_layers(tmp_path):
    done = lint(tmp_path, {**GOOD, "fakekit.lesson.boxes": [],
                           "fakekit.exercises.base": ["fakekit.views.access", "fakekit.lesson.boxes"]})
    assert done.returncode == 1 and "fakekit.exercises is not allowed to import fakekit.lesson" in done.stdout, (
        done.stdout + done.stderr)


def test_no_layer_imports_the_root_package():
    """`widgets/__init__.py` loads its public names by module name, which the contracts cannot see: a module of a
    layer that imported `from widgets import ArticleView` would load ipywidgets with every contract still kept."""
    found = []
    for path in sorted((REPO / "widgets").rglob("*.py")):
        if path.parent == REPO / "widgets":
            continue                                   # the root package itself and `python -m widgets`
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ImportFrom) and node.module == "widgets" and not node.level) or (
                    isinstance(node, ast.Import) and any(alias.name == "widgets" for alias in node.names)):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not found, f"import from the defining module instead: {found}"


def test_the_version_is_the_packages():
    from widgets.core.version import __version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_make_test_checks_the_contracts_right_after_ruff():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    commands = [line.strip() for line in recipe]
    ruff = next(i for i, line in enumerate(commands) if "/ruff check" in line)
    assert commands[ruff + 1].startswith("$(BIN)/lint-imports"), commands
