"""The skills check: its three forms (data files), their rules, who takes which form when, and grading (pure: no
ipywidgets).

Each form (widgets/core/data/skills_check/a.yaml, b.yaml, c.yaml; schema widgets/core/schemas/skills_check.schema.json) has
ten Pew-style statements (five factual, five opinion, five appealing more to the left and five to the right) and two
sentences from a short unseen paragraph (transfer). A student meets the check three times (MOMENTS): before the
lessons, after them, and a few weeks later. Forms A and B are counterbalanced: ``first_form(name)`` (a hash of the
name) says which one a student takes before, and they take the other after; the delayed check is always form C. The
form taken is saved with the answers (item FORM_ITEM).

An answer is ``{"label": "fact" | "opinion"}``. Whether the student agrees with a statement is never saved: the
question is off unless an instructor turns it on, and then it stays in the kernel, for the "did agreeing sway you?"
line only. A form is committed as a whole (item COMMITTED in the saved answers); only then does the student see
the key.

Scoring follows the Pew Research Center's 2018 study: a statement left unanswered counts as wrong, and the headline
measure is whether a person classified all five factual (or all five opinion) statements correctly.
"""
from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from widgets.core import schemas
from widgets.core.grading.results import Grade, ItemFeedback, Match, Status
from widgets.core.grading.spec import COMMITTED, ONCE_COMMITTED  # noqa: F401  (COMMITTED: the item that commits a form)
from widgets.core.students import student_key  # the one rule for who a name means

from widgets.core.grading.spec import ExerciseSpec  # noqa: F401  (COMMITTED: commits a form)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "skills_check"
SCHEMA = "skills_check"             # widgets/core/schemas/skills_check.schema.json
FORMS = ("A", "B", "C")
MOMENTS = ("pre", "post", "delayed")
MOMENT_TITLES = {"pre": "Skills check (before)", "post": "Skills check (after)",
                 "delayed": "Skills check (a few weeks later)"}
EXERCISES = {"pre": "skills_pre", "post": "skills_post", "delayed": "skills_delayed"}   # moment -> key in the save
WORK_CASE = "skills-check"      # the work file <student>__skills-check.json holds every moment (they fit every case)
# One spec per moment. Every answer of a form is final once its item COMMITTED ("_committed") is True
# (widgets.core.work_format.merge_work). Graded by form (grade_form), so not through the registry: the class report has
# its own section and gradebook columns for it (widgets/classroom/practice.py).
SPECS = tuple(ExerciseSpec(EXERCISES[moment], MOMENT_TITLES[moment], "statements", None, final=ONCE_COMMITTED,
                           scored=False, feedback="form", report="skills") for moment in MOMENTS)
FORM_ITEM = "_form"             # saved item: the form (A, B or C) the student took at that moment
LABELS = ("fact", "opinion")
AGREEMENT = ("agree", "disagree", "unsure", "prefer-not")
AGREEMENT_TEXT = {"agree": "I agree", "disagree": "I disagree", "unsure": "Not sure",
                  "prefer-not": "Prefer not to say"}
# The instructor's switch for the agreement question (off unless set to one of ON_WORDS); SkillsCheck(...,
# ask_agreement=True) turns it on for one notebook.
AGREEMENT_SWITCH = "KIT_ASK_AGREEMENT"
ON_WORDS = ("1", "on", "yes", "true")


def first_form(name: str) -> str:
    """The form (A or B) a student takes first, fixed by a hash of their normalised name, so that about half a class
    takes each first and the gain can be adjusted for the forms' difficulty. The other form comes after."""
    return "AB"[int(student_key(name), 16) % 2]


def form_for(moment: str, name: str, taken_before: str | None = None) -> str:
    """The form a student takes at a moment: their first form before, the other one after, form C a few weeks
    later. ``taken_before``: the form saved for "pre", if any; "post" is then its other form, whatever the name's
    hash says (a file from before counterbalancing holds form A)."""
    if moment not in MOMENTS:
        raise ValueError(f"The skills check is taken {', '.join(MOMENTS)}, not {moment!r}.")
    if moment == "delayed":
        return "C"
    first = taken_before if taken_before in ("A", "B") else first_form(name)
    return first if moment == "pre" else "BA"["AB".index(first)]


def unnamed_form(moment: str) -> str:
    """The form of a moment when no name decides it: A before, B after, C later (files from before
    counterbalancing, the printed packet, the time model: the forms are of one length)."""
    return {"pre": "A", "post": "B", "delayed": "C"}[moment]


def saved_form(moment: str, answers: dict) -> str:
    """The form a saved set of answers was taken on: the saved FORM_ITEM, else (files from before counterbalancing,
    when the first form was always A) ``unnamed_form``."""
    form = answers.get(FORM_ITEM)
    return form if form in FORMS else unnamed_form(moment)


