"""What-if's propagation gives the answers of its earlier, plainer form (kept here as the
reference), on random signed graphs full of ties and on the shipped data."""

from __future__ import annotations

import heapq
import random

import pytest
from helpers import SHIPPED_DATA

import kg
from kg.analysis.graph import from_edges
from kg.analysis.weights import null_claims_between, pair_weight, pair_weights, propagate, walk_back


def _reference(G, shocks, max_depth=None):
    """The propagation as first written: the rule's search step by step, no shortcuts."""
    weights = pair_weights(G)
    strength, hops, parent, queue = {}, {}, {}, []
    for node in sorted(shocks):
        state = (node, shocks[node])
        strength[state], hops[state], parent[state] = 1.0, 0, None
        heapq.heappush(queue, (-1.0, 0, node, -shocks[node]))
    settled = set()
    while queue:
        negative, links_so_far, node, negative_sign = heapq.heappop(queue)
        state = (node, -negative_sign)
        if state in settled or -negative != strength[state] or links_so_far != hops[state]:
            continue
        settled.add(state)
        if max_depth is not None and links_so_far >= max_depth:
            continue
        for other in sorted(G.adj[node]):
            pair = weights[node, other]
            if not (pair.sign and pair.weight > 0):
                continue
            nxt = (other, state[1] * pair.sign)
            if nxt in settled or other in shocks:
                continue
            value = strength[state] * pair.weight
            better = value > strength.get(nxt, -1.0) or (
                value == strength[nxt] and links_so_far + 1 < hops[nxt]
            )
            if better:
                strength[nxt], hops[nxt], parent[nxt] = value, links_so_far + 1, state
                heapq.heappush(queue, (-value, links_so_far + 1, other, -nxt[1]))
    found = {}
    for state in sorted(settled):
        if hops[state]:
            found[state] = (walk_back(parent, state)[::-1], strength[state])
    return found


def _as_states(effects):
    return {
        (node, sign): (effect.chains[sign], effect.strengths[sign])
        for node, effect in effects.items()
        for sign in effect.chains
    }


def _random_graph(seed):
    rng = random.Random(seed)
    n = 8 + seed
    names = [f"f{i:02d}" for i in range(n)]
    edges = []
    for _ in range(n * 3):
        u, v = rng.sample(names, 2)
        # few confidences and briefs: many chains of equal strength, and some balanced pairs
        edges.append((u, v, rng.choice("++-0"), {"confidence": rng.choice([0.5, 0.8, 1.0]),
                                                 "brief": rng.choice("abc")}))  # fmt: skip
    return from_edges(edges), names, rng


@pytest.mark.parametrize("seed", range(15))
def test_propagation_equals_the_reference_on_random_graphs(seed):
    G, names, rng = _random_graph(seed)
    for _ in range(4):
        shocks = {name: rng.choice([1, -1]) for name in rng.sample(names, rng.randint(1, 3))}
        for depth in (None, 1, 3):
            ours = _as_states(propagate(G, shocks, max_depth=depth))
            assert ours == _reference(G, shocks, max_depth=depth), (shocks, depth)


def test_propagation_equals_the_reference_from_every_shipped_factor():
    G = kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)
    reached = 0
    for node in sorted(G):
        for sign in (1, -1):
            ours = _as_states(propagate(G, {node: sign}))
            assert ours == _reference(G, {node: sign}), (node, sign)
            reached += len(ours)
    assert reached > 100


def _pair_by_pair(G):
    """The rule on each pair's claims and null findings, one pair at a time."""
    return {
        (u, v): pair_weight([*G[u][v].values(), *null_claims_between(G, u, v)])
        for u, v in {(u, v) for u, v, _ in G.edges(keys=True)}
    }


@pytest.mark.parametrize("seed", range(6))
def test_the_graph_is_weighed_as_each_pair_on_its_own(seed):
    G, _names, rng = _random_graph(seed)
    # null findings on some pairs, and a claim of confidence 0 and an inferred one
    G.graph["null_claims"] = [
        {"cause": u, "effect": v, "sign": 0, "confidence": 0.6, "modality": "hedged",
         "reading": "stated", "brief": rng.choice("ab")}
        for u, v in rng.sample(sorted({(u, v) for u, v, _ in G.edges(keys=True)}), 4)
    ]  # fmt: skip
    u, v, key = next(iter(G.edges(keys=True)))
    G[u][v][key]["confidence"] = 0.0
    u, v, key = list(G.edges(keys=True))[-1]
    G[u][v][key]["reading"] = "inferred"
    G.__networkx_cache__.clear()
    assert dict(pair_weights(G)) == _pair_by_pair(G)


def test_the_shipped_graph_is_weighed_as_each_pair_on_its_own():
    G = kg.causal_graph(kg.build_dataset(SHIPPED_DATA).dataset)
    assert dict(pair_weights(G)) == _pair_by_pair(G)
