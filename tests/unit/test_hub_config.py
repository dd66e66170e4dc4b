"""The demo hub's configuration and the Zero to JupyterHub values file name the same hand-in service settings.

The Kubernetes file is not run here (no cluster); this checks that it parses and agrees with the demo, which the
hub tests run for real."""
from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

HUB = Path(__file__).resolve().parents[2] / "hub"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    saved = dict(os.environ)
    os.environ.update(KIT_HUB_PASSWORD="x", KIT_HUB_DATA=str(tmp_path_factory.mktemp("hubdata")))
    try:
        config = Config()
        names = runpy.run_path(str(HUB / "jupyterhub_config.py"), init_globals={"get_config": lambda: config})
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return config, names


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((HUB / "z2jh-values.yaml").read_text(encoding="utf-8"))


def test_the_values_file_says_it_is_untested_here():
    head = (HUB / "z2jh-values.yaml").read_text(encoding="utf-8")[:1500]
    assert "UNTESTED HERE" in head


def test_the_same_service_runs_the_same_module_with_the_same_settings(demo, values):
    config, names = demo
    [service] = config.JupyterHub.services
    k8s = values["hub"]["services"][service["name"]]
    assert service["command"][1:] == k8s["command"][1:] == ["-m", "widgets.classroom.hub.service"]
    assert set(service["environment"]) == set(k8s["environment"])
    assert service["environment"]["KIT_TEACHERS_GROUP"] == k8s["environment"]["KIT_TEACHERS_GROUP"] \
        == names["TEACHERS_GROUP"]
    assert service["oauth_no_confirm"] == k8s["oauth_no_confirm"]
    assert k8s["url"].rsplit(":", 1)[1] == "10101" == service["url"].rsplit(":", 1)[1]


def test_the_same_roles_and_the_teachers_group(demo, values):
    config, names = demo
    roles = {role["name"]: role for role in config.JupyterHub.load_roles}
    k8s_roles = values["hub"]["loadRoles"]
    assert set(roles) == set(k8s_roles)
    for name, role in roles.items():
        assert role["scopes"] == k8s_roles[name]["scopes"], name
        assert role.get("services") == k8s_roles[name].get("services"), name
    assert names["TEACHERS_GROUP"] in config.JupyterHub.load_groups
    assert names["TEACHERS_GROUP"] in values["hub"]["config"]["JupyterHub"]["load_groups"]


def test_students_reach_the_service_through_the_same_variables(demo, values):
    config, _names = demo
    assert set(values["singleuser"]["extraEnv"]) <= set(config.Spawner.environment)
    assert values["singleuser"]["extraEnv"]["KIT_HANDIN_URL"].endswith("/services/handin/")
    assert values["hub"]["db"]["type"] == "sqlite-pvc"
    assert values["hub"]["services"]["handin"]["environment"]["KIT_HANDIN_DATA"].startswith("/srv/jupyterhub/")
