"""Work that survives Binder, in JupyterLab (Debian's chromium): a student's work downloaded on one machine
(tests/fixtures/notebooks/transfer_machine_a.ipynb) and uploaded into an empty work folder on another
(transfer_machine_b.ipynb, its own kernel) comes back answer for answer, with the name and the path."""
from __future__ import annotations

import json

import harness  # tests/harness.py (the root conftest.py puts tests/ on sys.path)
import pytest
from playwright.sync_api import expect

FOLDER = "tests/fixtures/notebooks"
TIMEOUT_MS = 20_000


def _work(folder):
    """{file name: its answers by exercise} of a work folder, and its path and name files."""
    found = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.name] = ({name: section["answers"] for name, section in data["exercises"].items()}
                            if "exercises" in data else data)
    return found


@pytest.fixture(scope="module")
def downloaded(browser_context, lab_server, tmp_path_factory):
    page = browser_context.new_page()
    result = harness.open_and_run_notebook(page, lab_server, f"{FOLDER}/transfer_machine_a.ipynb", "transfer_a")
    assert not result.problems, result.describe()
    page.get_by_role("button", name="Download all my work").click()
    link = page.locator("a.fprl-download-link")
    expect(link).to_be_visible(timeout=TIMEOUT_MS)
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path_factory.mktemp("download") / download_info.value.suggested_filename
    download_info.value.save_as(target)
    page.close()
    yield target
    lab_server.shutdown_kernels()


def test_upload_into_an_empty_work_folder_restores_every_answer(downloaded, browser_context, lab_server):
    machine_a = lab_server.root / FOLDER / "transfer-machine-a"
    machine_b = lab_server.root / FOLDER / "transfer-machine-b"
    assert downloaded.name.startswith("grace-") and downloaded.suffix == ".json"
    page = browser_context.new_page()
    result = harness.open_and_run_notebook(page, lab_server, f"{FOLDER}/transfer_machine_b.ipynb", "transfer_b")
    assert not result.problems, result.describe()
    assert not list(machine_b.glob("*__*.json"))                      # empty before the upload
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload my work").click()
    chooser.value.set_files(str(downloaded))
    status = page.locator(".fprl-upload-status")
    expect(status).to_contain_text("Restored (biden-china-2022: 3 answers, skills-check: 2 answers)",
                                   timeout=TIMEOUT_MS)
    before = {name: value for name, value in _work(machine_a).items()}
    after = _work(machine_b)
    assert after == before                                            # every answer, the path and the name
    assert after["student.json"]["student"] == "Grace" and after["path.json"]["path"] == "short"
    page.close()
