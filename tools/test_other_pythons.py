"""Run the unit tests on the oldest and the newest Python the kit supports (`make test` runs it first; so does CI).

    python tools/test_other_pythons.py            # 3.10 and 3.13
    python tools/test_other_pythons.py 3.12

Each version gets its own virtual environment, `.venv-<version>/` (git ignores `.venv-*/`), with the kit and its
test extra installed, and runs `pytest tests/unit -m "not browser and not hub"`: the browser tests, the tests that
start a real JupyterHub and nbval run once, under the default Python. The environments are made with uv (the test
extra installs it; about four times faster than pip here, measured December 2026), or with pip where uv is missing;
the versions are set up one after the other (both editable installs write into this checkout), then tested side by
side, and each one's output is printed whole when it ends. An interpreter is found as
`python<version>` on PATH, else under pyenv's root. A missing version is skipped with a note on a developer's
machine, and is a failure that names it when KIT_REQUIRE_PYTHONS=1 (CI sets it): the README promises every version
from 3.10.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_VERSIONS = ("3.10", "3.13")   # requires-python's floor, and the newest release the kit is tested on


def find_interpreter(version: str) -> Path | None:
    """An interpreter of ``version`` that really runs (pyenv's shims exist for versions that are not selected)."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    candidates += sorted(Path(pyenv_root, "versions").glob(f"{version}.*/bin/python{version}"), reverse=True)
    for candidate in filter(None, candidates):
        probe = subprocess.run([str(candidate), "-c", "import sys; print(sys.version_info[:2])"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == str(tuple(map(int, version.split(".")))):
            return Path(candidate)
    return None


def uv() -> str | None:
    """The uv beside this Python (the test extra installs it into the kit's .venv), or one on PATH."""
    beside = Path(sys.executable).parent / "uv"
    return str(beside) if beside.is_file() else shutil.which("uv")


def install_commands(interpreter: Path, venv: Path, with_uv: bool) -> list[list[str]]:
    """Commands that make `venv` from `interpreter` and install the kit with its test extra into it."""
    python = str(venv / "bin" / "python")
    if with_uv:
        return [[uv(), "venv", "--quiet", "--python", str(interpreter), str(venv)],
                [uv(), "pip", "install", "--quiet", "--python", python, "-e", f"{REPO}[test]"]]
    return [[str(interpreter), "-m", "venv", str(venv)],
            [python, "-m", "pip", "install", "--quiet", "-e", f"{REPO}[test]"]]


def install(interpreter: Path, venv: Path, printed: list[str]) -> bool:
    """Make `venv` with uv, or with pip where uv is missing or fails (uv reads no pip.conf: a machine whose packages
    come from a mirror set there may need pip)."""
    for with_uv in ([True, False] if uv() else [False]):
        shutil.rmtree(venv, ignore_errors=True)
        for command in install_commands(interpreter, venv, with_uv):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                printed.append(done.stdout + done.stderr + f"test-pythons: {' '.join(command)} failed\n")
                break
        else:
            return True
    return False


def prepare(version: str, interpreter: Path) -> str | None:
    """Make `version`'s venv if it is missing or older than pyproject.toml; None, or what failed. One version at a
    time: both editable installs write the kit's egg-info in this checkout."""
    venv = REPO / f".venv-{version}"
    stamp = venv / ".installed-stamp"
    if stamp.exists() and stamp.stat().st_mtime >= (REPO / "pyproject.toml").stat().st_mtime:
        return None
    printed: list[str] = []
    if not install(interpreter, venv, printed):
        return "".join(printed)
    stamp.touch()
    return None


def run_unit_tests(version: str, interpreter: Path) -> tuple[int, str]:
    """(pytest's exit code, everything printed) for the unit tests under `version` (its venv made by prepare)."""
    done = subprocess.run([str(REPO / f".venv-{version}" / "bin" / "python"), "-m", "pytest", "tests/unit",
                           "-m", "not browser and not hub", "-q"], cwd=REPO, capture_output=True, text=True)
    return done.returncode, f"test-pythons: unit tests on Python {version} ({interpreter})\n" + done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=list(DEFAULT_VERSIONS))
    versions = parser.parse_args(argv).versions
    interpreters = {version: find_interpreter(version) for version in versions}
    missing = [version for version, found in interpreters.items() if found is None]
    if missing:
        where = "neither python<version> on PATH nor under pyenv"
        if os.environ.get("KIT_REQUIRE_PYTHONS") == "1":
            print(f"test-pythons: Python {', '.join(missing)} not found ({where}); CI requires it: install it, "
                  f"e.g. `pyenv install {missing[0]}`.", file=sys.stderr)
            return 2
        print(f"test-pythons: Python {', '.join(missing)} not found ({where}): skipped here (CI requires it).")
    found = {version: interpreter for version, interpreter in interpreters.items() if interpreter is not None}
    failed = []
    for version, interpreter in list(found.items()):
        problem = prepare(version, interpreter)
        if problem is not None:
            print(problem + f"test-pythons: could not set up Python {version}.", file=sys.stderr, flush=True)
            failed.append(version)
            del found[version]
    with ThreadPoolExecutor(max_workers=max(1, len(found))) as pool:
        runs = {version: pool.submit(run_unit_tests, version, interpreter) for version, interpreter in found.items()}
        for version, run in runs.items():
            code, printed = run.result()
            print(printed, end="", flush=True)
            if code:
                failed.append(version)
    if failed:
        print(f"test-pythons: unit tests failed on Python {', '.join(failed)}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
