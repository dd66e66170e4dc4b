"""Rendering tests for the templates in widgets/core/render/templates (issue 10): text from an article, a case or a
student's file stays text in every HTML template, and a chart keeps its accessible name and its text table.

These are the few tests that assert on markup; grading tests assert on results.
"""
from types import SimpleNamespace as NS

import pytest
from markupsafe import Markup

from widgets.core import charts, render, vocab
from widgets.core.case import Actor, Case, Claim, Framing, Mention, Sentence, Source
from widgets.core.text import escape

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"

# Templates that only lay out pieces for others (macros), or hold no outside text at all.
NOT_PAGES = {"article_macros.html.j2", "evidence_macros.html.j2", "report_macros.html.j2", "handin_heading.html.j2"}


def hostile_chart():
    return charts.bar_chart(HOSTILE, [HOSTILE, "b"], [("k", HOSTILE, "#0072B2", "//"), ("m", "m", "#E69F00", "")],
                            {(0, "k"): 2, (0, "m"): 1, (1, "m"): 3}, HOSTILE, f"Alt {HOSTILE}")


def hostile_case():
    text = f"Ann said {HOSTILE} today."
    source = Source(id="s1", title=HOSTILE, publisher=HOSTILE, date=None, url="https://example.org/a",
                    public_domain=True, kind="repost", archive_url=None, verified=False, file="primary/a.txt")
    return Case(id="evil", title=HOSTILE, meta={"language": "en", "written_for_kit": True},
                sentences=(Sentence("h", 0, f"Head {HOSTILE}", "opinion", "none", HOSTILE),
                           Sentence("p1s1", 1, text, "fact", "named", HOSTILE)),
                actors=(Actor("ann", HOSTILE, "person", (), HOSTILE, False, (Mention("p1s1", 0, 3, "Ann", "quoted"),)),),
                claims=(Claim("c1", "p1s1", 4, len(text) - 1, text[4:-1], "named", "supported", HOSTILE,
                              evidence=("s1",), basis="primary-record"),),
                framing=(Framing("f1", "h", 5, 10, HOSTILE[:5], "loaded-word", HOSTILE),), sources=(source,))


def _report_context():
    student = NS(student=HOSTILE, text_left_out=True, problems={}, answered={"fact_opinion": True},
                 scores={"fact_opinion": (1.5, 2)}, key_shown=[HOSTILE], file=HOSTILE)
    sentence = NS(id=HOSTILE, text=HOSTILE, counts={label: 1 for label in vocab.LABELS}, answered=3,
                  key_label=HOSTILE, agree_share=0.5, split=HOSTILE, rationale=HOSTILE, alternatives=[(HOSTILE, HOSTILE)])
    results = NS(title=HOSTILE, case_id=HOSTILE, scores=[student], has_key=True, alpha=None, alpha_note=HOSTILE,
                 ignored_answers=0, sentences=[sentence], all_sentences=[sentence], hidden_items=0,
                 exercises=["fact_opinion"])
    bad = NS(name=HOSTILE, reason=HOSTILE)
    contents = NS(rejected=[bad], superseded=[bad], ignored=[HOSTILE])
    return dict(r=results, c=contents, style=render.style_element(), generator=HOSTILE, folder=HOSTILE, left_out=2,
                labels=vocab.LABELS, questions=[HOSTILE], disputed=[sentence], label_chart=hostile_chart(),
                sections=Markup(""), flagged=[bad])


def _scores_context():
    results = _report_context()["r"]
    return dict(r=results, titles={"fact_opinion": HOSTILE}, score_charts=[("fact_opinion", hostile_chart())])


def _practice_context():
    return dict(skills={"stat": HOSTILE, "pew_rows": [[(HOSTILE, "row"), (HOSTILE, "num")]], "citation": HOSTILE,
                        "rows": [[(HOSTILE, "row"), (HOSTILE, "note"), HOSTILE]],
                        "statement_rows": [[(HOSTILE, "row"), HOSTILE, HOSTILE, (HOSTILE, "num")]]},
                lateral=[[(HOSTILE, "row"), HOSTILE, (HOSTILE, "code"), HOSTILE, HOSTILE]],
                framing={"rows": [[(HOSTILE, "row"), (1, "num")]], "precision": 0.5, "recall": None},
                verdicts=[[(HOSTILE, "row"), HOSTILE, HOSTILE, ([HOSTILE, HOSTILE], "lines")]],
                written=[(HOSTILE, HOSTILE, [(HOSTILE, HOSTILE)])])


def _worksheets_context():
    sheet = {"number": 1, "title": HOSTILE, "claims": [(True, HOSTILE, HOSTILE, HOSTILE, HOSTILE)],
             "choices": HOSTILE, "descriptions": [HOSTILE]}
    other = {"number": 2, "title": HOSTILE, "claims": None, "task": HOSTILE, "descriptions": [HOSTILE],
             "answer": HOSTILE, "sentences": [(False, HOSTILE, HOSTILE)]}
    return dict(title=HOSTILE, style=render.style_element(), sheets=[sheet, other])


