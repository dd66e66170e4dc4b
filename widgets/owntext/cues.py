"""Cues: transparent, rule-based suggestions of where to look in an article (hedges, verbs of saying, vague
sources, scare quotes, intensifiers, candidate actors).

Every cue says which rule found it and why it matters. The word lists are data, with their sources, in
``cue_words.yaml``. Cues are suggestions for a student to weigh after answering, never an answer key:
``score_cues`` measures how often they agree with a human key (precision and recall per device).

    cues = find_cues(case)               # tuple of Cue, in article order
    cue_table_html(case, cues)           # an HTML table (everything escaped)
    CueView(case, after=exercise)        # a widget: a toggle that unlocks once the exercise is answered
    score_cues(case)                     # {device: {"precision", "recall", ...}} against case.framing / actors

Matching is linear: each rule is one alternation of literal words compiled once, plus a single left-to-right scan
for quotation marks and capitalised words.
"""
from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as ipw
import yaml

from widgets import vocab
from widgets.exercises.base import shows_errors_in

CUE_WORDS_PATH = Path(__file__).with_name("cue_words.yaml")

# Rules that propose actors (scored against actors.yaml mentions) rather than framing devices.
ACTOR_RULES = ("actor-name", "collective-actor")
ACTOR_KEY = "actors"  # the row name for actor cues in score_cues
ALL_FRAMING = "all devices"  # the row that sums every framing device


@dataclass(frozen=True)
class Cue:
    """One suggestion: a span of a sentence (offsets into the sentence text, end exclusive)."""
    sentence_id: str
    start: int
    end: int
    text: str
    rule: str
    device: str | None      # a framing device of vocab.DEVICES, or None (neutral verb of saying, actor)
    why: str


@dataclass(frozen=True)
class Rule:
    name: str
    device: str | None
    why: str
    sources: tuple
    words: tuple
    extra: dict


# ----------------------------------------------------------------------------------------------- the word lists

