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


# The class report's section that shows an exercise (widgets/classroom/report.py has one builder per style). The
# report shows them in the order of the registry's specs, each style once (the skills check's three moments share one
# section), after the page's label counts.
SCORE_TABLE = "score_table"       # scores per student and their charts (every scored exercise has a column there)
SKILLS = "skills"                 # the skills check: before, after, weeks later, beside Pew's figures
LATERAL = "lateral"               # every lateral-reading finding, with the student's own rating
FRAMING = "framing"               # framing precision and recall
VERDICT_MOVES = "verdict_moves"   # verdicts before -> after the evidence, per claim
REPORT_STYLES = (SCORE_TABLE, SKILLS, LATERAL, FRAMING, VERDICT_MOVES, WRITTEN)   # WRITTEN: answers per question
_SCORE_TABLE_IF_SCORED = "score table if scored"   # the default: SCORE_TABLE for a scored exercise, else None


# The lessons' locked key view of an exercise: the key of its items, shown as the student answers them
# (widgets/lesson/keyviews.py's KEY_VIEWS has one builder per style).
# LABELS: a table of each sentence's label and sourcing, and the labels the key also accepts.
CLAIMS = "claims"       # a table: the key's claims in each sentence, with their sourcing
ACTORS = "actors"       # by sentence: the key's actors and the actor chart
VERDICTS = "verdicts"   # a table: each claim's verdict, note and sources
# FRAMING: by sentence, the article with the key's framing devices highlighted and explained.
KEY_VIEW_STYLES = (LABELS, CLAIMS, ACTORS, VERDICTS, FRAMING)


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

    report: the class report's section that shows it (one of REPORT_STYLES, or None; default: "score_table" for a
    scored exercise, else None); key_view: the lessons' locked view of its key (one of KEY_VIEW_STYLES, or None),
    which ``widgets.lesson.keyviews.key_view(case, exercise, lesson)`` builds.
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
    report: str | None = _SCORE_TABLE_IF_SCORED
    key_view: str | None = None

    def __post_init__(self):
        if self.report == _SCORE_TABLE_IF_SCORED:
            object.__setattr__(self, "report", SCORE_TABLE if self.scored else None)   # frozen: set once, here
        if self.report is not None and self.report not in REPORT_STYLES:
            raise ValueError(f"{self.key}: report must be None or one of {', '.join(REPORT_STYLES)}, "
                             f"not {self.report!r}.")
        if self.report == SCORE_TABLE and not self.scored:
            raise ValueError(f"{self.key}: an exercise without a score has no place in the report's score table.")
        if self.key_view is not None and self.key_view not in KEY_VIEW_STYLES:
            raise ValueError(f"{self.key}: key_view must be None or one of {', '.join(KEY_VIEW_STYLES)}, "
                             f"not {self.key_view!r}.")
        if self.feedback not in FEEDBACK_STYLES:
            raise ValueError(f"{self.key}: feedback must be one of {', '.join(FEEDBACK_STYLES)}, not {self.feedback!r}.")
        if self.final not in (ONCE_ANSWERED, ONCE_COMMITTED, CHANGEABLE):
            raise ValueError(f"{self.key}: final must be {ONCE_ANSWERED!r}, {ONCE_COMMITTED!r} or {CHANGEABLE!r}.")
        if self.scored and self.grade is None:
            raise ValueError(f"{self.key}: a scored exercise needs a grade function.")
