"""FactOpinionSorter: commit first, then the key's label, sourcing, rationale and other defensible labels."""


from widgets.core.case import Alternative, Case, Sentence
from widgets.exercises.fact_opinion import FactOpinionSorter
from widgets.core.grading.fact_opinion import grade_fact_opinion



def click_answer(sorter, label, sourcing):
    sorter.label_choice.value = label
    sorter.sourcing_choice.value = sourcing
    sorter.check_button.click()


def test_key_is_hidden_until_the_student_commits(case):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.label_choice.value = "fact"
    assert sorter.feedback.value == "" and "quotation marks" not in sorter.sentence_html.value
    sorter.sourcing_choice.value = "none"
    assert sorter.feedback.value == ""
    sorter.check_button.click()
    assert "Why the key says mixed" in sorter.feedback.value


def test_right_answer_by_clicking(case):
    sorter = FactOpinionSorter(case, student="Ada")
    sorter.next_button.click()
    click_answer(sorter, "fact", "named")
    assert "✔ Right" in sorter.feedback.value and "✘" not in sorter.feedback.value
    assert "A signing on a given day can be checked" in sorter.feedback.value
    assert sorter.check_button.disabled and sorter.check_button.description == "Answer saved"
    assert sorter.label_choice.disabled and sorter.sourcing_choice.disabled
    assert sorter.score() == (1, 4)


def test_wrong_answer_names_the_key_and_its_sourcing(case):
    sorter = FactOpinionSorter(case, student="Ada", sentences=["p2s1"])
    click_answer(sorter, "fact", "named")
    text = sorter.feedback.value
    assert "✘" in text and "the key says <b>opinion</b>" in text and "the key says <b>unattributed</b>" in text
    assert "Unattributed: presents information" in text
    assert sorter.score() == (0, 1)
    assert sorter.check().points == 0


def test_defensible_label_gets_half_credit_and_says_so(case):
    sorter = FactOpinionSorter(case, student="Ada", sentences=["h"])
    click_answer(sorter, "fact", "none")
    text = sorter.feedback.value
    assert "◐ Partly right" in text and "accepts <b>fact</b> as defensible (half credit)" in text
    assert "Stripped of the quotation marks" in text
    grade = sorter.check()
    assert (grade.correct, grade.total, grade.points) == (0, 1, 0.75)
    assert "partial credit" in sorter.feedback.value


def test_other_defensible_labels_are_listed_after_a_key_answer(case):
    sorter = FactOpinionSorter(case, student="Ada", sentences=["h"])
    click_answer(sorter, "mixed", "none")
    assert "Other labels a careful reader could defend" in sorter.feedback.value
    assert "<b>fact</b>: Stripped of the quotation marks" in sorter.feedback.value


def test_no_alternatives_is_said_plainly(case):
    sorter = FactOpinionSorter(case, student="Ada", sentences=["p1s2"])
    click_answer(sorter, "mixed", "anonymous")
    assert "lists no other defensible label" in sorter.feedback.value


def test_score_over_all_sentences_and_summary(case):
    sorter = FactOpinionSorter(case, student="Ada")
    for item, value in [("h", ("mixed", "none")), ("p1s1", ("fact", "named")), ("p1s2", ("opinion", "anonymous"))]:
        sorter.answer(item, {"label": value[0], "sourcing": value[1]})
    grade = sorter.check()
    assert (grade.correct, grade.total, grade.answered) == (2, 4, 3)
    assert "Score: 2 of 4 sentences" in sorter.feedback.value
    sorter.score_button.click()
    assert "Score: 2 of 4 sentences" in sorter.feedback.value


def test_restored_answers_show_locked_with_feedback(case):
    FactOpinionSorter(case, student="Ada").answer("h", {"label": "opinion", "sourcing": "none"})
    again = FactOpinionSorter(case, student="Ada")
    assert again.label_choice.value == "opinion" and again.label_choice.disabled
    assert "Why the key says mixed" in again.feedback.value
    again.next_button.click()
    assert again.label_choice.value is None and not again.label_choice.disabled and again.feedback.value == ""


def test_keyless_case_is_not_graded():
    keyless = Case(id="mine", title="Mine", meta={}, sentences=(Sentence("h", 0, "My headline"),
                                                                 Sentence("p1s1", 1, "My text.")))
    sorter = FactOpinionSorter(keyless, student="Ada")
    click_answer(sorter, "fact", "none")
    assert "no answer key" in sorter.feedback.value
    assert sorter.score() == (0, 0)


def test_everything_from_the_case_is_escaped():
    evil = "<script>alert(1)</script>"
    case = Case(id="evil", title="x", meta={}, sentences=(
        Sentence("h", 0, f"Head {evil}", "opinion", "none", "because <img src=x onerror=alert(2)>",
                 (Alternative("mixed", f"why {evil}"),)),))
    sorter = FactOpinionSorter(case, student="Ada")
    assert "<script" not in sorter.sentence_html.value and "&lt;script&gt;" in sorter.sentence_html.value
    click_answer(sorter, "fact", "named")
    assert "<script" not in sorter.feedback.value and "<img" not in sorter.feedback.value
    assert "&lt;img src=x onerror=alert(2)&gt;" in sorter.feedback.value


def test_pure_grade_matches_widget(case):
    answers = {"h": {"label": "mixed", "sourcing": "none"}, "p2s1": {"label": "opinion", "sourcing": "named"}}
    grade = grade_fact_opinion(case, answers)
    assert (grade.correct, grade.total, grade.points) == (1, 4, 1.5)
    assert grade.items["p1s1"].status == "unanswered" and grade.items["p2s1"].status == "partly"
