"""The case model (widgets.core.case), the schema and the vocabularies read from it (widgets.core.vocab)."""
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from widgets.core import vocab
from widgets.core.case import Actor, Alternative, Case, Claim, Mention, Sentence
from widgets.core.loading import load_case, validate_case

FIXTURE = Path(__file__).parents[1] / "fixtures" / "case_min"


@pytest.fixture(scope="module")
def case():
    return load_case(FIXTURE)


def test_case_fields(case):
    assert (case.id, case.title) == ("case-min", "Ministers ‘Agree’ On River Treaty")
    assert case.path == FIXTURE
    assert case.article == (FIXTURE / "article.txt").read_text(encoding="utf-8")
    assert case.meta["relays"]["outlet"] == "Example Wire (fictional)"
    assert [len(items) for items in (case.sentences, case.actors, case.claims, case.framing, case.sources,
                                     case.timeline)] == [4, 4, 2, 2, 2, 2]


def test_dates_stay_as_written(case):
    """YAML would turn 2026-03-02 into a date object; the case keeps the text the schema checked."""
    assert case.meta["published"]["earliest"] == "2026-03-02"
    assert [event.date for event in case.timeline] == ["2026-02", "2026-03-02"]
    assert case.source("s1").date == "2026-03-02"


def test_sentences_in_order_with_key(case):
    assert [s.id for s in case.sentences] == ["h", "p1s1", "p1s2", "p2s1"]
    headline = case.sentence("h")
    assert (headline.paragraph, headline.label, headline.sourcing) == (0, "mixed", "none")
    assert headline.alternatives == (Alternative("fact", headline.alternatives[0].why),)
    assert case.sentence("p1s1").alternatives == ()          # left out in the file
    assert case.has_key


def test_paragraphs_group_sentences_in_order(case):
    assert [[s.id for s in paragraph] for paragraph in case.paragraphs()] == [["h"], ["p1s1", "p1s2"], ["p2s1"]]


def test_actors_with_defaults(case):
    northland, southland, officials, wire = case.actors
    assert northland.aliases == ("Northland",) and southland.aliases == ()
    assert not northland.implied and wire.implied and wire.mentions == ()
    assert officials.kind == "group"
    assert officials.mentions == (Mention("p1s2", 0, 9, "Officials", "paraphrased"),)
    assert northland.mentions[0].voice is None
    assert case.actor("officials") is officials


def test_claims_sources_and_lookups(case):
    assert [c.id for c in case.claims_in("p1s1")] == ["c1"]
    assert case.claims_in("p2s1") == ()
    second = case.claims[1]
    assert (second.sentence_id, second.start, second.end, second.verdict, second.evidence) == \
        ("p1s2", 15, 35, "unsupported", ("s2", "s1"))
    assert case.source("s1").public_domain and case.source("s1").file == "primary/01_joint_statement.txt"
    assert case.source("s2").file is None
    with pytest.raises(KeyError, match="no source with id 'nope'"):
        case.source("nope")
    with pytest.raises(KeyError, match="no sentence with id 'p7s1'"):
        case.sentence("p7s1")


def test_every_span_slices_its_sentence(case):
    spans = [*case.claims, *case.framing, *(m for a in case.actors for m in a.mentions)]
    assert len(spans) == 7
    for span in spans:
        assert case.sentence(span.sentence_id).text[span.start:span.end] == span.text


def test_case_is_immutable_and_hashable(case):
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.title = "Another"
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.sentences[0].label = "opinion"
    assert isinstance(case.sentences, tuple) and isinstance(case.actors[0].mentions, tuple)
    assert hash(case) == hash(load_case(FIXTURE))
    assert len({case.sentences[0], case.sentences[0]}) == 1


def test_case_built_in_memory():
    """Other modules (e.g. case_from_text) build cases directly; defaults make a keyless sentence short to write."""
    sentence = Sentence("p1s1", 1, "Rain fell.")
    built = Case("mine", "Mine", meta={}, article="Rain fell.", sentences=(sentence,))
    assert (sentence.label, sentence.sourcing, sentence.rationale, sentence.alternatives) == (None, None, None, ())
    assert not built.has_key and built.path is None
    assert repr(built) == "<Case 'mine': 1 sentences, 0 actors, 0 claims>"
    assert Claim("c", "p1s1", 0, 4, "Rain", "none", "supported", "n").evidence == ()
    assert Actor("a", "A", "person").mentions == ()


