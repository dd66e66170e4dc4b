"""Actors: mark who acts or speaks, in the text itself, and say what kind of actor each is.
Grading: widgets/core/grading/actors.py (pure)."""
from __future__ import annotations

from markupsafe import Markup

from widgets.core import vocab
from widgets.exercises.marking import MarkingExercise
from widgets.core.grading.actors import grade_actor_sentence, normalise_answer
from widgets.core.render import render


class ActorTagger(MarkingExercise):
    """Mark the actors in each sentence (press their words) and choose each one's kind.

    Value of an answer: a list of ``{"start": int, "end": int, "kind": one of vocab.ACTOR_KINDS}``, character
    offsets in the sentence text (end exclusive). An empty list means "no actor in this sentence".
    ``sentences``: the sentence ids to ask about (default: all); or ``lesson`` (and ``path``): the lesson notebook
    whose plan assigns them (see FactOpinionSorter).
    """

    exercise = "actors"
    choice_field = "kind"
    phrase_hint = "actor"
    missing_choice = "Choose a kind for “{phrase}” first."
    heading = "Who are the actors?"
    instructions = Markup(
        "<p>Press the words that name a person, government, institution, media outlet or group (press again to "
        "unmark). Words next to each other form one name. Choose a kind for each, then press <b>Check my "
        "answer</b>. If there is no actor in the sentence, press it without marking anything.</p>")
    help_summary = "What the kinds mean"

    def choices(self):
        return vocab.ACTOR_KIND_DESCRIPTIONS

    def _normalise(self, item_id, value):
        return normalise_answer(self.case.sentence(item_id), value)

    def _item_feedback(self, item_id):
        return grade_actor_sentence(self.case, self.case.sentence(item_id), self._answers.get(item_id))[0]

    def _summary_extra_html(self):
        implied = [actor for actor in self.case.actors if actor.implied]
        if not implied:
            return ""
        return str(render("key_implied_actors.html.j2", actors=implied))
