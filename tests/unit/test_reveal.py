"""Locked key views: locked until the student commits, unlocked in place (same session) and after a restart,
"show the key anyway" recorded in the save file and the hand-in."""
import json
from pathlib import Path

from widgets.classroom.handin import hand_in
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.exercises.reveal import KEY_SHOWN, KeyTable, LockedView
from widgets.core.storage import WorkFile

KIT = Path(__file__).resolve().parents[2]


def label_table(case, student="Ada"):
    rows = [(s.id, (s.id, s.label, s.sourcing)) for s in case.sentences]
    return KeyTable(case, "fact_opinion", rows, columns=("Sentence", "Label", "Sourcing"), name="test-labels",
                    what="the key's labels", where="in the sorter above", student=student)


def test_a_key_table_opens_row_by_row_as_the_student_answers(case):
    table = label_table(case)
    assert "Locked" in table.message.value and not table.unlocked
    assert "<td>mixed</td>" not in table.table.value and "<td>fact</td>" not in table.table.value
    # every row is locked, each saying what opens it
    assert table.table.value.count("fprl-locked-row") == len(case.sentences)
    assert f"Sentence {case.sentences[1].id}: opens when you answer it in the sorter above." in table.table.value
    sorter = FactOpinionSorter(case, student="Ada")
    first, second = case.sentences[0], case.sentences[1]
    sorter.answer(first.id, {"label": "fact", "sourcing": "none"})
    # unlocked in place, without re-running the cell: the table observes the answers
    assert f"<td>{first.id}</td><td>{first.label}</td>" in table.table.value
    assert f"<td>{second.id}</td>" not in table.table.value and f"Sentence {second.id}: opens" in table.table.value
    assert f"1 of {len(case.sentences)} answered" in table.message.value
    for sentence in case.sentences[1:]:
        sorter.answer(sentence.id, {"label": "fact", "sourcing": "none"})
    assert table.unlocked and table.message.value == "" and table.anyway_button.layout.display == "none"


def test_a_key_table_is_open_after_a_restart(case):
    FactOpinionSorter(case, student="Ada").answer("h", {"label": "mixed", "sourcing": "none"})
    reopened = label_table(case)          # a new kernel: only the save file is left
    assert [cells[0] for cells in reopened.unlocked_rows()] == ["h"]


def test_another_students_answers_do_not_unlock(case):
    table = label_table(case, student="Ada")
    FactOpinionSorter(case, student="Bo").answer("h", {"label": "mixed", "sourcing": "none"})
    assert table.unlocked_rows() == []


def test_the_repr_is_a_fixed_locked_message_without_key_content(case):
    text = repr(label_table(case))
    assert text.startswith("🔒 Locked until you answer: the key's labels")
    assert not any(f"{s.id} {s.label}" in text for s in case.sentences)
    assert text == repr(label_table(case, student="Bo"))


def test_show_the_key_anyway_is_recorded_in_the_save_file_and_the_hand_in(case, work):
    table = label_table(case)
    FactOpinionSorter(case, student="Ada").answer("h", {"label": "mixed", "sourcing": "none"})
    table.anyway_button.click()
    assert table.unlocked and len(table.unlocked_rows()) == len(case.sentences)
    assert "You chose to see the key before answering" in table.message.value
    saved = WorkFile("Ada", case.id).answers(KEY_SHOWN)
    assert saved == {"test-labels": {"answered": 1, "of": len(case.sentences)}}
    document = json.loads(hand_in(case, student="Ada").read_text(encoding="utf-8"))
    assert "test-labels" in document["exercises"][KEY_SHOWN]["answers"]
    assert label_table(case).unlocked      # still open after a restart


def test_a_locked_view_waits_for_written_text_then_builds_once(case):
    built = []
    view = LockedView(case, {"responses": ["first_look"]}, lambda: built.append(1) or "<p>the key</p>",
                      name="test-view", what="the devices", student="Ada")
    box = FreeResponse(case, "first_look", "Your first look", student="Ada")
    box.answer("first_look", "   ")
    assert not view.unlocked and built == []
    box.answer("first_look", "yet another: intensifier")
    assert view.unlocked and built == [1] and "the key" in view.body.children[0].value
    box.answer("first_look", "yet another: intensifier, loaded word")
    assert built == [1]


def test_the_lesson_key_views_wait_for_the_items_of_the_students_path(monkeypatch, tmp_path):
    from widgets.lesson.keyviews import label_key, verdict_key
    from widgets.lesson import set_path
    from widgets.core.loading import load_case

    monkeypatch.chdir(KIT / "lessons")
    seed = load_case(KIT / "seeds" / "biden-china-2022")
    set_path("short")
    table = label_key(seed, "04_fact_opinion_mixed.ipynb", student="Ada")
    assert [item for item, _ in table.rows] == ["h", "p1s1", "p2s1", "p4s1"]
    set_path("full")
    assert len(label_key(seed, "04_fact_opinion_mixed.ipynb", student="Ada").rows) == len(seed.sentences)
    verdicts = verdict_key(seed, "06_checking_the_record.ipynb", student="Ada")
    assert len(verdicts.rows) == 7 and verdicts.unlocked_rows() == []


def test_the_actor_and_framing_keys_show_only_the_sentences_answered(monkeypatch):
    """On the short path, after two actor sentences (or the framing sentences) are answered, the key shows what is
    in those sentences only, never the actors or devices of sentences left for homework."""
    from widgets.exercises.actors import ActorTagger
    from widgets.exercises.framing_finder import FramingFinder
    from widgets.lesson.keyviews import actor_key, framing_key
    from widgets.lesson import assigned_items, set_path
    from widgets.core.loading import load_case

    monkeypatch.chdir(KIT / "lessons")
    seed = load_case(KIT / "seeds" / "biden-china-2022")
    set_path("short")

    def names_shown(view):
        return {a.name for a in seed.actors if f"<td>{a.name}</td>" in view.body.children[0].value}

    sentences = assigned_items("02_actors.ipynb", "actors", seed, "short")
    view = actor_key(seed, "02_actors.ipynb", student="Ada")
    tagger = ActorTagger(seed, student="Ada", sentences=sentences)
    tagger.answer(sentences[0], [])
    expected = {a.name for a in seed.actors if any(m.sentence_id == sentences[0] for m in a.mentions)}
    assert names_shown(view) == expected and f"Sentence {sentences[1]}: opens" in view.locked_lines.value
    for sentence_id in sentences[1:]:
        tagger.answer(sentence_id, [])
    expected = {a.name for a in seed.actors if any(m.sentence_id in sentences for m in a.mentions)}
    assert names_shown(view) == expected and len(expected) < len(seed.actors)
    assert view.locked_lines.value == ""

    sentences = assigned_items("05_framing_and_headlines.ipynb", "framing", seed, "short")
    key = framing_key(seed, lesson="05_framing_and_headlines.ipynb", student="Ada")
    finder = FramingFinder(seed, student="Ada", sentences=sentences)
    for sentence_id in sentences:
        finder.answer(sentence_id, [])
    listed = key.body.children[1].value
    done = [f for f in seed.framing if f.sentence_id in sentences]
    homework = [f for f in seed.framing if f.sentence_id not in sentences]
    assert f"{len(done)} framing devices in the key of the {len(sentences)} sentences" in listed
    assert all(f"<b>{f.sentence_id}</b>" not in listed for f in homework)
