"""Benchmark: your own article. Time to build a case from text (case_from_text), to find the cues, and to render the
article view's HTML, for articles of 1,000, 10,000 and 100,000 words; then, when Debian's chromium is there, the time
from "run all" to the rendered ArticleView in JupyterLab (the kernel builds the case, the browser draws it).

The articles repeat the seed article's paragraphs (about 330 words) until they reach the size. Python timings are the
best of three runs. Aim: a 10,000-word article usable in the browser within 2 s.

    python bench/bench_owntext.py            # or: python bench/run.py (collects rows() from every bench module)
    KIT_BENCH_BROWSER=0 python bench/bench_owntext.py     # without the browser part
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 100_000)
SEED_ARTICLE = KIT / "seeds" / "biden-china-2022" / "article.txt"
GROUP = "your own article"


def make_article(words: int) -> str:
    """A headline and the seed article's paragraphs repeated until the text has at least ``words`` words."""
    headline, _, body = SEED_ARTICLE.read_text(encoding="utf-8").strip().partition("\n")
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    out, count = [], 0
    while count < words:
        paragraph = paragraphs[len(out) % len(paragraphs)]
        out.append(paragraph)
        count += len(paragraph.split())
    return headline + "\n\n" + "\n\n".join(out)


def _best_of(function, runs=3):
    best, value = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - started)
    return best, value


def python_rows() -> list[dict]:
    from widgets.views.article import render_article_html
    from widgets.views.cues import find_cues
    from widgets.core.owntext.from_text import case_from_text

    found = []
    case_from_text(make_article(100))  # imports and first compile of the patterns
    for words in SIZES:
        text = make_article(words)
        label = f"{words:,} words ({len(text) / 1e3:,.0f} kB)"
        seconds, case = _best_of(lambda text=text: case_from_text(text))
        found.append({"group": GROUP, "what": f"case_from_text, {label}, {len(case.sentences):,} sentences",
                      "value": round(seconds * 1000, 1), "unit": "ms"})
        seconds, page = _best_of(lambda case=case: render_article_html(case))
        found.append({"group": GROUP, "what": f"render_article_html, {label} ({len(page) / 1e6:.1f} MB of HTML)",
                      "value": round(seconds * 1000, 1), "unit": "ms"})
        seconds, cues = _best_of(lambda case=case: find_cues(case))
        found.append({"group": GROUP, "what": f"find_cues, {label}, {len(cues):,} cues",
                      "value": round(seconds * 1000, 1), "unit": "ms"})
    return found


def _notebook(path: Path, words: int) -> None:
    cells = [
        "import sys; sys.path.insert(0, %r)\n" % str(KIT / "bench")
        + f"from bench_owntext import make_article\nimport widgets\ncase = widgets.case_from_text(make_article({words}))\n"
        "view = widgets.ArticleView(case)\nview",
    ]
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                           "source": source} for i, source in enumerate(cells)],
                "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                            "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook), encoding="utf-8")


def browser_rows() -> list[dict]:
    """Run-all to rendered ArticleView in JupyterLab, per size (skipped without chromium)."""
    sys.path.insert(0, str(KIT / "tests"))
    import harness  # tests/harness.py: servers and chromium, one place
    from playwright.sync_api import sync_playwright

    chromium = harness.chromium_path()
    if chromium is None:
        return [{"group": GROUP, "what": "JupyterLab run-all to rendered ArticleView", "value": None,
                 "unit": f"skipped ({harness.chromium_missing_reason()})"}]
    found = []
    with tempfile.TemporaryDirectory(prefix="fprl-bench-owntext-") as tmp:
        tmp = Path(tmp)
        harness.apply_environment(harness.isolate_environment(tmp / "env"))
        server = harness.start_lab(tmp / "lab")
        playwright = sync_playwright().start()
        try:
            context = harness.launch_browser(playwright, tmp / "profile", chromium)
            page = context.new_page()
            for words in SIZES:
                relpath = f"bench/owntext_{words}.ipynb"
                _notebook(server.root / relpath, words)
                run = harness.open_and_run_notebook(page, server, relpath, screenshot_folder=None)
                text = page.locator(".fprl-article").first.inner_text(timeout=60_000)
                what = f"JupyterLab run-all to rendered ArticleView, {words:,} words"
                if run.problems or not text:
                    found.append({"group": GROUP, "what": what, "value": None,
                                  "unit": "failed: " + "; ".join(run.problems)[:200]})
                else:
                    found.append({"group": GROUP, "what": what,
                                  "value": round(run.run_all_to_rendered_ms / 1000, 2), "unit": "s"})
                server.shutdown_kernels()
            context.close()
        finally:
            playwright.stop()
            server.stop()
    return found


def rows() -> list[dict]:
    found = python_rows()
    if os.environ.get("KIT_BENCH_BROWSER", "1") != "0":
        found += browser_rows()
    return found


if __name__ == "__main__":
    sys.path.insert(0, str(KIT))
    for row in rows():
        print(f"{row['group']:18} {row['what']:84} {row['value']:>10} {row['unit']}")
