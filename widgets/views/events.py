"""Answers as an observable trait, so that views which depend on them (a locked key table, the hand-in preview)
unlock or refresh themselves the moment an answer is saved, instead of polling.

Every exercise announces each answer it saves with :func:`announce`; a view observes ``ANSWERS.last``::

    ANSWERS.observe(callback, names="last")      # change["new"] = {"student", "case", "exercise", "item", "count"}

No ipywidgets here: traitlets only.
"""
from __future__ import annotations

import traitlets

from widgets.classroom.hub import client as hub_client


class AnswerEvents(traitlets.HasTraits):
    """The latest answer saved by any exercise in this kernel."""

    last = traitlets.Dict(help="{'student', 'case', 'exercise', 'item', 'count'} of the latest saved answer")

    def __init__(self):
        super().__init__()
        self._count = 0

    def announce(self, student: str, case_id: str, exercise: str, item: str) -> None:
        self._count += 1   # a new dict every time, so an identical answer given twice still notifies
        self.last = {"student": student, "case": case_id, "exercise": exercise, "item": item, "count": self._count}


ANSWERS = AnswerEvents()
# Under a hub whose class sends answers as they are saved, they also go to the hand-in service (widgets/classroom/hub/client.py).
hub_client.watch_answers(ANSWERS)


def announce(student: str, case_id: str, exercise: str, item: str) -> None:
    ANSWERS.announce(student, case_id, exercise, item)
