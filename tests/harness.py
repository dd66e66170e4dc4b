"""Test harness shared by pytest (conftest.py at the root, tests/browser/conftest.py), bench/ and tools/.

One place for:
- `isolate_environment(root)`: the environment variables that keep Jupyter, IPython, matplotlib and the kit's saved
  work in a temporary folder, so tests and benchmarks leave nothing in $HOME or in the repo's work/.
- `LabServer` / `VoilaServer`: `jupyter lab` or `voila` on 127.0.0.1, with a token, a temporary config and a COPY of
  the notebooks and seeds (autosave or a lesson must never rewrite committed files).
- `launch_browser()`: Debian's chromium through the Python playwright package (never `playwright install`).
- `open_and_run_notebook()`, `measure_click_feedback()`: drive one notebook in JupyterLab and time it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
LESSONS = REPO / "lessons"
FIXTURE_NOTEBOOKS = REPO / "tests" / "fixtures" / "notebooks"
SCREENSHOTS = REPO / "artifacts" / "screenshots"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Flags measured to work on this kit's CI machine; the profile folder is given separately because
# playwright refuses --user-data-dir in args.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
KERNEL_IDLE_TEXT = "Python 3 (ipykernel) | Idle"
# Text and elements that mean a widget did not render.
WIDGET_FAILURE_TEXTS = ("Error displaying widget", "Loading widget...")
WIDGET_ERROR_SELECTOR = ".jupyter-widgets-error-widget"
# JupyterLab settings for a quiet, fully rendered notebook: no news prompt, no update check (the kit's own defaults,
# jupyter-settings/overrides.json, repeated so a venv without them installed stays quiet), and every cell kept in
# the DOM (windowing would detach off-screen cells, hiding their widgets from the checks and the screenshot).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


# --------------------------------------------------------------------------------------------------- environment

def isolate_environment(root: Path) -> dict[str, str]:
    """Return the variables that send config, caches, runtime files and saved work under `root` (created here).

    Kernels, `jupyter lab`, Voila and chromium inherit them. MPLBACKEND is left unset on purpose: a kernel reads it
    and would lose its inline figures; the Agg backend for in-process tests comes from the matplotlibrc written here
    (kernels override the rc with their own inline backend).
    """
    root = Path(root)
    folders = {
        "JUPYTER_CONFIG_DIR": root / "jupyter" / "config",
        # Kernelspecs and lab extensions still come from the venv's sys.prefix/share/jupyter, which stays on the path.
        "JUPYTER_DATA_DIR": root / "jupyter" / "data",
        "JUPYTER_RUNTIME_DIR": root / "jupyter" / "runtime",
        "IPYTHONDIR": root / "ipython",
        "MPLCONFIGDIR": root / "matplotlib",
        "XDG_CONFIG_HOME": root / "xdg" / "config",
        "XDG_CACHE_HOME": root / "xdg" / "cache",
        "KIT_WORK_DIR": root / "work",
        # jupyter-lsp runs `npm prefix --global` when the server starts; npm writes its logs under its cache.
        "npm_config_cache": root / "npm",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    (folders["MPLCONFIGDIR"] / "matplotlibrc").write_text("backend: Agg\n", encoding="utf-8")
    return {name: str(folder) for name, folder in folders.items()}


def apply_environment(variables: dict[str, str]) -> None:
    """Put `variables` into os.environ (inherited by every child process) and drop a user's MPLBACKEND."""
    os.environ.update(variables)
    os.environ.pop("MPLBACKEND", None)
    # jupyter_core >= 5 warns on every start unless told which path scheme to use; the explicit folders above win.
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")


# The student name every executed lesson sees, both when its outputs are stored (tools/execute_notebooks.py) and when
# nbval compares them (conftest.py at the root), so stored outputs never carry a maintainer's name.
FIXED_STUDENT = "Ada"


