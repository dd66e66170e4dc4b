"""One broken copy of the tiny fixture case per kind of error; each asserts the exact problem (file, line, field)."""
import shutil
from pathlib import Path

import pytest

from widgets.core.loading import CaseError, Problem, load_case, validate_case

FIXTURE = Path(__file__).parents[1] / "fixtures" / "case_min"
VERDICTS = "supported, distorted, unsupported, inaccurate, not-checkable"


@pytest.fixture
def case(tmp_path):
    """A fresh, valid copy of the fixture case to break."""
    folder = tmp_path / "case"
    shutil.copytree(FIXTURE, folder)
    return folder


def edit(folder, name, old, new):
    """Replace the one occurrence of ``old`` in a case file (failing loudly if the fixture changed)."""
    file = folder / name
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {name}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def problems(folder):
    """The problems as printed, with the folder prefix removed so the expected strings stay readable."""
    return [str(p).removeprefix(f"{folder}/") for p in validate_case(folder)]


def test_fixture_is_valid(case):
    assert problems(case) == []


def test_problem_carries_file_field_and_line(case):
    edit(case, "claims.yaml", "verdict: unsupported", "verdict: wrong")
    assert validate_case(case) == [Problem(
        file=str(case / "claims.yaml"), path="claims[1].verdict", line=17,
        message=f"'wrong' is not one of {VERDICTS}")]
    assert problems(case) == [f"claims.yaml:17: claims[1].verdict: 'wrong' is not one of {VERDICTS}"]


def test_load_case_raises_one_error_type_with_the_same_messages(case):
    edit(case, "claims.yaml", "verdict: unsupported", "verdict: wrong")
    (case / "actors.yaml").unlink()
    with pytest.raises(CaseError) as caught:
        load_case(case)
    assert str(caught.value) == "\n".join(str(p) for p in validate_case(case))
    assert len(caught.value.problems) == 2


# -- files that cannot be read ------------------------------------------------------------------------------------
def test_missing_file(case):
    (case / "actors.yaml").unlink()
    assert problems(case) == ["actors.yaml: file is missing"]


def test_missing_article(case):
    (case / "article.txt").unlink()
    assert problems(case) == ["article.txt: file is missing"]


def test_not_a_folder(tmp_path):
    assert [str(p) for p in validate_case(tmp_path / "nowhere")] == [f"{tmp_path / 'nowhere'}: no such case folder"]


def test_folder_without_case_files(tmp_path):
    (tmp_path / "notes.yaml").write_text("a: b\n", encoding="utf-8")
    assert [str(p) for p in validate_case(tmp_path)] == [
        f"{tmp_path}: not a case folder: it has none of article.txt, meta.yaml, sentences.yaml, actors.yaml, "
        "claims.yaml, framing.yaml, sources.yaml, timeline.yaml"]


def test_keyed_case_needs_a_basis_for_every_verdict(case):
    edit(case, "claims.yaml", "  basis: original-report\n", "")
    assert problems(case) == ["claims.yaml:11: claims[1]: has no 'basis', but this case has an answer key: say what the "
                              "verdict rests on (primary-record, original-report or several-outlets)"]


def test_basis_must_be_one_of_the_vocabulary(case):
    edit(case, "claims.yaml", "basis: original-report", "basis: a-blog")
    [problem] = problems(case)
    assert problem.startswith("claims.yaml:20: claims[1].basis: 'a-blog' is not one of primary-record, original-report")


def test_malformed_yaml(case):
    edit(case, "timeline.yaml", "sources: [s1, s2]", "sources: [s1, s2")
    [problem] = problems(case)
    assert problem.startswith("timeline.yaml:9: malformed YAML: ")


def test_yaml_with_tab_indentation_is_malformed(case):
    edit(case, "framing.yaml", "  device: intensifier", "\tdevice: intensifier")
    [problem] = problems(case)
    assert problem.startswith("framing.yaml:13: malformed YAML: ")


def test_not_utf8(case):
    file = case / "framing.yaml"
    file.write_bytes(file.read_bytes().replace(b"Presents a guess", "Présente".encode("latin-1")))
    assert problems(case) == ["framing.yaml:14: is not UTF-8 text (byte 0xe9 at line 14); save it with UTF-8 encoding"]


