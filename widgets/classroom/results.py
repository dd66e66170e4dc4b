"""Class results: read a folder of submissions and show where the class agreed, where it split, and each score.

    results = class_results("submissions/", case="seeds/biden-china-2022")
    results.write_html("report.html"); results.write_csv("gradebook.csv")

or `python -m widgets results FOLDER --out report.html [--csv gradebook.csv] [--case seeds/<case>]`.

The report follows the practice of rating panels: students label alone first, then the class compares (label counts,
Krippendorff's alpha) and discusses the sentences it split on most, with the key's rationale at hand. Scores come
from the exercises' own grade functions (widgets.grading.registry), so the report and the widgets never
disagree. For a keyless case (no labels) the report shows the class's answers and their agreement only.
The folder is only read; bad files are listed with the reason and left out.
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from widgets import fileio, vocab
from widgets.classroom.submission import FolderContents, SeveralCasesError, read_folder

# The exercise whose labels the agreement statistics are about: FactOpinionSorter.exercise, kept as text here so the
# report does not import the widgets (a test checks the two agree).
FACT_OPINION = "fact_opinion"
KEY_SHOWN = "key_shown"                 # widgets.exercises.reveal.KEY_SHOWN: "show the key anyway" in the hand-in
RESPONSES = "responses"
DISCUSSION_PROMPTS = 5                  # how many most-disputed sentences the report offers for discussion
# A report shows at most this many sentences (chart and table); the rest are in the items CSV. Without a case the
# sentence ids come from the students' files, so nothing else would bound them.
MAX_SHOWN_ITEMS = 100
# Krippendorff's own guide (Content Analysis, 2004): rely on alpha >= .800, draw tentative conclusions from
# .667 to .800. For a class, a low value is not a failure: it shows where discussion is needed.
ALPHA_BANDS = ((0.800, "high: the class mostly read the sentences the same way"),
               (0.667, "moderate: the class agreed on many sentences and split on some"),
               (-math.inf, "low: the class often read the same sentence differently — good material for discussion"))


@dataclass
class SentenceResult:
    """How the class labelled one sentence."""
    id: str
    text: str
    counts: dict                        # label -> number of students, in vocabulary order
    key_label: str | None = None
    rationale: str | None = None
    alternatives: tuple = ()            # of (label, why)

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def agree_share(self) -> float | None:
        """Share of the students who answered that chose the key's label (None: no key or no answers)."""
        if self.key_label is None or not self.answered:
            return None
        return self.counts.get(self.key_label, 0) / self.answered

    @property
    def modal_share(self) -> float | None:
        """Share of the students who answered that chose the most common label."""
        return max(self.counts.values()) / self.answered if self.answered else None

    @property
    def split(self) -> str:
        """The counts in words, e.g. '12 fact, 7 opinion, 1 mixed'."""
        return ", ".join(f"{n} {label}" for label, n in self.counts.items() if n) or "no answers"


