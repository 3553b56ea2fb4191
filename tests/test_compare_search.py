"""Cross-brief chains: the search by whole layers equals the plain one it replaced, ties
and all, and `kg compare` prints what it printed with the plain search, option by option."""

from __future__ import annotations

import heapq
import json
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

import networkx as nx
import pytest
from helpers import REPO, SHIPPED_DATA
from hypothesis import given, settings
from hypothesis import strategies as st

import kg
from kg.analysis.graph import from_edges, node_label, steps_between
from kg.analysis.weights import pair_weights
from kg.linking import compare
from kg.linking.compare import CrossChain, _cross_chains, _CrossChains, compare_briefs
from kg.outputs.reports import comparison_text

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

# The plain search: from each factor, every layer pushed along every link of the last one,
# labels compared as tuples, each connection's rank key made (as kg did before).


def reference_best_paths(
    links: dict[str, dict[str, float]], label: dict[str, str], source: str, max_length: int
) -> dict[str, tuple[float, tuple[str, ...], tuple[str, ...], str | None]]:
    """Shortest path to each factor reachable within ``max_length`` links; ties go to the
    strongest weakest link, then to the labels in alphabetical order.

    ``links[u][v]`` is the confidence of the most confident claim from u to v
    (u's successors in the combined graph's order). Each found factor maps to
    (weakest link, labels after the source, path, the factor before it).
    """
    best: dict[str, tuple[float, tuple[str, ...], tuple[str, ...], str | None]] = {
        source: (1.0, (), (source,), None)
    }
    frontier = [source]
    for _ in range(max_length):
        layer: dict[str, tuple[float, str]] = {}  # factor -> (weakest link, factor before)
        for u in frontier:
            weakest, labels = best[u][0], best[u][1]
            for v, confidence in links.get(u, {}).items():
                if v in best:
                    continue
                strength = min(weakest, confidence)
                current = layer.get(v)
                # Paths of one layer have as many labels, and the same last one: comparing
                # the labels before it decides as comparing the whole would.
                if (
                    current is None
                    or strength > current[0]
                    or (strength == current[0] and labels < best[current[1]][1])
                ):
                    layer[v] = (strength, u)
        for v, (strength, u) in layer.items():
            best[v] = (strength, best[u][1] + (label[v],), best[u][2] + (v,), u)
        frontier = sorted(layer)
        if not frontier:
            break
    return best


def reference_cross_chains(H, briefs, max_length, limit):
    """Connections, inferred, disputed and the listed paths, by the plain search."""
    combined = nx.DiGraph()
    combined.add_edges_from(H.edges())
    links: dict[str, dict[str, float]] = {}
    for u, v, confidence in H.edges(data="confidence"):
        out = links.setdefault(u, {})
        if v not in out or confidence > out[v]:
            out[v] = confidence
    own = {b: nx.DiGraph() for b in briefs}
    for u, v, data in H.edges(data=True):
        own[data["brief"]].add_edge(u, v)

    def reached_alone(source):
        found = set()
        for brief in briefs:
            if source in own[brief]:
                found |= nx.descendants(own[brief], source)
        return found

    weights = pair_weights(H)
    nulls = {(c["cause"], c["effect"]) for c in H.graph.get("null_claims", ())}

    def flags_of(a, b):
        claims = H[a][b].values()
        return (
            all(c.get("reading") == "inferred" for c in claims),
            (a, b) in nulls or len({c["sign"] for c in claims}) > 1,
        )

    label = {n: node_label(H, n) for n in H}
    counts = {"connections": 0, "inferred": 0, "disputed": 0}

    def ranked() -> Iterable[tuple]:
        for source in sorted(combined, key=lambda n: label[n]):
            paths = reference_best_paths(links, label, source, max_length)
            alone = reached_alone(source)
            along = {source: (1.0, False, False)}
            for target, (_weakest, labels, path, before) in paths.items():
                if before is None:
                    continue
                strength, inferred, disputed = along[before]
                only_inferred, contested = flags_of(before, target)
                along[target] = (
                    strength * weights[before, target].weight,
                    inferred or only_inferred,
                    disputed or contested,
                )
                if target in alone:
                    continue
                strength, inferred, disputed = along[target]
                counts["inferred"] += inferred
                counts["disputed"] += disputed
                yield (-strength, len(path) - 1, (label[source], *labels), counts["connections"],
                       path)  # fmt: skip
                counts["connections"] += 1

    top = sorted(ranked()) if limit is None else heapq.nsmallest(limit, ranked())
    return counts, [path for *_key, path in top]


