"""Actors: mark who acts or speaks, in the text itself, and say what kind of actor each is.

A mark finds an actor when it overlaps one of the key's mentions of that actor (reasonable boundaries: 'Biden' for
'Joe Biden') or when its words are one of the actor's names or aliases (case does not matter).
"""
from __future__ import annotations

import ipywidgets as ipw

from widgets import vocab
from widgets.exercises.base import (MIN_OVERLAP, NO_KEY_FEEDBACK, AnswerError, Exercise, Grade, ItemFeedback,
                                    SpanPicker, best_overlap, choose_items, esc,
                                    grade_marked_sentences, mark, normalise_marks, normalise_phrase)

# A found actor with the wrong kind earns this share of the credit.
WRONG_KIND_CREDIT = 0.5


def _names(actor) -> set:
    return {normalise_phrase(name) for name in (actor.name, *actor.aliases)} - {""}


def match_actor_marks(case, sentence, marks):
    """Sort the marks of one sentence into found actors, other named actors, and extras.

    Returns (found, named_elsewhere, extra, missed): `found` maps actor id -> list of marks, `named_elsewhere`
    lists (mark, actor) for marks naming an actor the key does not mark in this sentence, `extra` the marks that
    name no actor, `missed` the key actors of the sentence with no mark.
    """
    key_mentions = [(actor, mention) for actor in case.actors for mention in actor.mentions
                    if mention.sentence_id == sentence.id]
    key_actors = list(dict.fromkeys(actor for actor, _ in key_mentions))
    found, named_elsewhere, extra = {}, [], []
    for item in marks:
        span = (item["start"], item["end"])
        phrase = normalise_phrase(sentence.text[span[0]:span[1]])
        best_mention, best_ratio = best_overlap(span, key_mentions, lambda pair: (pair[1].start, pair[1].end))
        best = best_mention[0] if best_mention else None
        if best is not None and best_ratio >= MIN_OVERLAP:
            found.setdefault(best.id, []).append(item)
            continue
        named = [actor for actor in case.actors if phrase in _names(actor)]
        in_sentence = [actor for actor in named if actor in key_actors]
        if in_sentence:
            found.setdefault(in_sentence[0].id, []).append(item)
        elif named:
            named_elsewhere.append((item, named[0]))
        else:
            extra.append(item)
    missed = [actor for actor in key_actors if actor.id not in found]
    return found, named_elsewhere, extra, missed


def grade_actor_sentence(case, sentence, marks):
    """(ItemFeedback, units, correct units, points) for one sentence's marks (None = not answered)."""
    key_actor_ids = list(dict.fromkeys(m_actor.id for m_actor in case.actors for mention in m_actor.mentions
                                       if mention.sentence_id == sentence.id))
    units = len(key_actor_ids)
    if marks is None:
        return ItemFeedback(None, "", 0.0, "unanswered"), units, 0, 0.0
    if not case.has_key:
        return NO_KEY_FEEDBACK, 0, 0, 0.0
    found, named_elsewhere, extra, missed = match_actor_marks(case, sentence, marks)
    text = sentence.text
    lines, correct, points = [], 0, 0.0
    for actor_id, actor_marks in found.items():
        actor = case.actor(actor_id)
        phrases = ", ".join(f"“{esc(text[m['start']:m['end']])}”" for m in actor_marks)
        kinds = {m["kind"] for m in actor_marks}
        if kinds == {actor.kind}:
            correct += 1
            points += 1.0
            kind_note = f"{mark('right', 'Right kind')}: {esc(actor.kind)}"
        else:
            points += WRONG_KIND_CREDIT
            kind_note = (f"{mark('wrong', 'Other kind')}: you said {esc(', '.join(sorted(kinds)))}; "
                         f"the key says {esc(actor.kind)}")
        lines.append(f"<li>Found <b>{esc(actor.name)}</b> ({phrases}). {kind_note}. "
                     f"<i>Role:</i> {esc(actor.role)}</li>")
    for actor in missed:
        mentioned = ", ".join(f"“{esc(m.text)}”" for m in actor.mentions if m.sentence_id == sentence.id)
        lines.append(f"<li>{mark('wrong', 'Missed')} <b>{esc(actor.name)}</b> ({esc(actor.kind)}), named here as "
                     f"{mentioned}. <i>Role:</i> {esc(actor.role)}</li>")
    for item, actor in named_elsewhere:
        lines.append(f"<li>“{esc(text[item['start']:item['end']])}” names <b>{esc(actor.name)}</b>, but the key does "
                     f"not mark it in this sentence (not counted for or against you). <i>Role:</i> "
                     f"{esc(actor.role)}</li>")
    for item in extra:
        lines.append(f"<li>{mark('wrong', 'Extra')}: “{esc(text[item['start']:item['end']])}” is not an actor in "
                     "the key.</li>")
    if not lines:
        lines.append(f"<li>{mark('right')}: the key marks no actor in this sentence, and neither did you.</li>")
    is_correct = correct == units and not extra
    status = "right" if is_correct else ("partly" if points > 0 else "wrong")
    message = f"<p>{len(found)} of {units} actor(s) in this sentence found.</p><ul>{''.join(lines)}</ul>"
    return ItemFeedback(is_correct, message, points / units if units else float(is_correct), status), \
        units, correct, points


