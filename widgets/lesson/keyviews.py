"""The key views of the lessons: each shows part of the answer key, locked until the student has committed the
answers it would reveal (widgets/exercises/reveal.py). One function per view, so a lesson's code cell is one line.

    lesson 2  actor_key(case, "02_actors.ipynb")              actors' kinds, mentions and voices, and the chart
                                                               (of the tagged sentences only)
    lesson 3  claim_key(case, "03_claims_and_sources.ipynb")  each claim's sourcing, by sentence
    lesson 4  label_key(case, "04_fact_opinion_mixed.ipynb")  each sentence's label, sourcing, other readings
              warmup_key(statements_path, case)                the warm-up's key
    lesson 5  framing_key(case, lesson=...)                    the framing devices, highlighted and explained
                                                               (of the sentences done only)
              example_answer(case, "neutral_paragraph")        one possible rewrite, after the student's own
    lesson 6  verdict_key(case, "06_checking_the_record.ipynb") the key's verdicts, notes and sources
    lesson 7  findings_key(case, {exercise: lesson notebook})  the key's findings, counted

The items each view waits for are the ones the lesson assigns on the student's path (widgets.lesson.assigned_items).
``key_view(case, exercise, lesson)`` builds the view its spec names (``key_view``: KEY_VIEWS below), so a new exercise
with an existing kind of view needs no function here.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import ipywidgets as ipw

from widgets.classroom.rubrics import written_tasks
from widgets.core import vocab
from widgets.core.charts import actors_chart
from widgets.core.grading import spec
from widgets.core.grading.registry import findings_exercises, key_view_style
from widgets.core.grading.responses import KEY as RESPONSES   # written answers: a locked view may wait for one
from widgets.core.grading.records import WARMUP as WARMUP_EXERCISE
from widgets.core.lesson.plans import assigned_items, current_path, teacher_assignment
from widgets.core.lesson.warmup import load_warmup
from widgets.core.render import render
from widgets.exercises.reveal import KeyByItem, KeyTable, LockedView
from widgets.lesson.summary import FINDINGS_VIEW, key_findings
from widgets.views.access import StyleSheet, view_head
from widgets.views.article import ArticleView

FRAMING_FIRST_LOOK = "framing_first_look"   # lesson 5's commitment: the student's own list of devices


def _count_parts(counter: Counter, order) -> str:
    return ", ".join(f"{counter[value]} {value}" for value in order if counter[value])


def _count_lines(*lines) -> str:
    """'<p>Prefix: 3 fact, 1 mixed.</p>' per (prefix, counter, order)."""
    return str(render("key_counts.html.j2", lines=[(prefix, _count_parts(counter, order))
                                                   for prefix, counter, order in lines]))


def _styled(view):
    """The view with the kit's stylesheet and keyboard layer as its first children (once), so its classes apply
    wherever it is shown."""
    if not any(isinstance(child, StyleSheet) for child in view.children):
        view.children = (*view_head(), *view.children)
    return view


def key_of_sentences(case, sentence_ids):
    """The case with only the actor mentions and framing devices in ``sentence_ids``: what a key view may show
    once those sentences are answered (an actor mentioned only elsewhere is left out)."""
    ids = set(sentence_ids)
    actors = []
    for actor in case.actors:
        mentions = tuple(m for m in actor.mentions if m.sentence_id in ids)
        if mentions:
            actors.append(dataclasses.replace(actor, mentions=mentions))
    return dataclasses.replace(case, actors=tuple(actors),
                               framing=tuple(f for f in case.framing if f.sentence_id in ids),
                               controls=tuple(f for f in case.controls if f.sentence_id in ids))


def _assigned(case, lesson, exercise, path=None):
    return assigned_items(lesson, exercise, case, path)


def _view_name(lesson, style) -> str:
    """The name a view is recorded under when shown anyway (save file, hand-in, class report): 'lesson04-labels' for
    lesson 4's label table."""
    return f"lesson{Path(lesson).name.split('_')[0]}-{style}"


