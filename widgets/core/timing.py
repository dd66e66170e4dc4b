"""The time model: the minutes of a lesson step, computed from what the step asks a student to read and answer.

A step is a ``## `` section of a lesson notebook (its heading, exactly as written). Its time is the words a student
reads at the model's reading rate (the section's markdown, what its code cells print, and the text its widgets
show: the sentences an exercise asks, the evidence shown between two verdicts, the statements of a skills check,
the prompt of a written answer) plus a floor per answered item. The rates and their sources are in
``widgets/core/data/time_model.yaml`` (one place); the lessons' metadata minutes, their instructor notes, the lesson
index and the class plans are all computed here (``tools/session_plan.py`` writes them, and tests fail on drift).

Pure: reads the notebooks and the kit's data, never imports ipywidgets.
"""
from __future__ import annotations

import ast
import functools
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from widgets.core import schemas
from widgets.core.evidence import between_verdicts_html
from widgets.core.grading import exit_tickets, skills
from widgets.core.grading.lateral import load_task
from widgets.core.grading.verdicts import claim_by_id
from widgets.core.lesson.plans import METADATA_KEY, expand_items
from widgets.core.lesson.warmup import load_warmup
from widgets.core.loading import load_case
from widgets.core.owntext.from_text import case_from_text
from widgets.core.seeds import seed_case, seed_path
from widgets.core.storage import KIT_ROOT


DATA_FILE = Path(__file__).resolve().parent / "data" / "time_model.yaml"
SCHEMA_NAME = "time_model"
INSTRUCTOR_TAG = "instructor"
HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
WORD = re.compile(r"[\w’'-]+")
TAG = re.compile(r"<[^>]+>")
NOT_READ = re.compile(r"<(style|script|svg)\b.*?</\1>", re.DOTALL | re.IGNORECASE)   # styles, drawings
# A step that only adds the full path's extra items to a step of the same heading (lesson metadata "only").
FULL_PATH_ITEMS = "full-path items"


class TimeModelError(ValueError):
    """The rates file is broken, or a step named in a plan is not a heading of its lesson."""


@functools.lru_cache(maxsize=None)
def rates() -> dict:
    """The rates of widgets/core/data/time_model.yaml, checked against its schema (whose minimums are the floors)."""
    return schemas.load_checked_yaml(SCHEMA_NAME, DATA_FILE, TimeModelError)[0]


def words(text: str) -> int:
    """The words in `text` (markup tags and Markdown punctuation do not count)."""
    return len(WORD.findall(TAG.sub(" ", NOT_READ.sub(" ", text or ""))))


@dataclass
class StepTime:
    """What a step asks: the words read, the items answered by exercise, and the minutes (rounded up)."""
    lesson: str
    heading: str
    words: int = 0
    items: dict = field(default_factory=dict)
    fixed_minutes: int = 0          # a task that takes longer than its words and items (lateral reading)
    calls: list = field(default_factory=list)   # (widget name, literal arguments, keyword arguments) it shows

    @property
    def seconds(self) -> float:
        model = rates()
        reading = self.words * 60 / model["words_per_minute"]
        answering = sum(model["seconds_per_item"][kind] * count for kind, count in self.items.items())
        return max(reading + answering, self.fixed_minutes * 60)

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60 - 1e-9)


@dataclass
class Section:
    heading: str
    markdown: list = field(default_factory=list)     # texts
    code: list = field(default_factory=list)         # (source, printed text) per code cell


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _printed(cell) -> str:
    """The text a code cell prints or displays as a page (streams, HTML). A plain-text result is left out: for a
    widget it is the placeholder shown before the cell runs, and the model counts what the widget shows instead."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(_source({"source": output.get("text", "")}))
        elif output.get("output_type") in ("execute_result", "display_data"):
            data = output.get("data", {})
            if "text/html" in data and "application/vnd.jupyter.widget-view+json" not in data:
                parts.append(_source({"source": data["text/html"]}))
    return "\n".join(parts)


def sections(notebook: str | Path) -> list[Section]:
    """The notebook's student-facing sections in order: the text before the first ``## `` heading ("" heading),
    then one per heading. Instructor cells and the header cell (the time box this model computes) are left out."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = [Section("")]
    for cell in cells:
        if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        text = _source(cell)
        if cell["cell_type"] == "markdown":
            position = 0
            for match in HEADING.finditer(text):
                found[-1].markdown.append(text[position:match.start()])
                found.append(Section(match.group(1)))
                position = match.end()
            found[-1].markdown.append(text[position:])
        elif cell["cell_type"] == "code" and "header(" not in text:
            found[-1].code.append((text, _printed(cell)))
    return found


