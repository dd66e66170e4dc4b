"""Exit tickets follow the exercise protocol: graded from data, one registry line, and so scored in the widget, the
summary, the hand-in, the gradebook and the class report alike."""
import json

import pytest

from widgets.classroom.checks import handin_flags

from widgets.core.lesson.plans import current_path, teacher_assignment

from widgets import ExitTicket, hand_in
from widgets.classroom.results import class_results
from widgets.core.grading import exit_tickets, registry
from widgets.core.grading.scoring import score_sections
from widgets.core.schemas import load_yaml


def test_every_ticket_has_three_questions_whose_answer_is_a_choice():
    tickets = exit_tickets.load_tickets()
    assert {t.lesson for t in tickets.values()} == {"03_claims_and_sources.ipynb", "06_checking_the_record.ipynb",
                                                    "08_two_spins.ipynb"}
    for ticket in tickets.values():
        assert len(ticket.questions) == 3
        assert all(q.answer in q.choices and q.why for q in ticket.questions)


def test_a_broken_ticket_file_is_refused_naming_the_field(tmp_path, monkeypatch):
    broken = tmp_path / "tickets.yaml"
    text = exit_tickets.DATA_FILE.read_text(encoding="utf-8").replace('answer: "The Chinese"', 'answer: "Both"')
    broken.write_text(text, encoding="utf-8")
    monkeypatch.setattr(exit_tickets, "DATA_FILE", broken)
    exit_tickets.load_tickets.cache_clear()
    try:
        with pytest.raises(exit_tickets.ExitTicketError, match=r"tickets\[0\]\.questions\[0\]\.answer: is not one"):
            exit_tickets.load_tickets()
    finally:
        exit_tickets.load_tickets.cache_clear()
    assert load_yaml("exit_tickets", exit_tickets.DATA_FILE)[1] == []


def test_the_widget_the_summary_the_hand_in_and_the_report_give_one_score(case):
    assert registry.REGISTRY["exit_tickets"] is exit_tickets.grade_exit_tickets
    ticket = ExitTicket(case, "record", student="Ada")
    assert repr(ticket).startswith("Exit ticket: facts, framing and the record: 3 questions.")
    ticket.answer("x2a", "A fact mixed with a judgement")
    ticket.answer("x2b", "the word is a technical term")
    assert "the key says <b>the writer doubts or mocks the word</b>" in ticket.feedback.value
    assert "distance the writer" in ticket.feedback.value            # the key's reason, after the answer only
    with pytest.raises(ValueError, match="already answered"):
        ticket.answer("x2a", "Only a fact")
    with pytest.raises(ValueError, match="Choose one of the answers shown"):
        ticket.answer("x2c", "Something else")
    assert ticket.score() == (1, 3)
    ExitTicket(case, "actors-claims", student="Ada").answer("x1a", "The Chinese")   # a second period's ticket
    scores = score_sections(case, ticket._work.__class__("Ada", case.id).data["exercises"],
                            teacher_assignment(case, current_path()))
    # the teacher's assignment decides: the full path (the default) asks the tickets of lessons 3, 6 and 8
    assert (scores["exit_tickets"].points, scores["exit_tickets"].possible) == (2, 9)
    path = hand_in(case, student="Ada")
    results = class_results(path.parent, case=case)
    assert results.scores[0].scores["exit_tickets"] == (2.0, 9)
    assert ["Ada", "exit_tickets", "x2b", "yes", "wrong", "0", "1", "yes"] in results.item_rows()
    assert not [reason for reason in handin_flags(json.loads(path.read_text(encoding="utf-8")), case)
                if "exit_tickets" in reason]                       # ticket ids are items the case knows


def test_no_key_before_the_answer(case):
    ticket = ExitTicket(case, "spins", student="Bo")
    shown = ticket.question_html.value + ticket.feedback.value + str(ticket.choice.options)
    assert "baseline" not in ticket.feedback.value and "If the same words" not in shown