def prepare_work_dir(folder: Path) -> Path:
    """Make `folder` an empty work folder holding only the fixed student name, and point KIT_WORK_DIR at it."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ["KIT_WORK_DIR"] = str(folder)
    from widgets.core.storage import set_student  # the kit's own API writes the student file
    set_student(FIXED_STUDENT)
    return folder


# ------------------------------------------------------------------------------------------- read-only checkout

# What a kernel imports and reads from a checkout of the kit: nbval runs every lesson with a read-only copy of these
# (conftest.py at the root), as on a hub where the kit is checked out read-only.
READ_ONLY_KIT = ("widgets", "seeds", "lessons", "pyproject.toml")   # a checkout: the kit reads its lessons' plans too


def make_read_only_kit(destination: Path) -> Path:
    """Copy READ_ONLY_KIT into `destination`/kit and make it truly read-only (chattr +i as root, whom file modes do
    not stop; chmod a-w otherwise; where the system refuses, a `fingerprint` still shows any write).
    `release_read_only` undoes it."""
    kit = Path(destination) / "kit"
    kit.mkdir(parents=True)
    for name in READ_ONLY_KIT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, kit / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, kit / name)
    command = ["chattr", "-R", "+i", str(kit)] if os.geteuid() == 0 else ["chmod", "-R", "a-w", str(kit)]
    try:
        done = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError:
        raise RuntimeError(f"Could not make {kit} read-only: {command[0]} is not installed.") from None
    if done.returncode:
        raise RuntimeError(f"Could not make {kit} read-only: {' '.join(command)} said {done.stderr.strip()!r}.")
    return kit


def release_read_only(kit: Path) -> None:
    subprocess.run(["chattr", "-R", "-i", str(kit)] if os.geteuid() == 0 else ["chmod", "-R", "u+w", str(kit)],
                   capture_output=True)


def read_only_kernel_environment(kit: Path) -> dict[str, str | None]:
    """Variables (None: unset) for a kernel that imports the kit from the read-only copy `kit`, writes no bytecode
    and has no KIT_WORK_DIR, so the kit's own work/ folder cannot be created: saving widgets must say so."""
    return {"PYTHONPATH": str(kit), "PYTHONDONTWRITEBYTECODE": "1", "KIT_WORK_DIR": None}


def fingerprint(folder: Path) -> dict[str, tuple[int, int]]:
    """relative path -> (size, mtime_ns) of everything under `folder`, to show that nothing was written there."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(Path(folder).rglob("*")) if "__pycache__" not in p.parts}


def notebook_paths(folder: Path = LESSONS) -> list[Path]:
    """Every notebook under `folder`, in reading order, checkpoints excluded."""
    return sorted(p for p in Path(folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


# --------------------------------------------------------------------------------------------------- servers

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# What a served copy holds: the notebooks, and seeds/ because lessons open cases by relative path (../seeds/...).
SERVED_FOLDERS = ("lessons", "seeds", "tests/fixtures/notebooks")


def copy_served_tree(destination: Path, repo: Path = REPO) -> Path:
    """Copy SERVED_FOLDERS of `repo` into `destination`, keeping the relative paths (a few hundred kB)."""
    destination = Path(destination)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for relative in SERVED_FOLDERS:
        source = Path(repo) / relative
        if source.is_dir():
            shutil.copytree(source, destination / relative, ignore=ignore, dirs_exist_ok=True)
    return destination


class ServerError(RuntimeError):
    pass


@dataclass
class _Server:
    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log_path: Path
    startup_seconds: float

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server and the kernels it started (they share its process group)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Jupyter shuts its kernels down on SIGINT/SIGTERM
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=5)
        try:  # kernels left behind by a server that died: same process group, started by us
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _start(command: list[str], url: str, token: str, root: Path, workdir: Path, env: dict, ready_path: str,
           timeout: float) -> tuple[subprocess.Popen, Path, float]:
    log_path = workdir / "server.log"
    log = open(log_path, "w", encoding="utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    log.close()
    deadline = started + timeout
    while True:
        if process.poll() is not None:
            raise ServerError(f"{command[2]} exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}{ready_path}", timeout=2) as response:
                if response.status == 200:
                    return process, log_path, time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        if time.perf_counter() > deadline:
            process.kill()
            raise ServerError(f"{command[2]} not ready after {timeout:.0f} s:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.1)


def _server_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(isolate_environment(workdir / "env"))
    env.pop("MPLBACKEND", None)
    env.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    return env


@dataclass
class LabServer(_Server):
    def notebook_url(self, relpath: str) -> str:
        # `reset`: start from an empty workspace, so notebooks opened earlier do not come back as tabs
        return f"{self.url}/lab/tree/{quote(relpath)}?reset&token={self.token}"

    def shutdown_kernels(self) -> int:
        """Shut down every kernel of this server (one per notebook opened); return how many."""
        kernels = self._api("GET", "/api/kernels")
        for kernel in kernels:
            self.shutdown_kernel(kernel["id"])
        return len(kernels)

    def shutdown_kernel(self, kernel_id: str) -> None:
        self._api("DELETE", f"/api/kernels/{kernel_id}")

    def _api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None


def start_lab(workdir: Path, timeout: float = 90, user_settings: dict | None = None, repo: Path = REPO) -> LabServer:
    """Start `jupyter lab` on 127.0.0.1 serving a copy of the notebooks under `workdir`/root, with
    `user_settings` (default LAB_SETTINGS) as the user's JupyterLab settings. `repo`: another checkout of the kit
    (bench/ compares versions): its notebooks are served and its `widgets` package comes first on the kernels' path."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    root = copy_served_tree(workdir / "root", repo)
    env = _server_env(workdir)
    if Path(repo).resolve() != REPO:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(repo).resolve()), env.get("PYTHONPATH")]))
    settings_dir = Path(env["JUPYTER_CONFIG_DIR"]) / "lab" / "user-settings"
    for relative, settings in (LAB_SETTINGS if user_settings is None else user_settings).items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    port, token = free_port(), uuid.uuid4().hex
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    url = f"http://127.0.0.1:{port}"
    process, log_path, seconds = _start(command, url, token, root, workdir, env, f"/api/status?token={token}",
                                        timeout)
    return LabServer(url, token, root, process, log_path, seconds)


