"""The shared exercise protocol (CONTRIBUTING.md, "The exercise protocol"): the `Exercise` base widget.

An exercise is an ``ipw.VBox`` whose answers are saved the moment they are given. Grading lives in pure functions
in widgets/core/grading/ (one module per exercise, registered in widgets/core/grading/registry.py) that the widgets and the
class report share; feedback is turned into HTML in widgets/exercises/feedback.py. Callbacks never raise into the
notebook: ``@shows_errors`` (widgets/core/errors.py) shows the problem in the widget.
"""
from __future__ import annotations

import ipywidgets as ipw
import traitlets

from widgets.core.errors import AnswerError, shows_errors
from widgets.core.evidence import kit_notice_html  # an article written for the kit says so (issue 14)
from widgets.core.grading.registry import REGISTRY
from widgets.core.grading.results import Grade, ItemFeedback, check_item_ids
from widgets.core.lesson.plans import assigned_items
from widgets.core.storage import FinalAnswerError, StorageError, WorkFile, clean_student_name, current_student
from widgets.core.text import escape as esc
from widgets.exercises import feedback as feedback_html  # not `render`: that is widgets.core.render.render
from widgets.views.access import view_head
from widgets.views.events import announce


def choose_items(kind: str, explicit, known, *, lesson=None, exercise: str = "", case=None, path=None) -> tuple:
    """The items an exercise asks: `explicit` ids (``sentences=`` / ``claims=``), or the ones the lesson's plan
    assigns on the student's path (``lesson="04_fact_opinion_mixed.ipynb"``, see widgets.lesson.assigned_items),
    or else every known item."""
    if lesson is not None:
        if explicit is not None:
            raise ValueError(f"Give the {kind} ids or lesson=, not both.")
        explicit = assigned_items(lesson, exercise, case, path)
    return check_item_ids(kind, explicit, known)


