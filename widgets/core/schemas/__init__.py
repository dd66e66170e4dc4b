"""The kit's schema layer: every file format the kit reads has a JSON Schema in this folder.

    load_schema("work")        # the parsed widgets/core/schemas/work.schema.json (cached; references into
                               # case.schema.json's $defs are copied in, so each schema stands alone)
    validator("work")          # its jsonschema Draft 2020-12 validator (an integer must be a Python int)
    schema_errors("work", doc) # jsonschema errors, [] for a valid document; a fast check lets valid files through
    check("work", doc, file)   # the problems as Problem (file, field path, line, message), worded by
                               # widgets.core.schemas.wording.reword: every file reports problems in the same words
    pattern("id")              # a $defs pattern of case.schema.json, compiled (the one definition of an id)

jsonschema is imported only to word a problem: a valid document is let through by fastjsonschema (the case schema
pre-compiled in widgets/core/_case_check.py, the small schemas compiled on first use).
"""
from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
import sys
from pathlib import Path

from widgets.core.schemas.wording import Problem, reword  # noqa: F401  (re-exported)


SCHEMA_DIR = Path(__file__).resolve().parent
CASE = "case"
_EXTERNAL = re.compile(r"^(\w+)\.schema\.json#/\$defs/(\w+)$")


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


@functools.lru_cache(maxsize=None)
def _raw(name: str) -> dict:
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """The schema ``<name>.schema.json``, with every ``"$ref": "<other>.schema.json#/$defs/<def>"`` turned into a
    local reference to a copy of that definition (so one definition serves every schema, and both validators
    need no registry). Do not change the returned dict."""
    schema = copy.deepcopy(_raw(name))
    defs = schema.setdefault("$defs", {})

    def inline(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            found = _EXTERNAL.match(ref) if isinstance(ref, str) else None
            if found:
                other, definition = found.groups()
                if definition not in defs:
                    defs[definition] = _externalised(copy.deepcopy(_raw(other)["$defs"][definition]), other)
                    inline(defs[definition])
                node["$ref"] = f"#/$defs/{definition}"
            for value in list(node.values()):
                inline(value)
        elif isinstance(node, list):
            for value in node:
                inline(value)

    inline(schema)
    return schema


def _externalised(node, schema: str):
    """A definition copied out of ``schema``, its local references ("#/$defs/x") pointing back into ``schema``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            node["$ref"] = f"{schema}.schema.json{ref}"
        for value in node.values():
            _externalised(value, schema)
    elif isinstance(node, list):
        for value in node:
            _externalised(value, schema)
    return node


@functools.lru_cache(maxsize=None)
def pattern(definition: str, schema: str = CASE) -> re.Pattern:
    """The pattern of ``$defs/<definition>`` in a schema, compiled (ids and slugs are defined once, there)."""
    return re.compile(load_schema(schema)["$defs"][definition]["pattern"])


def draft202012_validator():
    """jsonschema's Draft202012Validator class.

    jsonschema imports rfc3987_syntax, when installed (Jupyter installs it), only to check the 'iri' format, which
    no kit schema uses; building that package's grammar costs 1-3 s in every lesson's kernel. Hide it during the
    import, then unhide it for anyone who wants it later."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        # deferred: jsonschema (about 0.3 s) only words problems; a valid document never needs it
        from jsonschema import Draft202012Validator
        return Draft202012Validator
    sys.modules["rfc3987_syntax"] = None        # makes "import rfc3987_syntax" raise ImportError
    try:
        # deferred: see above
        from jsonschema import Draft202012Validator
    finally:
        del sys.modules["rfc3987_syntax"]
    return Draft202012Validator


@functools.lru_cache(maxsize=None)
def kit_validator_class():
    """Draft 2020-12, except that an integer must be a Python int: JSON Schema counts 2.0 as an integer, but an
    offset of 2.0 cannot slice a string, nor 2.0 minutes be printed as a whole number."""
    base = draft202012_validator()
    # deferred: jsonschema, as above
    from jsonschema import validators
    whole_number = base.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(base, type_checker=whole_number)


@functools.lru_cache(maxsize=None)
def validator(name: str):
    """The judge of schema ``name`` (jsonschema words every problem), built on first need (~0.3 s import)."""
    return kit_validator_class()(load_schema(name))


@functools.lru_cache(maxsize=None)
def fast_check(name: str):
    """(check function, its exception class) from fastjsonschema, or None when it cannot be built. It only lets a
    valid document through; jsonschema words the problems. The case schema comes pre-compiled from
    widgets/core/_case_check.py (tools/case_check.py) while that module matches the schema file."""
    try:
        import fastjsonschema   # deferred: every kernel imports this package; the compiler with the first check
        if name == CASE:
            try:
                # deferred: the 95 kB compiled case check loads only when a case is checked
                from widgets.core import _case_check
                if _case_check.SCHEMA_SHA256 == hashlib.sha256(schema_path(CASE).read_bytes()).hexdigest():
                    return _case_check.validate, fastjsonschema.JsonSchemaException
            except Exception:  # noqa: BLE001 - a missing or stale module: compile below
                pass
        # detailed_exceptions=False would be lighter, but fastjsonschema cannot compile propertyNames without it
        # a copy: fastjsonschema rewrites the references of the schema it is given, and load_schema's is shared
        return (fastjsonschema.compile(copy.deepcopy(load_schema(name)), detailed_exceptions=name != CASE,
                                       use_default=False),
                fastjsonschema.JsonSchemaException)
    except Exception:  # noqa: BLE001 - missing or unable to compile: jsonschema alone is correct, only slower
        return None


def _has_float(value) -> bool:
    """Whether a float sits anywhere in ``value`` (fastjsonschema counts 2.0 as an integer; the kit does not, so
    such a document goes to jsonschema with the kit's stricter integer)."""
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def schema_errors(name: str, document) -> list:
    """jsonschema's errors for ``document`` against schema ``name``, sorted by field path; [] when it is valid."""
    fast = fast_check(name)
    if fast is not None and not _has_float(document):
        check, invalid = fast
        try:
            check(document)
            return []
        except invalid:
            pass
    return sorted(validator(name).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])