def test_keyless_case_loads(tmp_path):
    folder = tmp_path / "keyless"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("primary"))
    for name in ("actors", "claims", "framing", "sources", "timeline"):
        (folder / f"{name}.yaml").write_text("[]\n", encoding="utf-8")
    case = load_case(folder)
    sentences = [{"id": s.id, "paragraph": s.paragraph, "text": s.text, "label": None, "sourcing": None,
                  "rationale": None} for s in case.sentences]
    (folder / "sentences.yaml").write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    keyless = load_case(folder)
    assert not keyless.has_key
    assert [s.label for s in keyless.sentences] == [None] * 4
    assert keyless.claims == keyless.actors == keyless.sources == ()


def test_list_wrapped_under_its_file_name_is_accepted(tmp_path):
    """Some editors write 'claims:' above the list; line numbers still point at the right place."""
    folder = tmp_path / "wrapped"
    shutil.copytree(FIXTURE, folder)
    text = (folder / "claims.yaml").read_text(encoding="utf-8")
    wrapped = "claims:\n" + "".join("  " + line for line in text.splitlines(keepends=True))
    (folder / "claims.yaml").write_text(wrapped, encoding="utf-8")
    assert load_case(folder).claims == load_case(FIXTURE).claims
    (folder / "claims.yaml").write_text(wrapped.replace("verdict: unsupported", "verdict: wrong"), encoding="utf-8")
    assert [(p.path, p.line) for p in validate_case(folder)] == [("claims[1].verdict", 18)]


def test_windows_line_ends_and_byte_order_mark_are_read(tmp_path):
    folder = tmp_path / "windows"
    shutil.copytree(FIXTURE, folder)
    for file in folder.glob("*.*"):
        file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    assert load_case(folder).sentences == load_case(FIXTURE).sentences


# -- the schema and the vocabularies read from it -------------------------------------------------------------------
def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(vocab.SCHEMA)
    assert vocab.SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(vocab.SCHEMA["properties"]) == ["meta", "sentences", "actors", "claims", "framing", "sources",
                                                "timeline", "evidence"]


def _object_schemas(schema, path="#"):
    if isinstance(schema, dict):
        if schema.get("type") == "object" or "object" in schema.get("type", []) or "properties" in schema:
            yield path, schema
        for key, value in schema.items():
            yield from _object_schemas(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _object_schemas(value, f"{path}/{index}")


def test_every_field_is_described_and_no_other_field_is_allowed():
    objects = [(path, schema) for path, schema in _object_schemas(vocab.SCHEMA["properties"], "#/properties")
               if "properties" in schema]
    assert len(objects) >= 10
    for path, schema in objects:
        assert schema.get("additionalProperties") is False, path
        for name, field in schema["properties"].items():
            assert field.get("description"), f"{path}/properties/{name} has no description"


@pytest.mark.parametrize("values, descriptions, expected", [
    (vocab.LABELS, vocab.LABEL_DESCRIPTIONS, ("fact", "opinion", "mixed")),
    (vocab.SOURCING, vocab.SOURCING_DESCRIPTIONS, ("named", "anonymous", "unattributed", "none")),
    (vocab.VERDICTS, vocab.VERDICT_DESCRIPTIONS,
     ("supported", "distorted", "unsupported", "inaccurate", "not-checkable")),
    (vocab.ACTOR_KINDS, vocab.ACTOR_KIND_DESCRIPTIONS, ("person", "government", "institution", "media", "group")),
    (vocab.DEVICES, vocab.DEVICE_DESCRIPTIONS,
     ("scare-quotes", "loaded-word", "hedge", "attribution-verb", "vague-attribution", "mind-reading",
      "intensifier", "omission")),
    (vocab.VOICES, vocab.VOICE_DESCRIPTIONS, ("quoted", "paraphrased")),
])
def test_vocabularies_come_from_the_schema_with_a_description_each(values, descriptions, expected):
    assert values == expected                   # the documented vocabulary (CONTRIBUTING.md)
    assert list(descriptions) == list(values)
    assert all(len(text) > 15 and text.endswith(".") for text in descriptions.values())


def test_vocabulary_without_matching_descriptions_is_refused(monkeypatch):
    broken = json.loads(json.dumps(vocab.SCHEMA))
    broken["$defs"]["label"]["enumDescriptions"].pop()
    monkeypatch.setattr(vocab, "SCHEMA", broken)
    with pytest.raises(ValueError, match=r"\$defs/label has 3 values but 2 enumDescriptions"):
        vocab._vocabulary("label")


def test_loading_skips_the_slow_optional_iri_checker():
    """Importing jsonschema builds rfc3987_syntax's grammar (1-3 s) unless loading.py hides it; it must stay
    importable afterwards for anyone who needs it."""
    import subprocess
    import sys
    code = ("import sys, widgets.core.loading; assert 'rfc3987_syntax' not in sys.modules; "
            "import importlib.util; assert importlib.util.find_spec('rfc3987_syntax') is None or "
            "__import__('rfc3987_syntax')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
