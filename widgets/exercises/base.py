"""The shared exercise protocol (CONTRIBUTING.md, "The exercise protocol"), grades, and the word-marking control.

An exercise is an ``ipw.VBox`` whose answers are saved the moment they are given. Grading lives in pure functions
``grade_<exercise>(case, answers, items=None) -> Grade`` (see ``REGISTRY``) that the widgets and the class report
share. Callbacks never raise into the notebook: ``@shows_errors`` catches and shows the problem in the widget.
"""
from __future__ import annotations

import functools
import html
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import import_module

import ipywidgets as ipw
import traitlets
from ipywidgets.widgets.widget_bool import ToggleButtonStyle

from widgets import palette
from widgets.exercises.events import announce
# Span arithmetic (word spans, overlap, mark checking) lives without ipywidgets in widgets/grading/spans.py.
from widgets.grading.spans import (MIN_OVERLAP, best_overlap, normalise_marks, normalise_phrase,  # noqa: F401
                                   overlap_ratio, tokenize)
from widgets.storage import StorageError, WorkFile, clean_student_name, current_student


# --------------------------------------------------------------------------------------------------- grades

@dataclass(frozen=True)
class ItemFeedback:
    """Feedback on one item. `correct` is None when the item is unanswered or cannot be graded (no key).
    Frozen, so one feedback can be shared by every student who gave the same answer (see fact_opinion)."""
    correct: bool | None
    message_html: str
    credit: float = 0.0          # 0..1; partial credit for a defensible or partly right answer
    status: str = "unanswered"   # right / partly / wrong / unanswered / ungraded
    possible: int = 1            # points the item is worth (key claims or actors in a sentence; 0 without a key)

    @property
    def points(self) -> float:
        """Points earned on this item: credit x possible (partial credit included)."""
        return self.credit * self.possible


@dataclass
class Grade:
    """`correct` of `total` units (see `unit`), with partial credit summed in `points`."""
    correct: int
    total: int
    items: dict = field(default_factory=dict)    # item_id -> ItemFeedback
    points: float = 0.0
    answered: int = 0
    unit: str = "items"

    def summary_html(self) -> str:
        if not self.total and not self.answered:
            return "<p>Nothing answered yet.</p>"
        if not self.total:   # a case without an answer key (for example one built from your own text)
            return (f"<p><strong>No answer key for this case</strong>, so there is no score "
                    f"({self.answered} answered). Compare your answers with your class instead.</p>")
        partial = ""
        if self.points - self.correct > 1e-9:
            partial = f" With partial credit for defensible or partly right answers: {self.points:g} of {self.total}."
        return (f"<p><strong>Score: {self.correct} of {self.total} {html.escape(self.unit)}</strong> match the key "
                f"({self.answered} answered).{partial}</p>")


# Exercise name -> "module:function" of its pure grade function, imported on first use so that a tool that only
# needs grading (the class report) does not pay for every widget module.
_GRADERS = {
    "fact_opinion": "widgets.exercises.fact_opinion:grade_fact_opinion",
    "actors": "widgets.exercises.actors:grade_actors",
    "claims": "widgets.exercises.claims:grade_claims",
    "verdicts": "widgets.exercises.claims:grade_verdicts",
    "responses": "widgets.exercises.responses:grade_responses",
}


# Exercise name -> what students see it called (charts, reports).
EXERCISE_TITLES = {
    "fact_opinion": "Fact or opinion",
    "actors": "Actors",
    "claims": "Claims",
    "verdicts": "Verdicts",
    "responses": "Written answers",
}


class _GraderRegistry(Mapping):
    def __getitem__(self, name):
        module, function = _GRADERS[name].split(":")
        return getattr(import_module(module), function)

    def __iter__(self):
        return iter(_GRADERS)

    def __len__(self):
        return len(_GRADERS)


REGISTRY = _GraderRegistry()
"""Exercise name (the key in the save file) -> grade function ``f(case, answers, items=None) -> Grade``."""


