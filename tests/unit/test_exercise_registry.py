"""One descriptor per exercise (issue 19): widgets/core/grading/registry.py's SPECS is the only list of exercises.

No module outside the registry (and the exercise's own grading module) names an exercise key in a list, a tuple, a
set, a dict's keys or a comparison: what the rest of the kit knows of an exercise, it reads from the spec."""
import ast
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

from widgets.core.grading import registry
from widgets.core.grading.spec import ExerciseSpec

WIDGETS = Path(__file__).resolve().parents[2] / "widgets"
# The case file has parts named like three exercises (its actors, claims and framing devices): these modules (by
# file name, wherever they live) read, check or draw those parts of the case, never an exercise's answers.
CASE_PARTS = {"actors", "claims", "framing"}
CASE_MODULES = {"_case_check.py", "case_rules.py", "article.py", "palette.py", "charts.py", "newcase.py"}


def _own_modules() -> dict:
    """{exercise key: the files of the grading modules that hold its spec}."""
    owners = {}
    package = sys.modules[registry.__package__]
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
            for spec in values:
                if isinstance(spec, ExerciseSpec):
                    owners.setdefault(spec.key, set()).add(Path(module.__file__).resolve())
    return owners


def _named_keys(tree, keys) -> list:
    """(line, key) for each string constant equal to a key among the elements of a list/tuple/set, a dict's keys or
    the operands of a comparison. An article's ``highlight=`` kinds are parts of the case, not exercises."""
    found = []
    highlights = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "highlight"}
    for node in ast.walk(tree):
        if id(node) in highlights:
            continue
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            parts = node.elts
        elif isinstance(node, ast.Dict):
            parts = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        else:
            continue
        found += [(part.lineno, part.value) for part in parts
                  if isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value in keys]
    return found


def exercise_keys_named_outside_the_registry() -> list:
    keys = set(registry.SPECS)
    owners = _own_modules()
    problems = []
    registry_files = {Path(registry.__file__).resolve(), Path(sys.modules[ExerciseSpec.__module__].__file__).resolve()}
    for path in sorted(WIDGETS.rglob("*.py")):
        path = path.resolve()
        if path in registry_files:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, key in _named_keys(tree, keys):
            if path in owners.get(key, ()) or (key in CASE_PARTS and path.name in CASE_MODULES):
                continue
            problems.append(f"widgets/{path.relative_to(WIDGETS.resolve()).as_posix()}:{line} names the exercise {key!r}")
    return problems


def test_every_exercise_of_the_kit_is_registered():
    """Ten exercise types, thirteen save-file sections: each section has its spec (skills: one per moment)."""
    assert set(registry.SPECS) == {"fact_opinion", "actors", "claims", "verdicts", "verdicts_after", "responses",
                                   "exit_tickets", "framing", "skills_pre", "skills_post", "skills_delayed",
                                   "lateral_reading", "lateral_self_check"}
    assert all(spec.key == key for key, spec in registry.SPECS.items())


def test_no_module_outside_the_registry_names_an_exercise_key():
    assert exercise_keys_named_outside_the_registry() == []


def test_the_check_finds_a_key_named_in_a_list_or_a_comparison():
    tree = ast.parse('LISTED = ("fact_opinion", "other")\nif name == "responses": pass\nd = {"verdicts": 1}\n'
                     'x = thing["claims"]\n')
    assert _named_keys(tree, set(registry.SPECS)) == [(1, "fact_opinion"), (2, "responses"), (3, "verdicts")]


def test_the_findings_view_waits_for_the_exercises_the_summary_waits_for():
    """Lesson 7's locked findings and the summary's "what the answer key found" both read the specs' ``findings``;
    each exercise's items come from the lesson whose plan assigns it."""
    from widgets import seed_case
    from widgets.lesson.keyviews import findings_key
    from widgets.core.lesson.plans import assigned_items

    case = seed_case("biden-china-2022")
    view = findings_key(case, path="full", student="Ada")
    assert registry.findings_exercises() == ["fact_opinion", "verdicts"]
    assert view.requires == {
        "fact_opinion": tuple(assigned_items(WIDGETS.parent / "lessons/04_fact_opinion_mixed.ipynb", "fact_opinion",
                                             case, "full")),
        "verdicts": tuple(assigned_items(WIDGETS.parent / "lessons/06_checking_the_record.ipynb", "verdicts", case,
                                         "full"))}
    from widgets.core.lesson.plans import teacher_assignment
    for path in ("full", "short"):                         # what the summary's findings wait for, on either path
        assignment = teacher_assignment(case, path)
        assert findings_key(case, path=path, student="Ada").requires == {
            name: tuple(assignment[name]) for name in registry.findings_exercises()}