NODES = [f"n{i}" for i in range(8)]
claim = st.tuples(
    st.sampled_from(NODES),
    st.sampled_from(NODES),
    st.sampled_from("+-"),
    st.fixed_dictionaries(
        {
            "brief": st.sampled_from(["a", "b", "c"]),
            "confidence": st.sampled_from([0.5, 0.8]),
            "reading": st.sampled_from(["stated", "inferred"]),
        }
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(claim, min_size=1, max_size=30),
    st.lists(st.sampled_from(["x", "y", "z"]), min_size=8, max_size=8),
    st.booleans(),
    st.integers(2, 5),
    st.none() | st.integers(1, 12),
)
def test_cross_chains_equal_the_plain_search(claims, labels, same_labels, max_length, limit):
    """Few confidences and (in half the cases) repeated labels make ties everywhere."""
    G = from_edges([c for c in claims if c[0] != c[1]])
    if same_labels:
        for node, name in zip(NODES, labels, strict=True):
            if node in G:
                G.nodes[node]["label"] = name
    briefs = sorted({d["brief"] for _, _, d in G.edges(data=True)})
    if len(briefs) < 2:
        return
    counts, paths = reference_cross_chains(G, briefs, max_length, limit)
    found = _cross_chains(G, briefs, max_length, limit)
    assert (found.connections, found.inferred, found.disputed) == (
        counts["connections"], counts["inferred"], counts["disputed"]
    )  # fmt: skip
    assert [c.factors for c in found.chains] == paths


tied_claim = st.tuples(
    st.sampled_from(NODES),
    st.sampled_from(NODES),
    st.just("+"),
    st.fixed_dictionaries({"brief": st.sampled_from(["a", "b", "c"]), "confidence": st.just(0.8)}),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(tied_claim, min_size=1, max_size=30), st.integers(2, 5), st.integers(1, 6))
def test_cross_chains_equal_the_plain_search_when_everything_ties(claims, max_length, limit):
    """One label, one sign, one confidence: paths of one length tie on strength and labels,
    so the factor before each goes by IRI and the chains listed by the order found."""
    G = from_edges([c for c in claims if c[0] != c[1]])
    for node in G:
        G.nodes[node]["label"] = "same"
    briefs = sorted({d["brief"] for _, _, d in G.edges(data=True)})
    if len(briefs) < 2:
        return
    counts, paths = reference_cross_chains(G, briefs, max_length, limit)
    found = _cross_chains(G, briefs, max_length, limit)
    assert found.connections == counts["connections"]
    assert [c.factors for c in found.chains] == paths


def reference_chains(H, briefs, max_length, limit) -> _CrossChains:
    """What the plain search finds, as :func:`_cross_chains` returns it."""
    counts, paths = reference_cross_chains(H, briefs, max_length, limit)
    chains = [CrossChain(p, tuple(steps_between(H, a, b) for a, b in pairwise(p))) for p in paths]
    return _CrossChains(counts["connections"], counts["inferred"], counts["disputed"], chains)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic corpus of 100 briefs (about 25,000 connections)."""
    return corpus.write_corpus(tmp_path_factory.mktemp("compare") / "data", 100)


# (the graph's filters, compare_briefs's options); `briefs`, when true, is the two briefs
# with the most claims.
OPTIONS = [
    ({}, {}),
    ({}, {"max_length": 2, "limit": None}),
    ({}, {"max_length": 3, "limit": 1}),
    ({}, {"max_length": 6, "limit": 40}),
    ({"stated_only": True}, {"limit": 25}),
    ({"exclude_modalities": ["hedged", "reported"]}, {"max_length": 5}),
    ({"min_confidence": 0.6}, {}),
    ({"briefs": True}, {"max_length": 5, "limit": None}),
]


@pytest.mark.parametrize("filters, options", OPTIONS)
@pytest.mark.parametrize("source", ["shipped", "synthetic"])
def test_compare_prints_what_the_plain_search_printed(
    source, filters, options, synthetic, monkeypatch
):
    """The table and the JSON of `kg compare`, byte for byte, ordering included."""
    project = kg.Project(SHIPPED_DATA if source == "shipped" else synthetic)
    if filters.get("briefs"):
        claims = Counter(b for *_, b in project.causal_graph().edges(data="brief"))
        filters = {"briefs": sorted(b for b, _n in claims.most_common(2))}
    G = project.causal_graph(**filters)
    briefs = filters.get("briefs")

    def outputs():
        result = compare_briefs(G, briefs, **options)
        return comparison_text(result, G), json.dumps(result.as_dict(G), ensure_ascii=False)

    text, data = outputs()
    monkeypatch.setattr(compare, "_cross_chains", reference_chains)
    plain_text, plain_data = outputs()
    assert json.loads(data)["chains"]["found"] > 0
    assert text == plain_text
    assert data == plain_data
