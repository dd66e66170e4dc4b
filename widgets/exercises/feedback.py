"""Feedback as students see it: the one place that turns grading's structured results (widgets/grading/results.py)
into HTML. Every piece of case or student text is escaped (markupsafe); badges carry a symbol and a word, so the
verdict never depends on colour alone.
"""
from __future__ import annotations

from markupsafe import Markup

from widgets import palette
from widgets.grading.results import Grade, ItemFeedback, Status

NO_KEY_MARKS = "This article has no answer key. Compare your marks with a classmate's."
NO_KEY_LABELS = "This article has no answer key. Compare your answer with a classmate's and talk about the reasons."


def badge(status: str, word: str | None = None) -> Markup:
    """A feedback badge: symbol + word + colour class (fprl-mark-right / -partly / -wrong)."""
    symbol, default, _colour = {"right": palette.RIGHT, "partly": palette.PARTLY, "wrong": palette.WRONG}[status]
    return Markup('<span class="fprl-mark fprl-mark-{}">{} {}</span>').format(status, symbol, word or default)


def quoted(text) -> Markup:
    return Markup("“{}”").format(text)


def _list(lines) -> Markup:
    return Markup("<ul>{}</ul>").format(Markup("").join(Markup("<li>{}</li>").format(line) for line in lines))


def summary_html(grade: Grade) -> Markup:
    """The score line of an exercise."""
    if not grade.total and not grade.answered:
        return Markup("<p>Nothing answered yet.</p>")
    if not grade.total:   # a case without an answer key (for example one built from your own text)
        return Markup("<p><strong>No answer key for this case</strong>, so there is no score ({} answered). "
                      "Compare your answers with your class instead.</p>").format(grade.answered)
    partial = ""
    if grade.partial:
        partial = f" With partial credit for defensible or partly right answers: {grade.points:g} of {grade.total}."
    return Markup("<p><strong>Score: {} of {} {}</strong> match the key ({} answered).{}</p>").format(
        grade.correct, grade.total, grade.unit, grade.answered, partial)


def item_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """One item's feedback as HTML ("" while unanswered)."""
    if feedback.problem:
        return Markup("<p>This saved answer could not be read: {}</p>").format(feedback.problem)
    if feedback.status == Status.UNANSWERED:
        return Markup("")
    if feedback.status == Status.UNGRADED and feedback.kind in MARKING:
        return Markup("<p>{}</p>").format(NO_KEY_MARKS)
    return RENDERERS.get(feedback.kind, choice_html)(case, item_id, feedback)


def choice_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """The words for any exercise without renderer of its own: per part of the answer, the student's choice and
    the key's, then the key's reasons."""
    lines = []
    for part in feedback.matched:
        if part.status == Status.RIGHT:
            lines.append(Markup("{}: you said <b>{}</b>, as the key does.").format(badge("right"), part.choice))
        else:
            lines.append(Markup("{}: you said <b>{}</b>; the key says <b>{}</b>.").format(
                badge("partly" if part.status == Status.PARTLY else "wrong"), part.choice, part.key_choice))
    reasons = [Markup("<p>{}</p>").format(r.text) for r in feedback.reasons]
    return (_list(lines) if lines else Markup("")) + Markup("").join(reasons)


# ---------------------------------------------------------------------------------------------- fact or opinion

def fact_opinion_html(case, item_id, feedback: ItemFeedback) -> Markup:
    if feedback.status == Status.UNGRADED:
        return Markup("<p>{}</p>").format(NO_KEY_LABELS)
    label, sourcing = feedback.matched
    lines = [_label_line(label), _sourcing_line(sourcing)]
    parts = [_list(lines)]
    for reason in feedback.reasons:
        if reason.kind == "why":
            parts.append(Markup("<p><b>Why the key says {}:</b> {}</p>").format(reason.subject, reason.text))
        elif reason.kind == "note":
            parts.append(Markup("<p>{}</p>").format(reason.text))
    others = [r for r in feedback.reasons if r.kind == "alternative"]
    if others:
        parts.append(Markup("<p>Other labels a careful reader could defend:</p>") + _alternatives(others))
    return Markup("").join(parts)


def _alternatives(reasons) -> Markup:
    return _list(Markup("<b>{}</b>: {}").format(r.subject, r.text) for r in reasons)


def _label_line(part) -> Markup:
    if part.status == Status.RIGHT:
        return Markup("{}: you labelled it <b>{}</b>, as the key does.").format(badge("right"), part.choice)
    if part.status == Status.PARTLY:
        return Markup("{}: you said <b>{}</b>; the key says <b>{}</b> but accepts <b>{}</b> as defensible "
                      "(half credit): {}").format(badge("partly"), part.choice, part.key_choice, part.choice,
                                                  part.accepted_why)
    return Markup("{}: you said <b>{}</b>; the key says <b>{}</b>.").format(badge("wrong"), part.choice,
                                                                           part.key_choice)