@dataclass
class VoilaServer(_Server):
    def notebook_url(self, relpath: str) -> str:
        return f"{self.url}/voila/render/{quote(relpath)}?token={self.token}"


def start_voila(workdir: Path, timeout: float = 90) -> VoilaServer:
    """Start Voila (tree mode) on 127.0.0.1 serving a copy of the notebooks; open one with `notebook_url(relpath)`."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    root = copy_served_tree(workdir / "root")
    env = _server_env(workdir)
    port, token = free_port(), uuid.uuid4().hex
    command = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
               "--Voila.port_retries=0", f"--token={token}", "--show_tracebacks=True", str(root)]
    url = f"http://127.0.0.1:{port}"
    process, log_path, seconds = _start(command, url, token, root, workdir, env, f"/?token={token}", timeout)
    return VoilaServer(url, token, root, process, log_path, seconds)


# --------------------------------------------------------------------------------------------------- browser

def chromium_path() -> Path | None:
    """Debian's chromium ($KIT_CHROMIUM or /usr/bin/chromium), or None when it is not installed."""
    candidate = Path(os.environ.get("KIT_CHROMIUM") or DEFAULT_CHROMIUM)
    return candidate if candidate.is_file() and os.access(candidate, os.X_OK) else None


def chromium_missing_reason() -> str:
    wanted = os.environ.get("KIT_CHROMIUM") or DEFAULT_CHROMIUM
    return (f"browser tests skipped: {wanted} not found; install Debian's chromium "
            f"(apt-get install chromium) or set KIT_CHROMIUM")


def launch_browser(playwright, profile_dir: Path, chromium: Path):
    """A persistent chromium context with a fresh profile; HOME and XDG folders point into the profile."""
    profile_dir = Path(profile_dir)
    profile_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(profile_dir), XDG_CONFIG_HOME=str(profile_dir / "config"),
               XDG_CACHE_HOME=str(profile_dir / "cache"))
    return playwright.chromium.launch_persistent_context(
        str(profile_dir / "chromium"), executable_path=str(chromium), headless=True, args=CHROMIUM_FLAGS, env=env,
        viewport={"width": 1280, "height": 900})


