"""Property-based checks of chains and loops on random signed graphs (hypothesis)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import causal_chains, feedback_loops, from_edges

NODES = [f"n{i}" for i in range(7)]

edges_strategy = st.lists(
    st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.sampled_from("+-")).filter(
        lambda e: e[0] != e[1]
    ),
    min_size=1,
    max_size=20,
)


@settings(max_examples=150, deadline=None)
@given(edges_strategy, st.sampled_from(NODES), st.sampled_from(NODES), st.integers(1, 6))
def test_chain_sign_is_product_of_step_signs(edges, source, target, max_length):
    G = from_edges(edges)
    if source not in G or target not in G or source == target:
        return
    search = causal_chains(G, source, target, max_length=max_length, limit=50)
    for chain in search.chains:
        assert chain.factors[0] == source and chain.factors[-1] == target
        assert len(set(chain.factors)) == len(chain.factors)  # a simple path
        assert 1 <= len(chain.steps) <= max_length
        product = 1
        for step, (u, v) in zip(chain.steps, pairwise(chain.factors), strict=True):
            assert (step.cause, step.effect) == (u, v)
            assert G.has_edge(u, v)
            signs = {d["sign"] for d in G[u][v].values()}
            assert step.sign == (signs.pop() if len(signs) == 1 else 0)
            product *= step.sign
        assert chain.sign == product
    lengths = [len(c.steps) for c in search.chains]
    assert lengths == sorted(lengths)


@settings(max_examples=150, deadline=None)
@given(edges_strategy)
def test_every_loop_is_a_cycle_of_the_graph(edges):
    G = from_edges(edges)
    search = feedback_loops(G, max_length=7)
    seen = set()
    for loop in search.loops:
        ring = [*loop.factors, loop.factors[0]]
        assert len(set(loop.factors)) == len(loop.factors)
        for u, v in pairwise(ring):
            assert G.has_edge(u, v)
        negatives = sum(1 for s in loop.steps if s.sign < 0)
        if all(s.sign != 0 for s in loop.steps):
            assert loop.kind == ("reinforcing" if negatives % 2 == 0 else "balancing")
        key = frozenset(pairwise(ring))
        assert key not in seen  # each cycle once
        seen.add(key)
