"""Class results from 40 students who used the real widgets, plus one file of every bad kind.

The submissions are made by driving FactOpinionSorter and HandInButton (widgets.lesson.class_demo.simulate_class);
the expected numbers are counted here from what each simulated student answered.
"""
import csv
import hashlib
import re
import shutil
from collections import Counter
from pathlib import Path

import krippendorff
import pytest

from widgets.core import vocab
from widgets.lesson.class_demo import BAD_KINDS, add_bad_files, simulate_class, work_folder
from widgets.classroom.handin import hand_in
from widgets.classroom.results import class_results
from widgets.classroom.results_cli import main
from widgets.classroom.submission import MAX_SUBMISSION_BYTES
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.loading import load_case

CASE_MIN = Path(__file__).resolve().parents[1] / "fixtures" / "case_min"
STUDENTS = 40


def folder_fingerprint(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_MIN)


@pytest.fixture(scope="module")
def classroom(case, tmp_path_factory):
    """40 simulated students' hand-ins copied into one class folder, plus one file of each bad kind."""
    root = tmp_path_factory.mktemp("classroom")
    students = simulate_class(case, root / "work", students=STUDENTS, seed=7)
    folder = root / "class-folder"
    folder.mkdir()
    for student in students:
        shutil.copy2(student.submission, folder / student.submission.name)
    bad = add_bad_files(folder, students[0].submission, case.id)
    before = folder_fingerprint(folder)
    results = class_results(folder, case=CASE_MIN)
    report = root / "report.html"
    gradebook = root / "gradebook.csv"
    results.write_html(report)
    results.write_csv(gradebook)
    return {"case": case, "students": students, "folder": folder, "bad": bad, "before": before,
            "results": results, "report": report.read_text(encoding="utf-8"), "gradebook": gradebook,
            "root": root}


def test_the_simulated_class_has_agreeing_and_disagreeing_students(classroom):
    case = classroom["case"]
    shares = [sum(s.answers[x.id]["label"] == x.label for x in case.sentences) / len(case.sentences)
              for s in classroom["students"]]
    assert max(shares) == 1.0 and min(shares) <= 0.5


def test_input_folder_is_byte_identical_after_the_report(classroom):
    assert folder_fingerprint(classroom["folder"]) == classroom["before"]


def test_label_counts_and_agreement_with_the_key(classroom):
    results, case = classroom["results"], classroom["case"]
    assert len(results.students) == STUDENTS
    for sentence in case.sentences:
        expected = Counter(s.answers[sentence.id]["label"] for s in classroom["students"])
        got = results.sentence(sentence.id)
        assert got.counts == {label: expected.get(label, 0) for label in vocab.LABELS}
        assert got.answered == STUDENTS
        assert got.agree_share == pytest.approx(expected[sentence.label] / STUDENTS)
        assert got.rationale == sentence.rationale


def test_alpha_with_its_students_and_items(classroom):
    results, case = classroom["results"], classroom["case"]
    # Independent route: the raters x items matrix (reliability data) instead of the report's value counts.
    codes = {label: number for number, label in enumerate(vocab.LABELS)}
    matrix = [[codes[s.answers[x.id]["label"]] for x in case.sentences] for s in classroom["students"]]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert results.alpha == pytest.approx(expected)
    assert (results.alpha_students, results.alpha_items) == (STUDENTS, len(case.sentences))
    assert f"Krippendorff's alpha = {results.alpha:.2f}" in classroom["report"]
    assert f"from {STUDENTS} students and {len(case.sentences)} sentences" in classroom["report"]


def test_most_disputed_sentences_come_with_the_key_rationale(classroom):
    results = classroom["results"]
    disputed = results.most_disputed()
    shares = [s.modal_share for s in disputed]
    assert shares == sorted(shares) and len(disputed) >= 1
    undisputed = [s for s in results.sentences if s not in disputed]
    assert all(s.modal_share >= shares[-1] for s in undisputed)
    top = disputed[0]
    section = classroom["report"].split('id="discussion"')[1].split('id="sentences"')[0]
    assert f"Sentence {top.id}: {top.split}" in section
    assert top.rationale.replace("'", "&#39;") in section


def test_scores_come_from_the_widgets_own_grading(classroom):
    results, case = classroom["results"], classroom["case"]
    with work_folder(classroom["root"] / "work"):
        for student, score in zip(sorted(classroom["students"], key=lambda s: s.name), results.scores):
            assert score.student == student.name
            assert score.scores["fact_opinion"] == FactOpinionSorter(case, student=student.name).score()


