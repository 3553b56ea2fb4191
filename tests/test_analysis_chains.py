"""Causal chains: best first and lazy, with a work budget."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import causal_chains, from_edges
from kg.analysis.chains import rank_strength
from kg.analysis.weights import pair_weights
from kg.errors import InvalidParameter

NODES = [f"n{i}" for i in range(7)]


def exhaustive(G, source, target, max_length):
    """Every simple path within the bound over links of nonzero weight, ranked the
    documented way: strength (strongest first, to nine decimals), links, labels."""
    weights = pair_weights(G)
    simple = nx.DiGraph([pair for pair, w in weights.items() if w.weight > 0])
    if source not in simple or target not in simple:
        return []

    def strength(path):
        value = 1.0
        for u, v in pairwise(path):
            value *= weights[u, v].weight
        return value

    paths = nx.all_simple_paths(simple, source, target, cutoff=max_length)
    return sorted(
        (tuple(p) for p in paths), key=lambda p: (-rank_strength(strength(p)), len(p), list(p))
    )


def layered_dag(layers: int, width: int, seed: int = 0):
    """s, then ``layers`` layers of ``width`` factors each linked to the whole next layer,
    then t; random confidences. (width ** layers) chains, all of one length."""
    rng = random.Random(seed)
    levels = [["s"]] + [[f"l{i}w{j}" for j in range(width)] for i in range(layers)] + [["t"]]
    edges = [
        (u, v, rng.choice("+-"), {"confidence": rng.choice([0.3, 0.5, 0.6, 0.7, 0.8, 0.9])})
        for upper, lower in pairwise(levels)
        for u in upper
        for v in lower
    ]
    return from_edges(edges)


def test_layered_complete_dag_answers_within_the_budget():
    G = layered_dag(8, 8)  # 66 factors, 8**8 = 16,777,216 chains from s to t
    assert G.number_of_nodes() >= 60
    found = causal_chains(G, "s", "t", max_length=9, limit=100, budget=50_000)
    assert not found.budget_hit and found.limit_hit and not found.length_bound_hit
    assert len(found.chains) == 100 and found.work <= 50_000
    assert all(len(c.steps) == 9 for c in found.chains)
    strengths = [c.strength for c in found.chains]
    ranked = [rank_strength(v) for v in strengths]  # ranked to nine decimals
    assert ranked == sorted(ranked, reverse=True)
    # The first chain is the strongest there is: the product of its links' confidences
    # (one claim each) is the largest of any route, by Dijkstra on -log(confidence).
    H = nx.DiGraph()
    H.add_weighted_edges_from((u, v, -math.log(d["confidence"])) for u, v, d in G.edges(data=True))
    best = math.exp(-nx.dijkstra_path_length(H, "s", "t"))
    assert strengths[0] == pytest.approx(best, rel=1e-12)


def test_budget_stops_the_search_and_says_so():
    G = layered_dag(6, 6, seed=1)
    found = causal_chains(G, "s", "t", max_length=7, limit=50, budget=3)
    assert found.budget_hit and found.work == 3 and found.expanded <= 3
    assert found.as_dict(G)["budget_hit"] is True
    best = exhaustive(G, "s", "t", 7)
    assert [c.factors for c in found.chains] == best[: len(found.chains)]  # the best ones found
    roomy = causal_chains(G, "s", "t", max_length=7, limit=50)
    assert not roomy.budget_hit and [c.factors for c in roomy.chains] == best[:50]


def test_a_strong_three_link_chain_ranks_above_a_weak_direct_link():
    strong = {"confidence": 0.95}
    G = from_edges([("a", "b", "+", strong), ("b", "c", "+", strong), ("c", "d", "-", strong),
                    ("a", "d", "+", {"confidence": 0.4, "modality": "hedged"})])  # fmt: skip
    found = causal_chains(G, "a", "d")
    assert [c.factors for c in found.chains] == [("a", "b", "c", "d"), ("a", "d")]
    assert [c.sign_symbol for c in found.chains] == ["-", "+"]
    strengths = [row["strength"] for row in found.as_dict(G)["chains"]]
    assert strengths == [round(0.95**3, 4), round(0.4 * 0.8, 4)]
    # --max-length filters the strong chain out and says a longer one exists
    short = causal_chains(G, "a", "d", max_length=2)
    assert [c.factors for c in short.chains] == [("a", "d")] and short.length_bound_hit


def test_equally_strong_chains_rank_by_links_then_labels_whatever_the_input_order():
    edges = [("s", "y", "+"), ("y", "t", "+"), ("s", "x", "+"), ("x", "t", "+"),
             ("s", "m", "+", {"confidence": 1.0}), ("m", "n", "+", {"confidence": 1.0}),
             ("n", "t", "+", {"confidence": 0.64})]  # fmt: skip
    orders = set()
    for seed in range(6):
        shuffled = list(edges)
        random.Random(seed).shuffle(shuffled)
        found = causal_chains(from_edges(shuffled), "s", "t")
        orders.add(tuple(c.factors for c in found.chains))
    # all three are 0.64 strong: two links before three, then x before y
    assert orders == {(("s", "x", "t"), ("s", "y", "t"), ("s", "m", "n", "t"))}


def test_a_link_whose_claims_balance_exactly_or_only_null_findings_is_no_causal_link():
    G = from_edges([("a", "b", "+", {"brief": "p"}), ("a", "b", "-", {"brief": "q"}),
                    ("b", "c", "+"), ("a", "c", "0"), ("a", "x", "+"), ("x", "c", "+")])  # fmt: skip
    found = causal_chains(G, "a", "c")
    assert [c.factors for c in found.chains] == [("a", "x", "c")]
    assert not causal_chains(G, "a", "b").chains


def test_limit_hit_only_when_more_chains_exist():
    G = from_edges([("a", "b", "+"), ("b", "c", "+"), ("a", "c", "-")])
    assert not causal_chains(G, "a", "c", limit=2).limit_hit
    assert causal_chains(G, "a", "c", limit=1).limit_hit


def test_parameters_are_checked():
    G = from_edges([("a", "b", "+")])
    for bad in ({"max_length": 0}, {"limit": 0}, {"budget": 0}):
        with pytest.raises(InvalidParameter):
            causal_chains(G, "a", "b", **bad)


signed_edges = st.lists(
    st.tuples(
        st.sampled_from(NODES),
        st.sampled_from(NODES),
        st.sampled_from("+-"),
        st.fixed_dictionaries({"confidence": st.sampled_from([0.3, 0.5, 0.7, 0.9])}),
    ).filter(lambda e: e[0] != e[1]),
    min_size=1,
    max_size=24,
)


@settings(max_examples=200, deadline=None)
@given(
    signed_edges,
    st.sampled_from(NODES),
    st.sampled_from(NODES),
    st.integers(1, 6),
    st.integers(1, 30),
)
def test_lazy_search_returns_the_first_chains_of_exhaustive_enumeration(
    edges, source, target, max_length, limit
):
    G = from_edges(edges)
    if source not in G or target not in G or source == target:
        return
    expected = exhaustive(G, source, target, max_length)
    found = causal_chains(G, source, target, max_length=max_length, limit=limit)
    assert [c.factors for c in found.chains] == expected[:limit]
    assert found.limit_hit == (len(expected) > limit)
    assert not found.budget_hit
    causal = nx.DiGraph([pair for pair, w in pair_weights(G).items() if w.weight > 0])
    longer = (
        source in causal
        and target in causal
        and any(len(p) - 1 > max_length for p in nx.all_simple_paths(causal, source, target))
    )
    if longer and not found.limit_hit:
        assert found.length_bound_hit


def test_a_graph_built_to_defeat_pruning_costs_the_budget_in_links_not_more():
    # s -> a -> t, and a complete core of 60 factors linked to and from a: every factor is
    # two links from t, but every route through the core comes back to a, already on the chain
    core = [f"k{i}" for i in range(60)]
    edges = [("s", "a", "+"), ("a", "t", "+")] + [("a", k, "+") for k in core]
    edges += [(k, "a", "+") for k in core] + [(x, y, "+") for x in core for y in core if x != y]
    G = from_edges(edges)
    found = causal_chains(G, "s", "t", max_length=7, budget=20_000)
    assert found.budget_hit and found.work == 20_000
    assert [c.factors for c in found.chains] == [("s", "a", "t")]
    # each partial chain extended looked along its factor's ~60 links: the budget counts them
    assert found.expanded < 20_000 / 50


def test_the_names_index_kept_with_a_graph_follows_its_nodes():
    """Factor names resolve through an index kept with the graph; a node added or removed
    makes it anew, so a name is never resolved against the factors the graph had."""
    from kg.analysis.graph import resolve_node
    from kg.errors import UnknownFactor

    G = from_edges([("rain", "flooding", "+"), ("flooding", "crops", "-")])
    assert resolve_node(G, "Flooding") == "flooding"
    G.add_node("drought", label="Long drought")
    assert resolve_node(G, "long drought") == "drought"
    G.remove_node("drought")
    with pytest.raises(UnknownFactor):
        resolve_node(G, "long drought")
