"""The one place that turns results into HTML: jinja2 templates and the kit's one stylesheet.

Pure (jinja2 and markupsafe, both installed with JupyterLab; no ipywidgets), so the class report and the tools can
render without loading widgets. Templates live in `templates/` and are autoescaped, except Markdown, text and CSS
templates, so article text can never become markup. Colours come from `palette.py` as CSS variables; every class in
`kit.css` starts with `fprl-`. Widgets get the stylesheet into the page with `widgets.views.access.StyleSheet()`;
standalone HTML files put `style_element()` in their `<head>`.
"""
import re
import sys
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from widgets.core import palette, text

TEMPLATES = Path(__file__).with_name("templates")
STYLESHEET = Path(__file__).with_name("kit.css")
_PLAIN_SUFFIXES = (".md", ".txt", ".css")      # templates whose output is not HTML: never escaped


def _autoescape(name: str | None) -> bool:
    return name is None or not name.removesuffix(".j2").endswith(_PLAIN_SUFFIXES)


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept beside the package's own bytecode (render/__pycache__/), as Python keeps .pyc files:
    a new process (the report command, a lesson's kernel) skips compiling them again, about 60 ms for the report.
    The key holds each template's checksum, so an edited template is compiled afresh. Where nothing may be written
    (a read-only install, PYTHONDONTWRITEBYTECODE), templates are compiled in memory as before."""

    def dump_bytecode(self, bucket, force=False) -> None:
        if sys.dont_write_bytecode and not force:
            return
        try:
            Path(self.directory).mkdir(exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=_autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False,   # templates are read once per process
                             bytecode_cache=_CompiledTemplates(str(Path(__file__).with_name("__pycache__"))))
    env.filters["percent"] = text.percent
    return env


def compile_templates() -> int:
    """Compile every template into the cache now, as `compileall` does for modules (bench/run.py calls it, so that
    figures are those of a kit that has run once); returns how many templates there are."""
    env = environment()
    names = env.list_templates()
    for name in names:
        source, filename, _uptodate = env.loader.get_source(env, name)
        bucket = env.bytecode_cache.get_bucket(env, name, filename, source)
        bucket.code = env.compile(source, name, filename)
        env.bytecode_cache.dump_bytecode(bucket, force=True)
    return len(names)


def render(template_name: str, **context) -> Markup:
    """The template `templates/<template_name>` filled with `context` (autoescaped for HTML templates)."""
    return Markup(environment().get_template(template_name).render(**context))


def css_name(name: str) -> str:
    """A palette name as a CSS identifier: 'sky blue' -> 'sky-blue'."""
    return "-".join(str(name).lower().split())


def css_variables() -> dict:
    """{CSS variable: colour} from palette.py: the named colours, the feedback marks and the highlight kinds."""
    variables = {f"--fprl-{css_name(name)}": colour for name, colour in palette.OKABE_ITO.items()}
    variables.update({f"--fprl-text-{css_name(name)}": colour for name, colour in palette.TEXT_SHADES.items()})
    for status, (_symbol, _word, colour) in palette.FEEDBACK_MARKS.items():
        variables[f"--fprl-{status}"] = colour
    for kind, style in palette.HIGHLIGHTS.items():
        variables[f"--fprl-hl-{kind}"] = style.colour
    return variables


@cache
def stylesheet() -> str:
    """The kit's one stylesheet: palette colours as CSS variables, then the classes of `kit.css` (without its comments
    and line breaks, since every standalone chart and page carries a copy)."""
    root = "".join(f"{name}:{value};" for name, value in css_variables().items())
    rules = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    return f":root{{{root}}}\n" + re.sub(r"\s*([{};,])\s*", r"\1", " ".join(rules.split()))


def style_element() -> Markup:
    """`<style>` holding the stylesheet, for a page's head or a widget."""
    return Markup(f'<style class="fprl-stylesheet">{stylesheet()}</style>')
