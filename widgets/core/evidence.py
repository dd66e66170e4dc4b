"""What a verdict rests on, and how far to trust each source's address: small pure renderers.

Used wherever the kit shows a claim's verdict or its sources (the verdict feedback of ClaimMarker, the printed answer
key), so a student always sees the basis next to the verdict and never meets a repost, an aggregator or an unchecked
address without being told. Also the notice shown on every view of an article written for the kit.
Every piece of case text is HTML-escaped (the templates evidence*.html.j2 and kit_notice.html.j2).
"""
from __future__ import annotations

from widgets.core import vocab
from widgets.core.render import render

# Source kinds a student must be warned about wherever the source is shown.
WEAK_KINDS = ("repost", "aggregator")

# How each form of excerpt (evidence.yaml) is labelled wherever a student reads it.
EXCERPT_FORMS = {
    "quote": "Quoted word for word from a public-domain U.S. government text stored with the kit.",
    "paraphrase": "The kit's summary in its own words (short quoted phrases only), not the source's text.",
}

KIT_ARTICLE_NOTICE = ("Written for the kit: no outlet published this article. It re-tells real events for practice, "
                      "and its claims can be checked against the same sources as the other cases.")


def basis_text(claim) -> str:
    """'Basis of the verdict: primary-record (The primary record: ...)', or '' when the claim has no basis."""
    if not claim.basis:
        return ""
    return f"Basis of the verdict: {claim.basis} ({vocab.BASIS_DESCRIPTIONS.get(claim.basis, '').rstrip('.')})"


def source_warnings(source, brief: bool = False) -> list:
    """Plain-text cautions about a source's address: a repost or aggregator, an address nobody checked. ``brief``
    names them only (a student reading evidence between two verdicts); the reasons are in the key and its sources."""
    warnings = []
    if source.kind in WEAK_KINDS:
        description = vocab.SOURCE_KIND_DESCRIPTIONS[source.kind].rstrip(".")
        warnings.append(source.kind if brief else f"{source.kind}: {description[:1].lower()}{description[1:]}")
    if not source.verified and brief:
        warnings.append("address not checked")
    elif not source.verified:
        why = " ".join((source.why_unverified or "").split()).rstrip(".")
        warnings.append(f"address not checked: {why}" if why
                        else "address not checked: it may be wrong or gone; search for the title")
    return warnings


def _is_web(url) -> bool:
    return bool(url) and url.startswith(("https://", "http://"))


def source_text(source) -> str:
    """One line of plain text (Markdown-safe apart from the title) for a printed list of sources."""
    parts = [source.title, source.publisher]
    if source.date:
        parts.append(str(source.date))
    line = ", ".join(" ".join(str(p).split()) for p in parts) + f". Kind: {source.kind}."
    if source.url:
        line += f" <{source.url}>"
    if source.archive_url:
        line += f" Archive lookup: <{source.archive_url}>"
    if source.verified and source.checked:
        line += f" Text read at this address on {source.checked}."
    for warning in source_warnings(source):
        line += f" **Caution, {warning}.**"
    return line


def _source_item(source, case_folder_name=None) -> dict:
    """What templates/evidence_macros.html.j2 shows of one source (links only to web addresses)."""
    folder = f"{case_folder_name}/" if case_folder_name else ""
    return {"title": source.title, "url": source.url if _is_web(source.url) else None,
            "details": ", ".join(str(part) for part in (source.publisher, source.date) if part), "kind": source.kind,
            "warnings": source_warnings(source),
            "archive_url": source.archive_url if _is_web(source.archive_url) else None,
            "file": folder + source.file if source.public_domain and source.file else None}


def source_html(source, case_folder_name=None) -> str:
    """One source as an HTML list item: linked title, publisher and date, kind, cautions, archive link, kit file."""
    return str(render("evidence_source.html.j2", item=_source_item(source, case_folder_name)))


def evidence_html(case, claim, with_basis=True) -> str:
    """The basis of the key's verdict and the sources behind it, as shown after a student commits a verdict
    (``with_basis=False``: the sources only, for a claim the kit has no excerpts for, between two verdicts)."""
    basis = basis_text(claim) if with_basis else ""
    folder = case.path.name if case.path is not None else None
    return str(render("evidence.html.j2", basis=basis.split(":", 1) if basis else None,
                      items=[_source_item(case.source(source_id), folder) for source_id in claim.evidence]))


def excerpt_words(case, claim_id) -> int:
    """How many words of excerpts a student reads about the claim between the two verdicts (0 when none)."""
    entry = case.evidence_for(claim_id)
    return sum(len(excerpt.text.split()) for excerpt in entry.excerpts) if entry else 0


def reading_html(case, claim) -> str:
    """What a student reads between the two verdicts: the excerpts (source, date, form) and the timeline events
    that bear on the claim. Never the basis or the key's verdict; '' when the case has no excerpts for the claim."""
    entry = case.evidence_for(claim.id)
    if entry is None:
        return ""
    published = (case.meta.get("published") or {}).get("earliest") or "9999"

    def later(date):                        # after the earliest date the article could have appeared
        return str(date) > str(published)

    excerpts = []
    for excerpt in entry.excerpts:
        source = case.source(excerpt.source)
        excerpts.append({"source": f"{source.title}, {source.publisher}", "date": excerpt.date,
                         "later": later(excerpt.date), "form": EXCERPT_FORMS[excerpt.form], "text": excerpt.text,
                         "warnings": source_warnings(source, brief=True)})
    events = [{"date": event.date, "event": event.event, "later": later(event.date)}
              for event in map(case.timeline_event, entry.timeline)]
    return str(render("evidence_reading.html.j2", excerpts=excerpts, events=events,
                      words=excerpt_words(case, claim.id)))


def kit_notice_html(case) -> str:
    """A visible notice for an article written for the kit; '' for a real article."""
    if not getattr(case, "written_for_kit", False):
        return ""
    head, rest = KIT_ARTICLE_NOTICE.split(":", 1)
    return str(render("kit_notice.html.j2", head=head, rest=rest))


def kit_notice_text(case) -> str:
    """The same notice as plain text, for printed output and reprs; '' for a real article."""
    return KIT_ARTICLE_NOTICE if getattr(case, "written_for_kit", False) else ""


def between_verdicts_html(case, claim) -> str:
    """What VerdictBeforeAfter shows between a claim's two verdicts: its excerpts and timeline events
    (`reading_html`), or, for a case without excerpts for it, a pointer to its sources (no basis, no key's verdict).
    The time model (widgets.core.timing) counts these words, so the two never disagree."""
    return reading_html(case, claim) or (
        "<p>The kit has no excerpts for this claim: look up its sources before your second verdict.</p>"
        + evidence_html(case, claim, with_basis=False))