class Exercise(ipw.VBox):
    """Base of every exercise widget: items shown one at a time, answers saved at once, feedback, status line.

    Subclasses set `exercise`, `noun`, build their controls in `_build_item_area()`, and implement
    `_normalise(item_id, value)`, `_item_feedback(item_id)`, `_grade()`, `_show_item(item_id)` and
    `_value_from_controls()`.
    """
    exercise = ""               # key in the save file
    noun = "item"               # what an item is called in the interface
    answers_are_final = True    # the key is shown after an answer, so the answer cannot be changed afterwards
    check_label = "Check my answer"

    position = traitlets.Int(0, help="Index in .items of the item shown")
    answered = traitlets.Tuple(help="Ids of the items answered so far, in item order (observable: views that "
                                    "depend on the answers observe it instead of polling)")
    # How the items this exercise asks are kept in the save file ("assigned"): replaced by the latest exercise
    # built (an exercise asks all its items at once), or merged (one FreeResponse per question).
    merge_assigned = False

    def __init__(self, case, items, student=None, title_html=""):
        super().__init__()
        self.case = case
        self.items = tuple(items)
        if not self.items:
            raise ValueError(f"Nothing to answer: this case has no {self.noun}s for {type(self).__name__}.")
        # Without `student=`, the widget saves under the name the student saved, also one saved after it was built.
        self._follows_name = student is None
        self.student = clean_student_name(student) if student is not None else current_student()
        self._answers: dict = {}
        self.add_class("fprl-exercise")
        self.add_class(f"fprl-{self.exercise}")   # lets browser tests and teachers' CSS find one exercise

        self.title = ipw.HTML(kit_notice_html(case) + str(title_html))
        self.feedback = ipw.HTML(layout=ipw.Layout(min_height="1em"))
        self.feedback.add_class("fprl-feedback")
        self.problem = ipw.HTML()
        self.status = ipw.HTML()
        self.status.add_class("fprl-status")
        for live in (self.feedback, self.problem, self.status):
            live.add_class("fprl-live")   # read out when it changes (views/access.js)
        self.feedback.add_class("fprl-outcome")   # focus goes here after "Check my answer" (views/access.js)

        self.previous_button = ipw.Button(description="◀ Previous", tooltip=f"Go to the previous {self.noun}",
                                          layout=ipw.Layout(width="auto"))
        self.next_button = ipw.Button(description="Next ▶", tooltip=f"Go to the next {self.noun}",
                                      layout=ipw.Layout(width="auto"))
        self.where = ipw.HTML()
        self.where.add_class("fprl-live")   # "Sentence 2 of 5": said when the next item shows
        self.previous_button.on_click(self._on_previous)
        self.next_button.on_click(self._on_next)
        self.check_button = ipw.Button(description=self.check_label, button_style="primary",
                                       tooltip="Commit your answer and see the key's answer",
                                       layout=ipw.Layout(width="auto"))
        self.check_button.on_click(self._on_check)
        self.score_button = ipw.Button(description="Show my score", tooltip="Show how many answers match the key",
                                       layout=ipw.Layout(width="auto"))
        self.score_button.on_click(self._on_score)

        self._restore()
        self._record_assigned()
        self.answered = self._answered_ids()
        item_area = self._build_item_area()
        navigation = ipw.HBox([self.previous_button, self.where, self.next_button],
                              layout=ipw.Layout(align_items="center"))
        if len(self.items) < 2:
            navigation.layout.display = "none"
        actions = ipw.HBox([self.check_button, self.score_button])
        self.children = [*view_head(), self.title, navigation, item_area, actions, self.problem, self.feedback,
                         self.status]
        self.observe(self._on_position, names="position")
        self._refresh()

    @traitlets.validate("position")
    def _valid_position(self, proposal):
        if not 0 <= proposal["value"] < len(self.items):
            raise traitlets.TraitError(f"position must be from 0 to {len(self.items) - 1}.")
        return proposal["value"]

    # ---- protocol

    def answer(self, item_id, value):
        """Record an answer exactly as the interface does: check it, save it, show the item's feedback."""
        if item_id not in self.items:
            raise AnswerError(f"{item_id!r} is not one of this exercise's {self.noun}s: {', '.join(self.items)}.")
        if self.answers_are_final and item_id in self._answers:
            raise AnswerError(f"You already answered {self.noun} {item_id} and have seen the key, "
                              "so that answer stays as it is.")
        value = self._normalise(item_id, value)
        self._answers[item_id] = value
        self.problem.value = ""
        self._save(item_id, value)
        self.answered = self._answered_ids()
        announce(self.student, self.case.id, self.exercise, item_id)
        if self.items[self.position] != item_id:
            self.position = self.items.index(item_id)  # shows the item, and with it the feedback
        else:
            self._refresh()
        return value

    def check(self) -> Grade:
        """Show the score so far (and the current item's feedback) and return the Grade."""
        grade = self._grade()
        item_id = self.items[self.position]
        current = grade.items.get(item_id)
        item_html = self._feedback_html(item_id, current) if current is not None else ""
        self._show_feedback(str(feedback_html.summary_html(grade)) + str(self._summary_extra_html()) + str(item_html))
        return grade

    def score(self) -> tuple[float, int]:
        """(points, possible points): partial credit included, e.g. (3.5, 4)."""
        grade = self._grade()
        return round(grade.points, 4), grade.total

    @property
    def answers(self) -> dict:
        """A copy of the answers given so far: {item_id: value}."""
        return dict(self._answers)

    @property
    def current_item(self):
        return self.items[self.position]

    def __repr__(self):
        count = len(self.items)
        return (f"{getattr(self, 'shown_name', type(self).__name__)}: {count} {self.noun}{'' if count == 1 else 's'}. "
                "Run this cell to start the exercise.")

    def _answered_ids(self) -> tuple:
        return tuple(item for item in self.items if item in self._answers)

    # ---- saving

    def _record_assigned(self):
        """Keep in the save file which items this exercise asks (the hand-in and the gradebook score over them)."""
        if self._work is None:
            return
        try:   # merged with the file's list under the save lock (two kernels adding at once lose nothing)
            self._work.set_section_field(self.exercise, "assigned", list(self.items), union=self.merge_assigned)
        except (StorageError, OSError) as error:
            self._status_html(f"⚠ Could not save: {esc(error)}. Your answers are kept while this notebook runs.")

    def _restore(self):
        try:
            self._work = WorkFile(self.student, self.case.id)
        except (StorageError, ValueError) as error:
            self._work = None
            self._status_html(f"⚠ Your answers cannot be saved: {esc(error)} They are kept while this notebook "
                              "runs; ask your teacher.")
            return
        skipped = 0
        for item_id, value in self._work.answers(self.exercise).items():
            if item_id not in self.items:
                continue  # another widget's items, or another selection of sentences: kept in the file
            try:
                self._answers[item_id] = self._normalise(item_id, value)
            except ValueError:
                skipped += 1
        parts = []
        if self._work.notice:
            parts.append("⚠ " + esc(self._work.notice))
        if self._answers:
            count = len(self._answers)
            parts.append(f"Restored {count} saved answer{'' if count == 1 else 's'} for {esc(self.student)}.")
        if skipped:
            parts.append(f"{skipped} saved answer(s) no longer fit this exercise and were left in the file.")
        self._status_html(" ".join(parts) or f"Your answers are saved as you go, for {esc(self.student)}.")

    def _follow_student(self):
        """When the student has saved a (new) name since this widget was built, save under it from now on."""
        if not self._follows_name or self._work is None:
            return
        name = current_student()
        if name == self.student:
            return
        try:
            work = WorkFile(name, self.case.id)
        except (StorageError, ValueError):
            return
        work.follow(self._work)
        self.student, self._work = name, work

    def _save(self, item_id, value):
        self._follow_student()
        if self._work is None:
            return
        try:
            self._work.record(self.exercise, item_id, value)
        except FinalAnswerError as error:   # another tab saved a final answer first: show that one, say so
            self._sync_from_work()
            self._refresh()
            raise AnswerError(str(error)) from None
        except (StorageError, OSError, ValueError) as error:
            on_disk = len(set(self._work.saved_answers(self.exercise)) & set(self.items))
            self._status_html(f"⚠ Could not save: {esc(error)} Your answer is kept while this notebook runs and "
                              f"saved with the next one ({on_disk} of {len(self.items)} are in the file).")
            return
        notice = f"⚠ {esc(self._work.notice)} " if self._work.notice else ""
        on_disk = len(set(self._work.saved_answers(self.exercise)) & set(self.items))   # what the file holds
        self._status_html(f"{notice}Saved ({on_disk} of {len(self.items)} answered) "
                          f"for {esc(self.student)} in {esc(self._work.path.name)}.")

    def _sync_from_work(self):
        """Take this exercise's answers from the save file as last read (after a final answer there was kept)."""
        self._answers = {}
        for item_id, value in self._work.answers(self.exercise).items():
            if item_id in self.items:
                try:
                    self._answers[item_id] = self._normalise(item_id, value)
                except ValueError:
                    pass
        self.answered = self._answered_ids()

    def _status_html(self, text):
        self.status.value = f'<p class="fprl-hint">{text}</p>'

    # ---- navigation and display

    def _refresh(self):
        item_id = self.items[self.position]
        locked = self.answers_are_final and item_id in self._answers
        # Feedback first: it is what the student waits for. Then the item, then the position label, which
        # therefore tells (a test, or a quick student) that the item on screen is the new one.
        if locked:
            self._show_feedback(self._feedback_html(item_id, self._item_feedback(item_id)))
        else:
            self._show_feedback("")
        self._show_item(item_id, locked)
        self.where.value = f"<span>{self.noun.capitalize()} {self.position + 1} of {len(self.items)}</span>"
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position >= len(self.items) - 1
        self.check_button.disabled = locked
        self.check_button.description = "Answer saved" if locked else self.check_label

    def _show_feedback(self, message_html: str):
        """Show feedback (read out by the view's live region, and focused after "Check my answer")."""
        self.feedback.value = f'<div>{message_html}</div>' if message_html else ""

    @shows_errors
    def _on_position(self, change):
        self.problem.value = ""
        self._refresh()

    @shows_errors
    def _on_previous(self, _button):
        if self.position > 0:
            self.position -= 1

    @shows_errors
    def _on_next(self, _button):
        if self.position < len(self.items) - 1:
            self.position += 1

    @shows_errors
    def _on_check(self, _button):
        self.answer(self.current_item, self._value_from_controls())

    @shows_errors
    def _on_score(self, _button):
        self.check()

    # ---- for subclasses

    def _build_item_area(self) -> ipw.Widget:
        raise NotImplementedError

    def _show_item(self, item_id, locked: bool):
        raise NotImplementedError

    def _value_from_controls(self):
        raise NotImplementedError

    def _normalise(self, item_id, value):
        raise NotImplementedError

    def _item_feedback(self, item_id) -> ItemFeedback:
        raise NotImplementedError

    def _feedback_html(self, item_id, feedback: ItemFeedback) -> str:
        """One item's feedback as HTML (widgets/exercises/feedback.py renders every graded exercise)."""
        return str(feedback_html.item_html(self.case, item_id, feedback))

    def _summary_extra_html(self) -> str:
        """More for the score summary (e.g. actors the article never names)."""
        return ""

    def _grade(self) -> Grade:
        return REGISTRY[self.exercise](self.case, self._answers, items=self.items)
