"""Finding cues in a case: each rule's words, quantified vague sources ("most international observers"), short
quotations no one is shown saying (scare quotes), and runs of capitalised words (candidate actors)."""
from __future__ import annotations

import re

from widgets.core.owntext.cue_rules import ACTOR_RULES, Cue, load_rules, patterns


def find_cues(case) -> tuple:
    """Every cue in ``case``, in article order (sentence, then start)."""
    rules, _ = load_rules()
    names = names_in_article(case)
    cues = []
    for sentence in case.sentences:
        cues.extend(sentence_cues(sentence, rules, names))
    return tuple(cues)


def sentence_cues(sentence, rules=None, names=frozenset()):
    """The cues in one sentence (``names``: capitalised words seen inside sentences elsewhere in the article)."""
    rules = rules or load_rules()[0]
    text = sentence.text
    found = []

    def add(start, end, rule_name):
        rule = rules[rule_name]
        found.append(Cue(sentence.id, start, end, text[start:end], rule_name, rule.device, rule.why))

    compiled = patterns()
    for name in (name for name, rule in rules.items() if rule.words):
        for match in compiled[name].finditer(text):
            if not _looks_like_name(text, match.start()):
                add(match.start(), match.end(), name)
    vague_spans = [(c.start, c.end) for c in found if c.rule == "vague-attribution"]
    for match in compiled["vague-attribution:quantified"].finditer(text):
        if not any(s <= match.start() and match.end() <= e for s, e in vague_spans):
            # a longer quantified phrase replaces the bare group word it contains ("most ... observers")
            found[:] = [c for c in found if not (c.rule == "vague-attribution"
                                                 and match.start() <= c.start and c.end <= match.end())]
            add(match.start(), match.end(), "vague-attribution")
    for start, end in scare_quote_spans(text, rules["scare-quotes"].extra, compiled["speech-verb"]):
        add(start, end, "scare-quotes")
    for start, end in actor_name_spans(text, rules["actor-name"].extra, names,
                                       headline=sentence.paragraph == 0):
        add(start, end, "actor-name")
    found.sort(key=lambda c: (c.start, -c.end, c.rule))
    return _merge_groups(found, text, rules)


def _merge_groups(cues, text, rules):
    """Join a name and the group words right after it into one group cue: "Chinese" + "government" + "officials"
    -> "Chinese government officials", "American" + "diplomats" -> "American diplomats"."""
    merged = []
    for cue in cues:
        previous = merged[-1] if merged else None
        if (cue.rule == "collective-actor" and previous is not None and previous.rule in ACTOR_RULES
                and previous.end <= cue.start and not text[previous.end:cue.start].strip()):
            merged[-1] = Cue(cue.sentence_id, previous.start, cue.end, text[previous.start:cue.end],
                             "collective-actor", None, rules["collective-actor"].why)
        else:
            merged.append(cue)
    return merged


def _looks_like_name(text, start):
    """A listed word written with a capital letter inside a sentence is probably a name ("May", "Will")."""
    return start > 0 and text[start].isupper() and not _at_sentence_start(text, start)


def _at_sentence_start(text, start):
    before = text[:start].rstrip()
    return not before or before[-1] in "\"'“‘(["


# Quotation marks: (opening, closing). Straight quotes pair in order of appearance.
_CURLY_PAIRS = {"“": "”", "‘": "’", "«": "»"}


def quotations(text):
    """``(start, end)`` of each quotation in ``text``, including its marks, left to right, without nesting."""
    spans = []
    position = 0
    length = len(text)
    while position < length:
        ch = text[position]
        close = None
        if ch in _CURLY_PAIRS:
            close = _find_closing(text, position + 1, _CURLY_PAIRS[ch])
        elif ch == '"':
            close = text.find('"', position + 1)
            close = None if close < 0 else close
        elif ch == "'" and (position == 0 or not text[position - 1].isalnum()) \
                and position + 1 < length and text[position + 1].isalnum():
            close = _find_closing(text, position + 1, "'")
        if close is not None:
            spans.append((position, close + 1))
            position = close + 1
        else:
            position += 1
    return spans