def test_gradebook_one_row_per_student_one_column_per_exercise(classroom):
    results = classroom["results"]
    with classroom["gradebook"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == STUDENTS
    assert [row["student"] for row in rows] == [f"Student {n:02d}" for n in range(1, STUDENTS + 1)]
    exercise_columns = [c for c in rows[0] if c.endswith((" points", " possible"))]
    assert exercise_columns == [f"{e} {kind}" for e in results.exercises for kind in ("points", "possible")]
    assert "fact_opinion" in results.exercises
    for row, score in zip(rows, results.scores):
        points, possible = score.scores["fact_opinion"]
        assert float(row["fact_opinion points"]) == pytest.approx(points, abs=0.005)
        assert int(row["fact_opinion possible"]) == possible


def test_every_bad_file_is_listed_with_its_reason(classroom):
    results, bad = classroom["results"], classroom["bad"]
    assert set(bad) == set(BAD_KINDS)
    rejected = {r.name: r.reason for r in results.rejected}
    superseded = {r.name: r.reason for r in results.superseded}
    expected_reasons = {
        "empty": r"the file is empty",
        "truncated": r"truncated: the JSON stops before it is complete",
        "not_json": r"not JSON \(line 1, column 1",
        "wrong_schema": r"does not match the submission format at kit_version: missing field 'kit_version'",
        "wrong_case": r"for another case \('another-article'\); this report is for 'case-min'",
        "oversized": rf"too large: [\d,]+ bytes, the limit is {MAX_SUBMISSION_BYTES:,} bytes",
        "odd_name": r"file name has characters the report does not accept.*rename a copy to "
                    r"ada-s-final-script-alert-1-script-e\.json",
        "work_file": r"this is a work file",
    }
    for kind, pattern in expected_reasons.items():
        assert re.search(pattern, rejected[bad[kind]]), (kind, rejected[bad[kind]])
    first = classroom["students"][0].submission.name
    assert re.search(rf"superseded by {re.escape(first)}, a later hand-in by Student 01",
                     superseded[bad["older_duplicate"]])
    assert superseded[bad["identical_copy"]] == f"identical to {first} (the same hand-in twice)"
    # Every file is accounted for exactly once.
    accepted = {s.name for s in results.contents.accepted}
    assert len(accepted) == STUDENTS
    all_names = set(classroom["before"])
    assert accepted | set(rejected) | set(superseded) == all_names
    assert not (accepted & set(rejected)) and not (accepted & set(superseded))


def test_report_escapes_file_names_and_holds_no_script_or_link_out(classroom):
    report = classroom["report"]
    assert "<script" not in report.lower()
    assert "Ada&#39;s &#34;final&#34; &lt;script&gt;alert(1)&lt;script&gt; é.json" in report
    assert not re.search(r'(src|href)="(https?:)?//', report)
    charts = re.findall(r'<div class="fprl-bars" role="img" aria-label="([^"]+)"', report)   # HTML bars
    assert len(charts) >= 2 and all(len(alt) > 40 for alt in charts)
    assert "<img" not in report
    assert "Files left out" in report and "The folder was only read" in report
    # The simulated students answered only the fact/opinion exercise.
    students = report.split('id="students"')[1].split("</table>")[0]
    assert students.count('<td class="fprl-num fprl-note">not answered (0 / ') == STUDENTS * (len(classroom["results"].exercises) - 1)


def test_alpha_on_a_hand_checkable_class(case, tmp_path):
    """Three students, three sentences: h all 'fact', p1s1 all 'opinion', p1s2 fact/fact/opinion.

    Coincidences: o(f,f) = 3 + 1, o(o,o) = 3, o(f,o) = o(o,f) = 1; n_f = 5, n_o = 4, n = 9.
    alpha = 1 - (n - 1) * (o(f,o) + o(o,f)) / (2 * n_f * n_o) = 1 - 8 * 2 / 40 = 0.6.
    """
    labels = {"A": ("fact", "opinion", "fact"), "B": ("fact", "opinion", "fact"), "C": ("fact", "opinion", "opinion")}
    with work_folder(tmp_path / "work"):
        for student, chosen in labels.items():
            sorter = FactOpinionSorter(case, student=student, sentences=["h", "p1s1", "p1s2"])
            for sentence_id, label in zip(sorter.items, chosen):
                sorter.answer(sentence_id, {"label": label, "sourcing": "none"})
            hand_in(case, student=student)
    results = class_results(tmp_path / "work" / "submissions", case=case)
    assert results.alpha == pytest.approx(0.6)
    assert (results.alpha_students, results.alpha_items) == (3, 3)
    assert results.sentence("p2s1").answered == 0
    assert [s.id for s in results.most_disputed()] == ["p1s2"]
    assert results.sentence("p1s2").agree_share == 0      # the key says 'mixed'
    assert results.sentence("p1s1").agree_share == 0      # the key says 'fact'


def test_alpha_is_explained_when_it_is_not_defined(case, tmp_path):
    with work_folder(tmp_path / "work"):
        for student in ("A", "B"):
            FactOpinionSorter(case, student=student).answer("h", {"label": "fact", "sourcing": "none"})
            hand_in(case, student=student)
    results = class_results(tmp_path / "work" / "submissions", case=case)
    assert results.alpha is None and "same label" in results.alpha_note
    assert "same label" in results.to_html()


def test_keyless_case_shows_distributions_and_agreement_only(tmp_path):
    from widgets.core.owntext.from_text import case_from_text
    keyless = case_from_text("A Town Votes\n\nThe council met on Monday. It was a wise decision. Everyone agreed.",
                             title="A Town Votes")
    assert not keyless.has_key
    simulate_class(keyless, tmp_path / "work", students=6, seed=3)
    results = class_results(tmp_path / "work" / "submissions", case=keyless)
    assert not results.has_key and results.exercises == [] and results.scores[0].scores == {}
    assert sum(s.answered for s in results.sentences) == 6 * len(keyless.sentences)
    assert all(s.agree_share is None for s in results.sentences)
    assert results.alpha_students == 6
    html = results.to_html()
    assert "has no answer key" in html and "Scores per student" not in html and "agree with key" not in html
    assert 'role="img" aria-label="Stacked bar chart' in html


def test_command_line_writes_report_and_gradebook(classroom, tmp_path, capsys):
    out, gradebook = tmp_path / "r.html", tmp_path / "g.csv"
    code = main(["results", str(classroom["folder"]), "--out", str(out), "--csv", str(gradebook),
                 "--case", str(CASE_MIN)])
    assert code == 0
    assert out.read_text(encoding="utf-8") == classroom["report"]          # same results, same bytes
    assert gradebook.read_bytes() == classroom["gradebook"].read_bytes()
    printed = capsys.readouterr().out
    assert f"{STUDENTS} students" in printed and "Report written to" in printed
    assert folder_fingerprint(classroom["folder"]) == classroom["before"]


def test_command_line_reports_a_missing_folder(tmp_path, capsys):
    assert main(["results", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")]) == 2
    assert "No folder" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_case_is_inferred_from_the_submissions(classroom, tmp_path):
    # The class folder holds one file for another case: without --case the report names both, and decides nothing.
    with pytest.raises(ValueError, match=r"2 cases: another-article \(1 file\); case-min"):
        class_results(classroom["folder"])
    folder = tmp_path / "one-case"
    shutil.copytree(classroom["folder"], folder)
    (folder / classroom["bad"]["wrong_case"]).unlink()
    # case_min is not among the kit's seeds, so without --case the report shows the answers without a key.
    results = class_results(folder)
    assert results.case_id == "case-min" and not results.has_key
    assert len(results.students) == STUDENTS
    assert results.sentence("p1s1").counts == classroom["results"].sentence("p1s1").counts


def _forged_hand_in(folder, case, name):
    """A hand-in edited by hand: the kit refuses such a name when typed (issue 23), the report must still cope."""
    import json

    from widgets.classroom.submission import build_submission
    folder.mkdir(parents=True, exist_ok=True)
    document = build_submission(name, case.id, {"fact_opinion": {"answers": {"h": {"label": "fact",
                                                                                  "sourcing": "none"}}}}, "0.1.0")
    (folder / "forged__case-min.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


def test_gradebook_neutralises_spreadsheet_formulas(case, tmp_path):
    results = class_results(_forged_hand_in(tmp_path / "handins", case, "=HYPERLINK(1)"), case=case)
    assert results.csv_text(results.gradebook_rows()).splitlines()[1].startswith("'=HYPERLINK(1),")


def test_python_dash_m_widgets_results(classroom, tmp_path):
    import subprocess
    import sys
    out, gradebook = tmp_path / "report.html", tmp_path / "gradebook.csv"
    done = subprocess.run([sys.executable, "-m", "widgets", "results", str(classroom["folder"]), "--out", str(out),
                           "--csv", str(gradebook), "--case", str(CASE_MIN)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == classroom["report"]
    assert len(gradebook.read_text(encoding="utf-8").splitlines()) == STUDENTS + 1
    assert folder_fingerprint(classroom["folder"]) == classroom["before"]


def test_odd_answers_and_a_failing_grader_never_stop_the_report(case, tmp_path, monkeypatch):
    import json
    from widgets.classroom import results as results_module
    folder = tmp_path / "class"
    folder.mkdir()
    document = {"format": "fprl-submission", "version": 1, "student": "Odd Answers", "case": case.id,
                "kit_version": "0.1.0", "created": "2026-11-29T10:00:00+00:00",
                "exercises": {"fact_opinion": {"answers": {"h": "fact", "p1s1": {"label": "banana"},
                                                           "nope": {"label": "fact", "sourcing": "none"}}}}}
    (folder / "odd.json").write_text(json.dumps(document), encoding="utf-8")
    results = class_results(folder, case=case)
    assert results.students == ["Odd Answers"] and results.ignored_answers == 3
    assert results.scores[0].scores["fact_opinion"] == (0, len(case.sentences))
    assert "3 answers were not counted" in results.to_html()

    def broken_grader(case, answers, items=None):
        raise RuntimeError("grader bug")
    monkeypatch.setattr(results_module, "_registry", lambda: {"fact_opinion": broken_grader})
    results = class_results(folder, case=case)
    assert results.scores[0].problems["fact_opinion"] == "could not be graded (RuntimeError: grader bug)"
    assert "could not be graded (RuntimeError: grader bug)" in results.to_html()
    assert results.gradebook_rows()[1][3:5] == ["", ""]


def test_without_case_argument_the_kits_own_seed_supplies_the_key(tmp_path):
    from widgets.lesson.class_demo import template_submissions
    seed = load_case(Path(__file__).resolve().parents[2] / "seeds" / "biden-china-2022")
    folder = template_submissions(seed, tmp_path / "class", 12)
    results = class_results(folder)
    assert results.case_id == seed.id and results.has_key and results.title == seed.title
    assert len(results.students) == 12 and "fact_opinion" in results.exercises
    assert all(s.key_label == seed.sentence(s.id).label for s in results.sentences)


def test_report_counts_the_exercise_the_sorter_saves():
    from widgets.classroom.results import FACT_OPINION
    from widgets.core.grading.registry import REGISTRY
    assert FACT_OPINION == FactOpinionSorter.exercise and FACT_OPINION in REGISTRY


def test_student_names_are_escaped_in_the_report(case, tmp_path):
    name = '<img src=x onerror="alert(1)">'
    html = class_results(_forged_hand_in(tmp_path / "handins", case, name), case=case).to_html()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_nominal_alpha_is_krippendorffs():
    """The report's plain-Python alpha gives the krippendorff package's number (nominal, from value counts)."""
    import random

    import krippendorff
    import numpy as np

    from widgets.classroom.results import nominal_alpha

    rng = random.Random(7)
    for _ in range(50):
        counts = [[rng.randint(0, 6) for _ in range(3)] for _ in range(rng.randint(2, 30))]
        if sum(1 for column in zip(*counts) if any(column)) < 2 or sum(sum(r) >= 2 for r in counts) < 1:
            continue
        expected = krippendorff.alpha(value_counts=np.array(counts, dtype=float), level_of_measurement="nominal")
        assert nominal_alpha(counts) == pytest.approx(float(expected), abs=1e-12)
    assert nominal_alpha([[3, 0, 0], [0, 3, 0], [2, 1, 0]]) == pytest.approx(0.6)   # the hand-checked class above


def test_report_reads_the_sections_the_widgets_save():
    """results.py keeps these section names as text (so the report does not import the widgets): keep them in step."""
    from widgets.classroom.results import KEY_SHOWN, RESPONSES
    from widgets.exercises.responses import FreeResponse
    from widgets.exercises.reveal import KEY_SHOWN as SAVED_KEY_SHOWN
    assert KEY_SHOWN == SAVED_KEY_SHOWN and RESPONSES == FreeResponse.exercise
