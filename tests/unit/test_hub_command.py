"""`make hub`'s command (python -m widgets.classroom.hub.demo): a demo hub with a teacher in `teachers` and 30 students, one
printed password, an admin token in a 0600 file, and Ctrl-C stops everything it started (the proxy too)."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
import urllib.request

import pytest

import harness

pytestmark = pytest.mark.hub


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_make_hub_starts_a_class_and_ctrl_c_stops_everything(tmp_path):
    port = harness.free_port()
    data = tmp_path / "hub-data"
    env = dict(os.environ, KIT_HUB_PORT=str(port), KIT_HUB_DATA=str(data))
    env.pop("KIT_HUB_PASSWORD", None)
    process = subprocess.Popen([sys.executable, "-m", "widgets.classroom.hub.demo"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    printed = []
    try:
        deadline = time.monotonic() + 180
        while not any("Press Ctrl-C" in line for line in printed):
            line = process.stdout.readline()
            assert line or process.poll() is None, "".join(printed)
            printed.append(line)
            assert time.monotonic() < deadline, "".join(printed)
        text = "".join(printed)
        assert f"http://127.0.0.1:{port}/" in text and "student30" in text and "teacher" in text
        password = text.split("Password for every user: ")[1].split()[0]
        assert len(password) >= 8
        token_file = data / "admin.token"
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        request = urllib.request.Request(f"http://127.0.0.1:{port}/hub/api/groups/teachers",
                                         headers={"Authorization": f"token {token_file.read_text().strip()}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.loads(answer.read())["users"] == ["teacher"]
        proxy = int((data / "proxy.pid").read_text())
        assert _alive(proxy)
    finally:
        process.send_signal(signal.SIGINT)                 # what Ctrl-C sends
        process.wait(90)
    assert process.returncode == 0
    for _ in range(50):
        if not _alive(proxy):
            break
        time.sleep(0.1)
    assert not _alive(proxy), "the proxy outlived make hub"
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/", timeout=2)
        raise AssertionError("the hub still answers after Ctrl-C")
    except OSError:
        pass
