# The demo hub of `make hub` (python -m widgets.classroom.hub.demo), also used by the hub tests and `make bench`.
#
# One machine, loopback only: the dummy authenticator (one shared password: a demo, never a real class), the simple
# local spawner (every user is this Unix user, with a home folder under the data folder), configurable-http-proxy
# from hub/node_modules (npm ci, hub/package-lock.json), and the kit's hand-in service as a managed service.
# For a real class on Kubernetes see hub/z2jh-values.yaml; its service settings are the SERVICE_* values below
# (tests/unit/test_hub_config.py checks that the two agree).
#
# Settings come from the environment (widgets/classroom/hub/demo.py sets them):
#   KIT_HUB_PORT (8000)  KIT_HUB_API_PORT (8081)  KIT_HUB_PROXY_API_PORT (8001)  KIT_HANDIN_PORT (10101)
#   KIT_HUB_DATA (.hub/) KIT_HUB_PASSWORD (required)  KIT_HUB_STUDENTS (30)  KIT_HUB_LIVE_ANSWERS ("" or "1")
#   KIT_HUB_LAB_ARGS (more options for every single-user JupyterLab, space-separated)
import os
import shutil
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("KIT_HUB_DATA", KIT / ".hub")).resolve()
PORT = int(os.environ.get("KIT_HUB_PORT", "8000"))
HUB_API_PORT = int(os.environ.get("KIT_HUB_API_PORT", "8081"))
PROXY_API_PORT = int(os.environ.get("KIT_HUB_PROXY_API_PORT", "8001"))
HANDIN_PORT = int(os.environ.get("KIT_HANDIN_PORT", "10101"))
STUDENTS = [f"student{n}" for n in range(1, int(os.environ.get("KIT_HUB_STUDENTS", "30")) + 1)]
TEACHERS = ["teacher"]
ADMINS = ["admin"]                       # for scripted checks only (its token: $KIT_HUB_DATA/admin.token)

# The hand-in service: name, group of teachers, the scopes users and their servers need to reach it.
SERVICE_NAME = "handin"
TEACHERS_GROUP = "teachers"
SERVICE_ACCESS_SCOPE = f"access:services!service={SERVICE_NAME}"
SERVICE_SCOPES = ["read:users", "list:users"]        # the service asks the hub who is a teacher
SERVICE_URL = f"http://127.0.0.1:{HANDIN_PORT}"

c = get_config()  # noqa: F821 - defined by jupyterhub when it reads this file

c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{HUB_API_PORT}"
c.JupyterHub.db_url = f"sqlite:///{DATA / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DATA / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [str(KIT / "hub" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(DATA / "proxy.pid")     # the proxy outlives a killed hub: stop it by this PID

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["KIT_HUB_PASSWORD"]
c.Authenticator.allowed_users = set(STUDENTS + TEACHERS + ADMINS)
c.Authenticator.admin_users = set(ADMINS)
c.JupyterHub.load_groups = {TEACHERS_GROUP: {"users": TEACHERS}}

c.JupyterHub.load_roles = [
    {"name": "user", "scopes": ["self", SERVICE_ACCESS_SCOPE]},
    # a server's token (the kernel's JUPYTERHUB_API_TOKEN) may reach the service too: that is how a hand-in is sent
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server", SERVICE_ACCESS_SCOPE]},
    {"name": "handin-service", "scopes": SERVICE_SCOPES, "services": [SERVICE_NAME]},
]
c.JupyterHub.services = [{
    "name": SERVICE_NAME,
    "url": SERVICE_URL,
    "command": [sys.executable, "-m", "widgets.classroom.hub.service"],
    "environment": {"KIT_HANDIN_DATA": str(DATA / "handin"), "KIT_TEACHERS_GROUP": TEACHERS_GROUP},
    "oauth_no_confirm": True,
}]

c.JupyterHub.spawner_class = "simple"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.SimpleLocalProcessSpawner.home_dir_template = str(DATA / "users" / "{username}")
c.Spawner.default_url = "/lab/tree/lessons/00_start_here.ipynb"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = os.environ.get("KIT_HUB_LAB_ARGS", "").split()      # e.g. the browser tests' options
if os.getuid() == 0:
    c.Spawner.args.append("--allow-root")   # as root, the single-user server refuses to start without it
c.Spawner.environment = {
    "KIT_WORK_DIR": lambda spawner: str(DATA / "users" / spawner.user.name / "work"),
    "KIT_HANDIN_URL": f"http://127.0.0.1:{PORT}/services/{SERVICE_NAME}/",
    "KIT_HUB_LIVE_ANSWERS": os.environ.get("KIT_HUB_LIVE_ANSWERS", ""),
}


def copy_lessons(spawner):
    """Each user gets their own copy of the lessons (students the student edition), made once."""
    home = Path(spawner.home_dir)
    lessons = home / "lessons"
    if not lessons.exists():
        source = KIT / ("lessons" if spawner.user.name in TEACHERS + ADMINS else "student_edition")
        shutil.copytree(source, lessons, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (home / "work").mkdir(parents=True, exist_ok=True)


c.Spawner.pre_spawn_hook = copy_lessons
