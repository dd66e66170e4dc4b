"""Fixtures shared by the unit tests: the tiny fixture case and a private work folder for every test."""
from pathlib import Path

import pytest

from widgets.core.loading import load_case

CASE_MIN = Path(__file__).resolve().parents[1] / "fixtures" / "case_min"


@pytest.fixture(scope="module")
def case():
    """tests/fixtures/case_min: a small, fictional, fully keyed case."""
    return load_case(CASE_MIN)


@pytest.fixture(autouse=True)
def work(tmp_path, monkeypatch):
    """Every test saves into its own folder, never into the kit's work/ or another test's files."""
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    return tmp_path
