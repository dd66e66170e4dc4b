"""The hand-in service through a real JupyterHub (hub, proxy, service; one hub for the module, free ports, data in
a temporary folder): identity from the hub token, never from the body; 403s; restart persistence; 40 at once."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from widgets.classroom.submission import MAX_SUBMISSION_BYTES, build_submission
from widgets.classroom.hub import client, store
from widgets.classroom.hub.demo import DemoHub

pytestmark = pytest.mark.hub

CASE = "biden-china-2022"
STUDENTS = 40


def handin(claimed: str, labels: dict) -> dict:
    """A hand-in as the kit writes it: fact/opinion labels for some sentences of the seed case."""
    now = datetime.now(timezone.utc).isoformat()
    section = {"answers": {item: {"label": label, "sourcing": "named"} for item, label in labels.items()},
               "answered_at": dict.fromkeys(labels, now), "assigned": list(labels)}
    return build_submission(claimed, CASE, {"fact_opinion": section}, "0.1.0")


def call(hub, method, path, token=None, body=None, raw: bytes | None = None):
    """(status, body bytes, content type) of a request to the service through the hub's proxy."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    request = urllib.request.Request(hub.service_url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read(), answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    demo = DemoHub(tmp_path_factory.mktemp("hub"), free_ports=True, students=STUDENTS)
    demo.start()
    demo.tokens = {}
    yield demo
    demo.stop()


def token(hub, name):
    if name not in hub.tokens:
        hub.tokens[name] = hub.user_token(name)
    return hub.tokens[name]


def test_a_handin_claiming_another_name_is_stored_under_the_hub_name(hub):
    status, body, _ = call(hub, "POST", "api/handins", token(hub, "student1"),
                           handin("student2", {"h": "fact", "p1s1": "opinion"}))
    assert status == 201, body
    stored = json.loads(body)
    assert stored["student"] == "student1"
    status, body, _ = call(hub, "GET", "api/handins/mine", token(hub, "student1"))
    mine = json.loads(body)["handins"]
    assert [h["document"]["student"] for h in mine] == ["student1"]
    assert mine[0]["claimed_name"] == "student2"
    # and student2 has nothing
    assert json.loads(call(hub, "GET", "api/handins/mine", token(hub, "student2"))[1])["handins"] == []


def test_a_student_reads_only_their_own_handins_and_never_the_class(hub):
    call(hub, "POST", "api/handins", token(hub, "student3"), handin("student3", {"h": "opinion"}))
    mine = json.loads(call(hub, "GET", "api/handins/mine", token(hub, "student3"))[1])["handins"]
    assert {h["document"]["student"] for h in mine} == {"student3"}
    for path in ("api/class", "api/gradebook.csv", "api/latest", "", "projector"):
        status, body, _ = call(hub, "GET", path, token(hub, "student3"))
        assert status == 403, (path, body)
        assert b"student1" not in body


def test_without_a_token_the_api_answers_403(hub):
    for method, path in (("GET", "api/handins/mine"), ("GET", "api/class"), ("POST", "api/handins")):
        status, body, content_type = call(hub, method, path, body={} if method == "POST" else None)
        assert status == 403, (path, status)
        assert "error" in json.loads(body)


def test_a_page_without_a_login_goes_to_the_hubs_login(hub):
    request = urllib.request.Request(hub.service_url)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    assert raised.value.code == 302
    assert "/hub/api/oauth2/authorize" in raised.value.headers["Location"]


def test_malformed_or_too_large_gets_400_with_one_sentence(hub):
    student = token(hub, "student4")
    for raw in (b'{"format": "fprl-submission", "version": 1', b"not json", json.dumps({"x": 1}).encode(),
                json.dumps({**handin("x", {"h": "fact"}), "case": "../../etc"}).encode(),
                b" " * (MAX_SUBMISSION_BYTES + 10)):
        status, body, _ = call(hub, "POST", "api/handins", student, raw=raw)
        assert status == 400, raw[:60]
        message = json.loads(body)["error"]
        assert message.startswith("This hand-in was not accepted: ") and message.endswith(".")
        assert message.count(". ") == 0, message
    assert json.loads(call(hub, "GET", "api/handins/mine", student)[1])["handins"] == []


