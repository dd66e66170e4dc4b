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
    from widgets.loading import load_case

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
    from widgets.evidence import source_text

    line = f"**{source.id}**: {source_text(source)}"
    if source.public_domain and source.file:
        line += f" Public domain; text in `{source.file}` in the case folder."
    return line


def _alternative_name(alternative):
    """'mixed', 'sourcing none', or both, for an also-defensible answer."""
    return ", ".join(part for part in (alternative.label, alternative.sourcing and f"sourcing {alternative.sourcing}")
                     if part)


def render(case) -> str:
    from widgets import vocab
    from widgets.evidence import basis_text, kit_notice_text

    meta = case.meta
    folder = case.path.relative_to(KIT) if case.path and case.path.is_relative_to(KIT) else case.path
    out = [f"# Answer key: {_para(case.title)}", "",
           f"<!-- Generated from {folder} by `python tools/answer_key.py`. Do not edit by hand: edit the case "
           "files and run the script again. -->", "",
           "This key is a reasoned reading of the article, not the only possible one. Every label comes with its "
           "reasons and, where a careful reader could defend another label, with that label and why. Use it to ask "
           "students for *their* reasons; a student who argues well for an alternative the key lists has read "
           "well. The key rates how each sentence is built and sourced, never whether its politics are right.", "",
           "To print it: in JupyterLab, right-click this file and choose *Open With > Markdown Preview*, then print "
           "from the browser (or print the page as shown on the project's code-hosting site).", ""]
    if kit_notice_text(case):
        out += [f"**{kit_notice_text(case)}**", ""]

    out += ["## The article", ""]
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
    out += [f"- **{name}:** {_para(value)}" for name, value in facts if value] + [""]

    out += ["## Contents", "", "1. [Sentences: fact, opinion or mixed](#1-sentences-fact-opinion-or-mixed)",
            "2. [Claims and verdicts](#2-claims-and-verdicts)", "3. [Framing devices](#3-framing-devices)",
            "4. [Actors](#4-actors)", "5. [Timeline](#5-timeline)", "6. [Sources](#6-sources)", ""]

    # 1. sentences
    labels = Counter(s.label for s in case.sentences)
    sourcing = Counter(s.sourcing for s in case.sentences)
    out += ["## 1. Sentences: fact, opinion or mixed", "",
            f"{len(case.sentences)} sentences. Labels: "
            + ", ".join(f"{labels[v]} {v}" for v in vocab.LABELS if labels[v]) + ". Sourcing: "
            + ", ".join(f"{sourcing[v]} {v}" for v in vocab.SOURCING if sourcing[v]) + ".", "",
            "What the words mean:", ""]
    out += [f"- **{v}**: {_para(vocab.LABEL_DESCRIPTIONS[v])}" for v in vocab.LABELS]
    out += [f"- sourcing **{v}**: {_para(vocab.SOURCING_DESCRIPTIONS[v])}" for v in vocab.SOURCING] + [""]
    out += ["| id | where | label | sourcing | also defensible |", "|---|---|---|---|---|"]
    for s in case.sentences:
        others = ", ".join(_alternative_name(a) for a in s.alternatives) or "–"
        out.append(f"| [{s.id}](#sentence-{s.id}) | {_where(s)} | {s.label} | {s.sourcing} | {others} |")
    out.append("")
    for s in case.sentences:
        out += [f"### Sentence {s.id}", "", f"<a id=\"sentence-{s.id}\"></a>{_where(s)}.", "",
                f"> {_para(s.text)}", "",
                f"**Label: {s.label}.** **Sourcing: {s.sourcing}.** {_para(s.rationale)}", ""]
        for alternative in s.alternatives:
            out += [f"*Also defensible: {_alternative_name(alternative)}.* {_para(alternative.why)}", ""]
        claims = case.claims_in(s.id)
        if claims:
            out += ["Claims in this sentence: " + ", ".join(f"[{c.id}](#claim-{c.id}) ({c.verdict})"
                                                            for c in claims) + ".", ""]

    # 2. claims
    verdicts = Counter(c.verdict for c in case.claims)
    out += ["## 2. Claims and verdicts", "",
            f"{len(case.claims)} claims, judged against the record. Verdicts: "
            + ", ".join(f"{verdicts[v]} {v}" for v in vocab.VERDICTS if verdicts[v]) + ".", ""]
    out += [f"- **{v}**: {_para(vocab.VERDICT_DESCRIPTIONS[v])}" for v in vocab.VERDICTS] + [""]
    out += ["What a verdict rests on (its basis):", ""]
    out += [f"- **{v}**: {_para(vocab.BASIS_DESCRIPTIONS[v])}" for v in vocab.BASES] + [""]
    sources = {source.id: source for source in case.sources}
    for c in case.claims:
        out += [f"### Claim {c.id}: {c.verdict}", "", f"<a id=\"claim-{c.id}\"></a>In sentence "
                f"[{c.sentence_id}](#sentence-{c.sentence_id}); sourcing: {c.sourcing}.", "",
                f"> {_para(c.text)}", "", _para(c.note), ""]
        if c.basis:
            out += [f"*{basis_text(c)}.*", ""]
        for alternative in c.alternatives:
            out += [f"*Also defensible: {alternative.verdict}.* {_para(alternative.why)}", ""]
        if c.evidence:
            out += ["Evidence:", ""]
            for source_id in c.evidence:
                source = sources.get(source_id)
                out.append(f"- {_source_line(source)}" if source else f"- {source_id}")
            out.append("")

    # 3. framing
    devices = Counter(f.device for f in case.framing)
    out += ["## 3. Framing devices", "",
            f"{len(case.framing)} word choices and gaps that steer the reader: "
            + ", ".join(f"{devices[v]} {v}" for v in vocab.DEVICES if devices[v]) + ".", "",
            "| id | sentence | words | device | what it does |", "|---|---|---|---|---|"]
    for f in case.framing:
        out.append(f"| {f.id} | [{f.sentence_id}](#sentence-{f.sentence_id}) | {_cell(f.text)} | {f.device} | "
                   f"{_cell(f.explanation)} |")
    out += ["", "Device names:", ""]
    out += [f"- **{v}**: {_para(vocab.DEVICE_DESCRIPTIONS[v])}" for v in vocab.DEVICES] + [""]

    # 4. actors
    out += ["## 4. Actors", "", "Who is named or implied, how often, and who gets a voice (quoted or paraphrased) "
            "rather than only being talked about.", "",
            "| actor | kind | named? | mentions | voice | role |", "|---|---|---|---|---|---|"]
    for a in case.actors:
        voices = Counter(m.voice for m in a.mentions if m.voice)
        voice = ", ".join(f"{n} {v}" for v, n in sorted(voices.items())) or "none"
        named = "implied only" if a.implied else "named"
        out.append(f"| {_cell(a.name)} | {a.kind} | {named} | {len(a.mentions)} | {voice} | {_cell(a.role)} |")
    out.append("")

    # 5. timeline
    out += ["## 5. Timeline", "", "| date | event | sources |", "|---|---|---|"]
    for event in case.timeline:
        out.append(f"| {event.date} | {_cell(event.event)} | {', '.join(event.sources)} |")
    out.append("")

    # 6. sources
    out += ["## 6. Sources", ""] + [f"- {_source_line(source)}" for source in case.sources] + [""]
    return "\n".join(out)


def main(argv=None) -> int:
    from widgets.loading import load_case

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

