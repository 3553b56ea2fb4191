"""What a store hands the analysis: the rows of the causal graph, as plain data.

Every backend (the Oxigraph store, an rdflib dataset, a remote SPARQL server)
answers with the same rows, so the networkx projection
(:func:`kg.analysis.causal_graph`) is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FactorRow", "ClaimRow", "CausalRows"]


@dataclass(frozen=True)
class FactorRow:
    """One factor of the scheme: IRI, preferred label, group word, alternative labels."""

    iri: str
    label: str
    group: str
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimRow:
    """One causal claim, with the fields the analysis reads.

    ``sign`` is +1 (increases) or -1 (decreases); ``modality`` a word of
    :data:`kg.vocab.MODALITIES`; ``brief`` the brief's id.
    """

    claim: str
    cause: str
    effect: str
    sign: int
    modality: str
    confidence: float
    brief: str
    locator: str
    paraphrase: str
    time_scope: str | None = None


@dataclass(frozen=True)
class CausalRows:
    """Everything the projection needs, read in a few linear queries.

    ``exact_matches`` holds the ``skos:exactMatch`` pairs between factors of
    the scheme; ``briefs`` every brief id of the dataset (also those without
    claims).
    """

    factors: tuple[FactorRow, ...]
    claims: tuple[ClaimRow, ...]
    exact_matches: tuple[tuple[str, str], ...]
    briefs: tuple[str, ...]
