"""Load and validate a case folder (see the case format in CONTRIBUTING.md and schemas/case.schema.json).

``validate_case(path)`` returns a list of ``Problem``; ``load_case(path)`` returns a ``Case`` or raises ``CaseError``
carrying the same problems. Bad input never raises anything else: every problem names the file, the field path and,
where there is one, the line, e.g. ``seeds/x/claims.yaml:42: claims[3].verdict: 'wrong' is not one of ...``.
"""
import bisect
import difflib
import functools
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml

from widgets.case import (Actor, Alternative, Case, Claim, Framing, Mention, Sentence, Source, TimelineEvent,
                          VerdictAlternative)
from widgets.vocab import SCHEMA


def draft202012_validator():
    """jsonschema imports rfc3987_syntax, when installed (Jupyter installs it), only to check the 'iri' format,
    which the case schema never uses; building that package's grammar costs 1-3 s in every lesson's kernel.
    Hide it during the import, then unhide it for anyone who wants it later."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        from jsonschema import Draft202012Validator
        return Draft202012Validator
    sys.modules["rfc3987_syntax"] = None        # makes "import rfc3987_syntax" raise ImportError
    try:
        from jsonschema import Draft202012Validator
    finally:
        del sys.modules["rfc3987_syntax"]
    return Draft202012Validator


def _case_validator_class():
    """Draft 2020-12, except that an integer must be a Python int: JSON Schema counts 2.0 as an integer, but an
    offset of 2.0 cannot slice a string."""
    base = draft202012_validator()
    from jsonschema import validators
    whole_number = base.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(base, type_checker=whole_number)



ARTICLE_FILE = "article.txt"
YAML_STEMS = tuple(SCHEMA["properties"])                    # meta, sentences, actors, ...
LIST_STEMS = tuple(s for s in YAML_STEMS if SCHEMA["properties"][s]["type"] == "array")
_MAX_NODES = 200_000       # far more than any article needs; stops "billion laughs" alias bombs
# Size limits, checked before a file is read or parsed (a real case file is tens of kilobytes; parsing 100 MB of
# YAML takes minutes and gigabytes). `new-case` refuses articles that would make a sentences.yaml over the limit.
MAX_ARTICLE_BYTES = 1_000_000
MAX_YAML_BYTES = 5_000_000



@functools.lru_cache(maxsize=None)
def _validator():
    """The judge of the case schema (jsonschema: it words every problem), built on first need (~0.3 s import)."""
    return _case_validator_class()(SCHEMA)


@functools.lru_cache(maxsize=None)
def _fast_check():
    """The same schema compiled to Python by fastjsonschema (no jsonschema import, ~20x faster on a valid file),
    or None when it cannot be built. Used only to let a valid file through; jsonschema words the problems.
    widgets/_case_check.py holds it pre-compiled (tools/case_check.py): compiling it here costs 0.1 s and ~4 MiB
    in the kernel, so that is done only when the module is missing or was made from another version of the schema."""
    try:
        import hashlib

        import fastjsonschema
        try:
            from widgets import _case_check
            if _case_check.SCHEMA_SHA256 == hashlib.sha256(vocab_schema_path().read_bytes()).hexdigest():
                return _case_check.validate, fastjsonschema.JsonSchemaException
        except Exception:  # noqa: BLE001 - a missing or stale module: compile below
            pass
        return (fastjsonschema.compile(SCHEMA, detailed_exceptions=False, use_default=False),
                fastjsonschema.JsonSchemaException)
    except Exception:  # noqa: BLE001 - missing or unable to compile: jsonschema alone is correct, only slower
        return None


def vocab_schema_path():
    from widgets.vocab import SCHEMA_PATH
    return SCHEMA_PATH


def _has_float(value) -> bool:
    """Whether a float sits anywhere in `value` (JSON Schema, and fastjsonschema, count 2.0 as an integer; the
    case format does not, so such a document goes to jsonschema with the kit's stricter integer)."""
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def _schema_errors(document) -> list:
    fast = _fast_check()
    if fast is not None and not _has_float(document):
        check, invalid = fast
        try:
            check(document)
            return []
        except invalid:
            pass
    return sorted(_validator().iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "null"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: where (file, field path, line) and what."""
    file: str
    path: str = ""                  # e.g. "claims[3].verdict"; "" when the problem is the whole file
    line: Optional[int] = None      # 1-based, None when there is no line to point at
    message: str = ""

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CaseError(Exception):
    """A case folder that cannot be loaded. ``.problems`` lists every problem; the message prints them all."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def validate_case(path):
    """Every problem with the case folder at ``path``, as a list of Problem (empty when the case is valid)."""
    return _Checker(path).run()


def load_case(path):
    """The Case in folder ``path``; raises CaseError listing every problem when it is not valid."""
    checker = _Checker(path)
    problems = checker.run()
    if problems:
        raise CaseError(problems)
    return _build_case(checker.folder, checker.article, checker.docs)


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):    # libyaml, when present, is 10x faster
    """SafeLoader that keeps dates as the strings written, because the schema checks their form."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _path_text(path):
    """('claims', 3, 'verdict') -> 'claims[3].verdict'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _short(value, limit=60):
    """A value as a YAML writer would recognise it (null, true), cut to ``limit`` characters."""
    text = json.dumps(value) if value is None or isinstance(value, bool) else repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class _Checker:
    """Reads one case folder, collecting problems; keeps the parsed files that passed the schema in ``docs``."""

    def __init__(self, path):
        self.folder = Path(path)
        self.problems = []
        self.lines = {}         # stem -> {path tuple: line}
        self.docs = {}          # stem -> parsed content, only for files that passed the schema
        self.partial = {}       # stem -> (list, indexes of items that failed the schema) for list files
        self.article = None

    # -- reporting -------------------------------------------------------------------------------------------
    def report(self, stem, path, message, line=None):
        """Add a problem in file ``stem`` (a YAML stem or ARTICLE_FILE) at field ``path`` (a tuple)."""
        if line is None and path:
            lines = self.lines.get(stem, {})
            for n in range(len(path), 0, -1):      # the field's own line, else its nearest parent's
                if path[:n] in lines:
                    line = lines[path[:n]]
                    break
        name = stem if stem == ARTICLE_FILE else f"{stem}.yaml"
        self.problems.append(Problem(str(self.folder / name), _path_text(path), line, message))

    # -- reading ---------------------------------------------------------------------------------------------
    def run(self):
        if not self.folder.is_dir():
            what = "is not a folder" if self.folder.exists() else "no such case folder"
            self.problems.append(Problem(str(self.folder), "", None, what))
            return self.problems
        names = [ARTICLE_FILE, *(f"{stem}.yaml" for stem in YAML_STEMS)]
        if not any((self.folder / name).exists() for name in names):
            self.problems.append(Problem(str(self.folder), "", None,
                                         f"not a case folder: it has none of {', '.join(names)}"))
            return self.problems
        self.article = self.read_text(ARTICLE_FILE)
        for stem in YAML_STEMS:
            self.read_yaml(stem)
        self.check_ids()
        self.check_sentences()
        self.check_spans()
        self.check_references()
        self.check_timeline_order()
        order = [str(self.folder / name) for name in names]
        self.problems.sort(key=lambda p: (order.index(p.file) if p.file in order else -1, p.line or 0))
        return self.problems

    def read_text(self, name):
        """File content as text with '\\n' line ends, or None after reporting why it cannot be read.

        The size is checked before reading, and only regular files are read (a FIFO or a device would hang or
        never end)."""
        import stat as _stat
        stem = name[:-5] if name.endswith(".yaml") else name
        limit = MAX_YAML_BYTES if name.endswith(".yaml") else MAX_ARTICLE_BYTES
        path = self.folder / name
        try:
            info = path.stat()
            if not _stat.S_ISREG(info.st_mode):
                self.report(stem, (), "is not a regular file (a folder, a FIFO or a device); give a text file")
                return None
            if info.st_size > limit:
                self.report(stem, (), f"is too large: {info.st_size:,} bytes, the limit is {limit:,} bytes "
                                      "(a real case file is tens of kilobytes); nothing was parsed")
                return None
            with path.open("rb") as handle:
                raw = handle.read(limit + 1)
            if len(raw) > limit:
                self.report(stem, (), f"is too large: more than {limit:,} bytes")
                return None
        except FileNotFoundError:
            self.report(stem, (), "file is missing")
            return None
        except OSError as error:
            self.report(stem, (), f"cannot be read: {error.strerror}")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[:error.start].count(b"\n") + 1
            self.report(stem, (), f"is not UTF-8 text (byte 0x{raw[error.start]:02x} at line {line}); "
                                  "save it with UTF-8 encoding", line)
            return None
        return text.removeprefix("\ufeff").replace("\r\n", "\n")

    def read_yaml(self, stem):
        text = self.read_text(f"{stem}.yaml")
        if text is None:
            return
        loader = None
        try:
            loader = _YamlLoader(text)
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.reader.ReaderError as error:      # a character YAML does not allow, e.g. NUL
            self.report(stem, (), f"character U+{error.character:04X} is not allowed in YAML ({error.reason})",
                        text.count("\n", 0, error.position) + 1)
            return
        except RecursionError:
            self.report(stem, (), "is nested too deeply to read (no case file needs more than a few levels)")
            return
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            detail = "; ".join(str(x) for x in (getattr(error, "context", None), getattr(error, "problem", None)) if x)
            self.report(stem, (), f"malformed YAML: {detail or error}", mark.line + 1 if mark else None)
            return
        finally:
            if loader is not None:
                loader.dispose()
        lines = self.lines[stem] = {}
        self._max_nodes = max(_MAX_NODES, len(text) // 2)   # a real node takes at least two characters
        try:
            if node is not None and not self.index_lines(stem, node, (stem,), lines, set()):
                return
        except RecursionError:
            self.report(stem, (), "is nested too deeply to read (no case file needs more than a few levels)")
            return
        from widgets.fileio import json_depth_problem
        problem = json_depth_problem(data)     # after the alias check: an alias bomb is never walked
        if problem:
            self.report(stem, (), problem.removeprefix("it is ").replace("no file the kit writes is",
                                                                           "no case file needs that"))
            return
        if stem in LIST_STEMS:
            if data is None:                                    # an empty file is an empty list
                data = []
            elif isinstance(data, dict) and list(data) == [stem]:   # tolerate "claims:" wrapping the list
                data = data[stem]
                lines.update({(stem,) + p[2:]: n for p, n in list(lines.items()) if p[1:2] == (stem,)})
        errors = _schema_errors({stem: data})
        for error in errors:
            self.report_schema_error(stem, error)
        if not errors:
            self.docs[stem] = data
        elif isinstance(data, list) and all(len(e.absolute_path) > 1 for e in errors):
            self.partial[stem] = (data, {e.absolute_path[1] for e in errors})

    def items(self, stem):
        """(index, item) for every item of a list file that passed the schema, so one bad item hides no others."""
        if stem in self.docs:
            return list(enumerate(self.docs[stem]))
        data, bad = self.partial.get(stem, ((), ()))
        return [(index, item) for index, item in enumerate(data) if index not in bad]

    def index_lines(self, stem, node, path, lines, open_nodes):
        """Record the line of every node by its path; report duplicate keys (YAML would silently keep the last).

        Returns False, after reporting it, when an alias makes the content contain itself or grow too large.
        """
        if id(node) in open_nodes or len(lines) > getattr(self, "_max_nodes", _MAX_NODES):
            self.report(stem, (), "an alias (*name) makes the content contain itself or grow too large; "
                                  "write the values out instead", node.start_mark.line + 1)
            return False
        lines[path] = node.start_mark.line + 1
        open_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, value_node in node.value:
                key = getattr(key_node, "value", None)
                if not isinstance(key, str):
                    continue
                if not self.index_lines(stem, value_node, path + (key,), lines, open_nodes):
                    return False
                lines[path + (key,)] = key_node.start_mark.line + 1     # point at the key, not the value
                if key in seen:
                    self.report(stem, path + (key,), f"field {key!r} is given twice", key_node.start_mark.line + 1)
                seen.add(key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if not self.index_lines(stem, item, path + (index,), lines, open_nodes):
                    return False
        open_nodes.discard(id(node))
        return True

    def report_schema_error(self, stem, error):
        path = tuple(error.absolute_path)
        if error.validator in ("anyOf", "oneOf") and error.context:
            # a nullable vocabulary value: explain the vocabulary, not "is not null"
            error = next((e for e in error.context if e.validator != "type"), error.context[0])
        value, kind, expected = error.instance, error.validator, error.validator_value
        if kind == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            for extra in [k for k in value if k not in allowed]:
                close = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"allowed fields: {', '.join(allowed)}"
                self.report(stem, path + (extra,), f"unexpected field {extra!r}; {hint}")
            return
        if kind == "required":
            for name in [n for n in expected if n not in value]:
                self.report(stem, path + (name,), f"missing field {name!r}")
            return
        if kind == "enum":
            message = f"{_short(value)} is not one of {', '.join(map(str, expected))}"
            close = difflib.get_close_matches(value, expected, n=1) if isinstance(value, str) else []
            message += f"; did you mean {close[0]!r}?" if close else ""
        elif kind == "type":
            words = " or ".join(_TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected))
            message = f"{_short(value)} should be {words}"
        elif kind == "pattern":
            message = f"{_short(value)} is not in the expected form ({error.schema.get('description', expected)})"
        elif kind == "minLength":
            message = "should not be empty"
        elif kind == "minimum":
            message = f"{value} is below the minimum, {expected}"
        else:
            message = error.message
        self.report(stem, path, message)

    # -- checks across fields and files ------------------------------------------------------------------------
    def check_ids(self):
        for stem in LIST_STEMS:
            first_line = {}
            for index, item in self.items(stem):
                path = (stem, index, "id")
                if item["id"] in first_line:
                    self.report(stem, path, f"duplicate id {item['id']!r} (first used at line "
                                            f"{first_line[item['id']]})")
                else:
                    first_line[item["id"]] = self.lines[stem].get(path)

    def check_sentences(self):
        sentences, article = self.docs.get("sentences"), self.article
        if sentences is None:
            return
        keyed = any(s["label"] is not None for s in sentences)
        for index, sentence in enumerate(sentences):
            for name in ("label", "sourcing", "rationale") if keyed else ():
                if sentence[name] is None:
                    self.report("sentences", ("sentences", index, name),
                                "is empty, but this case has an answer key: every sentence needs a label, "
                                "sourcing and rationale")
            numbered = re.fullmatch(r"p(\d+)s\d+", sentence["id"])
            if numbered and int(numbered[1]) != sentence["paragraph"]:
                self.report("sentences", ("sentences", index, "paragraph"),
                            f"is {sentence['paragraph']} but id {sentence['id']!r} says paragraph {numbered[1]}")
        if article is None:
            return
        body = len(article) - len(article.lstrip())
        breaks = [m.end() for m in re.finditer(r"\n\s*\n", article) if m.start() >= body]
        spans, covered = [], 0                  # covered: article offset just after the previous sentence
        for index, sentence in enumerate(sentences):
            path, text = ("sentences", index, "text"), sentence["text"]
            at = article.find(text, covered)
            if at < 0:
                earlier = article.find(text)
                self.report("sentences", path, "appears in article.txt before the sentence above it; sentences "
                                               "must be in article order" if earlier >= 0
                            else f"not found in article.txt: {_first_difference(text, article)}")
                continue
            spans.append((at, at + len(text)))
            covered = at + len(text)
            paragraph = bisect.bisect_right(breaks, at)
            if paragraph != bisect.bisect_right(breaks, covered - 1):
                self.report("sentences", path, "runs across a paragraph break (a blank line) in article.txt")
            elif paragraph != sentence["paragraph"]:
                self.report("sentences", ("sentences", index, "paragraph"),
                            f"is {sentence['paragraph']} but the text is in paragraph {paragraph} of article.txt "
                            "(0 = headline, then blocks separated by blank lines)")
        if len(spans) == len(sentences):       # every sentence found: is any article text left out?
            ends = [0] + [end for _, end in spans]
            for (start, _), previous_end in zip(spans + [(len(article), None)], ends):
                self.report_gap(article, previous_end, start)

    def report_gap(self, article, start, end):
        """Report article text between two sentences that no sentence covers."""
        gap = article[start:end]
        if gap.strip():
            offset = start + len(gap) - len(gap.lstrip())
            self.report(ARTICLE_FILE, (), f"this text is in no sentence of sentences.yaml: {_short(gap.strip())}",
                        article.count("\n", 0, offset) + 1)

    def check_spans(self):
        if "sentences" not in self.docs:
            return
        texts = {s["id"]: s["text"] for s in self.docs["sentences"]}
        for index, actor in self.items("actors"):
            for number, mention in enumerate(actor["mentions"]):
                self.check_span("actors", ("actors", index, "mentions", number), mention, texts)
        for stem in ("claims", "framing"):
            for index, item in self.items(stem):
                self.check_span(stem, (stem, index), item, texts)
        self.check_mention_overlaps()

    def check_mention_overlaps(self):
        """Actor mentions in one sentence must not overlap: the ActorTagger marks each word for one actor only, so a
        student could never enter a nested key mention ("his" inside "his foreign minister")."""
        seen = {}                                   # sentence id -> [(start, end, actor id)]
        for index, actor in self.items("actors"):
            for number, mention in enumerate(actor["mentions"]):
                start, end = mention["start"], mention["end"]
                for other_start, other_end, other in seen.get(mention["sentence"], ()):
                    if start < other_end and other_start < end:
                        self.report("actors", ("actors", index, "mentions", number),
                                    f"{_short(mention['text'])} overlaps a mention of {other!r} in sentence "
                                    f"{mention['sentence']!r}; a student can mark each word for one actor only")
                seen.setdefault(mention["sentence"], []).append((start, end, actor["id"]))

    def check_span(self, stem, path, span, texts):
        sentence_id, start, end, text = span["sentence"], span["start"], span["end"], span["text"]
        if sentence_id not in texts:
            self.report(stem, path + ("sentence",), f"no sentence with id {sentence_id!r} in sentences.yaml")
            return
        sentence = texts[sentence_id]
        if start >= end:
            self.report(stem, path + ("end",), f"end ({end}) must be greater than start ({start})")
        elif end > len(sentence):
            self.report(stem, path + ("end",), f"{end} is past the end of sentence {sentence_id!r} "
                                               f"({len(sentence)} characters)")
        elif sentence[start:end] != text:
            found = sentence.find(text)
            hint = (f"; that text is at start {found}, end {found + len(text)}" if found >= 0
                    else "; that text is not in the sentence")
            self.report(stem, path + ("text",), f"{_short(text)} does not match sentence {sentence_id!r} "
                                                f"[{start}:{end}], which is {_short(sentence[start:end])}{hint}")

    def check_references(self):
        if "sources" in self.docs:
            known = {s["id"] for s in self.docs["sources"]}
            for index, claim in self.items("claims"):
                self.check_source_ids("claims", ("claims", index, "evidence"), claim["evidence"], known)
            for index, event in self.items("timeline"):
                self.check_source_ids("timeline", ("timeline", index, "sources"), event["sources"], known)
        for index, source in self.items("sources"):
            self.check_source_file(index, source)
        keyed = any(s["label"] is not None for s in self.docs.get("sentences") or ())
        for index, claim in self.items("claims"):
            if keyed and not claim.get("basis"):
                self.report("claims", ("claims", index), "has no 'basis', but this case has an answer key: say what the "
                                                         "verdict rests on (primary-record, original-report or "
                                                         "several-outlets)")
            if not claim["evidence"]:
                self.report("claims", ("claims", index, "evidence"),
                            f"verdict {claim['verdict']!r} cites no evidence: list at least one source id")

    def check_source_ids(self, stem, path, ids, known):
        for number, source_id in enumerate(ids):
            if source_id not in known:
                self.report(stem, path + (number,), f"no source with id {source_id!r} in sources.yaml")

    def check_source_file(self, index, source):
        path, name = ("sources", index, "file"), source.get("file")
        if not source["public_domain"]:
            return
        if not name:
            self.report("sources", (path if "file" in source else path[:2]),
                        "a public-domain source needs 'file': the path of its copy inside the case folder")
            return
        try:
            file = (self.folder / name).resolve()
        except (OSError, ValueError) as error:
            self.report("sources", path, f"{name!r} is not a usable path: {error}")
            return
        if not file.is_relative_to(self.folder.resolve()):
            self.report("sources", path, f"{name!r} is outside the case folder; keep the copy inside it")
        elif not file.is_file():
            self.report("sources", path, f"{name!r} is missing from the case folder")

    def check_timeline_order(self):
        previous = ""
        for index, event in self.items("timeline"):
            if event["date"] < previous:
                self.report("timeline", ("timeline", index, "date"),
                            f"{event['date']} comes before {previous}: keep the timeline in date order")
            previous = max(previous, event["date"])


def _first_difference(text, article):
    """Say where a sentence stops matching the article (often a straight quote where the article has a curly one)."""
    low, high = 0, len(text)                   # longest prefix of text that occurs in the article
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if text[:middle] in article else (low, middle - 1)
    if low == 0:
        return "no part of it is there"
    at = article.find(text[:low]) + low
    return (f"it matches up to {_short(text[max(0, low - 20):low])}, then the sentence has "
            f"{_short(text[low:low + 12])} where the article has {_short(article[at:at + 12])}")


def _build_case(folder, article, docs):
    meta = docs["meta"]
    sentences = tuple(
        Sentence(id=s["id"], paragraph=s["paragraph"], text=s["text"], label=s["label"], sourcing=s["sourcing"],
                 rationale=s["rationale"], alternatives=tuple(Alternative(label=a.get("label"), why=a["why"], sourcing=a.get("sourcing"))
                                               for a in s.get("alternatives", ())))
        for s in docs["sentences"])
    actors = tuple(
        Actor(id=a["id"], name=a["name"], kind=a["kind"], aliases=tuple(a.get("aliases", ())), role=a["role"],
              implied=a.get("implied", False),
              mentions=tuple(Mention(m["sentence"], m["start"], m["end"], m["text"], m.get("voice"))
                             for m in a["mentions"]))
        for a in docs["actors"])
    claims = tuple(
        Claim(id=c["id"], sentence_id=c["sentence"], start=c["start"], end=c["end"], text=c["text"],
              sourcing=c["sourcing"], verdict=c["verdict"], note=c["note"], evidence=tuple(c["evidence"]),
              basis=c.get("basis"),
              alternatives=tuple(VerdictAlternative(a["verdict"], a["why"]) for a in c.get("alternatives", ())))
        for c in docs["claims"])
    framing = tuple(
        Framing(id=f["id"], sentence_id=f["sentence"], start=f["start"], end=f["end"], text=f["text"],
                device=f["device"], explanation=f["explanation"])
        for f in docs["framing"])
    sources = tuple(
        Source(id=s["id"], title=s["title"], publisher=s["publisher"], date=s["date"], url=s["url"],
               public_domain=s["public_domain"], file=s.get("file"), kind=s.get("kind", "original"),
               archive_url=s.get("archive_url"), verified=s.get("verified", True))
        for s in docs["sources"])
    timeline = tuple(TimelineEvent(id=t["id"], date=t["date"], event=t["event"], sources=tuple(t["sources"]))
                     for t in docs["timeline"])
    return Case(id=meta["id"], title=meta["title"], meta=meta, article=article, sentences=sentences, actors=actors,
                claims=claims, framing=framing, sources=sources, timeline=timeline, path=folder)