def test_the_teacher_reads_the_class_and_the_gradebook(hub):
    call(hub, "POST", "api/handins", token(hub, "student5"), handin("Someone Else", {"h": "fact", "p1s1": "fact"}))
    teacher = token(hub, "teacher")
    status, body, _ = call(hub, "GET", f"api/class?case={CASE}", teacher)
    assert status == 200, body
    summary = json.loads(body)
    students = {s["student"] for s in summary["scores"]}
    assert {"student1", "student5"} <= students and "Someone Else" not in students and "student2" not in students
    assert summary["case"] == CASE and summary["progress"][0]["exercise"] == "fact_opinion"
    status, body, content_type = call(hub, "GET", "api/gradebook.csv", teacher)
    assert status == 200 and content_type.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0][:3] == ["student", "file", "handed_in"]
    assert {"student1", "student5"} <= {row[0] for row in rows[1:]}


def test_the_live_view_names_students_and_the_projector_shows_counts_only(hub):
    teacher = token(hub, "teacher")
    status, page, _ = call(hub, "GET", "", teacher)
    assert status == 200 and b"student5" in page and b"Start the discussion here" in page
    assert b"Progress per exercise" in page
    status, projector, _ = call(hub, "GET", "projector", teacher)
    assert status == 200
    text = projector.decode()
    assert "How the class labelled it" in text
    assert "student" not in text.lower().replace("students", "")
    for claimed in ("Someone Else", "student2", "Ada"):
        assert claimed not in text


def test_answers_sent_as_saved_show_as_progress_but_are_not_hand_ins(hub):
    teacher = token(hub, "teacher")
    status, body, _ = call(hub, "POST", "api/progress", token(hub, "student8"), handin("student8", {"p2s1": "fact"}))
    assert status == 201 and json.loads(body)["kind"] == "progress"
    summary = json.loads(call(hub, "GET", f"api/class?case={CASE}", teacher)[1])
    assert "student8" not in {s["student"] for s in summary["scores"]}
    status, page, _ = call(hub, "GET", "", teacher)
    assert b"student8" not in page
    progress = {row["exercise"]: row for row in summary["progress"]}
    assert progress["fact_opinion"]["students"] == len(summary["scores"]) + 1


def test_forty_students_posting_at_once_store_forty(hub):
    names = [f"student{n}" for n in range(1, STUDENTS + 1)]
    tokens = {name: token(hub, name) for name in names}
    before = json.loads(call(hub, "GET", "api/latest", token(hub, "teacher"))[1])["latest"]

    def post(name):
        return call(hub, "POST", "api/handins", tokens[name], handin(name, {"h": "fact", "p1s2": "mixed"}))[0]
    with ThreadPoolExecutor(STUDENTS) as pool:
        statuses = list(pool.map(post, names))
    assert statuses == [201] * STUDENTS
    after = json.loads(call(hub, "GET", "api/latest", token(hub, "teacher"))[1])["latest"]
    assert after - before == STUDENTS
    database = hub.data / "handin" / store.DATABASE_NAME
    with sqlite3.connect(database) as connection:
        stored = connection.execute("SELECT hub_user FROM handins WHERE id > ?", (before,)).fetchall()
    assert sorted(row[0] for row in stored) == sorted(names)


def test_the_kernel_client_sends_under_the_hub_name(hub):
    environ = {"JUPYTERHUB_API_TOKEN": token(hub, "student6"), "JUPYTERHUB_SERVICE_PREFIX": "/user/student6/",
               client.URL_VARIABLE: hub.service_url}
    sent = client.send(handin("Impostor", {"h": "fact"}), environ=environ)
    assert sent.ok and "student6" in sent.message
    refused = client.send({"format": "nonsense"}, environ=environ)
    assert not refused.ok and not refused.retry and refused.message.startswith("This hand-in was not accepted")
    assert client.service_url({}) is None


def test_every_handin_is_still_there_after_a_restart(hub):
    teacher_view = json.loads(call(hub, "GET", "api/class", token(hub, "teacher"))[1])
    mine = json.loads(call(hub, "GET", "api/handins/mine", token(hub, "student1"))[1])["handins"]
    hub.stop()
    hub.start()
    hub.tokens = {}
    assert json.loads(call(hub, "GET", "api/handins/mine", token(hub, "student1"))[1])["handins"] == mine
    again = json.loads(call(hub, "GET", "api/class", token(hub, "teacher"))[1])
    assert again["latest"] == teacher_view["latest"] and again["scores"] == teacher_view["scores"]
