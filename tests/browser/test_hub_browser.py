"""A class on a real JupyterHub (hub, proxy, hand-in service; free ports, data in the test's folder), in chromium:
two students answer in JupyterLab through the hub and press "Hand in my work"; the teacher's live view shows each
hand-in within 5 s; the projector shows the counts and no name, and the key only after the teacher presses K."""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

import harness
from widgets.classroom.hub.demo import DemoHub

NOTEBOOK = "handin_check.ipynb"
LIVE_VIEW_SECONDS = 5
CELLS = [
    "from widgets import FactOpinionSorter, HandInButton, seed_case, set_student\n"
    "set_student('Someone Else')   # a typed name: the hub, not this, says who hands in\n"
    "case = seed_case('biden-china-2022')",
    "FactOpinionSorter(case, sentences=['h'])",
    "HandInButton(case)",
]


def notebook() -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": cell}
                      for cell in CELLS],
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                        "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


class UserServer:
    """What harness.open_and_run_notebook needs of a server: the notebook's address, here through the hub."""

    def __init__(self, hub: DemoHub, user: str):
        self.hub, self.user = hub, user

    def notebook_url(self, relpath: str) -> str:
        return f"{self.hub.url}/user/{self.user}/lab/tree/{relpath}"


@pytest.fixture(scope="module")
def hub(tmp_path_factory, chromium_executable):
    demo = DemoHub(tmp_path_factory.mktemp("hub"), free_ports=True, students=2,
                   lab_args=["--LabApp.expose_app_in_browser=True"])      # what the harness drives
    for student in ("student1", "student2"):
        home = demo.data / "users" / student
        home.mkdir(parents=True)
        (home / NOTEBOOK).write_text(json.dumps(notebook()), encoding="utf-8")
        for relative, settings in harness.LAB_SETTINGS.items():       # every cell in the DOM, no news prompt
            path = home / ".jupyter" / "lab" / "user-settings" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings), encoding="utf-8")
    demo.start()
    yield demo
    demo.stop()


@pytest.fixture(scope="module")
def browser(playwright_driver, chromium_executable, tmp_path_factory):
    home = tmp_path_factory.mktemp("chromium-home")
    launched = playwright_driver.chromium.launch(
        executable_path=str(chromium_executable), args=harness.CHROMIUM_FLAGS,
        env={"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
             "PATH": "/usr/bin:/bin"})
    yield launched
    launched.close()


def sign_in(browser, hub: DemoHub, user: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login", wait_until="domcontentloaded")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    page.wait_for_load_state("domcontentloaded")
    return page


def answer_and_hand_in(page, hub: DemoHub, student: str, label: str) -> float:
    """Run the notebook in the student's JupyterLab, label the headline, hand in; returns when the hand-in was sent."""
    result = harness.open_and_run_notebook(page, UserServer(hub, student), NOTEBOOK, f"hub_{student}")
    assert not result.problems, result.describe()
    page.get_by_role("radio", name=label, exact=True).check()
    page.get_by_role("radio", name="named", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_role("button", name="Answer saved")).to_be_disabled(timeout=15_000)
    page.get_by_role("button", name="Hand in my work").click()
    status = page.locator(".fprl-live .widget-html-content > *").filter(has_text="Handed in.")
    expect(status).to_contain_text(f"Sent to your class's hand-in service as {student}", timeout=20_000)
    return time.monotonic()


def test_two_students_hand_in_through_the_hub_and_the_teacher_sees_it_live(hub, browser):
    hub.spawn("student1")
    hub.spawn("student2")
    teacher = sign_in(browser, hub, "teacher")
    teacher.goto(hub.service_url, wait_until="domcontentloaded")
    expect(teacher.get_by_text("No hand-ins yet.")).to_be_visible(timeout=30_000)

    for student, label in (("student1", "fact"), ("student2", "opinion")):
        page = sign_in(browser, hub, student)
        sent = answer_and_hand_in(page, hub, student, label)
        # the live view, left open, shows the hand-in by itself
        expect(teacher.locator("main")).to_contain_text(student, timeout=LIVE_VIEW_SECONDS * 1000)
        assert time.monotonic() - sent <= LIVE_VIEW_SECONDS
        page.context.close()
    expect(teacher.get_by_role("heading", name="Start the discussion here")).to_be_visible()
    expect(teacher.locator("main")).not_to_contain_text("Someone Else")
    teacher.screenshot(path=str(_screenshot("hub_live_view")), full_page=True)

    teacher.goto(hub.service_url + "projector", wait_until="domcontentloaded")
    item = teacher.locator(".fprl-projector-item:not([hidden])")
    expect(item).to_contain_text("How the class labelled it (2 answers)")
    counts = {row.locator("th").inner_text(): row.locator("td").first.inner_text()
              for row in item.locator("tbody tr").all()}
    assert counts == {"fact": "1", "opinion": "1", "mixed": "0"}
    html = re.sub(r"<style[^>]*>.*?</style>", "", teacher.content(), flags=re.S)   # the kit's stylesheet names classes
    for name in ("student1", "student2", "Someone Else", "teacher"):
        assert name not in html
    key = item.locator(".fprl-projector-key")
    expect(key).to_be_hidden()
    teacher.keyboard.press("k")
    expect(key).to_be_visible()
    expect(key).to_contain_text("The key:")
    teacher.screenshot(path=str(_screenshot("hub_projector")), full_page=True)
    teacher.context.close()


def _screenshot(name: str) -> Path:
    harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return harness.SCREENSHOTS / f"{name}.png"
