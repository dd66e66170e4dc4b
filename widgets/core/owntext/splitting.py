"""Split an article into a headline, paragraphs and sentences, as character spans of the text.

Everything here returns ``(start, end)`` offsets into the text it was given (Python slicing, end exclusive), so
every sentence is an exact substring of the article. Splitting is linear in the length of the text: one regular
expression without nested quantifiers finds candidate sentence ends, and each candidate is judged by looking at
the word just before it and the word just after it (a bounded look). There is no backtracking to blow up on very
long words or on text without punctuation.

Rules, in the order they are applied:

- Paragraphs are blocks separated by blank lines. A text with no blank line at all (common when text is copied
  from a web page) has one paragraph per line. A Markdown heading line (``# ...``) is always its own paragraph.
- A line that starts with a Markdown list marker (``-``, ``*``, ``+``, ``1.``) or a quote marker (``>``) starts
  a new sentence; the marker itself is left out of the sentence (it stays in the article).
- A sentence ends at ``.``, ``!``, ``?``, ``…`` (and the Arabic, Urdu, Devanagari and CJK full stops and question
  marks), together with any closing quotes or brackets right after it, when whitespace or the end of the paragraph
  follows. CJK full stops end a sentence even with no space after them.
- It does not end there when the next word starts with a lower-case letter (``"Why?" she asked``, ``U.S.
  officials``), after a title or month abbreviation (``Mr.``, ``Gen.``, ``Feb. 24``), after an initial (``John
  F. Kennedy``), or after an abbreviation such as ``U.S.`` or ``Inc.`` unless the next word is a common sentence
  opener (``The``, ``He``, ``But`` ...). Decimal points (``3.5``) never end a sentence: no space follows them.
- A paragraph with no sentence punctuation at all has one sentence per line.
- A sentence longer than ``MAX_SENTENCE_CHARS`` is cut at the last space before the limit (or at the limit, in a
  very long word), so that text with no punctuation still gives pieces a student can read.
"""
import re

# Longest sentence kept whole. Real sentences are far shorter (the longest in the seed article has about 330
# characters); the limit only bites on text without punctuation, where one "sentence" would be the whole text.
MAX_SENTENCE_CHARS = 2000

