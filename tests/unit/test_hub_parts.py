"""The hand-in service's parts without a hub: the database and its migrations, the report's rules applied to a
posted hand-in, the names-free projector page, escaping, and the kernel's sender (debounced, retried, never
blocking)."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from widgets.classroom.submission import build_submission
from widgets.classroom.hub import client, rules, store, views

CASE = "biden-china-2022"
HOSTILE = "<script>alert(1)</script>"


def handin(claimed, labels, created=None):
    now = datetime.now(timezone.utc).isoformat()
    section = {"answers": {i: {"label": label, "sourcing": "named"} for i, label in labels.items()},
               "answered_at": dict.fromkeys(labels, now), "assigned": list(labels)}
    return build_submission(claimed, CASE, {"fact_opinion": section}, "0.1.0", created)


def received():
    return datetime.now(timezone.utc).replace(microsecond=0)


def test_an_old_database_is_migrated_and_keeps_every_row(tmp_path):
    path = tmp_path / store.DATABASE_NAME
    with sqlite3.connect(path) as old:                       # a version 1 database, as the first release wrote it
        old.executescript(store.MIGRATIONS[0] + "; PRAGMA user_version = 1;")
        old.execute("INSERT INTO handins (hub_user, case_id, received, claimed_name, document) "
                    "VALUES ('student1', 'c', '2026-01-01T00:00:00+00:00', 'Ada', '{}')")
    migrated = store.open_store(tmp_path)
    assert migrated.version == store.SCHEMA_VERSION == 2
    [row] = migrated.of_user("student1")
    assert (row.claimed_name, row.kind, row.document) == ("Ada", store.HANDIN, {})
    assert migrated._connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    migrated.close()


def test_a_database_from_a_newer_kit_is_refused(tmp_path):
    with sqlite3.connect(tmp_path / store.DATABASE_NAME) as newer:
        newer.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="Upgrade the kit"):
        store.open_store(tmp_path)


def test_nothing_is_overwritten(tmp_path):
    db = store.open_store(tmp_path)
    first = db.add("student1", CASE, "t1", "Ada", {"n": 1})
    second = db.add("student1", CASE, "t2", "Ada", {"n": 2})
    assert [h.document["n"] for h in db.of_user("student1")] == [1, 2] and second == first + 1


def test_the_hub_name_and_the_services_clock_replace_what_the_body_says():
    future = datetime(2099, 1, 1, tzinfo=timezone.utc)
    now = received()
    document, claimed = rules.accept(json.dumps(handin("Ada Forged", {"h": "fact"}, future)).encode(), "student7", now)
    assert claimed == "Ada Forged"
    assert document["student"] == "student7" and document["created"] == now.isoformat()


def test_a_hub_name_the_report_would_refuse_is_refused():
    with pytest.raises(rules.HandinRejected, match="^This hand-in was not accepted: "):
        rules.accept(json.dumps(handin("Ada", {"h": "fact"})).encode(), "", received())


def _rows(names_and_labels):
    now = received()
    return [store.StoredHandin(n, name, CASE, now.isoformat(), name, store.HANDIN,
                               rules.accept(json.dumps(handin(name, {"h": label})).encode(), name,
                                            now - timedelta(seconds=n))[0])
            for n, (name, label) in enumerate(names_and_labels, start=1)]


def test_the_projector_page_holds_counts_and_never_a_name():
    names = ["zoe" + HOSTILE, "yusuf", "xavier"]
    results = rules.class_results_of(_rows(zip(names, ["fact", "opinion", "opinion"])))
    assert sorted(results.students) == sorted(names)
    page = views.projector_page(results, results, [CASE], 3, "/hub/", "token")
    assert "How the class labelled it (3 answers)" in page
    for name in names + ["zoe"]:
        assert name not in page
    assert "3 hand-ins" in page and "<script>alert" not in page


def test_the_live_page_escapes_names_and_keeps_the_report():
    results = rules.class_results_of(_rows([(HOSTILE, "fact"), ("ada", "mixed")]))
    page = views.class_page(results, results, [CASE, HOSTILE], 2, "/hub/", '"</script>')
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "Start the discussion here" in page and "Progress per exercise" in page
    assert '"</script>' not in page                        # the XSRF token goes into the script as JSON
    summary = views.class_json(results, results, [CASE], 2)
    assert summary["students"] == 2 and summary["progress"][0]["started"] == 2


class _Collector(BaseHTTPRequestHandler):
    received: list = []
    status = 201

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, self.headers["Authorization"], json.loads(body)))
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"id": len(type(self).received), "student": "student1"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_service():
    _Collector.received, _Collector.status = [], 201
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, {"JUPYTERHUB_API_TOKEN": "t0ken", "JUPYTERHUB_SERVICE_PREFIX": "/user/student1/",
                   client.URL_VARIABLE: f"http://127.0.0.1:{server.server_address[1]}/services/handin",
                   client.LIVE_VARIABLE: "1"}
    server.shutdown()


def test_outside_a_hub_nothing_is_sent():
    assert client.service_url({"JUPYTERHUB_API_TOKEN": "x"}) is None
    assert not client.send({}, environ={}).ok
    assert not client.live_answers({})


def test_answers_saved_in_a_burst_go_in_one_send_with_the_token(fake_service):
    _server, environ = fake_service
    assert client.live_answers(environ)
    sender = client.LiveSender(lambda: {"n": 1}, delay=0.2, environ=environ)
    for _ in range(5):
        sender.answer_saved()
    time.sleep(1.0)
    assert [(path, auth) for path, auth, _doc in _Collector.received] == [("/services/handin/api/progress",
                                                                          "token t0ken")]


def test_a_failed_send_is_tried_again_and_an_unreachable_service_never_raises(fake_service):
    _server, environ = fake_service
    _Collector.status = 503
    sender = client.LiveSender(lambda: {"n": 1}, delay=0.05, retry=0.2, environ=environ)
    sender.answer_saved()
    time.sleep(0.15)
    _Collector.status = 201
    time.sleep(0.6)
    assert len(_Collector.received) >= 2 and sender.last.ok
    unreachable = dict(environ, **{client.URL_VARIABLE: "http://127.0.0.1:9/"})
    started = time.monotonic()
    result = client.send({"n": 1}, environ=unreachable)
    assert not result.ok and "your file is saved" in result.message and time.monotonic() - started < 6


def test_under_a_live_class_every_saved_answer_reaches_the_service(fake_service, work, monkeypatch):
    from widgets import FactOpinionSorter, seed_case, set_student
    from widgets.views.events import AnswerEvents

    _server, environ = fake_service
    monkeypatch.setattr(client, "LIVE_DELAY_SECONDS", 0.2)
    monkeypatch.setattr(client, "_watching", {})
    events = AnswerEvents()
    assert client.watch_answers(events, environ)
    set_student("Ada")
    sorter = FactOpinionSorter(seed_case(CASE), sentences=["h", "p1s1"])
    sorter.answer("h", {"label": "fact", "sourcing": "named"})
    events.announce("Ada", CASE, "fact_opinion", "h")
    time.sleep(1.0)
    [(path, _auth, document)] = _Collector.received
    assert path.endswith("/api/progress") and document["case"] == CASE
    assert document["exercises"]["fact_opinion"]["answers"]["h"]["label"] == "fact"
