"""Practise, then measure: the class report's sections for the skills check (before, after and weeks later, each
statement's share right, the class gain adjusted for form with an interval, Pew's figures; never agreement),
lateral-reading findings, framing precision and recall, verdicts before → after evidence, and
written answers; and the gradebook's skills-check columns.

Pure computation from the accepted hand-ins (no ipywidgets), plus the rows the report's section templates
(widgets/core/render/templates/report_{skills,lateral,framing,verdict_moves,written}.html.j2) show, one builder per
section (widgets/classroom/report.py's REPORT_SECTIONS picks them by the specs' ``report`` style); the templates
escape every piece of text from a file. The report page stays self-contained: students' web addresses are shown as
text, never as links.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widgets.core.grading import framing as framing_grading
from widgets.classroom.rubrics import written_tasks
from widgets.core.grading import lateral, skills
from widgets.core.grading.responses import KEY as RESPONSES, MAX_CHARS
from widgets.core.grading.verdict_moves import AFTER, BEFORE, class_moves, student_moves
from widgets.core.render import render
from widgets.core.text import percent


# Every list the page shows per student (written answers, lateral findings, key views opened) has at most this many
# entries, and a written answer at most the answer box's characters: a hand-edited hand-in cannot swell the page.
MAX_LISTED = 20


def _share(count, total):
    return count / total if total else None


# ---------------------------------------------------------------------------------------------- computation

@dataclass
class StudentPractice:
    student: str
    pre: skills.SkillsResult | None = None
    post: skills.SkillsResult | None = None
    delayed: skills.SkillsResult | None = None
    framing: framing_grading.FramingResult | None = None
    moves: list = field(default_factory=list)            # of verdict_moves.Move
    findings: list = field(default_factory=list)         # of (question id, url, finding)
    self_checks: dict = field(default_factory=dict)      # question id -> level id
    responses: dict = field(default_factory=dict)        # question key -> text (cut at MAX_CHARS)
    not_listed: int = 0                                  # findings and written answers beyond MAX_LISTED

    @property
    def gain(self) -> int | None:
        if self.pre is None or self.post is None:
            return None
        return self.post.correct - self.pre.correct

    @property
    def order(self) -> str | None:
        """'AB' or 'BA': the forms taken before and after, when both were handed in."""
        return None if self.pre is None or self.post is None else self.pre.form + self.post.form


@dataclass
class PracticeResults:
    students: list                                       # of StudentPractice, in the report's order
    claim_moves: list                                    # of verdict_moves.ClaimMoves
    has_key: bool

    def with_form(self, form: str) -> list:
        return [s for s in self.students if getattr(s, form) is not None]

    def all_share(self, form: str, kind: str):
        """Share of students with this form who got all five facts (kind 'facts') or opinions right (Pew's rule)."""
        done = self.with_form(form)
        attribute = "all_facts" if kind == "facts" else "all_opinions"
        return _share(sum(getattr(getattr(s, form), attribute) for s in done), len(done))

    def mean(self, form: str):
        done = self.with_form(form)
        return sum(getattr(s, form).correct for s in done) / len(done) if done else None

    @property
    def gains(self) -> list:
        return [s.gain for s in self.students if s.gain is not None]

    @property
    def mean_gain(self):
        return sum(self.gains) / len(self.gains) if self.gains else None

    def adjusted_gain(self) -> "skills.GainEstimate":
        """The class gain adjusted for form (the mean of the two orders' mean gains), with a 95% interval."""
        return skills.adjusted_gain([(s.order, s.gain) for s in self.students if s.gain is not None])

    def statement_rows(self) -> list:
        """One (form, item, key, right before, taken before, right after, taken after, right later, taken later) per
        statement of every form, over the committed or handed-in forms."""
        tally = Counter()
        for s in self.students:
            for moment in skills.MOMENTS:
                result = getattr(s, moment)
                for item in (result.items.values() if result is not None else ()):
                    tally[result.form, item.id, moment, "taken"] += 1
                    tally[result.form, item.id, moment, "right"] += item.status == "right"
        rows = []
        for letter in skills.FORMS:
            form = skills.load_form(letter)
            for statement in form.statements + form.transfer:
                counts = [tally[letter, statement.id, moment, what] for moment in skills.MOMENTS
                          for what in ("right", "taken")]
                if any(counts):
                    rows.append((letter, statement, *counts))
        return rows


def _skills_result(submission, moment):
    answers = submission.answers(skills.EXERCISES[moment])
    if not answers:
        return None
    return skills.grade_form(skills.load_form(skills.saved_form(moment, answers)), answers)


def cut_answer(text: str) -> str:
    """A written answer as the page shows it: at most MAX_CHARS characters (the answer box's limit), saying so."""
    if len(text) <= MAX_CHARS:
        return text
    return f"{text[:MAX_CHARS]} […cut here: the hand-in holds {len(text):,} characters; the answer box takes " \
           f"{MAX_CHARS:,}]"


def practice_results(case, contents) -> PracticeResults:
    """Everything the practice sections show, from the accepted hand-ins of `contents` (a FolderContents)."""
    has_key = bool(case is not None and case.has_key)
    students, pairs = [], []
    for submission in contents.accepted:
        row = StudentPractice(submission.student)
        row.pre, row.post, row.delayed = (_skills_result(submission, moment) for moment in skills.MOMENTS)
        if case is not None:
            framing_answers = submission.answers(framing_grading.EXERCISE)
            known = {s.id for s in case.sentences}
            if framing_answers:
                row.framing = framing_grading.grade_framing(
                    case, {k: v for k, v in framing_answers.items() if k in known}, items=None)
            before, after = submission.answers(BEFORE), submission.answers(AFTER)
            if after:
                row.moves = student_moves(case, before, after)
                pairs.append((before, after))
        for question_id, value in submission.answers(lateral.EXERCISE).items():
            try:
                finding = lateral.normalise_finding(value)
            except ValueError:
                continue
            row.findings.append((question_id, finding["url"], finding["finding"]))
        row.self_checks = {k: v for k, v in submission.answers(lateral.SELF_CHECK).items() if isinstance(v, str)}
        written = [(k, v) for k, v in submission.answers(RESPONSES).items() if isinstance(v, str) and v.strip()]
        row.not_listed = max(0, len(row.findings) - MAX_LISTED) + max(0, len(written) - MAX_LISTED)
        row.findings = row.findings[:MAX_LISTED]
        row.responses = {k: cut_answer(v) for k, v in written[:MAX_LISTED]}
        students.append(row)
    moves = class_moves(case, pairs) if case is not None and has_key else []
    return PracticeResults(students, moves, has_key)


# ---------------------------------------------------------------------------------------------- gradebook

def class_practice(results) -> PracticeResults:
    """`practice_results` of a ClassResults, computed once per report: the gradebook, the items CSV and the page
    all read it."""
    cached = vars(results).get("_practice")
    if cached is None:
        cached = vars(results)["_practice"] = practice_results(getattr(results, "case", None), results.contents)
    return cached


GRADEBOOK_COLUMNS = ("skills check before (of 12)", "skills check after (of 12)", "skills check gain",
                     "skills check weeks later (of 12)", "skills check forms")


def extend_gradebook(results, rows: list) -> list:
    """Add the skills-check columns to the gradebook rows ([header, row...], one row per score in order)."""
    practice = class_practice(results)
    by_student = {row.student: row for row in practice.students}
    rows[0] = rows[0] + list(GRADEBOOK_COLUMNS)
    for row, score in zip(rows[1:], results.scores):
        found = by_student.get(score.student)
        pre = found.pre.correct if found and found.pre else ""
        post = found.post.correct if found and found.post else ""
        gain = found.gain if found and found.gain is not None else ""
        later = found.delayed.correct if found and found.delayed else ""
        forms = "".join(r.form for r in (found.pre, found.post, found.delayed) if r) if found else ""
        row.extend([pre, post, gain, later, forms])
    return rows


def skills_item_rows(results) -> list:
    """The items CSV's skills-check rows: student, exercise (skills_pre/post/delayed), item ('A:s1': form and
    statement), answered, status, points, possible; an unanswered statement counts as wrong (Pew's rule)."""
    practice = class_practice(results)
    rows = []
    for s in practice.students:
        for moment in skills.MOMENTS:
            result = getattr(s, moment)
            for item in (result.items.values() if result is not None else ()):
                rows.append([s.student, skills.EXERCISES[moment], f"{result.form}:{item.id}",
                             "no" if item.status == "unanswered" else "yes", item.status,
                             str(int(item.status == "right")), "1"])
    return rows


# ---------------------------------------------------------------------------------------------- report sections
# What the report_*.html.j2 section templates show. Table rows are lists of cells (see report_macros.table): plain text,
# or (text, kind) with kind "num", "note", "row", "code" or "lines"; the template escapes every one.

def _num(value):
    return (value, "num")


def _share_cell(right, taken):
    return _num(f"{percent(right / taken)} ({right} of {taken})" if taken else "-")


def _skills_data(practice) -> dict | None:
    students = [s for s in practice.students if s.pre or s.post or s.delayed]
    if not students:
        return None
    parts = []
    for moment, words in (("pre", "Before"), ("post", "After"), ("delayed", "Weeks later")):
        mean = practice.mean(moment)
        parts.append(f"{words}: mean {mean:.1f} of 12 ({len(practice.with_form(moment))} students). "
                     if mean is not None else f"{words}: no forms. ")
    stat = "".join(parts) + practice.adjusted_gain().describe()
    pew_rows = [[(f"Classified {words} correctly", "row"), _num(percent(practice.all_share("pre", kind))),
                 _num(percent(practice.all_share("post", kind))), _num(percent(pew))]
                for kind, pew, words in (("facts", skills.PEW_ALL_FACTS, "all five factual statements"),
                                         ("opinions", skills.PEW_ALL_OPINIONS, "all five opinion statements"))]
    statement_rows = [[(letter, "row"), statement.text, statement.label, *(_share_cell(*counts[i:i + 2])
                                                                          for i in (0, 2, 4))]
                      for letter, statement, *counts in practice.statement_rows()]
    rows = []
    for s in students:
        cells = [(s.student, "row")]
        for result in (s.pre, s.post):
            cells.append(_result_cell(result))
        cells.append(_num("" if s.gain is None else f"{s.gain:+d}"))
        cells.append(_result_cell(s.delayed))
        rows.append(cells)
    return {"stat": stat, "pew_rows": pew_rows, "citation": skills.PEW_CITATION, "rows": rows,
            "statement_rows": statement_rows}


def _result_cell(result):
    if result is None:
        return ("not handed in", "note")
    flags = "; ".join(flag for flag, on in (("all 5 facts", result.all_facts),
                                           ("all 5 opinions", result.all_opinions)) if on)
    committed = "" if result.committed else " (not committed)"
    return _num(f"form {result.form}: {result.correct} / {result.total}: facts {result.facts_right}/5, opinions "
                f"{result.opinions_right}/5, paragraph {result.transfer_right}/2"
                f"{'; ' + flags if flags else ''}{committed}")


def _lateral_rows(practice) -> list:
    task = lateral.load_task()
    questions = {q.id: q.question for q in task.questions}
    levels = {level.id: level.name for level in task.levels}
    return [[(s.student, "row"), questions.get(question_id, question_id), (url, "code"), finding,
             levels.get(s.self_checks.get(question_id), "not rated")]
            for s in practice.students for question_id, url, finding in s.findings]


def _framing_data(practice) -> dict | None:
    rows, pooled = [], Counter()
    for s in practice.students:
        r = s.framing
        if r is None or not r.answered:
            continue
        matched = sum(x.marks_matched for x in r.sentences.values())
        pooled.update(marks=r.marks_counted, matched=matched, found=r.found, key=r.key_total, named=r.named_right)
        rows.append([(s.student, "row"), _num(len(r.sentences)), _num(r.marks_counted), _num(percent(r.precision)),
                     _num(f"{r.found} / {r.key_total}"), _num(percent(r.recall)), _num(r.named_right)])
    if not rows:
        return None
    return {"rows": rows, "precision": _share(pooled["matched"], pooled["marks"]),
            "recall": _share(pooled["found"], pooled["key"])}


def _verdict_rows(practice) -> list:
    rows = []
    for row in practice.claim_moves:
        moves = [f"{b} → {a if a else '(no second verdict)'}: {n}"
                 for (b, a), n in sorted(row.moves.items(), key=lambda item: (-item[1], str(item[0])))]
        judged = sum(row.moves.values())
        rows.append([(row.claim_id, "row"), row.text, row.key, (moves, "lines"), _num(f"{row.before_right} / {judged}"),
                     _num(f"{row.after_right} / {row.both}"), _num(row.changed)])
    return rows


def _written_data(practice) -> list:
    titles = {key: task["title"] for key, task in written_tasks().items()}
    keys = sorted({key for s in practice.students for key in s.responses},
                  key=lambda key: (list(titles).index(key) if key in titles else len(titles), key))
    listed = [(titles.get(key, key), key, [(s.student, s.responses[key]) for s in practice.students
                                           if key in s.responses]) for key in keys]
    left = sum(s.not_listed for s in practice.students)
    if left:
        listed.append(("Not listed", "", [(s.student, f"{s.not_listed} more findings or written answers than the "
                                                      f"page lists ({MAX_LISTED} per student)")
                                          for s in practice.students if s.not_listed]))
    return listed


def skills_section(results) -> str:
    """The report's skills-check section (the three moments' specs share it)."""
    return str(render("report_skills.html.j2", skills=_skills_data(class_practice(results))))


def lateral_section(results) -> str:
    """The report's lateral-reading section: every finding, with the student's own rating."""
    return str(render("report_lateral.html.j2", lateral=_lateral_rows(class_practice(results))))


def framing_section(results) -> str:
    """The report's framing section: precision and recall."""
    return str(render("report_framing.html.j2", framing=_framing_data(class_practice(results))))


def verdict_moves_section(results) -> str:
    """The report's verdicts before -> after the evidence, per claim."""
    return str(render("report_verdict_moves.html.j2", verdicts=_verdict_rows(class_practice(results))))


def written_section(results) -> str:
    """The report's written answers, per question."""
    return str(render("report_written.html.j2", written=_written_data(class_practice(results))))
