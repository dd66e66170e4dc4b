"""Student names and the file-name forms made from them (pure: no file is read or written).

A name is normalised (NFC, invisible characters removed, spaces collapsed) before it is shown or hashed. Its file-name
form is a readable slug plus a short hash of the whole case-folded name, so "Ana 李" and "Ana 王" never share a file;
names holding invisible characters (bidi controls, zero-width characters) or a broken character are refused.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from widgets import fileio
from widgets.text import slug

ANONYMOUS = "anonymous"
MAX_NAME_LENGTH = 100
# Characters that change how a name looks (or hide) without being seen: bidi controls, zero-width characters,
# the soft hyphen, the word joiner and invisible operators, the byte order mark.
INVISIBLE = re.compile("[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u206f\u3164\ufeff\uffa0]")


def normalise_name(name) -> str:
    """The name as shown and hashed: NFC, invisible characters removed, runs of spaces collapsed."""
    text = str(name)
    if fileio.has_surrogate(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def student_key(name) -> str:
    """Who a name means: a short hash of the normalised, case-folded name ('Ada' and ' ada ' are one student;
    'Ana 李' and 'Ana 王' are two)."""
    return hashlib.sha256(normalise_name(name).casefold().encode("utf-8")).hexdigest()[:10]


def readable_slug(name) -> str:
    """The readable part of a file name: 'Zoë O'Neil' -> 'zoe-o-neil' ('student' when nothing Latin is left)."""
    return slug(normalise_name(name))[:40].strip("-") or "student"


def student_slug(name: str) -> str:
    """The file-name form of a student's name: readable slug + short hash of the whole name ('ada-1f3c...').

    Two different names never share it (unless they differ only in case, spaces or invisible characters).
    """
    if not normalise_name(name):
        return ANONYMOUS
    return f"{readable_slug(name)}-{student_key(name)}"


def legacy_slug(name: str) -> str:
    """The file-name form older kits used (slug only), to find their files: 'Zoë O'Neil' -> 'zoe-o-neil'."""
    legacy = slug(name)[:60].strip("-")
    if legacy:
        return legacy
    if not str(name).strip():
        return ANONYMOUS
    return "student-" + hashlib.sha1(str(name).strip().encode("utf-8", "replace")).hexdigest()[:10]


def clean_student_name(name) -> str:
    """The name with runs of spaces collapsed; ValueError (in plain words) if it is empty, too long, not text, or
    holds a broken or invisible character."""
    if not isinstance(name, str):
        raise ValueError(f"A student name must be text, not {type(name).__name__}.")
    if fileio.has_surrogate(name):
        raise ValueError("That name contains a broken character (half of an emoji). Please type it again.")
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if INVISIBLE.search(cleaned):
        raise ValueError("That name contains invisible characters (such as a right-to-left mark or a zero-width "
                         "space), which could make it look like someone else's name. Please type it again "
                         "without them.")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise ValueError("That name contains control characters. Please type it again.")
    if not cleaned:
        raise ValueError('A student name cannot be empty. Type your name between the quotes, e.g. set_student("Ada").')
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValueError(f"That name is longer than {MAX_NAME_LENGTH} characters. Please use a shorter name.")
    return cleaned
