"""Class plans made from the time model: ``python -m widgets plan --periods N --minutes M [--json]``.

The steps each period takes come from data (widgets/core/data/class_plans.yaml: lessons, steps added or dropped, the
discussion prompts); their minutes from the time model (widgets/core/timing.py: the words read, the items answered).
Every period opens with logging in, and ends with a discussion of 2-3 named prompts and the hand-in; the
discussion gets the minutes left over, and a period whose steps leave less than the model's minimum for it is
refused with one sentence (PlanError). Pure: reads the lessons and the data, never imports ipywidgets.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from widgets.core import schemas, timing

DATA_FILE = Path(__file__).resolve().parent / "data" / "class_plans.yaml"
SCHEMA_NAME = "class_plans"
PATH = "short"                      # a class follows the short path: what the plan assigns
DISCUSSION_HEADING = "Discussion questions"
QUESTION = re.compile(r"^(\d+)\.\s+(.*?)(?=^\d+\.\s|\Z)", re.MULTILINE | re.DOTALL)
LOG_IN_FIRST = "Log in (or start Binder) and open lesson 0."
LOG_IN_LATER = ("Log in and open the next lesson. On Binder, first upload the file saved last period: lesson 0, "
                "Upload my work.")
HAND_IN = ("Hand in what is done (lesson 7, step 4: Hand in my work); on Binder, also press Download all my work "
           "and keep the file. Collect the hand-in files.")
HAND_IN_LAST = "Collect the hand-in files (students pressed Hand in my work in lesson 7)."
DISCUSSION = "Whole class: judge alone first, then compare in pairs, then discuss:"


class PlanError(ValueError):
    """The plan cannot be made (the message is one sentence saying why)."""


@dataclass
class Block:
    """One row of a period: a lesson step, or a fixed block (log in, discussion, hand in)."""
    kind: str                       # "step", "log-in", "discussion", "hand-in"
    minutes: int
    what: str = ""
    lesson: str | None = None
    heading: str | None = None
    words: int = 0
    items: dict = field(default_factory=dict)
    prompts: list = field(default_factory=list)     # of {"lesson", "question", "text"}
    calls: list = field(default_factory=list)       # (widget, arguments, keywords) the step shows (timing.StepTime)

    def as_dict(self) -> dict:
        data = {"kind": self.kind, "minutes": self.minutes}
        if self.kind == "step":
            data.update(lesson=self.lesson, heading=self.heading, words=self.words, items=dict(self.items))
        else:
            data["what"] = self.what
        if self.prompts:
            data["prompts"] = list(self.prompts)
        return data


@dataclass
class Period:
    number: int
    length: int
    blocks: list

    @property
    def minutes(self) -> int:
        return sum(block.minutes for block in self.blocks)

    def as_dict(self) -> dict:
        return {"period": self.number, "length": self.length, "minutes": self.minutes,
                "steps": [block.as_dict() for block in self.blocks]}


@functools.lru_cache(maxsize=None)
def spec() -> dict:
    return schemas.load_checked_yaml(SCHEMA_NAME, DATA_FILE, PlanError)[0]


def discussion_questions(notebook: str | Path) -> dict:
    """{number: question text} of the lesson's numbered discussion questions."""
    for section in timing.sections(notebook):
        if section.heading == DISCUSSION_HEADING:
            text = "".join(section.markdown)
            return {int(n): " ".join(q.split()) for n, q in QUESTION.findall(text)}
    return {}


