"""Feedback as students see it: the one place that turns grading's structured results (widgets/core/grading/results.py)
into HTML, through the kit's templates (widgets/core/render/templates/feedback_*.html.j2, autoescaped, so case and
student text is always escaped). Badges carry a symbol and a word, so the verdict never depends on colour alone.
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.core import palette
from widgets.core.evidence import evidence_html  # the basis, the source kinds and cautions (issue 14)
from widgets.core.grading.results import Grade, ItemFeedback, Status
from widgets.core.grading.verdicts import claim_by_id
from widgets.core.render import render

from widgets.core.grading.registry import feedback_style
from widgets.core.grading.spec import CHOICE, FORM, LABELS, MARKS, VERDICT, WRITTEN

BADGES = {status: (symbol, word) for status, (symbol, word, _colour) in
          (("right", palette.RIGHT), ("partly", palette.PARTLY), ("wrong", palette.WRONG))}
NO_KEY_MARKS = "This article has no answer key. Compare your marks with a classmate's."
NO_KEY_LABELS = "This article has no answer key. Compare your answer with a classmate's and talk about the reasons."


def _render(template: str, **context) -> Markup:
    return render(f"feedback_{template}.html.j2", badges=BADGES, **context)


def _note(text: str) -> Markup:
    return render("feedback_note.html.j2", text=text)


def badge(status: str, word: str | None = None) -> Markup:
    """A feedback badge: symbol + word + colour class (fprl-mark-right / -partly / -wrong)."""
    symbol, default = BADGES[status]
    return Markup('<span class="fprl-mark fprl-mark-{}">{} {}</span>').format(status, symbol, word or default)


def summary_html(grade: Grade) -> Markup:
    """The score line of an exercise."""
    return _render("summary", grade=grade, points=f"{grade.points:g}")


def item_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """One item's feedback as HTML ("" while unanswered)."""
    if feedback.problem:
        return _note(f"This saved answer could not be read: {feedback.problem}")
    if feedback.status == Status.UNANSWERED:
        return Markup("")
    style = feedback_style(feedback.kind)
    if feedback.status == Status.UNGRADED and style == MARKS:
        return _note(NO_KEY_MARKS)
    return RENDERERS[style](case, item_id, feedback)


def choice_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """The words for any exercise without words of its own: per part of the answer, the student's choice and the
    key's, then the key's reasons."""
    return _render("choice", feedback=feedback)


def fact_opinion_html(case, item_id, feedback: ItemFeedback) -> Markup:
    if feedback.status == Status.UNGRADED:
        return _note(NO_KEY_LABELS)
    label, sourcing = feedback.matched
    return _render("fact_opinion", label=label, sourcing=sourcing, feedback=feedback)


def marks_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """Marks in a sentence (actors, claims, framing): what was found, missed, near, extra."""
    return _render(feedback.kind, feedback=feedback)


def verdicts_html(case, item_id, feedback: ItemFeedback) -> Markup:
    (verdict,) = feedback.matched
    return _render("verdict", verdict=verdict, feedback=feedback,
                   evidence=Markup(evidence_html(case, claim_by_id(case, item_id))))


def responses_html(case, item_id, feedback: ItemFeedback) -> Markup:
    return _note("Saved. There is no single right answer here.") if feedback.correct else Markup("")


def skills_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """A skills-check statement after the form is committed: the key and why, with links to check it."""
    (part,) = feedback.matched
    return _render("skills", part=part)


# One renderer per feedback style (widgets.core.grading.spec.FEEDBACK_STYLES); an exercise's spec names its style.
RENDERERS = {CHOICE: choice_html, LABELS: fact_opinion_html, MARKS: marks_html, VERDICT: verdicts_html,
             WRITTEN: responses_html, FORM: skills_html}


def help_box(summary: str, *descriptions, terms: bool = False) -> Markup:
    """"What the choices mean": each of `descriptions` ({choice: meaning}) as a list, with the choice in bold when
    `terms` (the vocabulary's descriptions already start with the choice's name otherwise)."""
    lists = [[(term if terms else None, meaning) for term, meaning in d.items()] for d in descriptions]
    return render("feedback_help.html.j2", summary=summary, lists=lists)


def sentence_block(inner) -> Markup:
    """A sentence of the article as the exercises show it (`inner` is escaped unless it is Markup)."""
    return Markup('<blockquote class="fprl-quote">{}</blockquote>').format(inner)


def title_block(heading: str, body: Markup) -> Markup:
    """An exercise's title and instructions."""
    return Markup('<h3 class="fprl-title">{}</h3>').format(heading) + body
