"""The widget side of rendering: the stylesheet as a widget, included once by every top-level view.

A `<style>` element applies to the whole page even inside a hidden widget, so the view stays styled in JupyterLab,
Voila and a notebook exported to HTML, wherever it is displayed.
"""
import ipywidgets as ipw

from widgets.render import style_element


class StyleSheet(ipw.HTML):
    def __init__(self):
        super().__init__(value=style_element(), layout=ipw.Layout(display="none"))
        self.add_class("fprl-stylesheet")

    def __repr__(self):
        return "StyleSheet()"
