"""The rails stay what the README promises: CI runs the full test command with the browser required, every lesson
carries outputs for nbval to compare, the Makefile has its targets, and the sanitize rules do what they say."""
from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shlex
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10: the same parser, from PyPI (the test extra names it for 3.10)
    import tomli as tomllib

import nbformat
import pytest

import harness

REPO = harness.REPO
CI_SCRIPT = REPO / ".ci" / "run"
LESSONS = harness.notebook_paths(harness.LESSONS)


# ---------------------------------------------------------------------------------------------------- .ci/run

def ci_commands() -> list[str]:
    """The script's command lines, comments and blank lines dropped."""
    lines = CI_SCRIPT.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def test_ci_script_is_an_executable_strict_bash_script():
    text = CI_SCRIPT.read_text(encoding="utf-8")
    assert os.access(CI_SCRIPT, os.X_OK)
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in ci_commands()


def test_ci_runs_the_readme_test_command_with_the_browser_required():
    runs = [line for line in ci_commands() if re.search(r"\bmake\b", line)]
    assert runs == ["KIT_REQUIRE_BROWSER=1 KIT_REQUIRE_PYTHONS=1 make test"], (
        "CI must run exactly the README's `make test`, nothing weaker")
    assert "make test" in (REPO / "README.md").read_text(encoding="utf-8"), "README.md must give `make test`"


def test_ci_installs_debian_chromium_not_a_downloaded_browser():
    commands = "\n".join(ci_commands())
    assert "apt-get install" in commands and "chromium" in commands
    assert "playwright install" not in commands


# ---------------------------------------------------------------------------------------------------- lessons

def test_there_is_at_least_one_lesson():
    assert LESSONS, "lessons/ holds no notebook"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.relative_to(REPO).as_posix() for p in LESSONS])
def test_lesson_is_committed_executed_top_to_bottom(lesson):
    """nbval compares only cells that ran: a lesson committed without outputs would pass without checking
    anything. `make notebooks` numbers the code cells 1, 2, 3... in order."""
    nb = nbformat.read(lesson, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
    assert code, "a lesson without code cells gives nbval nothing to compare"
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"execution counts {counts}: run `make notebooks` and commit the executed lesson")
    assert any(cell.outputs for cell in code), "no stored output to compare"


# ---------------------------------------------------------------------------------------------------- Makefile

def make_targets() -> dict[str, str]:
    """target -> its recipe (tab-indented lines joined)."""
    targets, current = {}, None
    for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z_][\w.-]*)\s*:(?!=)", line)
        if match:
            current = match.group(1)
            targets[current] = ""
        elif line.startswith("\t") and current:
            targets[current] += line.strip() + "\n"
        elif line.strip() and not line.startswith("#"):
            current = None
    return targets


@pytest.mark.parametrize("target, needs", [
    ("lab", "lessons/00_start_here.ipynb"),
    ("test", "pytest"),
    ("notebooks", "tools/execute_notebooks.py"),
    ("bench", "bench/run.py"),
    ("student", None),
])
def test_makefile_target_exists_and_runs_what_the_readme_says(target, needs):
    targets = make_targets()
    assert target in targets, f"Makefile has no `{target}` target"
    if needs:
        assert needs in targets[target]
        if "/" in needs:
            assert (REPO / needs).exists(), f"`make {target}` needs {needs}"


def test_make_test_runs_every_layer():
    """`make test` is bare pytest; pytest's own settings add nbval on lessons/ and keep browser tests selected."""
    recipe = make_targets()["test"].split()
    assert recipe[-2:] == ["-m", "pytest"], f"`make test` must not narrow pytest: {recipe}"
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    addopts = shlex.split(options["addopts"])
    assert "--nbval" in addopts and "tests/sanitize.cfg" in addopts
    assert "-m" not in addopts and "-k" not in addopts
    assert {"tests", "lessons"} <= set(options["testpaths"])


# ---------------------------------------------------------------------------------------------------- sanitize

def sanitize(text: str) -> str:
    """Apply tests/sanitize.cfg the way nbval does (every section's regex -> replace, in order)."""
    parser = configparser.ConfigParser()
    parser.read(REPO / "tests" / "sanitize.cfg", encoding="utf-8")
    for section in parser.sections():
        text = re.sub(parser[section]["regex"], parser[section]["replace"], text)
    return text