def mark(status: str, word: str | None = None) -> str:
    """A feedback badge: symbol + word + colour, so the verdict never depends on colour alone."""
    symbol, default, colour = {"right": palette.RIGHT, "partly": palette.PARTLY, "wrong": palette.WRONG}[status]
    return f'<span style="color:{colour}; font-weight:bold">{symbol} {esc(word or default)}</span>'


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shorten_middle(text: str, limit: int) -> str:
    """`text` with its middle cut out (at word boundaries) to about `limit` characters, so both ends still show."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    head = text[:half] if text[half] == " " else text[:half].rsplit(" ", 1)[0]
    tail = text[-half:] if text[-half - 1] == " " else text[-half:].split(" ", 1)[-1]
    return f"{head} … {tail}"


def esc(text) -> str:
    return html.escape("" if text is None else str(text))


def unreadable(error) -> ItemFeedback:
    """Feedback for a saved answer that does not fit the exercise (e.g. a hand-edited file): counted as wrong."""
    return ItemFeedback(False, f"<p>This saved answer could not be read: {esc(error)}</p>", 0.0, "wrong")


# What a marking exercise says about a sentence of a case that has no answer key.
NO_KEY_FEEDBACK = ItemFeedback(None, "<p>This article has no answer key. Compare your marks with a classmate's.</p>",
                               0.0, "ungraded")


def grade_marked_sentences(case, answers, items, unit, normalise, grade_sentence) -> Grade:
    """The loop shared by the marking exercises (actors, claims): normalise each sentence's marks, grade them with
    `grade_sentence(case, sentence, marks) -> (ItemFeedback, units, correct, points)`, and add up. An unreadable
    answer counts as wrong instead of stopping the grade (one bad answer must not stop a class report)."""
    items = check_item_ids("sentence", items, (s.id for s in case.sentences))
    grade = Grade(0, 0, unit=unit)
    for sentence_id in items:
        sentence = case.sentence(sentence_id)
        marks = answers.get(sentence_id)
        try:
            marks = None if marks is None else normalise(sentence, marks)
            feedback, units, correct, points = grade_sentence(case, sentence, marks)
        except ValueError as error:
            units = grade_sentence(case, sentence, None)[1]
            feedback, correct, points = unreadable(error), 0, 0.0
        grade.items[sentence_id] = replace(feedback, possible=units,
                                           credit=(points / units) if units else feedback.credit)
        grade.answered += marks is not None
        grade.total += units
        grade.correct += correct
        grade.points += points
    return grade


def check_item_ids(kind: str, wanted, known) -> tuple:
    """The requested ids (all `known` ids if None), refusing unknown ones with a clear error."""
    known = tuple(known)
    if wanted is None:
        return known
    wanted = tuple(wanted)
    unknown = [item for item in wanted if item not in known]
    if unknown:
        raise ValueError(f"Unknown {kind} id(s): {', '.join(map(str, unknown))}. Known ids: {', '.join(known)}.")
    if not wanted:
        raise ValueError(f"Give at least one {kind} id.")
    return wanted


def choose_items(kind: str, explicit, known, *, lesson=None, exercise: str = "", case=None, path=None) -> tuple:
    """The items an exercise asks: `explicit` ids (``sentences=`` / ``claims=``), or the ones the lesson's plan
    assigns on the student's path (``lesson="04_fact_opinion_mixed.ipynb"``, see widgets.lesson.assigned_items),
    or else every known item."""
    if lesson is not None:
        if explicit is not None:
            raise ValueError(f"Give the {kind} ids or lesson=, not both.")
        from widgets.lesson import assigned_items
        explicit = assigned_items(lesson, exercise, case, path)
    return check_item_ids(kind, explicit, known)


# --------------------------------------------------------------------------------------------------- errors

class AnswerError(ValueError):
    """The student's input cannot be taken as an answer (shown as a friendly message, not a traceback)."""


def shows_errors_in(target: str):
    """Decorator for widget callbacks: any error is shown in the HTML widget ``self.<target>`` instead of being lost
    (JupyterLab shows callback errors nowhere). Bad input (ValueError) gets its message; a bug gets details to show
    a teacher."""
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except ValueError as error:  # bad input: say what to do
                getattr(self, target).value = (f'<p role="alert" style="color:{palette.OKABE_ITO["vermillion"]}">'
                                               f"⚠ {esc(error)}</p>")
            except Exception as error:  # a bug: keep the details for the teacher
                details = esc("".join(traceback.format_exception(error))[-3000:])
                getattr(self, target).value = (
                    f'<div role="alert" style="color:{palette.OKABE_ITO["vermillion"]}">'
                    f"<p>⚠ Something went wrong: {esc(type(error).__name__)}: {esc(error)}. "
                    f"Your saved answers are safe. If it happens again, show this to your teacher.</p>"
                    f"<details><summary>Details</summary><pre>{details}</pre></details></div>")
            return None
        return wrapper
    return decorate


shows_errors = shows_errors_in("problem")   # exercises show problems in their `problem` line