def test_article_not_utf8(case):
    file = case / "article.txt"
    file.write_bytes(file.read_bytes().replace("‘Agree’".encode(), b"\x91Agree\x92"))
    assert problems(case) == ["article.txt:1: is not UTF-8 text (byte 0x91 at line 1); save it with UTF-8 encoding"]


# -- fields -------------------------------------------------------------------------------------------------------
def test_missing_field(case):
    edit(case, "claims.yaml", "  note: The joint statement records the signing in Harbor City on 2 March 2026, a Monday.\n",
         "")
    assert problems(case) == ["claims.yaml:1: claims[0].note: missing field 'note'"]


def test_misspelt_field_suggests_the_closest_name(case):
    edit(case, "claims.yaml", "verdict: supported", "verdit: supported")
    assert problems(case) == ["claims.yaml:1: claims[0].verdict: missing field 'verdict'",
                              "claims.yaml:7: claims[0].verdit: unexpected field 'verdit'; did you mean 'verdict'?"]


def test_unexpected_field_far_from_any_name_lists_the_allowed_ones(case):
    edit(case, "timeline.yaml", "- id: t1\n", "- id: t1\n  colour: red\n")
    assert problems(case) == ["timeline.yaml:2: timeline[0].colour: unexpected field 'colour'; "
                              "allowed fields: date, event, id, sources"]


def test_misspelt_field_in_meta(case):
    edit(case, "meta.yaml", "  earliest:", "  earliset:")
    assert problems(case) == ["meta.yaml:7: meta.published.earliset: unexpected field 'earliset'; "
                              "did you mean 'earliest'?"]


def test_field_given_twice(case):
    edit(case, "sources.yaml", "  public_domain: false\n", "  public_domain: false\n  public_domain: true\n")
    assert "sources.yaml:14: sources[1].public_domain: field 'public_domain' is given twice" in problems(case)


def test_wrong_type(case):
    edit(case, "claims.yaml", "start: 49", "start: forty-nine")
    assert problems(case) == ["claims.yaml:3: claims[0].start: 'forty-nine' should be a whole number"]


def test_empty_required_text(case):
    edit(case, "framing.yaml", "  explanation: Presents a guess as a certainty.", "  explanation: ''")
    assert problems(case) == ["framing.yaml:14: framing[1].explanation: should not be empty"]


def test_badly_written_date(case):
    edit(case, "timeline.yaml", "date: 2026-03-02", "date: 2 March 2026")
    assert problems(case) == ["timeline.yaml:6: timeline[1].date: '2 March 2026' is not in the expected form "
                              "(A date written YYYY-MM-DD or YYYY-MM.)"]


def test_list_file_that_is_not_a_list(case):
    (case / "sources.yaml").write_text("id: s1\n", encoding="utf-8")
    assert problems(case)[0] == "sources.yaml:1: sources: {'id': 's1'} should be a list"


# -- vocabularies -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, old, new, expected", [
    ("sentences.yaml", "label: opinion", "label: opinon",
     "sentences.yaml:26: sentences[3].label: 'opinon' is not one of fact, opinion, mixed; did you mean 'opinion'?"),
    ("sentences.yaml", "sourcing: unattributed", "sourcing: unnamed",
     "sentences.yaml:27: sentences[3].sourcing: 'unnamed' is not one of named, anonymous, unattributed, none; "
     "did you mean 'named'?"),
    ("sentences.yaml", "    - label: fact", "    - label: true",
     "sentences.yaml:8: sentences[0].alternatives[0].label: true is not one of fact, opinion, mixed"),
    ("claims.yaml", "verdict: supported", "verdict: false",
     f"claims.yaml:7: claims[0].verdict: false is not one of {VERDICTS}"),
    ("actors.yaml", "kind: group", "kind: crowd",
     "actors.yaml:16: actors[2].kind: 'crowd' is not one of person, government, institution, media, group"),
    ("actors.yaml", "voice: paraphrased", "voice: reported",
     "actors.yaml:25: actors[2].mentions[0].voice: 'reported' is not one of quoted, paraphrased"),
    ("framing.yaml", "device: intensifier", "device: intensifyer",
     "framing.yaml:13: framing[1].device: 'intensifyer' is not one of scare-quotes, loaded-word, hedge, "
     "attribution-verb, vague-attribution, mind-reading, intensifier, omission; did you mean 'intensifier'?"),
])
def test_value_outside_vocabulary(case, name, old, new, expected):
    edit(case, name, old, new)
    assert problems(case) == [expected]


