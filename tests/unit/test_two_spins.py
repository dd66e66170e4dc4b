"""The two spins are even-handed by construction: the same vocabulary, the same devices, the same count of bent claims.

The seed article (seeds/biden-china-2022) leans against the Biden administration; the companion written for the kit
(seeds/biden-china-2022-friendly) leans for it; the wire version (seeds/biden-china-2022-wire) is the plain
baseline. Lesson 8 puts them side by side, so these tests keep the pair balanced when either key is edited.
"""
import re
from collections import Counter
from pathlib import Path

import pytest

from widgets.core import vocab
from widgets.core.loading import load_case

KIT = Path(__file__).resolve().parents[2]
SEEDS = KIT / "seeds"
BENT = ("distorted", "unsupported")


@pytest.fixture(scope="module")
def spins():
    return load_case(SEEDS / "biden-china-2022"), load_case(SEEDS / "biden-china-2022-friendly")


@pytest.fixture(scope="module")
def wire():
    return load_case(SEEDS / "biden-china-2022-wire")


def test_the_companion_and_the_wire_story_are_marked_as_written_for_the_kit(spins, wire):
    seed, friendly = spins
    assert not seed.written_for_kit
    assert friendly.written_for_kit and wire.written_for_kit
    assert friendly.meta["relays"]["url"] == seed.meta["relays"]["url"] == wire.meta["relays"]["url"]


def test_both_spins_use_the_same_label_vocabulary(spins):
    seed, friendly = spins
    labels = [Counter(s.label for s in case.sentences) for case in spins]
    assert set(labels[0]) == set(labels[1]) and set(labels[0]) <= set(vocab.LABELS)
    assert {s.sourcing for s in seed.sentences} <= set(vocab.SOURCING)
    assert {s.sourcing for s in friendly.sentences} <= set(vocab.SOURCING)
    assert abs(len(seed.sentences) - len(friendly.sentences)) <= 2
    assert abs(len(seed.article.split()) - len(friendly.article.split())) <= 0.2 * len(seed.article.split())


def test_both_spins_bend_about_as_many_claims(spins):
    counts = [Counter(c.verdict for c in case.claims) for case in spins]
    bent = [sum(count[v] for v in BENT) for count in counts]
    assert min(bent) >= 5 and abs(bent[0] - bent[1]) <= 1, f"distorted + unsupported: {bent}"
    for verdict in BENT + ("inaccurate", "supported"):
        assert counts[0][verdict] and counts[1][verdict], verdict
    assert abs(counts[0]["supported"] - counts[1]["supported"]) <= 2


def test_every_device_kind_is_in_both_spins(spins):
    for case in spins:
        assert {f.device for f in case.framing} == set(vocab.DEVICES), case.id
    devices = [len(case.framing) for case in spins]
    assert abs(devices[0] - devices[1]) <= 5


def test_the_wire_story_is_the_plain_baseline(spins, wire):
    assert all(c.verdict == "supported" for c in wire.claims)
    assert len(wire.framing) < min(len(case.framing) for case in spins) / 3
    assert not {"scare-quotes", "loaded-word", "mind-reading", "vague-attribution"} & {f.device for f in wire.framing}


def test_the_three_versions_share_one_body_of_evidence(spins, wire):
    """Same sources and timeline in each folder, so 'checkable against the same evidence' stays true."""
    seed = spins[0]
    for case in (spins[1], wire):
        assert case.sources == seed.sources, case.id
        assert case.timeline == seed.timeline, case.id
        for source in (s for s in case.sources if s.public_domain):
            assert (case.path / source.file).read_bytes() == (seed.path / source.file).read_bytes()


def test_companion_claims_quoted_in_the_teaching_notes_match_its_key(spins):
    verdicts = {c.id: c.verdict for c in spins[1].claims}
    notes = (KIT / "lessons" / "instructor" / "teaching_notes.md").read_text(encoding="utf-8")
    quoted = re.findall(r"friendly (c\d+): ([a-z-]+)", notes)
    assert len(quoted) >= 10
    for claim_id, verdict in quoted:
        assert verdicts.get(claim_id) == verdict, f"friendly {claim_id} is {verdicts.get(claim_id)}, not {verdict}"
    match = re.search(r"Of its (\d+) claims, (\d+) are\s+supported", notes)
    assert match and (int(match[1]), int(match[2])) == (len(verdicts), Counter(verdicts.values())["supported"])


def test_devices_chart_counts_every_version_and_names_the_one_written_for_the_kit(spins, wire):
    from widgets.views.spins import device_counts, devices_chart
    cases = (*spins, wire)
    chart = devices_chart(cases, ["Seed", "Friendly", "Wire"])
    assert chart.rows == ("Seed", "Friendly (written for the kit)", "Wire (written for the kit)")
    for row, case in enumerate(cases):
        assert chart.total(row) == len(case.framing) == sum(device_counts(case).values())
        assert f"{len(case.framing)} in all" in chart.alt_text
    assert 'role="img"' in chart.bars_html() and "Friendly (written for the kit)" in chart.bars_html()


# Pairs of claims the same rule decides (seeds/README.md, "The rules the key applies to every case"): the seed's claim,
# the companion's mirror, and the rule. One standard means the same verdict for both.
MIRRORS = {
    "timing": ("c16", "c17"),               # a warning visit is not a negotiation, in either direction
    "self-assessment": ("c23", "c24"),      # Biden's view of his sanctions neither rebuts nor confirms
    "dropped attribution": ("c13", "c14"),  # hardening and softening an anonymous account are the same fault
    "evaluative words": ("c3", "c1"),       # praise or blame around a true core is framing, not the verdict
}


def test_each_rule_decides_its_mirror_pair_the_same_way_in_both_spins(spins):
    seed, friendly = ({c.id: c for c in case.claims} for case in spins)
    rules = (KIT / "seeds" / "README.md").read_text(encoding="utf-8").split("## The rules the key applies")[1]
    for rule, (seed_id, friendly_id) in MIRRORS.items():
        assert seed[seed_id].verdict == friendly[friendly_id].verdict, rule
        assert rule.capitalize() in rules, rule
    # the bent claims of each spin are of the same kinds, so the counts compare like with like
    for case in spins:
        assert {c.verdict for c in case.claims} == {"supported", "distorted", "unsupported", "inaccurate",
                                                     "not-checkable"}, case.id


def test_neither_spin_reads_the_minds_of_the_other_side_s_critics():
    """Mind reading stays with the governments in the story (paragraphs 3 and 5: what Beijing knew or chose, what
    Washington suspected), as the seed's 'pretended' does: the companion no longer attacks the motives of the
    administration's critics ('eager to score points'), which the seed has no mirror for."""
    friendly = load_case(SEEDS / "biden-china-2022-friendly")
    seed = load_case(SEEDS / "biden-china-2022")
    for case in (seed, friendly):
        minds = [f for f in case.framing if f.device == "mind-reading"]
        assert minds, case.id
        for device in minds:
            assert device.sentence_id.startswith(("p3", "p5")), (case.id, device.id, device.text)
    assert not any("score points" in s.text or "cried" in s.text for s in friendly.sentences)
