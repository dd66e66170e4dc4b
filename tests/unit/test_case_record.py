"""The record behind the keys, and the controls beside the devices (issue 22, "A key both sides would sign").

Every source says how far it was checked; a verdict on the primary record rests on at least one source whose text was
read; no verdict cites a copy (repost, aggregator, blog) when the original is in the case; controls (words that look
like devices but are not spin) are known to the validator, never counted as devices, and taught where framing is.
"""
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from widgets.core.loading import load_case, validate_case

KIT = Path(__file__).resolve().parents[2]
SEEDS = KIT / "seeds"
KEYED = ("biden-china-2022", "biden-china-2022-friendly", "biden-china-2022-wire")
FIXTURE = KIT / "tests" / "fixtures" / "case_min"


@pytest.fixture(scope="module", params=KEYED)
def case(request):
    return load_case(SEEDS / request.param)


def test_every_unverified_source_says_why_and_every_checked_one_says_when(case):
    for source in case.sources:
        if not source.verified:
            assert source.why_unverified and len(source.why_unverified.split()) >= 8, source.id
        elif source.checked:
            assert source.checked == "2026-12-07" or source.checked < "2026-12-07", source.id
    assert sum(not s.verified for s in case.sources) >= 1 and sum(bool(s.checked) for s in case.sources) >= 20


def test_no_primary_record_verdict_rests_only_on_unverified_sources(case):
    sources = {s.id: s for s in case.sources}
    for claim in case.claims:
        if claim.basis == "primary-record":
            assert any(sources[i].verified for i in claim.evidence), f"{case.id} {claim.id}: {claim.evidence}"


def test_no_verdict_cites_a_copy_when_the_original_is_in_the_case(case):
    sources = {s.id: s for s in case.sources}
    copies = {s.id for s in case.sources if s.copy_of in sources}
    assert {"nyt-sa", "nyt-ls", "nyt-na", "djh", "blz1b"} <= copies      # the copies the key used to cite
    for claim in case.claims:
        assert not copies & set(claim.evidence), f"{case.id} {claim.id} cites {copies & set(claim.evidence)}"
        for source_id in claim.evidence:      # a repost or aggregator only where its original is not in the case
            source = sources[source_id]
            assert source.kind not in ("repost", "aggregator") or source.copy_of is None, source_id


def test_the_corrected_dates_and_places_hold_in_every_file():
    """The UK froze the assets on 25 February; the AP-NORC poll came out on 24 March; McConnell spoke in Louisville."""
    for name in KEYED:
        for path in (SEEDS / name).glob("*.yaml"):
            text = " ".join(path.read_text(encoding="utf-8").split())
            assert "imposes the freeze on 26" not in text and "imposed it on 26 February" not in text, path
            assert "and by the UK on 26 February" not in text and "(the UK) " not in text, path
            assert "in Washington, Senate Republican leader" not in text, path
    seed = load_case(SEEDS / "biden-china-2022")
    assert seed.source("apnorc").date == "2022-03-24"
    assert "a month after the article" in next(c.note for c in seed.claims if c.id == "c21")
    assert "Louisville" in next(c.note for c in seed.claims if c.id == "c21")


# -- the validator knows the new fields ------------------------------------------------------------------------------
@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "case"
    shutil.copytree(FIXTURE, target)
    return target


def edit(folder, name, old, new):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(folder):
    return [str(p).removeprefix(f"{folder}/") for p in validate_case(folder)]


def test_an_unverified_source_needs_a_reason_and_a_verified_one_a_date(folder):
    edit(folder, "sources.yaml", "  url: https://example.org/wire/river-treaty\n",
         "  url: https://example.org/wire/river-treaty\n  verified: false\n")
    assert messages(folder) == [
        "sources.yaml:13: sources[1].verified: is false but 'why_unverified' is empty: say why the text could not be "
        "read at this address, and where its words were read instead"]
    edit(folder, "sources.yaml", "  verified: false\n", "  verified: true\n")
    assert messages(folder) == [
        "sources.yaml:13: sources[1].verified: is true but 'checked' is empty: give the date the text was read at "
        "this address"]
    edit(folder, "sources.yaml", "  verified: true\n", "  verified: true\n  checked: '2026-12-07'\n")
    assert messages(folder) == []


