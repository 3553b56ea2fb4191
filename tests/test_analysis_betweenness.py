"""kg's betweenness (igraph) and leverage's weighted reach (SciPy) are networkx's exact
figures, on small random graphs and on the shipped and synthetic data."""

from __future__ import annotations

import math
import random
import sys

import networkx as nx
import pytest
from helpers import REPO, SHIPPED_DATA

import kg
from kg.analysis.betweenness import betweenness
from kg.analysis.graph import collapse
from kg.analysis.leverage import MIN_DISTANCE, _weighted_reaches
from kg.analysis.weights import pair_weights

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


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


# ------------------------------------------------------- the weighted reach


def _exact_reach(simple: nx.DiGraph) -> dict:
    """networkx's Dijkstra from each factor, then ``exp(-distance)`` summed exactly."""
    reach = {}
    for source in simple:
        found = nx.single_source_dijkstra_path_length(simple, source, weight="distance")
        reach[source] = math.fsum(math.exp(-d) for node, d in found.items() if node != source)
    return reach


@pytest.mark.parametrize("seed", range(10))
def test_weighted_reach_equals_networkx_dijkstra_on_random_graphs(seed):
    rng = random.Random(seed)
    n = 6 + seed * 4
    G = nx.gnp_random_graph(n, 0.1 + 0.03 * (seed % 3), seed=seed, directed=True)
    G.add_nodes_from([n, n + 1])  # factors that reach nothing and that nothing reaches
    G = nx.relabel_nodes(G, {i: f"factor-{i}" for i in G})
    # few distinct lengths, as the weighting rule gives: many routes of equal length
    lengths = [-math.log(w) for w in (0.8, 0.64, 0.48, 0.3)] + [MIN_DISTANCE]
    for u, v in G.edges():
        G[u][v]["distance"] = rng.choice(lengths)
    ours = _weighted_reaches(G)
    exact = _exact_reach(G)
    assert ours.keys() == exact.keys()
    for node in G:
        assert ours[node] == pytest.approx(exact[node], abs=1e-12), node
    # a factor that reaches nothing has the reach of an empty sum, an int, as before
    assert ours[f"factor-{n}"] == 0 and isinstance(ours[f"factor-{n}"], int)


def _weighted_links(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The links leverage measures on: collapsed, those of weight 0 out, distance -log(w)."""
    simple = collapse(G)
    weights = pair_weights(G)
    simple.remove_edges_from([pair for pair, w in weights.items() if w.weight == 0])
    for u, v in simple.edges():
        simple[u][v]["distance"] = max(-math.log(weights[u, v].weight), MIN_DISTANCE)
    return simple


@pytest.mark.parametrize("source", ["shipped", "synthetic"])
def test_leverage_reach_is_the_exact_sum_on_shipped_and_synthetic_data(
    source, tmp_path, monkeypatch
):
    if source == "shipped":
        G = kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)
    else:
        data = write_corpus(tmp_path / "data", 30, seed=4)
        G = kg.causal_graph(kg.build_dataset(data).dataset)
    exact = _exact_reach(_weighted_links(G))
    rows = kg.leverage(G).rows
    assert len(rows) == len(exact) > 20
    assert {row.node: row.weighted_reach for row in rows} == {
        node: round(value, 4) for node, value in exact.items()
    }
    # and so the whole ranking, every figure of every factor, is the one the exact sum gives
    module = sys.modules["kg.analysis.leverage"]  # the package exports the function by that name
    monkeypatch.setattr(module, "_weighted_reaches", _exact_reach)
    assert kg.leverage(G).rows == rows
