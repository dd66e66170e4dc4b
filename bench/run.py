"""Print the kit's speed and memory figures (`make bench`). It prints; it never passes or fails.

Contract for bench modules (add a module, nothing else to edit):
    bench/bench_<topic>.py defines   rows() -> list[dict]
    each dict has   group  str    what the row belongs to, e.g. "lessons/02_actors.ipynb" or "server"
                    what   str    the measured quantity, e.g. "headless execution"
                    value  float | int | None   None when it could not be measured
                    unit   str    "s", "ms", "MiB"... or, when value is None, why (e.g. "skipped (no chromium)")
Modules run in name order, in one process whose Jupyter, IPython, matplotlib and saved-work folders are temporary
(tests/harness.py), so a benchmark leaves nothing in the home folder or in work/. The kit's bytecode is compiled
first, as an installed kit has it (compile_bytecode). A module that raises is reported
as one row and the others still run.

    python bench/run.py                 # every module
    python bench/run.py lessons         # only bench_lessons.py
"""
from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "tests"))
import harness  # noqa: E402  (tests/harness.py)

COLUMNS = ("group", "what", "value", "unit")


def discover(only: list[str]) -> list[Path]:
    modules = sorted(BENCH.glob("bench_*.py"))
    if only:
        modules = [m for m in modules if m.stem.removeprefix("bench_") in only or m.stem in only]
    return modules


def load_rows(path: Path) -> list[dict]:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.rows()
    for row in rows:
        missing = [key for key in COLUMNS if key not in row]
        if missing:
            raise ValueError(f"{path.name}: row {row!r} lacks {', '.join(missing)}")
    return rows


def format_value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"
    return str(value)


def print_table(rows: list[dict]) -> None:
    cells = [(str(r["group"]), str(r["what"]), format_value(r["value"]), str(r["unit"])) for r in rows]
    widths = [max(len(header), *(len(c[i]) for c in cells)) if cells else len(header)
              for i, header in enumerate(COLUMNS)]
    print("  ".join(h.ljust(w) if i != 2 else h.rjust(w) for i, (h, w) in enumerate(zip(COLUMNS, widths))))
    print("  ".join("-" * w for w in widths))
    previous_group = None
    for group, what, value, unit in cells:
        shown_group = group if group != previous_group else ""
        previous_group = group
        print("  ".join([shown_group.ljust(widths[0]), what.ljust(widths[1]), value.rjust(widths[2]), unit]))


def compile_bytecode(kit: Path) -> None:
    """Write the kit's bytecode (__pycache__, ignored by git) before measuring, as `pip install` does: kernels then
    load it instead of compiling every module from source (which costs time and memory that an installed kit does
    not pay), even where PYTHONDONTWRITEBYTECODE keeps them from writing it themselves. The same for the templates'
    compiled code (widgets.core.render.compile_templates)."""
    import compileall
    import subprocess
    compileall.compile_dir(str(kit / "widgets"), quiet=1)
    # and the templates (widgets/core/render), which a kit compiles on its first run
    subprocess.run([sys.executable, "-c", "import widgets.core.render as r; r.compile_templates()"], cwd=kit, check=True)


def main(argv: list[str]) -> int:
    modules = discover(argv)
    if not modules:
        print(f"No bench modules match {argv}; found: {[m.stem for m in sorted(BENCH.glob('bench_*.py'))]}")
        return 0
    with tempfile.TemporaryDirectory(prefix="fprl-bench-") as tmp:
        harness.apply_environment(harness.isolate_environment(Path(tmp) / "env"))
        compile_bytecode(BENCH.parent)
        for path in modules:
            started = time.perf_counter()
            print(f"\n== {path.name}", flush=True)
            try:
                rows = load_rows(path)
            except Exception as error:  # a broken benchmark must not hide the others' figures
                traceback.print_exc()
                rows = [{"group": path.stem, "what": "error", "value": None, "unit": f"{type(error).__name__}: {error}"}]
            print_table(rows)
            print(f"({path.name} took {time.perf_counter() - started:.1f} s)")
    return 0  # figures only: never a failing exit status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
