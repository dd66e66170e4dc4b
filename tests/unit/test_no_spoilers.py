"""No markdown explains an item before the exercise that asks it (issue 20, part 3).

For every exercise in the lessons, in reading order, the test takes the items it asks for the first time (both
paths) and each item's key phrases: the key's words for it (a claim's words, a framing device's words; for a rewrite
task, the devices of the sentences it rewrites). A phrase of one or two words is taken with a neighbouring word of
its sentence, so a general example ("hedges such as *reportedly*") is not mistaken for the article's phrase. A
student-facing markdown cell before the exercise (earlier lessons, or earlier in the same lesson) that holds a key
phrase with the words the exercise is about (a device's name, a sourcing kind, a verdict, "the original") within a
few lines of it explains the item before the student answers it. Also: no answer sits in an open <details> block.
"""
import json
import re
from pathlib import Path

import pytest

from widgets import seed_case
from widgets.core import vocab
from widgets.lesson import assigned_items, lesson_files

LESSONS = Path(__file__).parents[2] / "lessons"
SEED = "biden-china-2022"

# What each kind of exercise is about: a key phrase near one of these words explains the item.
ABOUT = {
    "claims": ("claim", *vocab.SOURCING[:3]),
    "verdicts": (*vocab.VERDICTS, "original", "evidence", "record", "according to", "paraphrased"),
    "framing": (*(d.replace("-", " ") for d in vocab.DEVICES), "scare quote", "loaded", "mind reading"),
}
# A written rewrite is judged on removing the devices of the sentences it rewrites (widgets/core/data/rubrics).
REWRITES = {"neutral_headline": ("h",), "neutral_paragraph": ("p3s1", "p3s2", "p3s3")}

EXERCISE_CALL = re.compile(
    r"(?P<cls>FramingFinder|ClaimMarker|VerdictBeforeAfter|FreeResponse)\((?P<case>\w+)(?P<args>[^)]*)\)")


def _source(cell):
    return "".join(cell["source"])


def _normal(text):
    text = re.sub(r"[‘’`]", "'", re.sub(r"[“”]", '"', text))
    return " ".join(re.sub(r"[*_>|]", " ", text).split()).casefold()


def _cases(code):
    """Variable name -> case id, from `name = seed_case("id")` lines."""
    return {m[1]: m[2] for m in re.finditer(r"(\w+) = seed_case\(\"([\w-]+)\"\)", code)}


def _exercises(path, code_cells, case_names):
    """(cell index, exercise kind, case id, items over both paths) for each exercise call in the lesson."""
    found = []
    for index, code in code_cells:
        for call in EXERCISE_CALL.finditer(code):
            args, case_id = call["args"], case_names.get(call["case"], SEED)
            case = seed_case(case_id)
            if call["cls"] == "FreeResponse":
                key = re.search(r'"(\w+)"', args)
                if key and key[1] in REWRITES:
                    found.append((index, ("framing", key[1]), case_id, REWRITES[key[1]]))
                continue
            kind = ("framing" if call["cls"] == "FramingFinder" else
                    "verdicts" if call["cls"] == "VerdictBeforeAfter" or 'mode="verdict"' in args else "claims")
            lesson = re.search(r'lesson="([\w.]+)"', args)
            listed = re.search(r"(?:sentences|claims)=\[([^\]]*)\]", args)
            if lesson:
                items = {i for p in ("full", "short") for i in assigned_items(LESSONS / lesson[1], kind, case, p)}
            elif listed:
                items = set(re.findall(r'"(\w+)"', listed[1]))
            else:
                items = {c.id for c in case.claims} if kind == "verdicts" else {s.id for s in case.sentences}
            found.append((index, (kind, call["cls"]), case_id, tuple(sorted(items))))
    return found


WINDOW = 400          # characters either side of a key phrase in which the exercise's words count


def _key_spans(kind, case, items):
    """(item, span) pairs: the key's words for each item, as spans of their sentence."""
    if kind == "verdicts":
        return [(c.id, c) for c in case.claims if c.id in items]
    if kind == "claims":
        return [(c.sentence_id, c) for c in case.claims if c.sentence_id in items]
    return [(f.sentence_id, f) for f in case.framing if f.sentence_id in items and f.device != "omission"]


def _variants(case, span):
    """The phrase, or for one or two words, the phrase with the word before or after it in its sentence."""
    if len(span.text.split()) >= 3:
        return [span.text]
    sentence = case.sentence(span.sentence_id).text
    before, after = sentence[:span.start].split()[-1:], sentence[span.end:].split()[:1]
    return [" ".join(before + [span.text]), " ".join([span.text] + after)]


def _student_markdown(notebook):
    return [(index, _source(cell)) for index, cell in enumerate(notebook["cells"])
            if cell["cell_type"] == "markdown" and "instructor" not in cell["metadata"].get("tags", [])]


def _spoilers():
    """Every (exercise, item phrase, markdown cell) where the cell explains the phrase before the exercise."""
    earlier, problems, asked = [], [], set()
    for path in lesson_files(LESSONS):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        code_cells = [(i, _source(c)) for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"]
        case_names = _cases("\n".join(code for _, code in code_cells))
        markdown = _student_markdown(notebook)
        for index, (kind, exercise), case_id, items in _exercises(path, code_cells, case_names):
            case = seed_case(case_id)
            new = [item for item in items if (exercise, case_id, item) not in asked]  # a look-again is no spoiler
            asked.update((exercise, case_id, item) for item in new)
            before = earlier + [(path.name, i, _normal(text)) for i, text in markdown if i < index]
            for _, span in _key_spans(kind, case, new):
                for variant in _variants(case, span):
                    pattern = re.compile(r"(?<!\w)" + re.escape(_normal(variant)) + r"(?!\w)")
                    for lesson, cell, text in before:
                        for match in pattern.finditer(text):
                            near = text[max(0, match.start() - WINDOW):match.end() + WINDOW]
                            if any(word in near for word in ABOUT[kind]):
                                problems.append(f"{lesson} cell {cell} explains {span.text!r}, asked by a {kind} "
                                                f"exercise in {path.name} cell {index}")
        earlier += [(path.name, i, _normal(text)) for i, text in markdown]
    return sorted(set(problems))


def test_no_markdown_explains_an_item_before_the_exercise_that_asks_it():
    assert _spoilers() == []


@pytest.mark.parametrize("path", lesson_files(LESSONS), ids=lambda p: p.name)
def test_no_answer_hides_in_a_details_block(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert not [i for i, text in _student_markdown(notebook) if "<details" in text]


def test_the_scan_finds_a_spoiler(monkeypatch):
    """The scan is not vacuous: the key's explanation of a headline device, put before lesson 5's framing
    exercise, is found; a general example of the same word is not."""
    case = seed_case(SEED)
    device = next(f for f in case.framing if f.sentence_id == "h")
    real = _student_markdown
    planted = f"> Biden Administration {device.text} To Get Chinese Help\n\nThe scare quotes suggest doubt."

    def with_spoiler(notebook):
        cells = real(notebook)
        if any("# Lesson 5:" in text for _, text in cells):
            cells = [(0, planted), *cells]
        return cells

    monkeypatch.setattr(__import__(__name__), "_student_markdown", with_spoiler)
    found = _spoilers()
    assert any(repr(device.text) in problem and "05_framing" in problem for problem in found), found
