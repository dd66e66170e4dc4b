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

import ipywidgets as ipw

from widgets.core import vocab
from widgets.core.errors import shows_errors_in
from widgets.core.owntext.cue_finding import actor_name_spans, find_cues, names_in_article, quotations, scare_quote_spans, sentence_cues  # noqa: F401
from widgets.core.owntext.cue_rules import ACTOR_RULES, CUE_WORDS_PATH, Cue, Rule, load_rules  # noqa: F401
from widgets.core.render import render
from widgets.views.access import view_head


ACTOR_KEY = "actors"  # the row name for actor cues in score_cues
ALL_FRAMING = "all devices"  # the row that sums every framing device


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
    looks for and why it matters, with its sources (template ``cue_table.html.j2``: everything is escaped)."""
    cues = find_cues(case) if cues is None else cues
    if not cues:
        return "<p>No cues found: the rules found none of their words in this article.</p>"
    texts = {s.id: s.text for s in case.sentences}
    rules, sources = load_rules()
    rows = []
    for cue in cues:
        sentence = texts.get(cue.sentence_id, "")
        rows.append({"sentence": cue.sentence_id, "left": sentence[max(0, cue.start - 40):cue.start],
                     "text": cue.text, "right": sentence[cue.end:cue.end + 40], "rule": cue.rule,
                     "device": cue.device or ""})
    used = [{"name": name, "why": rules[name].why,
             "sources": "; ".join(sources[s]["title"] for s in rules[name].sources)}
            for name in rules if any(cue.rule == name for cue in cues)]
    return str(render("cue_table.html.j2", rows=rows, rules=used))


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
        self.note.add_class("fprl-live")
        self.children = [*view_head(), ipw.HBox([self.toggle, self.note], layout=ipw.Layout(align_items="center")),
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
            self.note.value = (f"<span>Answer every sentence first ({answered} of "
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
