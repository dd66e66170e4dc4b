"""Charts of a student's progress and of an article's profile, each with a text alternative.

Every chart function returns a ``Chart``: a ``(figure, alt_text)`` pair that shows itself in a notebook as a PNG
with the alt text in ``alt`` (for screen readers) and prints as its alt text (which is also what nbval compares).
Colours come from the Okabe-Ito palette and every series also has a hatch pattern, so colour is never the only cue.
Figures are made without pyplot, so charts add no global figure state and are freed with the Chart, and
matplotlib is imported only when the first chart is drawn.
"""
from __future__ import annotations

import base64
import html
import io
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from widgets import palette, vocab
from widgets.exercises.base import EXERCISE_TITLES, REGISTRY

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100
# Item statuses in a progress chart, in drawing order: (status, legend text, colour, hatch).
PROGRESS_STATUSES = (
    ("right", "right", palette.OKABE_ITO["bluish green"], ""),
    ("partly", "partly right or defensible", palette.OKABE_ITO["orange"], "//"),
    ("wrong", "not the key's answer", palette.OKABE_ITO["vermillion"], "xx"),
    ("ungraded", "answered, no key", palette.OKABE_ITO["sky blue"], "++"),
    ("unanswered", "not answered yet", "#DDDDDD", ".."),
)
VOICE_SERIES = (*vocab.VOICES, "talked about")   # mentions with a voice, then mentions without one
NO_VOICE = VOICE_SERIES[-1]


class Chart(NamedTuple):
    figure: "Figure"
    alt_text: str

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
        return buffer.getvalue()

    def html(self) -> str:
        """An <img> with the chart as a base64 PNG and the text alternative as its alt text and caption."""
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.escape(self.alt_text)
        return (f'<figure class="fprl-chart" style="margin:0.5em 0"><img src="data:image/png;base64,{data}" '
                f'alt="{alt}" style="max-width:100%"><figcaption><details><summary>Chart as text</summary>'
                f"<p>{alt}</p></details></figcaption></figure>")

    def widget(self):
        """The chart as an ipywidgets HTML, to place inside other widgets."""
        import ipywidgets as ipw
        return ipw.HTML(self.html())

    def _repr_html_(self):
        return self.html()

    def __repr__(self):
        return self.alt_text


def _figure(width, height):
    from matplotlib.figure import Figure   # imported on the first chart: matplotlib is the heaviest import here
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _plural(count, word):
    return f"{count} {word}" + ("" if count == 1 else "s")


