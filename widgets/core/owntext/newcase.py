"""Write a case folder from an article, ready for an instructor to fill in a key.

    python -m widgets new-case ARTICLE.txt --out seeds/my-case/ [--title ...] [--url ...] [--id ...]

The folder holds article.txt (the article laid out in the case format), meta.yaml (with what is known), a
sentences.yaml listing every sentence with empty (null) key fields and comments saying what to fill in, and empty
actors, claims, framing, sources and timeline files. ``python -m widgets validate`` accepts it as a keyless case as
written. The folder is written to a temporary folder beside the target, validated, then renamed into place, so a
failure never leaves half a case behind; an existing folder (unless empty) is never overwritten.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from widgets.core import schemas, vocab
from widgets.core.loading import MAX_ARTICLE_BYTES, validate_case
from widgets.core.owntext.from_text import TextError, case_from_text


# The longest article new-case takes: its sentences.yaml (text plus comments per sentence) stays well within
# widgets.core.loading.MAX_YAML_BYTES, and validating it takes seconds, not minutes.
MAX_NEW_CASE_BYTES = 200_000

# What each empty list file is for, and the fields an entry needs (from the schema: one place of truth).
_LIST_HELP = {
    "actors": "every person, government, institution, media outlet and group the article names or implies",
    "claims": "each checkable claim as a span of a sentence, with its verdict and evidence (source ids)",
    "framing": "word choices and gaps that steer the reader, as spans of sentences",
    "sources": "every source the key cites (claims and timeline events refer to them by id)",
    "timeline": "dated events behind the story, in date order",
}


def write_case_folder(case, out):
    """Write ``case`` (a Case from ``case_from_text``) as a case folder at ``out``; return the folder's Path.

    Refuses (TextError) when ``out`` exists and is not an empty folder, or when the written folder would not
    validate.
    """
    out = Path(out)
    if out.exists() and not (out.is_dir() and not any(out.iterdir())):
        raise TextError(f"{out} already exists: choose another --out folder, or move that one away first. "
                        "Nothing was written.")
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    try:
        _write_files(case, staging, out)
        problems = validate_case(staging)
        if problems:     # named as the folder the user asked for: the staging folder is about to be removed
            raise TextError("The case folder would not validate, so nothing was written:\n"
                            + "\n".join(str(p).replace(str(staging), str(out)) for p in problems))
        if out.exists():
            out.rmdir()  # an empty folder made beforehand
        os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return out


def _write_files(case, folder, shown_as):
    check = f"# Check after editing: python -m widgets validate {shown_as}\n"
    (folder / "article.txt").write_text(case.article + "\n", encoding="utf-8")
    (folder / "meta.yaml").write_text(_meta_yaml(case, check), encoding="utf-8")
    (folder / "sentences.yaml").write_text(_sentences_yaml(case, check), encoding="utf-8")
    for stem, purpose in _LIST_HELP.items():
        properties = vocab.SCHEMA["properties"][stem]["items"]
        required = ", ".join(properties["required"])
        (folder / f"{stem}.yaml").write_text(
            f"# {stem}.yaml: {purpose}. Empty for now: a list of entries, each with {required}.\n"
            f"# Field guide: seeds/README.md; every field is described in widgets/core/schemas/case.schema.json.\n"
            f"# To add entries, replace [] with a YAML list (see seeds/biden-china-2022/{stem}.yaml for examples).\n"
            f"{check}\n[]\n", encoding="utf-8")


def _load_yaml(text):
    """yaml.safe_load with libyaml when present (10 times faster on a long article's sentences.yaml)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _dump(value):
    """One YAML value on one line, round-trip exact (quoted and escaped when needed)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=float("inf"),
                          default_style=None)
    if text.endswith("\n...\n"):
        text = text[:-5]
    return text.rstrip("\n")


def _meta_yaml(case, check):
    meta = case.meta
    lines = [
        "# meta.yaml: where the article comes from. Fill in what you know; null means unknown.",
        "# Field guide: seeds/README.md; schema: widgets/core/schemas/case.schema.json.",
        check.rstrip("\n"),
        "",
        f"id: {_dump(case.id)}      # saved work is keyed by this: do not change it once students have started",
        f"title: {_dump(case.title)}",
        "outlet: null        # who published the article",
        f"url: {_dump(meta.get('url'))}",
        "published: null     # or: {earliest: 'YYYY-MM-DD', latest: 'YYYY-MM-DD', note: how you worked it out}",
        "byline: null        # the author as printed",
        "relays: null        # the story this article re-reports, if any (outlet, author, title, date, url, note)",
        "language: null      # e.g. en",
        "licence: null       # under what terms the article text is kept here",
        f"notes: {_dump(meta.get('notes'))}",
        "",
    ]
    text = "\n".join(lines)
    loaded = _load_yaml(text)
    if (loaded["id"], loaded["title"], loaded["url"]) != (case.id, case.title, meta.get("url")):
        raise TextError("The title or url could not be written to YAML exactly; please report this article.")
    return text


def _sentences_yaml(case, check):
    labels = " / ".join(vocab.LABELS)
    sourcing = " / ".join(vocab.SOURCING)
    header = [
        "# sentences.yaml: every sentence of article.txt, in order, headline first.",
        "# Written by `python -m widgets new-case`: the key fields are empty (null), so this is a keyless case.",
        "# To build a key, fill in for EVERY sentence (the validator asks for all of them once one is filled in):",
        f"#   label:     {labels}",
        f"#   sourcing:  {sourcing}",
        "#   rationale: why, in plain words for a student",
        "#   alternatives: other labels a careful reader could defend, each as {label: ..., why: ...}",
        "# Do not edit `text`: it must stay exactly as in article.txt. If the split is wrong, join or split the",
        "# entries (keep ids p<paragraph>s<number>, in order) and check with the validator.",
        check.rstrip("\n"),
        "",
    ]
    body = []
    for sentence in case.sentences:
        body += [
            f"- id: {sentence.id}",
            f"  paragraph: {sentence.paragraph}",
            f"  text: {_dump(sentence.text)}",
            f"  label: null       # {labels}",
            f"  sourcing: null    # {sourcing}",
            "  rationale: null   # why, for a student",
            "  alternatives: []",
            "",
        ]
    text = "\n".join(header + body)
    loaded = _load_yaml(text)
    if [s["text"] for s in loaded] != [s.text for s in case.sentences]:
        raise TextError("A sentence could not be written to YAML exactly; please report this article.")
    return text


def new_case(article_path, out, title=None, url=None, case_id=None):
    """Read an article file (plain text or Markdown, UTF-8; "-" for standard input) and write a case folder."""
    # Checked before anything is parsed: a case is one article, and the case files must stay within the validator's
    # limits. A long feature is about 100 KB; this leaves room for any article.
    limit = min(MAX_ARTICLE_BYTES, MAX_NEW_CASE_BYTES)
    too_large = (f"The article is larger than {limit:,} bytes: a case holds one article (a long one is about "
                 "100,000 bytes). Shorten it to the part you will teach. Nothing was written.")
    if str(article_path) == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        path = Path(article_path)
        if not path.is_file():
            raise TextError(f"No article file {path}" + (" (that is a folder)" if path.is_dir() else "") + ".")
        if path.stat().st_size > limit:
            raise TextError(too_large)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    if len(data) > limit:
        raise TextError(too_large)
    out = Path(out)
    if case_id is None and schemas.pattern("slug").fullmatch(out.name):
        case_id = out.name  # a case's id is usually its folder name
    case = case_from_text(data, title=title, url=url, case_id=case_id)
    if not case.sentences or case.sentences[0].id != "h":
        raise TextError("No headline found: the first line is long or ends like a sentence. Give the headline "
                        "with --title \"...\" (it becomes the first line of article.txt).")
    write_case_folder(case, out)
    return case, out


# -- command line (registered in widgets/__main__.py) -------------------------------------------------------------
def add_new_case(subparsers):
    parser = subparsers.add_parser(
        "new-case", help="write a case folder from an article (plain text or Markdown)",
        description="Write a case folder from an article file, with every sentence listed and the key left empty "
                    "for you to fill in. Refuses to overwrite an existing folder. Exit 0 on success, 1 when the "
                    "article cannot be used.")
    parser.add_argument("article", metavar="ARTICLE", help="the article file (UTF-8 text or Markdown), or - for "
                                                           "standard input")
    parser.add_argument("--out", required=True, metavar="FOLDER", help="the new case folder, e.g. seeds/my-case/")
    parser.add_argument("--title", help="the headline, if the article's first line is not the headline")
    parser.add_argument("--url", help="where the article was published")
    parser.add_argument("--id", dest="case_id", help="case id (default: the folder name)")
    parser.set_defaults(run=run_new_case)


def run_new_case(args):
    try:
        case, out = new_case(args.article, args.out, title=args.title, url=args.url, case_id=args.case_id)
    except TextError as error:
        print(f"new-case: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"new-case: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    paragraphs = max(s.paragraph for s in case.sentences)
    print(f"Wrote {out}/ : {len(case.sentences)} sentences in {paragraphs} paragraphs, headline "
          f"{case.title!r}, id {case.id!r}.")
    print(f"Next: fill in meta.yaml and the key in sentences.yaml (label, sourcing, rationale), "
          f"then run: python -m widgets validate {out}")
    return 0
