"""The kernel's side of the hand-in service: is this notebook under a hub that has it, and send a hand-in there.

A single-user server started by JupyterHub gives its kernels JUPYTERHUB_API_TOKEN (the user's server token) and
JUPYTERHUB_SERVICE_PREFIX. The service's address comes from KIT_HANDIN_URL, which the hub's configuration sets for
every server (hub/jupyterhub_config.py, hub/z2jh-values.yaml). The token says who the student is; the service
never reads a name from what is sent. Plain urllib and threads: nothing here may block or break the notebook.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass

from widgets.core.version import __version__


URL_VARIABLE = "KIT_HANDIN_URL"                 # e.g. http://127.0.0.1:8000/services/handin/
LIVE_VARIABLE = "KIT_HUB_LIVE_ANSWERS"          # "1": the class setting "send answers as they are saved"
TIMEOUT_SECONDS = 5
LIVE_DELAY_SECONDS = 5.0                        # answers saved within this time go in one send
RETRY_SECONDS = 30.0


@dataclass(frozen=True)
class Sent:
    ok: bool
    message: str                 # one sentence for the student
    handin_id: int | None = None
    retry: bool = True           # False when the service refused the document: sending it again cannot help


def service_url(environ=None) -> str | None:
    """The service's address when this kernel runs under a hub that has it, else None."""
    environ = os.environ if environ is None else environ
    if not (environ.get("JUPYTERHUB_API_TOKEN") and environ.get("JUPYTERHUB_SERVICE_PREFIX")):
        return None
    url = environ.get(URL_VARIABLE, "").strip()
    return url.rstrip("/") + "/" if url else None


def live_answers(environ=None) -> bool:
    environ = os.environ if environ is None else environ
    return service_url(environ) is not None and environ.get(LIVE_VARIABLE, "") == "1"


def send(document: dict, kind: str = "handin", environ=None) -> Sent:
    """POST a hand-in document (api/handins, or api/progress for answers sent as saved). Never raises."""
    environ = os.environ if environ is None else environ
    url = service_url(environ)
    if url is None:
        return Sent(False, "No hub hand-in service here.")
    # deferred: every kernel imports this module (events.py), and urllib.request brings http, ssl and email (about
    # 50 ms), needed only under a hub
    import urllib.error
    import urllib.request

    path = "api/progress" if kind == "progress" else "api/handins"
    request = urllib.request.Request(url + path, data=json.dumps(document, ensure_ascii=False).encode("utf-8"),
                                     method="POST", headers={"Content-Type": "application/json",
                                                             "Authorization": f"token {environ['JUPYTERHUB_API_TOKEN']}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            stored = json.loads(answer.read())
        return Sent(True, f"Sent to your class's hand-in service as {stored['student']} "
                          f"(hand-in number {stored['id']}): your teacher can see it now.", stored["id"])
    except urllib.error.HTTPError as error:
        try:
            reason = json.loads(error.read()).get("error", "")
        except Exception:  # noqa: BLE001 - any unreadable answer gets the status line
            reason = ""
        return Sent(False, reason or f"The hand-in service answered {error.code} {error.reason}.",
                    retry=error.code >= 500)
    except (OSError, ValueError, KeyError) as error:
        return Sent(False, f"The hand-in service could not be reached ({type(error).__name__}); your file is "
                           "saved: press the button again later, or give your teacher the file.")


class LiveSender:
    """Sends the latest answers a few seconds after they are saved (one send for a burst of answers), in a
    background thread; a failed send is tried again later. `build()` returns the document to send, or None."""

    def __init__(self, build, delay: float | None = None, retry: float | None = None, environ=None):
        self.build, self.environ = build, environ
        self.delay = LIVE_DELAY_SECONDS if delay is None else delay
        self.retry = RETRY_SECONDS if retry is None else retry
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.last: Sent | None = None

    def answer_saved(self) -> None:
        self._schedule(self.delay)

    def _schedule(self, delay: float) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(delay, self._send)
            self._timer.daemon = True
            self._timer.start()

    def _send(self) -> None:
        try:
            document = self.build()
        except Exception:  # noqa: BLE001 - nothing to send yet (no answers, no name): the next answer tries again
            return
        if document is None:
            return
        self.last = send(document, kind="progress", environ=self.environ)
        if not self.last.ok and self.last.retry:
            self._schedule(self.retry)


_watching: dict = {}          # (student, case id) -> LiveSender, once watch_answers() is on


def progress_document(student: str, case_id: str) -> dict | None:
    """What the live view gets: the hand-in the student would make now (written answers included), or None."""
    # deferred: only under a hub; this module loads in every kernel, the hand-in modules need not
    from widgets.classroom.handin import handin_contents
    from widgets.classroom.submission import build_submission

    contents = handin_contents(case_id, student)
    if not any(section.get("answers") for section in contents["exercises"].values()):
        return None
    return build_submission(contents["student"], case_id, contents["exercises"], __version__)


def watch_answers(events, environ=None) -> bool:
    """Under a hub whose class sends answers as they are saved (KIT_HUB_LIVE_ANSWERS=1), send each student's work
    on a case a few seconds after each saved answer (widgets/views/events.py calls this once per kernel)."""
    if not live_answers(environ):
        return False

    def on_answer(change):
        key = (change["new"].get("student"), change["new"].get("case"))
        if None in key:
            return
        if key not in _watching:
            _watching[key] = LiveSender(lambda: progress_document(*key), environ=environ)
        _watching[key].answer_saved()

    events.observe(on_answer, names="last")
    return True
