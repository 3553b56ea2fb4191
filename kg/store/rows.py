"""What a store hands the analysis: the rows of the causal graph, as plain data.

Every backend (the Oxigraph store, an rdflib dataset, a remote SPARQL server)
answers with the same rows, so the networkx projection
(:func:`kg.analysis.causal_graph`) is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FactorRow", "ClaimRow", "SelectionRow", "TrendRow", "CausalRows"]


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

    ``sign`` is +1 (increases), -1 (decreases) or 0 (``no_effect``, a null
    finding, which the projection keeps off the causal graph); ``modality``
    a word of :data:`kg.vocab.MODALITIES`; ``reading`` one of
    :data:`kg.vocab.READINGS`; ``brief`` the brief's id.
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
    reading: str = "stated"
    condition: str | None = None


@dataclass(frozen=True)
class SelectionRow:
    """One selection finding (who moves), compared only with others on its population and trait.

    ``direction`` is a word of :data:`kg.vocab.SELECTION_DIRECTIONS`.
    """

    finding: str
    brief: str
    population: str
    trait: str
    compared_with: str
    direction: str
    modality: str
    confidence: float
    reading: str
    locator: str
    paraphrase: str


@dataclass(frozen=True)
class TrendRow:
    """One observation that reports a trend (:data:`kg.vocab.TRENDS`) of ``factor``."""

    observation: str
    brief: str
    factor: str
    trend: str
    locator: str
    paraphrase: str
    time_scope: str | None = None
    start_year: int | None = None
    end_year: int | None = None


@dataclass(frozen=True)
class CausalRows:
    """Everything the projection needs, read in a few linear queries.

    ``exact_matches`` holds the ``skos:exactMatch`` pairs between factors of
    the scheme; ``briefs`` every brief id of the dataset (also those without
    claims); ``selections`` the selection findings and ``trends`` the
    observations with a trend, which only ``kg compare`` reads.
    """

    factors: tuple[FactorRow, ...]
    claims: tuple[ClaimRow, ...]
    exact_matches: tuple[tuple[str, str], ...]
    briefs: tuple[str, ...]
    selections: tuple[SelectionRow, ...] = ()
    trends: tuple[TrendRow, ...] = ()
