"""Lesson plans: the minutes and the short path of each lesson, kept in one place.

Each lesson notebook carries its plan in its own metadata, under the key ``"kit"``::

    {"kit": {"number": 2, "title": "Actors", "teaching_minutes": 15, "exercise_minutes": 15,
             "short_path_minutes": 10, "short_path": "Steps 1, 2 and 4.",
             "steps": [{"title": "Step 1: What counts as an actor?", "minutes": 5, "short": true}, ...],
             "assign": {"short": {"actors": ["p2s1", "p2s2"]}, "full": {"actors": "all"}}}}

The header cell of the lesson prints that plan with :func:`header`, the lesson index (``lessons/README.md``)
is checked against :func:`index_table`, the structure test sums the short paths, and the session plan
(``tools/session_plan.py``) is built from the steps. Nothing retypes the minutes.

``assign`` is the one place that says which items each exercise asks on each path ("all": every sentence, or
every claim for "verdicts"). The exercises take it (``FactOpinionSorter(case, lesson="04_....ipynb")``), record
it in the save file, and the summary page, the hand-in and the gradebook score over those items only.
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path

import ipywidgets as ipw

METADATA_KEY = "kit"
CLASS_PERIOD_MINUTES = 50
# The whole kit's short path must fit this many class periods.
SHORT_PATH_PERIODS = 2

_INT_FIELDS = ("number", "teaching_minutes", "exercise_minutes", "short_path_minutes")
_TEXT_FIELDS = ("title", "short_path")
PATHS = ("short", "full")          # the two paths through a lesson: a class period, or every step
DEFAULT_PATH = "full"
PATH_ENV = "KIT_PATH"              # a class server can fix the path for everyone
PATH_FILE = "path.json"            # in the work folder: the path the student chose in lesson 0


class LessonPlanError(ValueError):
    """A lesson notebook is missing, unreadable, or its plan is incomplete."""


def lesson_plan(notebook: str | Path) -> dict:
    """Return the plan stored in a lesson notebook's metadata, checked field by field."""
    path = Path(notebook)
    try:
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except FileNotFoundError:
        raise LessonPlanError(
            f"{path}: lesson file not found. Open the lesson from the lessons folder, so that its kernel starts there."
        ) from None
    except (OSError, ValueError) as error:
        raise LessonPlanError(f"{path}: cannot read the notebook ({error}).") from None
    plan = metadata.get(METADATA_KEY)
    if not isinstance(plan, dict):
        raise LessonPlanError(f"{path}: notebook metadata has no {METADATA_KEY!r} lesson plan.")
    problems = []
    for field in _INT_FIELDS:
        value = plan.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"{field} must be a whole number of minutes (0 or more), not {value!r}")
    for field in _TEXT_FIELDS:
        if not isinstance(plan.get(field), str) or not plan[field].strip():
            problems.append(f"{field} must be a non-empty text")
    if not problems and plan["short_path_minutes"] > plan["teaching_minutes"] + plan["exercise_minutes"]:
        problems.append("short_path_minutes is longer than the whole lesson")
    problems += _step_problems(plan) + _assign_problems(plan)
    if problems:
        raise LessonPlanError(f"{path}: lesson plan in metadata[{METADATA_KEY!r}]: " + "; ".join(problems) + ".")
    return plan


def _step_problems(plan: dict) -> list[str]:
    steps = plan.get("steps")
    if steps is None:
        return []
    if not isinstance(steps, list) or not steps:
        return ["steps must be a non-empty list"]
    problems = []
    for number, step in enumerate(steps):
        if not isinstance(step, dict) or not isinstance(step.get("title"), str) or not step["title"].strip() \
                or not isinstance(step.get("minutes"), int) or isinstance(step.get("minutes"), bool) \
                or step["minutes"] < 0 or not isinstance(step.get("short"), bool):
            problems.append(f"steps[{number}] must be {{'title': text, 'minutes': whole number, 'short': true/false}}")
    if problems or not all(isinstance(plan.get(f), int) for f in _INT_FIELDS):
        return problems
    total = sum(step["minutes"] for step in steps)
    short = sum(step["minutes"] for step in steps if step["short"])
    if total != plan["teaching_minutes"] + plan["exercise_minutes"]:
        problems.append(f"the steps add up to {total} minutes, not teaching_minutes + exercise_minutes "
                        f"({plan['teaching_minutes'] + plan['exercise_minutes']})")
    if short != plan["short_path_minutes"]:
        problems.append(f"the short-path steps add up to {short} minutes, not short_path_minutes "
                        f"({plan['short_path_minutes']})")
    return problems


