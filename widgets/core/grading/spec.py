"""What a grading module tells the rest of the kit about its exercise (see widgets/core/grading/registry.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# When a saved answer becomes final (widgets.core.work_format.merge_work applies it on disk, whatever a kernel sends later).
ONCE_ANSWERED = "once answered"     # an item's first answer stands: its key is shown right after it
ONCE_COMMITTED = "once committed"   # every answer of the section stands once its COMMITTED item is true
CHANGEABLE = "changeable"           # the newest answer wins (nothing of the key depends on it)
COMMITTED = "_committed"            # the item that commits a whole form (the skills check)


# How an item's feedback reads (widgets/exercises/feedback.py has one renderer per style; grading knows only names).
CHOICE = "choice"       # the student's choice and the key's, with the key's reasons (the default)
LABELS = "labels"       # a sentence's label and sourcing (fact or opinion)
MARKS = "marks"         # marks in a sentence: found, missed, near, extra (a case without a key: compare with a peer)
VERDICT = "verdict"     # a verdict on a claim, with the evidence
WRITTEN = "written"     # a written answer: saved, no single right answer
FORM = "form"           # a skills-check statement after the form is committed
FEEDBACK_STYLES = (CHOICE, LABELS, MARKS, VERDICT, WRITTEN, FORM)


@dataclass(frozen=True)
class ExerciseSpec:
    """An exercise as the rest of the kit knows it: one spec per save-file section (widgets/core/grading/registry.py).

    key: the exercise's key in the save file; title: what students see it called (charts, reports, the hand-in's
    preview); unit: what its score counts; grade: ``grade(case, answers, items=None) -> Grade`` (pure; None for an
    exercise graded only by its own widget and report section, like the skills check, graded by form); normalise:
    checks one saved answer and returns it cleaned, raising ValueError (None when the widget checks answers itself);
    final: when a saved answer becomes final (ONCE_ANSWERED, ONCE_COMMITTED, CHANGEABLE); items: ``items(case) ->
    ids`` every item the exercise can ask of a case (None: the case's sentences), which a lesson plan's "all" spells
    out and its lists must come from.

    scored: it has a score on the summary page, in the hand-in and in the gradebook (the class report's score table
    and charts); written: its items are the questions the lessons ask, not items of the case (a plan never says
    "all", an answer's id is never "unknown"), and the summary shows the answers as text, not a score line;
    feedback: how an item's feedback reads (one of FEEDBACK_STYLES); findings: the summary's "what the answer key
    found" (counts of the key's answers) waits until the student has answered the items assigned of it.
    """
    key: str
    title: str
    unit: str
    grade: Callable | None
    normalise: Callable | None = None
    final: str = ONCE_ANSWERED
    items: Callable | None = None
    scored: bool = True
    written: bool = False
    feedback: str = CHOICE
    findings: bool = False

    def __post_init__(self):
        if self.feedback not in FEEDBACK_STYLES:
            raise ValueError(f"{self.key}: feedback must be one of {', '.join(FEEDBACK_STYLES)}, not {self.feedback!r}.")
        if self.final not in (ONCE_ANSWERED, ONCE_COMMITTED, CHANGEABLE):
            raise ValueError(f"{self.key}: final must be {ONCE_ANSWERED!r}, {ONCE_COMMITTED!r} or {CHANGEABLE!r}.")
        if self.scored and self.grade is None:
            raise ValueError(f"{self.key}: a scored exercise needs a grade function.")