def _piece():
    from widgets.views.article import Piece
    return Piece(HOSTILE, "fprl-hl-claims", HOSTILE, ())


# template -> a function returning what it renders from hostile text
RENDERED = {
    "article.html.j2": lambda: __import__("widgets.views.article").views.article.render_article_html(hostile_case()),
    "article_sentence.html.j2": lambda: render.render("article_sentence.html.j2", pieces=[_piece()]),
    "article_legend.html.j2": lambda: render.render("article_legend.html.j2", styles=[NS(
        kind="claims", marker=HOSTILE, name=HOSTILE, cue=HOSTILE)]),
    "chart.html.j2": lambda: hostile_chart().html(),
    "chart_bars.html.j2": lambda: hostile_chart().bars_html(),
    "compare.html.j2": lambda: render.render("compare.html.j2", summary=HOSTILE, verdicts={True: HOSTILE}, items=[
        NS(item_id=HOSTILE, text=HOSTILE, yours=HOSTILE, counts={HOSTILE: 2}, agrees=True, note=HOSTILE)]),
    "evidence.html.j2": lambda: __import__("widgets.core.evidence").core.evidence.evidence_html(
        hostile_case(), hostile_case().claims[0]),
    "evidence_source.html.j2": lambda: __import__("widgets.core.evidence").core.evidence.source_html(
        hostile_case().sources[0], HOSTILE),
    "kit_notice.html.j2": lambda: render.render("kit_notice.html.j2", head=HOSTILE, rest=HOSTILE),
    "handin_preview.html.j2": lambda: __import__("widgets.classroom.handin").classroom.handin.preview_html({
        "student": HOSTILE, "case": HOSTILE, "scores": {},
        "exercises": {HOSTILE: {"answers": {HOSTILE: HOSTILE, "x": {"k": HOSTILE}}}, "r": {"left_out": True}}}),
    "handin_status.html.j2": lambda: (render.render("handin_status.html.j2", error=HOSTILE)
                                      + render.render("handin_status.html.j2", name=HOSTILE, folder=HOSTILE,
                                                      what_next=HOSTILE)),
    "key_actors.html.j2": lambda: render.render("key_actors.html.j2", rows=[(HOSTILE, HOSTILE, "named", 1, 0)],
                                                implied=0, voiced=[HOSTILE]),
    "key_counts.html.j2": lambda: render.render("key_counts.html.j2", lines=[(HOSTILE, HOSTILE)]),
    "key_findings.html.j2": lambda: render.render("key_findings.html.j2", lines=[HOSTILE]),
    "key_lock.html.j2": lambda: render.render("key_lock.html.j2", lock=HOSTILE, what=HOSTILE, where=HOSTILE,
                                              noun=HOSTILE, still=2, total=3, anyway=False),
    "lesson_summary_saved.html.j2": lambda: (render.render("lesson_summary_saved.html.j2", lines=[HOSTILE, HOSTILE])
                                             + render.render("lesson_summary_saved.html.j2", name=HOSTILE,
                                                             folder=HOSTILE)),
    "skills_result.html.j2": lambda: render.render(
        "skills_result.html.j2", r=NS(correct=HOSTILE, total=1, facts_right=1, opinions_right=1, transfer_right=1,
                                      all_facts=True, all_opinions=False, form=HOSTILE),
        lean=NS(errors_disagreed=HOSTILE, disagreed=1, errors_agreed=1, agreed=1), before=NS(form=HOSTILE, correct=1,
                                                                                              total=1),
        change=HOSTILE, pew_facts=HOSTILE, pew_opinions="35%"),
    "lesson_work_file.html.j2": lambda: (render.render("lesson_work_file.html.j2", name=HOSTILE, href=HOSTILE)
                                         + render.render("lesson_work_file.html.j2", restored=[(HOSTILE, HOSTILE)])),
    "framing_precision.html.j2": lambda: render.render("framing_precision.html.j2", r=NS(
        marks_counted=HOSTILE, found=1, key_total=2, sentences=[HOSTILE]), precision=HOSTILE, recall=HOSTILE,
        matched=HOSTILE),
    "verdicts_after_summary.html.j2": lambda: render.render("verdicts_after_summary.html.j2", right=HOSTILE, after=1,
                                                            before=HOSTILE),
    "key_implied_actors.html.j2": lambda: render.render("key_implied_actors.html.j2", actors=[
        NS(name=HOSTILE, kind=HOSTILE, role=HOSTILE)]),
    "key_locked_items.html.j2": lambda: render.render("key_locked_items.html.j2", lines=[HOSTILE]),
    "key_table.html.j2": lambda: render.render("key_table.html.j2", caption=HOSTILE, columns=[HOSTILE],
                                               rows=[((HOSTILE,), None), ((), HOSTILE)], footer=""),
    "key_framing.html.j2": lambda: render.render("key_framing.html.j2", lines=[(HOSTILE, "")], groups=[
        (HOSTILE, [NS(sentence_id=HOSTILE, text=HOSTILE, explanation=HOSTILE)])],
        controls=[NS(sentence_id=HOSTILE, text=HOSTILE, device=HOSTILE, explanation=HOSTILE)]),
    "key_warmup_balance.html.j2": lambda: render.render("key_warmup_balance.html.j2", sides=[(HOSTILE, 1, 2)]),
    "report.html.j2": lambda: render.render("report.html.j2", **_report_context()),
    "report_scores.html.j2": lambda: render.render("report_scores.html.j2", **_scores_context()),
    **{f"report_{section}.html.j2": (lambda section=section: render.render(f"report_{section}.html.j2",
                                                                            **_practice_context()))
       for section in ("skills", "lateral", "framing", "verdict_moves", "written")},
    "side_by_side.html.j2": lambda: __import__("widgets.views.spins").views.spins.SideBySide([hostile_case()], [HOSTILE]).html(),
    "worksheets.html.j2": lambda: render.render("worksheets.html.j2", **_worksheets_context()),
}


