"""The class report as one self-contained HTML page: charts are HTML bars with inline styles (widgets.charts), no
images, no scripts, no links out.

Every piece of text that comes from a file (student names, file names, reasons, article text) is HTML-escaped.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template

from widgets import vocab

TEMPLATE_PATH = Path(__file__).with_name("report_template.html")

# Questions for the disputed sentences: they ask for reasons in the text, never for the "right" politics.
DISCUSSION_QUESTIONS = (
    "Students who chose different labels: which words in the sentence decided it for you?",
    "Could someone check this sentence against a record (a transcript, a readout, a date)? Which one?",
    "Read the key's reasoning. Does it convince you, or is another label just as defensible?",
)


def _e(value) -> str:
    return escape(str(value), quote=True)


def _percent(share) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def label_chart(results):
    """A Chart (widgets.charts: HTML bars and alt text): one stacked bar per sentence, how many students chose each
    label."""
    from widgets.charts import Series, bar_chart
    from widgets.palette import LABEL_COLOURS, series_hatches

    hatches = series_hatches(vocab.LABELS)
    sentences = [s for s in results.sentences if s.answered] or results.sentences
    counts = {(row, label): s.counts[label] for row, s in enumerate(sentences) for label in vocab.LABELS}
    disputed = results.most_disputed(3)
    alt = (f"Stacked bar chart of the labels {', '.join(vocab.LABELS)} chosen by the class for each of "
           f"{len(sentences)} sentences, in article order.")
    if disputed:
        alt += " The class split most on " + "; ".join(f"{s.id} ({s.split})" for s in disputed) + "."
    alt += " The table 'Every sentence' below gives the same numbers."
    return bar_chart("How the class labelled each sentence",
                     [s.id + (f"  (key: {s.key_label})" if s.key_label else "") for s in sentences],
                     [Series(label, label, LABEL_COLOURS[label], hatches[label]) for label in vocab.LABELS],
                     counts, "number of students", alt)


def score_chart(results, exercise: str):
    """A Chart (HTML bars and alt text): how many students reached each score band on one exercise, or None."""
    from widgets.charts import Series, bar_chart
    from widgets.palette import OKABE_ITO

    percents = [100 * c / t for c, t in (s.scores.get(exercise, (0, 0)) for s in results.scores) if t]
    if not percents or not any(s.answered.get(exercise) for s in results.scores):
        return None
    bands = [0] * 10                                   # 0-9 %, 10-19 %, ..., 90-100 %
    for value in percents:
        bands[min(int(value // 10), 9)] += 1
    middle = sorted(percents)[len(percents) // 2]
    busiest = max(range(10), key=lambda i: bands[i])
    alt = (f"Bar chart of {len(percents)} students' scores on {exercise.replace('_', ' ')} in bands of ten "
           f"percentage points. The median score is {middle:.0f}%; the most common band is "
           f"{10 * busiest}–{10 * busiest + 9 if busiest < 9 else 100}% with {bands[busiest]} students.")
    return bar_chart(f"Scores on {exercise.replace('_', ' ')}",
                     [f"{10 * i}–{10 * i + 9 if i < 9 else 100}%" for i in range(10)],
                     [Series("students", "students", OKABE_ITO["blue"], "//")],
                     {(i, "students"): n for i, n in enumerate(bands)},
                     "students (% of the key's answers matched, in bands)", alt)


def _figure(chart, caption) -> str:
    return f'<figure class="figure">{chart.bars_html()}<figcaption class="caption">{_e(caption)}</figcaption></figure>'


def _summary(results) -> str:
    contents = results.contents
    parts = [f"<h1>Class results: {_e(results.title)}</h1>",
             f'<p class="lead">Case <code>{_e(results.case_id or "none")}</code>. '
             f"{len(results.scores)} students' hand-ins are counted"
             f" from the folder <code>{_e(contents.folder.name or contents.folder)}</code>."]
    left_out = len(contents.rejected) + len(contents.superseded)
    if left_out:
        parts.append(f' {left_out} files are not counted: see <a href="#left-out">Files left out</a>.')
    parts.append("</p>")
    if not results.has_key:
        parts.append('<p class="note">This case has no answer key, so the report shows how the class answered '
                     "and how far it agreed, without scores.</p>")
    return "".join(parts)


def _agreement(results) -> str:
    html = ['<h2 id="agreement">How far the class agreed</h2>']
    if results.alpha is None:
        html.append(f'<p class="stat">Krippendorff\'s alpha: {_e(results.alpha_note)}</p>')
    else:
        html.append(f'<p class="stat">Krippendorff\'s alpha = {results.alpha:.2f}</p>'
                    f"<p>Computed from {results.alpha_students} students and {results.alpha_items} sentences "
                    f"(fact/opinion labels, nominal level; sentences labelled by fewer than two students are left "
                    f"out). 1 means everyone gave every sentence the same label; 0 means the labels agree no more "
                    f"than chance would. Reading: {_e(results.alpha_note)}.</p>")
    html.append('<p class="note">Agreement among students is not agreement with the key: a class can agree on a '
                "label the key does not give. The table below shows both.</p>")
    if results.ignored_answers:
        html.append(f'<p class="note">{results.ignored_answers} answers were not counted because they name no '
                    "sentence of this case or no known label.</p>")
    return "".join(html)


def _prompts(results) -> str:
    disputed = results.most_disputed()
    html = ['<h2 id="discussion">Start the discussion here</h2>',
            "<p>The sentences the class split on most. Ask students to explain their reading before you show the "
            "key's.</p>"]
    if not disputed:
        html.append("<p>No sentence split the class (or too few students answered).</p>")
    for number, result in enumerate(disputed, 1):
        html.append(f'<section class="prompt" aria-labelledby="prompt-{number}">'
                    f'<h3 id="prompt-{number}">{number}. Sentence {_e(result.id)}: {_e(result.split)}</h3>')
        if result.text:
            html.append(f"<blockquote>{_e(result.text)}</blockquote>")
        if result.key_label:
            html.append(f"<p><b>Key:</b> {_e(result.key_label)} ({_percent(result.agree_share)} of the class "
                        f"agreed). {_e(result.rationale or '')}</p>")
            for label, why in result.alternatives:
                html.append(f"<p><b>Also defensible:</b> {_e(label)}: {_e(why)}</p>")
        html.append("<ul>" + "".join(f"<li>{_e(q)}</li>" for q in DISCUSSION_QUESTIONS) + "</ul></section>")
    return "".join(html)


def _sentence_table(results) -> str:
    labels = vocab.LABELS
    head = "".join(f'<th scope="col">{_e(label)}</th>' for label in labels)
    key_head = '<th scope="col">key</th><th scope="col">agree with key</th>' if results.has_key else ""
    rows = []
    for s in results.sentences:
        cells = "".join(f'<td class="num">{s.counts[label]}</td>' for label in labels)
        key_cells = (f"<td>{_e(s.key_label)}</td><td class=\"num\">{_percent(s.agree_share)}</td>"
                     if results.has_key else "")
        rows.append(f'<tr><th scope="row">{_e(s.id)}</th><td>{_e(s.text)}</td>{cells}'
                    f'<td class="num">{s.answered}</td>{key_cells}</tr>')
    hidden = getattr(results, "hidden_items", 0)
    note = (f'<p class="note">The {len(results.sentences)} most answered of {len(results.all_sentences)} sentences '
            "are shown; the sentences CSV (<code>--sentences-csv</code>) lists all of them.</p>" if hidden else "")
    return ('<h2 id="sentences">Every sentence</h2>' + note + '<table><caption>Label counts per sentence</caption>'
            f'<thead><tr><th scope="col">id</th><th scope="col">sentence</th>{head}'
            f'<th scope="col">answered</th>{key_head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _score_table(results) -> str:
    if not results.has_key:
        return ""
    head = "".join(f'<th scope="col">{_e(exercise.replace("_", " "))}</th>' for exercise in results.exercises)
    rows = []
    for score in results.scores:
        cells = []
        for exercise in results.exercises:
            if exercise in score.problems:
                cells.append(f"<td>{_e(score.problems[exercise])}</td>")
            else:
                points, possible = score.scores[exercise]
                if not score.answered.get(exercise):
                    cells.append(f'<td class="num note">not answered (0 / {possible})</td>')
                else:
                    cells.append(f'<td class="num">{points:g} / {possible}</td>')
        shown = ", ".join(score.key_shown) or "–"
        left_out = " (left out written answers)" if score.text_left_out else ""
        rows.append(f'<tr><th scope="row">{_e(score.student)}{_e(left_out)}</th>{"".join(cells)}'
                    f"<td>{_e(shown)}</td><td><code>{_e(score.file)}</code></td></tr>")
    return ('<h2 id="students">Scores per student</h2><p class="note">Each score is points out of possible points, '
            "partial credit included, over the items the student was assigned (their path), exactly as the "
            "student's own summary page shows it (the same grading code). 'Not answered': the student gave no "
            "answer in that exercise (0 points). 'Key shown before answering': locked key views the student "
            "opened with 'Show the key anyway'. The gradebook CSV has the same numbers."
            f'</p><table><caption>Points out of possible points</caption><thead><tr>'
            f'<th scope="col">student</th>{head}<th scope="col">key shown before answering</th>'
            f'<th scope="col">file</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _left_out(results) -> str:
    contents = results.contents
    html = ['<h2 id="left-out">Files left out</h2>']
    flagged = getattr(contents, "flagged", [])
    if flagged:
        rows = "".join(f"<tr><td><code>{_e(r.name)}</code></td><td>{_e(r.reason)}</td></tr>" for r in flagged)
        html.insert(0, '<h2 id="check">Files to check</h2><p>These files may be counted, but something in them '
                       "needs your eye: a date in the future, invisible characters in a name, or one student "
                       'under several spellings.</p><table class="bad"><caption>Files to check</caption><thead><tr>'
                       f'<th scope="col">file</th><th scope="col">why</th></tr></thead><tbody>{rows}</tbody></table>')
    if not (contents.rejected or contents.superseded or contents.ignored):
        return "".join(html) + "<p>None: every file in the folder was used.</p>"
    if contents.rejected:
        rows = "".join(f"<tr><td><code>{_e(r.name)}</code></td><td>{_e(r.reason)}</td></tr>"
                       for r in contents.rejected)
        html.append('<table class="bad"><caption>Files that could not be used</caption><thead><tr>'
                    f'<th scope="col">file</th><th scope="col">reason</th></tr></thead><tbody>{rows}</tbody></table>')
    if contents.superseded:
        rows = "".join(f"<tr><td><code>{_e(r.name)}</code></td><td>{_e(r.reason)}</td></tr>"
                       for r in contents.superseded)
        html.append("<table><caption>Older or repeated hand-ins (the student's latest file is counted)</caption>"
                    f'<thead><tr><th scope="col">file</th><th scope="col">reason</th></tr></thead>'
                    f"<tbody>{rows}</tbody></table>")
    if contents.ignored:
        html.append("<p>Not read (not .json files): "
                    + ", ".join(f"<code>{_e(name)}</code>" for name in contents.ignored) + "</p>")
    html.append('<p class="note">The folder was only read; no file in it was changed.</p>')
    return "".join(html)


def render(results) -> str:
    """The whole report page."""
    from widgets import __version__
    body = [_summary(results), _agreement(results)]
    if any(s.answered for s in results.sentences):
        body.append(_figure(label_chart(results), "Each bar is one sentence; the segments count the students "
                                                  "who chose each label. Patterns as well as colours tell the "
                                                  "labels apart."))
    body.append(_prompts(results))
    body.append(_sentence_table(results))
    if results.has_key:
        body.append(_score_table(results))
        for exercise in results.exercises:
            chart = score_chart(results, exercise)     # None when nobody answered that exercise
            if chart:
                body.append(_figure(chart, f"Scores on {exercise.replace('_', ' ')} across the class."))
    from widgets.classroom.practice import render_sections   # skills check, lateral reading, framing, verdicts
    body.append(render_sections(results))
    body.append(_left_out(results))
    template = Template(TEMPLATE_PATH.read_text(encoding="utf-8"))
    return template.substitute(title=_e(f"Class results: {results.title}"), body="\n".join(body),
                               generator=_e(f"fp-reporting-lab {__version__}"))