def _stacked_bars(axis, rows, series, counts, colours, hatches, horizontal=True):
    """Draw stacked bars: counts[(row, value)] for each row and series value; label each segment with its count."""
    positions = range(len(rows))
    base = [0] * len(rows)
    for value in series:
        widths = [counts.get((row, value), 0) for row in rows]
        if not any(widths):
            continue
        draw = axis.barh if horizontal else axis.bar
        bars = draw(positions, widths, 0.6, base, label=str(value), color=colours[value],
                    hatch=hatches[value], edgecolor="#333333", linewidth=0.6)
        axis.bar_label(bars, labels=[str(w) if w else "" for w in widths], label_type="center", fontsize=8,
                       bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        base = [b + w for b, w in zip(base, widths)]
    return max(base, default=0)


# --------------------------------------------------------------------------------------------------- progress

def progress_chart(grades) -> Chart:
    """Per exercise, how many items are right, partly right, wrong and not yet answered.

    `grades`: {exercise name: Grade}, e.g. {"fact_opinion": sorter.check()} or progress_grades(case).
    """
    rows = [name for name in grades]
    if not rows:
        raise ValueError("No exercises to chart yet: answer something first.")
    counts = Counter()
    for name, grade in grades.items():
        for feedback in grade.items.values():
            counts[(name, feedback.status)] += 1
    series = [status for status, *_ in PROGRESS_STATUSES]
    colours = {status: colour for status, _, colour, _ in PROGRESS_STATUSES}
    hatches = {status: hatch for status, _, _, hatch in PROGRESS_STATUSES}
    names = {status: text for status, text, _, _ in PROGRESS_STATUSES}
    figure, axis = _figure(6.4, 0.9 + 0.45 * len(rows))
    _stacked_bars(axis, rows, series, counts, colours, hatches)
    axis.set_yticks(range(len(rows)), [EXERCISE_TITLES.get(name, name) for name in rows])
    axis.invert_yaxis()
    axis.set_xlabel("items")
    axis.set_title("Your progress")
    for container, status in zip(axis.containers, [s for s in series if any(counts[(r, s)] for r in rows)]):
        container.set_label(names[status])
    figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    parts = []
    for name in rows:
        done = [f"{counts[(name, status)]} {names[status]}" for status in series if counts[(name, status)]]
        parts.append(f"{EXERCISE_TITLES.get(name, name)}: {', '.join(done) or 'nothing yet'}")
    return Chart(figure, "Bar chart of your progress. " + "; ".join(parts) + ".")


def progress_grades(case, student=None, items=None) -> dict:
    """{exercise: Grade} for every exercise in the student's save file for this case (pure grading)."""
    from widgets.storage import WorkFile, current_student
    work = WorkFile(student if student is not None else current_student(), case.id)
    grades = {}
    for name in REGISTRY:
        answers = work.answers(name)
        if answers:
            wanted = None if items is None else items.get(name)
            grades[name] = REGISTRY[name](case, answers, items=wanted)
    return grades


# --------------------------------------------------------------------------------------------------- article profile

def _keyed_sentences(case):
    sentences = [s for s in case.sentences if s.label is not None]
    if not sentences:
        raise ValueError("This article has no answer key, so there is no profile to draw.")
    return sentences


def labels_by_paragraph_chart(case) -> Chart:
    """How many sentences of each paragraph the key labels fact, opinion or mixed."""
    sentences = _keyed_sentences(case)
    paragraphs = list(dict.fromkeys(s.paragraph for s in sentences))
    counts = Counter((s.paragraph, s.label) for s in sentences)
    figure, axis = _figure(6.4, 3.0)
    top = _stacked_bars(axis, paragraphs, vocab.LABELS, counts, palette.LABEL_COLOURS,
                        palette.series_hatches(vocab.LABELS), horizontal=False)
    names = ["headline" if p == 0 else f"¶{p}" for p in paragraphs]
    axis.set_xticks(range(len(paragraphs)), names)
    axis.set_yticks(range(0, top + 1))
    axis.set_ylabel("sentences")
    axis.set_title("The key's labels, paragraph by paragraph")
    figure.legend(loc="outside lower center", ncols=len(vocab.LABELS), fontsize=8, frameon=False)
    parts = []
    for paragraph, name in zip(paragraphs, names):
        found = [f"{counts[(paragraph, label)]} {label}" for label in vocab.LABELS if counts[(paragraph, label)]]
        parts.append(f"{'Headline' if paragraph == 0 else 'paragraph ' + str(paragraph)}: {', '.join(found)}")
    totals = Counter(s.label for s in sentences)
    summary = ", ".join(f"{totals[label]} {label}" for label in vocab.LABELS)
    return Chart(figure, f"Bar chart of the key's labels by paragraph ({_plural(len(sentences), 'sentence')}: "
                         f"{summary}). " + "; ".join(parts) + ".")


def sourcing_chart(case, of="sentences") -> Chart:
    """How the key says the sentences (of="sentences") or the checkable claims (of="claims") are sourced."""
    if of == "sentences":
        values = [s.sourcing for s in _keyed_sentences(case)]
    elif of == "claims":
        values = [c.sourcing for c in case.claims]
        if not values:
            raise ValueError("This article has no claims in its key.")
    else:
        raise ValueError(f"of must be 'sentences' or 'claims', not {of!r}.")
    counts = Counter(values)
    hatches = palette.series_hatches(vocab.SOURCING)
    figure, axis = _figure(6.4, 2.6)
    shown = list(vocab.SOURCING)
    bars = axis.barh(range(len(shown)), [counts[k] for k in shown], 0.6,
                     color=[palette.SOURCING_COLOURS[k] for k in shown], hatch=None, edgecolor="#333333",
                     linewidth=0.6)
    for bar, kind in zip(bars, shown):
        bar.set_hatch(hatches[kind])
    axis.bar_label(bars, padding=3, fontsize=8)
    axis.set_yticks(range(len(shown)), shown)
    axis.invert_yaxis()
    axis.set_xlabel(of)
    axis.set_title(f"How the {of} are sourced (the key's view)")
    axis.set_xlim(0, max(counts.values()) + 1.5)
    parts = ", ".join(f"{counts[k]} {k}" for k in shown)
    return Chart(figure, f"Bar chart of sourcing across {_plural(len(values), of[:-1])}: {parts}.")


def actor_voice_counts(case) -> dict:
    """{actor name: Counter(voice -> mentions)} for actors with mentions; mentions without a voice count under
    NO_VOICE ('talked about'). Sorted by number of mentions, most first."""
    table = {}
    for actor in case.actors:
        if actor.mentions:
            table[actor.name] = Counter(m.voice if m.voice else NO_VOICE for m in actor.mentions)
    return dict(sorted(table.items(), key=lambda item: -sum(item[1].values())))


def actors_chart(case, limit=12) -> Chart:
    """Actors by number of mentions, split by who gets a voice (quoted, paraphrased) and who is only talked about."""
    table = actor_voice_counts(case)
    if not table:
        raise ValueError("This article has no actor mentions in its key.")
    rows = list(table)[:limit]
    counts = {(name, voice): table[name][voice] for name in rows for voice in VOICE_SERIES}
    colours = palette.series_colours(VOICE_SERIES)
    colours[NO_VOICE] = "#BBBBBB"   # grey: 'no voice' should look like absence, not like another speaker
    figure, axis = _figure(6.8, 0.9 + 0.36 * len(rows))
    top = _stacked_bars(axis, rows, VOICE_SERIES, counts, colours, palette.series_hatches(VOICE_SERIES))
    axis.set_yticks(range(len(rows)), [name if len(name) <= 34 else name[:32] + "…" for name in rows], fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel("mentions")
    axis.set_xticks(range(0, top + 1))
    axis.set_title("Who is mentioned, and who gets a voice")
    figure.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    voiced = [name for name in rows if sum(table[name][v] for v in vocab.VOICES)]
    parts = []
    for name in rows:
        split = ", ".join(f"{table[name][v]} {v}" for v in VOICE_SERIES if table[name][v])
        parts.append(f"{name}: {_plural(sum(table[name].values()), 'mention')} ({split})")
    omitted = f" {len(table) - len(rows)} more actors not shown." if len(table) > len(rows) else ""
    return Chart(figure, f"Bar chart of {_plural(len(rows), 'actor')} by mentions. Actors quoted or paraphrased: "
                         f"{'; '.join(voiced) or 'none'}. Mentions: " + "; ".join(parts) + "." + omitted)


def article_profile(case) -> list:
    """The article's profile charts that its key supports: labels by paragraph, sourcing, actors."""
    charts = [labels_by_paragraph_chart(case), sourcing_chart(case)]
    if actor_voice_counts(case):
        charts.append(actors_chart(case))
    return charts
