"""Exercise widgets: kernel memory, render time per widget and click-to-feedback latency, in JupyterLab.

- Kernel memory (headless, nbclient, fresh kernels): resident memory of a kernel that has imported ipywidgets and
  matplotlib.pyplot (the baseline), and of one that then shows FactOpinionSorter, ActorTagger and ClaimMarker on
  the seed case; the difference is what the widgets cost. Aim: at most 10 MiB.
- Render time (JupyterLab in Debian's chromium, tests/fixtures/notebooks/all_widgets.ipynb): each cell run on its
  own, from 'run cell' to its output painted, measured in the page with performance.now(). Aim: a lesson in < 2 s.
- Click to feedback: press 'Check my answer' (or a word button) and time until the widget's feedback changes in the
  page (MutationObserver + next frame). Median of several items. Aim: < 100 ms.

    python bench/bench_widgets.py           # or: python bench/run.py widgets
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH.parent / "tests") not in sys.path:
    sys.path.insert(0, str(BENCH.parent / "tests"))
import harness  # noqa: E402  (tests/harness.py)

MIB = 1024 * 1024
GROUP = "widgets"
NOTEBOOK = "tests/fixtures/notebooks/all_widgets.ipynb"
SAMPLES = 5
BASELINE_CELLS = ["import ipywidgets\nimport matplotlib.pyplot", "import gc\ngc.collect()"]
THREE_WIDGET_CELLS = [
    "from widgets import ActorTagger, ClaimMarker, FactOpinionSorter, load_case\nfrom widgets.core.storage import KIT_ROOT\n"
    "case = load_case(KIT_ROOT / 'seeds' / 'biden-china-2022')",
    "FactOpinionSorter(case)", "ActorTagger(case)", "ClaimMarker(case)",
    "import gc\ngc.collect()",
]

# --------------------------------------------------------------------------------------------------- headless memory


def kernel_rss(cells: list[str], work: Path) -> float:
    """Resident memory (MiB) of a fresh kernel after running `cells`."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    harness.prepare_work_dir(work)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        time.sleep(0.3)
        return psutil.Process(client.km.provisioner.pid).memory_info().rss / MIB


def memory_rows(tmp: Path) -> list[dict]:
    baseline = [kernel_rss(BASELINE_CELLS, tmp / f"base{i}") for i in range(2)]
    shown = [kernel_rss(BASELINE_CELLS[:1] + THREE_WIDGET_CELLS, tmp / f"three{i}") for i in range(2)]
    base, three = min(baseline), min(shown)
    return [
        {"group": GROUP, "what": "kernel memory: ipywidgets + matplotlib.pyplot imported (baseline)",
         "value": round(base, 1), "unit": "MiB"},
        {"group": GROUP, "what": "kernel memory: baseline + seed case + FactOpinionSorter, ActorTagger, ClaimMarker",
         "value": round(three, 1), "unit": "MiB"},
        {"group": GROUP, "what": "kernel memory: the three widgets over the baseline (aim <= 10)",
         "value": round(three - base, 1), "unit": "MiB"},
    ]


# --------------------------------------------------------------------------------------------------- in the page

_RUN_CELL_JS = """
async ({index, timeoutMs}) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const cell = notebook.widgets[index];
  notebook.activeCellIndex = index;
  const t0 = performance.now();
  await app.commands.execute('notebook:run-cell');
  const painted = () => {
    if (cell.model.outputs.length === 0) return true;
    const out = cell.node.querySelector('.jp-OutputArea-output');
    if (!out || out.textContent.includes('Loading widget')) return false;
    return !!out.querySelector('.jupyter-widgets, img, pre');
  };
  while (performance.now() - t0 < timeoutMs) {
    if (cell.model.executionCount !== null && painted()) {
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      return {ms: performance.now() - t0};
    }
    await new Promise(r => setTimeout(r, 5));
  }
  return {timedOut: true};
}
"""

# Click the button in `root` whose text starts with `label` (or the `nth` word button), and time until `watch` in
# `root` changes and the change is painted.
_CLICK_JS = """
async ({root, label, watch, timeoutMs}) => {
  const box = document.querySelector(root);
  const button = Array.from(box.querySelectorAll('button')).find(b => b.innerText.trim().startsWith(label));
  if (!button) return {error: `no button '${label}' in ${root}`};
  const target = box.querySelector(watch);
  return await new Promise(resolve => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      requestAnimationFrame(() => resolve({ms: performance.now() - t0}));
    });
    observer.observe(target, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { observer.disconnect(); resolve({timedOut: true}); }, timeoutMs);
    t0 = performance.now();
    button.click();
  });
}
"""

_TYPE_JS = """
async ({root, text, timeoutMs}) => {
  const box = document.querySelector(root);
  const area = box.querySelector('textarea');
  const target = box.querySelector('.fprl-status');
  return await new Promise(resolve => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      requestAnimationFrame(() => resolve({ms: performance.now() - t0}));
    });
    observer.observe(target, {subtree: true, childList: true, characterData: true});
    setTimeout(() => { observer.disconnect(); resolve({timedOut: true}); }, timeoutMs);
    t0 = performance.now();
    area.value = text;
    area.dispatchEvent(new Event('input', {bubbles: true}));
  });
}
"""


