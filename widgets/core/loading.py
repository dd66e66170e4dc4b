"""Load and validate a case folder (see the case format in CONTRIBUTING.md and schemas/case.schema.json).

``validate_case(path)`` returns a list of ``Problem``; ``load_case(path)`` returns a ``Case`` or raises ``CaseError``
carrying the same problems. Bad input never raises anything else: every problem names the file, the field path and,
where there is one, the line, e.g. ``seeds/x/claims.yaml:42: claims[3].verdict: 'wrong' is not one of ...``.

The work is shared out by concern: ``widgets.core.schemas.yamlfile`` reads each file (size, encoding, YAML, the line of
every field), ``widgets.core.schemas`` judges it against the case schema and ``widgets.core.schemas.wording`` words the
problems, ``widgets.core.case_rules`` checks the rules across fields and files, ``widgets.core.case_format`` builds the Case.
"""
from pathlib import Path

from widgets.core import case_rules, schemas
from widgets.core.case_format import (ARTICLE_FILE, LIST_STEMS, MAX_ARTICLE_BYTES, MAX_YAML_BYTES,  # noqa: F401
                                 OPTIONAL_STEMS, YAML_STEMS, build_case)
from widgets.core.schemas.wording import Problem, line_of
from widgets.core.schemas.yamlfile import parse_yaml, read_text

__all__ = ["CaseError", "Problem", "load_case", "validate_case"]


class CaseError(Exception):
    """A case folder that cannot be loaded. ``.problems`` lists every problem; the message prints them all."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def validate_case(path):
    """Every problem with the case folder at ``path``, as a list of Problem (empty when the case is valid)."""
    return CaseChecker(path).run()


def load_case(path):
    """The Case in folder ``path``; raises CaseError listing every problem when it is not valid."""
    checker = CaseChecker(path)
    problems = checker.run()
    if problems:
        raise CaseError(problems)
    return build_case(checker.folder, checker.article, checker.docs)


class CaseChecker:
    """Reads one case folder, collecting problems; keeps the parsed files that passed the schema in ``docs``."""

    def __init__(self, path):
        self.folder = Path(path)
        self.problems = []
        self.lines = {}         # stem -> {path tuple: line}
        self.docs = {}          # stem -> parsed content, only for files that passed the schema
        self.partial = {}       # stem -> (list, indexes of items that failed the schema) for list files
        self.article = None

    def report(self, stem, path, message, line=None):
        """Add a problem in file ``stem`` (a YAML stem or ARTICLE_FILE) at field ``path`` (a tuple)."""
        if line is None and path:
            line = line_of(path, self.lines.get(stem, {}))     # the field's own line, else its nearest parent's
        name = stem if stem == ARTICLE_FILE else f"{stem}.yaml"
        self.problems.append(Problem.at(self.folder / name, path, message, line=line))

    def run(self):
        if not self.folder.is_dir():
            what = "is not a folder" if self.folder.exists() else "no such case folder"
            self.problems.append(Problem(str(self.folder), "", None, what))
            return self.problems
        names = [ARTICLE_FILE, *(f"{stem}.yaml" for stem in YAML_STEMS if stem not in OPTIONAL_STEMS)]
        if not any((self.folder / name).exists() for name in names):
            self.problems.append(Problem(str(self.folder), "", None,
                                         f"not a case folder: it has none of {', '.join(names)}"))
            return self.problems
        self.article = self.read_text(ARTICLE_FILE)
        for stem in YAML_STEMS:
            if stem in OPTIONAL_STEMS and not (self.folder / f"{stem}.yaml").exists():
                self.docs[stem] = {}
                continue
            self.read_yaml(stem)
        case_rules.check_all(self)
        order = [str(self.folder / name) for name in names + [f"{stem}.yaml" for stem in OPTIONAL_STEMS]]
        self.problems.sort(key=lambda p: (order.index(p.file) if p.file in order else -1, p.line or 0))
        return self.problems

    def read_text(self, name):
        """File content as text with '\\n' line ends, or None after reporting why it cannot be read."""
        stem = name[:-5] if name.endswith(".yaml") else name
        limit = MAX_YAML_BYTES if name.endswith(".yaml") else MAX_ARTICLE_BYTES
        text, problem = read_text(self.folder / name, limit)
        if problem:
            self.report(stem, (), *problem)
        return text

    def read_yaml(self, stem):
        text = self.read_text(f"{stem}.yaml")
        if text is None:
            return
        parsed = parse_yaml(text, (stem,))
        lines = self.lines[stem] = parsed.lines
        for path, message, line in parsed.problems:
            self.report(stem, path, message, line)
        if not parsed.ok:
            return
        data = parsed.data
        if stem in LIST_STEMS:
            if data is None:                                    # an empty file is an empty list
                data = []
            elif isinstance(data, dict) and list(data) == [stem]:   # tolerate "claims:" wrapping the list
                data = data[stem]
                lines.update({(stem,) + p[2:]: n for p, n in list(lines.items()) if p[1:2] == (stem,)})
        elif stem in OPTIONAL_STEMS and data is None:          # an empty optional file holds nothing
            data = {}
        errors = schemas.schema_errors(schemas.CASE, {stem: data})
        for error in errors:
            for path, message in schemas.reword(error):
                self.report(stem, path, message)
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
