"""Exact betweenness centrality of a causal graph, computed by igraph.

networkx computes exact betweenness in Python, which takes minutes on the
graph of 10,000 briefs, and a sample of sources gives a ranking that differs
from the exact one. igraph computes the same figure (Brandes' algorithm, in
C) in seconds; rustworkx was measured too, and took twice as long on that
graph. The figure is networkx's normalised one: for a directed graph of
``n`` nodes, the number of shortest paths between other nodes passing
through a node, each pair's share counted, divided by ``(n - 1)(n - 2)``.

>>> import networkx as nx
>>> G = nx.DiGraph([("A", "B"), ("B", "C"), ("C", "B"), ("D", "C")])
>>> betweenness(G)
{'A': 0.0, 'B': 0.16666666666666666, 'C': 0.16666666666666666, 'D': 0.0}
>>> betweenness(G) == nx.betweenness_centrality(G, normalized=True)
True
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["betweenness"]


def betweenness(G: nx.DiGraph) -> dict[Hashable, float]:
    """The exact normalised betweenness of every node of a simple directed graph.

    Parameters
    ----------
    G : networkx.DiGraph
        Unweighted; every edge counts as one step (self-loops change no
        shortest path).

    Returns
    -------
    dict
        Node to betweenness, as ``networkx.betweenness_centrality(G,
        normalized=True)`` gives it (up to rounding in the last digits).
    """
    import igraph

    nodes = list(G)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(
        n=n, edges=[(index[u], index[v]) for u, v in G.edges() if u != v], directed=True
    )
    raw = graph.betweenness(directed=True)
    scale = 1.0 / ((n - 1) * (n - 2))
    return {node: value * scale for node, value in zip(nodes, raw, strict=True)}