def _sourcing_line(part) -> Markup:
    if part.status == Status.RIGHT:
        return Markup("{}: sourcing <b>{}</b>, as in the key.").format(badge("right"), part.choice)
    if part.status == Status.PARTLY:
        return Markup("{}: you said sourcing <b>{}</b>; the key says <b>{}</b> but accepts <b>{}</b> as defensible "
                      "(half credit): {} The key prefers its own because: {}").format(
            badge("partly"), part.choice, part.key_choice, part.choice, part.accepted_why, part.key_about)
    return Markup("{}: you said sourcing <b>{}</b>; the key says <b>{}</b>. {}").format(
        badge("wrong"), part.choice, part.key_choice, part.key_about)


# ---------------------------------------------------------------------------------------------- marking

def _count(found: int, possible: int, what: str) -> Markup:
    return Markup("<p>{} of {} {}(s) in this sentence found.</p>").format(found, possible, what)


def _phrases(phrases) -> Markup:
    return Markup(", ").join(quoted(p) for p in phrases)


def _near_line(match, what="the claim") -> Markup:
    return Markup("Your mark {} touches {}{} but covers too little of it (or too much besides) to count.").format(
        quoted(match.given[0]), what + " " if what else "", quoted(match.key_text))


def actors_html(case, item_id, feedback: ItemFeedback) -> Markup:
    lines = []
    for found in feedback.matched:
        kind = (Markup("{}: {}").format(badge("right", "Right kind"), found.key_choice)
                if found.status == Status.RIGHT else
                Markup("{}: you said {}; the key says {}").format(badge("wrong", "Other kind"), found.choice,
                                                                  found.key_choice))
        lines.append(Markup("Found <b>{}</b> ({}). {}. <i>Role:</i> {}").format(
            found.key_text, _phrases(found.given), kind, found.why))
    for actor in feedback.missed:
        lines.append(Markup("{} <b>{}</b> ({}), named here as {}. <i>Role:</i> {}").format(
            badge("wrong", "Missed"), actor.key_text, actor.key_choice, _phrases(actor.key_phrases), actor.why))
    for other in feedback.other:
        lines.append(Markup("{} names <b>{}</b>, but the key does not mark it in this sentence (not counted for or "
                            "against you). <i>Role:</i> {}").format(quoted(other.given[0]), other.key_text,
                                                                     other.why))
    for extra in feedback.extra:
        lines.append(Markup("{}: {} is not an actor in the key.").format(badge("wrong", "Extra"),
                                                                           quoted(extra.given[0])))
    if not lines:
        lines.append(Markup("{}: the key marks no actor in this sentence, and neither did you.").format(
            badge("right")))
    return _count(len(feedback.matched), feedback.possible, "actor") + _list(lines)


def claims_html(case, item_id, feedback: ItemFeedback) -> Markup:
    lines = []
    for joined in feedback.other:
        names = Markup(" and ").join(quoted(text) for text in joined.key_phrases)
        lines.append(Markup("Your mark {} covers {} claims of the key: {}. Each counts. They are separate claims, "
                            "which could be checked one by one: next time mark each on its own (use <b>Split</b> to "
                            "cut a phrase in two).").format(quoted(joined.given[0]), len(joined.key_phrases), names))
    for found in feedback.matched:
        lines.append(Markup("Found the claim {}. {}. <i>Key's note:</i> {}").format(
            quoted(found.key_text), _claim_sourcing(found), found.why))
    for claim in feedback.missed:
        lines.append(Markup("{} the claim {} (sourcing: {}). <i>Key's note:</i> {}").format(
            badge("wrong", "Missed"), quoted(claim.key_text), claim.key_choice, claim.why))
    lines += [_near_line(near) for near in feedback.near]
    for extra in feedback.extra:
        lines.append(Markup("{}: the key has no checkable claim at {}.").format(badge("wrong", "Extra"),
                                                                                 quoted(extra.given[0])))
    if not lines:
        lines.append(Markup("{}: the key finds no checkable claim here, and neither did you.").format(
            badge("right")))
    return _count(len(feedback.matched), feedback.possible, "claim") + _list(lines)


def _claim_sourcing(found) -> Markup:
    if found.status == Status.RIGHT:
        return Markup("{}: {}").format(badge("right", "Right sourcing"), found.key_choice)
    if found.status == Status.PARTLY:
        return Markup("{}: you said {}, which the key accepts as defensible: {} The key prefers {}: {}").format(
            badge("partly", "Defensible sourcing"), found.choice, found.accepted_why, found.key_choice,
            found.key_about)
    return Markup("{}: you said {}; the key says {}. {}").format(badge("wrong", "Other sourcing"), found.choice,
                                                                 found.key_choice, found.key_about)


