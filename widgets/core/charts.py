"""Charts of a student's progress and of an article's profile, each with a text alternative.

Every chart function returns a ``Chart``: stacked horizontal bars (no matplotlib, no image, no script), with a text
alternative, drawn by templates/chart_bars.html.j2: the layout is HTML with classes of the kit's stylesheet, and each
bar is a small SVG whose length and segments are SVG attributes (percentages), so no inline style is needed. In a
notebook a Chart shows itself as HTML (with the stylesheet, so it is laid out on its own) and prints as its alt text,
which is also what nbval compares. The bars are one element with ``role="img"`` and the alt text as its accessible
name (what a screen reader reads, as it read an image's alt before), and a "Chart as text" section under them gives
the same words to everyone. Colours come from the Okabe-Ito palette and every series also has an SVG pattern and its
count written on the bar, so colour is never the only cue; the colours are kept when printed.

Why not matplotlib: a kernel that draws one matplotlib chart imports about 45 MiB and 1 s of library, more than all
the kit's widgets together; a chart made of a few SVG rectangles costs about a millisecond, and its HTML is the same
bytes on every machine (no font or renderer differences). `widgets.classroom.report` draws the class report's charts
with the same `bar_chart`.
"""
from __future__ import annotations

from collections import Counter
from hashlib import sha1
from typing import NamedTuple

from widgets.core import palette, vocab
from widgets.core.grading.registry import EXERCISE_TITLES, REGISTRY
from widgets.core.render import render, style_element
from widgets.core.storage import WorkFile, current_student
from widgets.core.text import plural


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

# palette.HATCHES (the patterns' names, as matplotlib spells them) -> an SVG pattern drawn over the series colour:
# (tile size, rotation in degrees, what the tile holds); templates/chart.html.j2 draws the shapes. The ink is black
# at 42 % opacity, so it shows on every colour.
SVG_PATTERNS = {
    "": None,
    "//": (6, 45, "line"),
    "\\\\": (6, -45, "line"),
    "..": (6, 0, "dot"),
    "xx": (7, 45, "cross"),
    "++": (7, 0, "cross"),
    "oo": (8, 0, "ring"),
    "--": (6, 90, "line"),
}


class Series(NamedTuple):
    key: str        # the value counted, e.g. "fact"
    name: str       # legend text
    colour: str     # CSS colour
    hatch: str      # one of palette.HATCHES


class Chart(NamedTuple):
    """Stacked horizontal bars: one bar per row, one segment per series value, and the text alternative."""
    title: str
    rows: tuple         # row labels, top to bottom
    series: tuple       # of Series, in stacking (and legend) order
    counts: dict        # (row index, series key) -> count
    axis: str           # what a bar's length counts, e.g. "mentions"
    alt_text: str

    def total(self, row: int) -> int:
        return sum(self.counts.get((row, s.key), 0) for s in self.series)

    def shown_series(self) -> list:
        """The series that have at least one count (the legend lists only these)."""
        return [s for s in self.series if any(self.counts.get((row, s.key)) for row in range(len(self.rows)))]

    def bars_html(self) -> str:
        """The bars, legend and scale as one role="img" element named by the alt text."""
        return str(render("chart_bars.html.j2", chart=self, layout=_layout(self)))

    def html(self) -> str:
        """The chart and, under it, a 'Chart as text' section with the alt text."""
        return str(render("chart.html.j2", chart=self, layout=_layout(self)))

    def _repr_html_(self):
        """The chart with the kit's stylesheet, so it is laid out wherever it is shown on its own."""
        return str(style_element()) + self.html()

    def __repr__(self):
        return self.alt_text


def _layout(chart: Chart) -> dict:
    """What the chart template draws: per row its label, its bar's length (% of the longest) and its segments
    (x and width in % of the bar), the series shown in the legend, and one pattern id per hatched series."""
    longest = max((chart.total(row) for row in range(len(chart.rows))), default=0) or 1
    key = sha1(repr((chart.title, chart.rows, chart.series, sorted(chart.counts.items()))).encode()).hexdigest()[:8]
    patterns = {s.key: (f"fprl-hatch-{key}-{index}", *SVG_PATTERNS[s.hatch])
                for index, s in enumerate(chart.series) if SVG_PATTERNS[s.hatch]}
    rows = []
    for row, label in enumerate(chart.rows):
        total = chart.total(row)
        segments, start = [], 0
        for series in chart.series:
            count = chart.counts.get((row, series.key), 0)
            if count:
                pattern = patterns.get(series.key)
                segments.append({"key": series.key, "name": series.name, "colour": series.colour, "count": count,
                                 "x": f"{100 * start / total:.2f}", "width": f"{100 * count / total:.2f}",
                                 "middle": f"{100 * (start + count / 2) / total:.2f}",
                                 "pattern": pattern[0] if pattern else None})
                start += count
        rows.append({"label": label, "total": total, "length": f"{100 * total / longest:.2f}", "segments": segments})
    return {"rows": rows, "longest": longest, "legend": chart.shown_series(), "patterns": patterns}


