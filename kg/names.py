"""Find a factor by the name a person types.

A factor answers to its id, its IRI (full or as ``factor:ID``), its label and
its alternative labels, compared without regard to case, hyphens or extra
spaces. An unknown name raises :class:`~kg.errors.UnknownFactor` with the
closest names as suggestions; a name shared by several factors raises
:class:`~kg.errors.AmbiguousFactor` with the candidates.

>>> names = [
...     FactorName("https://w3id.org/briefkg/factor/return-migration",
...                "Return migration", ("reverse urbanisation",)),
...     FactorName("https://w3id.org/briefkg/factor/coastal-costs",
...                "Rising coastal costs", ()),
... ]
>>> resolve_factor("Reverse Urbanisation", names).label
'Return migration'
>>> resolve_factor("coastal-costs", names).label
'Rising coastal costs'
>>> resolve_factor("return migraton", names)
Traceback (most recent call last):
...
kg.errors.UnknownFactor: unknown factor 'return migraton'; did you mean 'Return migration'?
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from kg.errors import AmbiguousFactor, UnknownFactor
from kg.vocab import BASE, local_id

__all__ = [
    "FactorName",
    "FactorIndex",
    "normalise_name",
    "resolve_factor",
    "suggest_factors",
    "factor_names",
]

if TYPE_CHECKING:  # rdflib is imported where a graph is read, not to read YAML
    from rdflib import Graph

_FACTOR_PREFIX = BASE + "factor/"
_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class FactorName:
    """The names of one factor: IRI, preferred label and alternative labels."""

    iri: str
    label: str
    alt_labels: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The factor's id: the last segment of its IRI."""
        return local_id(self.iri)


def normalise_name(name: str) -> str:
    """Fold case and treat hyphens, underscores and runs of spaces alike.

    >>> normalise_name("  Rural-to-urban   Migration ")
    'rural to urban migration'
    """
    return _SEPARATORS.sub(" ", name.casefold()).strip()


def _keys(factor: FactorName) -> set[str]:
    keys = {factor.iri.casefold(), "factor:" + factor.id.casefold(), normalise_name(factor.id)}
    keys.add(normalise_name(factor.label))
    keys.update(normalise_name(alt) for alt in factor.alt_labels)
    return keys


class FactorIndex:
    """The factors by every name they answer to, for look-ups in constant time.

    Build it once for many look-ups (a corpus names its factors thousands of
    times); :func:`resolve_factor` accepts it in place of a list.

    >>> index = FactorIndex([FactorName("https://w3id.org/briefkg/factor/gfc", "Financial crisis",
    ...                                 ("GFC",))])
    >>> index.resolve("gfc").label, len(index)
    ('Financial crisis', 1)
    """

    def __init__(self, factors: Iterable[FactorName] = ()):
        self.factors: list[FactorName] = []
        self._exact: dict[str, list[FactorName]] = {}
        self._names: dict[str, list[FactorName]] = {}
        for factor in factors:
            self.add(factor)

    def __len__(self) -> int:
        return len(self.factors)

    def __iter__(self):
        return iter(self.factors)

    def add(self, factor: FactorName) -> None:
        """Index one more factor."""
        self.factors.append(factor)
        for key in {factor.iri.casefold(), factor.id.casefold(), "factor:" + factor.id.casefold()}:
            self._exact.setdefault(key, []).append(factor)
        for key in _keys(factor):
            self._names.setdefault(key, []).append(factor)

    def resolve(self, name: str) -> FactorName:
        """The one factor that ``name`` designates (see :func:`resolve_factor`)."""
        raw = name.strip()
        if raw.startswith("<") and raw.endswith(">"):
            raw = raw[1:-1]
        # An IRI or an exact id names one factor outright, before labels are considered.
        exact = self._exact.get(raw.casefold(), [])
        if len(exact) == 1:
            return exact[0]
        matches: list[FactorName] = []
        for key in {raw.casefold(), normalise_name(raw)}:
            for factor in self._names.get(key, ()):
                if not any(m is factor for m in matches):
                    matches.append(factor)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousFactor(name, sorted(f"{m.label} ({m.id})" for m in matches))
        raise UnknownFactor(name, suggest_factors(name, self.factors))


def resolve_factor(name: str, factors: Iterable[FactorName] | FactorIndex) -> FactorName:
    """Return the one factor that ``name`` designates.

    Parameters
    ----------
    name : str
        A label, alternative label, id, ``factor:ID`` or full IRI, in any case.
    factors : iterable of FactorName, or FactorIndex
        The factors to choose from; a :class:`FactorIndex` built once makes
        many look-ups fast.

    Raises
    ------
    UnknownFactor
        No factor answers to ``name``; the closest names are suggested.
    AmbiguousFactor
        Several factors answer to ``name``.
    """
    index = factors if isinstance(factors, FactorIndex) else FactorIndex(factors)
    return index.resolve(name)


def suggest_factors(name: str, factors: Iterable[FactorName], limit: int = 3) -> list[str]:
    """Labels of the factors whose names come closest to ``name``, the closest first.

    Each factor counts once, by the best of its names (label, id,
    alternative labels) under rapidfuzz's ``WRatio``. Among equal scores a
    factor whose label matches goes before one matched by an alternative
    label, and a name that begins with what was typed before one that only
    contains it, so that ``hinterland`` suggests *Hinterland economic
    takeoff* before a factor whose alternative label mentions the
    hinterland.

    >>> names = [FactorName("x:pull", "Inland pull factors", ("hinterland attractions",)),
    ...          FactorName("x:takeoff", "Hinterland economic takeoff", ())]
    >>> suggest_factors("hinterland", names)
    ['Hinterland economic takeoff', 'Inland pull factors']
    """
    wanted = normalise_name(name)
    if not wanted:
        return []
    best: dict[str, tuple] = {}
    for factor in factors:
        texts = [(factor.label, True), (factor.id, False)]
        texts += [(alt, False) for alt in factor.alt_labels]
        for text, is_label in texts:
            key = normalise_name(text)
            score = fuzz.WRatio(wanted, key, score_cutoff=60)
            if not score:
                continue
            rank = (round(score), is_label, key.startswith(wanted), -abs(len(key) - len(wanted)))
            if factor.label not in best or rank > best[factor.label]:
                best[factor.label] = rank
    ordered = sorted(best, key=lambda label: (tuple(-x for x in best[label]), label))
    return ordered[:limit]


def factor_names(graph: Graph) -> list[FactorName]:
    """The names of every factor in ``graph`` (a built dataset or any graph)."""
    from rdflib import URIRef
    from rdflib.namespace import RDF, SKOS

    from kg.vocab import CK

    names = []
    factors = {iri for iri in graph.subjects(RDF.type, CK.Factor) if isinstance(iri, URIRef)}
    for iri in sorted(factors):
        label = graph.value(iri, SKOS.prefLabel)
        alts = tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel)))
        names.append(FactorName(str(iri), str(label) if label is not None else str(iri), alts))
    return names
