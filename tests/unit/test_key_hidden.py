"""A student who scrolls every lesson, in either edition, without answering, sees no answer from the key.

Reads every committed output of every numbered lesson in lessons/ and student_edition/ (stream text, every data
representation: text, HTML, Markdown, and any stored widget state) and fails on key content, with the forbidden
strings built from the seed case's own key, so that a new key table or a printed rationale fails here:
- a key table row: sentence id + label + sourcing, claim id + sentence + sourcing, "verdict: <verdict>",
  actor name + kind + named/implied, warm-up id + label + side;
- a rationale, claim note, framing explanation or warm-up rationale sentence.
lessons/instructor/ is left out on purpose: it holds the answer key by design and is not in the student edition.

Also: no lesson's prose gives away a verdict that a later lesson asks students to reach.
"""
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from widgets import lesson
from widgets.core.loading import load_case

KIT = Path(__file__).resolve().parents[2]
CASE = load_case(KIT / "seeds" / "biden-china-2022")
WARMUP = yaml.safe_load((KIT / "seeds" / "warmup" / "statements.yaml").read_text(encoding="utf-8"))["statements"]
NOTEBOOKS = sorted((KIT / "lessons").glob("[0-9][0-9]_*.ipynb")) + sorted((KIT / "student_edition").glob("*.ipynb"))
MIN_SENTENCE = 40   # shorter pieces of prose ("See above.") are too common to forbid


