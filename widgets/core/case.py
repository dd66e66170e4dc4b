"""The case data model: an article, its sentences and the answer key, as frozen dataclasses.

Build a Case with ``widgets.core.loading.load_case(path)``, which validates the folder first. Sequences are tuples, so
every object is immutable and hashable (except that ``Case.meta`` is a plain dict and is left out of the hash).
Span offsets (``start``, ``end``) index the sentence ``text``, Python slicing, end exclusive.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Alternative:
    """Another label and/or sourcing kind a careful reader could defend, and why (earns partial credit)."""
    label: Optional[str]
    why: str
    sourcing: Optional[str] = None


@dataclass(frozen=True)
class VerdictAlternative:
    """Another verdict a careful reader could defend, and why (earns partial credit)."""
    verdict: str
    why: str


@dataclass(frozen=True)
class Sentence:
    id: str
    paragraph: int                      # 0 = headline
    text: str
    label: Optional[str] = None         # None in a keyless case
    sourcing: Optional[str] = None
    rationale: Optional[str] = None
    alternatives: tuple = ()            # of Alternative


@dataclass(frozen=True)
class Mention:
    sentence_id: str
    start: int
    end: int
    text: str
    voice: Optional[str] = None         # quoted / paraphrased, or None when the actor does not speak


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple = ()
    role: str = ""
    implied: bool = False
    mentions: tuple = ()                # of Mention


@dataclass(frozen=True)
class Claim:
    id: str
    sentence_id: str
    start: int
    end: int
    text: str
    sourcing: str
    verdict: str
    note: str
    evidence: tuple = ()                # source ids
    basis: Optional[str] = None         # primary-record / original-report / several-outlets
    alternatives: tuple = ()            # of VerdictAlternative


@dataclass(frozen=True)
class Framing:
    id: str
    sentence_id: str
    start: int
    end: int
    text: str
    device: str
    explanation: str
    control: bool = False               # looks like `device` but is not spin here (Case.controls, never counted)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: Optional[str]
    url: Optional[str]
    public_domain: bool
    file: Optional[str] = None          # path inside the case folder
    kind: str = "original"              # primary / original / news / archive / repost / aggregator
    archive_url: Optional[str] = None
    verified: bool = True
    checked: Optional[str] = None       # date the text was read at the address
    why_unverified: Optional[str] = None
    copy_of: Optional[str] = None       # id of the original this repost/aggregator/archive copies


@dataclass(frozen=True)
class TimelineEvent:
    id: str
    date: str                           # YYYY-MM-DD or YYYY-MM
    event: str
    sources: tuple = ()                 # source ids


@dataclass(frozen=True)
class Excerpt:
    source: str                         # source id
    date: str
    form: str                           # "quote" (a public-domain text's own words) or "paraphrase" (the kit's words)
    text: str


@dataclass(frozen=True)
class ClaimEvidence:
    """What a student reads about one claim between the two verdicts (evidence.yaml)."""
    claim_id: str
    excerpts: tuple = ()                # Excerpt
    timeline: tuple = ()                # timeline event ids


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    meta: dict = field(hash=False)
    article: str = ""
    sentences: tuple = ()
    actors: tuple = ()
    claims: tuple = ()
    framing: tuple = ()                 # the devices (controls are not among them)
    controls: tuple = ()                # of Framing with control=True: words that look like devices but are not spin
    sources: tuple = ()
    timeline: tuple = ()
    path: Optional[Path] = None         # the case folder, or None for a case built in memory
    evidence: tuple = ()                # ClaimEvidence, one per claim that has excerpts

    @property
    def written_for_kit(self):
        """True when the article was written for the kit, not published by a real outlet."""
        return bool(self.meta.get("written_for_kit", False))

    @property
    def has_key(self):
        """True when the sentences carry an answer key (labels), False for a keyless case."""
        return bool(self.sentences) and all(s.label is not None for s in self.sentences)

    def sentence(self, sentence_id):
        """The sentence with this id (KeyError if none)."""
        return _by_id(self.sentences, sentence_id, "sentence")

    def actor(self, actor_id):
        return _by_id(self.actors, actor_id, "actor")

    def source(self, source_id):
        return _by_id(self.sources, source_id, "source")

    def evidence_for(self, claim_id):
        """The excerpts and timeline events for one claim, or None when the case has none for it."""
        return next((entry for entry in self.evidence if entry.claim_id == claim_id), None)

    def timeline_event(self, event_id):
        return _by_id(self.timeline, event_id, "timeline event")

    def claims_in(self, sentence_id):
        """The claims in one sentence, in file order."""
        return tuple(c for c in self.claims if c.sentence_id == sentence_id)

    def paragraphs(self):
        """Sentences grouped by paragraph, in article order: [[headline], [p1s1, p1s2, ...], ...]."""
        groups = []
        for sentence in self.sentences:
            if groups and groups[-1][0].paragraph == sentence.paragraph:
                groups[-1].append(sentence)
            else:
                groups.append([sentence])
        return groups

    def __repr__(self):
        return (f"<Case {self.id!r}: {len(self.sentences)} sentences, {len(self.actors)} actors, "
                f"{len(self.claims)} claims>")


def _by_id(items, item_id, kind):
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {kind} with id {item_id!r}")