def _assign_problems(plan: dict) -> list[str]:
    assign = plan.get("assign")
    if assign is None:
        return []
    if not isinstance(assign, dict) or set(assign) - set(PATHS):
        return [f"assign must map {' and '.join(PATHS)} to {{exercise: item ids or 'all'}}"]
    problems = []
    for path, exercises in assign.items():
        if not isinstance(exercises, dict):
            problems.append(f"assign.{path} must map exercise names to item ids")
            continue
        for exercise, items in exercises.items():
            if items != "all" and (not isinstance(items, list) or not items
                                   or not all(isinstance(i, str) and i for i in items)):
                problems.append(f"assign.{path}.{exercise} must be 'all' or a non-empty list of item ids")
    return problems


# --- Paths and assigned items ------------------------------------------------------------------------------------

def current_path() -> str:
    """The path this student follows: $KIT_PATH, else the choice saved in lesson 0, else "full"."""
    from widgets.storage import work_dir

    chosen = os.environ.get(PATH_ENV, "").strip().lower()
    if chosen in PATHS:
        return chosen
    try:
        saved = json.loads((work_dir() / PATH_FILE).read_text(encoding="utf-8")).get("path")
    except Exception:  # noqa: BLE001 - no usable work folder (read-only kit) or no choice saved: the default path
        saved = None
    return saved if saved in PATHS else DEFAULT_PATH


def set_path(path: str) -> str:
    """Save the student's path ("short" or "full") in the work folder; return it."""
    from widgets.storage import atomic_write_text, work_dir

    if path not in PATHS:
        raise ValueError(f"Choose a path: {', '.join(PATHS)}, not {path!r}.")
    folder = work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / PATH_FILE, json.dumps({"path": path}) + "\n")
    return path


# Exercises whose items are claims; the others ask sentences (free responses name their questions).
_CLAIM_EXERCISES = ("verdicts",)


def expand_items(items, exercise: str, case) -> list:
    """A plan's item list, with "all" spelled out for `case`."""
    if items != "all":
        return list(items)
    if case is None:
        raise LessonPlanError(f"'all' {exercise} items need the case to list them.")
    pool = case.claims if exercise in _CLAIM_EXERCISES else case.sentences
    return [item.id for item in pool]


def assigned_items(notebook: str | Path, exercise: str, case=None, path: str | None = None) -> list:
    """The items of `exercise` that the lesson's plan assigns on `path` (default: the student's path)."""
    path = current_path() if path is None else path
    if path not in PATHS:
        raise ValueError(f"path must be one of {', '.join(PATHS)}, not {path!r}.")
    plan = lesson_plan(notebook)
    items = plan.get("assign", {}).get(path, {}).get(exercise)
    if items is None:
        raise LessonPlanError(f"{notebook}: the lesson plan assigns no {exercise!r} items on the {path} path "
                              f"(metadata[{METADATA_KEY!r}]['assign'][{path!r}]).")
    return expand_items(items, exercise, case)


def kit_assignments(lessons_dir: str | Path, path: str, case=None) -> dict:
    """{exercise: item ids} that all the lessons together assign on `path` (each exercise in one lesson)."""
    found: dict = {}
    for notebook in lesson_files(lessons_dir):
        for exercise, items in lesson_plan(notebook).get("assign", {}).get(path, {}).items():
            found.setdefault(exercise, [])
            found[exercise] += [i for i in expand_items(items, exercise, case) if i not in found[exercise]]
    return found


class PathChoice(ipw.VBox):
    """Two buttons for lesson 0: the short path (a class) or the full path (every step). Saved in the work folder;
    the exercises of every lesson then ask the items of that path."""

    def __init__(self):
        self.choice = ipw.ToggleButtons(options=[("Short path (a class)", "short"), ("Full path (every step)", "full")],
                                        value=current_path(), description="My path:",
                                        tooltips=["The steps your teacher does in class", "Every step of every lesson"],
                                        style={"description_width": "initial", "button_width": "auto"})
        self.status = ipw.HTML()
        self.choice.observe(lambda change: self.save(change["new"]), names="value")
        super().__init__([self.choice, self.status])

    def save(self, path: str) -> bool:
        try:
            set_path(path)
        except Exception as error:  # noqa: BLE001 - shown in the widget, never raised from a click
            self.status.value = f"<b>Not saved:</b> {html.escape(str(error))}"
            return False
        if self.choice.value != path:
            self.choice.value = path
        self.status.value = (f"Saved: the exercises will ask the items of the <b>{html.escape(path)}</b> path. "
                             "Run the exercise cells again if they were already open.")
        return True

    def __repr__(self):
        return "Path choice: run this cell, then choose the short path (a class) or the full path (every step)."