def test_the_templates_tested_here_exist():
    # the render layer's templates (article, charts, evidence, key views, spins, hand-in, report, compare,
    # worksheets); the exercises' feedback templates are tested with their exercises
    pages = {path.name for path in render.TEMPLATES.glob("*.html.j2")}
    assert set(RENDERED) | NOT_PAGES <= pages


@pytest.mark.parametrize("template", sorted(RENDERED))
def test_outside_text_stays_text(template):
    page = str(RENDERED[template]())
    assert "<script" not in page, template
    assert ESCAPED in page or "&lt;script&gt;" in page, template


def test_the_chart_keeps_its_alt_text_and_its_text_table():
    chart = hostile_chart()
    page = chart.html()
    alt = escape(chart.alt_text)
    assert page.count('role="img"') == 1 and f'<div class="fprl-bars" role="img" aria-label="{alt}">' in page
    assert f"<details><summary>Chart as text</summary><p>{alt}</p></details>" in page
    # lengths are SVG attributes (no inline style): 3 of 3 and 3 of 3 students, segments 2 and 1 of row 0
    assert page.count('<svg class="fprl-bar" width="100.00%"') == 2
    assert 'width="66.67%"' in page and 'width="33.33%"' in page
    # every hatched series has its pattern, in the legend as well as in the bars
    assert page.count('fill="url(#') == 2 and '<pattern id="fprl-hatch-' in page


def test_the_class_report_and_the_worksheets_carry_the_stylesheet_in_their_head():
    for template, context in (("report.html.j2", _report_context()), ("worksheets.html.j2", _worksheets_context())):
        page = str(render.render(template, **context))
        head = page.split("</head>")[0]
        assert str(render.style_element()) in head and 'class="fprl-page' in page



def test_the_top_level_views_carry_the_stylesheet_once(tmp_path, monkeypatch):
    from widgets.views.article import ArticleView
    from widgets.views.handin import HandInButton
    from widgets.lesson.keyviews import framing_key
    from widgets.views.access import StyleSheet

    monkeypatch.setenv("KIT_WORK_DIR", str(tmp_path))
    case = hostile_case()
    for view in (ArticleView(case), HandInButton(case, student="Ada"), framing_key(case, student="Ada")):
        assert [type(child) for child in view.children].count(StyleSheet) == 1, type(view).__name__


def test_every_class_a_template_uses_is_in_the_stylesheet_or_a_named_hook():
    import re
    # classes that only name a part for tests and tools (no look of their own)
    hooks = {"fprl-compare", "fprl-cues", "fprl-download-link", "fprl-key", "fprl-segment", "fprl-sentence",
             "fprl-swatch"}
    rules = re.sub(r"/\*.*?\*/", "", render.STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    defined = set(re.findall(r"\.(fprl-[\w-]+)", rules))
    used = {name for path in render.TEMPLATES.glob("*.j2")
            for value in re.findall(r'class="([^"]*)"', path.read_text(encoding="utf-8"))
            for name in value.split() if name.startswith("fprl-") and "{" not in name}
    assert used - defined <= hooks, sorted(used - defined - hooks)
    # classes built from data: one rule per value
    for kind in ("actors", "claims", "framing"):
        assert {f"fprl-hl-{kind}", f"fprl-marker-{kind}"} <= defined
    assert {"fprl-article-h3", "fprl-article-p", "fprl-num", "fprl-note"} <= defined
