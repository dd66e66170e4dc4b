"""Reading a YAML file the kit does not trust, keeping the line of every field.

    text, problem = read_text(path, limit)         # size-checked, regular files only, strict UTF-8
    parsed = parse_yaml(text, root=("claims",))    # .data, .lines {path tuple: line}, .problems [(path, msg, line)]

Dates stay the strings written (the schemas check their form); duplicate keys, alias bombs and absurd nesting are
problems, never crashes. Every problem is a (field path, message, line) triple for the caller to name its file.
"""
from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from widgets.core.fileio import json_depth_problem


MAX_NODES = 200_000       # far more than any kit file needs; stops "billion laughs" alias bombs
TOO_DEEP = "is nested too deeply to read (no kit file needs more than a few levels)"


class YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):    # libyaml, when present, is 10x faster
    """SafeLoader that keeps dates as the strings written, because the schema checks their form."""


YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_text(path: Path, limit: int, what: str = "a real case file is tens of kilobytes"):
    """(text with '\\n' line ends, None) or (None, (message, line)) saying why the file cannot be read.

    The size is checked before reading, and only regular files are read (a FIFO or a device would hang or
    never end)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, ("is not a regular file (a folder, a FIFO or a device); give a text file", None)
        if info.st_size > limit:
            return None, (f"is too large: {info.st_size:,} bytes, the limit is {limit:,} bytes ({what}); "
                          "nothing was parsed", None)
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            return None, (f"is too large: more than {limit:,} bytes", None)
    except FileNotFoundError:
        return None, ("file is missing", None)
    except OSError as error:
        return None, (f"cannot be read: {error.strerror}", None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        return None, (f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at line {line}); "
                      "save it with UTF-8 encoding", line)
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), None


@dataclass
class Parsed:
    ok: bool = False                                # False when the data could not be read (see problems)
    data: object = None
    lines: dict = field(default_factory=dict)       # path tuple (under root) -> 1-based line
    problems: list = field(default_factory=list)    # (path tuple, message, line or None)


def parse_yaml(text: str, root: tuple = ()) -> Parsed:
    """Parse ``text``, indexing the line of every field under the path prefix ``root``."""
    parsed = Parsed()
    loader = None
    try:
        loader = YamlLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:      # a character YAML does not allow, e.g. NUL
        parsed.problems.append(((), f"character U+{error.character:04X} is not allowed in YAML ({error.reason})",
                                text.count("\n", 0, error.position) + 1))
        return parsed
    except RecursionError:
        parsed.problems.append(((), TOO_DEEP, None))
        return parsed
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = "; ".join(str(x) for x in (getattr(error, "context", None), getattr(error, "problem", None)) if x)
        parsed.problems.append(((), f"malformed YAML: {detail or error}", mark.line + 1 if mark else None))
        return parsed
    finally:
        if loader is not None:
            loader.dispose()
    index = _LineIndex(parsed, max(MAX_NODES, len(text) // 2))   # a real node takes at least two characters
    try:
        if node is not None and not index.walk(node, root, set()):
            return parsed
    except RecursionError:
        parsed.problems.append(((), TOO_DEEP, None))
        return parsed
    problem = json_depth_problem(data)     # after the alias check: an alias bomb is never walked
    if problem:
        parsed.problems.append(((), problem.removeprefix("it is ").replace("no file the kit writes is",
                                                                           "no kit file needs that"), None))
        return parsed
    parsed.ok, parsed.data = True, data
    return parsed


class _LineIndex:
    def __init__(self, parsed: Parsed, max_nodes: int):
        self.parsed, self.lines, self.max_nodes = parsed, parsed.lines, max_nodes

    def walk(self, node, path, open_nodes) -> bool:
        """Record the line of every node by its path; report duplicate keys (YAML would silently keep the last).

        Returns False, after reporting it, when an alias makes the content contain itself or grow too large."""
        if id(node) in open_nodes or len(self.lines) > self.max_nodes:
            self.parsed.problems.append(((), "an alias (*name) makes the content contain itself or grow too large; "
                                             "write the values out instead", node.start_mark.line + 1))
            return False
        self.lines[path] = node.start_mark.line + 1
        open_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, value_node in node.value:
                key = getattr(key_node, "value", None)
                if not isinstance(key, str):
                    continue
                if not self.walk(value_node, path + (key,), open_nodes):
                    return False
                self.lines[path + (key,)] = key_node.start_mark.line + 1     # point at the key, not the value
                if key in seen:
                    self.parsed.problems.append((path + (key,), f"field {key!r} is given twice",
                                                 key_node.start_mark.line + 1))
                seen.add(key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if not self.walk(item, path + (index,), open_nodes):
                    return False
        open_nodes.discard(id(node))
        return True
