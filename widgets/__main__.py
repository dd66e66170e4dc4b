"""Command line: ``python -m widgets COMMAND ...`` (``python -m widgets --help`` lists the commands).

To add a command, write ``add_<name>(subparsers)`` that adds its parser and sets ``run=<function(args) -> exit
code>``, and append it to COMMANDS. Exit codes: 0 success, 1 the input has problems, 2 usage error (argparse).
"""
import argparse
import json
import sys

from widgets.classroom import results_cli
from widgets.core.loading import CaseError, load_case
from widgets.core.owntext import newcase
from widgets.core.planning import PlanError, make_plan, plan_json, plan_text
from widgets.core.text import plural


# -- validate ---------------------------------------------------------------------------------------------------
def add_validate(subparsers):
    parser = subparsers.add_parser("validate", help="check case folders against the case format",
                                   description="Check case folders. Prints OK or every problem with file, "
                                               "field and line; exits 0 when all are valid, 1 otherwise.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a case folder, e.g. seeds/biden-china-2022")
    parser.set_defaults(run=run_validate)


def run_validate(args):
    all_valid = True
    for path in args.paths:
        try:
            case = load_case(path)
        except CaseError as error:
            all_valid = False
            print(error)
            print(f"FAIL {path}: {plural(len(error.problems), 'problem')}")
            continue
        except (RecursionError, MemoryError, OSError, ValueError) as error:
            all_valid = False
            print(f"FAIL {path}: could not be read ({type(error).__name__}: {str(error)[:200]})")
            continue
        counts = [plural(len(case.sentences), "sentence"), plural(len(case.actors), "actor"),
                  plural(len(case.claims), "claim"), plural(len(case.framing), "framing device"),
                  plural(len(case.sources), "source"), plural(len(case.timeline), "timeline event")]
        if case.controls:
            counts.insert(4, plural(len(case.controls), "control"))
        print(f"OK {path}: {', '.join(counts)}")
    return 0 if all_valid else 1


# -- new-case (widgets/core/owntext/newcase.py) -------------------------------------------------------------------------
def add_new_case(subparsers):
    newcase.add_new_case(subparsers)


# -- results (widgets/classroom/results.py) ------------------------------------------------------------------------
def add_results(subparsers):
    results_cli.add_results(subparsers)


# -- plan (widgets/core/planning.py) -------------------------------------------------------------------------------------
def add_plan(subparsers):
    parser = subparsers.add_parser("plan", help="a class plan for N periods of M minutes, from the time model",
                                   description="Print a plan for N class periods of M minutes whose steps fit "
                                               "under the kit's time model (widgets/core/data/time_model.yaml); exits 1 "
                                               "with one sentence when the chosen steps cannot fit.")
    parser.add_argument("--periods", type=int, required=True, metavar="N", help="how many class periods")
    parser.add_argument("--minutes", type=int, required=True, metavar="M", help="minutes per period")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(run=run_plan)


def run_plan(args):
    try:
        periods = make_plan(args.periods, args.minutes)
    except PlanError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(plan_json(periods), indent=1, ensure_ascii=False) if args.json else plan_text(periods))
    return 0


COMMANDS = [add_validate, add_new_case, add_results, add_plan]


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m widgets",
                                     description="Foreign-Policy Reporting Lab command line.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in COMMANDS:
        add_command(subparsers)
    return parser


def main(argv=None):
    for stream in (sys.stdout, sys.stderr):     # a broken character in a name is shown escaped, never a crash
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    args = build_parser().parse_args(argv)      # exits 2 on a usage error
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last safety net: one plain sentence, never a traceback
        print(f"error: {args.command} stopped on an unexpected problem ({type(error).__name__}: "
              f"{str(error)[:300]}). Nothing was overwritten; please report this.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
