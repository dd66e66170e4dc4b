"""The install routes agree, and the test session keeps its files out of the home folder and the kit's work/."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:   # Python 3.10: the same parser, from PyPI (the test extra names it for 3.10)
    import tomli as tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]

# conda-forge name -> PyPI name, for packages whose names differ. The only tolerated difference in names.
CONDA_TO_PYPI: dict[str, str] = {"matplotlib-base": "matplotlib", "python-fastjsonschema": "fastjsonschema"}
# Entries of environment.yml that are the toolchain, not dependencies of the kit.
CONDA_TOOLCHAIN = {"python", "pip"}
PYPROJECT_EXTRAS = ("test",)


def pyproject_requirements(text: str, python_version: str) -> dict[str, str]:
    """name -> version specifier, from [project] dependencies plus the extras the test route installs, for a route
    on ``python_version`` (a backport needed only on older Pythons is not a package of that route)."""
    project = tomllib.loads(text)["project"]
    lines = list(project.get("dependencies", []))
    for extra in PYPROJECT_EXTRAS:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    requirements = [Requirement(line) for line in lines]
    pinned = {"python_version": python_version}
    return {canonicalize_name(r.name): str(r.specifier) for r in requirements if not r.marker or r.marker.evaluate(pinned)}


def _split_conda(spec: str) -> tuple[str, str]:
    """'jupyterlab>=4.2' -> ('jupyterlab', '>=4.2'); 'python=3.11' -> ('python', '==3.11')."""
    spec = spec.split("#")[0].strip()
    for index, char in enumerate(spec):
        if char in "<>=!~ ":
            name, version = spec[:index], spec[index:].replace(" ", "")
            if version.startswith("=") and not version.startswith("=="):
                version = "=" + version
            return name, version
    return spec, ""


def environment_requirements(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(packages as PyPI name -> specifier, toolchain pins) from an environment.yml; conda and pip: sections."""
    packages, toolchain = {}, {}
    for entry in yaml.safe_load(text)["dependencies"]:
        if isinstance(entry, dict):
            for line in entry.get("pip", []):
                requirement = Requirement(line)
                packages[canonicalize_name(requirement.name)] = str(requirement.specifier)
            continue
        name, version = _split_conda(str(entry))
        if name in CONDA_TOOLCHAIN:
            toolchain[name] = version
            continue
        packages[canonicalize_name(CONDA_TO_PYPI.get(name, name))] = str(Requirement(f"x{version}").specifier)
    return packages, toolchain


def disagreements(environment: dict[str, str], pyproject: dict[str, str]) -> list[str]:
    problems = [f"{name} is in pyproject.toml but not in environment.yml" for name in sorted(pyproject.keys() -
                                                                                              environment.keys())]
    problems += [f"{name} is in environment.yml but not in pyproject.toml" for name in sorted(environment.keys() -
                                                                                              pyproject.keys())]
    problems += [f"{name}: environment.yml says '{environment[name]}', pyproject.toml says '{pyproject[name]}'"
                 for name in sorted(environment.keys() & pyproject.keys()) if environment[name] != pyproject[name]]
    return problems


def test_environment_yml_and_pyproject_name_the_same_packages():
    environment, toolchain = environment_requirements((REPO / "environment.yml").read_text(encoding="utf-8"))
    pyproject = pyproject_requirements((REPO / "pyproject.toml").read_text(encoding="utf-8"),
                                       python_version=toolchain["python"].removeprefix("=="))
    assert disagreements(environment, pyproject) == []


def test_environment_yml_pins_python_and_uses_conda_forge():
    data = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    _, toolchain = environment_requirements((REPO / "environment.yml").read_text(encoding="utf-8"))
    assert data["channels"] == ["conda-forge"]
    assert toolchain.get("python", "").startswith("==3."), "pin python (Binder's default is older)"
    assert "pip" in toolchain