def label_key(case, lesson: str, path=None, student=None, exercise="fact_opinion") -> KeyTable:
    """Lesson 4: the key's label and sourcing of each sentence `lesson` assigns in `exercise`, and the other labels it
    accepts; a row opens when its sentence is answered in `exercise`."""
    items = _assigned(case, lesson, exercise, path)
    rows = []
    for sentence_id in items:
        sentence = case.sentence(sentence_id)
        others = ", ".join(filter(None, [a.label for a in sentence.alternatives]
                                  + [f"sourcing {a.sourcing}" for a in sentence.alternatives if a.sourcing])) or "-"
        rows.append((sentence_id, (sentence_id, sentence.label, sentence.sourcing, others)))

    def counts(shown):
        return _count_lines((f"Labels of the {len(shown)} sentences shown", Counter(c[1] for c in shown), vocab.LABELS),
                            ("Sourcing", Counter(c[2] for c in shown), vocab.SOURCING))

    return _styled(KeyTable(case, exercise, rows, columns=("Sentence", "Label", "Sourcing", "Also defensible"),
                    name=_view_name(lesson, spec.LABELS), what="the key's label and sourcing for each sentence you sort",
                    where="in the sorter above", caption="The key, sentence by sentence", footer=counts,
                    student=student))


def warmup_key(statements_path, case, student=None) -> KeyTable:
    """Lesson 4: which warm-up statements are factual, and which side each appeals to."""
    statements = load_warmup(statements_path)
    rows = [(item["id"], (item["id"], item["label"], item["appeals_to"], item["text"])) for item in statements]

    def balance(shown):
        groups = Counter((cells[2], cells[1]) for cells in shown)
        sides = sorted({cells[2] for cells in shown})
        return str(render("key_warmup_balance.html.j2",
                          sides=[(side, groups[side, "fact"], groups[side, "opinion"]) for side in sides]))

    return _styled(KeyTable(case, WARMUP_EXERCISE, rows, columns=("", "Key", "Appeals to", "Statement"),
                    name="lesson04-warmup", what="the warm-up's key", noun="statement",
                    where="in the warm-up above (press Show the answers)", caption="How the warm-up was built",
                    footer=balance, student=student))


def claim_key(case, lesson: str, path=None, student=None, exercise="claims") -> KeyTable:
    """Lesson 3: every key claim in the sentences `lesson` assigns in `exercise`, with its sourcing."""
    items = _assigned(case, lesson, exercise, path)
    rows = [(claim.sentence_id, (claim.id, claim.sentence_id, claim.sourcing, claim.text))
            for sentence_id in items for claim in case.claims_in(sentence_id)]
    if not rows:
        raise ValueError(f"{lesson}: the assigned sentences hold no key claim.")

    def counts(shown):
        return _count_lines((f"The {len(shown)} claims shown, by sourcing", Counter(c[2] for c in shown),
                             vocab.SOURCING))

    return _styled(KeyTable(case, exercise, rows, columns=("Claim", "Sentence", "Sourcing", "Words"),
                    name=_view_name(lesson, spec.CLAIMS), what="the key's claims and their sourcing in the sentences you mark",
                    where="in the claim marker above", caption="The claims in the key", footer=counts,
                    student=student))


def verdict_key(case, lesson: str, path=None, student=None, exercise="verdicts") -> KeyTable:
    """Lesson 6: for each assigned claim, the key's verdict, its note and the sources it rests on. A row opens when
    the claim has an answer in `exercise` ("verdicts_after": the verdict given after the evidence)."""
    items = _assigned(case, lesson, "verdicts", path)
    claims = {claim.id: claim for claim in case.claims}
    rows = []
    for claim_id in items:
        claim = claims[claim_id]
        also = "; ".join(f"{alt.verdict}: {alt.why}" for alt in claim.alternatives) or "-"
        rows.append((claim_id, (f"{claim.id} ({claim.sentence_id})", claim.text, claim.verdict, claim.note, also,
                                ", ".join(claim.evidence))))
    return _styled(KeyTable(case, exercise, rows,
                    columns=("Claim", "Words", "Key's verdict", "Why", "Also defensible", "Sources"),
                    name=_view_name(lesson, spec.VERDICTS), what="the key's verdict, note and sources for each claim you judge",
                    noun="claim", where="in step 1", caption="The evidence and the key's verdicts", student=student))


def actor_key(case, lesson: str, path=None, student=None, exercise="actors") -> KeyByItem:
    """Lesson 2: the key's actors (kind, named or implied, mentions, voice) and the actor chart, for the sentences
    the student has tagged in `exercise` only (mentions counted in those sentences)."""
    items = _assigned(case, lesson, exercise, path)

    def build(sentence_ids):
        shown = key_of_sentences(case, sentence_ids)
        if not shown.actors:
            return str(render("key_actors.html.j2", rows=[], implied=0, voiced=[]))
        rows = [(a.name, a.kind, "implied" if a.implied else "named", len(a.mentions),
                 sum(m.voice is not None for m in a.mentions)) for a in shown.actors]
        voiced = [a.name for a in shown.actors if any(m.voice for m in a.mentions)]
        table = str(render("key_actors.html.j2", rows=rows, implied=sum(a.implied for a in shown.actors),
                           voiced=voiced))
        return [ipw.HTML(table), ipw.HTML(actors_chart(shown, limit=len(shown.actors))._repr_html_())]

    return _styled(KeyByItem(case, exercise, items, build, name=_view_name(lesson, spec.ACTORS),
                             what="the key's actors and the actor chart for each sentence you tag",
                             where="in the tagger above", student=student))


