"""Several versions of one story side by side (lesson 8), and a chart of the framing devices in each.

Pure functions plus two small display objects. Nothing here prints key labels, verdicts or rationales: the side-by-side
view shows only the articles (with the notice on a version written for the kit), and the chart shows how many framing
devices of each kind each key marks, never which words.
"""
from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from widgets.core import palette, vocab
from widgets.views.article import render_article_html
from widgets.core.charts import Chart, vocabulary_series, bar_chart
from widgets.core.evidence import kit_notice_text
from widgets.core.render import render, style_element


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
        return str(render("side_by_side.html.j2", versions=[
            (version_name(case, name), Markup(render_article_html(case, highlight=())))
            for case, name in zip(self.cases, self.names)]))

    def _repr_html_(self):
        """The columns with the kit's stylesheet, so they are laid out wherever they are shown."""
        return str(style_element()) + self.html()

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
    """One bar per version, one segment per device kind (the kit's shared HTML bars: no matplotlib)."""
    cases = tuple(cases)
    names = tuple(names) if names is not None else (None,) * len(cases)
    series = vocabulary_series(vocab.DEVICES, palette.DEVICE_COLOURS)
    counts = {(row, kind): count for row, case in enumerate(cases) for kind, count in device_counts(case).items()}
    return bar_chart("Framing devices in each version", [version_name(case, name) for case, name in zip(cases, names)],
                     series, counts, "framing devices marked in the key", devices_alt_text(cases, names))
