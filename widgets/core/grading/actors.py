"""Actors: who acts or speaks in each sentence, and what kind of actor each is (ActorTagger).

A mark finds an actor when it overlaps one of the key's mentions of that actor (reasonable boundaries: 'Biden' for
'Joe Biden') or when its words are one of the actor's names or aliases (case does not matter).
"""
from __future__ import annotations

from widgets.core import vocab
from widgets.core.grading.marking import grade_marked_sentences
from widgets.core.grading.results import UNANSWERED, Grade, ItemFeedback, Match, Status, no_key
from widgets.core.grading.spans import MIN_OVERLAP, best_overlap, normalise_marks, normalise_phrase
from widgets.core.grading.spec import ExerciseSpec

KEY = "actors"
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


def _phrase(text, item) -> tuple:
    return (text[item["start"]:item["end"]],)


def grade_actor_sentence(case, sentence, marks):
    """(ItemFeedback, units, correct units, points) for one sentence's marks (None = not answered)."""
    units = len({actor.id for actor in case.actors for mention in actor.mentions if mention.sentence_id == sentence.id})
    if marks is None:
        return UNANSWERED, units, 0, 0.0
    if not case.has_key:
        return no_key(KEY), 0, 0, 0.0
    found, named_elsewhere, extra, missed = match_actor_marks(case, sentence, marks)
    text = sentence.text
    matched, correct, points = [], 0, 0.0
    for actor_id, actor_marks in found.items():
        actor = case.actor(actor_id)
        kinds = {m["kind"] for m in actor_marks}
        right = kinds == {actor.kind}
        correct += right
        points += 1.0 if right else WRONG_KIND_CREDIT
        matched.append(Match(key_id=actor.id, key_text=actor.name, key_choice=actor.kind, why=actor.role or "",
                             given=tuple(text[m["start"]:m["end"]] for m in actor_marks),
                             choice=", ".join(sorted(kinds)), status=Status.RIGHT if right else Status.WRONG))
    is_correct = correct == units and not extra
    status = Status.RIGHT if is_correct else (Status.PARTLY if points > 0 else Status.WRONG)
    feedback = ItemFeedback(
        is_correct, points / units if units else float(is_correct), status, possible=units, kind=KEY,
        matched=tuple(matched),
        missed=tuple(Match(key_id=a.id, key_text=a.name, key_choice=a.kind, why=a.role or "", status=Status.WRONG,
                           key_phrases=tuple(m.text for m in a.mentions if m.sentence_id == sentence.id))
                     for a in missed),
        other=tuple(Match(key_id=a.id, key_text=a.name, given=_phrase(text, m), why=a.role or "",
                          status=Status.UNGRADED) for m, a in named_elsewhere),
        extra=tuple(Match(given=_phrase(text, m), choice=m["kind"], status=Status.WRONG) for m in extra))
    return feedback, units, correct, points


def normalise_answer(sentence, value) -> list:
    """Check a list of {"start", "end", "kind"} marks on the sentence text."""
    return normalise_marks(sentence.text, value, "kind", vocab.ACTOR_KINDS)


def grade_actors(case, answers, items=None) -> Grade:
    """Grade {sentence_id: [marks]}. Units are key actors per sentence: correct = found with the right kind;
    `points` gives half credit for an actor found with the wrong kind."""
    return grade_marked_sentences(case, answers, items, "actors found", normalise_answer, grade_actor_sentence, KEY)


SPEC = ExerciseSpec(KEY, "Actors", "actors found", grade_actors, feedback="marks", key_view="actors")
