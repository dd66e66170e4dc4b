"""The `results` command: `python -m widgets results FOLDER --out report.html [--csv gradebook.csv] ...`."""
from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from widgets.classroom.results import MAX_SHOWN_ITEMS, class_results
from widgets.classroom.submission import SeveralCasesError
from widgets.core import fileio
from widgets.core.loading import CaseError


def add_results(subparsers) -> None:
    """Register `results` on the `python -m widgets` command line."""
    parser = subparsers.add_parser(
        "results", help="class results report (HTML) and gradebook (CSV) from a folder of hand-ins",
        description="Read every *.json hand-in in FOLDER (never changing it) and write the class report.")
    parser.add_argument("folder", metavar="FOLDER", help="folder holding the students' hand-in files")
    parser.add_argument("--out", default="report.html", help="HTML report to write (default: report.html)")
    parser.add_argument("--csv", metavar="GRADEBOOK", help="also write a gradebook CSV: one row per student, "
                                                           "points and possible points per exercise")
    parser.add_argument("--items-csv", metavar="FILE", help="also write a CSV with one row per student and "
                                                            "assigned item, for item analysis")
    parser.add_argument("--sentences-csv", metavar="FILE",
                        help="also write a CSV of every sentence's label counts (the page shows at most "
                             f"{MAX_SHOWN_ITEMS})")
    parser.add_argument("--case", metavar="CASE_FOLDER",
                        help="the case folder, e.g. seeds/biden-china-2022 (default: the one case the files name)")
    parser.add_argument("--force", action="store_true",
                        help="replace output files that exist and were not written by this command (never a file "
                             "in FOLDER, a folder, a FIFO or a device)")
    parser.set_defaults(run=run_results)


# What the start of each output looks like when this command wrote it: an existing file that does not start so is
# someone else's, and is not replaced without --force.
KIT_SIGNATURES = {"--out": ('<meta name="generator" content="fp-reporting-lab',),
                  "--csv": ("student,file,handed_in",), "--items-csv": ("student,exercise,item",),
                  "--sentences-csv": ("id,text,",)}


def written_by_this_command(path: Path, option: str) -> bool:
    """Whether the existing regular file `path` looks like an output of this command (read at most 4 kB)."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return any(mark in start for mark in KIT_SIGNATURES[option])


def output_problem(path, option: str, folder=None, force: bool = False) -> str | None:
    """Why the report cannot be written to `path` (one plain sentence), or None. Checked before any work: never
    inside the hand-ins `folder`, never over a folder, FIFO, device or symlink, never over an existing file this
    command did not write unless `force`."""
    path = Path(path)
    if folder is not None and Path(folder).is_dir() and \
            Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
        return (f"{option} {path}: that is inside the folder of hand-ins being read; write the report "
                "somewhere else (the hand-ins are never changed).")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        return f"{option} {path}: cannot be checked ({error.strerror or error})."
    if mode is not None and stat.S_ISDIR(mode):
        return f"{option} {path}: that is a folder; give a file name, e.g. {path / 'report.html'}."
    if mode is not None and not stat.S_ISREG(mode):
        kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
                else "a device or special file")
        return f"{option} {path}: that is {kind}, not a regular file; give the name of a new file."
    parent = path.parent
    if not parent.is_dir():
        return f"{option} {path}: the folder {parent} does not exist; create it first or choose another place."
    if not os.access(parent, os.W_OK):
        return f"{option} {path}: the folder {parent} is read-only; choose a folder you can write."
    if mode is not None and not force and not written_by_this_command(path, option):
        return (f"{option} {path}: that file exists and was not written by this command; choose a new name, or "
                "add --force to replace it.")
    return None


def outputs_problem(outputs, folder=None, force: bool = False) -> str | None:
    """The first problem with the (option, path) outputs: each alone (output_problem), then two on one path."""
    seen = {}
    for option, path in outputs:
        if path is None:
            continue
        problem = output_problem(path, option, folder, force)
        if problem:
            return problem
        where = os.path.realpath(path)
        if where in seen:
            return f"{seen[where]} and {option} both name {path}; give each output its own file."
        seen[where] = option
    return None


def run_results(args) -> int:
    """The `results` command: one plain sentence and a non-zero exit for every problem, never a traceback."""
    outputs = [("--out", args.out), ("--csv", args.csv), ("--items-csv", args.items_csv),
               ("--sentences-csv", args.sentences_csv)]
    problem = outputs_problem(outputs, args.folder, getattr(args, "force", False))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        results = class_results(args.folder, case=args.case)
    except SeveralCasesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except CaseError as error:
        first = error.problems[0] if getattr(error, "problems", None) else error
        print(f"error: --case {args.case}: not a case folder the kit can read ({first}). Give a folder like "
              "seeds/biden-china-2022.", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        print("error: the case folder is nested too deeply to read.", file=sys.stderr)
        return 2
    try:
        written = [("Report", results.write_html(args.out))]
        if args.csv:
            written.append(("Gradebook", results.write_csv(args.csv)))
        if args.items_csv:
            written.append(("Item table", results.write_items_csv(args.items_csv)))
        if args.sentences_csv:
            written.append(("Sentence table", results.write_sentences_csv(args.sentences_csv)))
    except fileio.StorageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(results.summary())
    for what, path in written:
        print(f"{what} written to {path}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets")
    add_results(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
