"""Evidence inside the verdict loop (issue 20, part 1): evidence.yaml is validated with file, field and line; every
claim a verdict exercise asks on either path has at least 40 words of excerpts; between the two verdicts a student
sees the excerpts and the timeline, never the basis or the key's verdict."""
import json
import re
import shutil
from pathlib import Path

import pytest

from widgets import VerdictBeforeAfter, seed_case
from widgets.core.evidence import excerpt_words, reading_html
from widgets.lesson import assigned_items
from widgets.core.loading import load_case, validate_case

KIT = Path(__file__).parents[2]
FIXTURE = Path(__file__).parents[1] / "fixtures" / "case_min"
LESSON6 = "06_checking_the_record.ipynb"
MIN_WORDS = 40
CASES = ("biden-china-2022", "biden-china-2022-friendly", "biden-china-2022-wire")

GOOD = """c1:
  excerpts:
  - source: s1
    date: '2026-03-02'
    form: quote
    text: Today the foreign ministers of Northland and Southland signed the Treaty on the Shared River
  - source: s2
    date: '2026-03-02'
    form: paraphrase
    text: The wire story says the two ministers signed the treaty.
  timeline: [t2]
"""


@pytest.fixture
def case(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(FIXTURE, folder)
    (folder / "evidence.yaml").write_text(GOOD, encoding="utf-8")
    return folder


def problems(folder):
    return [str(p).removeprefix(f"{folder}/") for p in validate_case(folder)]


def test_a_case_without_evidence_file_is_valid_and_has_no_excerpts(tmp_path):
    folder = tmp_path / "case"
    shutil.copytree(FIXTURE, folder)
    assert problems(folder) == []
    assert load_case(folder).evidence == ()


def test_excerpts_load_with_their_form_and_timeline(case):
    loaded = load_case(case)
    entry = loaded.evidence_for("c1")
    assert [e.form for e in entry.excerpts] == ["quote", "paraphrase"]
    assert entry.timeline == ("t2",)
    assert loaded.evidence_for("c2") is None


@pytest.mark.parametrize("old, new, expected", [
    ("c1:\n", "c9:\n", "evidence.yaml:1: evidence.c9: no claim with id 'c9' in claims.yaml"),
    ("source: s2", "source: s7", "evidence.yaml:7: evidence.c1.excerpts[1].source: no source with id 's7' in "
                                  "sources.yaml"),
    ("[t2]", "[t2, t9]", "evidence.yaml:11: evidence.c1.timeline[1]: no timeline event with id 't9' in "
                         "timeline.yaml"),
    ("form: paraphrase", "form: summary", "evidence.yaml:9: evidence.c1.excerpts[1].form: 'summary' is not one of "
                                          "quote, paraphrase"),
    ("Shared River", "Shared Lake", "evidence.yaml:6: evidence.c1.excerpts[0].text: 'Today the foreign ministers "),
    ("form: paraphrase", "form: quote", "evidence.yaml:9: evidence.c1.excerpts[1].form: is 'quote', but source "
                                        "'s2' is not a public-domain text stored with the case"),
])
def test_bad_evidence_is_named_by_file_field_and_line(case, old, new, expected):
    file = case / "evidence.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")
    found = problems(case)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_an_excerpt_cites_the_original_not_a_copy_of_it(case):
    with (case / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("- id: s2-copy\n  title: Northland and Southland sign river treaty (reposted)\n"
                      "  publisher: Example Reposts (fictional)\n  date: 2026-03-03\n"
                      "  url: https://example.org/repost\n  public_domain: false\n  kind: repost\n  copy_of: s2\n")
    file = case / "evidence.yaml"
    file.write_text(GOOD.replace("source: s2", "source: s2-copy"), encoding="utf-8")
    assert [p for p in problems(case) if "evidence.yaml" in p] == [
        "evidence.yaml:7: evidence.c1.excerpts[1].source: 's2-copy' is a copy of 's2', which is in the case: cite "
        "'s2'"]


def test_a_quote_may_skip_words_marked_with_an_ellipsis(case):
    file = case / "evidence.yaml"
    file.write_text(GOOD.replace("Northland and Southland signed", "Northland … signed"), encoding="utf-8")
    assert problems(case) == []


def _lesson8_companion_claims():
    notebook = json.loads((KIT / "lessons" / "08_two_spins.ipynb").read_text(encoding="utf-8"))
    code = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    found = re.findall(r"VerdictBeforeAfter\(friendly, claims=\[([^\]]*)\]", code)
    assert found, "lesson 8 asks the companion's verdicts with VerdictBeforeAfter(friendly, claims=[...])"
    return [claim for listed in found for claim in re.findall(r'"(\w+)"', listed)]


def _verdict_claims():
    """(case id, claim id) of every claim a verdict exercise asks, on either path."""
    pairs = {("biden-china-2022", c) for path in ("full", "short")
             for c in assigned_items(KIT / "lessons" / LESSON6, "verdicts", path=path)}
    pairs |= {("biden-china-2022-friendly", c) for c in _lesson8_companion_claims()}
    return sorted(pairs)


@pytest.mark.parametrize("case_id, claim_id", _verdict_claims())
def test_every_verdict_claim_has_40_words_of_evidence(case_id, claim_id):
    assert excerpt_words(seed_case(case_id), claim_id) >= MIN_WORDS


@pytest.mark.parametrize("case_id", CASES)
def test_every_filled_claim_has_40_words_and_the_cases_validate(case_id):
    case = seed_case(case_id)
    assert case.evidence, f"{case_id} has no evidence.yaml entries"
    for entry in case.evidence:
        assert excerpt_words(case, entry.claim_id) >= MIN_WORDS, entry.claim_id


def _visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_between_the_verdicts_the_evidence_shows_and_the_key_does_not(monkeypatch):
    monkeypatch.chdir(KIT / "lessons")
    case = seed_case("biden-china-2022")
    judge = VerdictBeforeAfter(case, student="Ada", lesson=LESSON6)
    for claim in (c for c in case.claims if c.id in judge.items):
        wrong = "not-checkable" if claim.verdict != "not-checkable" else "supported"
        judge.answer(claim.id, wrong)
        between = judge.feedback.value
        assert "fprl-reading" in between and reading_html(case, claim) in between
        assert "Basis of the verdict" not in between
        assert "key&#39;s verdict is" not in between and "<b>Why:</b>" not in between
        assert "key's verdict is" not in between       # the template writes the apostrophe plain: this check can fail
        for excerpt in case.evidence_for(claim.id).excerpts[:1]:
            assert " ".join(excerpt.text.split()[:6]) in _visible_text(between).replace("&#39;", "'")
        judge.answer(claim.id, claim.verdict)
        after = judge.feedback.value
        assert "Basis of the verdict" in after and f"the key's verdict is also <b>{claim.verdict}</b>" in after
    judge.check()
    assert (f"<strong>After the evidence: {len(judge.items)} of {len(judge.items)} verdict(s) match the key</strong> "
            f"({len(judge.items)} claim(s) judged before, {len(judge.items)} after).") in judge.feedback.value
