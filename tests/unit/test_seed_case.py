"""Every case in seeds/ is valid, and every piece of its key is checked against the article text.

These checks repeat the validator's most important ones in plain code, so a bug in widgets/core/loading.py cannot let a
broken key through unnoticed.
"""
from pathlib import Path

import pytest

from widgets.core.loading import load_case, validate_case

SEEDS = Path(__file__).parents[2] / "seeds"
CASE_FOLDERS = sorted(meta.parent for meta in SEEDS.glob("*/meta.yaml"))
SEED_CASE = "biden-china-2022"


def test_the_seed_case_is_there():
    """Guards the tests below against passing over an empty list."""
    assert SEED_CASE in [folder.name for folder in CASE_FOLDERS]


@pytest.fixture(params=CASE_FOLDERS, ids=[folder.name for folder in CASE_FOLDERS])
def folder(request):
    return request.param


@pytest.fixture
def case(folder):
    return load_case(folder)


def test_case_validates(folder):
    assert [str(problem) for problem in validate_case(folder)] == []


def test_case_id_is_its_folder_name(case, folder):
    assert case.id == folder.name


def test_sentences_are_the_article_in_order(case):
    """Each sentence is an exact piece of the article, in order, and together they leave out no words."""
    position, left_out = 0, []
    for sentence in case.sentences:
        found = case.article.find(sentence.text, position)
        assert found >= 0, f"{sentence.id}: {sentence.text!r} is not in article.txt after offset {position}"
        left_out.append(case.article[position:found].strip())
        position = found + len(sentence.text)
    left_out.append(case.article[position:].strip())
    assert [text for text in left_out if text] == []
    assert case.sentences[0].id == "h" and case.sentences[0].paragraph == 0


def test_every_sentence_has_a_key(case):
    assert case.has_key
    for sentence in case.sentences:
        assert sentence.label and sentence.sourcing and sentence.rationale, sentence.id


def _spans(case):
    yield from ((f"actor {a.id} mention", m) for a in case.actors for m in a.mentions)
    yield from ((f"claim {c.id}", c) for c in case.claims)
    yield from ((f"framing {f.id}", f) for f in case.framing)


def test_every_span_matches_its_sentence_text(case):
    spans = list(_spans(case))
    assert len(spans) >= len(case.claims) + len(case.framing) > 0
    for name, span in spans:
        sentence = case.sentence(span.sentence_id)
        assert 0 <= span.start < span.end <= len(sentence.text), name
        assert sentence.text[span.start:span.end] == span.text, name


def test_every_verdict_cites_known_evidence(case):
    known = {source.id for source in case.sources}
    assert case.claims
    for claim in case.claims:
        assert claim.verdict and claim.note, claim.id
        assert claim.evidence, f"claim {claim.id} cites no evidence"
        assert set(claim.evidence) <= known, f"claim {claim.id} cites {set(claim.evidence) - known}"
    for event in case.timeline:
        assert set(event.sources) <= known, f"timeline {event.id} cites {set(event.sources) - known}"


def test_every_public_domain_source_has_its_file(case, folder):
    public = [source for source in case.sources if source.public_domain]
    for source in public:
        assert source.file and (folder / source.file).is_file(), f"source {source.id}: {source.file!r} missing"
        assert (folder / source.file).read_text(encoding="utf-8").strip(), f"source {source.id}: empty file"
