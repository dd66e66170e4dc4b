"""widgets.seed_case / seed_path find the kit's seeds/ wherever the kernel runs, and refuse names that are not seeds."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import widgets
from widgets.core import seeds

KIT = Path(__file__).resolve().parents[2]


def test_seed_case_loads_the_case_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                 # no seeds/ here nor above: found from the package's location
    case = widgets.seed_case("biden-china-2022")
    assert case.id == "biden-china-2022" and case.path == KIT / "seeds" / "biden-china-2022"
    assert widgets.seed_path("warmup", "statements.yaml") == KIT / "seeds" / "warmup" / "statements.yaml"


def test_a_notebook_kernel_in_a_copied_lessons_folder_finds_the_seeds(tmp_path):
    code = "import widgets; print(widgets.seed_case('biden-china-2022-wire').id)"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(KIT)}, timeout=120)
    assert done.stdout.strip() == "biden-china-2022-wire", done.stderr


@pytest.mark.parametrize("name", ["../seeds/biden-china-2022", "Biden", "", "a/b", None])
def test_a_name_that_is_not_a_seed_folder_is_refused_in_words(name):
    with pytest.raises(ValueError, match="is not a seed name"):
        seeds.seed_path(name)


@pytest.mark.parametrize("parts", [("..", "x"), ("a/b",), ("",)])
def test_parts_must_be_plain_file_names(parts):
    with pytest.raises(ValueError, match="plain file name"):
        seeds.seed_path("warmup", *parts)


def test_an_unknown_seed_lists_the_seeds_there_are():
    with pytest.raises(FileNotFoundError, match=r"No seed 'no-such-case'.*biden-china-2022"):
        widgets.seed_case("no-such-case")
