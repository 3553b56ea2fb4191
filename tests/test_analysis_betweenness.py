"""kg's betweenness (igraph) is networkx's exact figure, on small random graphs."""

from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.analysis.betweenness import betweenness
from kg.analysis.graph import collapse


@pytest.mark.parametrize("seed", range(12))
def test_betweenness_equals_networkx_exact_on_random_graphs(seed):
    n = 5 + seed * 3
    G = nx.gnp_random_graph(n, 0.15 + 0.02 * (seed % 4), seed=seed, directed=True)
    G.add_edge(0, 0)  # a self-loop, which the causal graph may hold, changes no shortest path
    G = nx.relabel_nodes(G, {i: f"factor-{i}" for i in G})  # nodes are IRIs, not numbers
    ours = betweenness(G)
    exact = nx.betweenness_centrality(G, normalized=True)
    assert ours.keys() == exact.keys()
    for node in G:
        assert ours[node] == pytest.approx(exact[node], abs=1e-12), node


@pytest.mark.parametrize("n", [0, 1, 2])
def test_tiny_graphs_have_no_betweenness(n):
    G = nx.complete_graph(n, create_using=nx.DiGraph)
    assert betweenness(G) == nx.betweenness_centrality(G, normalized=True)


def test_leverage_reports_the_exact_betweenness_on_a_graph_above_the_old_sample():
    G = nx.gnp_random_graph(600, 0.004, seed=1, directed=True)
    edges = [(f"f{u}", f"f{v}", "+") for u, v in G.edges()]
    causal = kg.from_edges(edges)
    result = kg.leverage(causal)
    simple = collapse(causal)  # the factors with claims, one edge per cause-effect pair
    assert simple.number_of_nodes() > 500, "more factors than the sample networkx was given"
    exact = nx.betweenness_centrality(simple, normalized=True)
    assert {row.node: row.betweenness for row in result.rows} == {
        node: round(value, 4) for node, value in exact.items()
    }
