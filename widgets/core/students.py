"""Student names and the file-name forms made from them (pure: no file is read or written).

A name is normalised (NFKC, so fullwidth and mathematical letters become plain ones; invisible characters removed;
spaces collapsed) before it is shown or hashed. Its file-name form is a readable slug plus a short hash of the whole
case-folded name, so "Ana 李" and "Ana 王" never share a file. A typed name must pass an allow-list
(`name_problem`): letters, digits, spaces, a few punctuation marks, and at most MAX_MARKS combining marks on a
letter. Names that only look alike (Cyrillic "Аda" and Latin "Ada") share a `skeleton` (Unicode TR39), which the
class report compares.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from widgets.core import fileio
from widgets.core.text import slug

ANONYMOUS = "anonymous"
MAX_NAME_LENGTH = 100
MAX_MARKS = 3              # combining marks in a row on one letter (Thai and Vietnamese need up to 3; "zalgo" more)
NAME_PUNCTUATION = "'’-."  # O'Neil, Jean-Luc, Mary J. Blige
# Unicode's Default_Ignorable_Code_Point characters (DerivedCoreProperties.txt, Unicode 15.1), which change how a
# name looks, or hide, without being seen: the soft hyphen, the combining grapheme joiner, Hangul fillers, bidi
# controls, zero-width characters, variation selectors, the byte order mark, tag characters.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                       "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")


def normalise_name(name) -> str:
    """The name as shown and hashed: NFKC, invisible characters removed, runs of spaces collapsed."""
    text = str(name)
    if fileio.has_surrogate(text):
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
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


def clean_student_name(name, typed: bool = False) -> str:
    """The name, NFKC-normalised with runs of spaces collapsed; ValueError (in plain words) if it is empty, too
    long, not text, or holds a broken, invisible or control character. A name being `typed` (set_student, the
    name box) must also pass the allow-list (`name_problem`); a name saved by an older kit, or given to a widget
    in code, is read as long as nothing in it hides."""
    if not isinstance(name, str):
        raise ValueError(f"A student name must be text, not {type(name).__name__}.")
    if fileio.has_surrogate(name):
        raise ValueError("That name contains a broken character (half of an emoji). Please type it again.")
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    problem = name_problem(cleaned, allow_list=typed)
    if problem:
        raise ValueError(problem)
    return cleaned


def name_problem(cleaned: str, allow_list: bool = True) -> str | None:
    """Why a name (NFKC, spaces collapsed) is refused, or None. Always: invisible (default-ignorable) or control
    characters, empty, too long, no letter or digit. With `allow_list`: anything but letters, digits, spaces, the
    marks of NAME_PUNCTUATION, and at most MAX_MARKS combining marks after a letter."""
    if INVISIBLE.search(cleaned):
        return ("That name contains invisible characters (such as a right-to-left mark or a zero-width space), "
                "which could make it look like someone else's name. Please type it again without them.")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        return "That name contains control characters. Please type it again."
    if not cleaned:
        return 'A student name cannot be empty. Type your name between the quotes, e.g. set_student("Ada").'
    if len(cleaned) > MAX_NAME_LENGTH:
        return f"That name is longer than {MAX_NAME_LENGTH} characters. Please use a shorter name."
    if not any(unicodedata.category(ch).startswith("L") or ch.isdigit() for ch in cleaned):
        return "That name has no letter or digit. Please type your name."
    if not allow_list:
        return None
    marks = 0
    for position, char in enumerate(cleaned):
        kind = unicodedata.category(char)
        if kind.startswith("M"):
            marks += 1
            if position == 0 or marks > MAX_MARKS:
                return ("That name stacks accents that are not part of a letter. Please type it again with "
                        "ordinary letters.")
            continue
        marks = 0
        if not (kind.startswith("L") or kind == "Nd" or char == " " or char in NAME_PUNCTUATION):
            return (f"A name may hold letters, digits, spaces and {' '.join(NAME_PUNCTUATION)} only, not "
                    f"U+{ord(char):04X} ({unicodedata.name(char, 'a character without a name').lower()}). "
                    "Please type it again.")
    return None


# TR39 confusables (https://www.unicode.org/Public/security/latest/confusables.txt), the part that matters for
# names: letters of other scripts, and digits, that look like a Latin letter. NFKC already makes fullwidth and
# mathematical letters plain. A small table rather than a dependency: the maintained packages either lack TR39's
# skeleton (confusable-homoglyphs) or need the ICU C++ library (PyICU).
CONFUSABLES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "l", "ї": "l", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "т": "t", "ц": "u", "ѵ": "v",
    "ԝ": "w", "х": "x", "у": "y", "з": "3", "ь": "b", "ӏ": "l",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ζ": "z", "ϲ": "c", "ϳ": "j",
    # Latin look-alikes among themselves (TR39 maps I, l, 1 and | to l; 0 to o), after case folding
    "i": "l", "1": "l", "ı": "l", "0": "o", "ɑ": "a", "ɡ": "g", "ꞵ": "b",
    # Armenian and Cherokee letters that pass for Latin ones
    "օ": "o", "ս": "u", "ո": "n", "հ": "h", "ց": "g", "ᴀ": "a",
})


def skeleton(name) -> str:
    """The TR39-style skeleton of a name, case folded: two names with one skeleton look alike ('Аda' in Cyrillic,
    'Ada', 'ADA', 'Adа'). Accents are kept (Zoë and Zoe are different names); 'rn' reads as 'm'."""
    text = unicodedata.normalize("NFD", normalise_name(name).casefold()).translate(CONFUSABLES)
    return unicodedata.normalize("NFC", text.replace("rn", "m"))
