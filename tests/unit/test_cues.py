"""Rule-based cues: each rule on small texts, the word lists' sources, the toggle, and precision/recall on the seed."""
from pathlib import Path

import pytest
import yaml

from widgets.core import vocab
from widgets.core.case import Sentence
from widgets.core.loading import load_case
from widgets.views.cues import (ACTOR_KEY, ALL_FRAMING, CUE_WORDS_PATH, CueView, cue_summary, cue_table_html,
                                  find_cues, load_rules, quotations, score_cues, score_table_text, sentence_cues)
from widgets.core.owntext.from_text import case_from_text

SEED = Path(__file__).resolve().parents[2] / "seeds" / "biden-china-2022"


def cues_in(text, paragraph=1):
    return [(c.rule, c.text) for c in sentence_cues(Sentence("p1s1", paragraph, text))]


def rules_in(text):
    return {rule for rule, _ in cues_in(text)}


@pytest.fixture(scope="module")
def seed():
    return load_case(SEED)


# --- the word lists ----------------------------------------------------------------------------------------------

def test_every_rule_cites_sources_and_maps_to_a_known_device():
    rules, sources = load_rules()
    assert {"hedge", "coloured-attribution", "neutral-attribution", "vague-attribution", "scare-quotes",
            "intensifier", "actor-name", "collective-actor"} <= set(rules)
    for rule in rules.values():
        assert rule.device is None or rule.device in vocab.DEVICES
        assert rule.sources and all(source in sources for source in rule.sources)
        assert len(rule.why) > 40
    assert all(entry["title"] for entry in sources.values())


def test_the_pedagogy_sources_are_cited():
    _, sources = load_rules()
    urls = " ".join(str(s.get("url")) for s in sources.values())
    for expected in ("Words_to_watch", "allsides", "Avoiding_implication", "Scare_quotes"):
        assert expected in urls
    assert "FactBank" in " ".join(s["title"] for s in sources.values())


def test_malformed_word_lists_are_refused(tmp_path):
    data = yaml.safe_load(CUE_WORDS_PATH.read_text(encoding="utf-8"))
    data["rules"]["hedge"]["device"] = "not-a-device"
    bad = tmp_path / "cue_words.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"cue_words.yaml:\d+: rules.hedge.device: 'not-a-device' is not one of "
                                         r"scare-quotes, loaded-word"):
        load_rules(bad)


