"""The case format's rules across fields and files, checked after the schema (see CONTRIBUTING, "The case format").

Each rule takes the loading checker (``widgets.core.loading.CaseChecker``): ``checker.items(stem)`` gives the items of a
list file that passed the schema, ``checker.docs`` the files that passed whole, ``checker.report(stem, path,
message)`` adds a problem (its line found from the field path).
"""
import bisect
import re

from widgets.core.case_format import ARTICLE_FILE, LIST_STEMS
from widgets.core.schemas.wording import short

def check_ids(checker):
    for stem in LIST_STEMS:
        first_line = {}
        for index, item in checker.items(stem):
            path = (stem, index, "id")
            if item["id"] in first_line:
                checker.report(stem, path, f"duplicate id {item['id']!r} (first used at line "
                                        f"{first_line[item['id']]})")
            else:
                first_line[item["id"]] = checker.lines[stem].get(path)

def check_sentences(checker):
    sentences, article = checker.docs.get("sentences"), checker.article
    if sentences is None:
        return
    keyed = any(s["label"] is not None for s in sentences)
    for index, sentence in enumerate(sentences):
        for name in ("label", "sourcing", "rationale") if keyed else ():
            if sentence[name] is None:
                checker.report("sentences", ("sentences", index, name),
                            "is empty, but this case has an answer key: every sentence needs a label, "
                            "sourcing and rationale")
        numbered = re.fullmatch(r"p(\d+)s\d+", sentence["id"])
        if numbered and int(numbered[1]) != sentence["paragraph"]:
            checker.report("sentences", ("sentences", index, "paragraph"),
                        f"is {sentence['paragraph']} but id {sentence['id']!r} says paragraph {numbered[1]}")
    if article is None:
        return
    body = len(article) - len(article.lstrip())
    breaks = [m.end() for m in re.finditer(r"\n\s*\n", article) if m.start() >= body]
    spans, covered = [], 0                  # covered: article offset just after the previous sentence
    for index, sentence in enumerate(sentences):
        path, text = ("sentences", index, "text"), sentence["text"]
        at = article.find(text, covered)
        if at < 0:
            earlier = article.find(text)
            checker.report("sentences", path, "appears in article.txt before the sentence above it; sentences "
                                           "must be in article order" if earlier >= 0
                        else f"not found in article.txt: {_first_difference(text, article)}")
            continue
        spans.append((at, at + len(text)))
        covered = at + len(text)
        paragraph = bisect.bisect_right(breaks, at)
        if paragraph != bisect.bisect_right(breaks, covered - 1):
            checker.report("sentences", path, "runs across a paragraph break (a blank line) in article.txt")
        elif paragraph != sentence["paragraph"]:
            checker.report("sentences", ("sentences", index, "paragraph"),
                        f"is {sentence['paragraph']} but the text is in paragraph {paragraph} of article.txt "
                        "(0 = headline, then blocks separated by blank lines)")
    if len(spans) == len(sentences):       # every sentence found: is any article text left out?
        ends = [0] + [end for _, end in spans]
        for (start, _), previous_end in zip(spans + [(len(article), None)], ends):
            report_gap(checker, article, previous_end, start)

def report_gap(checker, article, start, end):
    """Report article text between two sentences that no sentence covers."""
    gap = article[start:end]
    if gap.strip():
        offset = start + len(gap) - len(gap.lstrip())
        checker.report(ARTICLE_FILE, (), f"this text is in no sentence of sentences.yaml: {short(gap.strip())}",
                    article.count("\n", 0, offset) + 1)

def check_spans(checker):
    if "sentences" not in checker.docs:
        return
    texts = {s["id"]: s["text"] for s in checker.docs["sentences"]}
    for index, actor in checker.items("actors"):
        for number, mention in enumerate(actor["mentions"]):
            check_span(checker, "actors", ("actors", index, "mentions", number), mention, texts)
    for stem in ("claims", "framing"):
        for index, item in checker.items(stem):
            check_span(checker, stem, (stem, index), item, texts)
    check_mention_overlaps(checker)

def check_mention_overlaps(checker):
    """Actor mentions in one sentence must not overlap: the ActorTagger marks each word for one actor only, so a
    student could never enter a nested key mention ("his" inside "his foreign minister")."""
    seen = {}                                   # sentence id -> [(start, end, actor id)]
    for index, actor in checker.items("actors"):
        for number, mention in enumerate(actor["mentions"]):
            start, end = mention["start"], mention["end"]
            for other_start, other_end, other in seen.get(mention["sentence"], ()):
                if start < other_end and other_start < end:
                    checker.report("actors", ("actors", index, "mentions", number),
                                f"{short(mention['text'])} overlaps a mention of {other!r} in sentence "
                                f"{mention['sentence']!r}; a student can mark each word for one actor only")
            seen.setdefault(mention["sentence"], []).append((start, end, actor["id"]))

