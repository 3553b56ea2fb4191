"""Analysis of the signed causal graph with networkx.

One question a module: :mod:`~kg.analysis.graph` (the projection),
:mod:`~kg.analysis.chains`, :mod:`~kg.analysis.propagation` (upstream and
downstream), :mod:`~kg.analysis.loops`, :mod:`~kg.analysis.leverage`,
:mod:`~kg.analysis.whatif` and :mod:`~kg.analysis.weights` (the one rule
that weighs each cause-effect pair, and the propagation what-if uses).
"""

from kg.analysis.chains import Chain, ChainSearch, causal_chains
from kg.analysis.graph import (
    Step,
    causal_graph,
    from_edges,
    graph_from_rows,
    resolve_node,
    rows_from_dataset,
)
from kg.analysis.leverage import LeverageResult, LeverageRow, leverage
from kg.analysis.loops import Loop, LoopSearch, feedback_loops
from kg.analysis.propagation import Influence, Neighbourhood, downstream, signed_reach, upstream
from kg.analysis.weights import PairWeight, pair_weight, pair_weights, propagate
from kg.analysis.whatif import WhatIf, parse_shock, what_if

__all__ = [
    "Chain",
    "ChainSearch",
    "Influence",
    "LeverageResult",
    "LeverageRow",
    "Loop",
    "LoopSearch",
    "Neighbourhood",
    "PairWeight",
    "Step",
    "WhatIf",
    "causal_chains",
    "causal_graph",
    "downstream",
    "feedback_loops",
    "from_edges",
    "graph_from_rows",
    "leverage",
    "pair_weight",
    "pair_weights",
    "parse_shock",
    "propagate",
    "resolve_node",
    "rows_from_dataset",
    "signed_reach",
    "upstream",
    "what_if",
]