# -- ids and references -------------------------------------------------------------------------------------------
def test_duplicate_id(case):
    edit(case, "framing.yaml", "- id: f2", "- id: f1")
    assert problems(case) == ["framing.yaml:8: framing[1].id: duplicate id 'f1' (first used at line 1)"]


def test_duplicate_sentence_id(case):
    edit(case, "sentences.yaml", "- id: p1s2", "- id: p1s1")
    assert "sentences.yaml:16: sentences[2].id: duplicate id 'p1s1' (first used at line 10)" in problems(case)


def test_reference_to_unknown_sentence(case):
    edit(case, "framing.yaml", "sentence: p2s1", "sentence: p9s1")
    assert problems(case) == ["framing.yaml:9: framing[1].sentence: no sentence with id 'p9s1' in sentences.yaml"]


def test_mention_of_unknown_sentence(case):
    edit(case, "actors.yaml", "- sentence: p1s2", "- sentence: p1s3")
    assert problems(case) == ["actors.yaml:21: actors[2].mentions[0].sentence: "
                              "no sentence with id 'p1s3' in sentences.yaml"]


def test_evidence_with_no_source(case):
    edit(case, "claims.yaml", "evidence: [s2, s1]", "evidence: [s2, s3]")
    assert problems(case) == ["claims.yaml:19: claims[1].evidence[1]: no source with id 's3' in sources.yaml"]


def test_timeline_source_with_no_source(case):
    edit(case, "timeline.yaml", "sources: [s2]", "sources: [wire]")
    assert problems(case) == ["timeline.yaml:4: timeline[0].sources[0]: no source with id 'wire' in sources.yaml"]


def test_verdict_without_evidence(case):
    edit(case, "claims.yaml", "evidence: [s1]", "evidence: []")
    assert problems(case) == ["claims.yaml:9: claims[0].evidence: verdict 'supported' cites no evidence: "
                              "list at least one source id"]


def test_public_domain_source_file_missing(case):
    (case / "primary" / "01_joint_statement.txt").unlink()
    assert problems(case) == ["sources.yaml:7: sources[0].file: 'primary/01_joint_statement.txt' "
                              "is missing from the case folder"]


def test_public_domain_source_without_file(case):
    edit(case, "sources.yaml", "public_domain: false", "public_domain: true")
    assert problems(case) == ["sources.yaml:8: sources[1]: a public-domain source needs 'file': "
                              "the path of its copy inside the case folder"]


def test_public_domain_file_outside_the_case(case):
    edit(case, "sources.yaml", "file: primary/01_joint_statement.txt", "file: ../case/primary/../../x.txt")
    assert problems(case) == ["sources.yaml:7: sources[0].file: '../case/primary/../../x.txt' is outside "
                              "the case folder; keep the copy inside it"]


def test_timeline_out_of_date_order(case):
    edit(case, "timeline.yaml", "date: 2026-02\n", "date: 2026-04\n")
    assert problems(case) == ["timeline.yaml:6: timeline[1].date: 2026-03-02 comes before 2026-04: "
                              "keep the timeline in date order"]


# -- sentences against the article --------------------------------------------------------------------------------
def test_sentence_text_not_in_article(case):
    edit(case, "sentences.yaml", "text: Critics will surely call the deal a disaster.",
         "text: Critics will surely call the deal a \"disaster\".")
    assert problems(case) == ["sentences.yaml:25: sentences[3].text: not found in article.txt: it matches up to "
                              "'ely call the deal a ', then the sentence has '\"disaster\".' where the "
                              "article has 'disaster.\\n'"]


def test_sentences_out_of_article_order(case):
    edit(case, "sentences.yaml", "  text: Officials said the talks were tense.\n", "  text: PLACEHOLDER\n")
    edit(case, "sentences.yaml", "  text: Critics will surely call the deal a disaster.\n",
         "  text: Officials said the talks were tense.\n")
    edit(case, "sentences.yaml", "  text: PLACEHOLDER\n", "  text: Critics will surely call the deal a disaster.\n")
    assert "sentences.yaml:25: sentences[3].text: appears in article.txt before the sentence above it; " \
           "sentences must be in article order" in problems(case)


