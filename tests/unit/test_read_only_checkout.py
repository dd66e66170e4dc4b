"""A read-only checkout (as on many hubs) still runs every lesson (issue 15, item 5; issue 12, item 8).

The kit is copied and made truly read-only (chattr +i as root, chmod otherwise); every lesson runs in a kernel that
imports the copy, with no KIT_WORK_DIR, so the kit's work/ folder cannot be created. No cell may fail: saving
widgets say so in the widget instead. Nothing is written into the copy.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import harness  # noqa: E402

COPIED = ("widgets", "lessons", "seeds", "pyproject.toml")


def _fingerprint(folder: Path) -> dict:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def read_only_kit(tmp_path_factory):
    kit = tmp_path_factory.mktemp("read-only-kit") / "kit"
    kit.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, kit / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, kit / name)
    root_user = os.geteuid() == 0
    if root_user:
        if subprocess.run(["chattr", "-R", "+i", str(kit)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only as root here (chattr +i refused)")
    else:
        subprocess.run(["chmod", "-R", "a-w", str(kit)], check=True)
    try:
        yield kit
    finally:
        subprocess.run(["chattr", "-R", "-i", str(kit)] if root_user else ["chmod", "-R", "u+w", str(kit)],
                       check=True)


def test_every_lesson_runs_from_a_read_only_checkout(read_only_kit, monkeypatch):
    before = _fingerprint(read_only_kit)
    monkeypatch.delenv("KIT_WORK_DIR", raising=False)
    monkeypatch.setenv("PYTHONPATH", str(read_only_kit))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    lessons = harness.notebook_paths(read_only_kit / "lessons")
    assert len(lessons) >= 8
    failures = []
    for path in lessons:
        nb = nbformat.read(path, as_version=4)
        probe = ("import widgets, widgets.core.storage as s\n"
                 "print('KIT', widgets.__file__)\n"
                 "try:\n    s.work_dir()\nexcept s.StorageError as e:\n    print('WORK', e)\n")
        nb.cells.insert(0, nbformat.v4.new_code_cell(probe))
        executor = ExecutePreprocessor(timeout=300, kernel_name="python3", allow_errors=True)
        executor.preprocess(nb, {"metadata": {"path": str(path.parent)}})
        printed = "".join(o.get("text", "") for o in nb.cells[0].outputs)
        assert f"KIT {read_only_kit}" in printed, printed              # the kernel really ran the copy
        assert "WORK Cannot create the work folder" in printed and "KIT_WORK_DIR" in printed, printed
        for number, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    failures.append(f"{path.name} cell {number}: {output.get('ename')}: {output.get('evalue')}")
    assert not failures, "\n".join(failures)
    assert _fingerprint(read_only_kit) == before
