"""The one place that turns results into HTML: jinja2 templates and the kit's one stylesheet.

Pure (jinja2 and markupsafe, both installed with JupyterLab; no ipywidgets), so the class report and the tools can
render without loading widgets. Templates live in `templates/` and are autoescaped, except Markdown, text and CSS
templates, so article text can never become markup. Colours come from `palette.py` as CSS variables; every class in
`kit.css` starts with `fprl-`. Widgets get the stylesheet into the page with `widgets.render.widget.StyleSheet()`;
standalone HTML files put `style_element()` in their `<head>`.
"""
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from widgets import palette

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = Path(__file__).with_name("kit.css")
_PLAIN_SUFFIXES = (".md", ".txt", ".css")      # templates whose output is not HTML: never escaped


def _autoescape(name: str | None) -> bool:
    return name is None or not name.removesuffix(".j2").endswith(_PLAIN_SUFFIXES)


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=_autoescape,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template_name: str, **context) -> Markup:
    """The template `templates/<template_name>` filled with `context` (autoescaped for HTML templates)."""
    return Markup(environment().get_template(template_name).render(**context))


def css_name(name: str) -> str:
    """A palette name as a CSS identifier: 'sky blue' -> 'sky-blue'."""
    return "-".join(str(name).lower().split())


def css_variables() -> dict:
    """{CSS variable: colour} from palette.py: the named colours, the feedback marks and the highlight kinds."""
    variables = {f"--fprl-{css_name(name)}": colour for name, colour in palette.OKABE_ITO.items()}
    for status, (_symbol, _word, colour) in palette.FEEDBACK_MARKS.items():
        variables[f"--fprl-{status}"] = colour
    for kind, style in palette.HIGHLIGHTS.items():
        variables[f"--fprl-hl-{kind}"] = style.colour
    return variables


@cache
def stylesheet() -> str:
    """The kit's one stylesheet: palette colours as CSS variables, then the classes of `kit.css`."""
    root = "".join(f"{name}:{value};" for name, value in css_variables().items())
    return f":root{{{root}}}\n{STYLESHEET.read_text(encoding='utf-8')}"


def style_element() -> Markup:
    """`<style>` holding the stylesheet, for a page's head or a widget."""
    return Markup(f'<style class="fprl-stylesheet">{stylesheet()}</style>')
