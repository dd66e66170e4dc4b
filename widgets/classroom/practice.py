"""Practise, then measure: the class report's sections for the skills check (before, after, gain, Pew's figures,
agreement and errors), lateral-reading findings, framing precision and recall, verdicts before → after evidence, and
written answers; and the gradebook's skills-check columns.

Pure computation from the accepted hand-ins (no ipywidgets), plus HTML in which every piece of text from a file is
escaped. The report page stays self-contained: students' web addresses are shown as text, never as links.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widgets.grading import framing as framing_grading
from widgets.grading import lateral, skills
from widgets.classroom.report import _e, _percent
from widgets.classroom.results import RESPONSES
from widgets.grading.verdict_moves import AFTER, BEFORE, class_moves, student_moves



def _table(caption, headers, rows) -> str:
    """An HTML table: `caption` and `headers` are HTML already escaped, `rows` a list of '<tr>...</tr>' strings."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    return f'<table><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _share(count, total):
    return count / total if total else None


# ---------------------------------------------------------------------------------------------- hand-in side

def skills_sections(student: str) -> dict:
    """The skills-check sections of a student's work (both forms; they fit every case), for the hand-in."""
    from widgets.storage import WorkFile
    work = WorkFile(student, skills.WORK_CASE)
    if work.notice:
        return {}
    return {name: section for name, section in work.data["exercises"].items()
            if name in skills.EXERCISES.values() and section.get("answers")}


# ---------------------------------------------------------------------------------------------- computation

@dataclass
class StudentPractice:
    student: str
    pre: skills.SkillsResult | None = None
    post: skills.SkillsResult | None = None
    framing: framing_grading.FramingResult | None = None
    moves: list = field(default_factory=list)            # of verdict_moves.Move
    findings: list = field(default_factory=list)         # of (question id, url, finding)
    self_checks: dict = field(default_factory=dict)      # question id -> level id
    responses: dict = field(default_factory=dict)        # question key -> text

    @property
    def gain(self) -> int | None:
        if self.pre is None or self.post is None:
            return None
        return self.post.correct - self.pre.correct


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


def _skills_result(submission, form):
    answers = submission.answers(skills.EXERCISES[form])
    return skills.grade_form(skills.load_form(form), answers) if answers else None


def practice_results(case, contents) -> PracticeResults:
    """Everything the practice sections show, from the accepted hand-ins of `contents` (a FolderContents)."""
    has_key = bool(case is not None and case.has_key)
    students, pairs = [], []
    for submission in contents.accepted:
        row = StudentPractice(submission.student)
        row.pre, row.post = _skills_result(submission, "pre"), _skills_result(submission, "post")
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
        row.responses = {k: v for k, v in submission.answers(RESPONSES).items() if isinstance(v, str) and v.strip()}
        students.append(row)
    moves = class_moves(case, pairs) if case is not None and has_key else []
    return PracticeResults(students, moves, has_key)


# ---------------------------------------------------------------------------------------------- gradebook

GRADEBOOK_COLUMNS = ("skills check before (of 12)", "skills check after (of 12)", "skills check gain")


def extend_gradebook(results, rows: list) -> list:
    """Add the skills-check columns to the gradebook rows ([header, row...], one row per score in order)."""
    practice = practice_results(getattr(results, "case", None), results.contents)
    by_student = {row.student: row for row in practice.students}
    rows[0] = rows[0] + list(GRADEBOOK_COLUMNS)
    for row, score in zip(rows[1:], results.scores):
        found = by_student.get(score.student)
        pre = found.pre.correct if found and found.pre else ""
        post = found.post.correct if found and found.post else ""
        gain = found.gain if found and found.gain is not None else ""
        row.extend([pre, post, gain])
    return rows


# ---------------------------------------------------------------------------------------------- HTML

