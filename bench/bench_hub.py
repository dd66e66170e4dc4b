"""Hub load test: N students through a real JupyterHub (prints figures; passes or fails nothing).

The demo hub of `make hub` (hub/jupyterhub_config.py: proxy, hand-in service, simple spawner) starts on free ports
with its data in a temporary folder. Each simulated student:
1. gets their own JupyterLab server spawned by the hub (SPAWNERS at a time, as logins arrive);
2. opens lesson 4 through the proxy (a kernel session in lessons/, as JupyterLab does) and builds the lesson's
   fact/opinion sorter and hand-in button;
3. answers the sorter's items at a student's pace (one answer every KIT_HUB_PACE seconds, random in the range):
   `answer()` then `check()`, exactly what the buttons do; the time from sending the code through the proxy's
   websocket to its reply is the click-to-feedback time;
4. presses "Hand in my work", which writes the file and sends it to the service with the server's hub token.
Then the service's database is counted: hand-ins sent must equal hand-ins stored.

Printed per class size: p50/p95 click-to-feedback, memory per student (the student's server and kernel), the hub,
proxy and service's memory, hand-ins sent and stored; at the end the largest N whose p95 stayed under 1 s. Sizes
stop growing once p95 reaches 1 s.

Knobs (environment): KIT_HUB_SIZES="10,20,40,60" (class sizes, ascending), KIT_HUB_PACE="10,20" (seconds between two
answers of one student), KIT_HUB_ITEMS=0 (answers per student; 0: every item the lesson assigns),
KIT_HUB_LIVE_ANSWERS=1 (also send answers as they are saved), KIT_BENCH_QUICK=1 (sizes 5,10 at one answer every
3-6 s). A full run takes about 5 minutes per size (lesson 4 assigns 17 items) plus the spawns.

    python bench/run.py hub
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from widgets.classroom.hub import store
from widgets.classroom.hub.demo import DemoHub

MIB = 1024 * 1024
QUICK = os.environ.get("KIT_BENCH_QUICK") == "1"
SIZES = tuple(int(n) for n in os.environ.get("KIT_HUB_SIZES", "5,10" if QUICK else "10,20,40,60").split(",")
              if n.strip())
PACE = tuple(float(n) for n in os.environ.get("KIT_HUB_PACE", "3,6" if QUICK else "10,20").split(","))
ITEMS = int(os.environ.get("KIT_HUB_ITEMS", "0"))
LIVE = os.environ.get("KIT_HUB_LIVE_ANSWERS") == "1"
SPAWNERS = 4               # servers started at the same time
OPENERS = 6                # kernels opening lesson 4 at the same time (as bench_load.py's STARTERS)
P95_LIMIT_S = 1.0
LESSON = "lessons/04_fact_opinion_mixed.ipynb"

SETUP = r'''
from widgets import FactOpinionSorter, HandInButton, seed_case, set_student
set_student({name!r})
case = seed_case("biden-china-2022")
sorter = FactOpinionSorter(case, lesson="04_fact_opinion_mixed.ipynb")
button = HandInButton(case)
def _bench_answer(item):
    sentence = case.sentence(item)
    sorter.answer(item, {{"label": sentence.label, "sourcing": sentence.sourcing}})
    sorter.check()
import json as _json
print(_json.dumps(list(sorter.items)))
'''
HAND_IN = "button.click()\nprint(_json.dumps({'ok': bool(button.sent and button.sent.ok)}))"


class Kernel:
    """One kernel of one student's server, driven through the hub's proxy over the Jupyter websocket."""

    def __init__(self, hub: DemoHub, user: str, token: str):
        self.hub, self.user, self.token = hub, user, token
        self.base = f"{hub.url}/user/{user}"
        self.socket = None

    async def open(self) -> None:
        from tornado import httpclient, websocket
        client = httpclient.AsyncHTTPClient()   # configured in one_class: enough connections for the whole class
        body = json.dumps({"path": LESSON, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        answer = await client.fetch(f"{self.base}/api/sessions", method="POST", body=body,
                                    headers={"Authorization": f"token {self.token}"}, connect_timeout=120,
                                    request_timeout=120)
        kernel_id = json.loads(answer.body)["kernel"]["id"]
        request = httpclient.HTTPRequest(f"{self.base.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels",
                                         headers={"Authorization": f"token {self.token}"})
        self.socket = await websocket.websocket_connect(request)

    async def run(self, code: str, timeout: float = 300) -> str:
        """Execute `code`; return what it printed once the reply and the idle status are in."""
        msg_id = uuid.uuid4().hex
        await self.socket.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": msg_id, "msg_type": "execute_request",
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        printed, replied, idle = [], None, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            text = await asyncio.wait_for(self.socket.read_message(), max(1, deadline - time.monotonic()))
            if text is None:
                raise RuntimeError(f"{self.user}: the kernel's websocket closed")
            message = json.loads(text)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                printed.append(f"ERROR {message['content']['ename']}: {message['content']['evalue']}")
            elif kind == "execute_reply":
                replied = message["content"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        if replied["status"] != "ok":
            raise RuntimeError(f"{self.user}: {''.join(printed)[-400:]}")
        return "".join(printed)


class Student:
    def __init__(self, hub: DemoHub, name: str):
        self.hub, self.name = hub, name
        self.latencies: list[float] = []
        self.handed_in = False
        self.open_seconds: float | None = None
        self.error: str | None = None

    async def play(self, token: str, rng: random.Random, openings: asyncio.Semaphore) -> None:
        try:
            kernel = Kernel(self.hub, self.name, token)
            async with openings:             # students open the lesson over a minute or so, not in one instant
                started = time.perf_counter()
                await kernel.open()
                items = json.loads((await kernel.run(SETUP.format(name=self.name))).strip().splitlines()[-1])
                self.open_seconds = time.perf_counter() - started
            for item in items[:ITEMS or None]:
                await asyncio.sleep(rng.uniform(*PACE))
                sent = time.perf_counter()
                await kernel.run(f"_bench_answer({item!r})")
                self.latencies.append(time.perf_counter() - sent)
            self.handed_in = json.loads((await kernel.run(HAND_IN)).strip().splitlines()[-1])["ok"]
            kernel.socket.close()
        except Exception as error:  # noqa: BLE001 - one student's failure is a figure, not a crash
            self.error = f"{type(error).__name__}: {error}"


def percentile(values, share) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _memory(hub: DemoHub) -> tuple[float, float]:
    """(MiB of every student's server and kernel, MiB of the hub, proxy and service)."""
    import psutil
    hub_process = psutil.Process(hub.process.pid)
    processes = hub_process.children(recursive=True)
    servers = [p for p in processes if "jupyterhub.singleuser" in " ".join(p.cmdline())]
    student_pids = {p.pid for s in servers for p in [s, *s.children(recursive=True)]}   # kernels included
    rss = lambda pids: sum(_rss(pid) for pid in pids) / MIB  # noqa: E731
    own = {hub_process.pid} | {p.pid for p in processes} - student_pids
    proxy = hub.proxy_pid()
    return rss(student_pids), rss(own | ({proxy} if proxy else set()))


def _rss(pid: int) -> int:
    import psutil
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return 0


async def _spawn_all(hub: DemoHub, names: list) -> dict:
    """Spawn every student's server, SPAWNERS at a time; returns name -> API token."""
    loop = asyncio.get_running_loop()
    limit = asyncio.Semaphore(SPAWNERS)

    async def one(name):
        async with limit:
            await loop.run_in_executor(None, hub.spawn, name, 300)
            return name, await loop.run_in_executor(None, hub.user_token, name)
    return dict(await asyncio.gather(*(one(name) for name in names)))


def one_class(size: int, root: Path) -> tuple[list, float | None]:
    group = f"hub: {size} student{'s' if size > 1 else ''}"
    hub = DemoHub(root / f"hub-{size}", free_ports=True, students=size, live_answers=LIVE)
    rows = []
    started = time.perf_counter()
    hub.start()
    try:
        rows.append({"group": group, "what": "hub, proxy and hand-in service ready", "value":
                     time.perf_counter() - started, "unit": "s"})
        names = [f"student{n}" for n in range(1, size + 1)]
        started = time.perf_counter()
        tokens = asyncio.run(_spawn_all(hub, names))
        rows.append({"group": group, "what": f"spawn {size} JupyterLab servers ({SPAWNERS} at a time)",
                     "value": time.perf_counter() - started, "unit": "s"})
        students = [Student(hub, name) for name in names]
        rng = random.Random(size)

        async def play_all():
            from tornado import httpclient   # tornado's default of 10 connections would queue a class's logins
            httpclient.AsyncHTTPClient.configure(None, max_clients=max(10, 2 * size))
            openings = asyncio.Semaphore(OPENERS)
            await asyncio.gather(*(s.play(tokens[s.name], random.Random(rng.random()), openings) for s in students))
        started = time.perf_counter()
        asyncio.run(play_all())
        latencies = [t for s in students for t in s.latencies]
        p95 = percentile(latencies, 0.95)
        rows.append({"group": group, "what": f"whole class: lesson 4 sorter, one answer every {PACE[0]:g}-{PACE[-1]:g} s "
                                            "each, then hand-in", "value": time.perf_counter() - started, "unit": "s"})
        opened = [s.open_seconds for s in students if s.open_seconds is not None]
        rows.append({"group": group, "what": f"open lesson 4 and build the sorter (kernel start included; {OPENERS} "
                                            "at a time), median", "value": percentile(opened, 0.5), "unit": "s"})
        rows.append({"group": group, "what": f"click-to-feedback through the proxy, p50 ({len(latencies)} answers)",
                     "value": 1000 * percentile(latencies, 0.5) if latencies else None, "unit": "ms"})
        rows.append({"group": group, "what": "click-to-feedback through the proxy, p95",
                     "value": 1000 * p95 if p95 is not None else None, "unit": "ms"})
        students_mib, hub_mib = _memory(hub)
        rows.append({"group": group, "what": "memory per student (their JupyterLab server and kernel)",
                     "value": students_mib / size, "unit": "MiB"})
        rows.append({"group": group, "what": "memory of the hub, proxy and hand-in service", "value": hub_mib,
                     "unit": "MiB"})
        sent = sum(s.handed_in for s in students)
        with sqlite3.connect(hub.data / "handin" / store.DATABASE_NAME) as connection:
            stored = connection.execute("SELECT COUNT(*) FROM handins WHERE kind = 'handin'").fetchone()[0]
        rows.append({"group": group, "what": "hand-ins sent (the service said stored)", "value": sent,
                     "unit": "hand-ins"})
        rows.append({"group": group, "what": "hand-ins in the service's database", "value": stored,
                     "unit": "hand-ins  " + ("(equal)" if stored == sent else "(NOT EQUAL)")
                     + ("" if sent == size else f"; {size - sent} students did not hand in")})
        failed = [f"{s.name}: {s.error}" for s in students if s.error]
        if failed:
            rows.append({"group": group, "what": "problems", "value": len(failed), "unit": "; ".join(failed)[:300]})
            p95 = None
        return rows, p95
    finally:
        hub.stop()


def rows() -> list[dict]:
    found, capacity = [], None
    with tempfile.TemporaryDirectory(prefix="fprl-bench-hub-") as tmp:
        for size in SIZES:
            class_rows, p95 = one_class(size, Path(tmp))
            found += class_rows
            if p95 is None or p95 >= P95_LIMIT_S:
                break
            capacity = size
    found.append({"group": "hub", "what": f"largest class tried whose p95 stayed under {P95_LIMIT_S:g} s "
                                          f"(sizes tried: {', '.join(map(str, SIZES))})",
                  "value": capacity, "unit": "students" if capacity else "none of the sizes tried"})
    return found


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import harness
    with tempfile.TemporaryDirectory(prefix="fprl-bench-") as tmp:
        harness.apply_environment(harness.isolate_environment(Path(tmp) / "env"))
        for row in rows():
            print(row)