def test_article_text_in_no_sentence(case):
    with open(case / "article.txt", "a", encoding="utf-8") as article:
        article.write("\nThe treaty takes effect in June.\n")
    assert problems(case) == ["article.txt:7: this text is in no sentence of sentences.yaml: "
                              "'The treaty takes effect in June.'"]


def test_paragraph_number_does_not_match_article(case):
    edit(case, "sentences.yaml", "- id: p2s1\n  paragraph: 2", "- id: p2s1\n  paragraph: 1")
    assert problems(case) == [
        "sentences.yaml:24: sentences[3].paragraph: is 1 but id 'p2s1' says paragraph 2",
        "sentences.yaml:24: sentences[3].paragraph: is 1 but the text is in paragraph 2 of article.txt "
        "(0 = headline, then blocks separated by blank lines)"]


def test_sentence_across_a_paragraph_break(case):
    edit(case, "sentences.yaml", "  text: Officials said the talks were tense.\n",
         "  text: 'Officials said the talks were tense.\n\n\n    Critics will surely call the deal a disaster.'\n")
    assert "sentences.yaml:18: sentences[2].text: runs across a paragraph break (a blank line) in article.txt" \
        in problems(case)


def test_keyed_case_needs_a_key_for_every_sentence(case):
    edit(case, "sentences.yaml", "  label: fact\n  sourcing: named\n", "  label: null\n  sourcing: named\n")
    assert problems(case) == ["sentences.yaml:13: sentences[1].label: is empty, but this case has an answer key: "
                              "every sentence needs a label, sourcing and rationale"]


# -- spans --------------------------------------------------------------------------------------------------------
def test_claim_span_offsets_do_not_match_text(case):
    edit(case, "claims.yaml", "start: 49", "start: 50")
    assert problems(case) == ["claims.yaml:5: claims[0].text: 'signed a river treaty in Harbor City on Monday' "
                              "does not match sentence 'p1s1' [50:95], which is 'igned a river treaty in Harbor "
                              "City on Monday'; that text is at start 49, end 95"]


def test_mention_text_not_in_sentence(case):
    edit(case, "actors.yaml", "text: Southland}", "text: Eastland}")
    assert problems(case) == ["actors.yaml:13: actors[1].mentions[0].text: 'Eastland' does not match sentence "
                              "'p1s1' [39:48], which is 'Southland'; that text is not in the sentence"]


def test_framing_span_past_sentence_end(case):
    edit(case, "framing.yaml", "end: 19", "end: 90")
    assert problems(case) == ["framing.yaml:11: framing[1].end: 90 is past the end of sentence 'p2s1' "
                              "(45 characters)"]


def test_span_with_end_before_start(case):
    edit(case, "framing.yaml", "end: 17", "end: 10")
    assert problems(case) == ["framing.yaml:4: framing[0].end: end (10) must be greater than start (10)"]


# -- several problems at once, and no tracebacks ------------------------------------------------------------------
def test_one_bad_item_does_not_hide_problems_in_the_others(case):
    edit(case, "claims.yaml", "verdict: supported", "verdict: wrong")
    edit(case, "claims.yaml", "evidence: [s2, s1]", "evidence: [s2, s9]")
    assert problems(case) == [f"claims.yaml:7: claims[0].verdict: 'wrong' is not one of {VERDICTS}",
                              "claims.yaml:19: claims[1].evidence[1]: no source with id 's9' in sources.yaml"]


JUNK = ["", "42", "'just text'", "[1, 2]", "{a: b}", "- 1\n- [2]\n", "- {}\n", "- id: [x]\n  sentence: {}\n",
        "!!python/object/apply:os.system ['echo hi']", "a: &x [*x]", "- &a [*a]", "\x00", "? [a]\n: b\n"]


@pytest.mark.parametrize("name", ["meta.yaml", "sentences.yaml", "actors.yaml", "claims.yaml", "framing.yaml",
                                  "sources.yaml", "timeline.yaml"])