def test_a_primary_record_verdict_on_unverified_sources_only_is_refused(folder):
    edit(folder, "sources.yaml", "  file: primary/01_joint_statement.txt\n",
         "  file: primary/01_joint_statement.txt\n  verified: false\n  why_unverified: The page would not open.\n")
    assert messages(folder) == [
        "claims.yaml:10: claims[0].basis: is primary-record but every source in 'evidence' is unverified: cite a "
        "source whose text was read, or change the basis"]


def test_a_verdict_citing_a_copy_of_a_source_in_the_case_is_refused(folder):
    edit(folder, "sources.yaml", "  public_domain: false\n", "  public_domain: false\n  kind: repost\n  copy_of: s1\n")
    assert messages(folder) == [
        "claims.yaml:19: claims[1].evidence[0]: 's2' is a copy of 's1', which is in the case: cite 's1'"]
    edit(folder, "sources.yaml", "  copy_of: s1\n", "  copy_of: s9\n")
    assert "sources[1].copy_of: 's9' is not another source in sources.yaml" in messages(folder)[0]


def test_a_control_is_loaded_apart_from_the_devices_and_cannot_also_be_one(folder):
    (folder / "framing.yaml").write_text((folder / "framing.yaml").read_text(encoding="utf-8") + (
        "- id: f3\n  sentence: p1s2\n  start: 30\n  end: 35\n  text: tense\n  device: loaded-word\n  control: true\n"
        "  explanation: The officials' own word, reported as theirs.\n"), encoding="utf-8")
    case = load_case(folder)
    assert [f.id for f in case.framing] == ["f1", "f2"] and [c.id for c in case.controls] == ["f3"]
    edit(folder, "framing.yaml", "  start: 30\n  end: 35\n  text: tense\n",
         "  start: 13\n  end: 19\n  text: surely\n")
    edit(folder, "framing.yaml", "  sentence: p1s2\n", "  sentence: p2s1\n")
    assert messages(folder) == ["framing.yaml:21: framing[2].control: 'surely' is both a device and a control; it "
                                "can only be one"]
    edit(folder, "framing.yaml", "  control: true\n", "  control: maybe\n")
    assert any("framing[2].control" in m for m in messages(folder))


# -- controls are taught where framing is taught ---------------------------------------------------------------------
def test_controls_are_in_both_spins_and_shown_in_the_framing_key_and_the_printed_key(monkeypatch, tmp_path):
    import importlib.util

    from widgets.lesson.keyviews import framing_key

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    spec = importlib.util.spec_from_file_location("answer_key_tool", KIT / "tools" / "answer_key.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    for name in ("biden-china-2022", "biden-china-2022-friendly"):
        case = load_case(SEEDS / name)
        assert case.controls and not {c.id for c in case.controls} & {f.id for f in case.framing}
        shown = "".join(getattr(w, "value", "") for w in framing_key(case, student="Ada").build())
        printed = tool.render(case)
        for control in case.controls:
            assert escape(control.text) in shown and escape(control.explanation) in shown, control.id
            assert f"| {control.id} |" in printed, control.id
        assert "Controls: words that look like devices but are not spin here" in shown
        assert f"{len(case.framing)} framing devices in the key" in shown


def test_a_mark_on_a_control_is_an_extra_mark_that_explains_itself(monkeypatch, tmp_path):
    from widgets.exercises.feedback import marks_html
    from widgets.exercises.framing_finder import FramingFinder

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    seed = load_case(SEEDS / "biden-china-2022")
    control = next(c for c in seed.controls if c.text == "urgent")
    finder = FramingFinder(seed, student="Ada", sentences=[control.sentence_id])
    finder.answer(control.sentence_id, [{"start": control.start, "end": control.end, "device": "intensifier"}])
    grade = finder._grade().items[control.sentence_id]
    (extra,) = grade.extra
    assert extra.key_id == control.id and extra.why == control.explanation
    shown = str(marks_html(seed, control.sentence_id, grade))       # what the student reads after answering
    assert "Extra" in shown and "the key keeps it as a control, not spin" in shown
    assert str(escape(control.explanation)) in shown
