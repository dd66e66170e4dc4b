"""The printable answer key (lessons/instructor/answer_key.md) is generated from the seed case and must not drift."""
import sys
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT / "tools"))
import answer_key  # noqa: E402  (tools/answer_key.py)

from widgets.core.loading import load_case  # noqa: E402


@pytest.fixture(scope="module")
def case():
    return load_case(answer_key.DEFAULT_CASE)


def test_every_keyed_case_has_its_committed_key():
    """Whether each key is up to date with its case is checked by tools/generated.py --check (make test)."""
    cases = answer_key.keyed_cases()
    assert [c.id for c in cases][:1] == ["biden-china-2022"] and len(cases) >= 3
    assert answer_key.out_path(cases[0]) == answer_key.DEFAULT_OUT
    for keyed in cases:
        assert answer_key.out_path(keyed).is_file(), f"no key for seeds/{keyed.id}: run python tools/answer_key.py"


def test_key_shows_basis_alternatives_and_source_cautions(case):
    text = answer_key.render(case)
    for claim in case.claims:
        block = text[text.index(f"### Claim {claim.id}: {claim.verdict}\n"):]
        block = block[:block.index("\n### ", 1)] if "\n### " in block[1:] else block
        assert f"*Basis of the verdict: {claim.basis} (" in block, claim.id
        for alternative in claim.alternatives:
            assert f"*Also defensible: {alternative.verdict}.* {' '.join(alternative.why.split())}" in block
    for source in case.sources:
        line = next(line for line in text.splitlines() if line.startswith(f"- **{source.id}**: "))
        assert (not source.verified) == ("address not checked" in line), source.id
        assert (source.kind in ("repost", "aggregator")) == (f"Caution, {source.kind}:" in line), source.id


def test_key_of_an_article_written_for_the_kit_says_so():
    for keyed in answer_key.keyed_cases():
        text = answer_key.render(keyed)
        assert ("Written for the kit" in text.split("## The article")[0]) == keyed.written_for_kit, keyed.id


def test_answer_key_holds_every_sentence_claim_device_and_actor(case):
    text = answer_key.render(case)
    for sentence in case.sentences:
        assert f"### Sentence {sentence.id}\n" in text
        assert f"**Label: {sentence.label}.** **Sourcing: {sentence.sourcing}.**" in text
        for alternative in sentence.alternatives:
            name = answer_key._alternative_name(alternative)
            assert f"*Also defensible: {name}.* {' '.join(alternative.why.split())}" in text
    for claim in case.claims:
        assert f"### Claim {claim.id}: {claim.verdict}\n" in text
        assert " ".join(claim.note.split()) in text
    for source in case.sources:
        if source.url:
            assert f"<{source.url}>" in text
    for device in case.framing:
        assert f"| {device.id} | [{device.sentence_id}](#sentence-{device.sentence_id}) |" in text
    for actor in case.actors:
        assert f"| {actor.name} | {actor.kind} |" in text


def test_check_mode_flags_a_stale_key(tmp_path, case, capsys):
    stale = tmp_path / "key.md"
    stale.write_text(answer_key.render(case).replace("**Label: mixed.**", "**Label: fact.**", 1), encoding="utf-8")
    assert answer_key.main([str(answer_key.DEFAULT_CASE), "--out", str(stale), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
    assert answer_key.main([str(answer_key.DEFAULT_CASE), "--out", str(stale)]) == 0
    assert answer_key.main([str(answer_key.DEFAULT_CASE), "--out", str(stale), "--check"]) == 0
