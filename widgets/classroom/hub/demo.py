"""A local demo JupyterHub with the kit's hand-in service: `make hub` (python -m widgets.classroom.hub.demo).

    hub = DemoHub(data_dir, port=8000)      # hub/jupyterhub_config.py, data under data_dir
    hub.start()                             # waits until the hub answers; writes data_dir/admin.token (0600)
    hub.spawn("student1"); token = hub.user_token("student1")
    hub.stop()                              # the hub, its proxy (by the proxy's own PID) and the users' servers

The tests (tests/unit/test_hub_api.py, tests/browser/test_hub_browser.py) and bench/bench_hub.py start it on free
ports with data in a temporary folder. configurable-http-proxy comes from hub/node_modules (`make hub` runs npm ci).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


KIT = Path(__file__).resolve().parents[3]
CONFIG = KIT / "hub" / "jupyterhub_config.py"
PROXY = KIT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
ADMIN = "admin"
TOKEN_FILE = "admin.token"


class HubError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DemoHub:
    def __init__(self, data_dir, port: int = 8000, password: str | None = None, students: int = 30,
                 live_answers: bool = False, free_ports: bool = False, lab_args: tuple = ()):
        self.data = Path(data_dir).resolve()
        self.port = _free_port() if free_ports else port
        # The hub's own API, the proxy's API and the service listen on loopback ports nobody types: any free ones.
        self.api_port, self.proxy_api_port, self.handin_port = (_free_port() for _ in range(3))
        self.password = password or secrets.token_urlsafe(9)
        self.students = students
        self.live_answers = live_answers
        self.lab_args = tuple(lab_args)
        self.process: subprocess.Popen | None = None
        self.admin_token: str | None = None
        self._descendants: set[int] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return f"{self.url}/services/handin/"

    def environment(self) -> dict:
        return dict(os.environ, KIT_HUB_DATA=str(self.data), KIT_HUB_PORT=str(self.port),
                    KIT_HUB_API_PORT=str(self.api_port), KIT_HUB_PROXY_API_PORT=str(self.proxy_api_port),
                    KIT_HANDIN_PORT=str(self.handin_port), KIT_HUB_PASSWORD=self.password,
                    KIT_HUB_STUDENTS=str(self.students), KIT_HUB_LIVE_ANSWERS="1" if self.live_answers else "",
                    KIT_HUB_LAB_ARGS=" ".join(self.lab_args))

    def start(self, timeout: float = 90) -> "DemoHub":
        if not PROXY.exists():
            raise HubError(f"No configurable-http-proxy at {PROXY}: run `make hub` (or `npm ci --prefix hub`).")
        self.data.mkdir(parents=True, exist_ok=True)
        log = open(self.data / "hub.log", "ab")
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=self.data,
                                        env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise HubError(f"The hub stopped (exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as answer:
                    if answer.status == 200 and self._service_up():
                        break
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        else:
            self.stop()
            raise HubError(f"The hub did not answer within {timeout:.0f} s:\n{self.log_tail()}")
        self.admin_token = self._make_admin_token()
        token_file = self.data / TOKEN_FILE
        token_file.touch(mode=0o600)
        os.chmod(token_file, 0o600)
        token_file.write_text(self.admin_token + "\n", encoding="utf-8")
        return self

    def _service_up(self) -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{self.handin_port}/services/handin/api/latest", timeout=2)
        except urllib.error.HTTPError:
            return True                     # 403 without a token: it is up
        except OSError:
            return False
        return True

    def _make_admin_token(self) -> str:
        out = subprocess.run([sys.executable, "-m", "jupyterhub", "token", "-f", str(CONFIG), ADMIN], cwd=self.data,
                             env=self.environment(), capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise HubError(f"`jupyterhub token` failed: {out.stderr[-2000:]}")
        return out.stdout.strip().splitlines()[-1]

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join((self.data / "hub.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str, body=None, token: str | None = None, timeout: float = 30):
        """Call the hub's REST API (/hub/api/...) with the admin token; returns the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/hub/api/{path.lstrip('/')}", data=data, method=method,
                                         headers={"Authorization": f"token {token or self.admin_token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def user_token(self, name: str) -> str:
        """A fresh API token of `name` (it carries the user's scopes, so it reaches the hand-in service)."""
        return self.api("POST", f"users/{name}/tokens", {"note": "kit hub check", "expires_in": 86400})["token"]

    def spawn(self, name: str, timeout: float = 120) -> None:
        """Start `name`'s JupyterLab and wait until it is ready."""
        try:
            self.api("POST", f"users/{name}/server")
        except urllib.error.HTTPError as error:
            if error.code != 400:            # 400: already running
                raise HubError(f"Spawning {name}: {error.code} {error.read()[:300]!r}\n{self.log_tail()}") from None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{name}").get("servers", {}).get("")
            if server and server.get("ready"):
                self._remember_descendants()
                return
            time.sleep(0.5)
        raise HubError(f"{name}'s server was not ready within {timeout:.0f} s:\n{self.log_tail()}")

    def _remember_descendants(self) -> None:
        """The single-user servers run in their own sessions: note their PIDs so stop() can end them by PID."""
        try:
            # deferred: psutil is in the test extra only; without it the hub's own cleanup remains
            import psutil
            self._descendants |= {p.pid for p in psutil.Process(self.process.pid).children(recursive=True)}
        except Exception:  # noqa: BLE001 - psutil missing or the hub gone: the hub's own cleanup remains
            pass

    def proxy_pid(self) -> int | None:
        try:
            return int((self.data / "proxy.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def stop(self, timeout: float = 30) -> None:
        """Stop the hub (which stops the servers it spawned), then the proxy and anything left, each by its PID."""
        if self.process is None:
            return
        self._remember_descendants()
        proxy = self.proxy_pid()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        for pid in ([proxy] if proxy else []) + sorted(self._descendants):
            _end(pid)
        self.process = None


def _end(pid: int) -> None:
    """SIGTERM, then SIGKILL after a few seconds, one PID (gone already is fine)."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.classroom.hub.demo",
                                     description="A local demo JupyterHub with the kit's hand-in service.")
    parser.add_argument("--live-answers", action="store_true",
                        help="send answers to the teacher's live view as they are saved, not only on hand-in "
                             "(also KIT_HUB_LIVE_ANSWERS=1)")
    options = parser.parse_args(argv)
    live = options.live_answers or os.environ.get("KIT_HUB_LIVE_ANSWERS") == "1"
    data = Path(os.environ.get("KIT_HUB_DATA", KIT / ".hub"))
    hub = DemoHub(data, port=int(os.environ.get("KIT_HUB_PORT", "8000")), password=os.environ.get("KIT_HUB_PASSWORD"),
                  live_answers=live)
    print(f"Starting the demo hub (data in {hub.data}) ...", flush=True)
    try:
        hub.start()
    except HubError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"""
The kit's demo JupyterHub is running at {hub.url}/  (127.0.0.1 only)
  Sign in as  student1 ... student{hub.students}  (the lessons, as a student)
          or  teacher                (the live class view: {hub.service_url}
                                      and the projector: {hub.service_url}projector)
  Password for every user: {hub.password}
  Admin API token for scripted checks: {hub.data / TOKEN_FILE}
Press Ctrl-C to stop the hub, its proxy and every server it started.""", flush=True)
    try:
        while hub.process.poll() is None:
            time.sleep(1)
        print(f"The hub stopped by itself:\n{hub.log_tail()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        hub.stop()


if __name__ == "__main__":
    sys.exit(main())