def agreement_asked(ask=None) -> bool:
    """Whether the agreement question is shown: ``ask`` if given, else the instructor's switch (off by default)."""
    return bool(ask) if ask is not None else os.environ.get(AGREEMENT_SWITCH, "").strip().lower() in ON_WORDS

# Pew Research Center (2018): share of 5,035 U.S. adults who classified all five factual / all five opinion
# statements correctly.
PEW_ALL_FACTS = 0.26
PEW_ALL_OPINIONS = 0.35
PEW_CITATION = ("Pew Research Center, 2018, “Distinguishing Between Factual and Opinion Statements in the News”, "
                "https://www.pewresearch.org/journalism/2018/06/18/"
                "distinguishing-between-factual-and-opinion-statements-in-the-news/")


class SkillsFormError(ValueError):
    """A form's data file is broken; the message names the file and the field."""


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    label: str
    rationale: str
    appeals_to: str | None = None    # None for the transfer sentences
    sources: tuple = ()
    transfer: bool = False


@dataclass(frozen=True)
class Form:
    form: str
    title: str
    statements: tuple               # of Statement (the ten)
    passage: str
    passage_sources: tuple
    transfer: tuple                 # of Statement (the two transfer sentences)

    @property
    def items(self) -> tuple:
        return tuple(s.id for s in self.statements + self.transfer)

    def item(self, item_id: str) -> Statement:
        for statement in self.statements + self.transfer:
            if statement.id == item_id:
                return statement
        raise KeyError(item_id)

    @property
    def exercise(self) -> str:
        return EXERCISES[self.form]


def form_problems(data, name: str = "form", lines: dict | None = None) -> list[str]:
    """Everything wrong with a form's data (schema, then the rules across items), each naming the field (and its
    line, where ``lines`` knows it), in the schema layer's words."""
    problems = [str(problem) for problem in schemas.check(SCHEMA, data, name, lines)]
    if problems:
        return problems
    statements = data["statements"]
    ids = [s["id"] for s in statements] + [t["id"] for t in data["transfer"]]
    if len(set(ids)) != len(ids):
        problems.append(f"{name}: ids must be unique, got {', '.join(ids)}")
    counts = {(label, side): 0 for label in LABELS for side in ("left", "right")}
    for statement in statements:
        counts[statement["label"], statement["appeals_to"]] += 1
    facts = counts["fact", "left"] + counts["fact", "right"]
    if facts != 5:
        problems.append(f"{name}: statements: need five factual and five opinion statements, got {facts} factual")
    left = counts["fact", "left"] + counts["opinion", "left"]
    if left != 5:
        problems.append(f"{name}: statements: need five appealing to the left and five to the right, got {left} left")
    passage = " ".join(data["passage"]["text"].split())
    for number, item in enumerate(data["transfer"]):
        if " ".join(item["text"].split()) not in passage:
            problems.append(f"{name}: transfer.{number}.text: not found word for word in passage.text")
    if sorted(t["label"] for t in data["transfer"]) != ["fact", "opinion"]:
        problems.append(f"{name}: transfer: one transfer sentence should be factual and one opinion")
    return problems


def balance(form: Form) -> dict:
    """{(label, appeals_to): count} over the ten statements."""
    counts = {}
    for s in form.statements:
        counts[s.label, s.appeals_to] = counts.get((s.label, s.appeals_to), 0) + 1
    return counts


def parallel_problems(pre: Form, post: Form) -> list[str]:
    """Why the two forms are not parallel (same mix of labels and appeal, same number of transfer items)."""
    problems = []
    if balance(pre) != balance(post):
        problems.append(f"the forms differ in their mix of labels and appeal: pre {balance(pre)}, post {balance(post)}")
    if [t.label for t in pre.transfer] != [t.label for t in post.transfer]:
        problems.append("the forms' transfer sentences should have the same labels in the same order")
    texts = {s.text for s in pre.statements} & {s.text for s in post.statements}
    if texts:
        problems.append(f"the forms share statements: {sorted(texts)}")
    return problems