@dataclass
class StudentScore:
    student: str
    file: str
    handed_in: str
    scores: dict = field(default_factory=dict)   # exercise -> (points, possible): partial credit, assigned items
    answered: dict = field(default_factory=dict)  # exercise -> number of assigned items the student answered
    problems: dict = field(default_factory=dict)  # exercise -> why it could not be graded
    details: dict = field(default_factory=dict)   # exercise -> widgets.grading.scoring.ExerciseScore
    key_shown: list = field(default_factory=list)  # locked key views opened with "show the key anyway"
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
        header.append("key shown before answering")
        rows = [header]
        for score in self.scores:
            row = [_spreadsheet_safe(score.student), _spreadsheet_safe(score.file), score.handed_in]
            for exercise in self.exercises:
                points, possible = score.scores.get(exercise, (None, None))
                row += ["", ""] if points is None else [_points(points), str(possible)]
            row.append(" ".join(score.key_shown))
            rows.append(row)
        from widgets.classroom.practice import extend_gradebook   # skills check before/after columns
        return extend_gradebook(self, rows)

    def item_rows(self) -> list:
        """[header, row...]: one row per student and assigned item, for item analysis (`--items-csv`)."""
        rows = [["student", "exercise", "item", "answered", "status", "points", "possible"]]
        for score in self.scores:
            for exercise in self.exercises:
                detail = score.details.get(exercise)
                for item in (detail.items if detail is not None else []):
                    rows.append([_spreadsheet_safe(score.student), exercise, item.item,
                                 "no" if item.status == "unanswered" else "yes", item.status,
                                 _points(item.points), str(item.possible)])
        return rows

    def sentence_rows(self) -> list:
        """[header, row...]: every sentence (also those not shown on the page), with its label counts."""
        rows = [["id", "text", *vocab.LABELS, "answered", "key"]]
        for s in self.all_sentences or self.sentences:
            rows.append([_spreadsheet_safe(s.id), _spreadsheet_safe(s.text), *(s.counts[label] for label in vocab.LABELS),
                         s.answered, s.key_label or ""])
        return rows

    @staticmethod
    def csv_text(rows) -> str:
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()

    def write_csv(self, path) -> Path:
        """Write the gradebook CSV atomically (widgets.fileio); StorageError with a plain reason."""
        return fileio.atomic_write_text(path, self.csv_text(self.gradebook_rows()))

    def write_items_csv(self, path) -> Path:
        """Write one row per student and assigned item as CSV, atomically."""
        return fileio.atomic_write_text(path, self.csv_text(self.item_rows()))

    def write_sentences_csv(self, path) -> Path:
        """Write every sentence's label counts as CSV, atomically."""
        return fileio.atomic_write_text(path, self.csv_text(self.sentence_rows()))

    def to_html(self) -> str:
        from widgets.classroom import report
        return report.render(self)

    def write_html(self, path) -> Path:
        """Write the report page atomically (widgets.fileio); StorageError with a plain reason."""
        return fileio.atomic_write_text(path, self.to_html())

    def summary(self) -> str:
        """A few lines of plain text (also the notebook's text/plain view)."""
        lines = [f"Class results for {self.case_id or 'no case'}: {len(self.scores)} students, "
                 f"{len(self.rejected)} files left out, {len(self.superseded)} older or repeated hand-ins not counted."]
        if self.flagged:
            lines.append(f"{len(self.flagged)} files to check (future dates, invisible characters, or one student "
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


def _spreadsheet_safe(text) -> str:
    """Stop a spreadsheet from running a name like '=HYPERLINK(...)' as a formula."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _natural_key(item_id: str):
    """'h' < 'p1s2' < 'p2s1' < 'p10s1' (headline first, then numbers in numeric order)."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", item_id) if part]


def _load(case):
    """A Case from a Case, a folder path, or None."""
    if case is None or hasattr(case, "sentences"):
        return case
    from widgets.loading import load_case
    return load_case(case)


def _seed_case(case_id: str | None):
    """The kit's own case with this id (seeds/<id>/), or None."""
    from widgets.storage import KIT_ROOT
    folder = KIT_ROOT / "seeds" / str(case_id)
    if case_id and (folder / "sentences.yaml").is_file():
        return _load(folder)
    return None


def _registry() -> dict:
    from widgets.grading.registry import REGISTRY
    return REGISTRY


def nominal_alpha(value_counts) -> float:
    """Krippendorff's alpha, nominal level, from value counts: one row per unit (sentence), one column per value
    (label), each cell the number of raters who gave that value. The same number as
    `krippendorff.alpha(value_counts=..., level_of_measurement="nominal")` (a test checks it), in plain Python, so the
    report does not import numpy. Units with fewer than two values are left out; nan when it is not defined.

    Coincidences o[c][k] = sum over units of n_uc * n_uk / (m_u - 1) (n_uc * (n_uc - 1) / (m_u - 1) when c == k),
    n_c = sum_k o[c][k], n = sum_c n_c, and alpha = 1 - (n - 1) * (disagreeing coincidences) / sum_{c != k} n_c n_k.
    """
    width = max((len(row) for row in value_counts), default=0)
    coincidences = [[0.0] * width for _ in range(width)]
    for row in value_counts:
        pairable = sum(row)
        if pairable < 2:
            continue
        for c, n_c in enumerate(row):
            if n_c:
                for k, n_k in enumerate(row):
                    coincidences[c][k] += n_c * ((n_k - 1) if c == k else n_k) / (pairable - 1)
    totals = [sum(row) for row in coincidences]
    n = sum(totals)
    observed = sum(coincidences[c][k] for c in range(width) for k in range(width) if c != k)
    expected = sum(totals[c] * totals[k] for c in range(width) for k in range(width) if c != k)
    if n <= 1 or not expected:
        return math.nan
    return 1 - (n - 1) * observed / expected


