"""The kit's JupyterLab defaults are in effect: the news prompt never pops up (jupyter-settings/README.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import harness

KIT_OVERRIDES = harness.REPO / "jupyter-settings" / "overrides.json"
INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "fp-reporting-lab.json"
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def test_installed_overrides_are_the_kits():
    assert INSTALLED.is_file(), f"{INSTALLED} is missing: `make test` (or `make lab`) installs it"
    assert json.loads(INSTALLED.read_text(encoding="utf-8")) == json.loads(KIT_OVERRIDES.read_text(encoding="utf-8"))
    assert "jupyter-settings/overrides.json" in (harness.REPO / "postBuild").read_text(encoding="utf-8")  # Binder


def test_news_prompt_is_off_without_any_user_setting(chromium_executable, kit_session_dir):
    """A JupyterLab whose user has set nothing about notifications: the kit's default says 'never fetch news', so
    JupyterLab does not ask (it asks only while fetchNews is 'none')."""
    server = harness.start_lab(kit_session_dir / "lab-defaults", user_settings={})
    try:
        settings = server._api("GET", f"/lab/api/settings/{NOTIFICATION}")
    finally:
        server.stop()
    assert json.loads(settings["raw"] or "{}") == {}          # nothing from the user...
    properties = settings["schema"]["properties"]               # ...and the defaults JupyterLab applies are the kit's
    assert properties["fetchNews"]["default"] == "false"
    assert properties["checkForUpdates"]["default"] is False