@functools.lru_cache(maxsize=None)
def load_form(form: str) -> Form:
    """Form A, B or C, validated. Raises SkillsFormError naming the file and field."""
    if form not in FORMS:
        raise ValueError(f"The skills check has the forms {', '.join(FORMS)}, not {form!r}.")
    path = DATA_DIR / f"{form.lower()}.yaml"
    data, lines = schemas.load_checked_yaml(SCHEMA, path, SkillsFormError)
    problems = form_problems(data, str(path), lines)
    if not problems and data["form"] != form:
        problems.append(f"{path}: form: says {data['form']!r}, expected {form!r}")
    if problems:
        raise SkillsFormError("\n".join(problems))

    def statement(item, transfer=False):
        return Statement(id=item["id"], text=" ".join(item["text"].split()), label=item["label"],
                         rationale=" ".join(item["rationale"].split()), appeals_to=item.get("appeals_to"),
                         sources=tuple(item.get("sources", ())), transfer=transfer)

    return Form(form=form, title=data["title"], statements=tuple(statement(s) for s in data["statements"]),
                passage=" ".join(data["passage"]["text"].split()), passage_sources=tuple(data["passage"]["sources"]),
                transfer=tuple(statement(t, transfer=True) for t in data["transfer"]))


def normalise_answer(form: Form, item_id: str, value) -> dict:
    """Check one answer and return what may be saved: {"label": fact|opinion}. An "agree" in the value (a file from
    an older kit) is dropped, never kept. Raises ValueError in plain words."""
    if item_id not in form.items:
        raise ValueError(f"{item_id!r} is not an item of form {form.form}: {', '.join(form.items)}.")
    if not isinstance(value, dict) or set(value) - {"label", "agree"}:
        raise ValueError("An answer is {'label': 'fact' or 'opinion'}.")
    label = value.get("label")
    if label not in LABELS:
        raise ValueError("Choose fact or opinion.")
    return {"label": label}


def without_agreement(answers: dict) -> dict:
    """Saved answers with any agreement value removed (files written by an older kit held one per statement)."""
    return {item: ({k: v for k, v in value.items() if k != "agree"} if isinstance(value, dict) else value)
            for item, value in answers.items()}


@dataclass
class ItemResult:
    id: str
    status: str                 # right / wrong / unanswered
    given: str | None           # the student's label
    key: str
    agree: str | None


@dataclass
class ErrorLean:
    """Pew found that people misfile statements they disagree with. Errors among statements the student disagreed
    with, beside errors among those they agreed with (the ten statements; "not sure" left out)."""
    errors_disagreed: int = 0
    disagreed: int = 0
    errors_agreed: int = 0
    agreed: int = 0

    @property
    def leaning(self) -> str:
        """'toward disagreed', 'toward agreed', 'even', 'no errors' or 'not enough answers'."""
        if not self.errors_disagreed and not self.errors_agreed:
            return "no errors" if self.disagreed + self.agreed else "not enough answers"
        if not self.disagreed or not self.agreed:
            return "not enough answers"
        rate_d, rate_a = self.errors_disagreed / self.disagreed, self.errors_agreed / self.agreed
        if abs(rate_d - rate_a) < 1e-9:
            return "even"
        return "toward disagreed" if rate_d > rate_a else "toward agreed"

    def describe(self) -> str:
        return (f"misfiled {self.errors_disagreed} of {self.disagreed} statements disagreed with, "
                f"{self.errors_agreed} of {self.agreed} agreed with ({self.leaning})")


@dataclass
class SkillsResult:
    form: str                           # the form taken: A, B or C
    committed: bool
    answered: int
    total: int                          # 12 items
    facts_right: int = 0                # of 5
    opinions_right: int = 0             # of 5
    transfer_right: int = 0             # of 2
    items: dict = field(default_factory=dict)    # id -> ItemResult
    lean: ErrorLean = field(default_factory=ErrorLean)

    @property
    def correct(self) -> int:
        return self.facts_right + self.opinions_right + self.transfer_right

    @property
    def all_facts(self) -> bool:
        """Pew's rule: all five factual statements classified correctly (a skipped one counts as wrong)."""
        return self.facts_right == 5

    @property
    def all_opinions(self) -> bool:
        return self.opinions_right == 5


def grade_form(form: Form, answers: dict, agreement: dict | None = None) -> SkillsResult:
    """Grade saved answers {item_id: {"label"}, COMMITTED: True}. Unreadable or missing answers count as wrong
    (Pew's rule for skipped items). ``agreement`` ({item_id: agree|disagree|unsure|prefer-not}, held in the session
    only, never saved) gives the "did agreeing sway you?" figures."""
    agreement = agreement or {}
    result = SkillsResult(form=form.form, committed=answers.get(COMMITTED) is True, answered=0,
                          total=len(form.items))
    for statement in form.statements + form.transfer:
        try:
            value = None if statement.id not in answers else normalise_answer(form, statement.id, answers[statement.id])
        except ValueError:
            value = None
        given = value["label"] if value else None
        agree = agreement.get(statement.id) if value else None
        status = "unanswered" if value is None else ("right" if given == statement.label else "wrong")
        result.items[statement.id] = ItemResult(statement.id, status, given, statement.label, agree)
        result.answered += value is not None
        right = status == "right"
        if statement.transfer:
            result.transfer_right += right
            continue
        if statement.label == "fact":
            result.facts_right += right
        else:
            result.opinions_right += right
        if agree == "disagree":
            result.lean.disagreed += 1
            result.lean.errors_disagreed += status == "wrong"
        elif agree == "agree":
            result.lean.agreed += 1
            result.lean.errors_agreed += status == "wrong"
    return result


