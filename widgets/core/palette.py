"""Colour-blind-safe colours (Okabe & Ito 2008) and the non-colour cues that go with them.

Colour is never the only cue: every highlight kind also has its own underline style and a letter marker, and every
chart series has its own hatch pattern. The article view, the exercise feedback and the charts all take their
colours from here, so one value always has one colour.
"""
from dataclasses import dataclass

from widgets.core import vocab

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


# Each kind's look is the class .fprl-hl-<kind> in widgets/core/render/kit.css (its colour is the CSS variable
# --fprl-hl-<kind>); each kind styles its own CSS property, so overlapping highlights combine.
@dataclass(frozen=True)
class HighlightStyle:
    kind: str           # key used by render_article_html(highlight=...)
    name: str           # singular, for the legend and for screen readers
    colour: str
    marker: str         # letter shown after each highlighted span
    cue: str            # the non-colour cue, in words, for the legend


HIGHLIGHTS = {
    "actors": HighlightStyle(
        "actors", "actor", OKABE_ITO["blue"], "A", "solid underline, marked A"),
    "claims": HighlightStyle(
        "claims", "claim", OKABE_ITO["orange"], "C", "shaded with a dashed line below, marked C"),
    "framing": HighlightStyle(
        "framing", "framing device", OKABE_ITO["reddish purple"], "F", "dotted box, marked F"),
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

# Darker shades of the same hues for text and marks (WCAG 1.4.3: at least 4.5:1 on white, on the report's pale
# panels #fff8e6 and #eef3f8, and on JupyterLab's #f5f5f5); the Okabe-Ito colours stay for fills, bars and lines.
# tests/unit/test_access.py measures them.
TEXT_SHADES = {
    "bluish green": "#007E5B",
    "orange": "#936500",
    "vermillion": "#B75000",
    "reddish purple": "#985A7D",
    "sky blue": "#377497",
}

# Feedback marks: a symbol and a word as well as a colour.
RIGHT = ("✔", "Right", TEXT_SHADES["bluish green"])
PARTLY = ("◐", "Partly right", TEXT_SHADES["orange"])
WRONG = ("✘", "Not the key's answer", TEXT_SHADES["vermillion"])
FEEDBACK_MARKS = {"right": RIGHT, "partly": PARTLY, "wrong": WRONG}


def contrast_ratio(colour: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two '#rrggbb' colours (1 to 21)."""
    def luminance(hex_colour):
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
