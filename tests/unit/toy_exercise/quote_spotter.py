"""QuoteSpotter: the widget of the quotes exercise (one sentence at a time, two choices)."""
import ipywidgets as ipw

from widgets.exercises.base import Exercise, choose_items
from widgets.exercises.feedback import sentence_block

from . import quotes


class QuoteSpotter(Exercise):
    exercise = quotes.KEY
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, lesson=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case)   # lesson=: the items its plan assigns
        super().__init__(case, items, student=student, title_html="<h3 class='fprl-title'>Who is quoted?</h3>")

    def _build_item_area(self):
        self.sentence_html = ipw.HTML()
        self.choice = ipw.RadioButtons(options=quotes.CHOICES, value=None, description="This sentence:")
        return ipw.VBox([self.sentence_html, self.choice])

    def _show_item(self, item_id, locked):
        self.sentence_html.value = str(sentence_block(self.case.sentence(item_id).text))
        self.choice.value = self._answers.get(item_id)
        self.choice.disabled = locked

    def _value_from_controls(self):
        return self.choice.value

    def _normalise(self, item_id, value):
        return quotes.normalise(value)

    def _item_feedback(self, item_id):
        return quotes.grade_quotes(self.case, self._answers, [item_id]).items[item_id]