def flat(text: str) -> str:
    """Text with markup removed and all whitespace (line wraps, table padding) collapsed to single spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"[|│]", " ", text)
    return " ".join(text.split())


def prose_sentences(text: str) -> list[str]:
    return [flat(part) for part in re.split(r"(?<=[.!?])\s+", text or "") if len(flat(part)) >= MIN_SENTENCE]


def forbidden_strings(case=CASE, warmup=WARMUP) -> dict:
    """{string: what it is}: key content that must not appear in a committed output."""
    found = {}
    for s in case.sentences:
        found[f"{s.id} {s.label} {s.sourcing}"] = f"key row of sentence {s.id}"
        for piece in prose_sentences(s.rationale):
            found[piece] = f"rationale of {s.id}"
    for c in case.claims:
        found[f"{c.id} {c.sentence_id} {c.sourcing}"] = f"key row of claim {c.id}"
        found[f"{c.id} ({c.sentence_id})"] = f"verdict row of claim {c.id}"
        for piece in prose_sentences(c.note):
            found[piece] = f"note of claim {c.id}"
    for verdict in {c.verdict for c in case.claims}:
        found[f"verdict: {verdict}"] = "a key verdict"
    for a in case.actors:
        found[flat(f"{a.name} {a.kind} {'implied' if a.implied else 'named'}")] = f"key row of actor {a.id}"
    for f in case.framing:
        for piece in prose_sentences(f.explanation):
            found[piece] = f"explanation of framing {f.id}"
    for w in warmup:
        found[f"{w['id']} {w['label']} {w['appeals_to']}"] = f"warm-up answer {w['id']}"
        for piece in prose_sentences(w["rationale"]):
            found[piece] = f"warm-up rationale {w['id']}"
    return found


FORBIDDEN = forbidden_strings()


def committed_output_texts(notebook: dict):
    """(where, text) of every output and of any stored widget state."""
    for number, cell in enumerate(notebook.get("cells", [])):
        for output in cell.get("outputs", []):
            parts = [output.get("text", "")] + list(output.get("data", {}).values())
            for part in parts:
                text = "".join(part) if isinstance(part, list) else part if isinstance(part, str) \
                    else json.dumps(part, ensure_ascii=False)
                yield f"cell {number}", text
    widgets_state = notebook.get("metadata", {}).get("widgets")
    if widgets_state:
        yield "metadata.widgets", json.dumps(widgets_state, ensure_ascii=False)


def key_content_in(notebook: dict, forbidden=FORBIDDEN) -> list[str]:
    problems = []
    for where, text in committed_output_texts(notebook):
        shown = flat(text)
        for needle, what in forbidden.items():
            if needle in shown:
                problems.append(f"{where}: {what}: {needle[:70]!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_committed_output_holds_key_content(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    problems = key_content_in(notebook)
    assert not problems, f"{path.relative_to(KIT)} shows the key before the student answers:\n" + "\n".join(problems)


def test_the_check_finds_key_tables_rationales_and_warmup_answers():
    """The check can fail: outputs printed the way the lessons used to print them are caught."""
    s, c, w = CASE.sentences[1], CASE.claims[11], WARMUP[0]
    old = {"cells": [
        {"outputs": [{"output_type": "stream", "text": f"{s.id:<10}{s.label:<9}{s.sourcing:<14}opinion\n"}]},
        {"outputs": [{"output_type": "stream", "text": f"{c.id:<6}{c.sentence_id:<10}{c.sourcing:<14}words\n"}]},
        {"outputs": [{"output_type": "stream", "text": f"    Key's verdict: {c.verdict}\n"}]},
        {"outputs": [{"data": {"text/html": f"<p>{html.escape(c.note)}</p>"}, "output_type": "display_data"}]},
        {"outputs": [{"output_type": "stream", "text": f"{w['id']:<4}{w['label']:<9}{w['appeals_to']:<12}text\n"}]},
    ], "metadata": {"widgets": {"state": {"x": {"value": f"<td>{s.id}</td><td>{s.label}</td>"
                                                        f"<td>{s.sourcing}</td>"}}}}}
    problems = "\n".join(key_content_in(old))
    for expected in (f"key row of sentence {s.id}", f"key row of claim {c.id}", "a key verdict",
                     f"note of claim {c.id}", f"warm-up answer {w['id']}", "metadata.widgets"):
        assert expected in problems


def test_locked_views_show_only_a_fixed_message_when_committed():
    """What a committed lesson stores of a key view is its locked message: deterministic, no key content."""
    path = KIT / "lessons" / "04_fact_opinion_mixed.ipynb"
    texts = [text for _, text in committed_output_texts(json.loads(path.read_text(encoding="utf-8")))]
    locked = [t for t in texts if t.startswith("🔒 Locked until you answer")]
    assert len(locked) == 2, texts


# --------------------------------------------------------------------------------------------------- prose

JUDGEMENTS = ("supported", "distorted", "unsupported", "inaccurate", "not checkable", "not-checkable", "wrong",
              "false", "untrue", "misleading", "goes further than the evidence")


def later_verdict_claims() -> dict:
    """{lesson number: claims whose verdict that lesson asks students to reach}."""
    asked = {}
    for path in lesson.lesson_files(KIT / "lessons"):
        plan = lesson.lesson_plan(path)
        for items in plan.get("assign", {}).values():
            for claim_id in lesson.expand_items(items.get("verdicts", []), "verdicts", CASE):
                asked.setdefault(plan["number"], set()).add(claim_id)
    return asked


def fragments(text: str) -> set:
    words = re.findall(r"[a-z’']{3,}", text.casefold())
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


def verdict_giveaways(paragraphs, claims) -> list:
    problems = []
    for paragraph in paragraphs:
        low = " ".join(paragraph.casefold().split())
        for claim in claims:
            quoted = [f for f in fragments(claim.text) if f in low]
            judged = [j for j in JUDGEMENTS if re.search(rf"\b{re.escape(j)}\b", low)]
            if quoted and judged:
                problems.append(f"{claim.id}: {quoted[0]!r} next to {judged[0]!r}: {paragraph[:90]!r}")
    return problems


def learner_paragraphs(path) -> list:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
                       and "instructor" not in c.get("metadata", {}).get("tags", []))
    return [p for p in re.split(r"\n\s*\n|\n- ", text) if p.strip()]


def test_no_lesson_prose_gives_away_a_verdict_asked_later():
    asked = later_verdict_claims()
    claims = {claim.id: claim for claim in CASE.claims}
    problems = []
    for path in lesson.lesson_files(KIT / "lessons"):
        number = lesson.lesson_plan(path)["number"]
        later = [claims[i] for n, ids in asked.items() if n >= number for i in ids]
        problems += [f"{path.name}: {p}" for p in verdict_giveaways(learner_paragraphs(path), later)]
    assert not problems, "\n".join(problems)


def test_the_prose_check_finds_the_old_largely_silent_giveaway():
    old = ('Other factual sentences go further than the evidence, or are wrong: lesson 6 checks them, for example '
           'China "largely silent" (paragraph 8).')
    silent = [c for c in CASE.claims if "largely silent" in c.text]
    assert silent and verdict_giveaways([old], silent)