def bar_chart(title, rows, series, counts, axis, alt_text) -> Chart:
    """A Chart from plain values: `series` a list of Series (or (key, name, colour, hatch) tuples), `counts`
    {(row index, series key): count}."""
    return Chart(str(title), tuple(str(r) for r in rows), tuple(Series(*s) for s in series), dict(counts),
                 str(axis), str(alt_text))


# --------------------------------------------------------------------------------------------------- progress

def progress_chart(grades) -> Chart:
    """Per exercise, how many items are right, partly right, wrong and not yet answered.

    `grades`: {exercise name: Grade}, e.g. {"fact_opinion": sorter.check()} or progress_grades(case).
    """
    rows = [name for name in grades]
    if not rows:
        raise ValueError("No exercises to chart yet: answer something first.")
    counts = Counter()
    for index, grade in enumerate(grades.values()):
        for feedback in grade.items.values():
            counts[(index, feedback.status)] += 1
    series = [Series(status, text, colour, hatch) for status, text, colour, hatch in PROGRESS_STATUSES]
    parts = []
    for index, name in enumerate(rows):
        done = [f"{counts[(index, s.key)]} {s.name}" for s in series if counts[(index, s.key)]]
        parts.append(f"{EXERCISE_TITLES.get(name, name)}: {', '.join(done) or 'nothing yet'}")
    return bar_chart("Your progress", [EXERCISE_TITLES.get(name, name) for name in rows], series, counts, "items",
                     "Bar chart of your progress. " + "; ".join(parts) + ".")


def progress_grades(case, student=None, items=None) -> dict:
    """{exercise: Grade} for every exercise in the student's save file for this case (pure grading)."""
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


def vocabulary_series(values, colours, names=None) -> list:
    hatches = palette.series_hatches(values)
    return [Series(value, (names or {}).get(value, value), colours[value], hatches[value]) for value in values]


def labels_by_paragraph_chart(case) -> Chart:
    """How many sentences of each paragraph the key labels fact, opinion or mixed."""
    sentences = _keyed_sentences(case)
    paragraphs = list(dict.fromkeys(s.paragraph for s in sentences))
    counts = Counter((s.paragraph, s.label) for s in sentences)
    names = ["headline" if p == 0 else f"¶{p}" for p in paragraphs]
    parts = []
    for paragraph in paragraphs:
        found = [f"{counts[(paragraph, label)]} {label}" for label in vocab.LABELS if counts[(paragraph, label)]]
        parts.append(f"{'Headline' if paragraph == 0 else 'paragraph ' + str(paragraph)}: {', '.join(found)}")
    totals = Counter(s.label for s in sentences)
    summary = ", ".join(f"{totals[label]} {label}" for label in vocab.LABELS)
    by_row = {(index, label): counts[(paragraph, label)] for index, paragraph in enumerate(paragraphs)
              for label in vocab.LABELS}
    return bar_chart("The key's labels, paragraph by paragraph", names,
                     vocabulary_series(vocab.LABELS, palette.LABEL_COLOURS), by_row, "sentences",
                     f"Bar chart of the key's labels by paragraph ({plural(len(sentences), 'sentence')}: "
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
    shown = list(vocab.SOURCING)
    parts = ", ".join(f"{counts[k]} {k}" for k in shown)
    return bar_chart(f"How the {of} are sourced (the key's view)", shown,
                     vocabulary_series(shown, palette.SOURCING_COLOURS),
                     {(index, kind): counts[kind] for index, kind in enumerate(shown)}, of,
                     f"Bar chart of sourcing across {plural(len(values), of[:-1])}: {parts}.")


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
    counts = {(index, voice): table[name][voice] for index, name in enumerate(rows) for voice in VOICE_SERIES}
    colours = palette.series_colours(VOICE_SERIES)
    colours[NO_VOICE] = "#BBBBBB"   # grey: 'no voice' should look like absence, not like another speaker
    voiced = [name for name in rows if sum(table[name][v] for v in vocab.VOICES)]
    parts = []
    for name in rows:
        split = ", ".join(f"{table[name][v]} {v}" for v in VOICE_SERIES if table[name][v])
        parts.append(f"{name}: {plural(sum(table[name].values()), 'mention')} ({split})")
    omitted = f" {len(table) - len(rows)} more actors not shown." if len(table) > len(rows) else ""
    return bar_chart("Who is mentioned, and who gets a voice",
                     [name if len(name) <= 34 else name[:32] + "…" for name in rows],
                     vocabulary_series(VOICE_SERIES, colours), counts, "mentions",
                     f"Bar chart of {plural(len(rows), 'actor')} by mentions. Actors quoted or paraphrased: "
                     f"{'; '.join(voiced) or 'none'}. Mentions: " + "; ".join(parts) + "." + omitted)


def article_profile(case) -> list:
    """The article's profile charts that its key supports: labels by paragraph, sourcing, actors."""
    charts = [labels_by_paragraph_chart(case), sourcing_chart(case)]
    if actor_voice_counts(case):
        charts.append(actors_chart(case))
    return charts
