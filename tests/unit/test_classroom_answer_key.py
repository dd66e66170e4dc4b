"""The printable answer key (lessons/instructor/answer_key.md) is generated from the seed case and must not drift."""
import sys
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(KIT / "tools"))
import answer_key  # noqa: E402  (tools/answer_key.py)

from widgets.loading import load_case  # noqa: E402


@pytest.fixture(scope="module")
def case():
    return load_case(answer_key.DEFAULT_CASE)


def test_committed_answer_key_matches_the_seed_data(case):
    committed = answer_key.DEFAULT_OUT.read_text(encoding="utf-8")
    assert committed == answer_key.render(case), (
        "lessons/instructor/answer_key.md is out of date with seeds/biden-china-2022: run python tools/answer_key.py")


def test_answer_key_holds_every_sentence_claim_device_and_actor(case):
    text = answer_key.render(case)
    for sentence in case.sentences:
        assert f"### Sentence {sentence.id}\n" in text
        assert f"**Label: {sentence.label}.** **Sourcing: {sentence.sourcing}.**" in text
        for alternative in sentence.alternatives:
            assert f"*Also defensible: {alternative.label}.* {' '.join(alternative.why.split())}" in text
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
