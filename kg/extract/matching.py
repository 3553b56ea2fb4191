"""Match a phrase's entity to a factor of the scheme, or propose a new factor.

In order: the entity (or the phrase as written) is a factor's label,
alternative label or id (:class:`kg.names.FactorIndex`); else its lemmas
(each word without its plural ending, articles left out) are those of a
label or an alternative label (``rising land prices`` -> *Land price*,
``returnees`` -> a factor whose alternative label is ``returnee``); else the alignment
score of ``kg link`` (:func:`kg.authoring.similarity.combine_scores` of the name
and word similarities) is at least :data:`MIN_MATCH_SCORE`; else the entity
is proposed as a new factor, its label the entity as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from kg.authoring.model import Factor
from kg.authoring.similarity import Candidate, TextIndex, combine_scores, name_similarity
from kg.errors import AmbiguousFactor, UnknownFactor
from kg.names import FactorIndex, FactorName

__all__ = ["FactorMatch", "FactorMatcher", "MIN_MATCH_SCORE", "head_phrase", "lemma_key"]

#: The lowest alignment score taken as a match (``kg link propose``'s default too).
MIN_MATCH_SCORE = 70.0


def _lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def lemma_key(text: str) -> str:
    """The words of ``text`` as lemmas, articles left out: what two names share when they match.

    >>> lemma_key("The rising costs of cities") == lemma_key("rising cost of city")
    True
    """
    words = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", text.casefold())
    return " ".join(_lemma(w) for w in words if w not in ("the", "a", "an"))


#: A word that reads as an adjective by its ending ("capable", "rural", "experienced").
_ADJECTIVE_WORD = r"[\w-]*(?:able|ible|al|ic|ive|ous|ful|less|ed|ent|ant|ary|ish)"
#: A run of adjectives joined by "and", "or" or commas, before the noun they qualify.
_COORDINATED_ADJECTIVES = re.compile(
    rf"\b{_ADJECTIVE_WORD}(?:\s*,\s*{_ADJECTIVE_WORD})*,?\s+(?:and|or)\s+{_ADJECTIVE_WORD}\s+"
    r"(?=[\w-])"
)
#: A possessive that opens a phrase ("China's economic landscape").
_POSSESSIVE = re.compile(r"^(?:the\s+)?[\w.-]+(?:'s|\u2019s)\s+", re.I)


def head_phrase(entity: str) -> str:
    """``entity`` without a possessive that opens it and without coordinated adjectives.

    What is left names the same thing more broadly, the phrase a factor's
    name is more likely to share.

    >>> head_phrase("return of capable and experienced migrants")
    'return of migrants'
    >>> head_phrase("China's rural economy")
    'rural economy'
    """
    core = _COORDINATED_ADJECTIVES.sub("", entity)
    core = _POSSESSIVE.sub("", core)
    return " ".join(core.split())


@dataclass(frozen=True)
class FactorMatch:
    """The factor a phrase names: its id and label (empty for a new one) and how it was found."""

    name: str  # what goes in the sheet's cause or effect column
    factor_id: str
    how: str


class FactorMatcher:
    """Matches entities against one factor scheme."""

    def __init__(self, factors: Mapping[str, Factor]):
        self.factors = dict(factors)
        self.index = FactorIndex(
            FactorName(f.id, f.label, tuple(f.alt_labels)) for f in self.factors.values()
        )
        self.candidates = [
            Candidate(f.id, f.label, tuple(f.alt_labels), f.definition)
            for f in self.factors.values()
        ]
        self._cache: dict[str, FactorMatch] = {}
        #: lemma key -> (factor id, "label" or "alternative label"); None where two factors share it
        self.lemmas: dict[str, tuple[str, str] | None] = {}
        for f in self.factors.values():
            for name, how in [
                (f.label, "label"),
                *((a, "alternative label") for a in f.alt_labels),
            ]:
                key = lemma_key(name)
                if key not in self.lemmas:
                    self.lemmas[key] = (f.id, how)
                elif self.lemmas[key] is None or self.lemmas[key][0] != f.id:  # type: ignore[index]
                    self.lemmas[key] = None

    def _exact(self, name: str) -> FactorName | None:
        try:
            return self.index.resolve(name)
        except (UnknownFactor, AmbiguousFactor):
            return None

    def match(self, entity: str, written: str = "") -> FactorMatch:
        """The factor ``entity`` names, or a proposed new factor named ``entity``."""
        key = f"{entity}\u0000{written}"
        if key not in self._cache:
            self._cache[key] = self._match(entity, written)
        return self._cache[key]

    def _match(self, entity: str, written: str) -> FactorMatch:
        found = self._match_phrase(entity, written)
        core = head_phrase(entity)
        if found.factor_id or core == entity:
            return found
        # "the return of capable and experienced migrants" names the return of migrants
        by_head = self._match_phrase(core, "")
        if not by_head.factor_id:
            return found
        return FactorMatch(by_head.name, by_head.factor_id, f"{by_head.how} of {core!r}")

    def _match_phrase(self, entity: str, written: str) -> FactorMatch:
        for text in (written, entity):
            if not text:
                continue
            found = self._exact(text)
            if found is not None:
                factor = self.factors[found.id]
                how = "label" if text.casefold() == factor.label.casefold() else "alternative label"
                return FactorMatch(factor.label, factor.id, how)
        for text in (entity, written):
            found_lemma = self.lemmas.get(lemma_key(text)) if text else None
            if found_lemma:
                factor = self.factors[found_lemma[0]]
                return FactorMatch(factor.label, factor.id, f"lemmas of the {found_lemma[1]}")
        if self.candidates:
            phrase = Candidate("\u0000phrase", entity, (), "")
            index = TextIndex([*self.candidates, phrase])
            best: tuple[float, Candidate] | None = None
            for candidate in self.candidates:
                names, _a, _b = name_similarity(phrase, candidate)
                score = combine_scores(names, index.similarity(phrase.id, candidate.id))
                if best is None or score > best[0]:
                    best = (score, candidate)
            if best is not None and best[0] >= MIN_MATCH_SCORE:
                return FactorMatch(best[1].label, best[1].id, f"alignment score {best[0]:g}")
        return FactorMatch(entity[:1].upper() + entity[1:], "", "new factor")
