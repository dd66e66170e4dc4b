"""Every generated file, rebuilt in the order they depend on each other (`make generated`), or checked (`make test`).

    python tools/generated.py            # rebuild every generated file, the executed lessons included
    python tools/generated.py --check    # the same in place, but the lessons are not re-executed; exit 1 naming
                                         # every file that changed (then commit them: they were out of date)

The order: the compiled case schema, the answer keys and rubrics, the lessons' minutes and the class plans (which
rewrite lesson headers), the executed lessons, the plans again, the student edition. The check compares every file
of the checkout (git's list, untracked files included) before and after, so it names a stale file whichever
generator made it, and a generator added to STEPS is checked without another test. The executed lessons' outputs are
compared by nbval on every test run, so the check does not execute them again.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
LESSON_OUTPUTS = "tools/execute_notebooks.py"      # slow; nbval checks what it stores
# The compiled case check embeds the version of fastjsonschema that wrote it, so a newer release would "change" it on
# a fresh install; tests/unit/test_case_check.py checks it against the schema's hash instead.
CASE_CHECK = "tools/case_check.py"
NOT_CHECKED = (LESSON_OUTPUTS, CASE_CHECK)
STEPS = (CASE_CHECK, "tools/answer_key.py", "tools/rubrics.py", "tools/session_plan.py", LESSON_OUTPUTS,
         "tools/session_plan.py", "tools/student_edition.py")


def checkout_files(root: Path = KIT) -> dict[str, str]:
    """relative path -> sha256 of every file git tracks or would track (ignored files, e.g. .venv, left out)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest()
            for name in listed if name and (root / name).is_file()}


def steps(check: bool) -> list[str]:
    """The generators to run: all of STEPS, or for the check all but NOT_CHECKED (one run of each)."""
    if not check:
        return list(STEPS)
    return list(dict.fromkeys(step for step in STEPS if step not in NOT_CHECKED))


def main(argv: list[str] | None = None, root: Path = KIT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 naming the generated files that changed")
    args = parser.parse_args(argv)
    before = checkout_files(root) if args.check else {}
    for step in steps(args.check):
        done = subprocess.run([sys.executable, str(root / step)], cwd=root, capture_output=args.check, text=True)
        if done.returncode:
            if args.check:
                print(done.stdout + done.stderr, end="")
            print(f"generated: {step} failed (exit {done.returncode})", file=sys.stderr)
            return done.returncode
    if not args.check:
        return 0
    after = checkout_files(root)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        print("generated: these files were out of date and are now rebuilt; review and commit them "
              "(`make generated` rebuilds everything):\n  " + "\n  ".join(changed), file=sys.stderr)
        return 1
    print(f"generated: all up to date ({len(steps(True))} generators)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
