"""Where the dataset lives: the Oxigraph store, and the rows it hands the analysis.

:class:`Store` keeps the dataset in Oxigraph (on disk or in memory), one named
graph per brief plus the ontology and the factor scheme, and brings it up to
date graph by graph with :meth:`Store.sync`; :mod:`kg.store.rows` defines the
plain rows every backend hands the causal-graph projection. :class:`Store` is
made of :mod:`kg.store.lifecycle` (opening, the lock), :mod:`kg.store.journal`
(sync), :mod:`kg.store.queries` (reading) and :mod:`kg.store.causal` (the rows
and their cache); :mod:`kg.store.layout` names the files of a store folder.
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
