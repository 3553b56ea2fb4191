"""Chains, upstream/downstream, loops, leverage and what-if on small inline graphs."""

from __future__ import annotations

import pytest

from kg.analysis import (
    causal_chains,
    downstream,
    feedback_loops,
    from_edges,
    leverage,
    parse_shock,
    upstream,
    what_if,
)
from kg.errors import AmbiguousFactor, KgError, NoCausalPath, UnknownFactor


def labels(G, chains):
    return [c.labels(G) for c in chains]


# ---------------------------------------------------------------- chains


def test_chains_ranked_strongest_first_whatever_their_length():
    G = from_edges(
        [
            ("A", "B", "+", {"confidence": 0.9}),
            ("B", "D", "+", {"confidence": 0.3}),
            ("A", "C", "+", {"confidence": 0.9}),
            ("C", "D", "+", {"confidence": 0.7}),
            ("A", "E", "+"),
            ("E", "F", "+"),
            ("F", "D", "+"),
        ]
    )
    found = causal_chains(G, "A", "D")
    # strengths 0.63, 0.512 (three links of 0.8), 0.27
    assert labels(G, found.chains) == [["A", "C", "D"], ["A", "E", "F", "D"], ["A", "B", "D"]]
    assert [c.weakest for c in found.chains] == [0.7, 0.8, 0.3]


def test_net_sign_is_product_of_link_signs():
    G = from_edges(
        [("A", "B", "-"), ("B", "C", "+"), ("C", "D", "-"), ("A", "X", "-"), ("X", "D", "+")]
    )
    found = causal_chains(G, "A", "D")
    signs = {tuple(c.labels(G)): c.sign_symbol for c in found.chains}
    assert signs == {("A", "B", "C", "D"): "+", ("A", "X", "D"): "-"}


def test_step_lists_every_parallel_claim_and_a_balanced_link_is_no_chain():
    G = from_edges([("A", "B", "+", {"brief": "one"}), ("A", "B", "-", {"brief": "two"})])
    assert causal_chains(G, "A", "B").chains == []  # the claims balance exactly: weight 0
    G = from_edges([("A", "B", "+", {"brief": "one"}),
                    ("A", "B", "-", {"brief": "two", "confidence": 0.5})])  # fmt: skip
    (chain,) = causal_chains(G, "A", "B").chains
    step = chain.steps[0]
    assert {c["brief"] for c in step.claims} == {"one", "two"}
    assert chain.sign_symbol == "+" and round(chain.strength, 4) == 0.3
    assert chain.as_dict(G)["steps"][0]["sign"] == "+"


def test_length_bound_is_reported():
    G = from_edges([("A", "B", "+"), ("B", "C", "+"), ("C", "D", "+"), ("A", "D", "+")])
    short = causal_chains(G, "A", "D", max_length=2)
    assert labels(G, short.chains) == [["A", "D"]]
    assert short.length_bound_hit
    full = causal_chains(G, "A", "D", max_length=3)
    assert len(full.chains) == 2 and not full.length_bound_hit


def test_only_route_longer_than_bound_reports_bound_and_no_chain():
    G = from_edges([("A", "B", "+"), ("B", "C", "+"), ("C", "D", "+")])
    found = causal_chains(G, "A", "D", max_length=2)
    assert found.chains == [] and found.length_bound_hit
    with pytest.raises(NoCausalPath, match="within 2 links"):
        causal_chains(G, "A", "D", max_length=2, require=True)


def test_count_limit_stops_a_dense_graph():
    # A layered graph with 5**4 = 625 chains from s to t.
    edges = []
    layers = [["s"]] + [[f"l{i}n{j}" for j in range(5)] for i in range(4)] + [["t"]]
    for upper, lower in zip(layers, layers[1:], strict=False):
        edges += [(u, v, "+") for u in upper for v in lower]
    G = from_edges(edges)
    found = causal_chains(G, "s", "t", max_length=6, limit=10)
    assert len(found.chains) == 10 and found.limit_hit
    assert all(len(c.steps) == 5 for c in found.chains)


def test_no_chain_raises_no_causal_path_with_exit_code_1():
    G = from_edges([("A", "B", "+"), ("C", "D", "+")])
    with pytest.raises(NoCausalPath) as error:
        causal_chains(G, "A", "D", require=True)
    assert error.value.exit_code == 1
    assert causal_chains(G, "A", "D").chains == []


def test_chain_json_shape():
    G = from_edges([("A", "B", "-", {"locator": "point 4"})])
    data = causal_chains(G, "A", "B").as_dict(G)
    assert data["from"] == "A" and data["to"] == "B"
    (chain,) = data["chains"]
    assert chain["factors"] == ["A", "B"] and chain["sign"] == "-"
    (step,) = chain["steps"]
    assert (step["cause"], step["effect"], step["sign"]) == ("A", "B", "-")
    assert step["claims"][0]["locator"] == "point 4"


def test_factor_names_resolve_with_suggestions():
    G = from_edges([("rising costs", "relocation", "+")])
    assert causal_chains(G, "RISING-COSTS", "Relocation").chains
    with pytest.raises(UnknownFactor) as error:
        causal_chains(G, "rising cost", "relocation")
    assert "rising costs" in error.value.suggestions