# ---------------------------------------------------------------------------------------------- verdicts

def verdicts_html(case, item_id, feedback: ItemFeedback) -> Markup:
    from widgets.evidence import evidence_html   # the basis, the source kinds and cautions (issue 14)
    from widgets.grading.verdicts import claim_by_id
    (verdict,) = feedback.matched
    key = Markup("<b>{}</b> ({})").format(verdict.key_choice, verdict.key_about)
    if verdict.status == Status.RIGHT:
        head = Markup("<p>{}: the key's verdict is also {}</p>").format(badge("right"), key)
    elif verdict.status == Status.PARTLY:
        head = Markup("<p>{}: you said <b>{}</b>, which the key accepts as defensible (half credit): {} The key "
                      "prefers {}; its reason is below.</p>").format(badge("partly", "Defensible"), verdict.choice,
                                                                     verdict.accepted_why, key)
    else:
        head = Markup("<p>{}: you said <b>{}</b>; the key's verdict is {}</p>").format(badge("wrong"),
                                                                                        verdict.choice, key)
    why = next(r.text for r in feedback.reasons if r.kind == "why")
    others = [r for r in feedback.reasons if r.kind == "alternative"]
    also = (Markup("<p>Other verdicts a careful reader could defend:</p>") + _alternatives(others)) if others else ""
    evidence = Markup(evidence_html(case, claim_by_id(case, item_id)))
    return head + Markup("<p><b>Why:</b> {}</p>{}{}").format(why, also, evidence)


def responses_html(case, item_id, feedback: ItemFeedback) -> Markup:
    return Markup("<p>Saved. There is no single right answer here.</p>") if feedback.correct else Markup("")


MARKING = {"actors", "claims", "framing"}
RENDERERS = {"fact_opinion": fact_opinion_html, "actors": actors_html, "claims": claims_html,
             "verdicts": verdicts_html, "responses": responses_html}


def framing_html(case, item_id, feedback: ItemFeedback) -> Markup:
    lines = []
    for found in feedback.matched:
        name = (Markup("{} and named right ({})").format(badge("right", "Found"), found.key_choice)
                if found.status == Status.RIGHT else
                Markup("{}; you called it {}, the key calls it {}").format(badge("partly", "Found"), found.choice,
                                                                          found.key_choice))
        lines.append(Markup("{}: {}. <i>Key:</i> {}").format(quoted(found.key_text), name, found.why))
    for device in feedback.missed:
        lines.append(Markup("{} {} ({}). <i>Key:</i> {}").format(badge("wrong", "Missed"), quoted(device.key_text),
                                                                 device.key_choice, device.why))
    lines += [_near_line(near, "") for near in feedback.near]
    for extra in feedback.extra:
        lines.append(Markup("{}: the key marks no device at {}.").format(badge("wrong", "Extra"),
                                                                          quoted(extra.given[0])))
    for ignored in feedback.other:
        lines.append(Markup("{} is where the key notes an omission (something left out); omissions are not counted "
                            "here. Lesson 5 shows them next.").format(quoted(ignored.given[0])))
    if not lines:
        lines.append(Markup("{}: the key marks no device here, and neither did you.").format(badge("right")))
    return _count(len(feedback.matched), feedback.possible, "device") + _list(lines)


RENDERERS["framing"] = framing_html


def sentence_block(inner) -> Markup:
    """A sentence of the article as the exercises show it (`inner` is escaped unless it is Markup)."""
    return Markup('<blockquote class="fprl-quote">{}</blockquote>').format(inner)


def title_block(heading: str, body: Markup) -> Markup:
    """An exercise's title and instructions."""
    return Markup('<h4 class="fprl-title">{}</h4>').format(heading) + body


def skills_html(case, item_id, feedback: ItemFeedback) -> Markup:
    """A skills-check statement after the form is committed: the key and why, with links to check it."""
    (part,) = feedback.matched
    links = Markup(", ").join(Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(u, u)
                              for u in part.key_phrases)
    sources = Markup("<br><small>Check it: {}</small>").format(links) if part.key_phrases else ""
    key = Markup("The key says <b>{}</b>. {}{}").format(part.key_choice, part.why, sources)
    if not part.choice:
        return Markup("<p>{} (counts as wrong). {}</p>").format(badge("wrong", "Not answered"), key)
    return Markup("<p>{}: you said {}. {}</p>").format(badge(str(part.status)), part.choice, key)


RENDERERS["skills"] = skills_html