def check_span(checker, stem, path, span, texts):
    sentence_id, start, end, text = span["sentence"], span["start"], span["end"], span["text"]
    if sentence_id not in texts:
        checker.report(stem, path + ("sentence",), f"no sentence with id {sentence_id!r} in sentences.yaml")
        return
    sentence = texts[sentence_id]
    if start >= end:
        checker.report(stem, path + ("end",), f"end ({end}) must be greater than start ({start})")
    elif end > len(sentence):
        checker.report(stem, path + ("end",), f"{end} is past the end of sentence {sentence_id!r} "
                                           f"({len(sentence)} characters)")
    elif sentence[start:end] != text:
        found = sentence.find(text)
        hint = (f"; that text is at start {found}, end {found + len(text)}" if found >= 0
                else "; that text is not in the sentence")
        checker.report(stem, path + ("text",), f"{short(text)} does not match sentence {sentence_id!r} "
                                            f"[{start}:{end}], which is {short(sentence[start:end])}{hint}")

def check_references(checker):
    if "sources" in checker.docs:
        known = {s["id"] for s in checker.docs["sources"]}
        for index, claim in checker.items("claims"):
            check_source_ids(checker, "claims", ("claims", index, "evidence"), claim["evidence"], known)
        for index, event in checker.items("timeline"):
            check_source_ids(checker, "timeline", ("timeline", index, "sources"), event["sources"], known)
    for index, source in checker.items("sources"):
        check_source_file(checker, index, source)
    keyed = any(s["label"] is not None for s in checker.docs.get("sentences") or ())
    for index, claim in checker.items("claims"):
        if keyed and not claim.get("basis"):
            checker.report("claims", ("claims", index), "has no 'basis', but this case has an answer key: say what the "
                                                     "verdict rests on (primary-record, original-report or "
                                                     "several-outlets)")
        if not claim["evidence"]:
            checker.report("claims", ("claims", index, "evidence"),
                        f"verdict {claim['verdict']!r} cites no evidence: list at least one source id")

def check_source_ids(checker, stem, path, ids, known):
    for number, source_id in enumerate(ids):
        if source_id not in known:
            checker.report(stem, path + (number,), f"no source with id {source_id!r} in sources.yaml")

def check_source_file(checker, index, source):
    path, name = ("sources", index, "file"), source.get("file")
    if not source["public_domain"]:
        return
    if not name:
        checker.report("sources", (path if "file" in source else path[:2]),
                    "a public-domain source needs 'file': the path of its copy inside the case folder")
        return
    try:
        file = (checker.folder / name).resolve()
    except (OSError, ValueError) as error:
        checker.report("sources", path, f"{name!r} is not a usable path: {error}")
        return
    if not file.is_relative_to(checker.folder.resolve()):
        checker.report("sources", path, f"{name!r} is outside the case folder; keep the copy inside it")
    elif not file.is_file():
        checker.report("sources", path, f"{name!r} is missing from the case folder")

def check_source_records(checker):
    """A source says how far it was checked: verified true with the date it was read, false with the reason; a copy
    names an original that is in the case."""
    known = {s["id"] for _, s in checker.items("sources")}
    for index, source in checker.items("sources"):
        verified = source.get("verified")
        if verified is False and not (source.get("why_unverified") or "").strip():
            checker.report("sources", ("sources", index, "verified"),
                           "is false but 'why_unverified' is empty: say why the text could not be read at this "
                           "address, and where its words were read instead")
        if verified is True and not source.get("checked"):
            checker.report("sources", ("sources", index, "verified"),
                           "is true but 'checked' is empty: give the date the text was read at this address")
        if verified is not False and source.get("why_unverified"):
            checker.report("sources", ("sources", index, "why_unverified"),
                           "is given but 'verified' is not false: drop it, or set verified: false")
        original = source.get("copy_of")
        if original is not None and (original == source["id"] or original not in known):
            checker.report("sources", ("sources", index, "copy_of"),
                           f"{original!r} is not another source in sources.yaml")