def skills_grade(form: Form, result: SkillsResult, exercise: str) -> Grade:
    """The protocol Grade of a graded form: one ItemFeedback per statement (an unanswered one counts as wrong);
    `exercise`: the moment's key in the save file (EXERCISES)."""
    grade = Grade(result.correct, result.total, unit="statements", points=float(result.correct),
                  answered=result.answered)
    for statement in form.statements + form.transfer:
        item = result.items[statement.id]
        status = Status.WRONG if item.status == "unanswered" else Status(item.status)
        part = Match(key_id=statement.id, key_text=statement.text, key_choice=statement.label, choice=item.given or "",
                     status=status, why=statement.rationale, key_phrases=tuple(statement.sources))
        grade.items[statement.id] = ItemFeedback(status == Status.RIGHT, float(status == Status.RIGHT), status,
                                                 kind=exercise, matched=(part,), answer=item.given)
    return grade


# Two-sided 95% points of Student's t distribution by degrees of freedom (a class is small; no scipy needed).
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
        11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
        20: 2.086, 22: 2.074, 24: 2.064, 26: 2.056, 28: 2.048, 30: 2.042, 40: 2.021, 60: 2.000, 120: 1.980}


def t95(df: int) -> float:
    """The 95% two-sided t value for ``df`` degrees of freedom (the next smaller tabled df: a slightly wider
    interval, never a narrower one); 1.96 beyond the table."""
    tabled = [d for d in _T95 if d <= df]
    return _T95[max(tabled)] if df <= 120 else 1.96


@dataclass
class GainEstimate:
    """The class's mean gain (after minus before), adjusted for form when both orders were taken."""
    gain: float | None                  # None: no student has both
    low: float | None = None            # 95% interval, None when it cannot be computed (too few students)
    high: float | None = None
    students: int = 0
    orders: dict = field(default_factory=dict)       # 'AB'/'BA' -> (students, mean gain)
    adjusted: bool = False              # True: the mean of the two orders' means, so form difficulty cancels

    def describe(self) -> str:
        if self.gain is None:
            return "Gain: needs students with both the before and the after form."
        interval = (f", 95% interval {self.low:+.1f} to {self.high:+.1f}" if self.low is not None
                    else ", too few students for an interval")
        orders = "; ".join(f"{order[0]} then {order[1]}: {n} students, mean gain {mean:+.1f}"
                           for order, (n, mean) in sorted(self.orders.items()))
        how = ("adjusted for form: the mean of the two orders' mean gains, so a harder or easier form does not "
               "count as learning" if self.adjusted else
               "not adjusted for form: every student took the forms in the same order, so part of it may be the "
               "difference between the forms")
        return f"Class gain {self.gain:+.1f} of 12{interval} ({self.students} students; {how}). {orders}."


def adjusted_gain(pairs) -> GainEstimate:
    """``pairs``: (order 'AB' or 'BA', gain) per student with both forms. With both orders, the gain is the mean
    of the two orders' means (each form's difficulty then counts once with each sign) and its interval uses the
    pooled variance; with one order, the plain mean and its interval."""
    groups = {}
    for order, gain in pairs:
        groups.setdefault(order, []).append(gain)
    n = sum(len(g) for g in groups.values())
    if not n:
        return GainEstimate(None)
    means = {order: sum(g) / len(g) for order, g in groups.items()}
    orders = {order: (len(groups[order]), means[order]) for order in groups}
    adjusted = set(groups) == {"AB", "BA"}      # anything else (one order, or a same-form pair): the plain mean
    if adjusted:
        squares = sum((x - means[order]) ** 2 for order, g in groups.items() for x in g)
        gain, df = sum(means.values()) / 2, n - 2
        spread = math.sqrt(squares / df) * 0.5 * math.sqrt(sum(1 / len(g) for g in groups.values())) if df else None
    else:
        gain = sum(x for g in groups.values() for x in g) / n
        squares = sum((x - gain) ** 2 for g in groups.values() for x in g)
        df = n - 1
        spread = math.sqrt(squares / df / n) if df else None
    estimate = GainEstimate(gain, students=n, orders=orders, adjusted=adjusted)
    if spread is not None:
        estimate.low, estimate.high = gain - t95(df) * spread, gain + t95(df) * spread
    return estimate
