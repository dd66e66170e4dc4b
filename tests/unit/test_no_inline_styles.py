"""No inline HTML `style="..."` in the kit's Python source or templates: looks come from classes of the one stylesheet
(widgets/core/render/kit.css), and data-driven sizes from SVG attributes (issue 10).

ipywidgets' `style={"description_width": ...}` keyword is the widget's own style trait, not inline HTML, and
`button_style="primary"` is another keyword: neither is matched.

"""
import re
from pathlib import Path


KIT = Path(__file__).resolve().parents[2]
SCANNED = ("widgets", "tools")
SUFFIXES = {".py", ".html", ".j2", ".md", ".htm"}
# `style=` then a quote (also an escaped quote inside a Python string), not preceded by a letter, digit, _ or -
# (so button_style=, data-style= and style={...} are not inline HTML styles).
INLINE_STYLE = re.compile(r"""(?<![\w-])style\s*=\s*\\?["']""")

def scanned_files() -> list:
    return sorted(path for folder in SCANNED for path in (KIT / folder).rglob("*")
                  if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts)


def inline_styles() -> dict:
    """{file relative to the kit: ["line: text", ...]} for every inline HTML style attribute."""
    found = {}
    for path in scanned_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [f"{number}: {line.strip()}" for number, line in enumerate(lines, 1) if INLINE_STYLE.search(line)]
        if hits:
            found[path.relative_to(KIT).as_posix()] = hits
    return found


def _listing(found: dict) -> str:
    return "\n".join(f"{path}:{hit}" for path, hits in sorted(found.items()) for hit in hits)


def test_the_pattern_finds_inline_styles_and_nothing_else():
    for source in ('<b style="color:red">', "<b style='color:red'>", '"<b style=\\"x\\">"', "<p style = 'x'>"):
        assert INLINE_STYLE.search(source), source
    for source in ('style={"description_width": "initial"}', 'button_style="primary"', 'data-style="x"',
                   "style=self.style", '<style class="fprl-stylesheet">'):
        assert not INLINE_STYLE.search(source), source


def test_the_scan_covers_sources_and_templates():
    files = {path.relative_to(KIT).as_posix() for path in scanned_files()}
    assert {"widgets/core/charts.py", "widgets/core/render/templates/report.html.j2", "tools/answer_key.py"} <= files


def test_no_inline_style_anywhere():
    found = inline_styles()
    assert not found, "Inline style= attributes; use a class from widgets/core/render/kit.css:\n" + _listing(found)