def _alpha(sentences) -> tuple:
    """(alpha or None, note, number of sentences behind it) for the fact/opinion labels (nominal level)."""
    rows = [[s.counts[label] for label in vocab.LABELS] for s in sentences if s.answered >= 2]
    if not rows:
        return None, "not computed: no sentence was labelled by two or more students.", 0
    if sum(1 for column in zip(*rows) if any(column)) < 2:
        return None, "not defined: every student gave every sentence the same label (nothing to disagree on).", \
            len(rows)
    value = nominal_alpha(rows)
    if not math.isfinite(value):
        return None, "not defined for these answers.", len(rows)
    band = next(text for floor, text in ALPHA_BANDS if value >= floor)
    return value, band, len(rows)


def class_results(folder, case=None) -> ClassResults:
    """Read every *.json in `folder` (never changing it) and compute the class results.

    `case`: a Case, a case folder (e.g. 'seeds/biden-china-2022'), or None to use the case most submissions name
    (the kit's seeds/<id> when it exists; otherwise a report of the answers alone, without a key).
    """
    case = _load(case)
    contents = read_folder(folder, case_id=case.id if case is not None else None)
    if case is None:
        case = _seed_case(contents.case_id)
    has_key = bool(case is not None and case.has_key)

    # Per sentence counts, in article order (or, without a case, the ids the students answered).
    if case is not None:
        sentences = {s.id: SentenceResult(s.id, s.text, dict.fromkeys(vocab.LABELS, 0),
                                          s.label if has_key else None, s.rationale if has_key else None,
                                          tuple((a.label, a.why) for a in s.alternatives if a.label) if has_key else ())
                     for s in case.sentences}
    else:
        ids = {item for sub in contents.accepted for item, value in sub.answers(FACT_OPINION).items()
               if isinstance(value, dict) and isinstance(value.get("label"), str) and value["label"] in vocab.LABELS}
        sentences = {i: SentenceResult(i, "", dict.fromkeys(vocab.LABELS, 0)) for i in sorted(ids, key=_natural_key)}
    ignored = 0
    labelled_students = set()
    for submission in contents.accepted:
        for item_id, value in submission.answers(FACT_OPINION).items():
            label = value.get("label") if isinstance(value, dict) else None
            result = sentences.get(item_id)
            if result is None or not isinstance(label, str) or label not in result.counts:
                ignored += 1
                continue
            result.counts[label] += 1
            labelled_students.add(submission.student_key)
    sentence_list = list(sentences.values())
    alpha, note, items = _alpha(sentence_list)
    shown = sentence_list
    if len(sentence_list) > MAX_SHOWN_ITEMS:     # the most answered, in article order
        order = {id(s): n for n, s in enumerate(sentence_list)}
        top = sorted(sentence_list, key=lambda s: (-s.answered, order[id(s)]))[:MAX_SHOWN_ITEMS]
        shown = sorted(top, key=lambda s: order[id(s)])
    alpha_students = len(labelled_students) if items else 0

    # Per student scores from the exercises' own grade functions.
    scores = []
    registry = _registry() if has_key else {}
    exercises = list(registry)
    graders = {}
    for exercise in exercises:
        try:
            graders[exercise] = registry[exercise]
        except Exception as error:  # noqa: BLE001 - a missing grader must not stop the class report
            graders[exercise] = error
    # One score everywhere (widgets.grading.scoring): points with partial credit over the items the hand-in says
    # were assigned, as the student's own summary page counts them. Grading is pure, so an exercise a student never
    # opened has one score for everyone: compute it once.
    from widgets.grading.scoring import score_exercise
    unopened = {}
    for submission in contents.accepted:
        score = StudentScore(submission.student, submission.name, submission.created.isoformat())
        score.key_shown = sorted(submission.answers(KEY_SHOWN))
        score.text_left_out = bool(submission.exercises.get(RESPONSES, {}).get("left_out"))
        for exercise, grade_function in graders.items():
            try:
                if isinstance(grade_function, Exception):
                    raise grade_function
                section = submission.exercises.get(exercise)
                if isinstance(section, dict) and (section.get("answers") or section.get("assigned")):
                    detail = score_exercise(case, exercise, section, grade_function)
                else:
                    if exercise not in unopened:
                        unopened[exercise] = score_exercise(case, exercise, {}, grade_function)
                    detail = unopened[exercise]
                score.scores[exercise] = (detail.points, detail.possible)
                score.answered[exercise] = detail.answered
                score.details[exercise] = detail
            except Exception as error:  # noqa: BLE001 - one odd answer must not stop the class report
                score.problems[exercise] = f"could not be graded ({type(error).__name__}: {error})"
        scores.append(score)

    return ClassResults(
        case_id=contents.case_id, title=(case.title + (" (written for the kit)" if case.written_for_kit else "")
                                         if case is not None else (contents.case_id or "")),
        has_key=has_key, contents=contents, sentences=shown, alpha=alpha, alpha_note=note,
        alpha_students=alpha_students, alpha_items=items, exercises=exercises, scores=scores,
        ignored_answers=ignored, all_sentences=sentence_list, case=case)


