"""Feedback loops: shortest first under a limit, loops through given factors."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import feedback_loops, from_edges
from kg.analysis.graph import collapse
from kg.errors import InvalidParameter, UnknownFactor

NODES = [f"n{i}" for i in range(7)]


def canonical(cycle) -> tuple[str, ...]:
    """A cycle read from its smallest node, so that rotations compare equal."""
    cycle = list(cycle)
    i = cycle.index(min(cycle))
    return tuple(cycle[i:] + cycle[:i])


def reference_cycles(G, max_length, through=None) -> set[tuple[str, ...]]:
    """Plain networkx: every bounded simple cycle, filtered afterwards."""
    simple = collapse(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    cycles = {canonical(c) for c in nx.simple_cycles(simple, length_bound=max_length)}
    if through is not None:
        cycles = {c for c in cycles if set(c) & set(through)}
    return cycles


def ring_of_layers_with_short_loops():
    """729 loops of 6 links (a ring of 6 layers of 3 factors, each linked to the whole
    next layer) and three loops of 2 links hung on the last layer."""
    layers = [[f"l{i}n{j}" for j in range(3)] for i in range(6)]
    edges = [(u, v, "+") for i in range(6) for u in layers[i] for v in layers[(i + 1) % 6]]
    for k in range(3):
        edges += [(f"short{k}", layers[5][k], "+"), (layers[5][k], f"short{k}", "-")]
    return from_edges(edges)


def test_limit_keeps_the_shortest_loops():
    """Regression: with a limit, the first loops enumerated were kept, not the shortest."""
    G = ring_of_layers_with_short_loops()
    found = feedback_loops(G, limit=3)
    assert found.limit_hit
    assert sorted(loop.labels(G) for loop in found.loops) == [
        ["l5n0", "short0"],
        ["l5n1", "short1"],
        ["l5n2", "short2"],
    ]
    assert all(loop.kind == "balancing" for loop in found.loops)
    more = feedback_loops(G, limit=10)
    assert [len(loop.factors) for loop in more.loops] == [2, 2, 2] + [6] * 7
    everything = feedback_loops(G, limit=1000)
    assert len(everything.loops) == 3 + 3**6 and not everything.limit_hit


def test_loops_through_given_factors():
    G = ring_of_layers_with_short_loops()
    found = feedback_loops(G, through=["short1", "l0n0"], limit=1000)
    factors = [set(loop.factors) for loop in found.loops]
    assert all({"short1", "l0n0"} & f for f in factors)
    assert len(found.loops) == 1 + 3**5  # the short loop, and the long loops through l0n0
    assert found.through == ("short1", "l0n0")
    assert found.as_dict(G)["through"] == ["short1", "l0n0"]
    assert "through" not in feedback_loops(G, limit=1).as_dict(G)
    limited = feedback_loops(G, through=["l0n0", "short1"], limit=2)
    assert [len(loop.factors) for loop in limited.loops] == [2, 6] and limited.limit_hit
    with pytest.raises(UnknownFactor):
        feedback_loops(G, through=["nowhere"])


def test_bounds_are_checked():
    G = from_edges([("a", "b", "+"), ("b", "a", "+")])
    with pytest.raises(InvalidParameter, match="max_length"):
        feedback_loops(G, max_length=1)
    with pytest.raises(InvalidParameter, match="limit"):
        feedback_loops(G, limit=0)


edges_strategy = st.lists(
    st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.sampled_from("+-")),
    min_size=1,
    max_size=24,
)


@settings(max_examples=200, deadline=None)
@given(
    edges_strategy,
    st.integers(2, 7),
    st.integers(1, 40),
    st.none() | st.lists(st.sampled_from(NODES), min_size=1, max_size=3),
)
def test_loop_search_matches_plain_simple_cycles(edges, max_length, limit, through):
    G = from_edges(edges)
    if through is not None:
        through = [n for n in through if n in G]
        if not through:
            return
    expected = reference_cycles(G, max_length, through)
    found = feedback_loops(G, max_length=max_length, limit=limit, through=through)
    got = [canonical(loop.factors) for loop in found.loops]
    assert len(got) == len(set(got))  # each loop once
    assert set(got) <= expected
    assert [len(c) for c in got] == sorted(len(c) for c in got)
    if len(expected) <= limit:
        assert set(got) == expected and not found.limit_hit
    else:
        assert len(got) == limit and found.limit_hit
        longest_kept = max(len(c) for c in got)
        assert all(len(c) >= longest_kept for c in expected - set(got))
    if through is None:  # the first loops of one fixed order: by length, then labels
        assert got == sorted(expected, key=lambda c: (len(c), c))[:limit]


def _complete(n: int):
    names = [f"f{i}" for i in range(n)]
    return from_edges([(a, b, "+") for a in names for b in names if a != b])


@pytest.mark.slow
def test_a_search_through_factors_stops_at_its_budget_and_says_so():
    G = _complete(9)
    full = feedback_loops(G, max_length=8, limit=100_000, through=["f0"])
    assert not full.budget_hit and full.as_dict(G)["budget_hit"] is False
    cut = feedback_loops(G, max_length=8, limit=100_000, through=["f0"], budget=500)
    assert cut.budget_hit and cut.as_dict(G)["budget"] == 500
    assert 0 < len(cut.loops) < len(full.loops)
    assert {lp.factors for lp in cut.loops} <= {lp.factors for lp in full.loops}
    with pytest.raises(InvalidParameter, match="budget"):
        feedback_loops(G, through=["f0"], budget=0)


def test_whatif_tells_broken_loops_from_the_loops_themselves_when_the_limit_cuts():
    from kg.analysis import what_if
    from kg.analysis.whatif import LOOP_LIMIT

    G = _complete(7)  # thousands of loops of up to 7 links: more than the limit
    claim = next(d["claim"] for u, v, d in G.edges(data=True) if (u, v) == ("f0", "f1"))
    result = what_if(G, {"f2": "+"}, remove=[claim])
    assert result.loop_limit_hit and result.as_dict(G)["loop_limit"] == LOOP_LIMIT
    assert result.broken_loops, "some of the listed loops run through f0 -> f1"
    for loop in result.broken_loops:
        ring = [*loop.factors, loop.factors[0]]
        assert ("f0", "f1") in itertools.pairwise(ring), loop.factors


def test_a_search_through_a_factor_counts_every_link_it_looks_along():
    # s <-> a, and a complete core of 60 factors linked to and from a: every factor is two
    # links from s, yet the only loop through s is s -> a -> s
    core = [f"k{i}" for i in range(60)]
    edges = [("s", "a", "+"), ("a", "s", "+")] + [("a", k, "+") for k in core]
    edges += [(k, "a", "+") for k in core] + [(x, y, "+") for x in core for y in core if x != y]
    G = from_edges(edges)
    found = feedback_loops(G, max_length=8, through=["s"], budget=30_000)
    assert found.budget_hit
    assert [loop.factors for loop in found.loops] == [("a", "s")]