def test_disagreements_are_reported_by_name_and_version():
    environment, _ = environment_requirements(textwrap.dedent("""
        dependencies:
          - python=3.11
          - matplotlib-base>=3.8
          - jupyterlab>=4.0
          - extra-thing
          - pip:
              - krippendorff>=0.6
    """))
    pyproject = pyproject_requirements(textwrap.dedent("""
        [project]
        dependencies = ["matplotlib>=3.8", "jupyterlab>=4.2", "krippendorff>=0.6"]
        [project.optional-dependencies]
        test = ["pytest>=8", "tomli>=2; python_version < '3.11'"]
    """), python_version="3.11")
    assert disagreements(environment, pyproject) == [
        "pytest is in pyproject.toml but not in environment.yml",
        "extra-thing is in environment.yml but not in pyproject.toml",
        "jupyterlab: environment.yml says '>=4.0', pyproject.toml says '>=4.2'",
    ]


def test_postbuild_installs_the_kit_without_touching_dependencies():
    postbuild = REPO / "postBuild"
    lines = postbuild.read_text(encoding="utf-8").splitlines()
    assert os.access(postbuild, os.X_OK)
    assert lines[0] == "#!/bin/bash" and "set -e" in lines
    assert "pip install --no-deps -e ." in lines


# ----------------------------------------------------------------------------------------- test-session hygiene

ISOLATED = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "MPLCONFIGDIR",
            "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "KIT_WORK_DIR", "npm_config_cache")


@pytest.mark.parametrize("variable", ISOLATED)
def test_session_folders_are_temporary(variable):
    folder = Path(os.environ[variable]).resolve()
    assert folder.is_dir()
    for forbidden in (Path.home().resolve(), REPO):
        assert forbidden not in folder.parents and folder != forbidden, f"{variable}={folder}"


def test_in_process_matplotlib_uses_agg():
    import matplotlib

    assert "MPLBACKEND" not in os.environ  # kernels must keep their inline backend
    assert matplotlib.get_backend().lower() == "agg"


# Run in a child with HOME pointing at an empty folder: a kernel that imports pyplot and draws, IPython's history, the
# kit's saved work, and a `jupyter lab` server. With the session's variables in place the fake home stays empty.
_TOUCH_EVERYTHING = r"""
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
import harness
from jupyter_client.manager import start_new_kernel

km, kc = start_new_kernel(kernel_name="python3")
try:
    reply = kc.execute_interactive(
        "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\n"
        "get_ipython().history_manager.store_inputs(1, 'x = 1')\n"
        "import widgets\nwidgets.set_student('Hygiene Check')\n", timeout=120)
    assert reply["content"]["status"] == "ok", reply["content"]
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
server = harness.start_lab(Path({lab!r}))
server.stop()
"""


def test_kernels_and_jupyterlab_write_nothing_in_the_home_folder(tmp_path):
    fake_home = tmp_path / "home"
    fake_home.mkdir()
    script = _TOUCH_EVERYTHING.format(tests=str(REPO / "tests"), lab=str(tmp_path / "lab"))
    env = dict(os.environ, HOME=str(fake_home))
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                               timeout=240)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert sorted(str(p.relative_to(fake_home)) for p in fake_home.rglob("*")) == []
    # the kit's saved work went to the session's work folder, not to the kit's work/
    assert (Path(os.environ["KIT_WORK_DIR"]) / "student.json").is_file()


def test_isolated_data_dir_still_finds_the_kernel_and_the_widget_extension():
    """JUPYTER_DATA_DIR points at an empty temporary folder; kernels and lab extensions must still come from the
    environment's share/jupyter, or nbval and JupyterLab would run without python3 or without widgets."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.paths import jupyter_path

    assert "python3" in KernelSpecManager().find_kernel_specs()
    assert os.environ["JUPYTER_DATA_DIR"] in jupyter_path()
    extension_dirs = [Path(p) / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager" for p in jupyter_path()]
    assert any(folder.is_dir() for folder in extension_dirs), "ipywidgets' JupyterLab extension not found"
