"""Before a hand-in, the student sees what the file will hold (name, every answer, written answers in full, the
trust rating of a first impression if there is one) and can leave the written answers out; the class report shows
who left them out and who opened a key view early."""
import csv
import json
import shutil

from widgets.classroom.handin import hand_in
from widgets.views.handin import HandInButton
from widgets.classroom.results import class_results
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.exercises.responses import FreeResponse
from widgets.exercises.reveal import KeyTable


def test_the_preview_shows_name_answers_and_written_text_before_the_first_hand_in(case):
    sorter = FactOpinionSorter(case, student="Ada", sentences=["h", "p1s1"])
    sorter.answer("h", {"label": "fact", "sourcing": "none"})     # a defensible label: 0.75
    FreeResponse(case, "first_impression", "?", student="Ada").answer("first_impression",
                                                                       "I trust it 2 of 5 <b>not much</b>")
    button = HandInButton(case, student="Ada")
    preview = button.preview.value
    # scored over the teacher's assignment (every sentence of this case), not the sorter's sentences= (issue 23)
    assert "Ada" in preview and "Fact or opinion" in preview and f"Score: 0.75 of {len(case.sentences)} points" in preview
    assert "I trust it 2 of 5 &lt;b&gt;not much&lt;/b&gt;" in preview       # in full, escaped
    assert button.last_path is None                                        # seen before anything is handed in
    sorter.answer("p1s1", {"label": "fact", "sourcing": "named"})
    assert f"Score: 1.75 of {len(case.sentences)} points" in button.preview.value               # kept up to date as the student answers


def test_written_answers_can_be_left_out(case):
    FactOpinionSorter(case, student="Bo").answer("h", {"label": "mixed", "sourcing": "none"})
    FreeResponse(case, "first_impression", "?", student="Bo").answer("first_impression", "Private thoughts.")
    button = HandInButton(case, student="Bo")
    button.include_text.value = False
    assert "Private thoughts" not in button.preview.value and "left out, at your choice" in button.preview.value
    button.click()
    document = json.loads(button.last_path.read_text(encoding="utf-8"))
    assert "Private thoughts" not in json.dumps(document)
    assert document["exercises"]["responses"]["left_out"] is True
    assert document["exercises"]["fact_opinion"]["answers"]["h"] == {"label": "mixed", "sourcing": "none"}


def test_the_report_shows_text_left_out_and_key_shown_early(case, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    FactOpinionSorter(case, student="Cy").answer("h", {"label": "mixed", "sourcing": "none"})
    FreeResponse(case, "first_impression", "?", student="Cy").answer("first_impression", "Hm.")
    rows = [(s.id, (s.id, s.label)) for s in case.sentences]
    KeyTable(case, "fact_opinion", rows, columns=("id", "label"), name="lesson04-labels", what="labels",
             student="Cy").show_anyway()
    path = hand_in(case, student="Cy", include_text=False)
    shutil.copy(path, folder / path.name)
    results = class_results(folder, case=case)
    score = results.scores[0]
    assert score.key_shown == ["lesson04-labels"] and score.text_left_out
    page = results.to_html()
    assert "lesson04-labels" in page and "left out written answers" in page
    with results.write_csv(tmp_path / "g.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["key shown before answering"] == "lesson04-labels"