def _skills_section(practice) -> str:
    students = [s for s in practice.students if s.pre or s.post]
    out = ['<h2 id="skills-check">Skills check: before and after</h2>']
    if not students:
        return out[0] + "<p>No student handed in a skills check.</p>"
    n_pre, n_post = len(practice.with_form("pre")), len(practice.with_form("post"))
    mean_pre, mean_post, mean_gain = practice.mean("pre"), practice.mean("post"), practice.mean_gain
    out.append(f'<p class="stat">Before: mean {mean_pre:.1f} of 12 ({n_pre} students). '
               if mean_pre is not None else '<p class="stat">Before: no forms. ')
    out.append(f"After: mean {mean_post:.1f} of 12 ({n_post} students). " if mean_post is not None
               else "After: no forms. ")
    out.append(f"Mean gain: {mean_gain:+.1f} ({len(practice.gains)} students with both).</p>"
               if mean_gain is not None else "Gain: needs students with both forms.</p>")
    rows = []
    for kind, pew, words in (("facts", skills.PEW_ALL_FACTS, "all five factual statements"),
                             ("opinions", skills.PEW_ALL_OPINIONS, "all five opinion statements")):
        rows.append(f'<tr><th scope="row">Classified {words} correctly</th>'
                    f'<td class="num">{_percent(practice.all_share("pre", kind))}</td>'
                    f'<td class="num">{_percent(practice.all_share("post", kind))}</td>'
                    f'<td class="num">{_percent(pew)}</td></tr>')
    out.append(_table("Share of the class who got all five right, beside Pew's national figures",
                      ("", "class, before", "class, after", "U.S. adults (Pew, 2018)"), rows))
    out.append(f'<p class="note">Scored by Pew\'s rule: a statement left unanswered counts as wrong. National '
               f"figures: {_e(skills.PEW_CITATION)}. Pew's statements were different from the kit's, so the "
               "comparison is a point of reference, not a like-for-like test.</p>")
    rows = []
    for s in students:
        cells = []
        for result in (s.pre, s.post):
            if result is None:
                cells.append('<td class="note">not handed in</td>')
                continue
            flags = "; ".join(flag for flag, on in (("all 5 facts", result.all_facts),
                                                   ("all 5 opinions", result.all_opinions)) if on)
            committed = "" if result.committed else " (not committed)"
            cells.append(f'<td class="num">{result.correct} / {result.total}: facts {result.facts_right}/5, opinions '
                         f'{result.opinions_right}/5, paragraph {result.transfer_right}/2'
                         f'{"; " + flags if flags else ""}{committed}</td>')
        gain = "" if s.gain is None else f"{s.gain:+d}"
        lean = "; ".join(f"{label}: {_e(result.lean.describe())}" for label, result in
                         (("before", s.pre), ("after", s.post)) if result is not None)
        rows.append(f'<tr><th scope="row">{_e(s.student)}</th>{"".join(cells)}<td class="num">{gain}</td>'
                    f"<td>{lean}</td></tr>")
    out.append(_table("Skills check per student",
                      ("student", "before", "after", "gain",
                       "did errors lean toward statements the student disagreed with?"), rows))
    leaning = Counter(r.lean.leaning for s in students for r in (s.pre, s.post) if r is not None)
    out.append(f'<p class="note">Errors leaning toward statements the student disagreed with (Pew\'s finding): '
               f'{leaning.get("toward disagreed", 0)} forms; toward statements they agreed with: '
               f'{leaning.get("toward agreed", 0)}; even: {leaning.get("even", 0)}; no errors: '
               f'{leaning.get("no errors", 0)}. The agreement question is never graded.</p>')
    return "".join(out)


def _lateral_section(practice) -> str:
    task = lateral.load_task()
    questions = {q.id: q.question for q in task.questions}
    levels = {level.id: level.name for level in task.levels}
    rows = []
    for s in practice.students:
        for question_id, url, finding in s.findings:
            rows.append(f'<tr><th scope="row">{_e(s.student)}</th><td>{_e(questions.get(question_id, question_id))}'
                        f"</td><td><code>{_e(url)}</code></td><td>{_e(finding)}</td>"
                        f"<td>{_e(levels.get(s.self_checks.get(question_id), 'not rated'))}</td></tr>")
    out = ['<h2 id="lateral-reading">Lateral reading: every finding</h2>']
    if not rows:
        return out[0] + "<p>No lateral-reading findings were handed in.</p>"
    out.append(f"<p>{len(rows)} findings. Addresses are shown as text: open one only after checking it. "
               "“source card” means the student used the kit's offline cards (the fallback). Rate each finding "
               "with the rubric in <code>lessons/instructor/rubrics.md</code>.</p>")
    out.append(_table("Findings, with the student's own rating",
                      ("student", "question", "address", "finding", "self-check"), rows))
    return "".join(out)