@functools.lru_cache(maxsize=None)
def load_rules(path=CUE_WORDS_PATH):
    """(rules by name, sources by id) from ``cue_words.yaml``; ValueError naming the problem if it is malformed."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    sources = data["sources"]
    rules = {}
    for name, entry in data["rules"].items():
        device = entry.get("device")
        if device is not None and device not in vocab.DEVICES:
            raise ValueError(f"{path}: rule {name!r}: device {device!r} is not one of {', '.join(vocab.DEVICES)}")
        unknown = [s for s in entry.get("sources", ()) if s not in sources]
        if unknown or not entry.get("sources"):
            raise ValueError(f"{path}: rule {name!r} must cite sources listed under 'sources:' (unknown: {unknown})")
        extra = {k: v for k, v in entry.items() if k not in ("device", "why", "sources", "words")}
        rules[name] = Rule(name, device, " ".join(entry["why"].split()), tuple(entry["sources"]),
                           tuple(str(w) for w in entry.get("words", ())), extra)
    return rules, sources


def _word_pattern(words):
    """One regex matching any of ``words`` as whole words, ignoring case; phrases match across any spaces."""
    ordered = sorted(set(words), key=len, reverse=True)  # longest first: "appears to" before "appear"
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _patterns():
    rules, _ = load_rules()
    patterns = {name: _word_pattern(rule.words) for name, rule in rules.items() if rule.words}
    vague = rules["vague-attribution"].extra
    quantity = "|".join(r"\s+".join(map(re.escape, q.split())) for q in sorted(vague["quantities"], key=len,
                                                                                   reverse=True))
    group = "|".join(map(re.escape, vague["groups"]))
    # "<quantity> [one word] <group>": "most international observers"; the optional word is one run of letters
    patterns["vague-attribution:quantified"] = re.compile(
        rf"(?<![\w-])(?:{quantity})\s+(?:[^\W\d_]+\s+)?(?:{group})(?![\w-])", re.IGNORECASE)
    scare = rules["scare-quotes"].extra
    patterns["speech-verb"] = _word_pattern(scare["speech_verbs"])
    return patterns


# ----------------------------------------------------------------------------------------------- finding cues

def find_cues(case) -> tuple:
    """Every cue in ``case``, in article order (sentence, then start)."""
    rules, _ = load_rules()
    names = _names_in_article(case)
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

    patterns = _patterns()
    for name in (name for name, rule in rules.items() if rule.words):
        for match in patterns[name].finditer(text):
            if not _looks_like_name(text, match.start()):
                add(match.start(), match.end(), name)
    vague_spans = [(c.start, c.end) for c in found if c.rule == "vague-attribution"]
    for match in patterns["vague-attribution:quantified"].finditer(text):
        if not any(s <= match.start() and match.end() <= e for s, e in vague_spans):
            # a longer quantified phrase replaces the bare group word it contains ("most ... observers")
            found[:] = [c for c in found if not (c.rule == "vague-attribution"
                                                 and match.start() <= c.start and c.end <= match.end())]
            add(match.start(), match.end(), "vague-attribution")
    for start, end in scare_quote_spans(text, rules["scare-quotes"].extra, patterns["speech-verb"]):
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


def _names_in_article(case):
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


# ----------------------------------------------------------------------------------------------- measuring

def score_cues(case, cues=None):
    """Precision and recall of the cues against the case's key, per device, plus a row for actors.

    A cue matches a key span when they are in the same sentence, overlap, and have the same device (framing.yaml);
    actor cues match actor mentions (actors.yaml) that they overlap. Precision = matching cues / cues with that
    device; recall = key spans matched by at least one cue / key spans. Returns
    ``{device or "actors": {"cues", "key_spans", "cues_matched", "key_matched", "precision", "recall"}}``, with
    precision or recall None when there is nothing to divide by.
    """
    cues = find_cues(case) if cues is None else cues
    key = {device: [(f.sentence_id, f.start, f.end) for f in case.framing if f.device == device]
           for device in vocab.DEVICES}
    key[ACTOR_KEY] = [(m.sentence_id, m.start, m.end) for actor in case.actors for m in actor.mentions]
    proposed = {device: [] for device in key}
    for cue in cues:
        group = ACTOR_KEY if cue.rule in ACTOR_RULES else cue.device
        if group is not None:
            proposed[group].append((cue.sentence_id, cue.start, cue.end))
    table = {}
    framing_devices = [d for d in vocab.DEVICES]
    key[ALL_FRAMING] = [span for d in framing_devices for span in key[d]]
    proposed[ALL_FRAMING] = [span for d in framing_devices for span in proposed[d]]
    for group, spans in key.items():
        guesses = proposed[group]
        if group == ALL_FRAMING:  # same device is required: sum the per-device counts
            cues_matched = sum(table[d]["cues_matched"] for d in framing_devices)
            key_matched = sum(table[d]["key_matched"] for d in framing_devices)
        else:
            cues_matched = sum(any(_overlaps(g, k) for k in spans) for g in guesses)
            key_matched = sum(any(_overlaps(g, k) for g in guesses) for k in spans)
        table[group] = {
            "cues": len(guesses), "key_spans": len(spans), "cues_matched": cues_matched, "key_matched": key_matched,
            "precision": cues_matched / len(guesses) if guesses else None,
            "recall": key_matched / len(spans) if spans else None,
        }
    return table


def _overlaps(a, b):
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def score_table_text(table):
    """The score table as aligned plain text (for the lesson and the report)."""
    def percent(value):
        return "   -" if value is None else f"{value:4.0%}"
    lines = [f"{'device':<18} {'cues':>5} {'key':>5} {'precision':>9} {'recall':>7}"]
    for group, row in table.items():
        if row["cues"] or row["key_spans"]:
            lines.append(f"{group:<18} {row['cues']:>5} {row['key_spans']:>5} {percent(row['precision']):>9} "
                         f"{percent(row['recall']):>7}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- showing cues

def cue_table_html(case, cues=None):
    """An HTML table of cues (sentence, the words in their context, rule, device), then what each rule that fired
    looks for and why it matters, with its sources. Everything from the article is escaped."""
    cues = find_cues(case) if cues is None else cues
    if not cues:
        return "<p>No cues found: the rules found none of their words in this article.</p>"
    texts = {s.id: s.text for s in case.sentences}
    rules, sources = load_rules()
    rows = []
    for cue in cues:
        sentence = texts.get(cue.sentence_id, "")
        left = sentence[max(0, cue.start - 40):cue.start]
        right = sentence[cue.end:cue.end + 40]
        rows.append(
            "<tr>"
            f"<td>{html.escape(cue.sentence_id)}</td>"
            f"<td>…{html.escape(left)}<mark><b>{html.escape(cue.text)}</b></mark>{html.escape(right)}…</td>"
            f"<td>{html.escape(cue.rule)}</td>"
            f"<td>{html.escape(cue.device or '')}</td>"
            "</tr>")
    used = [name for name in rules if any(cue.rule == name for cue in cues)]
    explanations = "".join(
        f"<dt><b>{html.escape(name)}</b></dt><dd>{html.escape(rules[name].why)}<br><small>Sources: "
        f"{html.escape('; '.join(sources[s]['title'] for s in rules[name].sources))}</small></dd>"
        for name in used)
    return ("<table class='fprl-cues'><caption>Cues found by simple word rules: suggestions to weigh, not answers"
            "</caption><thead><tr><th scope='col'>Sentence</th><th scope='col'>Where</th><th scope='col'>Rule</th>"
            "<th scope='col'>Device</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p><b>Why it matters</b> (what each rule looks for):</p><dl>{explanations}</dl>")


def cue_summary(cues):
    """{rule: count}, in the order rules are listed in cue_words.yaml (for a short, deterministic printout)."""
    rules, _ = load_rules()
    counts = {name: 0 for name in rules}
    for cue in cues:
        counts[cue.rule] += 1
    return {name: count for name, count in counts.items() if count}


class CueView(ipw.VBox):
    """A "Show cues" toggle and the cue table. With ``after=exercise``, the cues show only once every item of that
    exercise has an answer: students decide alone first, then compare with the rules."""

    def __init__(self, case, after=None, cues=None):
        super().__init__()
        self.case = case
        self.after = after
        self.cues = find_cues(case) if cues is None else tuple(cues)
        self.toggle = ipw.ToggleButton(value=False, description="Show cues", icon="lightbulb-o",
                                       tooltip="Show the word-rule cues for this article (after answering)")
        self.note = ipw.HTML()
        self.table = ipw.HTML()
        self._locking = False
        self.toggle.observe(self._on_toggle, names="value")
        self.children = [ipw.HBox([self.toggle, self.note], layout=ipw.Layout(align_items="center")),
                         self.table]
        self._update()

    @property
    def unlocked(self):
        """True when there is no exercise to wait for, or every one of its items has an answer."""
        if self.after is None:
            return True
        answers = self.after.answers
        return all(item in answers for item in self.after.items)

    def show(self, on=True):
        """Turn the cues on or off, as the toggle does. Returns whether they are shown."""
        if self.toggle.value == on:
            self._update()
        else:
            self.toggle.value = on  # the observer updates the view
        return bool(self.toggle.value)

    def _update(self):
        if self.toggle.value and not self.unlocked:
            answered = len([i for i in self.after.items if i in self.after.answers])
            self._locking = True
            try:
                self.toggle.value = False
            finally:
                self._locking = False
            self.note.value = (f"<span role='status'>Answer every sentence first ({answered} of "
                               f"{len(self.after.items)} answered), then the cues unlock.</span>")
            self.table.value = ""
            return
        self.note.value = f"<span>{len(self.cues)} cues found by word rules.</span>" if self.toggle.value else ""
        self.table.value = cue_table_html(self.case, self.cues) if self.toggle.value else ""

    @shows_errors_in("table")
    def _on_toggle(self, _change):
        if not self._locking:
            self._update()

    def __repr__(self):
        return f"CueView: {len(self.cues)} cues. Run this cell to see the toggle."