def normalise_answer(sentence, value) -> list:
    """Check a list of {"start", "end", "kind"} marks on the sentence text."""
    return normalise_marks(sentence.text, value, "kind", vocab.ACTOR_KINDS)


def grade_actors(case, answers, items=None) -> Grade:
    """Grade {sentence_id: [marks]}. Units are key actors per sentence: correct = found with the right kind;
    `points` gives half credit for an actor found with the wrong kind."""
    return grade_marked_sentences(case, answers, items, "actors found", normalise_answer, grade_actor_sentence)


class ActorTagger(Exercise):
    """Mark the actors in each sentence (press their words) and choose each one's kind.

    Value of an answer: a list of ``{"start": int, "end": int, "kind": one of vocab.ACTOR_KINDS}``, character
    offsets in the sentence text (end exclusive). An empty list means "no actor in this sentence".
    ``sentences``: the sentence ids to ask about (default: all); or ``lesson`` (and ``path``): the lesson notebook
    whose plan assigns them (see FactOpinionSorter).
    """

    exercise = "actors"
    noun = "sentence"

    def __init__(self, case, student=None, sentences=None, lesson=None, path=None):
        items = choose_items("sentence", sentences, (s.id for s in case.sentences), lesson=lesson,
                             exercise=self.exercise, case=case, path=path)
        title = ("<h4 style='margin:0.2em 0'>Who are the actors?</h4><p>Press the words that name a person, "
                 "government, institution, media outlet or group (press again to unmark). Words next to each "
                 "other form one name. Choose a kind for each, then press <b>Check my answer</b>. "
                 "If there is no actor in the sentence, press it without marking anything.</p>")
        super().__init__(case, items, student=student, title_html=title)

    def _build_item_area(self):
        self.picker = SpanPicker("kind", vocab.ACTOR_KINDS, vocab.ACTOR_KIND_DESCRIPTIONS, phrase_hint="actor")
        kinds = "".join(f"<li>{esc(text)}</li>" for text in vocab.ACTOR_KIND_DESCRIPTIONS.values())
        help_html = ipw.HTML(f"<details><summary>What the kinds mean</summary><ul>{kinds}</ul></details>")
        return ipw.VBox([self.picker, help_html])

    def _show_item(self, item_id, locked):
        self.picker.set_sentence(self.case.sentence(item_id).text, self._answers.get(item_id, ()), locked)

    def _value_from_controls(self):
        marks = self.picker.value
        for item in marks:
            if item["kind"] is None:
                phrase = self.picker.text[item["start"]:item["end"]]
                raise AnswerError(f"Choose a kind for “{phrase}” first.")
        return marks

    def _normalise(self, item_id, value):
        return normalise_answer(self.case.sentence(item_id), value)

    def _item_feedback(self, item_id):
        return grade_actor_sentence(self.case, self.case.sentence(item_id), self._answers.get(item_id))[0]

    def _summary_extra_html(self):
        implied = [actor for actor in self.case.actors if actor.implied]
        if not implied:
            return ""
        names = "".join(f"<li><b>{esc(a.name)}</b> ({esc(a.kind)}): {esc(a.role)}</li>" for a in implied)
        return f"<p>The key also lists actors the article never names:</p><ul>{names}</ul>"
