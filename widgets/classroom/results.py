"""Class results: read a folder of submissions and show where the class agreed, where it split, and each score.

    results = class_results("submissions/", case="seeds/biden-china-2022")
    results.write_html("report.html"); results.write_csv("gradebook.csv")

or `python -m widgets results FOLDER --out report.html [--csv gradebook.csv] [--case seeds/<case>]`
(widgets/classroom/results_cli.py). Label counts and Krippendorff's alpha: widgets/classroom/agreement.py.

The report follows the practice of rating panels: students label alone first, then the class compares (label counts,
Krippendorff's alpha) and discusses the sentences it split on most, with the key's rationale at hand. Scores come
from the exercises' own grade functions (widgets.core.grading.registry), so the report and the widgets never
disagree. For a keyless case (no labels) the report shows the class's answers and their agreement only.
The folder is only read; bad files are listed with the reason and left out.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from widgets.classroom import report
from widgets.classroom.agreement import ALPHA_BANDS, FACT_OPINION, SentenceResult, alpha_of, label_counts, nominal_alpha  # noqa: F401
from widgets.classroom.practice import MAX_LISTED, extend_gradebook, skills_item_rows
from widgets.classroom.submission import FolderContents, read_folder
from widgets.core import fileio, vocab
from widgets.core.grading.registry import REGISTRY
from widgets.core.grading.responses import KEY as RESPONSES  # the written answers
from widgets.core.grading.scoring import score_exercise
from widgets.core.lesson.plans import teacher_assignment
from widgets.core.loading import load_case
from widgets.core.seeds import seed_path
from widgets.core.text import spreadsheet_cell
from widgets.core.grading.records import KEY_SHOWN  # "show the key anyway", in the hand-in


DISCUSSION_PROMPTS = 5                  # how many most-disputed sentences the report offers for discussion
# A report shows at most this many sentences (chart and table); the rest are in the items CSV. Without a case the
# sentence ids come from the students' files, so nothing else would bound them.
MAX_SHOWN_ITEMS = 100
@dataclass
class StudentScore:
    student: str
    file: str
    handed_in: str
    scores: dict = field(default_factory=dict)   # exercise -> (points, possible): partial credit, assigned items
    answered: dict = field(default_factory=dict)  # exercise -> number of assigned items the student answered
    problems: dict = field(default_factory=dict)  # exercise -> why it could not be graded
    details: dict = field(default_factory=dict)   # exercise -> widgets.core.grading.scoring.ExerciseScore
    key_shown: list = field(default_factory=list)  # locked key views opened with "show the key anyway"
    path: str = "full"                             # the path scored (the lessons' assignment for it counts)
    text_left_out: bool = False                    # the student chose to leave written answers out


@dataclass
class ClassResults:
    """Everything the report shows. Build it with class_results()."""
    case_id: str | None
    title: str
    has_key: bool
    contents: FolderContents
    sentences: list                     # of SentenceResult, in article order
    alpha: float | None
    alpha_note: str                     # why alpha is missing, or how to read it
    alpha_students: int                 # students who gave at least one label to a sentence in the statistic
    alpha_items: int                    # sentences labelled by at least two students
    exercises: list                     # graded exercise keys, in REGISTRY order
    scores: list                        # of StudentScore, one per accepted submission
    ignored_answers: int = 0            # labels that are not in the vocabulary or name no sentence of the case
    all_sentences: list = field(default_factory=list)   # every SentenceResult (`sentences` shows at most
                                                        # MAX_SHOWN_ITEMS of them)
    case: object = None                 # the Case behind the report (None without one); used by practice.py

    @property
    def hidden_items(self) -> int:
        """How many sentences are left out of the page (they are all in the items CSV)."""
        return max(0, len(self.all_sentences) - len(self.sentences))

    @property
    def flagged(self) -> list:
        return self.contents.flagged

    @property
    def students(self) -> list:
        return [score.student for score in self.scores]

    @property
    def rejected(self) -> list:
        return self.contents.rejected

    @property
    def superseded(self) -> list:
        return self.contents.superseded

    def sentence(self, sentence_id: str) -> SentenceResult:
        for result in self.sentences:
            if result.id == sentence_id:
                return result
        raise KeyError(sentence_id)

    def most_disputed(self, n: int = DISCUSSION_PROMPTS) -> list:
        """The n sentences the class split on most (lowest share on the most common label; article order on ties)."""
        answered = [s for s in (self.all_sentences or self.sentences) if s.answered >= 2 and s.modal_share < 1]
        return sorted(answered, key=lambda s: s.modal_share)[:n]

    def gradebook_rows(self) -> list:
        """[header, row...]: one row per student; per exercise the points (partial credit included) and the
        possible points, over the items the student's hand-in says were assigned; then the key views the student
        opened before answering."""
        header = ["student", "file", "handed_in"]
        for exercise in self.exercises:
            header += [f"{exercise} points", f"{exercise} possible"]
        header += ["path", "key shown before answering"]
        rows = [header]
        for score in self.scores:
            row = [score.student, score.file, score.handed_in]
            for exercise in self.exercises:
                points, possible = score.scores.get(exercise, (None, None))
                row += ["", ""] if points is None else [_points(points), str(possible)]
            row += [score.path, " ".join(score.key_shown)]
            rows.append(row)
        return extend_gradebook(self, rows)

    def item_rows(self) -> list:
        """[header, row...]: one row per student and assigned item, for item analysis (`--items-csv`)."""
        rows = [["student", "exercise", "item", "answered", "status", "points", "possible", "counted"]]
        for score in self.scores:
            for exercise in self.exercises:
                detail = score.details.get(exercise)
                if detail is None:
                    continue
                for item, counted in [*((i, "yes") for i in detail.items),
                                      *((i, f"no: not assigned on the {score.path} path") for i in detail.outside)]:
                    rows.append([score.student, exercise, item.item,
                                 "no" if item.status == "unanswered" else "yes", item.status,
                                 _points(item.points), str(item.possible), counted])
                for item in detail.unknown:
                    rows.append([score.student, exercise, item, "yes", "unknown item", "0", "0",
                                 "no: the case has no such item"])
        rows.extend([*row, "yes"] for row in skills_item_rows(self))
        return rows

    def sentence_rows(self) -> list:
        """[header, row...]: every sentence (also those not shown on the page), with its label counts."""
        rows = [["id", "text", *vocab.LABELS, "answered", "key"]]
        for s in self.all_sentences or self.sentences:
            rows.append([s.id, s.text, *(s.counts[label] for label in vocab.LABELS),
                         s.answered, s.key_label or ""])
        return rows

    @staticmethod
    def csv_text(rows) -> str:
        """The rows as CSV, every cell through widgets.core.text.spreadsheet_cell (no cell can run as a formula)."""
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
        return buffer.getvalue()

    def write_csv(self, path) -> Path:
        """Write the gradebook CSV atomically (widgets.core.fileio); StorageError with a plain reason."""
        return fileio.atomic_write_text(path, self.csv_text(self.gradebook_rows()))

    def write_items_csv(self, path) -> Path:
        """Write one row per student and assigned item as CSV, atomically."""
        return fileio.atomic_write_text(path, self.csv_text(self.item_rows()))

    def write_sentences_csv(self, path) -> Path:
        """Write every sentence's label counts as CSV, atomically."""
        return fileio.atomic_write_text(path, self.csv_text(self.sentence_rows()))

    def to_html(self) -> str:
        return report.render(self)

    def write_html(self, path) -> Path:
        """Write the report page atomically (widgets.core.fileio); StorageError with a plain reason."""
        return fileio.atomic_write_text(path, self.to_html())

    def summary(self) -> str:
        """A few lines of plain text (also the notebook's text/plain view)."""
        lines = [f"Class results for {self.case_id or 'no case'}: {len(self.scores)} students, "
                 f"{len(self.rejected)} files left out, {len(self.superseded)} older or repeated hand-ins not counted."]
        if self.flagged:
            lines.append(f"{len(self.flagged)} files to check (impossible dates, look-alike names, or one student "
                         "under several spellings): see the report.")
        if self.hidden_items:
            lines.append(f"The page shows the {len(self.sentences)} most answered of {len(self.all_sentences)} "
                         "sentences; the sentences CSV (--sentences-csv) has all of them.")
        if self.alpha is not None:
            lines.append(f"Krippendorff's alpha (fact/opinion labels, nominal) = {self.alpha:.3f} "
                         f"from {self.alpha_students} students and {self.alpha_items} sentences.")
        else:
            lines.append(f"Krippendorff's alpha: {self.alpha_note}")
        for result in self.most_disputed(3):
            lines.append(f"  split: {result.id} ({result.split})")
        return "\n".join(lines)

    def __repr__(self):
        return self.summary()


