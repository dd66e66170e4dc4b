"""Render a case's answer key as Markdown for reading and printing: lessons/instructor/answer_key.md.

The key is data (seeds/<case>/*.yaml); this script only lays it out, so the printed key can never say something the
widgets do not. tests/unit/test_classroom_answer_key.py fails when the committed file drifts from the seed data.

    python tools/answer_key.py                       # rewrite the key of every keyed case in seeds/
    python tools/answer_key.py --check               # exit 1 when any of them is out of date
    python tools/answer_key.py seeds/other --out key.md

The seed case's key is lessons/instructor/answer_key.md; every other keyed case's is
lessons/instructor/answer_key_<case id>.md.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

SEEDS = KIT / "seeds"
DEFAULT_CASE = SEEDS / "biden-china-2022"
DEFAULT_OUT = KIT / "lessons" / "instructor" / "answer_key.md"


def out_path(case) -> Path:
    """Where a case's printable key lives: answer_key.md for the seed case, answer_key_<id>.md for the others."""
    return DEFAULT_OUT if case.id == DEFAULT_CASE.name else DEFAULT_OUT.with_name(f"answer_key_{case.id}.md")


def keyed_cases() -> list:
    """Every case under seeds/ that has an answer key, seed case first."""
    from widgets.core.loading import load_case

    cases = [load_case(meta.parent) for meta in sorted(SEEDS.glob("*/meta.yaml"))]
    cases = [case for case in cases if case.has_key]
    return sorted(cases, key=lambda case: (case.id != DEFAULT_CASE.name, case.id))


def _cell(text) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str("" if text is None else text).split()).replace("|", "\\|")


def _para(text) -> str:
    return " ".join(str("" if text is None else text).split())


def _where(sentence) -> str:
    return "Headline" if sentence.paragraph == 0 else f"Paragraph {sentence.paragraph}"


def _source_line(source) -> str:
    from widgets.core.evidence import source_text

    line = f"**{source.id}**: {source_text(source)}"
    if source.public_domain and source.file:
        line += f" Public domain; text in `{source.file}` in the case folder."
    return line


def _alternative_name(alternative):
    """'mixed', 'sourcing none', or both, for an also-defensible answer."""
    return ", ".join(part for part in (alternative.label, alternative.sourcing and f"sourcing {alternative.sourcing}")
                     if part)


def _counts(records, attribute, order) -> str:
    """'3 fact, 2 mixed': how many records have each value of `attribute`, in vocabulary order, zeros left out."""
    counts = Counter(getattr(record, attribute) for record in records)
    return ", ".join(f"{counts[v]} {v}" for v in order if counts[v])


def _alternatives(sentence) -> str:
    return ", ".join(_alternative_name(a) for a in sentence.alternatives) or "–"


def _voices(actor) -> str:
    voices = Counter(m.voice for m in actor.mentions if m.voice)
    return ", ".join(f"{n} {v}" for v, n in sorted(voices.items())) or "none"


def _facts(meta) -> list:
    """(name, value) lines about where the article comes from, those with a value only."""
    facts = [("Outlet", meta.get("outlet")), ("Address", meta.get("url")), ("Byline", meta.get("byline") or "none")]
    published = meta.get("published") or {}
    if published.get("earliest") or published.get("latest"):
        facts.append(("Published", f"between {published.get('earliest')} and {published.get('latest')}. "
                                   f"{_para(published.get('note'))}"))
    relays = meta.get("relays") or {}
    if relays:
        facts.append(("Re-reports", f"{relays.get('outlet')}, {relays.get('author')}, "
                                    f"\u201c{relays.get('title')}\u201d ({relays.get('date')}). "
                                    f"{_para(relays.get('note'))}"))
    if published.get("note") and not (published.get("earliest") or published.get("latest")):
        facts.append(("Published", published.get("note")))
    return [(name, value) for name, value in facts if value]


def render(case) -> str:
    """The case's key as Markdown (widgets/core/render/templates/answer_key.md.j2)."""
    from widgets.core import vocab
    from widgets.core.evidence import basis_text, kit_notice_text
    from widgets.core.render import render as render_template

    folder = case.path.relative_to(KIT) if case.path and case.path.is_relative_to(KIT) else case.path
    return str(render_template(
        "answer_key.md.j2", case=case, folder=folder, notice=kit_notice_text(case), facts=_facts(case.meta),
        vocab=vocab, sources={source.id: source for source in case.sources}, basis_text=basis_text,
        para=_para, cell=_cell, where=_where, alternative=_alternative_name, source_line=_source_line,
        counts=_counts, voices=_voices, alternatives=_alternatives))


def main(argv=None) -> int:
    from widgets.core.loading import load_case

    parser = argparse.ArgumentParser(description="Render a case's answer key as Markdown.")
    parser.add_argument("case", nargs="?", type=Path, help="case folder (default: every keyed case in seeds/)")
    parser.add_argument("--out", type=Path, help="Markdown file to write (only with a case)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a key differs from the case data")
    args = parser.parse_args(argv)
    if args.out is not None and args.case is None:
        parser.error("--out needs a case folder")
    if args.case is None:
        jobs = [(case, out_path(case)) for case in keyed_cases()]
    else:
        case = load_case(args.case)
        jobs = [(case, args.out or out_path(case))]
    status = 0
    for case, out in jobs:
        text = render(case)
        if args.check:
            current = out.read_text(encoding="utf-8") if out.is_file() else None
            if current != text:
                print(f"{out} is out of date: run python tools/answer_key.py")
                status = 1
            continue
        out.write_text(text, encoding="utf-8")
        print(f"Wrote {out}")
    return status


if __name__ == "__main__":
    sys.exit(main())

