"""Colour-blind-safe colours (Okabe & Ito 2008) and the non-colour cues that go with them.

Colour is never the only cue: every highlight kind also has its own underline style and a letter marker, and every
chart series has its own hatch pattern. The article view, the exercise feedback and the charts all take their
colours from here, so one value always has one colour.
"""
from dataclasses import dataclass

from widgets import vocab

# Okabe-Ito: distinguishable with the common forms of colour blindness.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

# The order in which a vocabulary's values take colours and hatches (strong, well separated colours first).
_SERIES_COLOURS = ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "yellow", "black")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")


@dataclass(frozen=True)
class HighlightStyle:
    kind: str           # key used by render_article_html(highlight=...)
    name: str           # singular, for the legend and for screen readers
    colour: str
    css: str            # inline CSS; each kind uses its own CSS property, so overlapping highlights combine
    marker: str         # letter shown after each highlighted span
    cue: str            # the non-colour cue, in words, for the legend


HIGHLIGHTS = {
    "actors": HighlightStyle(
        "actors", "actor", OKABE_ITO["blue"],
        f"text-decoration: underline solid {OKABE_ITO['blue']} 2px; text-underline-offset: 3px;",
        "A", "solid underline, marked A"),
    "claims": HighlightStyle(
        "claims", "claim", OKABE_ITO["orange"],
        "background-color: rgba(230, 159, 0, 0.22);"
        f" border-bottom: 2px dashed {OKABE_ITO['orange']};",
        "C", "shaded with a dashed line below, marked C"),
    "framing": HighlightStyle(
        "framing", "framing device", OKABE_ITO["reddish purple"],
        f"outline: 2px dotted {OKABE_ITO['reddish purple']}; outline-offset: 1px;",
        "F", "dotted box, marked F"),
}
HIGHLIGHT_KINDS = tuple(HIGHLIGHTS)


def series_colours(values) -> dict:
    """{value: hex colour} for a sequence of category values, in a fixed Okabe-Ito order."""
    values = tuple(values)
    if len(values) > len(_SERIES_COLOURS):
        raise ValueError(f"Only {len(_SERIES_COLOURS)} colour-blind-safe colours; got {len(values)} values.")
    return {value: OKABE_ITO[name] for value, name in zip(values, _SERIES_COLOURS)}


def series_hatches(values) -> dict:
    """{value: matplotlib hatch} so charts never rely on colour alone."""
    values = tuple(values)
    if len(values) > len(HATCHES):
        raise ValueError(f"Only {len(HATCHES)} hatch patterns; got {len(values)} values.")
    return dict(zip(values, HATCHES))


LABEL_COLOURS = series_colours(vocab.LABELS)
SOURCING_COLOURS = series_colours(vocab.SOURCING)
VERDICT_COLOURS = series_colours(vocab.VERDICTS)
ACTOR_KIND_COLOURS = series_colours(vocab.ACTOR_KINDS)
DEVICE_COLOURS = series_colours(vocab.DEVICES)

# Feedback marks: a symbol and a word as well as a colour.
RIGHT = ("✔", "Right", OKABE_ITO["bluish green"])
PARTLY = ("◐", "Partly right", OKABE_ITO["orange"])
WRONG = ("✘", "Not the key's answer", OKABE_ITO["vermillion"])
FEEDBACK_MARKS = {"right": RIGHT, "partly": PARTLY, "wrong": WRONG}