def _points(points: float) -> str:
    return f"{round(points, 2):g}"


def bounded_list(entries: list, what: str) -> list:
    """At most MAX_LISTED entries; a longer list ends with '… and N <what>'."""
    if len(entries) <= MAX_LISTED:
        return entries
    return entries[:MAX_LISTED] + [f"… and {len(entries) - MAX_LISTED} {what}"]


def _load(case):
    """A Case from a Case, a folder path, or None."""
    if case is None or hasattr(case, "sentences"):
        return case
    return load_case(case)


def _seed_case(case_id: str | None):
    """The kit's own case with this id (seeds/<id>/), or None."""
    try:
        folder = seed_path(str(case_id))        # the id comes from a hand-in: seed_path refuses anything but a slug
    except (ValueError, FileNotFoundError):
        return None
    return _load(folder) if (folder / "sentences.yaml").is_file() else None


def _registry() -> dict:
    return REGISTRY


def _student_scores(case, has_key, contents) -> tuple:
    """([StudentScore], exercise keys): each accepted hand-in scored by the registry's grade functions."""
    scores = []
    registry = _registry() if has_key else {}
    exercises = list(registry)
    graders = {}
    for exercise in exercises:
        try:
            graders[exercise] = registry[exercise]
        except Exception as error:  # noqa: BLE001 - a missing grader must not stop the class report
            graders[exercise] = error
    # One score everywhere (widgets.core.grading.scoring): points with partial credit over the items the hand-in says
    # were assigned, as the student's own summary page counts them. Grading is pure, so an exercise a student never
    # opened has one score for everyone: compute it once.
    assignments = {}      # path -> the teacher's {exercise: items} for it (the lessons' plans decide, not the hand-in)
    unopened = {}
    for submission in contents.accepted:
        if submission.lesson_path not in assignments and case is not None:
            assignments[submission.lesson_path] = teacher_assignment(case, submission.lesson_path)
        assignment = assignments.get(submission.lesson_path, {})
        score = StudentScore(submission.student, submission.name, submission.created.isoformat(),
                             path=submission.lesson_path)
        score.key_shown = bounded_list(sorted(submission.answers(KEY_SHOWN)), "more")
        score.text_left_out = bool(submission.exercises.get(RESPONSES, {}).get("left_out"))
        for exercise, grade_function in graders.items():
            try:
                if isinstance(grade_function, Exception):
                    raise grade_function
                section = submission.exercises.get(exercise)
                assigned = assignment.get(exercise, [])
                if isinstance(section, dict) and section.get("answers"):
                    detail = score_exercise(case, exercise, section, grade_function, assigned)
                else:
                    if (exercise, submission.lesson_path) not in unopened:
                        unopened[exercise, submission.lesson_path] = score_exercise(case, exercise, {}, grade_function,
                                                                             assigned)
                    detail = unopened[exercise, submission.lesson_path]
                score.scores[exercise] = (detail.points, detail.possible)
                score.answered[exercise] = detail.answered
                score.details[exercise] = detail
            except Exception as error:  # noqa: BLE001 - one odd answer must not stop the class report
                score.problems[exercise] = f"could not be graded ({type(error).__name__}: {error})"
        scores.append(score)

    return scores, exercises


