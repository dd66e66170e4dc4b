"""A case built from pasted text with <script> and <img onerror> payloads shows them as text in JupyterLab and runs
none of them: every payload would set window.__pwned, which must stay undefined."""
from __future__ import annotations

import json

import pytest

import harness

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
SVG = '<svg onload="window.__pwned = 3"></svg>'

PASTED = f"Headline {SCRIPT}\n\nOfficials reportedly said {IMG} was fine. The \"plan\" {SVG} failed."

NOTEBOOK_CELLS = [
    "from widgets.core.owntext.from_text import case_from_text\n"
    "from widgets.views.cues import CueView\n"
    "import widgets\n"
    f"text = {PASTED!r}\n"
    "case = case_from_text(text)\n"
    "print(len(case.sentences), 'sentences')",
    "widgets.ArticleView(case)",
    "widgets.FactOpinionSorter(case)",
    "view = CueView(case)\nview.show()\nview",
    "from IPython.display import HTML\n"
    "from widgets.classroom.compare import compare_with_class\n"
    "HTML(compare_with_class(case, 'fact_opinion', {'p1s1': {'label': 'fact', 'sourcing': 'named'}},\n"
    "     {'Ada': {'p1s1': {'label': 'opinion', 'sourcing': 'named'}}}, student='me').html())",
]


def write_notebook(path, cells):
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell{i}", "metadata": {}, "outputs": [],
                   "source": source} for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.mark.browser
def test_payloads_render_as_text_and_never_run(browser_page, lab_server):
    relpath = "owntext/payloads.ipynb"
    write_notebook(lab_server.root / relpath, NOTEBOOK_CELLS)
    page = browser_page
    try:
        result = harness.open_and_run_notebook(page, lab_server, relpath, "owntext__payloads")
        assert not result.problems, result.describe()
        assert result.widget_views >= 3, result.describe()
        page.wait_for_timeout(500)  # give an injected onerror/onload handler time to fire, if there were one
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        outputs = page.locator(".jp-OutputArea-output")
        shown = "\n".join(outputs.all_inner_texts())
        # the literal payloads are visible as text: the headline in the article view and in the sorter (which shows
        # the first sentence), the body sentence in the article view and in the comparison table
        assert shown.count(SCRIPT) >= 2, shown[:2000]
        assert shown.count(IMG) >= 2, shown[:2000]
        assert SVG in shown
        # and nothing from them became an element inside the outputs
        injected = page.evaluate("""() => {
            const area = window.jupyterapp.shell.currentWidget.content.node;
            const outs = Array.from(area.querySelectorAll('.jp-OutputArea-output'));
            return outs.reduce((n, o) => n + o.querySelectorAll('script, img[onerror], svg[onload]').length, 0);
        }""")
        assert injected == 0

        # Control: the same payload put into a widget WITHOUT escaping does run, so the checks above can fail.
        control = "owntext/control.ipynb"
        write_notebook(lab_server.root / control, ["import ipywidgets as ipw", f"ipw.HTML({IMG!r})"])
        harness.open_and_run_notebook(page, lab_server, control, screenshot_folder=None)
        page.wait_for_function("() => window.__pwned !== undefined", timeout=10_000)
        assert page.evaluate("() => window.__pwned") == 2
    finally:
        lab_server.shutdown_kernels()