# ---------------------------------------------------------------- upstream / downstream


def test_upstream_distance_and_sign():
    G = from_edges([("A", "B", "-"), ("B", "C", "-"), ("D", "C", "+")])
    rows = {r["factor"]: r for r in upstream(G, "C").as_dict(G)["factors"]}
    assert (rows["B"]["distance"], rows["B"]["sign"]) == (1, "-")
    assert (rows["A"]["distance"], rows["A"]["sign"]) == (2, "+")
    assert rows["A"]["chain"] == ["A", "B", "C"]
    assert "C" not in rows


def test_ambiguous_sign_where_paths_disagree():
    G = from_edges([("A", "B", "+"), ("B", "D", "+"), ("A", "C", "+"), ("C", "D", "-")])
    rows = {r["factor"]: r for r in downstream(G, "A").as_dict(G)["factors"]}
    assert rows["D"]["sign"] == "ambiguous"
    assert rows["B"]["sign"] == "+"


def test_depth_bounds_downstream():
    G = from_edges([("A", "B", "+"), ("B", "C", "+"), ("C", "D", "+")])
    assert [r.node for r in downstream(G, "A", depth=2)] == ["B", "C"]


# ---------------------------------------------------------------- loops


def test_reinforcing_and_balancing_loops():
    G = from_edges(
        [
            ("A", "B", "+"),
            ("B", "A", "+"),  # reinforcing, no decreasing link
            ("C", "D", "-"),
            ("D", "C", "-"),  # reinforcing, two decreasing links
            ("E", "F", "+"),
            ("F", "G", "+"),
            ("G", "E", "-"),  # balancing
        ]
    )
    kinds = {tuple(loop.labels(G)): loop.kind for loop in feedback_loops(G).loops}
    assert kinds == {
        ("A", "B"): "reinforcing",
        ("C", "D"): "reinforcing",
        ("E", "F", "G"): "balancing",
    }


def test_loop_carries_claims_of_each_link():
    G = from_edges([("A", "B", "+", {"claim": "c1"}), ("B", "A", "+", {"claim": "c2"})])
    (loop,) = feedback_loops(G).loops
    assert loop.as_dict(G)["claims"] == ["c1", "c2"]


def test_loop_bounds():
    G = from_edges(
        [("A", "B", "+"), ("B", "C", "+"), ("C", "A", "+"), ("A", "C", "+"), ("C", "B", "+")]
    )
    assert all(len(loop.factors) <= 2 for loop in feedback_loops(G, max_length=2).loops)
    limited = feedback_loops(G, limit=1)
    assert len(limited.loops) == 1 and limited.limit_hit


# ---------------------------------------------------------------- leverage


def test_leverage_ranks_hub_first_and_shows_figures():
    G = from_edges(
        [("hub", x, "+") for x in ("a", "b", "c", "d")] + [("src", "hub", "+"), ("a", "hub", "+")]
    )
    rows = leverage(G).as_dict(G)["factors"]
    top = rows[0]
    assert top["factor"] == "hub"
    assert (top["downstream"], top["upstream"]) == (4, 2)  # a-d below; src and a above
    assert top["loops"] == 1
    assert set(top) >= {"score", "downstream", "upstream", "betweenness", "loops", "claims"}
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_leverage_explains_its_score_by_its_three_parts():
    from kg.outputs.reports import leverage_text

    G = from_edges(
        [("hub", x, "+") for x in ("a", "b", "c", "d")] + [("src", "hub", "+"), ("a", "hub", "-")]
    )
    result = leverage(G)
    n = G.number_of_nodes() - 1
    for row in result.rows:
        assert abs(row.reach + row.brokerage + row.feedback - row.score) < 1e-3
        assert row.reach == round(0.5 * row.weighted_reach / n, 4)
    top = result.as_dict(G)["factors"][0]
    # the hub reaches a-d by one link of 0.8 each: 3.2 of 5, not 4 of 5
    assert top["weighted_reach"] == 3.2 and top["downstream"] == 4
    assert top["parts"] == {"reach": 0.32, "brokerage": 0.3, "feedback": 0.2}
    text = leverage_text(result, G, width=100)
    assert "reach" in text and "brokerage" in text and "feedback" in text
    assert "score = reach + brokerage + feedback" in text
    assert "4 of 5 (3.20)" in text  # the hub reaches four of the five others, 3.2 weighted


# ---------------------------------------------------------------- what-if


def test_parse_shock():
    assert parse_shock("coastal costs=+") == ("coastal costs", 1)
    assert parse_shock("a=b=down") == ("a=b", -1)
    with pytest.raises(KgError):
        parse_shock("no sign")
    with pytest.raises(KgError):
        parse_shock("x=sideways")


def test_whatif_conflicting_shocks_give_ambiguous():
    G = from_edges([("A", "C", "+"), ("B", "C", "+"), ("C", "D", "-")])
    data = what_if(G, {"A": "+", "B": "-"}).as_dict(G)
    effects = {e["factor"]: e for e in data["effects"]}
    assert effects["C"]["direction"] == "ambiguous"
    assert effects["D"]["direction"] == "ambiguous"
    assert set(effects["C"]["chains"]) == {"up", "down"}


