"""The rule engine: causal candidates from one sentence, with no model at all.

A sentence is first stripped of an attribution ("Zhang argues that ...") and
an opening condition ("If costs rise, ..."); the rest is cut into clauses at
semicolons and at ", which in turn". In each clause the first cue found
decides the reading:

* a causal verb (``push``, ``lead to``; ``reduce``, ``hinder``): the words
  before it are the cause, the words after it, up to the clause's next
  boundary, the effect; "and VERB ..." after the effect adds a claim with the
  same cause;
* a gap verb (``bridge``, ``narrow`` a gap): the gap decreases;
* a passive (``driven by``): effect before, cause after;
* a connective: ``because``, ``due to`` (effect, then cause) or
  ``as a result``, ``so that`` (cause, then effect).

A clause whose cause is ``which`` or empty takes the previous claim's effect
as its cause ("A raises B, which in turn drives C"). A negation just before
the cue ("does not lead to") makes no claim. The sign comes from
:mod:`kg.extract.calculus`, the modality from :mod:`kg.extract.modality`.

>>> [(c.cause.entity, c.sign, c.effect.entity) for c in sentence_candidates(
...     "Low urban insurance participation leads to more return migration.")]
[('urban insurance participation', -1, 'return migration')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.calculus import Phrase, claim_sign, parse_phrase
from kg.extract.lexicon import (
    CAUSE_FIRST_CONNECTIVES,
    EFFECT_FIRST_CONNECTIVES,
    GAP_VERBS,
    PASSIVE_CUES,
    VERB_CUES,
    Cue,
)
from kg.extract.modality import is_negated, modality_of, split_attribution

__all__ = ["Candidate", "sentence_candidates"]


@dataclass(frozen=True)
class Candidate:
    """One proposed claim: the cue, the two phrases, and the sign and modality with reasons."""

    sentence: str
    cue: str
    cue_kind: str  # "verb", "gap", "passive", "connective"
    cause: Phrase
    effect: Phrase
    sign: int
    sign_reason: str
    modality: str
    modality_reason: str
    attributed_to: str | None = None


#: Where a phrase ends inside a clause.
_BOUNDARY = re.compile(
    r",|;|:|\(|\s(?:by|through|while|whereas|because|which|who|but|as well as|so that|unless|"
    r"if|when|only when|once|provided|as long as|although|and thus|and hence|thereby|"
    r"in order to|rather than|(?:suggests?|shows?|showed|indicates?|finds|found|means) that)\s"
)
#: Where a clause ends inside a sentence.
_CLAUSE = re.compile(r";\s*|,\s*(?:and\s+)?(?=which\s+in\s+turn\b)|,\s*(?:but|while|whereas)\s+")
_CONDITION_FIRST = re.compile(
    r"^(?:if|unless|when|once|provided that|as long as)\s+(?P<condition>[^,]+),\s*(?:then\s+)?",
    re.I,
)
_HELP_BEFORE = re.compile(r"\b(?:help|helps|helped|helping)(?:\s+to)?\s*$")
#: Hedging words between a cause and its verb ("credit is likely to raise"): not the cause's.
_HEDGE_BEFORE = re.compile(
    r"(?:\s+(?:is|are|was|were|be|seems?|appears?|tends?|expected|thought|likely|unlikely|"
    r"probably|possibly|perhaps|potentially|to|may|might|can|could|would|should|will|also))+\s*$"
)
_PASSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|been|being|be|largely|mainly|partly|mostly|often|also|in part)\s*$"
)
_PRONOUNS = frozenset("it this that they these which he she we there its".split())
_GAP_WORDS = re.compile(r"\b(?:gap|gaps|divide|disparit\w*|inequalit\w*|imbalance\w*)\b")


def _symbol(sign: int) -> str:
    return "+" if sign > 0 else "\u2212"


def _sign_reason(cue: Cue, cause: Phrase, effect: Phrase) -> tuple[int, str]:
    sign = claim_sign(cue.sign, cause, effect)
    parts = [f"{cue.lemma!r} {_symbol(cue.sign)}"]
    for role, phrase in (("cause", cause), ("effect", effect)):
        if phrase.qualifiers:
            words = ", ".join(repr(q) for q in phrase.qualifiers)
            parts.append(f"{role} {words} {_symbol(phrase.sign)}")
    return sign, " \u00d7 ".join(parts) + f" = {_symbol(sign)}"


#: A cue word used as a noun: "the push", "a boost to", "push and pull factors".
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their)\s+$")
_NOUN_AFTER = re.compile(r"\s+(?:and|or)\s+\w+\s+(?:factors?|forces?)\b")


_ANY_VERB = re.compile(r"\s+(?:" + "|".join(c.pattern.pattern for c in VERB_CUES) + ")")


def _as_verb(cue: Cue, text: str, start: int) -> re.Match | None:
    """The first place ``cue`` occurs as a verb in ``text`` from ``start``."""
    for found in cue.pattern.finditer(text, start):
        if _NOUN_BEFORE.search(text, 0, found.start()) or _NOUN_AFTER.match(text, found.end()):
            continue
        # "Tax breaks give rise to ...": a cue word right before a verb is a noun.
        if found.group(0).endswith("s") and " " not in found.group(0):
            if _ANY_VERB.match(text, found.end()):
                continue
        # "Limited access ...", "reduced demand ...": a participle that opens the clause
        # qualifies the noun after it.
        if not text[start : found.start()].strip() and found.group(0).endswith(("ed", "ing")):
            continue
        return found
    return None


def _first(cues: tuple[Cue, ...], text: str, start: int = 0) -> tuple[Cue, re.Match] | None:
    best: tuple[Cue, re.Match] | None = None
    for cue in cues:
        found = _as_verb(cue, text, start)
        if found and (
            best is None
            or found.start() < best[1].start()
            or (found.start() == best[1].start() and found.end() > best[1].end())
        ):
            best = (cue, found)
    return best


def _until_boundary(text: str) -> str:
    found = _BOUNDARY.search(text)
    return (text[: found.start()] if found else text).strip(" .!?\"'")


def _after_boundary(text: str) -> str:
    """The last stretch of ``text`` after its last boundary (the subject nearest the cue)."""
    cut = 0
    for found in _BOUNDARY.finditer(text):
        cut = found.end()
    return text[cut:].strip(" ,.")


def _usable(phrase: Phrase) -> bool:
    return bool(phrase.entity) and phrase.entity not in _PRONOUNS and len(phrase.entity) > 2


class _Reader:
    """Reads the clauses of one sentence, remembering the last effect for chained clauses."""

    def __init__(self, sentence: str, attributed_to: str | None, condition: str | None):
        self.sentence = sentence
        self.lowered = sentence.lower()
        self.attributed_to = attributed_to
        self.condition = condition
        self.found: list[Candidate] = []
        self.last_effect: Phrase | None = None
        self.previous_clause = ""

    def modality(self, clause: str) -> tuple[str, str]:
        if self.condition and not self.attributed_to:
            return "conditional", f"{self.condition!r} makes it conditional"
        return modality_of(clause, self.attributed_to)

    def as_written(self, lowered: str) -> str:
        """The sentence's own words for a phrase found in its lower-case copy."""
        at = self.lowered.find(lowered)
        return self.sentence[at : at + len(lowered)] if at >= 0 and lowered else lowered

    def add(self, cue: Cue, kind: str, cause_text: str, effect_text: str, clause: str) -> None:
        cause = parse_phrase(self.as_written(cause_text))
        effect = parse_phrase(self.as_written(effect_text))
        if not _usable(cause) and self.last_effect is not None:
            cause = self.last_effect
        self.last_effect = effect if _usable(effect) else self.last_effect
        if not (_usable(cause) and _usable(effect)) or cause.entity == effect.entity:
            return
        sign, sign_reason = _sign_reason(cue, cause, effect)
        modality, modality_reason = self.modality(clause)
        self.found.append(
            Candidate(
                self.sentence,
                cue.lemma,
                kind,
                cause,
                effect,
                sign,
                sign_reason,
                modality,
                modality_reason,
                self.attributed_to,
            )
        )

    def clause(self, text: str) -> None:
        low = text.lower()
        chained = re.match(r"which\s+in\s+turn\s+", low)
        if chained and _first(VERB_CUES, low, chained.end()) is not None:
            low = low[chained.end() :]  # the cause is the previous claim's effect
        passive = _first(PASSIVE_CUES, low)
        verb = _first(VERB_CUES, low)
        gap = _first(GAP_VERBS, low)
        if gap and not _GAP_WORDS.search(low, gap[1].end()):
            gap = None
        after = _first(EFFECT_FIRST_CONNECTIVES, low)
        before = _first(CAUSE_FIRST_CONNECTIVES, low)
        options = [
            (m[1].start(), rank, kind, m)
            for rank, (kind, m) in enumerate(
                (
                    ("passive", passive),
                    ("gap", gap),
                    ("verb", verb),
                    ("because", after),
                    ("therefore", before),
                )
            )
            if m is not None
        ]
        if not options:
            return
        _start, _rank, kind, (cue, match) = min(options, key=lambda o: (o[0], o[1]))
        head, tail = low[: match.start()], low[match.end() :]
        if is_negated(head):
            return
        if kind == "passive":
            effect_text = _PASSIVE_AUX.sub("", _after_boundary(head).rstrip())
            self.add(cue, "passive", _until_boundary(tail), effect_text, low)
        elif kind in ("verb", "gap"):
            cause_text = _HELP_BEFORE.sub("", _after_boundary(head).rstrip())
            cause_text = _HEDGE_BEFORE.sub("", " " + cause_text).strip()
            # "... push industry inland and raise wages": a second effect of the same cause.
            second = None
            for joint in re.finditer(r"\s+and\s+", tail):
                following = _first(VERB_CUES, tail, joint.end())
                if following is not None and following[1].start() == joint.end():
                    second = (following[0], tail[following[1].end() :])
                    tail = tail[: joint.start()]
                    break
            self.add(cue, kind, cause_text, _until_boundary(tail), low)
            if second is not None and self.found and self.found[-1].cue == cue.lemma:
                self.last_effect = self.found[-1].cause
                self.add(second[0], "verb", "", _until_boundary(second[1]), low)
        elif kind == "because":
            self.add(cue, "connective", _until_boundary(tail), _after_boundary(head), low)
        else:
            # "Wages rose; as a result, firms moved inland": the cause is the clause before.
            cause_text = _after_boundary(head.rstrip(" ,;")) or self.previous_clause
            self.add(cue, "connective", cause_text, _until_boundary(tail.lstrip(" ,")), low)

    def clauses(self, text: str) -> None:
        for clause in _CLAUSE.split(text):
            if clause.strip():
                self.clause(clause)
                self.previous_clause = clause.lower().strip(" ,.")


def sentence_candidates(sentence: str) -> list[Candidate]:
    """Every causal candidate the rules find in one sentence (none for a sentence without a cue)."""
    attributed_to, start = split_attribution(sentence)
    body = sentence[start:]
    if attributed_to and start == 0:  # "..., according to X."
        body = re.sub(r",?\s*according\s+to\s+[^,;.]+[.!]?$", "", body, flags=re.I)
    condition = None
    opening = _CONDITION_FIRST.match(body)
    if opening:
        condition = body.split(None, 1)[0].lower()
        conditional_clause, body = opening.group("condition"), body[opening.end() :]
    reader = _Reader(sentence, attributed_to, condition)
    if opening:
        # "If costs rise, firms move inland": a claim from the condition to the main clause
        # only when the main clause has no cue of its own.
        reader.clause(body)
        if not reader.found:
            word = opening.group(0).split(None, 1)[0].lower()
            if_cue = Cue(word, 1, re.compile(re.escape(word)))
            cause, effect = parse_phrase(conditional_clause), parse_phrase(_until_boundary(body))
            if cause.qualifiers and effect.qualifiers:
                reader.add(if_cue, "connective", conditional_clause, _until_boundary(body), body)
        return reader.found
    reader.clauses(body)
    return reader.found
