"""One wording for every schema problem, in every file the kit reads.

``reword(error)`` turns a jsonschema error into ``(field path, message)`` pairs in plain words ("missing field
'title'", "'wrong' is not one of supported, distorted, ...; did you mean 'distorted'?"); ``Problem`` names the file,
the field path and, where known, the line: ``seeds/x/claims.yaml:42: claims[3].verdict: 'wrong' is not one of ...``.
Pure: no jsonschema import (the errors come in from whoever validated).
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Optional

TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "array": "a list", "object": "a mapping of fields", "null": "null"}


def path_text(path) -> str:
    """('claims', 3, 'verdict') -> 'claims[3].verdict'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def short(value, limit=60) -> str:
    """A value as a YAML or JSON writer would recognise it (null, true), cut to ``limit`` characters."""
    text = json.dumps(value) if value is None or isinstance(value, bool) else repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def line_of(path, lines) -> Optional[int]:
    """The line of the field at ``path``, else of its nearest parent, from ``lines`` ({path tuple: line})."""
    for n in range(len(path), 0, -1):
        if path[:n] in (lines or {}):
            return lines[path[:n]]
    return None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (file, field path, line) and what."""
    file: str
    path: str = ""                  # e.g. "claims[3].verdict"; "" when the problem is the whole file
    line: Optional[int] = None      # 1-based, None when there is no line to point at
    message: str = ""

    @classmethod
    def at(cls, file, path: tuple, message: str, lines: dict | None = None, line: int | None = None) -> "Problem":
        """A problem at field ``path`` (a tuple), its line looked up in ``lines`` unless given."""
        return cls(str(file), path_text(path), line if line is not None else line_of(path, lines), message)

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def _vocabulary_choice(error):
    """A value that fits no branch of an anyOf: explain the branch it was meant for (a nullable vocabulary value:
    the vocabulary, not "is not null"; a list where "all" or a list is allowed: the list's problem)."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    wrong_kind = {e.relative_schema_path[0] for e in error.context
                  if e.validator in ("type", "const") and not e.relative_path}
    fitting = [e for e in error.context if e.relative_schema_path[0] not in wrong_kind]
    return (fitting or [e for e in error.context if e.validator != "type"] or error.context)[0]


def reword(error) -> list[tuple[tuple, str]]:
    """A jsonschema error as [(field path, plain message)]: one pair per missing or unexpected field."""
    error = _vocabulary_choice(error)
    path = tuple(error.absolute_path)
    value, kind, expected = error.instance, error.validator, error.validator_value
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(error.schema.get("properties", {}))
        pairs = []
        for extra in [k for k in value if k not in allowed]:
            close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
            hint = (f"did you mean {close[0]!r}?" if close else
                    f"allowed fields: {', '.join(allowed)}" if allowed else "no other fields are allowed here")
            pairs.append((path + (extra,), f"unexpected field {extra!r}; {hint}"))
        return pairs or [(path, error.message)]
    if kind == "required" and isinstance(value, dict):
        return [(path + (name,), f"missing field {name!r}") for name in expected if name not in value]
    return [(path, _message(kind, value, expected, error))]


def _message(kind, value, expected, error) -> str:
    if kind == "enum":
        close = difflib.get_close_matches(value, [str(e) for e in expected], n=1) if isinstance(value, str) else []
        return (f"{short(value)} is not one of {', '.join(map(str, expected))}"
                + (f"; did you mean {close[0]!r}?" if close else ""))
    if kind == "const":
        return f"{short(value)} should be {short(expected)}"
    if kind == "type":
        words = " or ".join(TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected))
        return f"{short(value)} should be {words}"
    if kind == "pattern" and isinstance(value, str) and not value.strip():
        return "should not be empty"
    if kind == "pattern":
        return f"{short(value)} is not in the expected form ({error.schema.get('description', expected)})"
    if kind in ("minLength", "minItems", "minProperties"):
        return "should not be empty"
    if kind in ("maxLength", "maxItems"):
        return f"is too long: at most {expected} {'characters' if kind == 'maxLength' else 'items'}"
    if kind == "minimum":
        return f"{value} is below the minimum, {expected}"
    if kind == "maximum":
        return f"{value} is above the maximum, {expected}"
    if kind == "uniqueItems":
        return "lists the same value twice"
    if kind == "propertyNames":
        return f"{short(value)} is not a usable name here"
    return error.message