def test_the_handin_preview_names_every_section_by_its_title():
    from widgets.classroom.handin import preview_sections

    sections = {key: {"answers": {"x": "y"}} for key in registry.SPECS}
    contents = {"student": "Ada", "case": "c", "scores": {},
                "exercises": {**sections, "key_shown": {"answers": {}}, "path_notes": {"answers": {}}}}
    assert [section["title"] for section in preview_sections(contents)] == [
        *(spec.title for spec in registry.SPECS.values()), "Key shown before answering", "path_notes"]
    assert "Skills check (before)" in [spec.title for spec in registry.SPECS.values()]


def test_every_report_section_and_key_view_a_spec_names_has_its_builder():
    """The specs name their class-report section and their locked key view by style; each layer that builds them
    has one builder per style (widgets/classroom/report.py's REPORT_SECTIONS, widgets/lesson/keyviews.py's
    KEY_VIEWS), and the report shows its sections in the registry's order, each once."""
    from widgets.classroom.report import REPORT_SECTIONS
    from widgets.core.grading import spec
    from widgets.lesson.keyviews import KEY_VIEWS

    assert set(REPORT_SECTIONS) == set(spec.REPORT_STYLES) and set(KEY_VIEWS) == set(spec.KEY_VIEW_STYLES)
    for key, exercise in registry.SPECS.items():
        assert exercise.report in (None, *spec.REPORT_STYLES), key
        assert exercise.key_view in (None, *spec.KEY_VIEW_STYLES), key
        assert (exercise.report == spec.SCORE_TABLE) <= exercise.scored, key
    assert registry.report_styles() == ["score_table", "skills", "lateral", "framing", "verdict_moves", "written"]
    assert {key: s.key_view for key, s in registry.SPECS.items() if s.key_view} == {
        "fact_opinion": "labels", "claims": "claims", "actors": "actors", "verdicts": "verdicts",
        "verdicts_after": "verdicts", "framing": "framing"}


def test_a_spec_with_an_unknown_style_or_a_score_table_without_a_score_is_refused():
    assert ExerciseSpec("x", "X", "items", len).report == "score_table"          # the default, for a scored one
    assert ExerciseSpec("x", "X", "items", None, scored=False).report is None
    for fields, words in (({"report": "charts"}, "report must be"), ({"key_view": "popup"}, "key_view must be"),
                          ({"scored": False, "report": "score_table"}, "no place in the report's score table")):
        with pytest.raises(ValueError, match=words):
            ExerciseSpec("x", "X", "items", len, **fields)


def test_key_view_builds_the_view_the_lessons_build(monkeypatch):
    """key_view(case, exercise, lesson) is the lesson's own view: same name, rows and items waited for (lesson 6's
    view of the verdicts after the evidence included)."""
    from widgets import seed_case
    from widgets.lesson.keyviews import actor_key, key_view, label_key, verdict_key

    monkeypatch.chdir(WIDGETS.parent / "lessons")
    case = seed_case("biden-china-2022")
    pairs = ((key_view(case, "fact_opinion", "04_fact_opinion_mixed.ipynb", student="Ada"),
              label_key(case, "04_fact_opinion_mixed.ipynb", student="Ada")),
             (key_view(case, "verdicts_after", "06_checking_the_record.ipynb", student="Ada"),
              verdict_key(case, "06_checking_the_record.ipynb", student="Ada", exercise="verdicts_after")),
             (key_view(case, "actors", "02_actors.ipynb", student="Ada"), actor_key(case, "02_actors.ipynb",
                                                                                    student="Ada")))
    for built, own in pairs:
        assert (type(built), built.name, built.requires, repr(built)) == (type(own), own.name, own.requires, repr(own))
    assert [pair[1].name for pair in pairs] == ["lesson04-labels", "lesson06-verdicts", "lesson02-actors"]
    with pytest.raises(ValueError, match="has no key view"):
        key_view(case, "exit_tickets", "07_wrap_up.ipynb")
