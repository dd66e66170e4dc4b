"""ExitTicket: the three questions that end a class period (one choice each). Grading: widgets/core/grading/exit_tickets.py."""
from __future__ import annotations

import ipywidgets as ipw

from widgets.exercises.base import Exercise
from widgets.exercises.feedback import sentence_block
from widgets.core.grading import exit_tickets
from widgets.core.text import escape as esc


class ExitTicket(Exercise):
    """``ExitTicket(case, "record")``: the ticket's three questions, one at a time. Value of an answer: the chosen
    text, one of the question's choices. An answer is final once checked (the key's answer and why are shown).
    Saved in the case's work file (exercise "exit_tickets"), so it is in the hand-in, the gradebook and the report.
    """

    exercise = exit_tickets.KEY
    noun = "question"
    merge_assigned = True       # several tickets (one per period) share the section: each adds its questions

    def __init__(self, case, ticket: str, student=None):
        self.ticket = exit_tickets.load_ticket(ticket)
        self._questions = {q.id: q for q in self.ticket.questions}
        super().__init__(case, self.ticket.question_ids, student=student,
                         title_html=f"<h3 class='fprl-title'>{esc(self.ticket.title)}</h3>")

    def _build_item_area(self):
        self.question_html = ipw.HTML()
        self.choice = ipw.RadioButtons(options=[], value=None, tooltip="Choose one answer",
                                      layout=ipw.Layout(width="auto"))
        return ipw.VBox([self.question_html, self.choice])

    def _show_item(self, item_id, locked):
        question = self._questions[item_id]
        self.question_html.value = str(sentence_block(question.text))
        self.choice.options = question.choices
        self.choice.value = self._answers.get(item_id)
        self.choice.disabled = locked

    def _value_from_controls(self):
        return self.choice.value

    def _normalise(self, item_id, value):
        return exit_tickets.normalise(value, self._questions.get(item_id))

    def _item_feedback(self, item_id):
        return exit_tickets.grade_exit_tickets(self.case, self._answers, [item_id]).items[item_id]

    def __repr__(self):
        return f"{self.ticket.title}: {len(self.items)} questions. Run this cell to answer them."
