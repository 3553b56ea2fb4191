"""Analysis of the signed causal graph with networkx.

One question a module: :mod:`~kg.analysis.graph` (the projection),
:mod:`~kg.analysis.chains`, :mod:`~kg.analysis.propagation` (upstream and
downstream), :mod:`~kg.analysis.loops`, :mod:`~kg.analysis.leverage` and
:mod:`~kg.analysis.whatif`.
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
    "Step",
    "WhatIf",
    "causal_chains",
    "causal_graph",
    "downstream",
    "feedback_loops",
    "from_edges",
    "graph_from_rows",
    "leverage",
    "parse_shock",
    "resolve_node",
    "rows_from_dataset",
    "signed_reach",
    "upstream",
    "what_if",
]
