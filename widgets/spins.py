"""Several versions of one story side by side (lesson 8), and a chart of the framing devices in each.

Pure functions plus two small display objects. Nothing here prints key labels, verdicts or rationales: the side-by-side
view shows only the articles (with the notice on a version written for the kit), and the chart shows how many framing
devices of each kind each key marks, never which words.
"""
from __future__ import annotations

import html
from collections import Counter

from widgets import palette, vocab
from widgets.article import render_article_html
from widgets.charts import Chart
from widgets.evidence import kit_notice_text

# One colour and hatch per version, in the order given (Okabe-Ito, so colour is never the only cue).
VERSION_STYLES = (
    (palette.OKABE_ITO["sky blue"], ""),
    (palette.OKABE_ITO["vermillion"], "//"),
    (palette.OKABE_ITO["bluish green"], "xx"),
    (palette.OKABE_ITO["orange"], ".."),
)


def version_name(case, name=None) -> str:
    """The name shown for a version: `name` or the case title, marked when the article was written for the kit."""
    name = name or case.title
    return f"{name} (written for the kit)" if kit_notice_text(case) else name


class SideBySide:
    """The articles in columns, no highlights. Shows itself as HTML; prints as a short text description."""

    def __init__(self, cases, names=None):
        self.cases = tuple(cases)
        self.names = tuple(names) if names is not None else (None,) * len(self.cases)
        if len(self.names) != len(self.cases):
            raise ValueError(f"{len(self.cases)} cases but {len(self.names)} names.")

    def html(self) -> str:
        columns = []
        for case, name in zip(self.cases, self.names):
            title = html.escape(version_name(case, name))
            columns.append(f'<div class="fprl-version" style="flex:1 1 18em; min-width:16em; border-top:4px solid #999; '
                           f'padding:0.3em 0.6em"><p style="margin:0.2em 0"><b>{title}</b></p>'
                           f"{render_article_html(case, highlight=())}</div>")
        return f'<div class="fprl-side-by-side" style="display:flex; flex-wrap:wrap; gap:1em">{"".join(columns)}</div>'

    def _repr_html_(self):
        return self.html()

    def __repr__(self):
        parts = [f"{version_name(case, name)}: {len(case.article.split())} words"
                 for case, name in zip(self.cases, self.names)]
        return f"{len(self.cases)} versions side by side. " + "; ".join(parts) + "."


def device_counts(case) -> Counter:
    """How many framing devices of each kind the case's key marks."""
    return Counter(device.device for device in case.framing)


def devices_alt_text(cases, names=None) -> str:
    names = names or (None,) * len(cases)
    lines = ["Framing devices marked in the key of each version, by kind."]
    for case, name in zip(cases, names):
        counts = device_counts(case)
        listed = ", ".join(f"{kind} {counts[kind]}" for kind in vocab.DEVICES if counts[kind]) or "none"
        lines.append(f"{version_name(case, name)}: {sum(counts.values())} in all ({listed}).")
    return " ".join(lines)


def devices_chart(cases, names=None) -> Chart:
    """Grouped horizontal bars: for each device kind, one bar per version. Made without pyplot."""
    from matplotlib.figure import Figure   # imported when the chart is drawn

    cases = tuple(cases)
    names = tuple(names) if names is not None else (None,) * len(cases)
    if len(cases) > len(VERSION_STYLES):
        raise ValueError(f"At most {len(VERSION_STYLES)} versions fit in one chart.")
    kinds = list(vocab.DEVICES)
    figure = Figure(figsize=(7.5, 0.45 * len(kinds) * max(1, len(cases)) / 2 + 1.2), dpi=100, layout="constrained")
    axis = figure.add_subplot()
    height = 0.8 / max(1, len(cases))
    for number, (case, name) in enumerate(zip(cases, names)):
        counts = device_counts(case)
        colour, hatch = VERSION_STYLES[number]
        positions = [k + (number - (len(cases) - 1) / 2) * height for k in range(len(kinds))]
        values = [counts[kind] for kind in kinds]
        bars = axis.barh(positions, values, height * 0.95, label=version_name(case, name), color=colour, hatch=hatch,
                         edgecolor="#333333", linewidth=0.6)
        axis.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    axis.set_yticks(range(len(kinds)), kinds)
    axis.invert_yaxis()
    axis.set_xlabel("framing devices marked in the key")
    axis.set_title("Framing devices in each version")
    figure.legend(loc="outside lower center", fontsize=8, ncols=1, frameon=False)
    return Chart(figure, devices_alt_text(cases, names))
