"""A read-only checkout (as on many hubs) still runs every lesson (issue 15, item 5; issue 12, item 8).

nbval runs every lesson that way (conftest.py at the root): its kernel imports a read-only copy of the kit (chattr +i
as root, chmod otherwise) and has no KIT_WORK_DIR, so the kit's work/ folder cannot be created. A cell that fails
there (saving widgets must say so in the widget instead), or that writes into the copy, fails its nbval item. This
file checks that set-up itself: the copy is read-only, and a kernel started with it imports the copy and finds no
work folder, with a message that names KIT_WORK_DIR.
"""
import sys
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
import harness  # noqa: E402


@pytest.fixture(scope="module")
def read_only_kit(tmp_path_factory):
    kit = harness.make_read_only_kit(tmp_path_factory.mktemp("read-only"))
    try:
        yield kit
    finally:
        harness.release_read_only(kit)


def test_the_copy_nbval_runs_the_lessons_from_is_read_only(read_only_kit):
    assert sorted(p.name for p in read_only_kit.iterdir()) == sorted(harness.READ_ONLY_KIT)
    with pytest.raises(OSError):
        (read_only_kit / "widgets" / "written.txt").write_text("x")
    with pytest.raises(OSError):
        (read_only_kit / "work").mkdir()


def test_a_kernel_set_up_as_nbval_runs_lessons_imports_the_copy_and_has_no_work_folder(read_only_kit, monkeypatch):
    before = harness.fingerprint(read_only_kit)
    for name, value in harness.read_only_kernel_environment(read_only_kit).items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    probe = ("import widgets, widgets.core.storage as s\n"
             "print('KIT', widgets.__file__)\n"
             "try:\n    s.work_dir()\nexcept s.StorageError as e:\n    print('WORK', e)\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(harness.LESSONS)}})
    printed = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert f"KIT {read_only_kit}" in printed, printed              # the kernel really imports the copy
    assert "WORK Cannot create the work folder" in printed and "KIT_WORK_DIR" in printed, printed
    assert harness.fingerprint(read_only_kit) == before
