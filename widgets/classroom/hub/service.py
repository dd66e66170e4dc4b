"""The hand-in service: a JupyterHub managed service (tornado, as the hub itself), under /services/handin/.

    python -m widgets.classroom.hub.service            (the hub starts it: hub/jupyterhub_config.py, c.JupyterHub.services)

Identity comes from the hub: a user's API token (`Authorization: token ...`, what a kernel sends) or the hub's
OAuth cookie (a browser), through jupyterhub.services.auth. A body's `student` is never trusted. Teachers are the
hub group `teachers` (KIT_TEACHERS_GROUP) and hub admins; the service asks the hub with its own token.

    POST api/handins          a hand-in document as the kit writes it; stored under the hub user; 201
    POST api/progress         the same, sent as answers are saved (a class setting); kept apart from hand-ins
    GET  api/handins/mine     the caller's own hand-ins
    GET  api/class?case=ID    teachers: the class summary the report computes, as JSON
    GET  api/gradebook.csv    teachers: the report's gradebook
    GET  api/latest           teachers: the newest stored id (the live pages reload when it changes)
    GET  ./                   teachers: the class report, live, with progress per exercise
    GET  projector            teachers: names-free counts for the projector, one disputed sentence at a time
Anyone else gets 403; an API call without a token gets 403; a page without a login goes to the hub's login.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlparse

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated, UserNotAllowed
from jupyterhub.utils import url_path_join
from tornado import httpclient, ioloop, web

from widgets.classroom.hub import rules, views
from widgets.classroom.hub.store import HANDIN, PROGRESS, open_store
from widgets.classroom.submission import MAX_SUBMISSION_BYTES


log = logging.getLogger("handin")
SERVICE_NAME = "handin"
DEFAULT_PREFIX = f"/services/{SERVICE_NAME}/"
TEACHERS_GROUP = os.environ.get("KIT_TEACHERS_GROUP", "teachers")
ROLE_CACHE_SECONDS = 10          # a teacher added to the group is recognised within this time


class HandinService:
    """The store, the cached class results and who is a teacher; shared by every handler."""

    def __init__(self, data_dir, hub_auth: HubOAuth):
        self.store = open_store(data_dir)
        self.hub_auth = hub_auth
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="handin-report")
        self._roles: dict[str, tuple[float, bool]] = {}
        self._results: dict[tuple, object] = {}

    async def is_teacher(self, user: dict) -> bool:
        """Hub admins and members of the teachers group, as the hub says now (cached a few seconds)."""
        name = user["name"]
        cached = self._roles.get(name)
        if cached and time.monotonic() - cached[0] < ROLE_CACHE_SECONDS:
            return cached[1]
        request = httpclient.HTTPRequest(url_path_join(self.hub_auth.api_url, "users", quote(name, safe="")),
                                         headers={"Authorization": f"token {self.hub_auth.api_token}"})
        try:
            model = json.loads((await httpclient.AsyncHTTPClient().fetch(request)).body)
        except httpclient.HTTPClientError as error:
            log.warning("could not read hub user %s: %s", name, error)
            return False
        teacher = bool(model.get("admin")) or TEACHERS_GROUP in (model.get("groups") or [])
        self._roles[name] = (time.monotonic(), teacher)
        return teacher

    async def results(self, case_id: str, kinds=(HANDIN,)):
        """The report's ClassResults for a case, recomputed only when something new was stored."""
        key, latest = (case_id, tuple(kinds)), self.store.latest_id(case_id, kinds)
        cached = self._results.get(key)
        if cached is None or cached[0] != latest:       # a progress row of another case leaves this one as it was
            rows = self.store.of_case(case_id, kinds)
            results = await asyncio.get_running_loop().run_in_executor(
                self.executor, rules.class_results_of, rows, None)
            self._results[key] = cached = (latest, results)
        return cached[1]

    def chosen_case(self, asked: str | None) -> str | None:
        """The case asked for, else the one with the latest hand-in (pages list the others)."""
        cases = self.store.cases()
        if asked:
            return asked if asked in cases else None
        return cases[0] if cases else None


class ServiceHandler(HubOAuthenticated, web.RequestHandler):
    """Identifies the hub user before every request (without blocking the service while the hub answers)."""
    api = True

    def initialize(self, service: HandinService):
        self.service = service
        self.hub_auth = service.hub_auth

    async def prepare(self):
        model = await self.hub_auth.get_user(self, sync=False)
        try:
            self._hub_auth_user_cache = self.check_hub_user(model) if model else None
        except UserNotAllowed:
            self._hub_auth_user_cache = None
        if self._hub_auth_user_cache is None and self.api:
            raise web.HTTPError(403, "Sign in to the hub first: this needs your hub token or login.")

    async def require_teacher(self):
        if not await self.service.is_teacher(self.current_user):
            raise web.HTTPError(403, f"Only teachers (the hub group '{TEACHERS_GROUP}') and hub admins can see "
                                     "the class.")

    def write_error(self, status_code, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        message = (getattr(error, "log_message", None) if isinstance(error, web.HTTPError) else None) \
            or {403: "Not allowed.", 404: "Not found."}.get(status_code, "The hand-in service could not do that.")
        if self.api:
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": message}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(views.error_page(status_code, message))

    def write_json(self, data, status: int = 200):
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data, ensure_ascii=False))


