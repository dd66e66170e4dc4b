"""The widget side of rendering: the stylesheet and the keyboard layer as widgets, included once by every top-level
view (`view_head()` gives both).

A `<style>` element applies to the whole page even inside a hidden widget, so the view stays styled in JupyterLab,
Voila and a notebook exported to HTML, wherever it is displayed.
"""
from pathlib import Path

import anywidget
import ipywidgets as ipw

from widgets.core.render import style_element


class StyleSheet(ipw.HTML):
    def __init__(self):
        super().__init__(value=style_element(), layout=ipw.Layout(display="none"))
        self.add_class("fprl-stylesheet")

    def __repr__(self):
        return "StyleSheet()"


class AccessLayer(anywidget.AnyWidget):
    """The keyboard and screen-reader layer of the view that holds it (render/access.js, run in the page): keys stay
    in the view (no notebook shortcut fires), arrow keys move inside radio groups, toggle groups and the tagger's
    words, toggles expose aria-pressed, controls get names, text of `fprl-live` elements is read out by one
    persistent live region, and focus never falls to the page when a control is disabled or rebuilt.

    It holds no state: without a front end (nbval, a script) it does nothing, and answers never pass through it.
    """

    _esm = Path(__file__).with_name("access.js")

    def __repr__(self):
        return "AccessLayer()"


def view_head() -> list:
    """The first children of every top-level view: its stylesheet and its keyboard layer."""
    return [StyleSheet(), AccessLayer()]