@pytest.mark.parametrize("first, second", [
    ("<widgets.exercises.actors.ActorTagger object at 0x7f3a2b1c9d50>",
     "<widgets.exercises.actors.ActorTagger object at 0x7fe01234abcd>"),
    ("<Figure size 640x480 with 1 Axes>", "<Figure size 1000x300 with 2 Axes>"),
    ('<img alt="Labels by paragraph" src="data:image/png;base64,iVBORw0KGgo+AAA=">',
     '<img alt="Labels by paragraph" src="data:image/png;base64,iVBORw0KGgo/BBB=">'),
    ("[<matplotlib.lines.Line2D at 0x7f0a1b2c3d4e>]", "[<matplotlib.lines.Line2D at 0x55d0c0ffee00>]"),
    ("50 files in the folder.\n",
     "Cannot create the work folder /srv/kit/work: the folder is read-only (no permission to write there). Ask your "
     "teacher, or set the environment variable KIT_WORK_DIR to a folder you can write and restart the kernel.\n"
     "For now this notebook writes to the temporary folder /tmp/class-results-x1.\n50 files in the folder.\n"),
])
def test_sanitize_makes_run_dependent_reprs_equal(first, second):
    assert first != second and sanitize(first) == sanitize(second)


@pytest.mark.parametrize("first, second", [
    ("4 of 17 sentences answered", "5 of 17 sentences answered"),
    ("<Figure size 640x480 with 1 Axes>", "Figure size 640x480"),
    ('<img alt="Labels by paragraph" src="data:image/png;base64,AAA=">',
     '<img alt="Sourcing" src="data:image/png;base64,AAA=">'),
    ("50 files in the folder.\n", "Cannot create the work folder /srv/kit/work: denied.\n51 files in the folder.\n"),
    ("Saved.\n", "Cannot create the work folder /srv/kit/work: denied.\nSaved.\n"),
])
def test_sanitize_leaves_real_differences_visible(first, second):
    assert sanitize(first) != sanitize(second)


# ---------------------------------------------------------------------------------------------------- make notebooks

def test_make_notebooks_output_is_deterministic_and_free_of_widget_model_ids(tmp_path):
    """Two runs of tools/execute_notebooks.py give byte-identical files: counts 1, 2, 3..., no timing metadata,
    no widget state, no random widget model ids (text/plain reprs kept for nbval)."""
    notebook = tmp_path / "smoke.ipynb"
    notebook.write_bytes((harness.FIXTURE_NOTEBOOKS / "smoke.ipynb").read_bytes())
    runs = []
    for _ in range(2):
        done = subprocess.run([sys.executable, str(REPO / "tools" / "execute_notebooks.py"), str(notebook)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "[1/1]" in done.stdout
        runs.append(notebook.read_text(encoding="utf-8"))
    assert runs[0] == runs[1]
    nb = nbformat.reads(runs[0], as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == [1, 2]
    assert "widget-view" not in runs[0] and "widgets" not in nb.metadata and '"execution"' not in runs[0]
    assert code[0].outputs[0].data["text/plain"].startswith("VBox(")


def test_make_notebooks_leaves_a_failing_notebook_untouched(tmp_path):
    notebook = tmp_path / "broken.ipynb"
    original = (harness.FIXTURE_NOTEBOOKS / "broken.ipynb").read_bytes()
    notebook.write_bytes(original)
    done = subprocess.run([sys.executable, str(REPO / "tools" / "execute_notebooks.py"), str(notebook)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "FAILED" in done.stdout
    assert notebook.read_bytes() == original


# ---------------------------------------------------------------------------------------------------- make generated

def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_generated_rebuilds_and_make_test_checks_with_one_list_of_generators():
    generated, targets = _tool("generated"), make_targets()
    assert targets["generated"].split() == ["$(BIN)/python", "tools/generated.py"]
    assert "$(BIN)/python tools/generated.py --check" in targets["test"]
    assert all((REPO / step).is_file() for step in generated.STEPS)
    checked = generated.steps(check=True)
    assert generated.LESSON_OUTPUTS not in checked and generated.CASE_CHECK not in checked
    assert len(checked) == len(set(checked)) == len(set(generated.STEPS)) - len(generated.NOT_CHECKED)


def test_the_generated_check_names_a_stale_file_and_rebuilds_it(tmp_path, monkeypatch, capsys):
    generated = _tool("generated")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "make_out.py").write_text("from pathlib import Path\nPath(__file__).with_name('out.txt').write_text('new')\n")
    (tmp_path / "out.txt").write_text("old")
    (tmp_path / "other.txt").write_text("kept")
    monkeypatch.setattr(generated, "STEPS", ("make_out.py",))
    assert generated.main(["--check"], root=tmp_path) == 1
    assert capsys.readouterr().err.split("\n")[1:3] == ["  out.txt", ""]      # that file only
    assert (tmp_path / "out.txt").read_text() == "new"
    assert generated.main(["--check"], root=tmp_path) == 0