def _find_closing(text, start, mark):
    """The next ``mark`` that closes a quotation: not an apostrophe inside a word (Biden’s, don't)."""
    position = start
    while True:
        found = text.find(mark, position)
        if found < 0:
            return None
        after = text[found + 1:found + 2]
        if mark in "’'" and after.isalpha():
            position = found + 1  # an apostrophe: keep looking
            continue
        return found


def scare_quote_spans(text, settings, speech_verb_pattern):
    """Short quotations (at most ``max_words`` words) with no speech verb before them in the sentence, nor
    within ``after_window`` words after them."""
    spans = []
    for start, end in quotations(text):
        inner = text[start + 1:end - 1]
        words = re.findall(r"[^\W_]+(?:[-’'][^\W_]+)*", inner)
        if not words or len(words) > settings["max_words"]:
            continue
        if speech_verb_pattern.search(text, 0, start):
            continue
        following = text[end:end + 60].split()[:settings["after_window"]]
        if speech_verb_pattern.search(" ".join(following)):
            continue
        spans.append((start, end))
    return spans


# A run of capitalised words: "Xi Jinping", "New York Times"; apostrophe-s is left out of the span.
_CAPITALISED = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'.-]*")


def actor_name_spans(text, settings, names=frozenset(), headline=False):
    """Runs of capitalised words inside a sentence (a possible name), joined by "of", "of the", ...

    A capitalised word at the start of a sentence, or anywhere in a title-case headline, counts only when the same
    word appears capitalised inside a sentence elsewhere in the article (``names``).
    """
    not_names = set(settings["not_names"])
    joiners = {j.lower() for j in settings["joiners"]}
    tokens = [(m.start(), _strip_possessive(text, m.start(), m.end())) for m in _CAPITALISED.finditer(text)]
    spans, run = [], []

    def close_run():
        while run and run[-1][2] == "joiner":
            run.pop()
        if run:
            spans.append((run[0][0], run[-1][1]))
        run.clear()

    for start, end in tokens:
        word = text[start:end]
        capital = word[0].isupper() and word.rstrip(".") not in not_names
        trusted = not (headline or _at_sentence_start(text, start)) or word in names
        if run and text[run[-1][1]:start].strip() not in ("",):
            close_run()  # punctuation or other words between: a new run
        if capital and trusted:
            run.append((start, end, "word"))
        elif run and word.lower() in joiners or (run and run[-1][2] == "joiner"
                                                  and f"{text[run[-1][0]:run[-1][1]]} {word}".lower() in joiners):
            if run[-1][2] == "joiner":
                run[-1] = (run[-1][0], end, "joiner")
            else:
                run.append((start, end, "joiner"))
        else:
            close_run()
        if end != _CAPITALISED.match(text, start).end():
            close_run()  # a possessive ends the name: "Biden’s inability"
    close_run()
    return spans


def _strip_possessive(text, start, end):
    word = text[start:end]
    for suffix in ("’s", "'s", "’", "."):
        if word.endswith(suffix) and len(word) > len(suffix) and not (suffix == "." and "." in word[:-1]):
            return end - len(suffix)
    return end


def names_in_article(case):
    """Capitalised words found inside sentences (not at their start) in the article body, e.g. 'Biden', 'China'."""
    settings = load_rules()[0]["actor-name"].extra
    not_names = set(settings["not_names"])
    names = set()
    for sentence in case.sentences:
        if sentence.paragraph == 0:
            continue
        for match in _CAPITALISED.finditer(sentence.text):
            word = sentence.text[match.start():_strip_possessive(sentence.text, match.start(), match.end())]
            if word[0].isupper() and word not in not_names and not _at_sentence_start(sentence.text,
                                                                                         match.start()):
                names.add(word)
    return frozenset(names)