def class_results(folder, case=None) -> ClassResults:
    """Read every *.json in `folder` (never changing it) and compute the class results.

    `case`: a Case, a case folder (e.g. 'seeds/biden-china-2022'), or None to use the case most submissions name
    (the kit's seeds/<id> when it exists; otherwise a report of the answers alone, without a key).
    """
    case = _load(case)
    contents = read_folder(folder, case_id=case.id if case is not None else None, case=case, find_case=_seed_case)
    case = contents.case
    has_key = bool(case is not None and case.has_key)

    sentences, ignored, labelled_students = label_counts(case, has_key, contents)
    sentence_list = list(sentences.values())
    alpha, note, items = alpha_of(sentence_list)
    shown = sentence_list
    if len(sentence_list) > MAX_SHOWN_ITEMS:     # the most answered, in article order
        order = {id(s): n for n, s in enumerate(sentence_list)}
        top = sorted(sentence_list, key=lambda s: (-s.answered, order[id(s)]))[:MAX_SHOWN_ITEMS]
        shown = sorted(top, key=lambda s: order[id(s)])
    alpha_students = len(labelled_students) if items else 0

    scores, exercises = _student_scores(case, has_key, contents)

    return ClassResults(
        case_id=contents.case_id, title=(case.title + (" (written for the kit)" if case.written_for_kit else "")
                                         if case is not None else (contents.case_id or "")),
        has_key=has_key, contents=contents, sentences=shown, alpha=alpha, alpha_note=note,
        alpha_students=alpha_students, alpha_items=items, exercises=exercises, scores=scores,
        ignored_answers=ignored, all_sentences=sentence_list, case=case)
