"""The `results` command: `python -m widgets results FOLDER --out report.html [--csv gradebook.csv] ...`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from widgets import fileio
from widgets.classroom.results import MAX_SHOWN_ITEMS, class_results
from widgets.classroom.submission import SeveralCasesError


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
    parser.set_defaults(run=run_results)


def output_problem(path, option: str) -> str | None:
    """Why the report cannot be written to `path` (one plain sentence), or None. Checked before any work."""
    path = Path(path)
    if path.is_dir():
        return f"{option} {path}: that is a folder; give a file name, e.g. {path / 'report.html'}."
    parent = path.parent
    if not parent.is_dir():
        return f"{option} {path}: the folder {parent} does not exist; create it first or choose another place."
    if not os.access(parent, os.W_OK):
        return f"{option} {path}: the folder {parent} is read-only; choose a folder you can write."
    return None


def run_results(args) -> int:
    """The `results` command: one plain sentence and a non-zero exit for every problem, never a traceback."""
    outputs = [("--out", args.out), ("--csv", args.csv), ("--items-csv", args.items_csv),
               ("--sentences-csv", args.sentences_csv)]
    for option, path in outputs:
        problem = path is not None and output_problem(path, option)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    try:
        results = class_results(args.folder, case=args.case)
    except SeveralCasesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
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