# Title, rank and month abbreviations: a full stop after them never ends a sentence ("Gen. Milley", "Feb. 24").
NEVER_FINAL_ABBREVIATIONS = frozenset("""
mr mrs ms messrs mme mlle dr prof rev hon pres gov sen sens rep reps amb sec gen gens lt col maj capt cpt cmdr
adm sgt cpl pvt brig supt insp det st mt ft approx vs v cf
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Abbreviations of a number's name: a full stop after them ends no sentence when a number follows ("No. 5"),
# but may otherwise ("Dr. No. Then ...").
NUMBER_ABBREVIATIONS = frozenset("no nos vol fig pp art ch".split())

# Abbreviations that can also end a sentence ("... in the U.S. The ..."): a full stop after them ends the sentence
# only when the next word is a common sentence opener.
MAYBE_FINAL_ABBREVIATIONS = frozenset("""
u.s u.k u.n e.u d.c u.s.a u.s.s.r p.r.c n.y l.a a.m p.m e.g i.e etc al inc corp co ltd llc plc bros jr sr esq
""".split())

SENTENCE_OPENERS = frozenset("""
the a an he she it they we i you this that these those there but and so yet however in on at after before
when while if his her its their our my one two three four five six seven eight nine ten
""".split())

# A run of sentence-final punctuation, then any closing quotes or brackets.
_TERMINAL = ".!?\u2026\u203d\u061f\u06d4\u0964\u3002\uff01\uff1f"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)\\]\u300d\u300f\uff09"
_CANDIDATE = re.compile(f"[{_TERMINAL}]+[{_CLOSERS}]*")
# CJK full stop, exclamation and question marks end a sentence with no space after them.
_CJK_TERMINAL = set("\u3002\uff01\uff1f")
_OPENERS_PUNCT = "\"'\u201c\u2018\u00ab\u2039([\u300c\u300e\uff08\u00bf\u00a1"

# Markdown block markers at the start of a line: heading, quote, bullet or numbered list item.
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_LIST_OR_QUOTE = re.compile(r"[ \t]{0,3}(?:[-*+][ \t]+|[0-9]{1,9}[.)][ \t]+|>[ \t]?)")

_LOOK = 40  # how far to look at the word before or after a candidate: keeps the judgement bounded


def paragraph_spans(text):
    """``(start, end)`` of each paragraph of ``text``, trimmed of surrounding whitespace, in order.

    Blocks are separated by blank lines; with no blank line anywhere, each non-empty line is a paragraph.
    Markdown heading lines are paragraphs of their own.
    """
    lines = _line_spans(text)
    content = [index for index, (start, end) in enumerate(lines) if text[start:end].strip()]
    # Blank lines before the first or after the last line of text separate nothing.
    inner = lines[content[0]:content[-1] + 1] if content else []
    has_blank_line = any(not text[start:end].strip() for start, end in inner)
    paragraphs = []
    current = None  # [start, end] of the block being collected
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            current = None
            continue
        if not has_blank_line or _HEADING.match(line):
            paragraphs.append([start, end])
            current = None
        elif current is None:
            current = [start, end]
            paragraphs.append(current)
        else:
            current[1] = end
    return [_trim(text, start, end) for start, end in paragraphs]


def paragraph_sentences(text, start=0, end=None):
    """The sentences of one paragraph ``text[start:end]``, grouped by block.

    A block is a run of lines that does not start with a Markdown list or quote marker; a marked line starts a new
    block and its marker is left out. Returns a list of blocks, each a list of ``(start, end)`` offsets into
    ``text``; blocks with no sentence are left out.
    """
    end = len(text) if end is None else end
    blocks = []
    for block_start, block_end, hard in _blocks(text, start, end):
        sentences = []
        for piece_start, piece_end in _split_block(text, block_start, block_end, hard):
            sentences.extend(_cap_length(text, piece_start, piece_end))
        if sentences:
            blocks.append(sentences)
    return blocks


def sentence_spans(text, start=0, end=None):
    """``(start, end)`` of each sentence in ``text[start:end]`` (one paragraph), as offsets into ``text``."""
    return [span for block in paragraph_sentences(text, start, end) for span in block]


def split_sentences(text):
    """The sentences of ``text`` as strings, paragraph by paragraph (a convenience for tests and the lesson)."""
    return [text[s:e] for p_start, p_end in paragraph_spans(text) for s, e in sentence_spans(text, p_start, p_end)]


# Emphasis around words: **bold**, __bold__, *italic*, _italic_ (not inside words such as snake_case or a__b).
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*|__|\*|_)(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*_])")
_EMPHASIS_MAX_CHARS = 1000  # emphasis is only looked for in short lines (headlines), keeping this linear


def strip_markdown(line):
    """``line`` without a Markdown block marker (heading, list, quote) and, in a short line, without emphasis."""
    line = line[markup_prefix_length(line):].strip()
    if line.endswith("#"):
        line = line.rstrip("#").rstrip()  # closing hashes of "# Heading #"
    if len(line) <= _EMPHASIS_MAX_CHARS:
        line = _EMPHASIS.sub(r"\2", line)
    return line


def is_markdown_heading(line):
    """True if ``line`` is a Markdown ATX heading (``# Title``)."""
    return bool(_HEADING.match(line))


def markup_prefix_length(line):
    """Length of the Markdown block marker at the start of ``line`` (0 if none)."""
    match = _HEADING.match(line) or _LIST_OR_QUOTE.match(line)
    return match.end() if match else 0


# --- internals ------------------------------------------------------------------------------------------------

def _line_spans(text):
    """``(start, end)`` of each line of ``text``, without its newline."""
    spans = []
    position = 0
    while position <= len(text):
        newline = text.find("\n", position)
        if newline < 0:
            spans.append((position, len(text)))
            break
        spans.append((position, newline))
        position = newline + 1
    return spans


def _trim(text, start, end):
    """Shrink ``(start, end)`` past leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _blocks(text, start, end):
    """Split a paragraph at lines that start with a Markdown marker; drop the marker.

    Yields ``(start, end, hard)``: ``hard`` is True when the block is a single heading or list line.
    """
    block = None
    for line_start, line_end in _line_spans(text[start:end]):
        line_start += start
        line_end += start
        line = text[line_start:line_end]
        prefix = markup_prefix_length(line)
        if prefix or block is None:
            if block is not None:
                yield block[0], block[1], block[2]
            block = [line_start + prefix, line_end, bool(prefix)]
        else:
            block[1] = line_end
    if block is not None:
        yield block[0], block[1], block[2]


def _split_block(text, start, end, hard):
    """Sentence spans of one block: at sentence punctuation, or one per line if there is none."""
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    cuts = [match.end() for match in _CANDIDATE.finditer(text, start, end) if _ends_sentence(text, match, end)]
    if not cuts and not hard:
        # No sentence punctuation at all: a list of lines, a poem, a table. One sentence per line.
        return [span for span in (_trim(text, s, e) for s, e in _line_spans_in(text, start, end)) if span[0] < span[1]]
    spans = []
    piece_start = start
    for cut in cuts + [end]:
        span = _trim(text, piece_start, cut)
        if span[0] < span[1]:
            spans.append(span)
        piece_start = cut
    return spans


def _line_spans_in(text, start, end):
    return [(start + s, start + e) for s, e in _line_spans(text[start:end])]


def _ends_sentence(text, match, end):
    """Is the punctuation run ``match`` (inside a block ending at ``end``) the end of a sentence?"""
    after = match.end()
    punctuation = match.group()
    if after >= end:
        return True
    if not text[after].isspace():
        return any(ch in _CJK_TERMINAL for ch in punctuation)
    next_word = _next_word(text, after, end)
    if not next_word:
        return True
    first = next_word[0]
    if first.islower():
        return False  # "U.S. officials", "e.g. the", "'Why?' she asked"
    if punctuation != ".":
        return True  # "?", "!", "…", "...", or a closing quote after the stop: 'said "no." Then'
    word = _previous_word(text, match.start())
    lowered = word.lower()
    if lowered in NEVER_FINAL_ABBREVIATIONS:
        return False
    if lowered in NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "John F. Kennedy"
    opener = next_word.strip(_OPENERS_PUNCT).lower()
    if lowered in MAYBE_FINAL_ABBREVIATIONS or _is_dotted_abbreviation(word):
        return opener in SENTENCE_OPENERS
    return True


def _previous_word(text, position):
    """The word just before ``position`` (at most ``_LOOK`` characters), without opening quotes or brackets."""
    start = position
    limit = max(0, position - _LOOK)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip(_OPENERS_PUNCT)


def _next_word(text, position, end):
    """The word after the whitespace at ``position`` (at most ``_LOOK`` characters), opening punctuation stripped."""
    start = position
    while start < end and text[start].isspace():
        start += 1
    stop = start
    limit = min(end, start + _LOOK)
    while stop < limit and not text[stop].isspace():
        stop += 1
    word = text[start:stop]
    stripped = word.lstrip(_OPENERS_PUNCT)
    return stripped or word


def _is_dotted_abbreviation(word):
    """'U.S', 'D.C', 'e.g': letters with dots between them, each piece one or two letters."""
    pieces = word.split(".")
    return len(pieces) > 1 and all(0 < len(piece) <= 2 and piece.isalpha() for piece in pieces)


def _cap_length(text, start, end):
    """Cut a span longer than ``MAX_SENTENCE_CHARS`` at spaces (or hard, inside a very long word)."""
    spans = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        # the last space, line break or tab in the second half of the window (str.rfind runs at C speed)
        space = max(text.rfind(mark, start + MAX_SENTENCE_CHARS // 2, limit + 1) for mark in " \n\t")
        cut = space if space > 0 else limit
        piece = _trim(text, start, cut)
        if piece[0] < piece[1]:
            spans.append(piece)
        start = _trim(text, cut, end)[0]
    if start < end:
        spans.append((start, end))
    return spans
