"""Free responses: a first impression, a rewritten headline, a reflection. Saved as the student types.
Grading (written or not): widgets/core/grading/responses.py."""
from __future__ import annotations

import ipywidgets as ipw

from widgets.core import schemas
from widgets.exercises.base import Exercise
from widgets.core.errors import AnswerError, shows_errors
from widgets.core.grading.responses import KEY, MAX_CHARS, grade_responses
from widgets.core.text import escape as esc
from widgets.core.text import shorten



class FreeResponse(Exercise):
    """A written answer to one prompt, saved on every change under ``key`` in the exercise "responses".

    Value of an answer: a string (at most MAX_CHARS characters). ``key`` names the question in the save file,
    e.g. "first_impression" (letters, digits, _ and -).
    """

    exercise = KEY
    noun = "response"
    answers_are_final = False
    check_label = "Save"
    merge_assigned = True   # one widget per question: the save file lists every question asked

    def __init__(self, case, key, prompt, student=None, placeholder="Type your answer here."):
        if not isinstance(key, str) or not schemas.pattern("id").fullmatch(key):
            raise ValueError(f"key must be a short name of letters, digits, _ or - (starting with a letter or digit), "
                             f"not {key!r}.")
        self.prompt = str(prompt)
        self._placeholder = placeholder
        super().__init__(case, (key,), student=student,
                         title_html=f"<p><label><b>{esc(self.prompt)}</b></label></p>")
        self.score_button.layout.display = "none"
        self.check_button.tooltip = "Your answer is saved as you type; press to save now"

    def _build_item_area(self):
        self.text = ipw.Textarea(value=self._answers.get(self.items[0], ""), placeholder=self._placeholder,
                                 description="Your answer:", tooltip=self.prompt, continuous_update=True,
                                 style={"description_width": "initial"},
                                 layout=ipw.Layout(width="100%", height="6em"))
        self.text.observe(self._on_text, names="value")
        return self.text

    @shows_errors
    def _on_text(self, change):
        self.answer(self.items[0], change["new"])

    def _show_item(self, item_id, locked):
        saved = self._answers.get(item_id, "")
        if self.text.value != saved:
            self.text.value = saved

    def _value_from_controls(self):
        return self.text.value

    def _normalise(self, item_id, value):
        if not isinstance(value, str):
            raise AnswerError(f"An answer is text, not {type(value).__name__}.")
        if len(value) > MAX_CHARS:
            raise AnswerError(f"Please keep your answer under {MAX_CHARS} characters (it has {len(value)}).")
        return value

    def _item_feedback(self, item_id):
        return grade_responses(self.case, self._answers, self.items).items[item_id]

    def check(self):
        grade = self._grade()
        self._show_feedback("<p>Saved. There is no single right answer here.</p>" if grade.correct
                            else "<p>Nothing written yet.</p>")
        return grade

    def __repr__(self):
        return f"FreeResponse {self.items[0]!r}: {shorten(self.prompt, 45)} Run this cell to answer."