def framing_key(case, student=None, lesson=None, path=None, exercise="framing"):
    """Lesson 5: the article with the key's framing devices highlighted, and the list of devices explained. With
    ``lesson``, the devices of each sentence that lesson's FramingFinder assigns, as the student answers it (in
    `exercise`); else the whole key, after the written first look."""
    def build(sentence_ids=None):
        shown = case if sentence_ids is None else key_of_sentences(case, sentence_ids)
        counts = Counter(device.device for device in shown.framing)
        groups = [(vocab.DEVICE_DESCRIPTIONS[kind], [d for d in shown.framing if d.device == kind])
                  for kind in vocab.DEVICES]
        listed = str(render("key_framing.html.j2", groups=[group for group in groups if group[1]], lines=[
            (f"{len(shown.framing)} framing devices in the key"
             + ("" if sentence_ids is None else f" of the {len(sentence_ids)} sentences you have done"),
             _count_parts(counts, vocab.DEVICES))], controls=shown.controls))
        return [ArticleView(shown, highlight=("framing",)), ipw.HTML(listed)]

    what = "the article with the key's framing devices highlighted, and their explanations"
    if lesson is not None:
        return _styled(KeyByItem(case, exercise, _assigned(case, lesson, exercise, path), build,
                                 name=_view_name(lesson, spec.FRAMING), what=what + ", sentence by sentence",
                                 where="in the framing finder above", student=student))
    return _styled(LockedView(case, {RESPONSES: [FRAMING_FIRST_LOOK]}, build, name="lesson05-framing", what=what,
                              where="when you have written your first look in step 2", student=student))


def example_answer(case, key: str, student=None) -> LockedView:
    """A written task's example answer (widgets/core/data/rubrics/written_tasks.yaml), locked until the student has
    written their own answer to it (exercise "responses", item ``key``)."""
    task = written_tasks()[key]
    if not task["example"]:
        raise ValueError(f"The written task {key!r} has no example answer in written_tasks.yaml.")
    return _styled(LockedView(case, {RESPONSES: [key]},
                              lambda: str(render("key_example.html.j2", example=task["example"])),
                              name=f"example-{key}", what=f"one possible answer to \"{task['title']}\"",
                              where="when you have written and saved your own answer above", student=student))


def findings_key(case, lessons: dict | None = None, path=None, student=None) -> LockedView:
    """Lesson 7: the key's findings, counted; waits for the items of each exercise in `lessons` ({exercise: lesson
    notebook that assigns it}; default: the items the teacher's assignment on the student's path gives each exercise
    whose spec says ``findings``, exactly what the summary's findings wait for)."""
    if lessons is None:
        assignment = teacher_assignment(case, path or current_path())
        requires = {exercise: tuple(assignment.get(exercise, ())) for exercise in findings_exercises()}
    else:
        requires = {exercise: _assigned(case, notebook, exercise, path) for exercise, notebook in lessons.items()}

    def build():
        return str(render("key_findings.html.j2", lines=key_findings(case)))

    return _styled(LockedView(case, requires, build, name=FINDINGS_VIEW, what="the key's findings, counted",
                      where="when you have answered the sorter (lesson 4) and the verdicts (lesson 6)",
                      student=student))


# The lessons' locked key view for each style a spec's ``key_view`` can name (widgets.core.grading.spec.KEY_VIEW_STYLES):
# ``builder(case, lesson, path=..., student=..., exercise=...)``, the exercise's items being those `lesson` assigns.
KEY_VIEWS = {
    spec.LABELS: label_key,
    spec.CLAIMS: claim_key,
    spec.ACTORS: actor_key,
    spec.VERDICTS: verdict_key,
    spec.FRAMING: framing_key,
}


def key_view(case, exercise: str, lesson: str, path=None, student=None):
    """The locked view of `exercise`'s key that its spec names (``key_view``), for the items `lesson` assigns on the
    student's path: each item's key opens once the student has answered it (as label_key and the others do)."""
    return KEY_VIEWS[key_view_style(exercise)](case, lesson=lesson, path=path, student=student, exercise=exercise)