@dataclass
class NotebookRun:
    """What happened when one notebook was opened and run in JupyterLab."""
    relpath: str
    open_to_idle_s: float = 0.0
    run_all_to_rendered_ms: float = 0.0
    widget_views: int = 0
    cell_errors: list[str] = field(default_factory=list)
    widget_failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def problems(self) -> list[str]:
        return self.cell_errors + self.widget_failures

    def describe(self) -> str:
        lines = [f"{self.relpath}: {len(self.problems)} problem(s)"]
        lines += [f"  cell error: {e}" for e in self.cell_errors]
        lines += [f"  widget failure: {e}" for e in self.widget_failures]
        if self.console_errors:
            lines.append("  browser console errors (for context):")
            lines += [f"    {e}" for e in self.console_errors[:10]]
        if self.screenshot:
            lines.append(f"  screenshot: {self.screenshot}")
        return "\n".join(lines)


# In-page script: run every cell, then wait until the kernel is idle and no widget view is still loading.
# Resolves with timings measured by performance.now() in the page.
_RUN_ALL_JS = """
async ({timeoutMs}) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  const t0 = performance.now();
  const ran = await app.commands.execute('notebook:run-all-cells');
  const tRan = performance.now();
  const busy = () => {
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !kernel || kernel.status !== 'idle';
  };
  // Widget views are output nodes without a data-mime-type (the widget renderer sets none); the cell models say
  // how many to expect.
  const expected = () => {
    let count = 0;
    panel.content.widgets.forEach(cell => {
      if (cell.model.type !== 'code') return;
      for (let i = 0; i < cell.model.outputs.length; i++) {
        const data = cell.model.outputs.get(i).data || {};
        if ('application/vnd.jupyter.widget-view+json' in data) count++;
      }
    });
    return count;
  };
  const pending = () => {
    const views = panel.node.querySelectorAll('.jp-OutputArea-output:not([data-mime-type])');
    let loading = Math.max(0, expected() - views.length);
    for (const view of views) {
      if (view.textContent.trim() === 'Loading widget...' || view.childElementCount === 0) loading++;
    }
    return {views: views.length, loading};
  };
  while (performance.now() - t0 < timeoutMs) {
    const state = pending();
    if (!busy() && state.loading === 0) {
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));  // painted
      return {ran, runMs: tRan - t0, renderedMs: performance.now() - t0, views: state.views, timedOut: false};
    }
    await new Promise(r => setTimeout(r, 10));
  }
  return {ran, runMs: tRan - t0, renderedMs: performance.now() - t0, views: pending().views, timedOut: true};
}
"""

