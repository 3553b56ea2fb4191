"""Comparison across briefs: shared factors, agreement and contradiction, chains that need several briefs.

Everything works on the causal graph (:func:`kg.causal_graph`), where
factors linked by ``skos:exactMatch`` are already one node, so briefs that
name one idea differently still meet.

* **Shared factors**: factors that claims of two or more briefs use.
* **Pairs**: every cause-effect pair that claims of two or more briefs make.
  Its verdict is ``contradict`` when two briefs give opposite signs,
  ``hedge-mismatch`` when the signs agree but the briefs commit differently
  (their modalities differ, e.g. asserted against hedged), and ``agree``
  otherwise.
* **Chains across briefs**: for each pair of factors (source, target) that
  the combined claims connect but no single brief's claims connect (by any
  route, of any length), the shortest chain (strongest weakest link among
  equals) of at most ``max_length`` links, each link tagged with the briefs
  behind it. These are the connections that only appear when the briefs
  are read together.
* **Collapsed claims**: claims left out because ``exact_match`` made their
  cause and effect one factor (a claim cannot link a factor to itself);
  each brief lists its own, so that no claim disappears unexplained.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("costs", "jobs", "+", {"brief": "a"}), ("jobs", "return", "+", {"brief": "b"}),
...                 ("costs", "jobs", "-", {"brief": "c"})])
>>> result = compare_briefs(G)
>>> [(p.verdict, p.cause, p.effect) for p in result.pairs]
[('contradict', 'costs', 'jobs')]
>>> [c.labels(G) for c in result.chains]
[['costs', 'jobs', 'return']]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.analysis.chains import Chain
from kg.analysis.graph import (
    claim_summary,
    node_label,
    steps_between,
)
from kg.errors import InvalidParameter
from kg.rdf.verdicts import VERDICTS
from kg.rdf.verdicts import verdict as pair_verdict
from kg.vocab import SIGN_SYMBOLS

__all__ = [
    "VERDICTS",
    "SharedFactor",
    "ClaimedPair",
    "CrossChain",
    "Comparison",
    "compare_briefs",
    "contradicted_claims",
]


@dataclass(frozen=True)
class SharedFactor:
    """A factor used by the claims of several briefs; ``claims`` counts them per brief."""

    node: str
    briefs: tuple[str, ...]
    claims: dict[str, int]

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data."""
        data = G.nodes[self.node]
        return {
            "factor": node_label(G, self.node),
            "id": data.get("id", self.node),
            "merged": list(data.get("merged", ())),
            "briefs": list(self.briefs),
            "claims": dict(self.claims),
        }


@dataclass(frozen=True)
class ClaimedPair:
    """A cause-effect pair that several briefs claim, and how they relate."""

    cause: str
    effect: str
    verdict: str
    claims: tuple[dict, ...]

    @property
    def briefs(self) -> tuple[str, ...]:
        """The briefs that claim the pair."""
        return tuple(sorted({c["brief"] for c in self.claims}))

    def by_brief(self) -> dict[str, dict]:
        """Per brief: the signs and modalities of its claims on this pair."""
        found: dict[str, dict] = {}
        for brief in self.briefs:
            own = [c for c in self.claims if c["brief"] == brief]
            found[brief] = {
                "signs": sorted({SIGN_SYMBOLS[c["sign"]] for c in own}),
                "modalities": sorted({c["modality"] for c in own}),
                "confidence": max(c["confidence"] for c in own),
            }
        return found

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data."""
        return {
            "cause": node_label(G, self.cause),
            "effect": node_label(G, self.effect),
            "verdict": self.verdict,
            "briefs": self.by_brief(),
            "claims": [claim_summary(c) for c in self.claims],
        }


@dataclass(frozen=True)
class CrossChain(Chain):
    """A chain whose source reaches its target only when several briefs are combined."""

    @property
    def briefs(self) -> tuple[str, ...]:
        """Every brief behind some link of the chain."""
        return tuple(sorted({c["brief"] for step in self.steps for c in step.claims}))

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The chain as JSON-ready data, each step tagged with its briefs."""
        data = super().as_dict(G)
        data["briefs"] = list(self.briefs)
        for step, step_data in zip(self.steps, data["steps"], strict=True):
            step_data["briefs"] = sorted({c["brief"] for c in step.claims})
        return data


