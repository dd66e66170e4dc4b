"""Grading is pure: importing it, or building the class report, never loads ipywidgets (or any widget module)."""
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import widgets.core.grading
from widgets.core.grading.registry import REGISTRY, SPECS

ROOT = Path(__file__).resolve().parents[2]
EVERY_GRADING_MODULE = sorted(f"widgets.core.grading.{m.name}" for m in pkgutil.iter_modules(widgets.core.grading.__path__))


def _loaded_after(code: str, cwd=ROOT) -> dict:
    """Run `code` in a fresh interpreter; what it loaded of ipywidgets and of widgets.exercises."""
    probe = (f"{code}\nimport sys, json\n"
             "print(json.dumps({'ipywidgets': sorted(m for m in sys.modules if m.split('.')[0] == 'ipywidgets'),"
             " 'exercises': sorted(m for m in sys.modules if m.startswith('widgets.exercises'))}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_grading_module_loads_no_ipywidgets():
    assert "widgets.core.grading.registry" in EVERY_GRADING_MODULE and len(EVERY_GRADING_MODULE) >= 12
    loaded = _loaded_after("import " + ", ".join(EVERY_GRADING_MODULE))
    assert loaded == {"ipywidgets": [], "exercises": []}


def test_the_class_report_is_built_without_ipywidgets(tmp_path):
    code = ("from widgets.classroom.results import class_results\n"
            f"results = class_results({str(tmp_path)!r}, case='seeds/biden-china-2022')\n"
            "assert '</html>' in results.to_html()\n"
            "results.gradebook_rows(); results.item_rows()")
    assert _loaded_after(code) == {"ipywidgets": [], "exercises": []}


def test_the_results_command_on_an_empty_folder_loads_no_ipywidgets(tmp_path):
    folder = tmp_path / "handins"
    folder.mkdir()
    code = ("import sys\nfrom widgets.__main__ import main\n"
            f"code = main(['results', {str(folder)!r}, '--out', {str(tmp_path / 'r.html')!r}, "
            f"'--csv', {str(tmp_path / 'g.csv')!r}])\nassert code == 0, code")
    assert _loaded_after(code) == {"ipywidgets": [], "exercises": []}
    assert (tmp_path / "r.html").is_file() and (tmp_path / "g.csv").is_file()


def test_the_registry_is_a_plain_table_of_specs():
    assert list(REGISTRY) == ["fact_opinion", "actors", "claims", "verdicts", "responses", "exit_tickets"]  # scored
    for key, spec in SPECS.items():
        assert spec.key == key and spec.title and spec.unit
        assert REGISTRY[key] is spec.grade if spec.scored else key not in REGISTRY
