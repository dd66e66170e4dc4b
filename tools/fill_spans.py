"""Fill in the character offsets of every span in a case folder, so nobody counts characters by hand.

A span (an actor's mention, a claim, a framing device) names its `sentence` and repeats its `text`. This script
finds that text in the sentence and rewrites the span's `start` and `end` lines in place, leaving every other line
(comments, folded blocks) as it was. Where the same words occur twice in a sentence, the occurrence at or after the
span's current `start` is used: write `start: 0` for the first, or any offset before the one you mean.

    python tools/fill_spans.py seeds/my-case            # rewrite actors.yaml, claims.yaml, framing.yaml
    python tools/fill_spans.py seeds/my-case --check    # exit 1 if any offset would change

Then run `python -m widgets validate seeds/my-case`.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

OFFSET_LINE = re.compile(r"^(\s*(?:- )?)(start|end): *(\d+)\s*$")


def _spans(stem, data):
    if stem == "actors":
        return [m for actor in data for m in actor.get("mentions") or []]
    return list(data)


def fill_file(path: Path, sentences: dict) -> tuple[str, list[str]]:
    """New text of `path` with corrected offsets, and the problems found (text not in its sentence)."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or []
    if isinstance(data, dict) and len(data) == 1:
        data = next(iter(data.values())) or []
    problems, wanted = [], []
    for span in _spans(path.stem, data):
        sentence = sentences.get(span["sentence"])
        if sentence is None:
            problems.append(f"{path.name}: no sentence {span['sentence']!r}")
            wanted.append((span.get("start", 0), span.get("end", 0)))
            continue
        at = sentence.find(span["text"], int(span.get("start") or 0))
        if at < 0:
            at = sentence.find(span["text"])
        if at < 0:
            problems.append(f"{path.name}: {span['text']!r} is not in sentence {span['sentence']!r}")
            wanted.append((span.get("start", 0), span.get("end", 0)))
            continue
        wanted.append((at, at + len(span["text"])))
    lines = text.splitlines(keepends=True)
    offsets = [i for i, line in enumerate(lines) if OFFSET_LINE.match(line)]
    if len(offsets) != 2 * len(wanted):
        problems.append(f"{path.name}: found {len(offsets)} start/end lines for {len(wanted)} spans; "
                        "write each as its own 'start: N' and 'end: N' line")
        return text, problems
    for (start, end), (i, j) in zip(wanted, zip(offsets[::2], offsets[1::2])):
        for index, value, name in ((i, start, "start"), (j, end, "end")):
            prefix, found, _ = OFFSET_LINE.match(lines[index]).groups()
            if found != name:
                problems.append(f"{path.name}:{index + 1}: expected {name}, found {found}")
            lines[index] = f"{prefix}{name}: {value}\n"
    return "".join(lines), problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fill in span offsets from span texts.")
    parser.add_argument("case", type=Path)
    parser.add_argument("--check", action="store_true", help="exit 1 if any offset would change")
    args = parser.parse_args(argv)
    sentences = {s["id"]: s["text"] for s in yaml.safe_load((args.case / "sentences.yaml").read_text("utf-8"))}
    status = 0
    for stem in ("actors", "claims", "framing"):
        path = args.case / f"{stem}.yaml"
        if not path.is_file():
            continue
        new, problems = fill_file(path, sentences)
        for problem in problems:
            print(problem)
            status = 1
        if new != path.read_text(encoding="utf-8"):
            if args.check:
                print(f"{path}: offsets out of date")
                status = 1
            else:
                path.write_text(new, encoding="utf-8")
                print(f"updated {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
