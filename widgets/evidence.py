"""What a verdict rests on, and how far to trust each source's address: small pure renderers.

Used wherever the kit shows a claim's verdict or its sources (the verdict feedback of ClaimMarker, the printed answer
key), so a student always sees the basis next to the verdict and never meets a repost, an aggregator or an unchecked
address without being told. Also the notice shown on every view of an article written for the kit.
Every piece of case text is HTML-escaped here.
"""
from __future__ import annotations

from html import escape as esc

from widgets import vocab

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
        warnings.append("address not checked: it may be wrong or gone; search for the title")
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
    for warning in source_warnings(source):
        line += f" **Caution, {warning}.**"
    return line


def source_html(source, case_folder_name=None) -> str:
    """One source as an HTML list item: linked title, publisher and date, kind, cautions, archive link, kit file."""
    title = esc(source.title)
    if _is_web(source.url):
        title = f'<a href="{esc(source.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    details = ", ".join(esc(str(part)) for part in (source.publisher, source.date) if part)
    out = f"{title} ({details}; {esc(source.kind)})."
    for warning in source_warnings(source):
        out += f' <b style="color:#b35806">Caution, {esc(warning)}.</b>'
    if _is_web(source.archive_url):
        out += (f' <a href="{esc(source.archive_url)}" target="_blank" rel="noopener noreferrer">'
                "Look for an archived copy</a>.")
    if source.public_domain and source.file:
        folder = f"{case_folder_name}/" if case_folder_name else ""
        out += f" Public domain: the full text is in the kit at <code>{esc(folder + source.file)}</code>."
    return f"<li>{out}</li>"


def evidence_html(case, claim) -> str:
    """The basis of the key's verdict and the sources behind it, as shown after a student commits a verdict."""
    basis = basis_text(claim)
    head = f"<p><b>{esc(basis.split(':', 1)[0])}:</b>{esc(basis.split(':', 1)[1])}</p>" if basis else ""
    folder = case.path.name if case.path is not None else None
    rows = [source_html(case.source(source_id), folder) for source_id in claim.evidence]
    if not rows:
        return head + "<p>The key cites no source for this claim.</p>"
    return f"{head}<p><b>Evidence:</b></p><ul>{''.join(rows)}</ul>"


def kit_notice_html(case) -> str:
    """A visible notice for an article written for the kit; '' for a real article."""
    if not getattr(case, "written_for_kit", False):
        return ""
    return ('<div class="fprl-kit-notice" role="note" style="border:2px dashed #5e3c99; padding:0.4em 0.6em; '
            f'margin:0.3em 0; max-width:46em"><b>{esc(KIT_ARTICLE_NOTICE.split(":", 1)[0])}:</b>'
            f"{esc(KIT_ARTICLE_NOTICE.split(':', 1)[1])}</div>")


def kit_notice_text(case) -> str:
    """The same notice as plain text, for printed output and reprs; '' for a real article."""
    return KIT_ARTICLE_NOTICE if getattr(case, "written_for_kit", False) else ""
