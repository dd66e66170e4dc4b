"""`python -m widgets new-case`: a case folder that validates as a keyless case, never overwriting anything."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from widgets.__main__ import main
from widgets.core.loading import load_case, validate_case
from widgets.core.owntext.from_text import TextError, case_from_text
from widgets.core.owntext.newcase import new_case, write_case_folder

KIT = Path(__file__).resolve().parents[2]
SEED = KIT / "seeds" / "biden-china-2022"


def test_seed_article_becomes_a_valid_keyless_case(tmp_path, capsys):
    out = tmp_path / "seed-copy"
    assert main(["new-case", str(SEED / "article.txt"), "--out", str(out), "--url", "https://example.org/a"]) == 0
    printed = capsys.readouterr().out
    assert "17 sentences in 8 paragraphs" in printed and "python -m widgets validate" in printed
    assert validate_case(out) == []
    case = load_case(out)
    key = load_case(SEED)
    assert case.id == "seed-copy" and case.meta["url"] == "https://example.org/a"
    assert [(s.id, s.paragraph, s.text) for s in case.sentences] == [(s.id, s.paragraph, s.text)
                                                                      for s in key.sentences]
    assert all(s.label is None for s in case.sentences) and not case.has_key
    assert case.actors == case.claims == case.framing == case.sources == case.timeline == ()
    sentences_yaml = (out / "sentences.yaml").read_text(encoding="utf-8")
    assert "fill in for EVERY sentence" in sentences_yaml and "label: null       # fact / opinion / mixed" in \
        sentences_yaml
    assert main(["validate", str(out)]) == 0


def test_refuses_to_overwrite_an_existing_folder(tmp_path, capsys):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new-case", str(SEED / "article.txt"), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]  # no staging folder left behind


def test_an_empty_folder_made_beforehand_is_used(tmp_path):
    out = tmp_path / "empty-case"
    out.mkdir()
    new_case(SEED / "article.txt", out)
    assert validate_case(out) == []


def test_markdown_and_hostile_text_round_trip_exactly(tmp_path):
    text = ("# Talks ‘Collapse’: what <script>window.__pwned=1</script> means\n\n"
            "Officials *reportedly* met: \"peace\" was the aim. It cost $1.2 billion!\n\n"
            "- key: value # not a comment\n- 2022-02-25\n- null\n\n"
            "---\n\nالسلام عليكم. 北京。 Tab\there. Ends with backslash \\")
    article = tmp_path / "article.md"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "md-case"
    case, _ = new_case(article, out, url="https://example.org/md")
    assert validate_case(out) == []
    loaded = load_case(out)
    assert [s.text for s in loaded.sentences] == [s.text for s in case.sentences]
    assert loaded.title == "Talks ‘Collapse’: what <script>window.__pwned=1</script> means"
    assert "null" in [s.text for s in loaded.sentences] and "2022-02-25" in [s.text for s in loaded.sentences]


def test_no_headline_asks_for_a_title(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("It rained all day. Nobody came.", encoding="utf-8")
    with pytest.raises(TextError, match="--title"):
        new_case(article, tmp_path / "x")
    assert not (tmp_path / "x").exists()
    case, out = new_case(article, tmp_path / "rain", title="Rain stops play")
    assert load_case(out).sentences[0].text == "Rain stops play"


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfeH\x00i\x00", "not UTF-8"),
    (b"   \n", "empty"),
])
def test_bad_article_files_exit_1_with_the_reason(tmp_path, capsys, content, words):
    article = tmp_path / "bad.txt"
    article.write_bytes(content)
    assert main(["new-case", str(article), "--out", str(tmp_path / "out")]) == 1
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_article_file(tmp_path, capsys):
    assert main(["new-case", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "No article file" in capsys.readouterr().err


def test_id_option_and_default_id(tmp_path):
    case, out = new_case(SEED / "article.txt", tmp_path / "Not_A_Slug")
    assert yaml.safe_load((out / "meta.yaml").read_text(encoding="utf-8"))["id"] == case.id
    assert case.id.startswith("biden-administration-effort")
    case, out = new_case(SEED / "article.txt", tmp_path / "other", case_id="my-id")
    assert load_case(out).id == "my-id"


def test_write_case_folder_from_pasted_text(tmp_path):
    case = case_from_text("A Headline\n\nFirst. Second.")
    write_case_folder(case, tmp_path / "pasted")
    assert load_case(tmp_path / "pasted").sentences == case.sentences


def test_command_line_entry_point(tmp_path):
    out = tmp_path / "cli-case"
    run = subprocess.run([sys.executable, "-m", "widgets", "new-case", str(SEED / "article.txt"), "--out", str(out)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Wrote" in run.stdout and (out / "article.txt").is_file()
