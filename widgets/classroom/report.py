"""The class report as one self-contained HTML page (widgets/core/render/templates/report.html.j2, the kit's stylesheet in
its head): charts are HTML and SVG bars (widgets.core.charts), no images, no scripts, no links out.

Every piece of text that comes from a file (student names, file names, reasons, article text) is HTML-escaped by the
template.
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.classroom import practice
from widgets.core import vocab
from widgets.core.charts import Series, bar_chart
from widgets.core.grading import spec
from widgets.core.grading.registry import EXERCISE_TITLES, report_styles
from widgets.core.palette import LABEL_COLOURS, OKABE_ITO, series_hatches
from widgets.core.render import render as render_template, style_element
from widgets.core.version import __version__

# Questions for the disputed sentences: they ask for reasons in the text, never for the "right" politics.
DISCUSSION_QUESTIONS = (
    "Students who chose different labels: which words in the sentence decided it for you?",
    "Could someone check this sentence against a record (a transcript, a readout, a date)? Which one?",
    "Read the key's reasoning. Does it convince you, or is another label just as defensible?",
)


def label_chart(results):
    """A Chart (widgets.core.charts: HTML bars and alt text): one stacked bar per sentence, how many students chose each
    label."""

    hatches = series_hatches(vocab.LABELS)
    sentences = [s for s in results.sentences if s.answered] or results.sentences
    counts = {(row, label): s.counts[label] for row, s in enumerate(sentences) for label in vocab.LABELS}
    disputed = results.most_disputed(3)
    alt = (f"Stacked bar chart of the labels {', '.join(vocab.LABELS)} chosen by the class for each of "
           f"{len(sentences)} sentences, in article order.")
    if disputed:
        alt += " The class split most on " + "; ".join(f"{s.id} ({s.split})" for s in disputed) + "."
    alt += " The table 'Every sentence' below gives the same numbers."
    return bar_chart("How the class labelled each sentence",
                     [s.id + (f"  (key: {s.key_label})" if s.key_label else "") for s in sentences],
                     [Series(label, label, LABEL_COLOURS[label], hatches[label]) for label in vocab.LABELS],
                     counts, "number of students", alt)


def score_chart(results, exercise: str):
    """A Chart (HTML bars and alt text): how many students reached each score band on one exercise, or None."""

    title = EXERCISE_TITLES.get(exercise, exercise)
    percents = [100 * c / t for c, t in (s.scores.get(exercise, (0, 0)) for s in results.scores) if t]
    if not percents or not any(s.answered.get(exercise) for s in results.scores):
        return None
    bands = [0] * 10                                   # 0-9 %, 10-19 %, ..., 90-100 %
    for value in percents:
        bands[min(int(value // 10), 9)] += 1
    middle = sorted(percents)[len(percents) // 2]
    busiest = max(range(10), key=lambda i: bands[i])
    alt = (f"Bar chart of {len(percents)} students' scores on {title} in bands of ten "
           f"percentage points. The median score is {middle:.0f}%; the most common band is "
           f"{10 * busiest}–{10 * busiest + 9 if busiest < 9 else 100}% with {bands[busiest]} students.")
    return bar_chart(f"Scores on {title}",
                     [f"{10 * i}–{10 * i + 9 if i < 9 else 100}%" for i in range(10)],
                     [Series("students", "students", OKABE_ITO["blue"], "//")],
                     {(i, "students"): n for i, n in enumerate(bands)},
                     "students (% of the key's answers matched, in bands)", alt)


def score_section(results) -> str:
    """The report's scores per student and their charts (templates/report_scores.html.j2; nothing without a key)."""
    score_charts = []
    if results.has_key:
        for exercise in results.exercises:
            chart = score_chart(results, exercise)     # None when nobody answered that exercise
            if chart:
                score_charts.append((exercise, chart))
    return str(render_template("report_scores.html.j2", r=results, titles=EXERCISE_TITLES, score_charts=score_charts))


# The report's section builder for each style a spec's ``report`` can name (widgets.core.grading.spec.REPORT_STYLES):
# ``builder(results) -> html``.
REPORT_SECTIONS = {
    spec.SCORE_TABLE: score_section,
    spec.SKILLS: practice.skills_section,
    spec.LATERAL: practice.lateral_section,
    spec.FRAMING: practice.framing_section,
    spec.VERDICT_MOVES: practice.verdict_moves_section,
    spec.WRITTEN: practice.written_section,
}


def render_sections(results) -> str:
    """The report's sections after the label counts: one per ``report`` style of the registry's specs, in their
    order, each once."""
    return "".join(REPORT_SECTIONS[style](results) for style in report_styles())


def render(results) -> str:
    """The whole report page (templates/report.html.j2, with the kit's stylesheet in its head)."""

    contents = results.contents
    return str(render_template(
        "report.html.j2", r=results, c=contents, style=style_element(), generator=f"fp-reporting-lab {__version__}",
        folder=contents.folder.name or contents.folder, left_out=len(contents.rejected) + len(contents.superseded),
        labels=vocab.LABELS, questions=DISCUSSION_QUESTIONS, disputed=results.most_disputed(),
        label_chart=label_chart(results) if any(s.answered for s in results.sentences) else None,
        sections=Markup(render_sections(results)), flagged=getattr(contents, "flagged", [])))