def check_evidence_quality(checker):
    """A verdict on the primary record rests on at least one source that was read; no verdict cites a copy (repost,
    aggregator, blog) of a source the case also holds: it cites the original."""
    sources = {s["id"]: s for _, s in checker.items("sources")}
    for index, claim in checker.items("claims"):
        cited = [sources[i] for i in claim["evidence"] if i in sources]
        if claim.get("basis") == "primary-record" and cited and all(s.get("verified") is False for s in cited):
            checker.report("claims", ("claims", index, "basis"),
                           "is primary-record but every source in 'evidence' is unverified: cite a source whose "
                           "text was read, or change the basis")
        for number, source_id in enumerate(claim["evidence"]):
            original = sources.get(source_id, {}).get("copy_of")
            if original in sources:
                checker.report("claims", ("claims", index, "evidence", number),
                               f"{source_id!r} is a copy of {original!r}, which is in the case: cite {original!r}")


def check_controls(checker):
    """A control (words that look like a device but are not spin) never covers the same words as a device."""
    items = checker.items("framing")
    devices = [(f["sentence"], f["start"], f["end"]) for _, f in items if not f.get("control")]
    for index, item in items:
        if item.get("control") and (item["sentence"], item["start"], item["end"]) in devices:
            checker.report("framing", ("framing", index, "control"),
                           f"{short(item['text'])} is both a device and a control; it can only be one")


def check_evidence(checker):
    """evidence.yaml refers to claims, sources and timeline events that exist, and quotes only what a stored
    public-domain text says (word for word, apart from spacing; '…' marks a cut)."""
    evidence = checker.docs.get("evidence") or {}
    claims = {claim["id"] for _, claim in checker.items("claims")}
    sources = {source["id"]: source for _, source in checker.items("sources")}
    events = {event["id"] for _, event in checker.items("timeline")}
    for claim_id, entry in evidence.items():
        path = ("evidence", claim_id)
        if claim_id not in claims:
            checker.report("evidence", path, f"no claim with id {claim_id!r} in claims.yaml")
        for number, event_id in enumerate(entry.get("timeline", ())):
            if event_id not in events:
                checker.report("evidence", path + ("timeline", number),
                               f"no timeline event with id {event_id!r} in timeline.yaml")
        for number, excerpt in enumerate(entry["excerpts"]):
            source = sources.get(excerpt["source"])
            if source is None:
                checker.report("evidence", path + ("excerpts", number, "source"),
                               f"no source with id {excerpt['source']!r} in sources.yaml")
            elif source.get("copy_of") in sources:
                checker.report("evidence", path + ("excerpts", number, "source"),
                               f"{excerpt['source']!r} is a copy of {source['copy_of']!r}, which is in the case: cite "
                               f"{source['copy_of']!r}")
            elif excerpt["form"] == "quote":
                check_quote(checker, path + ("excerpts", number), excerpt["text"], source)


def _spaced(text):
    return " ".join(text.split())


def check_quote(checker, path, quote, source):
    if not source["public_domain"] or not source.get("file"):
        checker.report("evidence", path + ("form",),
                       f"is 'quote', but source {source['id']!r} is not a public-domain text stored with the case: "
                       "say it in the kit's own words ('paraphrase')")
        return
    try:
        stored = _spaced((checker.folder / source["file"]).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return                                  # check_source_file reports a missing or unreadable file
    at = 0
    for piece in (p for p in re.split(r"…|\.\.\.", quote) if p.strip()):
        found = stored.find(_spaced(piece).strip(" "), at)
        if found < 0:
            checker.report("evidence", path + ("text",),
                           f"{short(piece.strip())} is not in {source['file']} (in this order): a quote must be the "
                           "text's own words; mark a cut with '…'")
            return
        at = found


def check_timeline_order(checker):
    previous = ""
    for index, event in checker.items("timeline"):
        if event["date"] < previous:
            checker.report("timeline", ("timeline", index, "date"),
                        f"{event['date']} comes before {previous}: keep the timeline in date order")
        previous = max(previous, event["date"])


def _first_difference(text, article):
    """Say where a sentence stops matching the article (often a straight quote where the article has a curly one)."""
    low, high = 0, len(text)                   # longest prefix of text that occurs in the article
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if text[:middle] in article else (low, middle - 1)
    if low == 0:
        return "no part of it is there"
    at = article.find(text[:low]) + low
    return (f"it matches up to {short(text[max(0, low - 20):low])}, then the sentence has "
            f"{short(text[low:low + 12])} where the article has {short(article[at:at + 12])}")


def check_all(checker):
    check_ids(checker)
    check_sentences(checker)
    check_spans(checker)
    check_references(checker)
    check_source_records(checker)
    check_evidence_quality(checker)
    check_controls(checker)
    check_timeline_order(checker)
    check_evidence(checker)
