"""Verdicts that move with evidence: a first verdict before the evidence, a second one after it.

A small extension of VerdictPicker (ClaimMarker's verdict mode, widgets/exercises/verdicts.py). The first verdict is saved in the exercise
"verdicts", exactly as ClaimMarker(mode="verdict") saves it, and is never overwritten; the verdict after the evidence
goes to "verdicts_after". Both travel in the hand-in; the class report shows how verdicts moved
(widgets/core/grading/verdict_moves.py, pure).
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.core.evidence import between_verdicts_html
from widgets.exercises import feedback as feedback_html   # not `render`: that is widgets.core.render.render
from widgets.core.errors import AnswerError
from widgets.views.events import announce
from widgets.exercises.verdicts import VerdictPicker
from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Status
from widgets.core.grading.verdicts import claim_by_id, grade_verdict, grade_verdicts, normalise_verdict
from widgets.core.grading.verdict_moves import AFTER
from widgets.core.render import render as render_template
from widgets.core.storage import FinalAnswerError, StorageError
from widgets.core.text import escape as esc


class VerdictBeforeAfter(VerdictPicker):
    """Judge each claim twice: before and after seeing the evidence.

    Items: claim ids (``claims``, or the ones a lesson's plan assigns: ``lesson=``, ``path=``, as for
    ClaimMarker; default all). ``answer(claim_id, verdict)`` records the first verdict (exercise
    "verdicts"); the evidence is then shown (``check()`` shows it too), but not the key's verdict. A second
    ``answer(claim_id, verdict)`` records the verdict after the evidence (exercise "verdicts_after"); only then
    does the key's verdict appear. Neither is ever overwritten. ``.before`` and ``.after`` give both.
    """

    after_exercise = AFTER
    shown_name = "VerdictBeforeAfter"
    heading = "Your verdict, before and after the evidence"
    instructions = ("<p>Choose your verdict on the highlighted claim and press <b>Check my answer</b>. You will then "
                    "see the evidence. Read it, and give your verdict again (the same or a new one). Only then is "
                    "the key's verdict shown. Both verdicts are kept.</p>")

    def __init__(self, case, student=None, claims=None, lesson=None, path=None):
        self._after = {}
        super().__init__(case, student=student, claims=claims, lesson=lesson, path=path)
        self._refresh()

    @property
    def before(self) -> dict:
        return dict(self._answers)

    @property
    def after(self) -> dict:
        return dict(self._after)

    # ---- protocol

    def answer(self, item_id, value):
        if item_id not in self.items:
            raise AnswerError(f"{item_id!r} is not one of this exercise's claims: {', '.join(self.items)}.")
        if item_id not in self._answers:
            self.answers_are_final = False           # the base class records the first verdict as usual
            try:
                return super().answer(item_id, value)
            finally:
                self.answers_are_final = True
        if item_id in self._after:
            raise AnswerError(f"You gave claim {item_id} a verdict before and after the evidence; both stay as "
                              "they are.")
        value = normalise_verdict(value)
        self._after[item_id] = value
        self.problem.value = ""
        self._follow_student()
        if self._work is not None:
            try:
                self._work.record(AFTER, item_id, value)
                self._status_html(f"Saved your verdict after the evidence for {esc(self.student)}.")
            except FinalAnswerError as error:    # another tab saved a verdict after the evidence first
                self._sync_from_work()
                self._refresh()
                raise AnswerError(str(error)) from None
            except (StorageError, OSError) as error:
                self._status_html(f"⚠ Could not save: {esc(error)}. Your answer is kept while this notebook runs.")
        announce(self.student, self.case.id, AFTER, item_id)   # a locked key table waiting for it opens now
        if self.current_item != item_id:
            self.position = self.items.index(item_id)
        else:
            self._refresh()
        return value

    def check(self) -> Grade:
        """Show the evidence for the current claim (after a first verdict), or the key's verdict (after the
        second); returns the Grade of the verdicts given after the evidence."""
        grade = self._grade()
        after = len(self._after)
        summary = str(render_template("verdicts_after_summary.html.j2", right=grade.correct, after=after,
                                      before=len(self._answers)))
        self._show_feedback(summary + self._feedback_html(self.current_item, self._item_feedback(self.current_item)))
        return grade

    def _grade(self) -> Grade:
        """Verdicts after the evidence, graded on the claims that have one."""
        items = [item for item in self.items if item in self._after]
        if not items:
            return Grade(0, 0, unit="claims")
        return grade_verdicts(self.case, self._after, items=items)

    # ---- saving and display

    def _restore(self):
        super()._restore()
        self._load_after()

    def _load_after(self):
        """The verdicts after the evidence in the save file, for claims with a first verdict here."""
        self._after = {}
        if getattr(self, "_work", None) is None:
            return
        for item_id, value in self._work.answers(AFTER).items():
            if item_id in self.items and item_id in self._answers:
                try:
                    self._after[item_id] = normalise_verdict(value)
                except ValueError:
                    pass

    def _sync_from_work(self):
        super()._sync_from_work()
        self._load_after()

    def _item_feedback(self, item_id) -> ItemFeedback:
        """The verdict after the evidence graded; ungraded while only the first verdict is given."""
        first = self._answers.get(item_id)
        if first is None:
            return UNANSWERED
        second = self._after.get(item_id)
        if second is None:
            return ItemFeedback(None, 0.0, Status.UNGRADED, kind=self.after_exercise, answer=first)
        return grade_verdict(self.case, claim_by_id(self.case, item_id), second)

    def _feedback_html(self, item_id, feedback) -> str:
        first, second = self._answers.get(item_id), self._after.get(item_id)
        if first is None:
            return ""
        claim = claim_by_id(self.case, item_id)
        reading = Markup(between_verdicts_html(self.case, claim))
        if second is None:
            return str(Markup("<p>Your first verdict: <b>{}</b>. Now read the evidence, then choose your verdict "
                              "again and press <b>Save my verdict after the evidence</b>.</p>{}").format(
                first, reading))
        moved = "kept it" if first == second else "changed your mind"
        return str(Markup("<p>Before the evidence: <b>{}</b> → after: <b>{}</b> (you {}).</p>").format(
            first, second, moved) + feedback_html.item_html(self.case, item_id, feedback) + reading)

    def _refresh(self):
        if not hasattr(self, "_after"):
            return
        super()._refresh()
        item_id = self.current_item
        waiting = item_id in self._answers and item_id not in self._after
        self._show_feedback(self._feedback_html(item_id, self._item_feedback(item_id)))
        self.check_button.disabled = not waiting and item_id in self._answers
        self.check_button.description = ("Save my verdict after the evidence" if waiting else
                                         "Both verdicts saved" if item_id in self._after else self.check_label)
        self.verdict_choice.disabled = item_id in self._after
        if waiting:
            self.verdict_choice.value = None
        elif item_id in self._after:
            self.verdict_choice.value = self._after[item_id]

    def __repr__(self):
        return (f"VerdictBeforeAfter: {len(self.items)} claims, each judged before and after the evidence. "
                "Run this cell to start.")
