"""Leverage points: the factors that reach most of the system and hold it together.

For every factor kg reports the figures an analyst can check:

``downstream``
    how many factors it can influence through some chain;
``upstream``
    how many factors can influence it;
``betweenness``
    the share of shortest chains between other factors that pass through it
    (networkx's normalised betweenness centrality; estimated from a fixed
    sample of ``betweenness_sample`` sources on large graphs);
``loops``
    how many feedback loops it sits in;
``claims``
    how many claims name it as cause or effect.

The rank follows a documented composite score,
``0.5 * downstream / (n - 1) + 0.3 * betweenness / max_betweenness +
0.2 * loops / max_loops``: reach first, then brokerage, then feedback.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "C", "+"), ("C", "B", "+"), ("D", "C", "-")])
>>> [row["factor"] for row in leverage(G)][:2]
['B', 'C']
"""

from __future__ import annotations

import networkx as nx

from kg.analysis.graph import collapse, node_label
from kg.analysis.loops import feedback_loops

__all__ = ["leverage", "reach_counts"]


def reach_counts(simple: nx.DiGraph) -> dict[str, int]:
    """How many other factors each factor can reach, for every factor at once.

    Works on the condensation (strongly connected components) with integer
    bitsets, so it stays fast on graphs of tens of thousands of factors.
    """
    condensed = nx.condensation(simple)
    members = condensed.graph["mapping"]  # node -> component
    index = {node: i for i, node in enumerate(simple)}
    own = {c: 0 for c in condensed}
    for node, component in members.items():
        own[component] |= 1 << index[node]
    reach: dict[int, int] = {}
    for component in reversed(list(nx.topological_sort(condensed))):
        bits = own[component]
        for successor in condensed.successors(component):
            bits |= reach[successor]
        reach[component] = bits
    # Every component reaches its own members; a factor does not count itself.
    return {node: reach[component].bit_count() - 1 for node, component in members.items()}


def leverage(
    G: nx.MultiDiGraph,
    *,
    max_loop_length: int = 8,
    loop_limit: int = 10_000,
    betweenness_sample: int = 500,
) -> list[dict]:
    """Factors ranked by leverage, each with the figures behind its rank.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph.
    max_loop_length, loop_limit : int
        Bounds of the loop count (see :func:`kg.feedback_loops`).
    betweenness_sample : int
        Above this many factors, betweenness is estimated from this many
        sampled sources (with a fixed seed, so ranks are repeatable).

    Returns
    -------
    list of dict
        ``factor``, ``score``, ``downstream``, ``upstream``, ``betweenness``,
        ``loops``, ``claims``; highest score first.
    """
    simple = collapse(G)
    n = simple.number_of_nodes()
    if n == 0:
        return []
    down = reach_counts(simple)
    up = reach_counts(simple.reverse(copy=False))
    k = betweenness_sample if n > betweenness_sample else None
    between = nx.betweenness_centrality(simple, k=k, seed=0 if k else None, normalized=True)
    loops_found = feedback_loops(G, max_length=max_loop_length, limit=loop_limit)
    in_loops = dict.fromkeys(simple, 0)
    for loop in loops_found.loops:
        for node in loop.factors:
            in_loops[node] += 1
    max_between = max(between.values()) or 1.0
    max_loops = max(in_loops.values()) or 1
    rows = []
    for node in simple:
        score = (
            0.5 * down[node] / max(n - 1, 1)
            + 0.3 * between[node] / max_between
            + 0.2 * in_loops[node] / max_loops
        )
        rows.append(
            {
                "factor": node_label(G, node),
                "score": round(score, 4),
                "downstream": down[node],
                "upstream": up[node],
                "betweenness": round(between[node], 4),
                "loops": in_loops[node],
                "claims": G.in_degree(node) + G.out_degree(node),
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["factor"]))
    return rows