def _click(page, root, label, watch, timeout_ms=10_000):
    outcome = page.evaluate(_CLICK_JS, {"root": root, "label": label, "watch": watch, "timeoutMs": timeout_ms})
    if "error" in outcome:
        raise RuntimeError(outcome["error"])
    return outcome.get("ms")


def _next_item(page, root, number):
    page.locator(root).get_by_role("button", name="Next ▶").click()
    page.locator(root).get_by_text(f" {number} of ").first.wait_for()


def _median_row(what, samples):
    samples = [s for s in samples if s is not None]
    if not samples:
        return {"group": GROUP, "what": what, "value": None, "unit": "no change seen"}
    return {"group": GROUP, "what": f"{what} (median of {len(samples)})", "value": round(statistics.median(samples), 1),
            "unit": "ms"}


def click_rows(page) -> list[dict]:
    rows = []
    # fact or opinion: choose both, then time the Check button
    root = ".fprl-fact_opinion"
    samples = []
    for item in range(SAMPLES):
        if item:
            _next_item(page, root, item + 1)
        page.locator(root).get_by_role("radio", name="fact", exact=True).check()
        page.locator(root).get_by_role("radio", name="named", exact=True).check()
        samples.append(_click(page, root, "Check my answer", ".fprl-feedback"))
    rows.append(_median_row("click 'Check my answer' to feedback: FactOpinionSorter", samples))

    # actors and claims: time pressing a word (the phrase menu appears) and then the Check button
    for root, name, choice in ((".fprl-actors", "ActorTagger", "person"), (".fprl-claims", "ClaimMarker", "named")):
        word_samples, check_samples = [], []
        for item in range(SAMPLES):
            if item:
                _next_item(page, root, item + 1)
            first_word = page.locator(f"{root} .fprl-words button").first.inner_text().strip()
            word_samples.append(_click(page, root, first_word, ".fprl-phrases"))
            select = page.locator(f"{root} .fprl-phrases select")
            select.wait_for()
            select.select_option(choice)
            check_samples.append(_click(page, root, "Check my answer", ".fprl-feedback"))
        rows.append(_median_row(f"press a word to its phrase menu: {name}", word_samples))
        rows.append(_median_row(f"click 'Check my answer' to feedback: {name}", check_samples))

    root = ".fprl-verdicts"
    samples = []
    for item in range(SAMPLES):
        if item:
            _next_item(page, root, item + 1)
        page.locator(root).get_by_role("radio", name="supported", exact=True).check()
        samples.append(_click(page, root, "Check my answer", ".fprl-feedback"))
    rows.append(_median_row("click 'Check my answer' to evidence and verdict: ClaimMarker(mode='verdict')", samples))

    typed = page.evaluate(_TYPE_JS, {"root": ".fprl-responses", "text": "First impression.", "timeoutMs": 10_000})
    rows.append(_median_row("type to 'Saved' shown: FreeResponse", [typed.get("ms")]))
    return rows


def browser_rows(tmp: Path) -> list[dict]:
    chromium = harness.chromium_path()
    if chromium is None:
        return [{"group": GROUP, "what": "browser figures", "value": None, "unit": "skipped (no chromium)"}]
    import nbformat
    from playwright.sync_api import sync_playwright

    names = {}
    for index, cell in enumerate(nbformat.read(harness.REPO / NOTEBOOK, as_version=4).cells):
        if cell.cell_type == "code":
            line = cell.source.splitlines()[0]
            names[index] = (line if len(line) <= 60 else line[:57] + "...") if index > 1 else \
                "imports + load_case (seed case)"
    rows = []
    server = harness.start_lab(tmp / "lab")
    try:
        with sync_playwright() as playwright:
            context = harness.launch_browser(playwright, tmp / "chromium-profile", chromium)
            page = context.new_page()
            page.goto(server.notebook_url(NOTEBOOK), wait_until="domcontentloaded")
            page.wait_for_function("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                                   " return !!(w && w.content && w.content.widgets.length); }", timeout=120_000)
            harness.wait_for_kernel_idle(page, 120_000)
            total = 0.0
            for index, name in names.items():
                outcome = page.evaluate(_RUN_CELL_JS, {"index": index, "timeoutMs": 60_000})
                value = None if outcome.get("timedOut") else round(outcome["ms"], 1)
                total += value or 0
                rows.append({"group": GROUP, "what": f"render (run cell to painted): {name}", "value": value,
                             "unit": "ms" if value is not None else "timed out"})
            rows.append({"group": GROUP, "what": "render: every cell of all_widgets.ipynb, one after another",
                         "value": round(total, 1), "unit": "ms"})
            rows += click_rows(page)
            context.close()
    finally:
        server.stop()
    return rows


def rows() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="fprl-bench-widgets-") as tmp:
        tmp = Path(tmp)
        return memory_rows(tmp) + browser_rows(tmp)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="fprl-bench-env-") as env:
        harness.apply_environment(harness.isolate_environment(Path(env)))
        for row in rows():
            print(f"{row['what']:<100} {row['value']!s:>8} {row['unit']}")