class HandinsHandler(ServiceHandler):
    kind = HANDIN

    async def post(self):
        user = self.current_user["name"]
        received = datetime.now(timezone.utc).replace(microsecond=0)
        try:
            document, claimed = rules.accept(self.request.body, user, received)
        except rules.HandinRejected as error:
            raise web.HTTPError(400, str(error)) from None
        handin_id = self.service.store.add(user, document["case"], received.isoformat(), claimed, document,
                                           kind=self.kind)
        log.info("%s %s from %s for %s", self.kind, handin_id, user, document["case"])
        self.write_json({"id": handin_id, "student": user, "case": document["case"],
                         "received": received.isoformat(), "kind": self.kind}, status=201)


class ProgressHandler(HandinsHandler):
    kind = PROGRESS


class MineHandler(ServiceHandler):
    def get(self):
        rows = self.service.store.of_user(self.current_user["name"])
        self.write_json({"student": self.current_user["name"], "handins": [
            {"id": row.id, "case": row.case_id, "received": row.received, "kind": row.kind,
             "claimed_name": row.claimed_name, "document": row.document} for row in rows]})


class ClassHandler(ServiceHandler):
    async def get(self):
        await self.require_teacher()
        case_id = self.service.chosen_case(self.get_argument("case", None))
        if case_id is None:
            self.write_json({"case": None, "cases": self.service.store.cases(), "students": 0})
            return
        results = await self.service.results(case_id)
        progress = await self.service.results(case_id, (HANDIN, PROGRESS))
        self.write_json(views.class_json(results, progress, self.service.store.cases(),
                                         self.service.store.latest_id()))


class GradebookHandler(ServiceHandler):
    async def get(self):
        await self.require_teacher()
        case_id = self.service.chosen_case(self.get_argument("case", None))
        if case_id is None:
            raise web.HTTPError(404, "No hand-ins yet, so no gradebook.")
        results = await self.service.results(case_id)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", f'attachment; filename="gradebook-{case_id}.csv"')
        self.finish(results.csv_text(results.gradebook_rows()))


class LatestHandler(ServiceHandler):
    async def get(self):
        await self.require_teacher()
        self.write_json({"latest": self.service.store.latest_id()})


class PageHandler(ServiceHandler):
    api = False
    projector = False

    @web.authenticated
    async def get(self):
        await self.require_teacher()
        store = self.service.store
        case_id = self.service.chosen_case(self.get_argument("case", None))
        results = progress = None
        if case_id is not None:
            results = await self.service.results(case_id)
            progress = await self.service.results(case_id, (HANDIN, PROGRESS))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        page = views.projector_page if self.projector else views.class_page
        # The live script's requests are cookie-authenticated fetches: the hub's XSRF rule wants this token with them.
        xsrf = self.xsrf_token
        self.finish(page(results, progress, store.cases(), store.latest_id(), self.hub_auth.hub_prefix,
                         xsrf.decode() if isinstance(xsrf, bytes) else xsrf))


class ProjectorHandler(PageHandler):
    projector = True


def make_app(data_dir, prefix: str = DEFAULT_PREFIX, hub_auth: HubOAuth | None = None) -> web.Application:
    hub_auth = hub_auth or HubOAuth.instance()
    service = HandinService(data_dir, hub_auth)

    def route(path, handler):
        return (url_path_join(prefix, path), handler, {"service": service})

    return web.Application([
        (prefix.rstrip("/"), web.RedirectHandler, {"url": prefix}),
        route("", PageHandler), route("projector", ProjectorHandler),
        route("api/handins", HandinsHandler), route("api/progress", ProgressHandler),
        route("api/handins/mine", MineHandler), route("api/class", ClassHandler),
        route("api/gradebook.csv", GradebookHandler), route("api/latest", LatestHandler),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32), service=service)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[handin %(asctime)s] %(message)s")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", DEFAULT_PREFIX)
    bind = os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101")
    data_dir = Path(os.environ.get("KIT_HANDIN_DATA", "."))
    app = make_app(data_dir, prefix)
    address = urlparse(bind)
    # Bodies a little over the report's limit reach the handler, which answers them in one sentence.
    app.listen(address.port, address.hostname, max_body_size=MAX_SUBMISSION_BYTES + 1_000_000, xheaders=True)
    log.info("hand-in service on %s%s, data in %s (schema version %s)", bind.rstrip("/"), prefix,
             data_dir.resolve(), app.settings["service"].store.version)
    try:
        ioloop.IOLoop.current().start()
    except KeyboardInterrupt:                 # the hub stops its services with SIGINT
        pass
    finally:
        app.settings["service"].store.close()
        log.info("hand-in service stopped")


if __name__ == "__main__":
    main()
