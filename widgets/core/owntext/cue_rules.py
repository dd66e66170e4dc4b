"""The cue rules: word lists as data (``cue_words.yaml``, schema ``widgets/core/schemas/cue_words.schema.json``), read
once, and compiled to one pattern per rule (an alternation of literal words, so matching is linear)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from widgets.core import schemas

CUE_WORDS_PATH = Path(__file__).with_name("cue_words.yaml")
SCHEMA_NAME = "cue_words"
# Rules that propose actors (scored against actors.yaml mentions) rather than framing devices.
ACTOR_RULES = ("actor-name", "collective-actor")


@dataclass(frozen=True)
class Cue:
    """One suggestion: a span of a sentence (offsets into the sentence text, end exclusive)."""
    sentence_id: str
    start: int
    end: int
    text: str
    rule: str
    device: str | None      # a framing device of vocab.DEVICES, or None (neutral verb of saying, actor)
    why: str


@dataclass(frozen=True)
class Rule:
    name: str
    device: str | None
    why: str
    sources: tuple
    words: tuple
    extra: dict


@functools.lru_cache(maxsize=None)
def load_rules(path=CUE_WORDS_PATH):
    """(rules by name, sources by id) from ``cue_words.yaml``; ValueError naming the file, field and line of every
    problem if it is malformed."""
    data, problems, lines = schemas.load_yaml(SCHEMA_NAME, path)
    if not problems:
        for name, entry in data["rules"].items():
            unknown = [s for s in entry["sources"] if s not in data["sources"]]
            if unknown:
                problems.append(schemas.Problem.at(path, ("rules", name, "sources"),
                                                   f"cites {', '.join(map(repr, unknown))}, which is not listed "
                                                   "under 'sources'", lines))
    if problems:
        raise ValueError("\n".join(str(problem) for problem in problems))
    rules = {}
    for name, entry in data["rules"].items():
        extra = {k: v for k, v in entry.items() if k not in ("device", "why", "sources", "words")}
        rules[name] = Rule(name, entry["device"], " ".join(entry["why"].split()), tuple(entry["sources"]),
                           tuple(entry.get("words", ())), extra)
    return rules, data["sources"]


def word_pattern(words):
    """One regex matching any of ``words`` as whole words, ignoring case; phrases match across any spaces."""
    ordered = sorted(set(words), key=len, reverse=True)  # longest first: "appears to" before "appear"
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def patterns():
    rules, _ = load_rules()
    patterns = {name: word_pattern(rule.words) for name, rule in rules.items() if rule.words}
    vague = rules["vague-attribution"].extra
    quantity = "|".join(r"\s+".join(map(re.escape, q.split())) for q in sorted(vague["quantities"], key=len,
                                                                                   reverse=True))
    group = "|".join(map(re.escape, vague["groups"]))
    # "<quantity> [one word] <group>": "most international observers"; the optional word is one run of letters
    patterns["vague-attribution:quantified"] = re.compile(
        rf"(?<![\w-])(?:{quantity})\s+(?:[^\W\d_]+\s+)?(?:{group})(?![\w-])", re.IGNORECASE)
    scare = rules["scare-quotes"].extra
    patterns["speech-verb"] = word_pattern(scare["speech_verbs"])
    return patterns
