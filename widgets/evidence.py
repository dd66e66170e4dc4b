"""What a verdict rests on, and how far to trust each source's address: small pure renderers.

Used wherever the kit shows a claim's verdict or its sources (the verdict feedback of ClaimMarker, the printed answer
key), so a student always sees the basis next to the verdict and never meets a repost, an aggregator or an unchecked
address without being told. Also the notice shown on every view of an article written for the kit.
Every piece of case text is HTML-escaped (the templates evidence*.html.j2 and kit_notice.html.j2).
"""
from __future__ import annotations

from widgets import vocab
from widgets.render import render

# Source kinds a student must be warned about wherever the source is shown.
WEAK_KINDS = ("repost", "aggregator")

KIT_ARTICLE_NOTICE = ("Written for the kit: no outlet published this article. It re-tells real events for practice, "
                      "and its claims can be checked against the same sources as the other cases.")


def basis_text(claim) -> str:
    """'Basis of the verdict: primary-record (The primary record: ...)', or '' when the claim has no basis."""
    if not claim.basis:
        return ""
    return f"Basis of the verdict: {claim.basis} ({vocab.BASIS_DESCRIPTIONS.get(claim.basis, '').rstrip('.')})"


def source_warnings(source) -> list:
    """Plain-text cautions about a source's address: a repost or aggregator, an address nobody checked."""
    warnings = []
    if source.kind in WEAK_KINDS:
        description = vocab.SOURCE_KIND_DESCRIPTIONS[source.kind].rstrip(".")
        warnings.append(f"{source.kind}: {description[:1].lower()}{description[1:]}")
    if not source.verified:
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


def evidence_html(case, claim) -> str:
    """The basis of the key's verdict and the sources behind it, as shown after a student commits a verdict."""
    basis = basis_text(claim)
    folder = case.path.name if case.path is not None else None
    return str(render("evidence.html.j2", basis=basis.split(":", 1) if basis else None,
                      items=[_source_item(case.source(source_id), folder) for source_id in claim.evidence]))


def kit_notice_html(case) -> str:
    """A visible notice for an article written for the kit; '' for a real article."""
    if not getattr(case, "written_for_kit", False):
        return ""
    head, rest = KIT_ARTICLE_NOTICE.split(":", 1)
    return str(render("kit_notice.html.j2", head=head, rest=rest))


def kit_notice_text(case) -> str:
    """The same notice as plain text, for printed output and reprs; '' for a real article."""
    return KIT_ARTICLE_NOTICE if getattr(case, "written_for_kit", False) else ""
