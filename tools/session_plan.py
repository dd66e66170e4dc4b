"""Generate the class plans, the lessons' minutes and the printable packets from the time model and the lessons.

    python tools/session_plan.py            # (re)write the files below
    python tools/session_plan.py --check    # exit 1 when any of them differs from what the model and lessons say

Every minute comes from the time model (widgets/core/timing.py, rates in widgets/core/data/time_model.yaml): it is written
into each lesson's metadata (steps, teaching, exercise and short-path minutes; the header cell prints them) and into
the "Timing" paragraph of its instructor notes, so the lessons cannot disagree with the plans. The plans for two and
three 50-minute periods (lessons/instructor/session_plan*.md and plan_*.json) are `python -m widgets plan`'s output
(widgets/core/planning.py, steps chosen in widgets/core/data/class_plans.yaml). tests/unit/test_session_plan.py fails when a
committed file drifts. After a lesson changes, run this, then re-execute the lessons whose header changed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

KIT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(KIT))

import nbformat  # noqa: E402

from widgets import lesson  # noqa: E402
from widgets.core import planning, timing, vocab  # noqa: E402
from widgets.core.loading import load_case  # noqa: E402

LESSONS = KIT / "lessons"
INSTRUCTOR = LESSONS / "instructor"
PRIMER = LESSONS / "primer.ipynb"
PLAN = INSTRUCTOR / "session_plan.md"                      # two periods: the kit's short path
WORKSHEETS = INSTRUCTOR / "worksheets.html"                # the print packet, student copy (no answers)
WORKSHEETS_TEACHER = INSTRUCTOR / "worksheets_teacher.html"  # the same packet with the key
CASE = KIT / "seeds" / "biden-china-2022"
PERIOD = lesson.CLASS_PERIOD_MINUTES
PLANS = {2: (PLAN, INSTRUCTOR / "plan_2x50.json"),
         3: (INSTRUCTOR / "session_plan_3_periods.md", INSTRUCTOR / "plan_3x50.json")}
TIMING = re.compile(r"^\*\*Timing[^\n]*(?:\n(?!\n)[^\n]*)*", re.MULTILINE)
EXERCISE_NAMES = {"fact_opinion": "fact or opinion", "actors": "actors", "claims": "claims", "framing": "framing",
                  "verdicts": "verdicts", "responses": "written answers"}


def plans() -> list[tuple[Path, dict]]:
    return [(path, lesson.lesson_plan(path)) for path in lesson.lesson_files(LESSONS)]


# --- The lessons' minutes ---------------------------------------------------------------------------------------

def timing_paragraph(plan: dict) -> str:
    """The instructor notes' Timing paragraph, from the plan's (model-computed) minutes."""
    parts = []
    for step in plan["steps"]:
        name = step["title"] + (" (full path: the other items)" if step.get("only") else "")
        parts.append(f"{name}, {step['minutes']} min{' (short path)' if step['short'] else ''}")
    total = plan["teaching_minutes"] + plan["exercise_minutes"]
    return ("**Timing** (computed by the kit's time model, `widgets/core/data/time_model.yaml`; the class plans use the "
            "same minutes). " + "; ".join(parts) + f". Short path {plan['short_path_minutes']} minutes, every step "
            f"{total} minutes.")


def lesson_notebooks() -> list[Path]:
    return [*lesson.lesson_files(LESSONS), PRIMER]


def updated_lessons() -> dict:
    """{notebook: its text with the model's minutes in its metadata and instructor notes}."""
    rows = timing.lesson_rows(lesson_notebooks())
    result = {}
    for path in lesson_notebooks():
        nb = nbformat.read(path, as_version=4)
        plan = nb.metadata[lesson.METADATA_KEY]
        plan.update(timing.plan_minutes(plan, rows[path.name]))
        short = [s["title"] for s in plan["steps"] if s["short"]]
        if short:
            plan["short_path"] = (f"In class: {'; '.join(dict.fromkeys(short))}."
                                  + (" The other steps at home." if len(short) < len(plan["steps"]) else ""))
        for cell in nb.cells:
            if timing.INSTRUCTOR_TAG in cell.metadata.get("tags", []) and cell.source.startswith("## For instructors"):
                paragraph = timing_paragraph(plan)
                if TIMING.search(cell.source):
                    cell.source = TIMING.sub(lambda _m, p=paragraph: p, cell.source, count=1)
                else:
                    head, _, rest = cell.source.partition("\n\n")
                    cell.source = f"{head}\n\n{paragraph}\n\n{rest}"
        result[path] = nbformat.writes(nb) + "\n"
    return result


# --- The class plans ----------------------------------------------------------------------------------------------

ITEM_NAMES = {"fact_opinion": ("sentence to label", "sentences to label"),
              "actors": ("sentence to tag", "sentences to tag"), "claims": ("sentence to mark", "sentences to mark"),
              "framing": ("sentence to mark", "sentences to mark"), "verdicts": ("verdict", "verdicts"),
              "verdicts_after": ("verdict after the evidence", "verdicts after the evidence"),
              "skills": ("statement", "statements"), "exit_tickets": ("question", "questions"),
              "warmup": ("statement", "statements"), "responses": ("written answer", "written answers"),
              "lateral_reading": ("finding", "findings")}


def _items_text(items: dict) -> str:
    """'4 sentences to label, 1 written answer' (the item kinds of the time model's rates)."""
    return ", ".join(f"{count} {ITEM_NAMES.get(kind, (kind, kind))[count != 1]}" for kind, count in items.items())


def _period_table(period) -> list[str]:
    lines = ["| Minutes | Lesson | Step | Words read | Items |", "|---|---|---|---|---|"]
    clock = 0
    for block in period.blocks:
        if block.kind == "step":
            number = int(block.lesson[:2])
            what = f"{block.heading}"
            lines.append(f"| {clock}-{clock + block.minutes} | {number} | {what} | {block.words} | "
                         f"{_items_text(block.items)} |")
        else:
            what = block.what
            if block.prompts:
                what += " " + " ".join(f"**({int(p['lesson'][:2])}.{p['question']})** {p['text']}" for p in block.prompts)
            lines.append(f"| {clock}-{clock + block.minutes} |  | {what} |  |  |")
        clock += block.minutes
    return lines


def plan_markdown(periods_count: int = 2) -> str:
    periods = planning.make_plan(periods_count, PERIOD)
    rates = timing.rates()
    other = 3 if periods_count == 2 else 2
    out = [
        f"# Session plan: {periods_count} periods of {PERIOD} minutes",
        "",
        "<!-- Generated by tools/session_plan.py from the time model and the lessons: do not edit by hand. -->",
        "",
        f"Made with `python -m widgets plan --periods {periods_count} --minutes {PERIOD}` (add `--json` for the data). "
        f"The plan for {other} periods is in [{PLANS[other][0].name}]({PLANS[other][0].name}).",
        "",
        "**Where the minutes come from.** Every step's minutes are computed from what it asks: the words a student",
        f"reads (the lesson's text, what its cells print, and the text its widgets show) at {rates['words_per_minute']}",
        "words per minute, plus a floor per answered item (" + ", ".join(
            f"{kind.replace('_', ' ')} {seconds} s" for kind, seconds in rates["seconds_per_item"].items()) + ").",
        "The rates and their sources are in `widgets/core/data/time_model.yaml`; the lessons' time boxes and instructor",
        "notes use the same minutes. Every period opens with logging in and ends with a discussion of named prompts",
        "and the hand-in; the discussion gets the minutes left over.",
        "",
        "The kit is built around one habit of good rating panels: **judge alone first, then compare, then discuss**",
        "(balanced panels rate on their own before they compare, as AllSides describes its editorial reviews,",
        "<https://www.allsides.com/media-bias/media-bias-rating-methods/editorial-reviews>). Every step below keeps that order:",
        "students commit their own answers in the widgets before they see the key.",
        "",
        "Before you teach, read [teaching_notes.md](teaching_notes.md) and skim the [answer key](answer_key.md).",
        "To see the class report before your class hands anything in, run",
        "[class_results.ipynb](class_results.ipynb): it builds a demonstration class of 40 simulated students.",
        "",
        "## What the locks protect, and what they do not",
        "",
        "Every part of a lesson that shows the key (the key tables, the framing highlights, the verdicts, the",
        "warm-up's answers) stays **locked** until the student has answered the items it would reveal; it then",
        "opens in place, and stays open after a restart. A student who scrolls ahead sees a lock, not the answers.",
        "A *Show the key anyway* button opens a view early; using it is recorded in the student's save file and",
        "hand-in, and the class report lists it per student. The locks do **not** hide the key from a student who",
        "opens the case files in `seeds/` (the key lives there, in plain text, by design) or this folder.",
        "",
        "## The short and the full path",
        "",
        "The short path is what the two-period plan assigns. Set it for the whole class once: write",
        f"`{{\"path\": \"short\"}}` into `{lesson.CLASS_FILE}` at the kit's root, or set `{lesson.PATH_ENV}=short` on a",
        "server; lesson 0 then shows it chosen and saves it. Without a setting each student chooses. The exercises",
        "ask the items of that path, as each lesson's plan names them; the summary page, the hand-in and the",
        "gradebook score over those items only, with partial credit for answers the key accepts as defensible.",
        "",
        "| Lesson | Short path asks | Full path asks |",
        "|---|---|---|",
    ]
    case = load_case(CASE)
    for _path, plan in plans():
        assign = plan.get("assign", {})
        if not assign:
            continue

        def asked(which, assign=assign):
            parts = []
            for exercise, items in assign.get(which, {}).items():
                ids = lesson.expand_items(items, exercise, case)
                parts.append(f"{EXERCISE_NAMES.get(exercise, exercise)}: "
                             + ("all " + str(len(ids)) if items == "all" else ", ".join(ids)))
            return "; ".join(parts)
        out.append(f"| {plan['number']}. {plan['title']} | {asked('short')} | {asked('full')} |")
    out += ["", "**On Binder** the work folder is gone at the next session: at the end of every period students",
            "press *Download all my work* (lesson 0 or 7) and keep the file; the next period starts with *Upload my",
            "work* (lesson 0), which restores every answer and never replaces a newer one."]
    for period in periods:
        out += ["", f"## Period {period.number} ({period.minutes} minutes)", ""] + _period_table(period)
    out += [
        "",
        "Between the periods (10 minutes): build the report from the hand-ins "
        "(`python -m widgets results FOLDER --out report.html --csv gradebook.csv --case seeds/biden-china-2022`)",
        "and pick two or three sentences the class split on to open the next period's discussion; the report's",
        "*Start the discussion here* section proposes them, and shows the exit tickets.",
        "",
        "## Every step, for a student working alone",
        "",
        "| Lesson | Step | Minutes | Short path |",
        "|---|---|---|---|",
    ]
    all_plans = plans()
    for _path, plan in all_plans:
        for step in plan.get("steps", []):
            name = step["title"] + (" (full path: the other items)" if step.get("only") else "")
            out.append(f"| {plan['number']}. {plan['title']} | {name} | {step['minutes']} | "
                       f"{'yes' if step['short'] else ''} |")
    full = sum(p["teaching_minutes"] + p["exercise_minutes"] for _, p in all_plans)
    out += [
        "",
        f"All steps of all lessons: {full} minutes, in several sittings.",
        "",
        "## If something goes wrong",
        "",
        "- **A student's hand-in is refused.** The report says why (for example \"the file is empty\" or \"for",
        "  another case\"). The student presses **Hand in my work** again and sends the new file; the report keeps",
        "  the latest.",
        "- **Two files from one student.** Nothing to do: the report counts the latest and lists the older one.",
        "- **No computers or no network.** Print the student packet, [worksheets.html](worksheets.html)",
        "  (generated from the same lesson plans, with no answers), one per student. Students answer on paper",
        "  alone, then compare in pairs; then you read the key's answers and reasons from your own copy,",
        "  [worksheets_teacher.html](worksheets_teacher.html). Do not hand out the answer key.",
        "- **The discussion turns into an argument about Biden, China or Russia.** Go back to the text: \"Which",
        "  words in this sentence show that?\" (teaching_notes.md, \"When it gets heated\").",
        "",
    ]
    return "\n".join(out)


def plan_json_text(periods_count: int) -> str:
    return json.dumps(planning.plan_json(planning.make_plan(periods_count, PERIOD)), indent=1, ensure_ascii=False) + "\n"


def _worksheet_task(exercise) -> tuple:
    """(instruction, descriptions of the choices) for a worksheet of `exercise`."""
    without_omission = [d for d in vocab.DEVICES if d != "omission"]
    return {"fact_opinion": ("Label each sentence and say how it is sourced. Circle one label: "
                             + " / ".join(vocab.LABELS) + "; and one sourcing: " + " / ".join(vocab.SOURCING) + ".",
                             [*vocab.LABEL_DESCRIPTIONS.values(), *vocab.SOURCING_DESCRIPTIONS.values()]),
            "actors": ("Underline every actor and write its kind above it: " + " / ".join(vocab.ACTOR_KINDS) + ".",
                       list(vocab.ACTOR_KIND_DESCRIPTIONS.values())),
            "claims": ("Underline each checkable claim and write its sourcing above it: " + " / ".join(vocab.SOURCING)
                       + ".", list(vocab.SOURCING_DESCRIPTIONS.values())),
            "framing": ("Underline the words that colour the story and write the device above each: "
                        + " / ".join(without_omission) + ".",
                        [vocab.DEVICE_DESCRIPTIONS[d] for d in without_omission])}[exercise]


def _worksheet(plan, exercise, ids, star, case) -> dict:
    """One lesson's worksheet for `exercise`: its items (star: on the short path) and the choices, no answers."""
    sheet = {"number": plan["number"], "title": plan["title"], "claims": None}
    if exercise == "verdicts":
        rows = []
        for claim in case.claims:
            if claim.id in ids:
                text = case.sentence(claim.sentence_id).text
                rows.append((claim.id in star, claim.id, text[:claim.start], text[claim.start:claim.end],
                             text[claim.end:]))
        return {**sheet, "choices": " / ".join(vocab.VERDICTS), "claims": rows,
                "descriptions": list(vocab.VERDICT_DESCRIPTIONS.values())}
    task, descriptions = _worksheet_task(exercise)
    return {**sheet, "task": task, "descriptions": descriptions,
            "answer": "label: ______ sourcing: ______" if exercise == "fact_opinion" else "",
            "sentences": [(i in star, i, case.sentence(i).text) for i in ids]}


def _passages_shown(notebook: Path) -> list[tuple[str, str]]:
    """(source id, phrase) of every show_passage(...) call in a lesson: the excerpts the lesson itself shows."""
    import ast

    found = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show_passage" and len(node.args) == 3:
                found.append((ast.literal_eval(node.args[1]), ast.literal_eval(node.args[2])))
    return found


def _evidence(case, claim_ids, notebook) -> list[dict]:
    """For each verdict claim: its sentence, the dated timeline entries and the primary excerpts behind it (the
    kit's words and public-domain text only), and the other sources by name."""
    from widgets.core.grading.verdicts import claim_by_id
    from widgets.core.lesson.passages import primary_passage

    passages = _passages_shown(notebook)
    result = []
    for claim_id in claim_ids:
        claim = claim_by_id(case, claim_id)
        text = case.sentence(claim.sentence_id).text
        sources = set(claim.evidence)
        result.append({
            "id": claim.id, "before": text[:claim.start], "claim": text[claim.start:claim.end],
            "after": text[claim.end:],
            "timeline": [(e.date, e.event) for e in case.timeline if sources & set(e.sources)],
            "excerpts": [(case.source(s), primary_passage(case, s, phrase)) for s, phrase in passages if s in sources],
            "others": [case.source(s) for s in claim.evidence if not case.source(s).public_domain],
        })
    return result


def _article_lines(case, width: int = 84) -> list[tuple[int, str]]:
    """The article as numbered lines, each sentence led by its id in brackets (the sheets name sentences by id)."""
    import textwrap

    lines = []
    for paragraph in case.paragraphs():
        text = " ".join(f"[{s.id}] {s.text}" for s in paragraph)
        lines += textwrap.wrap(text, width) + [""]
    return [(number, line) for number, line in enumerate(lines[:-1], 1)]


def packet_context(teacher: bool) -> dict:
    """What the print packet for the two-period plan holds, part by part, in the order the plan uses them."""
    from widgets.core.grading import exit_tickets, skills
    from widgets.core.grading.lateral import load_task

    case = load_case(CASE)
    periods = planning.make_plan(2, PERIOD)
    sections = []
    for period in periods:
        sections.append({"kind": "period", "number": period.number})
        for block in period.blocks:
            if block.kind != "step":
                continue
            plan = lesson.lesson_plan(LESSONS / block.lesson)
            shown = {name: (args, kwargs) for name, args, kwargs in block.calls}   # the step's widgets
            if "SkillsCheck" in shown:
                moment = shown["SkillsCheck"][0][0]
                sections.append({"kind": "skills", "title": skills.MOMENT_TITLES[moment],
                                 "form": skills.load_form(skills.unnamed_form(moment))})
            elif "ArticleView" in shown and "paragraphs" not in shown["ArticleView"][1]:   # the whole article
                sections.append({"kind": "article", "lines": _article_lines(case)})
            elif "LateralReading" in shown:
                sections.append({"kind": "lateral", "task": load_task()})
            elif "ExitTicket" in shown:
                ticket = exit_tickets.load_ticket(shown["ExitTicket"][0][1])
                sections.append({"kind": "ticket", "ticket": ticket, "period": period.number})
            else:
                short = plan.get("assign", {}).get("short", {})
                for exercise in block.items:
                    if exercise in ("responses", "verdicts_after"):
                        continue
                    ids = lesson.expand_items(short[exercise], exercise, case)
                    sheet = _worksheet(plan, exercise, ids, set(ids), case)
                    if exercise == "verdicts":
                        sheet["evidence"] = _evidence(case, ids, LESSONS / block.lesson)
                    if teacher:
                        sheet["key"] = {item: _key_lines(case, exercise, item) for item in ids}
                    sections.append({"kind": "sheet", "exercise": exercise, "sheet": sheet, "ids": ids})
    glossary = [("Actor kinds", vocab.ACTOR_KIND_DESCRIPTIONS), ("Sourcing", vocab.SOURCING_DESCRIPTIONS),
                ("Fact, opinion, mixed", vocab.LABEL_DESCRIPTIONS), ("Framing devices", vocab.DEVICE_DESCRIPTIONS),
                ("Verdicts", vocab.VERDICT_DESCRIPTIONS), ("Kinds of evidence", vocab.BASIS_DESCRIPTIONS)]
    return {"title": case.title, "teacher": teacher, "sections": sections, "glossary": glossary, "case": case,
            "lateral_reading": GLOSSARY_LATERAL}


def _key_lines(case, exercise: str, item: str) -> list[str]:
    """The teacher's copy: the key's answer to one item, with its reason (never in the student copy)."""
    from widgets.core.grading.verdicts import claim_by_id

    if exercise == "fact_opinion":
        sentence = case.sentence(item)
        return [f"{sentence.label}, {sentence.sourcing}: {sentence.rationale}"]
    if exercise == "actors":
        return [f"“{m.text}”: {actor.name} ({actor.kind})" for actor in case.actors for m in actor.mentions
                if m.sentence_id == item]
    if exercise == "claims":
        return [f"“{c.text}” ({c.sourcing})" for c in case.claims_in(item)]
    if exercise == "framing":
        return [f"“{f.text}”: {f.device}. {f.explanation}" for f in case.framing if f.sentence_id == item]
    claim = claim_by_id(case, item)
    return [f"{claim.verdict}: {claim.note}"]


GLOSSARY_LATERAL = ("Reading laterally: leaving the page to find out what other sources say about it, instead of "
                    "judging it by its own look or name (Civic Online Reasoning, https://cor.inquirygroup.org/).")


def worksheets_html(teacher: bool = False) -> str:
    """The print packet for the two-period plan (student copy: no answers; teacher's copy: with the key)."""
    from widgets.core.render import render, style_element

    context = packet_context(teacher)
    return str(render("print_packet.html.j2", style=style_element(), **context)) + "\n"


INDEX = LESSONS / "README.md"
INDEX_START, INDEX_END = "<!-- index: generated by widgets.lesson.index_table -->\n", "<!-- end of index -->"


def index_text() -> str:
    """lessons/README.md with its lesson table rebuilt from the lessons' (model-computed) minutes."""
    text = INDEX.read_text(encoding="utf-8")
    head, rest = text.split(INDEX_START, 1)
    return head + INDEX_START + lesson.index_table(LESSONS) + "\n" + INDEX_END + rest.split(INDEX_END, 1)[1]


def generated(lessons: bool = True) -> dict:
    """{path: text} of every generated file; the lessons first, since the plans read their metadata."""
    files = dict(updated_lessons()) if lessons else {}
    files[INDEX] = index_text()
    for count, (markdown, data) in PLANS.items():
        files[markdown] = plan_markdown(count)
        files[data] = plan_json_text(count)
    files[WORKSHEETS] = worksheets_html()
    files[WORKSHEETS_TEACHER] = worksheets_html(teacher=True)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a file is stale")
    args = parser.parse_args(argv)
    stale = []
    try:
        for periods in PLANS:                  # the plans first: a period that no longer fits stops everything
            planning.make_plan(periods, PERIOD)
    except planning.PlanError as error:
        print(f"error: {error} Adjust widgets/core/data/class_plans.yaml (or the lessons), then run this again.")
        return 1
    for path, text in updated_lessons().items():      # first: the plans read the lessons' minutes
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path, text in generated(lessons=False).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(KIT) if KIT in path.parents else path}")
        if stale:
            print("Run `python tools/session_plan.py` to regenerate.")
        return 1 if stale else 0
    print(f"Wrote {len(stale)} file(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
