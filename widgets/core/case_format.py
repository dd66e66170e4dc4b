"""The files of a case folder (see CONTRIBUTING, "The case format"), and the Case built from files that passed
every check (widgets.core.loading)."""
from widgets.core.case import (Actor, Alternative, Case, Claim, ClaimEvidence, Excerpt, Framing, Mention, Sentence, Source,
                          TimelineEvent, VerdictAlternative)
from widgets.core.vocab import SCHEMA

ARTICLE_FILE = "article.txt"
YAML_STEMS = tuple(SCHEMA["properties"])                    # meta, sentences, actors, ...
LIST_STEMS = tuple(s for s in YAML_STEMS if SCHEMA["properties"][s]["type"] == "array")
# Files a case may leave out (read as empty): the evidence excerpts came after the first cases were written.
OPTIONAL_STEMS = ("evidence",)
# Size limits, checked before a file is read or parsed (a real case file is tens of kilobytes; parsing 100 MB of
# YAML takes minutes and gigabytes). `new-case` refuses articles that would make a sentences.yaml over the limit.
MAX_ARTICLE_BYTES = 1_000_000
MAX_YAML_BYTES = 5_000_000


def build_case(folder, article, docs):
    meta = docs["meta"]
    sentences = tuple(
        Sentence(id=s["id"], paragraph=s["paragraph"], text=s["text"], label=s["label"], sourcing=s["sourcing"],
                 rationale=s["rationale"], alternatives=tuple(Alternative(label=a.get("label"), why=a["why"], sourcing=a.get("sourcing"))
                                               for a in s.get("alternatives", ())))
        for s in docs["sentences"])
    actors = tuple(
        Actor(id=a["id"], name=a["name"], kind=a["kind"], aliases=tuple(a.get("aliases", ())), role=a["role"],
              implied=a.get("implied", False),
              mentions=tuple(Mention(m["sentence"], m["start"], m["end"], m["text"], m.get("voice"))
                             for m in a["mentions"]))
        for a in docs["actors"])
    claims = tuple(
        Claim(id=c["id"], sentence_id=c["sentence"], start=c["start"], end=c["end"], text=c["text"],
              sourcing=c["sourcing"], verdict=c["verdict"], note=c["note"], evidence=tuple(c["evidence"]),
              basis=c.get("basis"),
              alternatives=tuple(VerdictAlternative(a["verdict"], a["why"]) for a in c.get("alternatives", ())))
        for c in docs["claims"])
    marked = tuple(
        Framing(id=f["id"], sentence_id=f["sentence"], start=f["start"], end=f["end"], text=f["text"],
                device=f["device"], explanation=f["explanation"], control=f.get("control", False))
        for f in docs["framing"])
    framing = tuple(f for f in marked if not f.control)
    controls = tuple(f for f in marked if f.control)
    sources = tuple(
        Source(id=s["id"], title=s["title"], publisher=s["publisher"], date=s["date"], url=s["url"],
               public_domain=s["public_domain"], file=s.get("file"), kind=s.get("kind", "original"),
               archive_url=s.get("archive_url"), verified=s.get("verified", True), checked=s.get("checked"),
               why_unverified=s.get("why_unverified"), copy_of=s.get("copy_of"))
        for s in docs["sources"])
    timeline = tuple(TimelineEvent(id=t["id"], date=t["date"], event=t["event"], sources=tuple(t["sources"]))
                     for t in docs["timeline"])
    evidence = tuple(
        ClaimEvidence(claim_id=claim_id, timeline=tuple(entry.get("timeline", ())),
                      excerpts=tuple(Excerpt(e["source"], e["date"], e["form"], e["text"]) for e in entry["excerpts"]))
        for claim_id, entry in (docs.get("evidence") or {}).items())
    return Case(id=meta["id"], title=meta["title"], meta=meta, article=article, sentences=sentences, actors=actors,
                claims=claims, framing=framing, controls=controls, sources=sources, timeline=timeline, path=folder,
                evidence=evidence)
