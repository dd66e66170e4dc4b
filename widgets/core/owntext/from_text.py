"""Build a keyless case from any article text: ``case_from_text(text, title=None, url=None)``.

The case has the same shape as a seed case (``widgets.core.case.Case``), so every exercise widget accepts it, but no
answer key: each sentence has ``label``, ``sourcing`` and ``rationale`` set to None, and actors, claims, framing,
sources and timeline are empty. Feedback then compares a student with the class (``compare_with_class``).

What it accepts, and what it refuses with a ``CaseError`` (one clear message, never a traceback from inside):

- ``str`` or ``bytes``. Bytes must be UTF-8 (a byte-order mark is allowed): anything else is refused with the
  offset of the first bad byte, rather than guessed or silently replaced, so no character is lost or changed
  without the user knowing. Save the file as UTF-8 and try again.
- Empty text, only whitespace, or text without a single letter or digit: refused.
- Text longer than ``MAX_TEXT_CHARS`` characters (about 300,000 words): refused, with the length. Longer texts
  make a page no class can read in one sitting, and make the browser slow.
- A NUL character (a binary file such as a PDF or Word document opened as text): refused, with its offset.
- Everything else is kept as text: HTML and script tags, Markdown, right-to-left and mixed scripts, very long
  words. Nothing is ever run or interpreted; the article view escapes it before showing it.

``case.article`` is laid out in the case format (``article.txt``): the headline on the first line, then the
paragraphs separated by one blank line. Within a paragraph the text is kept exactly as given (line breaks included)
and every sentence's text is an exact substring of ``case.article``. Markdown block markers (``#`` before a heading,
``-``/``1.`` before a list item, ``>`` before a quote) and lines without a letter or digit (``---``) are layout, not
words: they are left out of the sentences and of ``case.article``. Emphasis markers (``**``) stay in body text.
Line endings are normalised to ``\n``.

Headline: the given ``title`` (unless the text's first line already is it), else the first line when it is short
and does not end like a sentence (see ``detect_headline``). With neither, the case has no headline sentence and
its title is its first words; ``new-case`` asks for a title instead, because a case folder needs a headline.
"""
import hashlib
import re

from widgets.core.case import Case, Sentence
from widgets.core import schemas
from widgets.core.loading import CaseError, Problem
from widgets.core.owntext import splitting
from widgets.core.text import slug as text_slug

MAX_TEXT_CHARS = 2_000_000
# Bytes beyond this are refused before decoding (UTF-8 needs at most 4 bytes a character).
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS

# A first line counts as a headline when it is this short and does not end like a sentence.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30
_SENTENCE_LIKE_ENDINGS = (".", ",", ";", ":", "\u2026")

_ANY_WORD = re.compile(r"[^\W_]")  # a letter or a digit, in any script

KEYLESS_NOTE = "Built from text with case_from_text: no answer key; feedback compares each student with the class."


class TextError(CaseError):
    """Text that cannot make a case. ``str(error)`` says why in plain English; ``.problems`` as for any CaseError."""

    def __init__(self, message):
        super().__init__([Problem("article text", "", None, message)])
        self.message = message

    def __str__(self):
        return self.message


def case_from_text(text, title=None, url=None, case_id=None):
    """A keyless :class:`~widgets.core.case.Case` from article text (``str`` or UTF-8 ``bytes``).

    ``title``: the headline, when the text does not start with it (it is then added as the first line). Without a
    title, the first line is taken as the headline when it is short and does not end with a full stop.
    ``url``: where the article was read. ``case_id``: the id saved work is keyed by; by default a slug of the
    title plus a short fingerprint of the text, so the same text always gets the same id.

    Raises :class:`TextError` (a :class:`~widgets.core.loading.CaseError`) with a plain-English message for input it
    cannot use.
    """
    text = normalise_text(text)
    if title is None and not _ANY_WORD.search(text):
        raise TextError("The text has no words (no letters or digits): there is nothing to make sentences from.")
    title = _clean_title(title)
    if url is not None and not isinstance(url, str):
        raise TextError(f"url must be text or None, not {type(url).__name__}.")
    headline, body = _split_headline(text, title)
    paragraphs = _paragraphs(body)           # [[sentence text, ...] per paragraph], and each paragraph's text
    if headline is None and not paragraphs:
        raise TextError("The text has no words (no letters or digits): there is nothing to make sentences from.")
    sentences, pieces = [], []
    if headline is not None:
        sentences.append(Sentence(id="h", paragraph=0, text=headline))
        pieces.append(headline)
    for number, (paragraph_text, sentence_texts) in enumerate(paragraphs, start=1):
        pieces.append(paragraph_text)
        sentences.extend(Sentence(id=f"p{number}s{index}", paragraph=number, text=sentence)
                         for index, sentence in enumerate(sentence_texts, start=1))
    article = "\n\n".join(pieces)
    if headline is not None:
        title = headline
    elif title is None:
        title = _title_from(sentences[0].text)
    case_id = make_case_id(title, article) if case_id is None else case_id
    if not isinstance(case_id, str) or not schemas.pattern("slug").fullmatch(case_id):
        raise TextError(f"case id {case_id!r} must be lower-case letters, digits and hyphens, e.g. 'my-article'.")
    meta = {
        "id": case_id,
        "title": title,
        "outlet": None,
        "url": url,
        "published": None,
        "byline": None,
        "relays": None,
        "language": None,
        "licence": None,
        "notes": KEYLESS_NOTE,
    }
    return Case(id=case_id, title=title, meta=meta, article=article, sentences=tuple(sentences))


