"""Run the unit tests on the oldest and the newest Python the kit supports (`make test` runs it first; so does CI).

    python tools/test_other_pythons.py            # 3.10 and 3.13
    python tools/test_other_pythons.py 3.12

Each version gets its own virtual environment, `.venv-<version>/` (git ignores `.venv-*/`), with the kit and its
test extra installed, and runs `pytest tests/unit -m "not browser and not hub"`: the browser tests, the tests that
start a real JupyterHub and nbval run once, under the default Python. An interpreter is found as
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


def run_unit_tests(version: str, interpreter: Path) -> int:
    venv = REPO / f".venv-{version}"
    python = venv / "bin" / "python"
    stamp = venv / ".installed-stamp"
    if not stamp.exists() or stamp.stat().st_mtime < (REPO / "pyproject.toml").stat().st_mtime:
        subprocess.run([str(interpreter), "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{REPO}[test]"], check=True)
        stamp.touch()
    print(f"test-pythons: unit tests on Python {version} ({interpreter})", flush=True)
    return subprocess.run([str(python), "-m", "pytest", "tests/unit", "-m", "not browser and not hub", "-q"],
                          cwd=REPO).returncode


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
    failed = [version for version, interpreter in interpreters.items()
              if interpreter is not None and run_unit_tests(version, interpreter)]
    if failed:
        print(f"test-pythons: unit tests failed on Python {', '.join(failed)}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