def _lesson_blocks(entry: dict, lessons: Path, seen: set) -> list[Block]:
    notebook = lessons / entry["lesson"]
    if not notebook.is_file():
        raise PlanError(f"The class plan names {entry['lesson']}, which is not a lesson in {lessons}.")
    plan = timing.raw_plan(notebook)
    headings = timing.step_headings(plan)
    take = [s["title"] for s in plan["steps"] if s["short"] and s.get("only") != timing.FULL_PATH_ITEMS]
    for heading in entry.get("add", []) + entry.get("drop", []):
        if heading not in headings:
            raise PlanError(f"The class plan names the step '{heading}', which is not a step of {entry['lesson']}.")
    take = [h for h in headings if (h in take or h in entry.get("add", [])) and h not in entry.get("drop", [])]
    times = timing.step_times(notebook, PATH, headings, take, seen)
    return [Block("step", times[h].minutes, f"{plan['title']}: {h}", entry["lesson"], h, times[h].words,
                  dict(times[h].items), calls=list(times[h].calls)) for h in take]


def make_plan(periods: int, minutes: int, lessons: str | Path | None = None) -> list[Period]:
    """The plan for `periods` class periods of `minutes` each; PlanError (one sentence) when it cannot fit."""
    lessons = Path(lessons) if lessons is not None else timing.lessons_dir()
    chosen = [p for p in spec()["plans"] if p["periods"] == periods]
    if not chosen:
        have = sorted(p["periods"] for p in spec()["plans"])
        raise PlanError(f"The kit has class plans for {' or '.join(map(str, have))} periods, not {periods}; add one "
                        f"to {DATA_FILE.name}.")
    if len(chosen[0]["periods_plan"]) != periods:
        raise PlanError(f"The {periods}-period plan in {DATA_FILE.name} lists {len(chosen[0]['periods_plan'])} "
                        "periods.")
    blocks_rates = timing.rates()["blocks"]
    seen: set = set()
    result = []
    for number, period in enumerate(chosen[0]["periods_plan"], 1):
        blocks = [Block("log-in", blocks_rates["log_in_first" if number == 1 else "log_in_later"],
                        LOG_IN_FIRST if number == 1 else LOG_IN_LATER)]
        for entry in period["lessons"]:
            blocks += _lesson_blocks(entry, lessons, seen)
        hand_in = Block("hand-in", blocks_rates["hand_in"], HAND_IN_LAST if number == periods else HAND_IN)
        left = minutes - sum(b.minutes for b in blocks) - hand_in.minutes
        if left < blocks_rates["discussion_minimum"]:
            raise PlanError(f"Period {number} of {periods} does not fit {minutes} minutes: its steps, logging in and "
                            f"the hand-in take {minutes - left} minutes, leaving {left} for the discussion, which "
                            f"needs at least {blocks_rates['discussion_minimum']}.")
        prompts = []
        for prompt in period["discussion"]:
            questions = discussion_questions(lessons / prompt["lesson"])
            if prompt["question"] not in questions:
                raise PlanError(f"The class plan names discussion question {prompt['question']} of "
                                f"{prompt['lesson']}, which has {len(questions)}.")
            prompts.append({"lesson": prompt["lesson"], "question": prompt["question"],
                            "text": questions[prompt["question"]]})
        blocks += [Block("discussion", left, DISCUSSION, prompts=prompts), hand_in]
        result.append(Period(number, minutes, blocks))
    return result


def plan_json(periods: list[Period]) -> dict:
    rates = timing.rates()
    return {"format": "fprl-class-plan", "periods": len(periods), "minutes": periods[0].length if periods else 0,
            "words_per_minute": rates["words_per_minute"], "plan": [p.as_dict() for p in periods]}


def plan_text(periods: list[Period]) -> str:
    """The plan as a plain-text table (the command's output without --json)."""
    lines = []
    for period in periods:
        lines.append(f"Period {period.number}: {period.minutes} of {period.length} minutes")
        clock = 0
        for block in period.blocks:
            what = block.what if block.kind != "step" else f"{block.lesson}  {block.heading}"
            lines.append(f"  {clock:>3}-{clock + block.minutes:<3} {what}")
            for prompt in block.prompts:
                lines.append(f"           - ({prompt['lesson']}, question {prompt['question']}) {prompt['text']}")
            clock += block.minutes
        lines.append("")
    return "\n".join(lines)