def check(name: str, document, file, lines: dict | None = None, root: tuple = ()) -> list:
    """Every schema problem of ``document`` as a Problem naming ``file``, the field path and, where ``lines``
    ({path tuple: line}) knows it, the line. ``root``: a path prefix the document sits under in its file."""
    problems = []
    for error in schema_errors(name, document):
        for path, message in reword(error):
            problems.append(Problem.at(file, root + path, message, lines))
    return problems


MAX_DATA_BYTES = 1_000_000       # a kit data file (warm-up, cue words) is a few kilobytes


def load_yaml(name: str, path, limit: int = MAX_DATA_BYTES):
    """(data, problems, lines) for a YAML data file checked against schema ``name``: every problem names the file,
    the field and its line (``lines``: {field path: line}, for the caller's own rules). ``data`` is None when the
    file could not be read at all."""
    path = Path(path)
    # deferred: every kernel imports this package (the lesson header, vocab); PyYAML (about 10 ms) only when a YAML
    # file is read
    from widgets.core.schemas import yamlfile

    text, problem = yamlfile.read_text(path, limit, "a kit data file is a few kilobytes")
    if problem:
        return None, [Problem.at(path, (), problem[0], line=problem[1])], {}
    parsed = yamlfile.parse_yaml(text)
    problems = [Problem.at(path, where, message, parsed.lines, line=line) for where, message, line in parsed.problems]
    if not parsed.ok:
        return None, problems, parsed.lines
    return parsed.data, problems + check(name, parsed.data, path, parsed.lines), parsed.lines


def load_checked_yaml(name: str, path, error: type[Exception]):
    """(data, lines) of a kit data file that must be valid (the kit's own skills forms, exit tickets, rates, plans):
    ``load_yaml``, raising ``error`` with every problem (file, field, line) when there is any."""
    data, problems, lines = load_yaml(name, path)
    if data is None or problems:
        raise error("\n".join(map(str, problems)))
    return data, lines