def test_junk_content_gives_problems_not_tracebacks(case, name):
    for junk in JUNK:
        (case / name).write_text(junk, encoding="utf-8")
        found = validate_case(case)
        assert all(isinstance(p, Problem) and str(p) for p in found)
        if junk or name in ("meta.yaml", "sentences.yaml"):
            assert found, f"{junk!r} in {name} should be a problem"
        else:                                   # an empty list file is an empty list, as in a keyless case
            assert [p for p in found if p.file.endswith(name)] == []


# -- the command line ---------------------------------------------------------------------------------------------
def test_cli_validate_ok(capsys):
    from widgets.__main__ import main
    assert main(["validate", str(FIXTURE)]) == 0
    assert capsys.readouterr().out == (f"OK {FIXTURE}: 4 sentences, 4 actors, 2 claims, 2 framing devices, "
                                       "2 sources, 2 timeline events\n")


def test_cli_validate_prints_every_problem_and_fails(case, capsys):
    from widgets.__main__ import main
    edit(case, "claims.yaml", "verdict: unsupported", "verdict: wrong")
    assert main(["validate", str(FIXTURE), str(case)]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{case}/claims.yaml:17: claims[1].verdict: 'wrong' is not one of {VERDICTS}",
        f"FAIL {case}: 1 problem"]


def test_cli_usage_errors_exit_2(capsys):
    from widgets.__main__ import main
    for argv in ([], ["validate"], ["no-such-command"]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
    assert "usage: python -m widgets" in capsys.readouterr().err


def test_python_dash_m_widgets_runs(case):
    import subprocess
    import sys
    (case / "sentences.yaml").write_bytes(b"- id: h\n  text: caf\xe9\n")
    done = subprocess.run([sys.executable, "-m", "widgets", "validate", str(case)], capture_output=True, text=True,
                          cwd=Path(__file__).parents[2], timeout=60)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout == (f"{case}/sentences.yaml:2: is not UTF-8 text (byte 0xe9 at line 2); save it with UTF-8 "
                           f"encoding\nFAIL {case}: 1 problem\n")


def _leaf_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, path + (key,))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from _leaf_paths(item, path + (index,))
    else:
        yield path


@pytest.mark.parametrize("name", ["meta.yaml", "sentences.yaml", "actors.yaml", "claims.yaml", "framing.yaml",
                                  "sources.yaml", "timeline.yaml"])
def test_any_value_of_another_type_gives_problems_not_a_traceback(case, name):
    """Replace each value in the file, one at a time, by values of other types (e.g. 2.0, which passes JSON
    Schema's 'integer' but cannot slice a string). Every problem in the file must point at a line."""
    import copy
    import json
    import yaml
    from widgets.core.schemas.yamlfile import YamlLoader as _YamlLoader     # keeps dates as text, so JSON can write them
    original = yaml.load((FIXTURE / name).read_text(encoding="utf-8"), Loader=_YamlLoader)
    replacements = (2.0, True, None, [], -1)
    leaves, problems_seen = list(_leaf_paths(original)), 0
    for number, path in enumerate(leaves):
        for replacement in (replacements[number % 5], replacements[(number + 2) % 5]):
            data = copy.deepcopy(original)
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = replacement
            (case / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")   # JSON is YAML
            found = validate_case(case)                # must not raise
            assert all(p.line for p in found if p.file.endswith(name)), [str(p) for p in found]
            problems_seen += bool(found)
    assert problems_seen >= len(leaves)        # most replacements break the case (some fields are nullable)


def test_overlapping_actor_mentions_are_refused(case):
    """A student marks each word for one actor only, so a nested key mention could never be entered."""
    edit(case, "actors.yaml", "    - {sentence: p1s1, start: 39, end: 48, text: Southland}",
         "    - {sentence: p1s1, start: 39, end: 48, text: Southland}\n"
         "    - {sentence: p1s1, start: 25, end: 48, text: Northland and Southland}")
    assert problems(case) == [f"actors.yaml:14: actors[1].mentions[1]: 'Northland and Southland' overlaps a mention "
                              f"of {other!r} in sentence 'p1s1'; a student can mark each word for one actor only"
                              for other in ("northland", "southland")]