# --------------------------------------------------------------------------------------------------- exercise

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
        self.student = clean_student_name(student) if student is not None else current_student()
        self._answers: dict = {}
        self.add_class("fprl-exercise")
        self.add_class(f"fprl-{self.exercise}")   # lets browser tests and teachers' CSS find one exercise

        from widgets.evidence import kit_notice_html   # an article written for the kit says so (issue 14)
        self.title = ipw.HTML(kit_notice_html(case) + title_html)
        self.feedback = ipw.HTML(layout=ipw.Layout(min_height="1em"))
        self.feedback.add_class("fprl-feedback")
        self.problem = ipw.HTML()
        self.status = ipw.HTML()
        self.status.add_class("fprl-status")

        self.previous_button = ipw.Button(description="◀ Previous", tooltip=f"Go to the previous {self.noun}",
                                          layout=ipw.Layout(width="auto"))
        self.next_button = ipw.Button(description="Next ▶", tooltip=f"Go to the next {self.noun}",
                                      layout=ipw.Layout(width="auto"))
        self.where = ipw.HTML()
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
        self.children = [self.title, navigation, item_area, actions, self.problem, self.feedback, self.status]
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
        current = grade.items.get(self.items[self.position]) if self.items else None
        item_html = current.message_html if current is not None and current.status != "unanswered" else ""
        self._show_feedback(grade.summary_html() + self._summary_extra_html() + item_html)
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
        return (f"{type(self).__name__}: {count} {self.noun}{'' if count == 1 else 's'}. "
                "Run this cell to start the exercise.")

    def _answered_ids(self) -> tuple:
        return tuple(item for item in self.items if item in self._answers)

    # ---- saving

    def _record_assigned(self):
        """Keep in the save file which items this exercise asks (the hand-in and the gradebook score over them)."""
        if self._work is None:
            return
        items = list(self.items)
        if self.merge_assigned:
            before = self._work.section_field(self.exercise, "assigned") or []
            items = list(dict.fromkeys([*before, *items]))
        try:
            self._work.set_section_field(self.exercise, "assigned", items)
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

    def _save(self, item_id, value):
        if self._work is None:
            return
        try:
            self._work.record(self.exercise, item_id, value)
        except (StorageError, OSError, ValueError) as error:
            on_disk = len(set(self._work.saved_answers(self.exercise)) & set(self.items))
            self._status_html(f"⚠ Could not save: {esc(error)} Your answer is kept while this notebook runs and "
                              f"saved with the next one ({on_disk} of {len(self.items)} are in the file).")
            return
        notice = f"⚠ {esc(self._work.notice)} " if self._work.notice else ""
        on_disk = len(set(self._work.saved_answers(self.exercise)) & set(self.items))   # what the file holds
        self._status_html(f"{notice}Saved ({on_disk} of {len(self.items)} answered) "
                          f"for {esc(self.student)} in {esc(self._work.path.name)}.")

    def _status_html(self, text):
        self.status.value = f'<p role="status" style="font-size: 90%; color: #444">{text}</p>'

    # ---- navigation and display

    def _refresh(self):
        item_id = self.items[self.position]
        locked = self.answers_are_final and item_id in self._answers
        # Feedback first: it is what the student waits for. Then the item, then the position label, which
        # therefore tells (a test, or a quick student) that the item on screen is the new one.
        if locked:
            self._show_feedback(self._item_feedback(item_id).message_html)
        else:
            self._show_feedback("")
        self._show_item(item_id, locked)
        self.where.value = f"<span>{self.noun.capitalize()} {self.position + 1} of {len(self.items)}</span>"
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position >= len(self.items) - 1
        self.check_button.disabled = locked
        self.check_button.description = "Answer saved" if locked else self.check_label

    def _show_feedback(self, message_html: str):
        """Show feedback; role="alert" makes screen readers read it out when it appears."""
        self.feedback.value = f'<div role="alert">{message_html}</div>' if message_html else ""

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

    def _summary_extra_html(self) -> str:
        """More for the score summary (e.g. actors the article never names)."""
        return ""

    def _grade(self) -> Grade:
        return REGISTRY[self.exercise](self.case, self._answers, items=self.items)


# --------------------------------------------------------------------------------------------------- marking words