# Printed tables and notes are wrapped to this width: JupyterLab breaks longer output lines mid-word at a common
# window width.
LINE_WIDTH = 88


def header_text(plan: dict) -> str:
    """The time box printed at the top of a lesson (one line per item, so every lesson prints it the same way)."""
    total = plan["teaching_minutes"] + plan["exercise_minutes"]
    return "\n".join([
        f"Lesson {plan['number']}: {plan['title']}",
        f"Time: {plan['teaching_minutes']} minutes of teaching and {plan['exercise_minutes']} minutes of exercises"
        f" ({total} minutes in all).",
        f"Short path for a {CLASS_PERIOD_MINUTES}-minute class: {plan['short_path_minutes']} minutes. {plan['short_path']}",
    ])


def header(notebook: str | Path) -> None:
    """Print the lesson's time box, read from its own metadata (call it with the notebook's file name)."""
    print(header_text(lesson_plan(notebook)))


def lesson_files(lessons_dir: str | Path) -> list[Path]:
    """The numbered lesson notebooks in reading order (``00_start_here.ipynb`` ...)."""
    return sorted(p for p in Path(lessons_dir).glob("[0-9][0-9]_*.ipynb"))


def index_table(lessons_dir: str | Path) -> str:
    """A Markdown table of every lesson with its minutes, for ``lessons/README.md``."""
    rows = [
        "| Lesson | File | Teaching | Exercises | Short path |",
        "|---|---|---|---|---|",
    ]
    total_short = 0
    for path in lesson_files(lessons_dir):
        plan = lesson_plan(path)
        total_short += plan["short_path_minutes"]
        rows.append(
            f"| {plan['number']}. {plan['title']} | [{path.name}]({path.name}) | {plan['teaching_minutes']} min"
            f" | {plan['exercise_minutes']} min | {plan['short_path_minutes']} min |"
        )
    rows.append(f"| **All lessons** | | | | **{total_short} min** |")
    return "\n".join(rows)



class NameBox(ipw.VBox):
    """A text box and a button that save the student's name with ``widgets.set_student`` (lesson 0)."""

    def __init__(self):
        from widgets.storage import current_student

        current = current_student()
        self.text = ipw.Text(
            value="" if current == "anonymous" else current,
            placeholder="for example Ada",
            description="Your name:",
        )
        self.button = ipw.Button(description="Save my name", button_style="primary", tooltip="Save the name on your work")
        self.status = ipw.HTML()
        self.button.on_click(lambda _button: self.save())
        super().__init__([ipw.HBox([self.text, self.button]), self.status])

    def save(self) -> bool:
        """Save the typed name; show the result in the box. Never raises (it runs from a button click)."""
        from widgets.storage import current_student, set_student

        try:
            set_student(self.text.value)
        except Exception as error:  # noqa: BLE001 - shown to the student instead of vanishing in the console
            self.status.value = f"<b>Not saved:</b> {html.escape(str(error))}"
            return False
        self.status.value = f"Saved. Your work will carry the name <b>{html.escape(current_student())}</b>."
        return True

    def __repr__(self):
        return "Name box: type your name, then press 'Save my name'. (Run this cell if you do not see the box.)"



class WorkFolderNote(ipw.HTML):
    """Says where this computer keeps the student's work. A widget, so the path (which differs on every computer)
    is shown on screen but never stored in the committed notebook: only the fixed repr below is."""

    def __init__(self):
        from widgets.storage import WORK_DIR_ENV, work_dir

        try:
            folder = work_dir()
            chosen = f" (chosen by the setting <code>{WORK_DIR_ENV}</code>)" if os.environ.get(WORK_DIR_ENV) else ""
            text = f"Your work folder{chosen}: <code>{html.escape(str(folder))}</code>"
        except Exception as error:  # noqa: BLE001 - say what is wrong instead of failing the lesson
            text = f"<b>The work folder cannot be used:</b> {html.escape(str(error))}"
        super().__init__(value=text)

    def __repr__(self):
        return "Work folder note: run this cell to see where your work is saved on this computer."