# --- What widgets show ----------------------------------------------------------------------------------------

class _Context:
    """What the code cells of a lesson have defined so far: cases by variable name, string constants. Widget
    handlers get a call's positional arguments as syntax nodes (``context.case(node)``, ``context.value(node)``)
    and its keyword arguments as values."""

    def __init__(self, lesson: str, path: str):
        self.lesson, self.path = lesson, path
        self.cases: dict = {}
        self.strings: dict = {}

    def value(self, node):
        if isinstance(node, ast.Name) and node.id in self.strings:
            return self.strings[node.id]
        try:
            return ast.literal_eval(node)
        except ValueError:
            return None

    def case(self, node):
        return self.cases.get(node.id) if isinstance(node, ast.Name) else None


def _call_name(node) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _assigned(case, exercise, path, kwargs, explicit_name) -> list:

    if kwargs.get(explicit_name) is not None:
        return list(kwargs[explicit_name])
    if kwargs.get("lesson"):     # the plan as stored: its minutes are what is being computed
        assign = raw_plan(lessons_dir() / kwargs["lesson"]).get("assign", {})
        return expand_items(assign.get(kwargs.get("path") or path, {}).get(exercise, []), exercise, case)
    return expand_items("all", exercise, case)


def _claim(case, claim_id):
    return claim_by_id(case, claim_id)


def lessons_dir() -> Path:
    """The kit's lessons folder (read when called: tests move the kit root)."""
    return KIT_ROOT / "lessons"


def _count_items(step, context, args, kwargs, seen, exercise, explicit="sentences", claim_text=False) -> list:
    """Add an exercise's items to `step` (the sentence each shows, and one item each); return the ids added."""
    case = context.case(args[0]) if args else None
    if case is None:
        return []
    added = []
    for item_id in _assigned(case, exercise, context.path, kwargs, explicit):
        if (case.id, exercise, item_id) in seen:
            continue            # answered in an earlier step: the widget shows the saved answer
        seen.add((case.id, exercise, item_id))
        sentence = case.sentence(_claim(case, item_id).sentence_id) if claim_text else case.sentence(item_id)
        step.words += words(sentence.text)
        step.items[exercise] = step.items.get(exercise, 0) + 1
        added.append(item_id)
    return added


def _sentence_exercise(exercise, explicit="sentences", claim_text=False):
    def shown(step, context, args, kwargs, seen):
        _count_items(step, context, args, kwargs, seen, exercise, explicit, claim_text)
    return shown


def _claim_marker(step, context, args, kwargs, seen):
    if kwargs.get("mode") == "verdict":
        _count_items(step, context, args, kwargs, seen, "verdicts", "claims", claim_text=True)
    else:
        _count_items(step, context, args, kwargs, seen, "claims")


def evidence_text(case, claim) -> str:
    """What VerdictBeforeAfter shows between a claim's two verdicts (widgets.core.evidence.between_verdicts_html): the
    words the model counts for it."""
    return between_verdicts_html(case, claim)


def _verdicts_before_after(step, context, args, kwargs, seen):
    added = _count_items(step, context, args, kwargs, seen, "verdicts", "claims", claim_text=True)
    if not added:
        return
    case = context.case(args[0])
    step.items["verdicts_after"] = step.items.get("verdicts_after", 0) + len(added)   # each verdict counts
    step.words += sum(words(evidence_text(case, _claim(case, claim_id))) for claim_id in added)


def _article_view(step, context, args, kwargs, seen):
    case = context.case(args[0]) if args else None
    if case is None:
        return
    paragraphs = kwargs.get("paragraphs")
    step.words += sum(words(s.text) for s in case.sentences if paragraphs is None or s.paragraph in paragraphs)


def _free_response(step, context, args, kwargs, seen):
    prompt = context.value(args[2]) if len(args) > 2 else kwargs.get("prompt")
    step.words += words(prompt or "")
    step.items["responses"] = step.items.get("responses", 0) + 1


def _skills_check(step, context, args, kwargs, seen):

    moment = (context.value(args[0]) if args else None) or kwargs.get("moment") or "pre"
    form = skills.load_form(skills.unnamed_form(moment))   # the forms are of one length
    items = (*form.statements, *form.transfer)
    step.words += sum(words(s.text) for s in items) + words(form.passage)
    step.items["skills"] = step.items.get("skills", 0) + len(items)


