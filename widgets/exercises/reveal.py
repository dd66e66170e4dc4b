"""Key content that stays locked until the student has committed answers to the items it would reveal.

A lesson shows the key (a table of labels, the verdicts, the framing highlights) only through these views:

    KeyTable(case, "fact_opinion", rows, columns=..., name="lesson04-labels", what="...")
        one row per key item; a row unlocks when the student has answered the item it belongs to, and a locked
        row says what opens it
    KeyByItem(case, "actors", items, build, name="lesson02-actors", what="...")
        widgets built by `build(answered items)` for the items answered so far (the actors of the tagged
        sentences only); every item still unanswered gets a locked line saying what opens it
    LockedView(case, {"responses": ["framing_first_look"]}, build, name="lesson05-framing", what="...")
        a whole view (widgets built by `build()`), shown once every required item is answered

Unlocking reads the student's save file, so a view unlocks in place in the same session (it observes
``widgets.views.events.ANSWERS``, announced by every exercise) and again after a kernel restart. Until then the
view shows a fixed locked message, and its text/plain repr (all that a committed notebook stores of a widget) says
only what is locked and how many items it covers.

"Show the key anyway" unlocks everything at once and is recorded in the save file (section ``key_shown``: view name
-> how many of the items were answered), so the hand-in carries it and the class report shows it.

This protects against a student scrolling down to the answers. It does not hide the key from a student who opens
the case files in ``seeds/``, where the key lives by design.
"""
from __future__ import annotations

import ipywidgets as ipw
from markupsafe import Markup

from widgets.core.errors import shows_errors_in
from widgets.views.events import ANSWERS
from widgets.views.access import view_head
from widgets.core.storage import StorageError, WorkFile, clean_student_name, current_student, student_slug
from widgets.core.grading.records import KEY_SHOWN
from widgets.core.work_format import FinalAnswerError
from widgets.core.render import render

LOCK = "🔒"