def test_word_lists_name_the_file_field_and_line_of_each_problem(tmp_path):
    """The schema layer words every problem; a word YAML reads as true (an unquoted On) is caught, not lost."""
    text = CUE_WORDS_PATH.read_text(encoding="utf-8")
    bad = tmp_path / "cue_words.yaml"
    bad.write_text(text.replace('"On"', "On").replace("sources: [mos-said]", "sources: [no-such-source]", 1),
                   encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        load_rules(bad)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"On"' in row)
    assert f"cue_words.yaml:{line}: rules.actor-name.not_names[" in str(raised.value)
    assert "true should be text" in str(raised.value)
    bad.write_text(text.replace("sources: [mos-said]", "sources: [no-such-source]", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "sources: [mos-said]" in row)
    with pytest.raises(ValueError, match=rf"cue_words.yaml:{line}: rules.neutral-attribution.sources: cites "
                                         r"'no-such-source', which is not listed under 'sources'$"):
        load_rules(bad)


# --- each rule -----------------------------------------------------------------------------------------------------

def test_hedges_and_doubt_words():
    assert ("hedge", "reportedly") in cues_in("Officials have reportedly met.")
    assert ("hedge", "is said to") in cues_in("He is said to be angry.")
    assert ("hedge", "may") in cues_in("Talks may resume.")
    assert ("doubt-word", "allegedly") in cues_in("He allegedly lied.")
    assert ("doubt-word", "so-called") in cues_in("The so-called deal.")


def test_a_capitalised_list_word_inside_a_sentence_is_a_name():
    assert ("hedge", "May") not in cues_in("Theresa May spoke.")
    assert ("hedge", "May") in cues_in("May they succeed.")


def test_attribution_verbs():
    assert ("neutral-attribution", "said") in cues_in("Biden said it would work.")
    assert ("neutral-attribution", "according to") in cues_in("It failed, according to the Times.")
    assert ("coloured-attribution", "admitted") in cues_in("The minister admitted the plan failed.")
    assert ("coloured-attribution", "claimed") in cues_in("He claimed victory.")


def test_vague_attribution():
    assert ("vague-attribution", "Experts say") in cues_in("Experts say it will fail.")
    assert ("vague-attribution", "most international observers") in \
        cues_in("But most international observers have found it weak.")
    assert ("vague-attribution", "some say") in cues_in("It is, some say, a failure.")
    assert ("vague-attribution", "critics") in cues_in("The plan drew fire from critics.")


def test_scare_quotes_but_not_quoted_speech():
    assert ("scare-quotes", "‘Effort’") in cues_in("Biden ‘Effort’ Backfires", paragraph=0)
    assert ("scare-quotes", '"peace"') in cues_in('The "peace" plan was signed.')
    assert "scare-quotes" not in rules_in("Biden said the sanctions would be “devastating.”")
    assert "scare-quotes" not in rules_in("“Devastating,” he said.")
    assert "scare-quotes" not in rules_in("The “plan that nobody at all wanted to read” failed.")  # too long
    assert "scare-quotes" not in rules_in("Biden’s plan and China’s answer.")  # apostrophes


def test_quotations_pair_straight_quotes_in_order():
    text = 'He said "this is a long quote indeed" and "x".'
    assert [text[s:e] for s, e in quotations(text)] == ['"this is a long quote indeed"', '"x"']


def test_intensifiers():
    assert ("intensifier", "yet another") in cues_in("It was yet another failure.")
    assert ("intensifier", "extremely") in cues_in("An extremely bad idea.")
    assert ("intensifier", "directly") in cues_in("It went directly to Russia.")


def test_actor_names_and_groups():
    found = cues_in("On Monday, the New York Times said Xi Jinping met American officials and the Bank of England.")
    assert ("actor-name", "New York Times") in found
    assert ("actor-name", "Xi Jinping") in found
    assert ("collective-actor", "American officials") in found
    assert ("actor-name", "Bank of England") in found
    assert ("actor-name", "Monday") not in found and ("actor-name", "On") not in found


def test_sentence_start_and_title_case_headlines_need_the_name_elsewhere():
    case = case_from_text("Biden Plan Fails Again\n\nBiden spoke. Later, China replied to Biden.")
    actor_texts = [(c.sentence_id, c.text) for c in find_cues(case) if c.rule == "actor-name"]
    assert ("h", "Biden") in actor_texts and ("h", "Plan Fails Again") not in actor_texts
    assert ("p1s1", "Biden") in actor_texts  # sentence start, but named inside a sentence elsewhere


def test_cue_offsets_point_into_the_sentence(seed):
    texts = {s.id: s.text for s in seed.sentences}
    for cue in find_cues(seed):
        assert texts[cue.sentence_id][cue.start:cue.end] == cue.text
        assert cue.why


def test_cues_are_linear_on_hostile_text():
    import time
    started = time.perf_counter()
    case = case_from_text("Headline\n\n" + "“" * 50_000 + " " + "Aa " * 50_000 + "x" * 100_000)
    find_cues(case)
    assert time.perf_counter() - started < 10


# --- showing cues ---------------------------------------------------------------------------------------------------

def test_table_escapes_article_text():
    case = case_from_text('Head\n\nThe "<script>x</script>" plan was reportedly <b>bold</b>.')
    page = cue_table_html(case)
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "reportedly" in page and "Why it matters" in page


def test_cue_view_unlocks_only_after_every_item_is_answered(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    from widgets.exercises.fact_opinion import FactOpinionSorter
    case = case_from_text("A Headline\n\nOfficials reportedly met. It was yet another failure.")
    sorter = FactOpinionSorter(case, student="Cue Tester")
    view = CueView(case, after=sorter)
    assert view.show() is False
    assert "Answer every sentence first (0 of 3 answered)" in view.note.value and view.table.value == ""
    for item in sorter.items:
        sorter.answer(item, {"label": "fact", "sourcing": "none"})
    assert view.show() is True
    assert "reportedly" in view.table.value and "yet another" in view.table.value
    assert view.show(False) is False and view.table.value == ""
    assert "cues" in repr(view)


def test_summary_counts_rules_in_file_order():
    case = case_from_text("Headline here\n\nOfficials reportedly met. Critics say it was yet another failure.")
    summary = cue_summary(find_cues(case))
    assert summary["hedge"] == 1 and summary["intensifier"] == 1 and summary["collective-actor"] == 1


# --- measured against the seed key --------------------------------------------------------------------------------

# Floors set a little below the values measured on the seed key on 2026-11-29 (see the issue 7 note). Several words
# in the lists were added after reading this article (e.g. 'largely', 'just', 'shows', 'well documented'), so these
# figures are optimistic for other articles.
FLOORS = {  # device: (precision floor, recall floor); measured 2026-11-29 in brackets
    "scare-quotes": (0.9, 0.9),          # (1.00, 1.00)
    "hedge": (0.9, 0.9),                 # (1.00, 1.00)
    "attribution-verb": (0.25, 0.6),     # (0.29, 0.67)
    "vague-attribution": (0.9, 0.9),     # (1.00, 1.00)
    "intensifier": (0.7, 0.75),          # (0.75, 1.00) since 2026-12-07: the key keeps 'repeatedly' as a control
                                         # (the Times's own word), which a word rule cannot tell from spin
    ACTOR_KEY: (0.9, 0.85),              # (0.96, 0.90)
    ALL_FRAMING: (0.65, 0.4),            # (0.72, 0.46)
}


def test_precision_and_recall_against_the_seed_key(seed):
    table = score_cues(seed)
    assert set(vocab.DEVICES) | {ACTOR_KEY, ALL_FRAMING} == set(table)
    for group, (precision, recall) in FLOORS.items():
        row = table[group]
        assert row["precision"] == row["cues_matched"] / row["cues"]
        assert row["recall"] == row["key_matched"] / row["key_spans"]
        assert row["precision"] >= precision and row["recall"] >= recall, (group, row)
    # devices no word rule covers: no cues, so recall 0 and precision undefined
    for device in ("loaded-word", "omission"):
        assert table[device]["cues"] == 0 and table[device]["recall"] == 0.0 and table[device]["precision"] is None
    text = score_table_text(table)
    assert text.splitlines()[0].split() == ["device", "cues", "key", "precision", "recall"]
    assert "scare-quotes" in text and "100%" in text


def test_scoring_requires_the_same_sentence_and_device(seed):
    from dataclasses import replace
    from widgets.views.cues import Cue
    key_span = next(f for f in seed.framing if f.device == "hedge")
    hit = Cue(key_span.sentence_id, key_span.start, key_span.end, key_span.text, "hedge", "hedge", "why")
    assert score_cues(seed, [hit])["hedge"]["cues_matched"] == 1
    assert score_cues(seed, [replace(hit, device="intensifier")])["hedge"]["cues"] == 0
    assert score_cues(seed, [replace(hit, sentence_id="h")])["hedge"]["cues_matched"] == 0