# ---------------------------------------------------------------------------------------------- command line

def add_results(subparsers) -> None:
    """Register `results` on the `python -m widgets` command line."""
    parser = subparsers.add_parser(
        "results", help="class results report (HTML) and gradebook (CSV) from a folder of hand-ins",
        description="Read every *.json hand-in in FOLDER (never changing it) and write the class report.")
    parser.add_argument("folder", metavar="FOLDER", help="folder holding the students' hand-in files")
    parser.add_argument("--out", default="report.html", help="HTML report to write (default: report.html)")
    parser.add_argument("--csv", metavar="GRADEBOOK", help="also write a gradebook CSV: one row per student, "
                                                           "points and possible points per exercise")
    parser.add_argument("--items-csv", metavar="FILE", help="also write a CSV with one row per student and "
                                                            "assigned item, for item analysis")
    parser.add_argument("--sentences-csv", metavar="FILE",
                        help="also write a CSV of every sentence's label counts (the page shows at most "
                             f"{MAX_SHOWN_ITEMS})")
    parser.add_argument("--case", metavar="CASE_FOLDER",
                        help="the case folder, e.g. seeds/biden-china-2022 (default: the one case the files name)")
    parser.set_defaults(run=run_results)


def output_problem(path, option: str) -> str | None:
    """Why the report cannot be written to `path` (one plain sentence), or None. Checked before any work."""
    path = Path(path)
    if path.is_dir():
        return f"{option} {path}: that is a folder; give a file name, e.g. {path / 'report.html'}."
    parent = path.parent
    if not parent.is_dir():
        return f"{option} {path}: the folder {parent} does not exist; create it first or choose another place."
    if not os.access(parent, os.W_OK):
        return f"{option} {path}: the folder {parent} is read-only; choose a folder you can write."
    return None


def run_results(args) -> int:
    """The `results` command: one plain sentence and a non-zero exit for every problem, never a traceback."""
    outputs = [("--out", args.out), ("--csv", args.csv), ("--items-csv", args.items_csv),
               ("--sentences-csv", args.sentences_csv)]
    for option, path in outputs:
        problem = path is not None and output_problem(path, option)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    try:
        results = class_results(args.folder, case=args.case)
    except SeveralCasesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        print("error: the case folder is nested too deeply to read.", file=sys.stderr)
        return 2
    try:
        written = [("Report", results.write_html(args.out))]
        if args.csv:
            written.append(("Gradebook", results.write_csv(args.csv)))
        if args.items_csv:
            written.append(("Item table", results.write_items_csv(args.items_csv)))
        if args.sentences_csv:
            written.append(("Sentence table", results.write_sentences_csv(args.sentences_csv)))
    except fileio.StorageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(results.summary())
    for what, path in written:
        print(f"{what} written to {path}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets")
    add_results(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