def normalise_text(text):
    """``text`` (str or bytes) as a str with ``\\n`` line endings, trimmed; CaseError if it cannot be used."""
    if isinstance(text, (bytes, bytearray)):
        text = decode_utf8(bytes(text))
    elif not isinstance(text, str):
        raise TextError(f"The article must be text (a str) or bytes, not {type(text).__name__}.")
    if len(text) > MAX_TEXT_CHARS:
        raise TextError(f"The text has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} "
                        f"(about 300,000 words). Use a shorter article or an excerpt.")
    nul = text.find("\x00")
    if nul >= 0:
        raise TextError(f"The text contains a NUL character at offset {nul}: it looks like a binary file (a PDF or "
                        f"word-processor file?), not plain text. Save or copy it as plain text first.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise TextError(f"The text contains a character that cannot be saved as UTF-8 at offset {error.start} "
                        f"({text[error.start]!r}).") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise TextError("The text is empty (or only whitespace): paste an article first.")
    return text


def decode_utf8(data):
    """Decode UTF-8 bytes (an optional byte-order mark is dropped); CaseError naming the first bad byte."""
    if len(data) > MAX_TEXT_BYTES:
        raise TextError(f"The file has {len(data):,} bytes; the limit is {MAX_TEXT_BYTES:,}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start:error.start + 1].hex()
        raise TextError(f"The text is not UTF-8: byte 0x{bad} at byte offset {error.start} cannot be decoded. "
                        f"Save the file as UTF-8 (most editors have this under 'Save as' or 'Encoding') "
                        f"and try again.") from None


def make_case_id(title, article):
    """A stable id: a slug of the title (up to 40 characters) and 8 hex digits of the article's SHA-1."""
    slug = text_slug(title)
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0] if "-" in slug[:41] else slug[:40]
    slug = slug or "article"
    return f"{slug}-{hashlib.sha1(article.encode('utf-8')).hexdigest()[:8]}"


def detect_headline(text):
    """The headline of ``text`` (its first line, without Markdown markup), or None when it has none.

    The first line is a headline when more text follows it and it is a Markdown heading, or it is at most
    ``HEADLINE_MAX_CHARS`` characters and ``HEADLINE_MAX_WORDS`` words and does not end like a sentence (a full
    stop, comma, colon, semicolon or ellipsis, before any closing quotes).
    """
    first_line, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return None  # one line only: an article of one paragraph, not a headline
    if len(first_line) > 2 * HEADLINE_MAX_CHARS:
        return None
    plain = splitting.strip_markdown(first_line)
    if not plain or not any(ch.isalnum() for ch in plain):
        return None
    if splitting.is_markdown_heading(first_line):
        return plain
    bare = plain.rstrip("\"'\u201d\u2019\u00bb)]")
    if (len(plain) > HEADLINE_MAX_CHARS or len(plain.split()) > HEADLINE_MAX_WORDS
            or bare.endswith(_SENTENCE_LIKE_ENDINGS)):
        return None
    return plain


def _split_headline(text, title):
    """(headline text or None, the body after it)."""
    if title is not None:
        first_line, _, rest = text.partition("\n")
        headline = splitting.strip_markdown(first_line)
        if _same_words(headline, title):
            return headline, rest  # as written in the text
        return title, text
    headline = detect_headline(text)
    if headline is None:
        return None, text
    return headline, text.partition("\n")[2]


def _paragraphs(body):
    """[(paragraph text for the article, [sentence texts])] for each paragraph of ``body`` that has a word.

    A paragraph's text runs from its first sentence to its last, block by block (Markdown markers dropped), so it
    holds every sentence verbatim and nothing that no sentence covers.
    """
    paragraphs = []
    for start, end in splitting.paragraph_spans(body):
        block_texts, sentence_texts = [], []
        for block in splitting.paragraph_sentences(body, start, end):
            if not any(_has_word(body, s, e) for s, e in block):
                continue  # a Markdown rule ("---") or a line of symbols: nothing to read or label
            block_texts.append(body[block[0][0]:block[-1][1]])
            sentence_texts.extend(body[s:e] for s, e in block)
        if sentence_texts:
            paragraphs.append(("\n".join(block_texts), sentence_texts))
    return paragraphs


def _clean_title(title):
    if title is None:
        return None
    if not isinstance(title, str):
        raise TextError(f"title must be text or None, not {type(title).__name__}")
    title = " ".join(title.split())
    if not title:
        raise TextError("title is empty: give a headline or leave it out.")
    if len(title) > HEADLINE_MAX_CHARS * 2:
        raise TextError(f"title has {len(title)} characters; keep it under {HEADLINE_MAX_CHARS * 2}.")
    return title


def _same_words(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _has_word(text, start, end):
    return any(ch.isalnum() for ch in text[start:end])


def _title_from(first_sentence):
    """A title for a text without a headline: its first sentence, cut to 80 characters."""
    words = " ".join(first_sentence.split())
    return words if len(words) <= 80 else words[:79].rstrip() + "\u2026"