# --- Primary texts (lesson 6) ------------------------------------------------------------------------------------

def primary_passage(case, source_id: str, contains: str) -> str:
    """The line of a public-domain primary text in the case folder that contains ``contains`` (a short passage)."""
    source = case.source(source_id)
    if not source.public_domain or not source.file or case.path is None:
        raise ValueError(f"Source {source_id!r} is not a public-domain text stored with this case.")
    path = Path(case.path) / source.file
    for line in path.read_text(encoding="utf-8").splitlines():
        if contains in line:
            return line.strip()
    raise ValueError(f"{source.file}: no line contains {contains!r}.")


def show_passage(case, source_id: str, contains: str, width: int = LINE_WIDTH) -> None:
    """Print where a primary passage comes from, then the passage, wrapped for reading."""
    import textwrap

    source = case.source(source_id)
    print(textwrap.fill(f"{source.publisher}, {source.date}: {source.title}", width=width, subsequent_indent="  "))
    print(f"(file {source.file} in the case folder)")
    print(textwrap.fill(primary_passage(case, source_id, contains), width=width, initial_indent="    ",
                        subsequent_indent="    "))


# --- Warm-up (lesson 4): short statements in the style of Pew's 2018 fact/opinion study -------------------------

WARMUP_FORMAT = "fprl-warmup"
WARMUP_LABELS = ("fact", "opinion")   # the warm-up uses two of the case labels, as Pew did
WARMUP_SIDES = ("left", "right")
AGREEMENT_CHOICES = ("agree", "disagree", "not sure")