def committed(value) -> bool:
    """Whether a saved value counts as a committed answer (written text must not be blank)."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def answered_items(work: WorkFile, exercise: str) -> set:
    return {item for item, value in work.answers(exercise).items() if committed(value)}


def key_shown_views(work: WorkFile) -> dict:
    """{view name: what was recorded} for every locked view the student opened with "show the key anyway"."""
    return work.answers(KEY_SHOWN)


class _Locked(ipw.VBox):
    """Shared state of the locked views: who, which items, the save file, the "show anyway" button."""

    noun = "item"

    def __init__(self, case, requires: dict, *, name: str, what: str, where: str, student=None, anyway=True):
        super().__init__()
        if not requires or not all(requires.values()):
            raise ValueError("A locked view needs at least one item to wait for.")
        self.case = case
        self.requires = {exercise: tuple(items) for exercise, items in requires.items()}
        self.name = name
        self.what = what
        self.where = where
        self._follows_name = student is None     # then it follows a name saved after it was built
        self.student = clean_student_name(student) if student is not None else current_student()
        self.allow_anyway = anyway
        self.add_class("fprl-locked")
        self.message = ipw.HTML()
        self.message.add_class("fprl-lock-message")
        self.message.add_class("fprl-live")   # "Locked ... (1 of 3 answered)" is read out as it changes
        self.body = ipw.VBox()
        self.body.add_class("fprl-outcome")   # focus goes to the key after "Show the key anyway" (render/access.js)
        self.anyway_button = ipw.Button(description="Show the key anyway", icon="eye",
                                        tooltip="See the key before answering. Your save file and your hand-in "
                                                "will record that you did.",
                                        layout=ipw.Layout(width="auto"))
        self.anyway_button.on_click(self._on_anyway)
        self.children = [*view_head(), self.message, self.body, self.anyway_button]
        self.shown_anyway = False
        self._answered: dict = {}
        ANSWERS.observe(self._on_answer, names="last")
        self.refresh()

    # ---- state

    def _work(self):
        if self._follows_name:
            self.student = current_student()
        try:
            return WorkFile(self.student, self.case.id)
        except (StorageError, ValueError, OSError):
            return None

    def refresh(self) -> None:
        """Read the save file again and show what is unlocked."""
        work = self._work()
        self._answered = {exercise: (answered_items(work, exercise) if work is not None else set())
                          for exercise in self.requires}
        self.shown_anyway = work is not None and self.name in key_shown_views(work)
        self._render()

    def is_unlocked(self, exercise: str, item: str) -> bool:
        return self.shown_anyway or item in self._answered.get(exercise, ())

    @property
    def missing(self) -> list:
        """(exercise, item) still to answer before the whole view is open."""
        return [(exercise, item) for exercise, items in self.requires.items() for item in items
                if not self.is_unlocked(exercise, item)]

    @property
    def unlocked(self) -> bool:
        return not self.missing

    def show_anyway(self) -> None:
        """Open everything now, and record that the key was seen before answering (as the button does)."""
        done = sum(len(self._answered.get(e, ())) for e in self.requires)
        total = sum(len(items) for items in self.requires.values())
        work = self._work()
        if work is not None:
            try:
                work.record(KEY_SHOWN, self.name, {"answered": done, "of": total})
            except FinalAnswerError:
                pass        # opened anyway before: that first record stands

        self.shown_anyway = True
        self._render()

    # ---- interface

    def _on_answer(self, change):
        event = change["new"]
        if event.get("case") != self.case.id or event.get("exercise") not in self.requires:
            return                  # most answers are for other views: no file read for them
        if self._follows_name and student_slug(event.get("student", "")) != student_slug(self.student):
            self.student = current_student()        # a name saved since: read it only when the event's differs
        if student_slug(event.get("student", "")) == student_slug(self.student):
            self.refresh()

    @shows_errors_in("message")   # a callback must never raise into the notebook
    def _on_anyway(self, _button):
        self.show_anyway()

    def _message(self, still: int, total: int) -> str:
        """The line above the content: how many items are still locked, or that the key was shown anyway."""
        return str(render("key_lock.html.j2", lock=LOCK, what=self.what, where=self.where, noun=self.noun,
                          still=still, total=total,
                          anyway=self.shown_anyway and bool(self.missing_without_anyway())))

    def _locked_item_line(self, item: str) -> str:
        """What opens one locked item (text), e.g. '🔒 Sentence p2s2: opens when you answer it in the tagger above.'"""
        return f"{LOCK} {self.noun.capitalize()} {item}: opens when you answer it {self.where}."

    def missing_without_anyway(self) -> list:
        return [(e, i) for e, items in self.requires.items() for i in items if i not in self._answered.get(e, ())]

    def _render(self):
        raise NotImplementedError

    def __del__(self):
        try:
            ANSWERS.unobserve(self._on_answer, names="last")
        except Exception:  # noqa: BLE001 - interpreter shutting down
            pass


class KeyTable(_Locked):
    """A table of key content, one row per key item; each row unlocks when the student has answered its item.

    ``rows``: a list of ``(item_id, cells)``: the item (of ``exercise``) that must be answered first, and the row's
    cells as plain text. ``footer(unlocked_rows) -> html``: an optional line under the table (e.g. counts over the
    rows shown), given the list of unlocked ``cells``.
    """

    def __init__(self, case, exercise: str, rows, *, columns, name: str, what: str, noun="sentence",
                 where="in the exercise above", caption="", footer=None, student=None, anyway=True):
        self.exercise = exercise
        self.rows = [(item, tuple(cells)) for item, cells in rows]
        self.columns = tuple(columns)
        self.caption = caption
        self.footer = footer
        self.noun = noun
        self.table = ipw.HTML()
        self.table.add_class("fprl-key-table")
        items = list(dict.fromkeys(item for item, _ in self.rows))
        super().__init__(case, {exercise: items}, name=name, what=what, where=where, student=student,
                         anyway=anyway)

    def unlocked_rows(self) -> list:
        return [cells for item, cells in self.rows if self.is_unlocked(self.exercise, item)]

    def _render(self):
        shown = self.unlocked_rows()
        items = self.requires[self.exercise]
        still = sum(not self.is_unlocked(self.exercise, item) for item in items)
        self.message.value = self._message(still, len(items))
        rows, locked_seen = [], set()
        for item, cells in self.rows:
            if self.is_unlocked(self.exercise, item):
                rows.append((cells, None))
            elif item not in locked_seen:          # one locked row per item, saying what opens it
                locked_seen.add(item)
                rows.append(((), self._locked_item_line(item)))
        footer = Markup(self.footer(shown)) if self.footer and shown else ""   # the caller's HTML
        self.table.value = str(render("key_table.html.j2", caption=self.caption, columns=self.columns, rows=rows,
                                      footer=footer))
        self.body.children = [self.table]
        self.anyway_button.layout.display = "" if still and self.allow_anyway else "none"

    def __repr__(self):
        count = len(self.requires[self.exercise])
        return (f"{LOCK} Locked until you answer: {self.what} ({len(self.rows)} rows for {count} {self.noun}s). "
                f"Each row unlocks when you have answered its {self.noun} {self.where}. Run this cell to see it.")


class KeyByItem(_Locked):
    """Key content for the items of ``exercise`` answered so far: ``build(items)`` returns the widgets (a widget, a
    list of widgets, or an HTML string) for those items only, so an answered sentence never reveals the key of one
    still to do (homework). Each item still unanswered gets a locked line saying what opens it; "show the key
    anyway" opens every item and is recorded, as for the other views."""

    def __init__(self, case, exercise: str, items, build, *, name: str, what: str, noun="sentence",
                 where="in the exercise above", student=None, anyway=True):
        self.exercise = exercise
        self.build = build
        self.noun = noun
        self._built_for = None
        self._built = []
        self.locked_lines = ipw.HTML()
        self.locked_lines.add_class("fprl-lock-message")
        super().__init__(case, {exercise: list(items)}, name=name, what=what, where=where, student=student,
                         anyway=anyway)

    def unlocked_items(self) -> tuple:
        return tuple(item for item in self.requires[self.exercise] if self.is_unlocked(self.exercise, item))

    def _render(self):
        items, shown = self.requires[self.exercise], self.unlocked_items()
        still = len(items) - len(shown)
        self.message.value = self._message(still, len(items))
        if shown != self._built_for:
            built = self.build(shown) if shown else []
            if isinstance(built, str):
                built = [ipw.HTML(built)]
            elif isinstance(built, ipw.Widget):
                built = [built]
            self._built, self._built_for = list(built), shown
        self.locked_lines.value = str(render("key_locked_items.html.j2", lines=[
            self._locked_item_line(item) for item in items if item not in shown]))
        self.body.children = [*self._built, self.locked_lines]
        self.anyway_button.layout.display = "" if still and self.allow_anyway else "none"

    def __repr__(self):
        count = len(self.requires[self.exercise])
        return (f"{LOCK} Locked until you answer: {self.what} ({count} {self.noun}s). Each {self.noun} opens when "
                f"you have answered it {self.where}. Run this cell to see it.")


class LockedView(_Locked):
    """Widgets built by ``build()`` (a widget, a list of widgets, or an HTML string), shown once every item in
    ``requires`` ({exercise: item ids}) has a committed answer."""

    def __init__(self, case, requires: dict, build, *, name: str, what: str, noun="answer",
                 where="in the exercise above", student=None, anyway=True):
        self.build = build
        self.noun = noun
        self._built = None
        super().__init__(case, requires, name=name, what=what, where=where, student=student, anyway=anyway)

    def _render(self):
        missing = self.missing
        total = sum(len(items) for items in self.requires.values())
        if missing:
            self.message.value = self._message(len(missing), total)
            self.body.children = []
            self.anyway_button.layout.display = "" if self.allow_anyway else "none"
            return
        self.message.value = self._message(0, total)
        self.anyway_button.layout.display = "none"
        if self._built is None:
            built = self.build()
            if isinstance(built, str):
                built = [ipw.HTML(built)]
            elif isinstance(built, ipw.Widget):
                built = [built]
            self._built = list(built)
        self.body.children = self._built

    def __repr__(self):
        return f"{LOCK} Locked until you answer: {self.what}. It unlocks {self.where}. Run this cell to see it."
