"""What the hand-in service shows: the class summary as JSON, the live class page and the projector page.

Pure (no tornado, no ipywidgets): results in, text out. The pages are the class report's own page
(widgets/classroom/report.py) with a live header, or templates in widgets/core/render/templates/hub_*.html.j2
(autoescaped). The projector page is built from label counts only, so no student name or id can reach it.
"""
from __future__ import annotations

from markupsafe import Markup

from widgets.core import vocab
from widgets.core.grading.registry import EXERCISE_TITLES
from widgets.core.render import render, style_element


REFRESH_SECONDS = 2          # the live pages ask for the newest id this often (the issue asks for 5 s at most)
PROJECTOR_ITEMS = 10         # disputed sentences the projector steps through


def progress_rows(progress) -> list:
    """Per exercise (lesson step): its title, students who started it and students who answered every item
    assigned to them, from the latest of each student's hand-ins and saved answers."""
    rows = []
    for exercise in progress.exercises:
        details = [score.details.get(exercise) for score in progress.scores]
        started = sum(1 for d in details if d is not None and d.answered)
        finished = sum(1 for d in details if d is not None and d.assigned and d.answered >= len(d.assigned))
        rows.append({"exercise": exercise, "title": EXERCISE_TITLES.get(exercise, exercise),
                     "started": started, "finished": finished, "students": len(progress.scores)})
    return rows


def disputed_items(results, n: int = PROJECTOR_ITEMS) -> list:
    """The most disputed sentences as counts only: id, text, counts per label, the key (names never)."""
    return [{"id": s.id, "text": s.text, "counts": dict(s.counts), "answered": s.answered, "key": s.key_label,
             "rationale": s.rationale} for s in results.most_disputed(n)]


def class_json(results, progress, cases: list, latest: int) -> dict:
    """The class summary the report computes, as JSON (GET api/class)."""
    return {
        "case": results.case_id, "title": results.title, "cases": cases, "latest": latest,
        "students": len(results.scores), "has_key": results.has_key,
        "alpha": results.alpha, "alpha_note": results.alpha_note,
        "discussion": disputed_items(results, 5),
        "scores": [{"student": s.student, "file": s.file, "handed_in": s.handed_in,
                    "scores": {k: list(v) for k, v in s.scores.items()}, "answered": s.answered,
                    "problems": s.problems, "key_shown": s.key_shown} for s in results.scores],
        "progress": progress_rows(progress),
        "left_out": [{"file": r.name, "reason": r.reason} for r in results.rejected + results.superseded],
        "flagged": [{"file": r.name, "reason": r.reason} for r in results.flagged],
    }


def _live_script(latest: int, xsrf: str) -> Markup:
    return Markup(str(render("hub_live_script.html.j2", latest=latest, refresh_ms=REFRESH_SECONDS * 1000, xsrf=xsrf)))


def class_page(results, progress, cases: list, latest: int, hub_url: str, xsrf: str = "") -> str:
    """The report page of the class so far, with the live header (progress, cases) and the refresh script."""
    header = str(render("hub_class.html.j2", results=results, progress=progress_rows(progress) if progress else [],
                        cases=cases, hub_url=hub_url, refresh=REFRESH_SECONDS))
    if results is None:
        return str(render("hub_page.html.j2", title="Live class view", style=style_element(), body=Markup(header),
                          script=_live_script(latest, xsrf)))
    page = results.to_html()
    # The report's page has one <main> and one </body>: the live header opens the page, the script closes it.
    assert page.count("<main>") == 1 and page.count("</body>") == 1
    page = page.replace("<main>", "<main>\n" + header, 1)
    return page.replace("</body>", str(_live_script(latest, xsrf)) + "\n</body>", 1)


def projector_page(results, progress, cases: list, latest: int, hub_url: str, xsrf: str = "") -> str:
    """Large type, one disputed sentence at a time, the class's labels as counts and bars; the key appears only
    when the teacher presses K. Built from counts alone: no name or id of a student is passed in."""
    items = disputed_items(results) if results is not None else []
    for item in items:
        top = max(item["counts"].values(), default=0) or 1
        item["bars"] = [{"label": label, "count": item["counts"][label], "width": round(100 * item["counts"][label] / top)}
                        for label in vocab.LABELS]
    body = render("hub_projector.html.j2", items=items, title=results.title if results else "",
                  students=len(results.scores) if results else 0)
    return str(render("hub_page.html.j2", title="Projector", style=style_element(), body=body,
                      script=_live_script(latest, xsrf)))


def error_page(status: int, message: str) -> str:
    body = render("hub_error.html.j2", status=status, message=message)
    return str(render("hub_page.html.j2", title=f"Error {status}", style=style_element(), body=body, script=""))
