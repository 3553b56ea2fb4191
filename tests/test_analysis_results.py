"""Result objects of upstream/downstream and leverage, and their JSON shapes."""

from __future__ import annotations

import json

import networkx as nx
from click.testing import CliRunner
from helpers import SHIPPED_DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import Influence, Neighbourhood, downstream, from_edges, leverage, upstream
from kg.analysis.graph import causal_graph, collapse
from kg.analysis.leverage import reach_both_ways
from kg.cli import main
from kg.pipeline import build_dataset


def test_neighbourhood_rows_and_json():
    G = from_edges(
        [("A", "B", "-", {"claim": "ab"}), ("B", "C", "-", {"claim": "bc"}), ("D", "C", "+")]
    )
    result = upstream(G, "c")  # names resolve
    assert isinstance(result, Neighbourhood) and result.direction == "upstream"
    assert result.factor == "C" and len(result) == 3
    assert [(r.node, r.distance, r.sign) for r in result] == [
        ("B", 1, -1),
        ("D", 1, 1),
        ("A", 2, 1),
    ]
    farthest = result.rows[-1]
    assert isinstance(farthest, Influence)
    assert farthest.chain == ("A", "B", "C") and farthest.claims == ("ab", "bc")
    assert result.as_dict(G) == {
        "factor": "C",
        "direction": "upstream",
        "factors": [
            {"factor": "B", "distance": 1, "sign": "-", "chain": ["B", "C"], "claims": ["bc"]},
            {"factor": "D", "distance": 1, "sign": "+", "chain": ["D", "C"], "claims": ["D->C#3"]},
            {
                "factor": "A",
                "distance": 2,
                "sign": "+",
                "chain": ["A", "B", "C"],
                "claims": ["ab", "bc"],
            },
        ],
    }


def test_ambiguous_influence_reads_ambiguous():
    G = from_edges([("A", "B", "+"), ("B", "D", "+"), ("A", "C", "+"), ("C", "D", "-")])
    rows = {r.node: r for r in downstream(G, "A")}
    assert rows["D"].sign == 0 and rows["D"].sign_word == "ambiguous"
    assert downstream(G, "A").as_dict(G)["direction"] == "downstream"


def test_leverage_result_keeps_every_rank_and_shows_top():
    G = from_edges(
        [("hub", x, "+") for x in ("a", "b", "c", "d")] + [("src", "hub", "+"), ("a", "hub", "+")]
    )
    full = leverage(G)
    assert len(full.rows) == 6 and full.shown == full.rows
    two = leverage(G, top=2)
    assert [r.node for r in two.shown] == [r.node for r in full.rows[:2]]
    data = two.as_dict(G)
    assert list(data) == ["factors"] and len(data["factors"]) == 2
    assert list(data["factors"][0]) == [
        "factor", "score", "downstream", "weighted_reach", "upstream", "betweenness", "loops",
        "loop_strength", "claims", "parts",
    ]  # fmt: skip
    assert data["factors"][0]["factor"] == "hub"
    assert full.reach["hub"] == (4, 2) and full.reach["src"] == (5, 0)
    assert not full.loops_limit_hit
    assert leverage(from_edges([])).as_dict(G) == {"factors": []}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=30))
def test_reach_counts_match_descendants_and_ancestors(pairs):
    simple = nx.DiGraph()
    simple.add_nodes_from(range(10))
    simple.add_edges_from(pairs)
    reach = reach_both_ways(simple)
    for node in simple:
        down = len(nx.descendants(simple, node) - {node})
        up = len(nx.ancestors(simple, node) - {node})
        assert reach[node] == (down, up)


def test_cli_json_is_the_result_as_dict():
    G = causal_graph(build_dataset(SHIPPED_DATA).dataset)
    runner = CliRunner()
    cases = [
        (["upstream", "return migration"], upstream(G, "return migration")),
        (["downstream", "rising coastal costs"], downstream(G, "rising coastal costs")),
        (["leverage", "--top", "3"], leverage(G, top=3)),
    ]
    for args, expected in cases:
        result = runner.invoke(main, [*args, "--data", str(SHIPPED_DATA), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == json.loads(json.dumps(expected.as_dict(G)))
    assert len(cases[2][1].as_dict(G)["factors"]) == 3


def test_collapse_is_used_for_reach():
    G = from_edges([("a", "b", "+"), ("a", "b", "-")])
    assert reach_both_ways(collapse(G)) == {"a": (1, 0), "b": (0, 1)}