def _framing_section(practice) -> str:
    rows, pooled = [], Counter()
    for s in practice.students:
        r = s.framing
        if r is None or not r.answered:
            continue
        matched = sum(x.marks_matched for x in r.sentences.values())
        pooled.update(marks=r.marks_counted, matched=matched, found=r.found, key=r.key_total, named=r.named_right)
        rows.append(f'<tr><th scope="row">{_e(s.student)}</th><td class="num">{len(r.sentences)}</td>'
                    f'<td class="num">{r.marks_counted}</td><td class="num">{_percent(r.precision)}</td>'
                    f'<td class="num">{r.found} / {r.key_total}</td><td class="num">{_percent(r.recall)}</td>'
                    f'<td class="num">{r.named_right}</td></tr>')
    out = ['<h2 id="framing">Finding the framing: precision and recall</h2>']
    if not rows:
        return out[0] + "<p>No framing marks were handed in.</p>"
    out.append(f'<p class="stat">Class: precision {_percent(_share(pooled["matched"], pooled["marks"]))}, '
               f'recall {_percent(_share(pooled["found"], pooled["key"]))}.</p>'
               "<p>Precision: of the words students marked, the share that were a device in the key. Recall: of the "
               "key's devices in the sentences a student answered, the share they found. Omissions are not "
               "counted (they are about what is missing).</p>")
    out.append(_table("Framing per student", ("student", "sentences", "marks", "precision", "devices found",
                                               "recall", "named right"), rows))
    return "".join(out)


def _verdict_section(practice) -> str:
    out = ['<h2 id="verdict-moves">Verdicts before → after the evidence</h2>']
    if not practice.claim_moves:
        return out[0] + "<p>No verdicts after the evidence were handed in.</p>"
    rows = []
    for row in practice.claim_moves:
        moves = "<br>".join(f"{_e(b)} → {_e(a) if a else '(no second verdict)'}: {n}"
                            for (b, a), n in sorted(row.moves.items(), key=lambda item: (-item[1], str(item[0]))))
        judged = sum(row.moves.values())
        rows.append(f'<tr><th scope="row">{_e(row.claim_id)}</th><td>{_e(row.text)}</td><td>{_e(row.key)}</td>'
                    f"<td>{moves}</td><td class=\"num\">{row.before_right} / {judged}</td>"
                    f'<td class="num">{row.after_right} / {row.both}</td><td class="num">{row.changed}</td></tr>')
    out.append("<p>How each claim's verdicts moved once students saw the evidence. A change is the point of the "
               "exercise, not a mistake.</p>")
    out.append(_table("Verdict moves per claim", ("claim", "text", "key", "before → after: students",
                                                   "key's verdict before", "key's verdict after", "changed"), rows))
    return "".join(out)


def _written_section(practice) -> str:
    from widgets.classroom.rubrics import written_tasks
    titles = {key: task["title"] for key, task in written_tasks().items()}
    keys = sorted({key for s in practice.students for key in s.responses},
                  key=lambda key: (list(titles).index(key) if key in titles else len(titles), key))
    out = ['<h2 id="written">Written answers, per question</h2>']
    if not keys:
        return out[0] + "<p>No written answers were handed in.</p>"
    for key in keys:
        answers = "".join(f'<li><b>{_e(s.student)}</b>: <span style="white-space: pre-wrap">{_e(s.responses[key])}'
                          "</span></li>" for s in practice.students if key in s.responses)
        out.append(f"<h3>{_e(titles.get(key, key))} <small><code>{_e(key)}</code></small></h3><ul>{answers}</ul>")
    out.append('<p class="note">Rubrics for each written task: <code>lessons/instructor/rubrics.md</code>.</p>')
    return "".join(out)


def render_sections(results) -> str:
    """The practice sections of the class report."""
    practice = practice_results(getattr(results, "case", None), results.contents)
    return "\n".join([_skills_section(practice), _lateral_section(practice), _framing_section(practice),
                      _verdict_section(practice), _written_section(practice)])