def load_warmup(path: str | Path) -> list[dict]:
    """Read and check a warm-up file (``seeds/warmup/statements.yaml``); every problem names the statement."""
    import yaml

    from widgets import vocab

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LessonPlanError(f"{path}: warm-up file not found.") from None
    except (OSError, yaml.YAMLError) as error:
        raise LessonPlanError(f"{path}: cannot read the warm-up ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != WARMUP_FORMAT:
        raise LessonPlanError(f"{path}: not a warm-up file (format must be {WARMUP_FORMAT!r}).")
    statements = data.get("statements")
    if not isinstance(statements, list) or not statements:
        raise LessonPlanError(f"{path}: 'statements' must be a non-empty list.")
    problems, seen = [], set()
    for index, item in enumerate(statements):
        where = f"statements[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        for field in ("id", "text", "rationale"):
            if not isinstance(item.get(field), str) or not item[field].strip():
                problems.append(f"{where}.{field}: must be a non-empty text")
        if item.get("id") in seen:
            problems.append(f"{where}.id: {item.get('id')!r} is used twice")
        seen.add(item.get("id"))
        if item.get("label") not in WARMUP_LABELS or item.get("label") not in vocab.LABELS:
            problems.append(f"{where}.label: {item.get('label')!r} is not one of {', '.join(WARMUP_LABELS)}")
        if item.get("appeals_to") not in WARMUP_SIDES:
            problems.append(f"{where}.appeals_to: {item.get('appeals_to')!r} is not one of {', '.join(WARMUP_SIDES)}")
    if problems:
        raise LessonPlanError(f"{path}: " + "; ".join(problems) + ".")
    return statements


def warmup_report(statements: list[dict], answers: dict) -> dict:
    """Grade a warm-up (pure). ``answers`` maps statement id -> {"label": ..., "agree": one of AGREEMENT_CHOICES}.

    Returns the score and Pew's pattern: mislabelled statements split by whether the reader agreed with them.
    """
    correct, unanswered, misread = 0, [], []
    for item in statements:
        answer = answers.get(item["id"]) or {}
        label = answer.get("label")
        if label is None:
            unanswered.append(item["id"])
        elif label == item["label"]:
            correct += 1
        else:
            misread.append({"id": item["id"], "key": item["label"], "given": label, "agree": answer.get("agree")})
    facts_called_opinion = [m for m in misread if m["key"] == "fact"]
    opinions_called_fact = [m for m in misread if m["key"] == "opinion"]
    return {
        "correct": correct,
        "total": len(statements),
        "unanswered": unanswered,
        "facts_called_opinion": facts_called_opinion,
        "opinions_called_fact": opinions_called_fact,
        # Pew's finding: facts misfiled as opinions were mostly ones people disagreed with, and the reverse.
        "matches_pew_pattern": sum(m["agree"] == "disagree" for m in facts_called_opinion)
        + sum(m["agree"] == "agree" for m in opinions_called_fact),
    }


WARMUP_EXERCISE = "warmup"   # its section in the save file: the labels committed with "Show the answers"


class WarmUp(ipw.VBox):
    """Sort each warm-up statement as fact or opinion, say whether you agree, then see the key and the pattern.

    Agreement is never saved: agreement with political statements is not collected. With ``case``, the labels are
    saved when the student presses "Show the answers" (their commitment), so that the warm-up's key table in the
    lesson unlocks, now and after a restart.
    """

    def __init__(self, path: str | Path, case=None, student: str | None = None):
        self.statements = load_warmup(path)
        self.case, self.student = case, student
        self.label_choice, self.agree_choice = {}, {}
        rows = []
        for number, item in enumerate(self.statements, start=1):
            self.label_choice[item["id"]] = ipw.ToggleButtons(
                options=WARMUP_LABELS, value=None, description="Label:", style={"button_width": "6em"})
            self.agree_choice[item["id"]] = ipw.ToggleButtons(
                options=AGREEMENT_CHOICES, value=None, description="Agree?", style={"button_width": "6em"})
            rows.append(ipw.VBox([
                ipw.HTML(f"<b>{number}.</b> {html.escape(item['text'])}"),
                ipw.HBox([self.label_choice[item["id"]], self.agree_choice[item["id"]]]),
            ], layout=ipw.Layout(margin="0 0 0.8em 0")))
        self.button = ipw.Button(description="Show the answers", button_style="primary")
        self.button.on_click(lambda _button: self.check())
        self.feedback = ipw.HTML()
        super().__init__([*rows, self.button, self.feedback])

    @property
    def items(self):
        return [item["id"] for item in self.statements]

    def answer(self, item_id: str, label: str | None = None, agree: str | None = None) -> None:
        """Set an answer as the buttons would (used by tests)."""
        if label is not None:
            self.label_choice[item_id].value = label
        if agree is not None:
            self.agree_choice[item_id].value = agree

    def answers(self) -> dict:
        return {i: {"label": self.label_choice[i].value, "agree": self.agree_choice[i].value} for i in self.items}

    def _commit(self):
        """Save the labels given (never the agreement), once each: the first answer shown the key counts."""
        if self.case is None:
            return
        from widgets.exercises.events import announce
        from widgets.storage import WorkFile, current_student

        work = WorkFile(self.student if self.student is not None else current_student(), self.case.id)
        saved = work.answers(WARMUP_EXERCISE)
        for item_id, answer in self.answers().items():
            if answer["label"] is not None and item_id not in saved:
                work.record(WARMUP_EXERCISE, item_id, {"label": answer["label"]})
                announce(work.student, self.case.id, WARMUP_EXERCISE, item_id)

    def check(self) -> dict | None:
        """Show the key, the reasons and the agreement pattern; return the report (None if something failed)."""
        try:
            self._commit()
            report = warmup_report(self.statements, self.answers())
            self.feedback.value = _warmup_feedback_html(self.statements, self.answers(), report)
            return report
        except Exception as error:  # noqa: BLE001 - shown in the widget, never lost in the console
            self.feedback.value = f"<b>Something went wrong:</b> {html.escape(str(error))}"
            return None

    def __repr__(self):
        return f"Warm-up: {len(self.statements)} statements to sort as fact or opinion. (Run this cell to start.)"


def _warmup_feedback_html(statements, answers, report) -> str:
    lines = [f"<p><b>You sorted {report['correct']} of {report['total']} statements as the key does.</b>"]
    if report["unanswered"]:
        lines.append(f" ({len(report['unanswered'])} left unanswered.)")
    lines.append("</p><ol>")
    for item in statements:
        given = answers[item["id"]]["label"]
        mark = "no answer" if given is None else ("same as the key" if given == item["label"] else f"you said {given}")
        lines.append(f"<li><b>{html.escape(item['label'])}</b> ({mark}). {html.escape(item['rationale'])}</li>")
    lines.append("</ol>")
    misread = len(report["facts_called_opinion"]) + len(report["opinions_called_fact"])
    if misread:
        lines.append(
            f"<p>You mislabelled {misread} statement(s). In {report['matches_pew_pattern']} of them your label "
            "went the way Pew found for most people: a fact you disagreed with called an opinion, or an opinion "
            "you agreed with called a fact.</p>")
    else:
        lines.append("<p>No mislabelled statements. Pew found that only about a quarter of U.S. adults sorted all "
                     "five of its factual statements correctly.</p>")
    return "".join(lines)


# --- Wrap-up (lesson 7): the student's one-page summary ------------------------------------------------------------

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


def key_findings(case) -> list[str]:
    """What the answer key found, counted, as short lines of text (vocabularies in schema order)."""
    from collections import Counter

    from widgets import vocab

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
    from widgets.exercises.base import REGISTRY
    from widgets.exercises.scoring import assigned_items as section_assigned
    from widgets.exercises.scoring import score_sections
    from widgets.storage import WorkFile, current_student

    student = current_student() if student is None else student
    work = WorkFile(student, case.id)
    written = work.answers("responses")
    # One score everywhere: over the items each exercise assigned (widgets.exercises.scoring), partial credit
    # included, exactly as the hand-in and the gradebook count it.
    sections = work.data["exercises"]
    scores = score_sections(case, sections)
    grades = {name: REGISTRY[name](case, sections[name].get("answers", {}), items=score.assigned)
              for name, score in scores.items() if sections[name].get("answers")}
    exercises = [score.line() for name, score in scores.items() if name != "responses"]
    return {
        "student": student,
        "responses": {key: (written.get(key) or "").strip() or NOT_WRITTEN for key in SUMMARY_RESPONSES},
        "exercises": exercises or ["No exercise answered yet."],
        "grades": grades,
        "scores": scores,
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
    sections.append(("What the answer key found", key_findings(case)))
    return sections


def summary_text(case, student: str | None = None) -> str:
    """The one-page summary as plain text (what the lesson prints)."""
    summary = work_summary(case, student)
    lines = [f"Reading notes by {summary['student']}"]
    for heading, paragraphs in _summary_sections(case, summary):
        lines += ["", heading.upper(), *paragraphs]
    return "\n".join(lines)


def summary_html(case, student: str | None = None) -> str:
    """The one-page summary as a self-contained web page (escaped; prints on one page)."""
    summary = work_summary(case, student)
    title = f"Reading notes by {summary['student']}: {case.title}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    for heading, paragraphs in _summary_sections(case, summary):
        body.append(f"<h2>{html.escape(heading)}</h2>")
        body += [f"<p>{html.escape(text)}</p>" for text in paragraphs]
    body.append("<p><small>Made with the Foreign-Policy Reporting Lab. The kit teaches how to read, "
                "not what to believe.</small></p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;max-width:42em;margin:2em auto;"
            "line-height:1.5} h2{font-size:1.1em;margin-top:1.2em} p{white-space:pre-wrap}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def save_summary(case, student: str | None = None) -> Path:
    """Write the summary page to the work folder (atomically) and return its path."""
    from widgets.storage import atomic_write_text, current_student, student_slug, work_dir

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
        self.preview = ipw.HTML()
        self.button.on_click(lambda _button: self.save())
        super().__init__([self.status, ipw.HBox([self.button]), self.preview])
        self.save()

    def save(self) -> Path | None:
        """Write the summary page and show its text; errors are shown in the widget, never raised."""
        try:
            self.last_path = save_summary(self.case, self.student)
            text = summary_text(self.case, self.student)
        except Exception as error:  # noqa: BLE001 - a callback must never raise into the notebook
            self.status.value = f'<p role="alert"><b>Not saved:</b> {html.escape(str(error))}</p>'
            return None
        self.status.value = (f'<p role="status">Saved as <code>{html.escape(self.last_path.name)}</code> in your work '
                             f'folder <code>{html.escape(str(self.last_path.parent))}</code>.</p>')
        lines = "<br>".join(html.escape(line) for line in text.splitlines())
        self.preview.value = f'<div style="border-left:4px solid #0072B2; padding-left:0.8em">{lines}</div>'
        return self.last_path

    def __repr__(self):
        return "Summary: run this cell to save your one-page summary in your work folder and see it here."