def _lateral_reading(step, context, args, kwargs, seen):

    task = load_task()
    step.words += sum(words(q.question) + words(q.hint) for q in task.questions)
    step.items["lateral_reading"] = step.items.get("lateral_reading", 0) + len(task.questions)
    step.fixed_minutes = max(step.fixed_minutes, task.minutes)


def _warm_up(step, context, args, kwargs, seen):

    statements = load_warmup(seed_path("warmup", "statements.yaml"))
    step.words += sum(words(s["text"]) for s in statements)
    step.items["warmup"] = step.items.get("warmup", 0) + len(statements)


def _exit_ticket(step, context, args, kwargs, seen):

    ticket = exit_tickets.load_ticket(context.value(args[1]) if len(args) > 1 else kwargs.get("ticket"))
    step.words += sum(words(q.text) + sum(words(c) for c in q.choices) for q in ticket.questions)
    step.items["exit_tickets"] = step.items.get("exit_tickets", 0) + len(ticket.questions)


def _key_words(reasons):
    def shown(step, context, args, kwargs, seen):
        case = context.case(args[0]) if args else None
        if case is not None:
            step.words += sum(words(text) for text in reasons(case, kwargs, args, context))
    return shown


def _lesson_of(kwargs, args, context):
    return kwargs.get("lesson") or (context.value(args[1]) if len(args) > 1 else None)


def _assigned_in(case, exercise, kwargs, args, context):
    lesson = _lesson_of(kwargs, args, context)
    return _assigned(case, exercise, context.path, {"lesson": lesson}, "-") if lesson else []


# What each widget or view shows, by the name it is called with in a lesson. A call not listed shows only its own
# few words (buttons, a name box), which the model leaves out.
WIDGETS = {
    "ArticleView": _article_view,
    "FreeResponse": _free_response,
    "SkillsCheck": _skills_check,
    "LateralReading": _lateral_reading,
    "WarmUp": _warm_up,
    "ExitTicket": _exit_ticket,
    "FactOpinionSorter": _sentence_exercise("fact_opinion"),
    "ActorTagger": _sentence_exercise("actors"),
    "FramingFinder": _sentence_exercise("framing"),
    "ClaimMarker": _claim_marker,
    "ClaimFinder": _sentence_exercise("claims"),
    "VerdictBeforeAfter": _verdicts_before_after,
    "label_key": _key_words(lambda case, kw, a, c: [case.sentence(i).rationale or ""
                                                    for i in _assigned_in(case, "fact_opinion", kw, a, c)]),
    "claim_key": _key_words(lambda case, kw, a, c: [cl.text for cl in case.claims
                                                    if cl.sentence_id in _assigned_in(case, "claims", kw, a, c)]),
    "framing_key": _key_words(lambda case, kw, a, c: [f.explanation for f in case.framing
                                                      if f.sentence_id in _assigned_in(case, "framing", kw, a, c)]),
    "verdict_key": _key_words(lambda case, kw, a, c: [_claim(case, i).note or ""
                                                      for i in _assigned_in(case, "verdicts", kw, a, c)]),
    "actor_key": _key_words(lambda case, kw, a, c: [f"{actor.name} {actor.kind} {actor.role or ''}"
                                                    for actor in case.actors]),
}


@functools.lru_cache(maxsize=None)
def _seed_case(case_id: str):
    """A seed case, built once per process: every pass over every lesson names the same few (a Case is frozen)."""
    return seed_case(case_id)


