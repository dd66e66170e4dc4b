"""The wrap-up of lesson 7: the student's one-page summary (text for the lesson, a web page in the work folder)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import ipywidgets as ipw

from widgets.core import vocab
from widgets.core.errors import shows_errors_in
from widgets.core.grading.registry import REGISTRY, findings_exercises, is_written
from widgets.core.grading.responses import KEY as RESPONSES
from widgets.core.grading.scoring import assigned_items as section_assigned
from widgets.core.grading.scoring import score_sections
from widgets.core.lesson.plans import current_path, teacher_assignment
from widgets.core.render import render, style_element
from widgets.core.storage import WorkFile, atomic_write_text, current_student, student_slug, work_dir
from widgets.exercises.reveal import key_shown_views
from widgets.views.access import view_head


# Free-response questions asked in the lessons, in the order they are asked: key in the save file -> heading.
# The lessons pass these keys to FreeResponse (tests/unit/test_lessons_structure.py checks that they do).
SUMMARY_RESPONSES = {
    "first_impression": "My first impression (lesson 1)",
    "neutral_headline": "My neutral headline (lesson 5)",
    "neutral_paragraph": "My neutral version of paragraph 3 (lesson 5)",
    "reflection": "My reflection (lesson 7)",
}
NOT_WRITTEN = "(not written yet)"
SUMMARY_SUFFIX = "__summary.html"
# The key's findings are counts of the key's answers, so the summary shows them only once the student has answered
# the items assigned of the exercises whose spec says ``findings`` (what lesson 7's locked findings view waits for,
# widgets.lesson.keyviews.findings_key), or opened that view anyway.
FINDINGS_VIEW = "lesson07-findings"
FINDINGS_LOCKED = ("(Shown when you have answered your sentences in the fact/opinion sorter (lesson 4) and your "
                   "claims in the verdicts exercise (lesson 6).)")


def key_findings(case) -> list[str]:
    """What the answer key found, counted, as short lines of text (vocabularies in schema order)."""

    def counted(values, order):
        counts = Counter(values)
        return ", ".join(f"{counts[value]} {value}" for value in order if counts[value])

    voiced = sum(any(m.voice for m in actor.mentions) for actor in case.actors)
    return [
        f"Sentences: {len(case.sentences)} ({counted((s.label for s in case.sentences), vocab.LABELS)}).",
        f"Actors: {len(case.actors)}, of whom {sum(a.implied for a in case.actors)} implied and {voiced} with a voice.",
        f"Claims: {len(case.claims)} by sourcing ({counted((c.sourcing for c in case.claims), vocab.SOURCING)}).",
        f"Verdicts on those claims: {counted((c.verdict for c in case.claims), vocab.VERDICTS)}.",
        f"Framing devices: {len(case.framing)} ({counted((f.device for f in case.framing), vocab.DEVICES)}).",
    ]


def work_summary(case, student: str | None = None) -> dict:
    """The student's saved work on a case, read without changing anything: name, written answers, grades."""
    student = current_student() if student is None else student
    work = WorkFile(student, case.id)
    written = work.answers(RESPONSES)
    # One score everywhere: over the items each exercise assigned (widgets.core.grading.scoring), partial credit
    # included, exactly as the hand-in and the gradebook count it.
    sections = work.data["exercises"]
    scores = score_sections(case, sections, teacher_assignment(case, current_path()))
    grades = {name: REGISTRY[name](case, sections[name].get("answers", {}), items=score.assigned)
              for name, score in scores.items() if sections[name].get("answers") and score.assigned}
    exercises = [score.line() for name, score in scores.items() if not is_written(name)]
    findings_open = FINDINGS_VIEW in key_shown_views(work) or all(
        name in scores and scores[name].assigned and scores[name].answered >= len(scores[name].assigned)
        for name in findings_exercises())
    return {
        "student": student,
        RESPONSES: {key: (written.get(key) or "").strip() or NOT_WRITTEN for key in SUMMARY_RESPONSES},
        "exercises": exercises or ["No exercise answered yet."],
        "grades": grades,
        "scores": scores,
        "findings_open": findings_open,
        "assigned": {name: section_assigned(section) for name, section in sections.items()
                     if section_assigned(section) is not None},
    }


def _summary_sections(case, summary) -> list[tuple[str, list[str]]]:
    meta = case.meta
    about = [f"{case.title}", f"{meta.get('outlet', '')}, published (estimated) "
             f"{meta['published']['earliest']} to {meta['published']['latest']}" if meta.get("published") else ""]
    sections = [("The article", [line for line in about if line])]
    responses = summary["responses"]
    sections.append((SUMMARY_RESPONSES["first_impression"], [responses["first_impression"]]))
    sections.append(("What I did in the exercises", summary["exercises"]))
    for key in list(SUMMARY_RESPONSES)[1:]:
        sections.append((SUMMARY_RESPONSES[key], [responses[key]]))
    sections.append(("What the answer key found", key_findings(case) if summary["findings_open"] else [FINDINGS_LOCKED]))
    return sections


def summary_text(case, student: str | None = None) -> str:
    """The one-page summary as plain text (what the lesson prints)."""
    summary = work_summary(case, student)
    lines = [f"Reading notes by {summary['student']}"]
    for heading, paragraphs in _summary_sections(case, summary):
        lines += ["", heading.upper(), *paragraphs]
    return "\n".join(lines)


def summary_html(case, student: str | None = None) -> str:
    """The one-page summary as a self-contained web page (template ``lesson_summary.html.j2``: autoescaped, the kit's
    stylesheet in its head; prints on one page)."""
    summary = work_summary(case, student)
    return str(render("lesson_summary.html.j2", title=f"Reading notes by {summary['student']}: {case.title}",
                      style=style_element(), sections=_summary_sections(case, summary)))


def save_summary(case, student: str | None = None) -> Path:
    """Write the summary page to the work folder (atomically) and return its path."""
    student = current_student() if student is None else student
    path = work_dir() / f"{student_slug(student)}__{case.id}{SUMMARY_SUFFIX}"
    atomic_write_text(path, summary_html(case, student))
    return path


class SummaryView(ipw.VBox):
    """Saves the one-page summary when shown, shows its text, and saves it again on request.

    A widget (not printed text), because the summary holds the student's name and answers, which must not end up
    in the committed notebook's outputs.
    """
    def __init__(self, case, student: str | None = None):
        self.case, self.student = case, student
        self.last_path: Path | None = None
        self.button = ipw.Button(description="Save my summary again", icon="save", layout=ipw.Layout(width="auto"),
                                 tooltip="Write the summary again, with your latest answers")
        self.status = ipw.HTML()
        self.status.add_class("fprl-live")
        self.preview = ipw.HTML()
        self.button.on_click(lambda _button: self.save())
        super().__init__([*view_head(), self.status, ipw.HBox([self.button]), self.preview])
        self.save()

    @shows_errors_in("status", doing="Not saved")
    def save(self) -> Path | None:
        """Write the summary page and show its text; errors are shown in the widget (returning None)."""
        self.last_path = save_summary(self.case, self.student)
        text = summary_text(self.case, self.student)
        self.status.value = str(render("lesson_summary_saved.html.j2", name=self.last_path.name,
                                       folder=str(self.last_path.parent)))
        self.preview.value = str(render("lesson_summary_saved.html.j2", lines=text.splitlines()))
        return self.last_path

    def __repr__(self):
        return "Summary: run this cell to save your one-page summary in your work folder and see it here."
