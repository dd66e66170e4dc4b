"""The instructor guide stays true to the seed case, the lessons and the clock."""
import re
from collections import Counter
from pathlib import Path

import pytest

from widgets.loading import load_case

KIT = Path(__file__).resolve().parents[2]
GUIDE = KIT / "lessons" / "instructor"
DOCUMENTS = ["session_plan.md", "teaching_notes.md"]
PERIOD_MINUTES = 50


@pytest.fixture(scope="module")
def case():
    return load_case(KIT / "seeds" / "biden-china-2022")


def _text(name):
    return (GUIDE / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_claim_verdicts_quoted_in_the_guide_match_the_key(case, name):
    verdicts = {claim.id: claim.verdict for claim in case.claims}
    quoted = re.findall(r"\b(c\d+) \(([a-z-]+)\)", _text(name))
    for claim_id, verdict in quoted:
        assert verdicts.get(claim_id) == verdict, f"{name}: {claim_id} is {verdicts.get(claim_id)}, not {verdict}"
    if name == "teaching_notes.md":
        assert len(quoted) >= 10


def test_claim_counts_in_the_teaching_notes_match_the_key(case):
    match = re.search(r"Of the (\d+) claims in the key, (\d+) are supported", _text("teaching_notes.md"))
    assert match, "the teaching notes should say how many claims the record supports"
    assert (int(match[1]), int(match[2])) == (len(case.claims), Counter(c.verdict for c in case.claims)["supported"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sentences_lessons_and_links_exist(case, name):
    text = _text(name)
    sentence_ids = {s.id for s in case.sentences}
    for sentence_id in re.findall(r"\b(p\d+s\d+)\b", text):
        assert sentence_id in sentence_ids, f"{name}: no sentence {sentence_id}"
    lesson_numbers = {int(p.name[:2]) for p in (KIT / "lessons").glob("[0-9][0-9]_*.ipynb")}
    for number in re.findall(r"\b[Ll]essons? (\d)\b", text):
        assert int(number) in lesson_numbers, f"{name}: there is no lesson {number}"
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        assert (GUIDE / target).exists(), f"{name}: broken link {target}"


def test_every_period_in_the_session_plan_fills_fifty_minutes():
    tables = re.split(r"\n(?=\| Minutes \|)", _text("session_plan.md"))[1:]
    assert len(tables) == 3, "plan A (one period) and plan B (two periods)"
    for table in tables:
        rows = [line for line in table.splitlines() if re.match(r"\| \d+-\d+ \|", line)]
        spans = [tuple(map(int, re.match(r"\| (\d+)-(\d+) \|", row).groups())) for row in rows]
        assert spans[0][0] == 0 and spans[-1][1] == PERIOD_MINUTES, spans
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), f"gap or overlap in {spans}"
        assert all(start < end for start, end in spans)


def test_the_plan_keeps_judge_alone_before_compare():
    plan = _text("session_plan.md")
    for table in re.split(r"\n(?=\| Minutes \|)", plan)[1:]:
        alone = table.find("**Alone")
        compare = table.find("Compare, then discuss")
        if compare != -1 and alone != -1:
            assert alone < compare
    assert "python -m widgets results FOLDER --out report.html" in plan
