"""The article as readable HTML, with optional highlights (actors, claims, framing devices) and a legend.

Every piece of article and key text is HTML-escaped (templates/article.html.j2): a <script> in an article is shown as
text, never run. Overlapping highlights are cut into pieces; each kind's class (.fprl-hl-<kind> in kit.css) styles a
different CSS property (underline, shading, dotted box), so a word that is both in a claim and an actor's name shows
both. Colour is never the only cue: each kind has its own line style and a letter after the span, explained in the
legend.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import ipywidgets as ipw
from markupsafe import Markup

from widgets.core.evidence import kit_notice_html, kit_notice_text
from widgets.core.errors import shows_errors_in
from widgets.core.palette import HIGHLIGHT_KINDS, HIGHLIGHTS
from widgets.core.render import render
from widgets.views.access import view_head
from widgets.core.text import shorten


@dataclass(frozen=True)
class Span:
    kind: str
    start: int
    end: int
    label: str          # what a tooltip and a screen reader get, e.g. "actor: Joe Biden"


def _check_highlight(highlight) -> tuple:
    if isinstance(highlight, str):
        highlight = (highlight,)
    highlight = tuple(highlight or ())
    unknown = [kind for kind in highlight if kind not in HIGHLIGHTS]
    if unknown:
        raise ValueError(f"Unknown highlight kind(s) {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(HIGHLIGHT_KINDS)}.")
    return tuple(kind for kind in HIGHLIGHT_KINDS if kind in highlight)   # legend order, no duplicates


def sentence_spans(case, highlight) -> dict:
    """{sentence_id: [Span]} for the requested highlight kinds."""
    spans: dict = {}
    if "actors" in highlight:
        for actor in case.actors:
            for mention in actor.mentions:
                spans.setdefault(mention.sentence_id, []).append(
                    Span("actors", mention.start, mention.end, f"actor: {actor.name} ({actor.kind})"))
    if "claims" in highlight:
        for claim in case.claims:
            spans.setdefault(claim.sentence_id, []).append(Span("claims", claim.start, claim.end, "checkable claim"))
    if "framing" in highlight:
        for device in case.framing:
            spans.setdefault(device.sentence_id, []).append(
                Span("framing", device.start, device.end, f"framing device: {device.device}"))
    return spans


@dataclass(frozen=True)
class Piece:
    text: str
    classes: str        # "fprl-hl-<kind>" per active kind, in legend order ("" when not highlighted)
    title: str          # the active spans' labels, for the tooltip
    markers: tuple      # HighlightStyles of the kinds whose span ends here (their letter follows the piece)


class ShownSentence(NamedTuple):
    id: str
    text: str
    pieces: list | None     # None: no highlight in this sentence


class Block(NamedTuple):
    tag: str                # "h3" for the headline, "p" for a paragraph
    sentences: list         # of ShownSentence


def sentence_pieces(text: str, spans) -> list:
    """One sentence cut into Pieces at every span edge. Spans may nest or cross; offsets outside the text are
    clipped."""
    spans = [Span(s.kind, max(0, s.start), min(len(text), s.end), s.label) for s in spans]
    spans = [s for s in spans if s.start < s.end]
    if not spans:
        return [Piece(text, "", "", ())]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        active = [s for s in spans if s.start <= start and end <= s.end]
        kinds = [kind for kind in HIGHLIGHT_KINDS if any(s.kind == kind for s in active)]
        # a letter marker where a highlighted span ends, once per kind
        ending = tuple(HIGHLIGHTS[kind] for kind in kinds if any(s.kind == kind and s.end == end for s in active))
        pieces.append(Piece(text[start:end], " ".join(f"fprl-hl-{kind}" for kind in kinds),
                            "; ".join(dict.fromkeys(s.label for s in active)), ending))
    return pieces


def highlight_sentence(text: str, spans) -> str:
    """Escaped HTML of one sentence with its spans (see sentence_pieces)."""
    return str(render("article_sentence.html.j2", pieces=sentence_pieces(text, spans)))


def legend_html(highlight) -> str:
    """A legend naming each highlight kind, its colour, line style and letter."""
    return str(render("article_legend.html.j2", styles=[HIGHLIGHTS[kind] for kind in _check_highlight(highlight)]))


def render_article_html(case, highlight=HIGHLIGHT_KINDS, sentence_ids=None) -> str:
    """The article (or only `sentence_ids`) as escaped HTML: the headline as a heading, then paragraphs, with the
    `highlight` kinds marked (any of "actors", "claims", "framing") and a legend."""
    highlight = _check_highlight(highlight)
    # Unknown language: no lang attribute rather than a wrong one.
    page = {"notice": Markup(kit_notice_html(case)),   # an article written for the kit says so on every view
            "language": (case.meta or {}).get("language"), "blocks": None,
            "styles": [HIGHLIGHTS[kind] for kind in highlight]}
    if not case.sentences:  # an article without sentence records: plain paragraphs
        page["plain"] = [block for block in case.article.split("\n\n") if block.strip()]
        return str(render("article.html.j2", **page))
    wanted = None
    if sentence_ids is not None:
        wanted = set(sentence_ids)
        unknown = wanted - {s.id for s in case.sentences}
        if unknown:
            raise ValueError(f"Unknown sentence id(s): {', '.join(sorted(unknown))}.")
    spans = sentence_spans(case, highlight)
    page["blocks"] = []
    for paragraph in case.paragraphs():
        shown = [s for s in paragraph if wanted is None or s.id in wanted]
        if shown:
            page["blocks"].append(Block("h3" if paragraph[0].paragraph == 0 else "p", [
                ShownSentence(s.id, s.text, sentence_pieces(s.text, spans[s.id]) if s.id in spans else None)
                for s in shown]))
    return str(render("article.html.j2", **page))


class ArticleView(ipw.VBox):
    """The article with check boxes to switch each kind of highlight on and off (reachable with Tab, Space).

    ``paragraphs``: paragraph numbers to show (0 = headline); default: the whole article.
    """

    def __init__(self, case, highlight=HIGHLIGHT_KINDS, paragraphs=None):
        super().__init__()
        self.case = case
        highlight = _check_highlight(highlight)
        self.sentence_ids = None
        if paragraphs is not None:
            paragraphs = set(paragraphs)
            known = {s.paragraph for s in case.sentences}
            if not paragraphs <= known:
                raise ValueError(f"Unknown paragraph number(s): {sorted(paragraphs - known)}; "
                                 f"this article has {sorted(known)}.")
            self.sentence_ids = [s.id for s in case.sentences if s.paragraph in paragraphs]
        available = [kind for kind in HIGHLIGHT_KINDS if sentence_spans(case, (kind,))]
        self.toggles = {}
        for kind in available:
            style = HIGHLIGHTS[kind]
            self.toggles[kind] = ipw.Checkbox(value=kind in highlight, indent=False,
                                              description=f"Show {kind} ({style.marker})",
                                              tooltip=f"Show or hide the {style.name} highlights",
                                              layout=ipw.Layout(width="auto"))
            self.toggles[kind].observe(self._on_toggle, names="value")
        self.html = ipw.HTML()
        self.add_class("fprl-article-view")
        controls = ipw.HBox(list(self.toggles.values()), layout=ipw.Layout(flex_flow="row wrap"))
        self.children = view_head() + ([controls] if self.toggles else []) + [self.html]
        self._render()

    @property
    def highlight(self) -> tuple:
        return tuple(kind for kind, box in self.toggles.items() if box.value)

    def _render(self):
        self.html.value = render_article_html(self.case, self.highlight, self.sentence_ids)

    @shows_errors_in("html")
    def _on_toggle(self, _change):
        self._render()

    def __repr__(self):
        notice = " (written for the kit)" if kit_notice_text(self.case) else ""
        return f"ArticleView: {shorten(self.case.title, 60)}{notice}. Run this cell to see the article."
