"""The schema layer (widgets/core/schemas): every file format has a schema, ids are defined once, every file words its
problems the same way, and a valid file never imports jsonschema."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.core import schemas

KIT = Path(__file__).resolve().parents[2]
NAMES = sorted(p.name.removesuffix(".schema.json") for p in schemas.SCHEMA_DIR.glob("*.schema.json"))


def test_every_file_format_has_a_schema():
    assert {"case", "work", "submission", "lesson_plan", "warmup", "cue_words", "student"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_valid_and_stands_alone(name):
    assert schemas.fast_check(name) is not None, f"{name}: fastjsonschema cannot compile it"
    schema = schemas.load_schema(name)            # after compiling: the shared schema must come back unchanged
    schemas.draft202012_validator().check_schema(schema)
    refs = [ref for ref in _refs(schema) if not ref.startswith("#/$defs/")]
    assert not refs, f"{name}: references left to other files: {refs}"


def _refs(node):
    if isinstance(node, dict):
        yield from ([node["$ref"]] if isinstance(node.get("$ref"), str) else [])
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_ids_and_slugs_are_defined_once_in_the_case_schema():
    case = json.loads((schemas.SCHEMA_DIR / "case.schema.json").read_text(encoding="utf-8"))
    assert schemas.pattern("slug").pattern == case["$defs"]["slug"]["pattern"]
    assert schemas.pattern("id").pattern == case["$defs"]["id"]["pattern"]
    for name in ("work", "submission", "cue_words", "warmup", "lesson_plan"):
        text = (schemas.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert "case.schema.json#/$defs/" in text and case["$defs"]["slug"]["pattern"] not in text, name
    retyped = ("[a-z0-9][a-z0-9-]*", "[A-Za-z0-9][A-Za-z0-9_-]*", "[a-z0-9]+(-[a-z0-9]+)*")
    for path in (KIT / "widgets").rglob("*.py"):
        if path.name != "_case_check.py":
            text = path.read_text(encoding="utf-8")
            assert not any(pattern in text for pattern in retyped), f"{path}: use widgets.core.schemas.pattern(...)"


def test_the_same_mistake_is_worded_the_same_in_every_file(tmp_path):
    """A value outside a vocabulary, in a case file and in the warm-up: the same words, with file, field and line."""
    from widgets.lesson import LessonPlanError, load_warmup
    from widgets.core.loading import validate_case

    warmup = tmp_path / "w.yaml"
    warmup.write_text("format: fprl-warmup\nstatements:\n"
                      "  - {id: a, text: t, label: opinon, appeals_to: left, rationale: r}\n", encoding="utf-8")
    with pytest.raises(LessonPlanError) as raised:
        load_warmup(warmup)
    assert str(raised.value) == (f"{warmup}:3: statements[0].label: 'opinon' is not one of fact, opinion; "
                                 "did you mean 'opinion'?")
    case = tmp_path / "case"
    case.mkdir()
    (case / "sentences.yaml").write_text("- id: h\n  paragraph: 0\n  text: T\n  label: opinon\n  sourcing: none\n"
                                         "  rationale: r\n", encoding="utf-8")
    found = [str(p) for p in validate_case(case) if p.path == "sentences[0].label"]
    assert found == [f"{case / 'sentences.yaml'}:4: sentences[0].label: 'opinon' is not one of fact, opinion, "
                     "mixed; did you mean 'opinion'?"]


def test_missing_and_unexpected_fields_are_named():
    problems = schemas.check("student", {"format": "fprl-student", "version": 1, "name": "Ada"}, "student.json")
    assert [str(p) for p in problems] == ["student.json: student: missing field 'student'"]
    statement = {"id": "a", "text": "t", "label": "fact", "appeals_to": "left", "rationale": "r", "rationel": "x"}
    problems = schemas.check("warmup", {"format": "fprl-warmup", "statements": [statement]}, "w.yaml",
                             lines={("statements", 0, "rationel"): 9})
    assert [str(p) for p in problems] == ["w.yaml:9: statements[0].rationel: unexpected field 'rationel'; "
                                          "did you mean 'rationale'?"]


def test_valid_files_are_judged_without_importing_jsonschema():
    code = ("import sys\nfrom widgets import lesson\nfrom widgets.core import storage\n"
            "from widgets.core.owntext.cue_rules import load_rules\n"
            "from widgets.core.storage import KIT_ROOT\n"
            "lesson.lesson_plan(KIT_ROOT / 'lessons' / '02_actors.ipynb')\n"
            "lesson.load_warmup(KIT_ROOT / 'seeds' / 'warmup' / 'statements.yaml')\nload_rules()\n"
            "assert storage.work_problem(storage.empty_work('Ada', 'c'), 'Ada', 'c') is None\n"
            "print('jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr
