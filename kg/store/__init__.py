"""Where the dataset lives: the Oxigraph store, and the rows it hands the analysis.

:class:`Store` keeps the dataset in Oxigraph (on disk or in memory), one named
graph per brief plus the ontology and the factor scheme, and brings it up to
date graph by graph with :meth:`Store.sync`; :mod:`kg.store.rows` defines the
plain rows every backend hands the causal-graph projection.
"""

from kg.store.oxigraph import (
    FORMAT_VERSION,
    GraphContent,
    Store,
    SyncResult,
    graph_contents,
    parse_nquads,
    to_term,
)
from kg.store.rows import CausalRows, ClaimRow, FactorRow

__all__ = [
    "FORMAT_VERSION",
    "GraphContent",
    "Store",
    "SyncResult",
    "graph_contents",
    "parse_nquads",
    "to_term",
    "CausalRows",
    "ClaimRow",
    "FactorRow",
]