class SpanPicker(ipw.VBox):
    """Mark phrases in a sentence with the keyboard or mouse: each word is a toggle button (Tab, then Space);
    adjacent selected words form one phrase, and each phrase gets a choice from a dropdown. A phrase can be split
    in two (its "Split" menu: before which word), so two claims that sit next to each other can be marked
    separately; a phrase that was split off can be joined again.

    The word buttons are a pool reused from sentence to sentence, sharing one layout and one style, so moving to
    the next sentence sends a few small updates instead of creating dozens of widgets.
    """

    def __init__(self, choice_field: str, choices, choice_descriptions=None, phrase_hint="phrase", splittable=False):
        super().__init__()
        self.splittable = splittable
        self.choice_field = choice_field
        self.choices = tuple(choices)
        self.choice_descriptions = choice_descriptions or {}
        self.phrase_hint = phrase_hint
        self.text = ""
        self.spans: list[tuple[int, int]] = []
        self._word_layout = ipw.Layout(width="auto", margin="2px", padding="0 6px")
        self._word_style = ToggleButtonStyle(font_size="1em")
        self._buttons: list[ipw.ToggleButton] = []
        self._dropdowns: dict[tuple[int, int], ipw.Dropdown] = {}
        self._splitters: dict[tuple[int, int], ipw.Dropdown] = {}
        self._breaks: set[int] = set()   # word indices that start a new phrase although the word before is marked
        self._syncing = False
        self._disabled = False
        self.sentence_html = ipw.HTML()   # the sentence as printed, punctuation and all
        self.word_box = ipw.Box(layout=ipw.Layout(display="flex", flex_flow="row wrap", align_items="center"))
        self.word_box.add_class("fprl-words")
        self.phrase_box = ipw.VBox()
        self.phrase_box.add_class("fprl-phrases")
        self._empty_hint = ipw.HTML(f"<p style='font-size:90%'>Nothing marked yet. Press the words of each "
                                    f"{phrase_hint} to mark it (Tab moves between words, Space presses).</p>")
        self.children = [self.sentence_html, self.word_box, self.phrase_box]

    # ---- state

    def set_sentence(self, text: str, marks=(), disabled=False):
        """Show `text` as word buttons, with `marks` (a list of mark dicts) selected."""
        if text == self.text and list(marks) == self.value:
            self._set_disabled(disabled)   # same sentence, same marks: only lock or unlock (few messages)
            return
        self._syncing = True
        try:
            self.sentence_html.value = (f"<blockquote style='font-size:1.1em; margin:0.4em 0; padding-left:0.8em; "
                                        f"border-left:4px solid #888'>{esc(text)}</blockquote>")
            self.text = text
            self.spans = tokenize(text)
            self._dropdowns = {}
            self._splitters = {}
            starts = {m["start"] for m in marks}
            ends = {m["end"] for m in marks}
            self._breaks = {index for index, (start, _end) in enumerate(self.spans)
                            if index and start in starts and self.spans[index - 1][1] in ends}
            while len(self._buttons) < len(self.spans):
                button = ipw.ToggleButton(layout=self._word_layout, style=self._word_style)
                button.observe(self._on_toggle, names="value")
                self._buttons.append(button)
            marked = [(m["start"], m["end"]) for m in marks]
            for index, button in enumerate(self._buttons):
                with button.hold_sync():
                    if index < len(self.spans):
                        start, end = self.spans[index]
                        word = text[start:end]
                        selected = any(s <= start and end <= e for s, e in marked)
                        button.value = selected
                        self._dress(button, index, word, selected)
                        button.disabled = disabled
                    else:
                        button.value = False
            self.word_box.children = self._buttons[:len(self.spans)]
            self._disabled = disabled
            for m in marks:
                self._dropdown((m["start"], m["end"])).value = m[self.choice_field]
        finally:
            self._syncing = False
        self._update_phrases()

    def _set_disabled(self, disabled):
        self._disabled = disabled
        for button in self.word_box.children:
            button.disabled = disabled
        for dropdown in [*self._dropdowns.values(), *self._splitters.values()]:
            dropdown.disabled = disabled

    def phrases(self) -> list[tuple[int, int]]:
        """(start, end) of each run of adjacent selected words (a split starts a new run)."""
        runs, current = [], None
        for index, button in enumerate(self._buttons[:len(self.spans)]):
            if button.value:
                start, end = self.spans[index]
                if current and index in self._breaks:
                    runs.append(current)
                    current = None
                current = (current[0], end) if current else (start, end)
            elif current:
                runs.append(current)
                current = None
        if current:
            runs.append(current)
        return runs

    @property
    def value(self) -> list[dict]:
        """The marks as {"start", "end", <choice_field>} (choice None while not chosen)."""
        return [{"start": s, "end": e, self.choice_field: self._dropdown((s, e)).value} for s, e in self.phrases()]

    def select_words(self, *indices):
        """Press the word buttons at these indices (as a student would)."""
        for index in indices:
            self._buttons[index].value = not self._buttons[index].value

    def phrase_dropdowns(self) -> list[ipw.Dropdown]:
        return [self._dropdown(span) for span in self.phrases()]

    def split_before(self, index: int) -> None:
        """Cut the phrase holding word `index` in two, before that word (as the phrase's Split menu does)."""
        if not 0 < index < len(self.spans):
            raise ValueError(f"No word {index + 1} to split before.")
        self._breaks.add(index)
        self._update_phrases()

    def join_at(self, index: int) -> None:
        """Join the phrase that starts at word `index` to the phrase before it."""
        self._breaks.discard(index)
        self._update_phrases()

    def _word_index(self, position: int) -> int:
        return next(i for i, (start, _end) in enumerate(self.spans) if start == position)

    def _splitter(self, span) -> ipw.Dropdown:
        if span not in self._splitters:
            first = self._word_index(span[0])
            words = [i for i, (start, end) in enumerate(self.spans) if span[0] < start and end <= span[1]]
            options = [("✂ Split…", None)] + [(f"split before “{self.text[slice(*self.spans[i])]}”", i)
                                               for i in words]
            if first in self._breaks:
                options.append(("join with the phrase before", -first - 1))
            box = ipw.Dropdown(options=options, value=None, layout=ipw.Layout(width="auto"),
                               tooltip=f"Two {self.phrase_hint}s next to each other? Split this phrase in two.")
            box.add_class("fprl-split")
            box.observe(self._on_split, names="value")
            self._splitters[span] = box
        return self._splitters[span]

    def _on_split(self, change):
        value = change["new"]
        if value is None or self._syncing:
            return
        if value >= 0:
            self.split_before(value)
        else:
            self.join_at(-value - 1)

    # ---- interface

    def _dropdown(self, span) -> ipw.Dropdown:
        if span not in self._dropdowns:
            # a phrase that grew or shrank keeps the choice made for the phrase it came from
            inherited = next((box.value for (start, end), box in self._dropdowns.items()
                              if box.value is not None and start < span[1] and span[0] < end), None)
            phrase = self.text[span[0]:span[1]]
            shown = shorten_middle(phrase, 44)
            self._dropdowns[span] = ipw.Dropdown(
                options=[(f"choose the {self.choice_field.replace('_', ' ')}…", None)]
                + [(choice, choice) for choice in self.choices],
                value=inherited, description=f"“{shown}”",
                tooltip=f"{self.choice_field.replace('_', ' ').capitalize()} of the {self.phrase_hint} "
                                    f"“{phrase}”",
                style={"description_width": "initial"}, layout=ipw.Layout(width="auto"))
            self._dropdowns[span].add_class("fprl-choice")
        return self._dropdowns[span]

    def _on_toggle(self, change):
        if self._syncing:
            return
        button = change["owner"]
        index = self._buttons.index(button)
        start, end = self.spans[index]
        with button.hold_sync():
            self._dress(button, index, self.text[start:end], change["new"])
        self._update_phrases()

    MARKED = "✓ "   # in the button's text, so a screen reader says it too (ToggleButton sets no aria-pressed)

    def _dress(self, button, index, word, selected):
        """A word button's text, tooltip and style for its state: marked words carry a tick, not only a colour."""
        button.description = f"{self.MARKED}{word}" if selected else word
        button.tooltip = (f"Word {index + 1}: {word}, marked. Press to unmark it." if selected
                          else f"Word {index + 1}: {word}. Press to mark it.")
        button.button_style = "info" if selected else ""

    def _update_phrases(self):
        selected = {i for i, button in enumerate(self._buttons[:len(self.spans)]) if button.value}
        self._breaks = {i for i in self._breaks if i in selected and i - 1 in selected}
        spans = self.phrases()
        for span in spans:   # new phrases first, so they can inherit from the ones they replace
            self._dropdown(span)
        self._dropdowns = {span: self._dropdowns[span] for span in spans}
        self._splitters = {}
        rows = []
        for span in spans:
            dropdown = self._dropdown(span)
            dropdown.disabled = self._disabled
            splitter = self._splitter(span) if self.splittable else None
            if splitter is not None:
                splitter.disabled = self._disabled
            if splitter is not None and len(splitter.options) > 1:
                rows.append(ipw.HBox([dropdown, splitter], layout=ipw.Layout(flex_flow="row wrap")))
            else:
                rows.append(dropdown)
        self.phrase_box.children = rows or [self._empty_hint]