# In-page script: errors stored in the cell models, and tracebacks shown as stderr.
_COLLECT_ERRORS_JS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cellErrors = [];
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs.get(i).toJSON();
      if (out.output_type === 'error') cellErrors.push(`cell ${index + 1}: ${out.ename}: ${out.evalue}`);
    }
  });
  for (const node of panel.node.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
    const text = node.textContent;
    if (text.includes('Traceback') && !cellErrors.some(e => text.includes(e.split(': ').slice(-1)[0])))
      cellErrors.push('stderr: ' + text.slice(0, 500));
  }
  const widgetFailures = [];
  // textContent, not innerText: innerText is empty for cells the browser skips rendering off-screen
  const body = Array.from(panel.node.querySelectorAll('.jp-OutputArea')).map(n => n.textContent).join(' ');
  for (const needle of %s) if (body.includes(needle)) widgetFailures.push(`page shows '${needle}'`);
  const broken = panel.node.querySelectorAll('%s');
  if (broken.length) widgetFailures.push(`${broken.length} element(s) %s: ` +
      Array.from(broken).map(n => n.textContent.slice(0, 200)).join(' | '));
  return {cellErrors, widgetFailures};
}
""" % (json.dumps(list(WIDGET_FAILURE_TEXTS)), WIDGET_ERROR_SELECTOR, WIDGET_ERROR_SELECTOR)


def wait_for_kernel_idle(page, timeout_ms: float = 60_000) -> None:
    page.get_by_text(KERNEL_IDLE_TEXT, exact=True).first.wait_for(state="visible", timeout=timeout_ms)


def open_and_run_notebook(page, server: LabServer, relpath: str, screenshot_name: str | None = None,
                          timeout_s: float = 180, screenshot_folder: Path | None = SCREENSHOTS) -> NotebookRun:
    """Open `relpath` (relative to the served root, e.g. 'lessons/00_start_here.ipynb'), run all cells, wait for the
    kernel to be idle and every widget view rendered, collect errors, and save a full-length screenshot into
    `screenshot_folder` (None: no screenshot). The kernel keeps running: `server.shutdown_kernels()` when done."""
    result = NotebookRun(relpath)
    console: list[str] = []
    on_console = lambda msg: console.append(msg.text) if msg.type == "error" else None  # noqa: E731
    on_page_error = lambda exc: console.append(f"page error: {exc}")  # noqa: E731
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    try:
        started = time.perf_counter()
        page.goto(server.notebook_url(relpath), wait_until="domcontentloaded", timeout=timeout_s * 1000)
        page.wait_for_function(
            """(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                           return !!(w && w.context && w.context.path === path && w.content); }""",
            arg=relpath, timeout=timeout_s * 1000)
        wait_for_kernel_idle(page, timeout_s * 1000)
        result.open_to_idle_s = time.perf_counter() - started
        timing = page.evaluate(_RUN_ALL_JS, {"timeoutMs": timeout_s * 1000})
        result.run_all_to_rendered_ms = timing["renderedMs"]
        result.widget_views = timing["views"]
        if timing["timedOut"]:
            result.widget_failures.append(f"kernel still busy or widgets still loading after {timeout_s:.0f} s")
        found = page.evaluate(_COLLECT_ERRORS_JS)
        result.cell_errors += found["cellErrors"]
        result.widget_failures += found["widgetFailures"]
        if screenshot_folder is not None:
            result.screenshot = save_notebook_screenshot(page, screenshot_name or Path(relpath).stem,
                                                         screenshot_folder)
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
    result.console_errors = console
    return result


def save_notebook_screenshot(page, name: str, folder: Path = SCREENSHOTS) -> Path:
    """Screenshot the whole notebook: JupyterLab scrolls inside a fixed page, so grow the viewport to fit it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    original = page.viewport_size
    height = page.evaluate("""() => {
        const notebook = window.jupyterapp.shell.currentWidget.content.node;
        const scroller = notebook.querySelector('.jp-WindowedPanel-outer') || notebook;
        scroller.scrollTop = 0;
        return scroller.scrollHeight + (window.innerHeight - scroller.clientHeight);
    }""")
    page.set_viewport_size({"width": original["width"], "height": int(min(max(height, original["height"]), 16000))})
    page.wait_for_timeout(200)  # let the layout settle
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(original)
    return path


# In-page script: click the first button whose label starts with `prefix`, time until the feedback next to it changes.
_CLICK_JS = """
async ({prefix, timeoutMs}) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const buttons = Array.from(panel.node.querySelectorAll('button.jupyter-button, button.widget-button'));
  const button = buttons.find(b => b.textContent.trim().startsWith(prefix));
  if (!button) return {error: `no button starting with '${prefix}'`};
  const area = button.closest('.jp-OutputArea-output') || panel.node;
  return await new Promise(resolve => {
    let t0 = 0;
    const observer = new MutationObserver(mutations => {
      const changed = mutations.some(m => {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        return el && el.closest('.widget-html, .widget-htmlmath, .widget-output, .widget-label');
      });
      if (!changed) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve({ms: performance.now() - t0, button: button.textContent.trim()}));
    });
    observer.observe(area, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve({timedOut: true, button: button.textContent.trim()}); },
               timeoutMs);
    t0 = performance.now();
    button.click();
  });
}
"""


def measure_click_feedback(page, prefix: str = "Check", clicks: int = 5, timeout_ms: float = 5000) -> dict:
    """Click the first '<prefix>...' button up to `clicks` times; time each click until the nearest HTML feedback
    changes. Stops at the first click that changes nothing (same feedback twice) or finds the button gone.
    Returns {"button", "samples", "median_ms"} or, when there is no such button, {"error", ...}."""
    samples: list[float] = []
    button = None
    for _ in range(clicks):
        outcome = page.evaluate(_CLICK_JS, {"prefix": prefix, "timeoutMs": timeout_ms if not samples else 2000})
        if "error" in outcome:
            if not samples:
                return {"error": outcome["error"], "samples": samples, "median_ms": None}
            break  # the first click relabelled or hid the button: keep what was measured
        button = outcome["button"]
        if outcome.get("timedOut"):
            break
        samples.append(outcome["ms"])
        page.wait_for_timeout(100)
    return {"button": button, "samples": samples,
            "median_ms": statistics.median(samples) if samples else None}