@dataclass
class Comparison:
    """The result of :func:`compare_briefs`."""

    briefs: dict[str, int]  # brief id -> number of claims compared
    shared: list[SharedFactor] = field(default_factory=list)
    collapsed: list[dict] = field(default_factory=list)  # G.graph["collapsed"] of these briefs
    pairs: list[ClaimedPair] = field(default_factory=list)
    chains: list[CrossChain] = field(default_factory=list)
    connections: int = 0  # every connection found, before the limit
    max_length: int = 4
    limit: int = 50

    @property
    def limit_hit(self) -> bool:
        """True when more connections exist than chains are listed."""
        return self.connections > len(self.chains)

    def counts(self) -> dict[str, int]:
        """How many shared factors, pairs of each verdict and cross-brief chains."""
        counts = {"shared_factors": len(self.shared)}
        for verdict in VERDICTS:
            counts[verdict] = sum(1 for p in self.pairs if p.verdict == verdict)
        counts["chains"] = self.connections
        return counts

    def collapsed_claims(self, G: nx.MultiDiGraph, brief: str) -> list[dict]:
        """The claims of ``brief`` left out because their cause and effect became one factor.

        Each is ``{"claim", "cause", "effect", "factor"}``: the claim's IRI,
        the labels of its cause and effect as written, and the label of the
        factor that ``exact_match`` made of both.
        """
        found = []
        for c in self.collapsed:
            if c["brief"] != brief:
                continue
            found.append(
                {
                    "claim": c["claim"],
                    "cause": c["cause_label"],
                    "effect": c["effect_label"],
                    "factor": node_label(G, c["node"]),
                }
            )
        return found

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The comparison as JSON-ready data (the ``kg compare --format json`` shape)."""
        briefs = dict(self.briefs)
        for c in self.collapsed:
            briefs.setdefault(c["brief"], 0)
        return {
            "briefs": [
                {"id": b, "claims": n, "collapsed_claims": self.collapsed_claims(G, b)}
                for b, n in sorted(briefs.items())
            ],
            "summary": self.counts() | {"collapsed_claims": len(self.collapsed)},
            "shared_factors": [s.as_dict(G) for s in self.shared],
            "pairs": [p.as_dict(G) for p in self.pairs],
            "chains": {
                "max_length": self.max_length,
                "limit": self.limit,
                "limit_hit": self.limit_hit,
                "found": self.connections,
                "chains": [c.as_dict(G) for c in self.chains],
            },
        }


def _verdict(claims: list[dict]) -> str:
    return pair_verdict((c["brief"], c["sign"], c["modality"]) for c in claims)


def _claims(G: nx.MultiDiGraph, u: str, v: str) -> list[dict]:
    return sorted(G[u][v].values(), key=lambda d: (d["brief"], -d["confidence"], d["claim"]))


def contradicted_claims(G: nx.MultiDiGraph) -> set[str]:
    """The claims on cause-effect pairs whose claims disagree in sign (from any briefs).

    >>> from kg.analysis.graph import from_edges
    >>> sorted(contradicted_claims(from_edges([("a", "b", "+"), ("a", "b", "-"), ("b", "c", "+")])))
    ['a->b#1', 'a->b#2']
    """
    found: set[str] = set()
    for u, v in {(u, v) for u, v in G.edges()}:
        claims = G[u][v].values()
        if len({c["sign"] for c in claims}) > 1:
            found.update(c["claim"] for c in claims)
    return found


def _best_paths(simple: nx.DiGraph, G: nx.MultiDiGraph, source: str, max_length: int) -> dict:
    """Shortest path to each factor reachable within ``max_length`` links; ties go to the
    strongest weakest link, then to the labels in alphabetical order."""
    best: dict[str, tuple[float, tuple[str, ...], list[str]]] = {source: (1.0, (), [source])}
    frontier = [source]
    for _ in range(max_length):
        layer: dict[str, tuple[float, tuple[str, ...], list[str]]] = {}
        for u in frontier:
            weakest, labels, path = best[u]
            for v in simple.successors(u):
                if v in best:
                    continue
                strength = min(weakest, max(c["confidence"] for c in G[u][v].values()))
                key = (strength, labels + (node_label(G, v),), [*path, v])
                current = layer.get(v)
                if current is None or (-key[0], key[1]) < (-current[0], current[1]):
                    layer[v] = key
        best.update(layer)
        frontier = sorted(layer)
        if not frontier:
            break
    return best


def compare_briefs(
    G: nx.MultiDiGraph,
    briefs: Iterable[str] | None = None,
    *,
    max_length: int = 4,
    limit: int = 50,
) -> Comparison:
    """Compare the briefs of a causal graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph (:func:`kg.causal_graph`), with the claims of every
        brief to compare.
    briefs : iterable of str, optional
        Compare only these briefs (default: every brief with claims in ``G``).
    max_length : int
        Longest cross-brief chain listed, in links.
    limit : int
        Most cross-brief chains listed; ``connections`` counts them all.

    Returns
    -------
    Comparison
    """
    if max_length < 2 or limit < 1:
        raise InvalidParameter(
            f"max_length {max_length} or limit {limit} is too small",
            "max_length must be at least 2 and limit at least 1",
        )
    briefs = list(dict.fromkeys(briefs)) if briefs is not None else None
    if briefs is not None and len(briefs) == 1:
        raise InvalidParameter(
            f"only one brief to compare ({briefs[0]!r})",
            "give two or more briefs, or none to compare them all",
        )
    wanted = set(briefs) if briefs else None
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.graph.update(G.graph)
    for u, v, key, data in G.edges(keys=True, data=True):
        if wanted is None or data["brief"] in wanted:
            H.add_edge(u, v, key=key, **data)
    counts: dict[str, int] = defaultdict(int)
    for _u, _v, data in H.edges(data=True):
        counts[data["brief"]] += 1
    result = Comparison(dict(sorted(counts.items())), max_length=max_length, limit=limit)
    result.collapsed = [
        c for c in G.graph.get("collapsed", ()) if wanted is None or c["brief"] in wanted
    ]

    by_factor: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for u, v, data in H.edges(data=True):
        by_factor[u][data["brief"]] += 1
        by_factor[v][data["brief"]] += 1
    for node in sorted(by_factor, key=lambda n: node_label(H, n).casefold()):
        if len(by_factor[node]) > 1:
            per_brief = dict(sorted(by_factor[node].items()))
            result.shared.append(SharedFactor(node, tuple(per_brief), per_brief))

    for u, v in sorted(
        {(u, v) for u, v in H.edges()}, key=lambda e: (node_label(H, e[0]), node_label(H, e[1]))
    ):
        claims = _claims(H, u, v)
        if len({c["brief"] for c in claims}) > 1:
            result.pairs.append(ClaimedPair(u, v, _verdict(claims), tuple(claims)))
    order = {v: i for i, v in enumerate(reversed(VERDICTS))}
    result.pairs.sort(key=lambda p: order[p.verdict])

    if len(counts) > 1:
        chains = _cross_chains(H, sorted(counts), max_length)
        result.connections = len(chains)
        result.chains = chains[:limit]
    return result


def _cross_chains(H: nx.MultiDiGraph, briefs: list[str], max_length: int) -> list[CrossChain]:
    combined = nx.DiGraph()
    combined.add_edges_from(H.edges())
    own: dict[str, nx.DiGraph] = {b: nx.DiGraph() for b in briefs}
    for u, v, data in H.edges(data=True):
        own[data["brief"]].add_edge(u, v)
    reach: dict[str, dict[str, set[str]]] = {b: {} for b in briefs}

    def reached_alone(source: str) -> set[str]:
        found: set[str] = set()
        for brief in briefs:
            graph = own[brief]
            if source in graph:
                if source not in reach[brief]:
                    reach[brief][source] = nx.descendants(graph, source)
                found |= reach[brief][source]
        return found

    chains: list[CrossChain] = []
    for source in sorted(combined, key=lambda n: node_label(H, n)):
        paths = _best_paths(combined, H, source, max_length)
        alone = reached_alone(source)
        for target, (_weakest, _labels, path) in paths.items():
            if target == source or target in alone:
                continue
            steps = tuple(steps_between(H, a, b) for a, b in zip(path, path[1:], strict=False))
            chains.append(CrossChain(tuple(path), steps))
    chains.sort(key=lambda c: (len(c.steps), -len(c.briefs), -c.weakest, c.labels(H)))
    return chains
