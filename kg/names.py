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

from rapidfuzz import fuzz, process
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import AmbiguousFactor, UnknownFactor
from kg.vocab import BASE, CK, local_id

__all__ = ["FactorName", "normalise_name", "resolve_factor", "suggest_factors", "factor_names"]

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


def resolve_factor(name: str, factors: Iterable[FactorName]) -> FactorName:
    """Return the one factor that ``name`` designates.

    Parameters
    ----------
    name : str
        A label, alternative label, id, ``factor:ID`` or full IRI, in any case.
    factors : iterable of FactorName
        The factors to choose from.

    Raises
    ------
    UnknownFactor
        No factor answers to ``name``; the closest names are suggested.
    AmbiguousFactor
        Several factors answer to ``name``.
    """
    factors = list(factors)
    raw = name.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    # An IRI or an exact id names one factor outright, before labels are considered.
    exact = [
        f
        for f in factors
        if raw.casefold() in (f.iri.casefold(), f.id.casefold(), "factor:" + f.id.casefold())
    ]
    if len(exact) == 1:
        return exact[0]
    wanted = {raw.casefold(), normalise_name(raw)}
    matches = [f for f in factors if _keys(f) & wanted]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousFactor(name, sorted(f"{m.label} ({m.id})" for m in matches))
    raise UnknownFactor(name, suggest_factors(name, factors))


def suggest_factors(name: str, factors: Iterable[FactorName], limit: int = 3) -> list[str]:
    """Labels of the factors whose names come closest to ``name``."""
    choices: dict[str, str] = {}
    for factor in factors:
        for text in (factor.label, factor.id, *factor.alt_labels):
            choices.setdefault(normalise_name(text), factor.label)
    found = process.extract(
        normalise_name(name), list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
    )
    labels: list[str] = []
    for text, _score, _index in found:
        label = choices[text]
        if label not in labels:
            labels.append(label)
    return labels[:limit]


def factor_names(graph: Graph) -> list[FactorName]:
    """The names of every factor in ``graph`` (a built dataset or any graph)."""
    names = []
    for iri in sorted(set(graph.subjects(RDF.type, CK.Factor))):
        if not isinstance(iri, URIRef):
            continue
        label = graph.value(iri, SKOS.prefLabel)
        alts = tuple(sorted(str(a) for a in graph.objects(iri, SKOS.altLabel)))
        names.append(FactorName(str(iri), str(label) if label is not None else str(iri), alts))
    return names