def test_whatif_direction_and_chain():
    G = from_edges([("A", "B", "-"), ("B", "C", "+")])
    data = what_if(G, {"A": "+"}).as_dict(G)
    effects = {e["factor"]: e for e in data["effects"]}
    assert effects["B"]["direction"] == "down"
    assert effects["C"]["direction"] == "down"
    assert effects["C"]["chain"] == ["A", "B", "C"]


def test_whatif_removal_breaks_loop_and_loses_effects():
    G = from_edges(
        [("A", "B", "+", {"claim": "ab"}), ("B", "A", "+", {"claim": "ba"}), ("B", "C", "+")]
    )
    base = what_if(G, {"A": "-"}).as_dict(G)
    assert [loop["effect"] for loop in base["loops"]] == ["weakened"]
    cut = what_if(G, {"A": "-"}, remove=["ab"]).as_dict(G)
    assert [loop["factors"] for loop in cut["broken_loops"]] == [["A", "B"]]
    assert {e["factor"] for e in cut["lost_effects"]} == {"B", "C"}
    assert cut["effects"] == [] and cut["removed"]["claims"] == ["ab"]


def test_whatif_remove_factor_and_unknown_item():
    G = from_edges([("A", "B", "+"), ("B", "C", "+")])
    data = what_if(G, {"A": "+"}, remove=["B"]).as_dict(G)
    assert data["removed"]["factors"] == ["B"] and data["effects"] == []
    with pytest.raises(KgError, match="neither a factor nor a claim"):
        what_if(G, {"A": "+"}, remove=["nothing-like-it"])


def test_whatif_rejects_contradictory_shocks_of_one_factor():
    G = from_edges([("a b", "c", "+")])
    with pytest.raises(KgError, match="both up and down"):
        what_if(G, {"a b": "+", "A-B": "-"})


def test_ambiguous_factor_name():
    G = from_edges([("x", "y", "+")])
    G.nodes["x"]["alt_labels"] = ("shared",)
    G.nodes["y"]["alt_labels"] = ("Shared",)
    with pytest.raises(AmbiguousFactor):
        what_if(G, {"shared": "+"})


def test_leverage_reach_counts_each_factor_by_its_strongest_chain():
    # "strong" and "weak" each reach one factor, by a link of 0.9 and of 0.3
    G = from_edges([("strong", "x", "+", {"confidence": 0.9}),
                    ("weak", "y", "+", {"confidence": 0.3})])  # fmt: skip
    rows = {r.node: r for r in leverage(G).rows}
    assert rows["strong"].downstream == rows["weak"].downstream == 1
    assert (rows["strong"].weighted_reach, rows["weak"].weighted_reach) == (0.9, 0.3)
    assert rows["strong"].reach == round(0.5 * 0.9 / 3, 4)
    assert rows["strong"].score > rows["weak"].score


def test_leverage_betweenness_follows_the_strongest_chains():
    # s reaches t by two routes of two links: via "sure" (0.9, 0.9) and via "shaky"
    # (0.3, 0.3); by links alone they tie, by weight only "sure" brokers
    G = from_edges([("s", "sure", "+", {"confidence": 0.9}), ("sure", "t", "+", {"confidence": 0.9}),
                    ("s", "shaky", "+", {"confidence": 0.3}),
                    ("shaky", "t", "+", {"confidence": 0.3})])  # fmt: skip
    rows = {r.node: r for r in leverage(G).rows}
    assert rows["sure"].betweenness > 0 and rows["shaky"].betweenness == 0


def test_leverage_weighted_reach_is_what_ifs_strongest_chains():
    from kg.analysis.weights import propagate

    G = from_edges([("a", "b", "+", {"confidence": 0.9}), ("b", "c", "-", {"confidence": 0.7}),
                    ("a", "c", "+", {"confidence": 0.4}), ("c", "d", "+"),
                    ("d", "b", "-", {"brief": "p"}), ("d", "b", "+", {"brief": "q"}),
                    ("b", "e", "+", {"confidence": 0.5, "modality": "hedged"})])  # fmt: skip
    for row in leverage(G).rows:
        effects = propagate(G, {row.node: 1})
        expected = sum(max(e.support, e.opposition) for e in effects.values())
        assert row.weighted_reach == round(expected, 4)


def test_weighted_betweenness_equals_networkx_exact_figure():
    """igraph's betweenness with link lengths is networkx's exact weighted figure."""
    import random

    import networkx as nx

    from kg.analysis.betweenness import betweenness

    rng = random.Random(7)
    for _ in range(5):
        G = nx.gnp_random_graph(25, 0.15, seed=rng.randrange(10**6), directed=True)
        for u, v in G.edges():
            G[u][v]["distance"] = rng.uniform(0.05, 3.0)
        ours = betweenness(G, weight="distance")
        theirs = nx.betweenness_centrality(G, normalized=True, weight="distance")
        assert ours.keys() == theirs.keys()
        assert all(abs(ours[n] - theirs[n]) < 1e-9 for n in G)