def _run_code(step: StepTime | None, source: str, context: _Context, seen: set) -> None:
    """Read one code cell: remember the cases and strings it defines, and add what its widgets show to `step`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value = node.targets[0].id, node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                context.strings[name] = value.value
            elif isinstance(value, ast.Call) and _call_name(value) in ("seed_case", "load_case", "case_from_text"):
                argument = context.value(value.args[0]) if value.args else None
                if isinstance(argument, str):
                    maker = {"seed_case": _seed_case, "load_case": load_case,
                             "case_from_text": case_from_text}[_call_name(value)]
                    try:
                        context.cases[name] = maker(argument)
                    except Exception:  # noqa: BLE001 - a case the model cannot build shows no words
                        pass
    if step is None:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in WIDGETS:
            kwargs = {k.arg: context.value(k.value) for k in node.keywords if k.arg}
            WIDGETS[_call_name(node)](step, context, node.args, kwargs, seen)
            step.calls.append((_call_name(node), tuple(context.value(a) for a in node.args), kwargs))


def step_times(notebook: str | Path, path: str, steps: list, take=None, seen: set | None = None) -> dict:
    """{heading: StepTime} for the lesson's steps on `path` ("short" or "full").

    `steps` are the headings that start a step, in order; a section whose heading is not one of them (Overview,
    Summary) belongs to the step before it (the first step for the sections before any step). Only the steps in
    `take` (default: all) are counted; the others still run their code cells, so that later cells know the cases.
    Items in `seen` ((case id, exercise, item id): answered in an earlier step) are not asked again, and the items
    counted here are added to it.
    """
    notebook = Path(notebook)
    found = sections(notebook)
    present = [section.heading for section in found]
    missing = [heading for heading in steps if heading not in present]
    if missing:
        raise TimeModelError(f"{notebook.name} has no heading '## {missing[0]}' (its headings: "
                             f"{'; '.join(h for h in present if h)}).")
    seen = set() if seen is None else seen
    take = set(steps) if take is None else set(take)
    times = {heading: StepTime(notebook.name, heading) for heading in steps if heading in take}
    context = _Context(notebook.name, path)
    current = steps[0]
    for section in found:
        if section.heading in steps:
            current = section.heading
        step = times.get(current)
        if step is not None:
            step.words += sum(words(text) for text in section.markdown)
        for source, printed in section.code:
            if step is not None:
                step.words += words(printed)
            _run_code(step, source, context, seen)
    return times


def extra_items(full: StepTime, short: StepTime) -> StepTime:
    """What the full path asks in a step beyond the short path: the extra items and their sentences' words."""
    items = {kind: full.items.get(kind, 0) - short.items.get(kind, 0) for kind in full.items}
    return StepTime(full.lesson, full.heading, max(full.words - short.words, 0),
                    {kind: count for kind, count in items.items() if count > 0})


# --- Lessons ---------------------------------------------------------------------------------------------------

def raw_plan(notebook: str | Path) -> dict:
    """The plan in a lesson's metadata as stored (no checks: its minutes may be the stale ones being recomputed)."""
    return json.loads(Path(notebook).read_text(encoding="utf-8"))["metadata"][METADATA_KEY]


def step_headings(plan: dict) -> list:
    """The headings that start the lesson's steps, in order (a full-path-items row adds none)."""
    return list(dict.fromkeys(step["title"] for step in plan["steps"] if step.get("only") != FULL_PATH_ITEMS))


def lesson_rows(notebooks) -> dict:
    """{notebook name: [StepTime per row of its plan's steps]}, for a student taking the lessons in order.

    A short-path row counts what the short path asks; another row what the full path asks; a full-path-items row
    only what the full path adds to its step. Items answered in an earlier lesson (lesson 8 shows lesson 4's
    sentences again) are not counted twice."""
    seen_short, seen_full, rows = set(), set(), {}
    for notebook in notebooks:
        plan = raw_plan(notebook)
        if not plan.get("steps"):
            continue
        headings = step_headings(plan)
        short_take = [s["title"] for s in plan["steps"] if s["short"] and s.get("only") != FULL_PATH_ITEMS]
        short = step_times(notebook, "short", headings, short_take, seen_short)
        full = step_times(notebook, "full", headings, None, seen_full)
        result = []
        for step in plan["steps"]:
            title = step["title"]
            if step.get("only") == FULL_PATH_ITEMS:
                baseline = short.get(title) or step_times(notebook, "short", headings, [title], set())[title]
                result.append(extra_items(full[title], baseline))
            else:
                result.append(short[title] if step["short"] else full[title])
        rows[Path(notebook).name] = result
    return rows


def plan_minutes(plan: dict, times: list) -> dict:
    """The minutes fields of a lesson's plan, from the StepTimes of its rows: each step's minutes, teaching (steps
    that ask nothing), exercises (steps that ask items) and the short path."""
    steps = [{**step, "minutes": time.minutes} for step, time in zip(plan["steps"], times)]
    return {"steps": steps,
            "teaching_minutes": sum(t.minutes for t in times if not t.items),
            "exercise_minutes": sum(t.minutes for t in times if t.items),
            "short_path_minutes": sum(s["minutes"] for s in steps if s["short"])}
