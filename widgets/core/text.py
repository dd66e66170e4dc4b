"""Small text helpers, written once: plural, percent, slug, escape, shorten, spreadsheet_cell.

Pure (standard library and markupsafe only), so the grading, the report and the widgets can all use them.
"""
import unicodedata
import re

from markupsafe import Markup, escape as _markup_escape

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """'1 word', '3 words'; `plural_form` for irregular words ('2 analyses')."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def percent(share) -> str:
    """A share as a whole percentage, '42%'; '–' when there is none (None)."""
    return "–" if share is None else f"{100 * share:.0f}%"


def slug(text) -> str:
    """Lower-case ASCII letters, digits and single hyphens: 'Zoë O'Neil' -> 'zoe-o-neil' ('' when nothing is left).

    Callers that need a length limit cut the result themselves, because each file name has its own rule.
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def escape(value) -> Markup:
    """HTML-escaped text as Markup (safe to put in a template or an HTML widget); None becomes ''."""
    return _markup_escape("" if value is None else str(value))


def shorten(text, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shorten_middle(text, limit: int) -> str:
    """`text` with its middle cut out (at word boundaries) to about `limit` characters, so both ends still show."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    head = text[:half] if text[half] == " " else text[:half].rsplit(" ", 1)[0]
    tail = text[-half:] if text[-half - 1] == " " else text[-half:].split(" ", 1)[-1]
    return f"{head} … {tail}"


# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), also after leading spaces, and the
# fullwidth forms some spreadsheets fold to them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def spreadsheet_cell(value):
    """One CSV cell, safe to open in a spreadsheet: a text that could start a formula gets a leading apostrophe
    ("=HYPERLINK(...)" -> "'=HYPERLINK(...)"); numbers pass unchanged. Every CSV the kit writes passes its cells
    through here."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    start = text.lstrip()[:1]
    return "'" + text if start and (start in _FORMULA_START or text[:1] in _FORMULA_START) else text
