"""Comparison across briefs: shared factors, agreement and contradiction, chains that need several briefs.

Everything works on the causal graph (:func:`kg.causal_graph`), where
factors linked by ``skos:exactMatch`` are already one node, so briefs that
name one idea differently still meet.

* **Shared factors**: factors that claims of two or more briefs use.
* **Pairs**: every cause-effect pair that claims of two or more briefs make,
  null findings included. Its verdict (:func:`kg.rdf.verdicts.verdict`) is
  ``contradict`` when two briefs give opposite signs, ``null-finding`` when
  one finds no effect where another finds one, ``hedge-mismatch`` when the
  signs agree but the briefs commit differently (their modalities differ,
  e.g. asserted against hedged), and ``agree`` otherwise. Each carries its
  weight by the weighting rule (:mod:`kg.analysis.weights`).
* **Selections**: selection findings (who moves) of two or more briefs on
  one population and trait, judged by the same rule (higher against lower
  contradict; no difference against either is a null finding). They are
  compared with nothing else: never with a claim.
* **Trends**: observations of two or more briefs that report a trend of one
  factor, judged where their years overlap (rising against falling
  contradict; steady against either is a null finding).
* **Chains across briefs**: for each pair of factors (source, target) that
  the combined claims connect but no single brief's claims connect (by any
  route, of any length), the shortest chain (strongest weakest link among
  equals) of at most ``max_length`` links, each link tagged with the briefs
  behind it. These are the connections that only appear when the briefs
  are read together. They are ranked by strength (the product of their
  links' weights, strongest first) and summarised: how many there are, how
  many rest on a link that only inferred claims make, how many cross a
  disputed link; the top ``limit`` are listed.
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

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.chains import Chain
from kg.analysis.graph import (
    Step,
    claim_summary,
    node_label,
    steps_between,
)
from kg.analysis.weights import pair_weight, pair_weights
from kg.errors import InvalidParameter, Phrase
from kg.rdf.verdicts import VERDICTS
from kg.rdf.verdicts import verdict as pair_verdict
from kg.vocab import SIGN_SYMBOLS

if TYPE_CHECKING:
    import numpy as np

_DISAGREEMENTS = ("null-finding", "contradict")

__all__ = [
    "VERDICTS",
    "SharedFactor",
    "ClaimedPair",
    "FindingGroup",
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
        """Per brief: the signs, modalities and readings of its claims on this pair."""
        found: dict[str, dict] = {}
        for brief in self.briefs:
            own = [c for c in self.claims if c["brief"] == brief]
            found[brief] = {
                "signs": sorted({SIGN_SYMBOLS[c["sign"]] if c["sign"] else "0" for c in own}),
                "modalities": sorted({c["modality"] for c in own}),
                "readings": sorted({c.get("reading", "stated") for c in own}),
                "confidence": max(c["confidence"] for c in own),
            }
        return found

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data."""
        return {
            "cause": node_label(G, self.cause),
            "effect": node_label(G, self.effect),
            "verdict": self.verdict,
            "weight": pair_weight(self.claims).as_dict(),
            "briefs": self.by_brief(),
            "claims": [claim_summary(c) for c in self.claims],
        }


@dataclass(frozen=True)
class FindingGroup:
    """Selection findings on one population and trait, or trends of one factor, of several
    briefs, with the verdict on them.

    ``kind`` is ``"selection"`` (``subject`` is (population, trait), each
    finding's value its ``direction``) or ``"trend"`` (``subject`` is
    (factor,), each value its ``trend``).
    """

    kind: str
    subject: tuple[str, ...]
    verdict: str
    findings: tuple[dict, ...]

    @property
    def briefs(self) -> tuple[str, ...]:
        """The briefs with a finding in the group."""
        return tuple(sorted({f["brief"] for f in self.findings}))

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data: each finding with its paraphrase, locator and (selections)
        modality and reading."""
        keys = {
            "selection": (
                "finding", "brief", "direction", "compared_with", "modality", "confidence",
                "reading", "locator", "paraphrase",
            ),
            "trend": (
                "observation", "brief", "trend", "time_scope", "start_year", "end_year",
                "locator", "paraphrase",
            ),
        }[self.kind]  # fmt: skip
        data: dict = {"verdict": self.verdict}
        if self.kind == "selection":
            data["population"] = node_label(G, self.subject[0])
            data["trait"] = node_label(G, self.subject[1])
        else:
            data["factor"] = node_label(G, self.subject[0])
        data["findings"] = [{k: f.get(k) for k in keys} for f in self.findings]
        return data


@dataclass(frozen=True)
class CrossChain(Chain):
    """A chain whose source reaches its target only when several briefs are combined."""

    @property
    def briefs(self) -> tuple[str, ...]:
        """Every brief behind some link of the chain."""
        return tuple(sorted({c["brief"] for step in self.steps for c in step.claims}))

    @property
    def inferred_links(self) -> int:
        """How many of its links only inferred claims make."""
        return sum(
            1 for step in self.steps if all(c.get("reading") == "inferred" for c in step.claims)
        )

    @property
    def disputed_links(self) -> int:
        """How many of its links have claims of opposite signs or a null finding."""
        return sum(
            1 for step in self.steps if step.nulls or len({c["sign"] for c in step.claims}) > 1
        )

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The chain as JSON-ready data, each step tagged with its briefs."""
        data = super().as_dict(G)
        data["briefs"] = list(self.briefs)
        data["inferred_links"] = self.inferred_links
        data["disputed_links"] = self.disputed_links
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
    selections: list[FindingGroup] = field(default_factory=list)
    trends: list[FindingGroup] = field(default_factory=list)
    chains: list[CrossChain] = field(default_factory=list)
    connections: int = 0  # every connection found, before the limit
    #: Of every connection found: how many rest on a link only inferred claims make,
    #: and how many cross a disputed link.
    inferred_connections: int = 0
    disputed_connections: int = 0
    max_length: int = 4
    limit: int | None = 10  # None: every chain listed

    @property
    def limit_hit(self) -> bool:
        """True when more connections exist than chains are listed."""
        return self.connections > len(self.chains)

    def counts(self) -> dict[str, int]:
        """How many shared factors, pairs of each verdict and cross-brief chains."""
        counts = {"shared_factors": len(self.shared)}
        for verdict in VERDICTS:
            counts[verdict] = sum(1 for p in self.pairs if p.verdict == verdict)
        counts["selection_disagreements"] = sum(
            1 for g in self.selections if g.verdict in _DISAGREEMENTS
        )
        counts["trend_disagreements"] = sum(1 for g in self.trends if g.verdict in _DISAGREEMENTS)
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
            "selections": [g.as_dict(G) for g in self.selections],
            "trends": [g.as_dict(G) for g in self.trends],
            "chains": {
                "max_length": self.max_length,
                "limit": self.limit,
                "limit_hit": self.limit_hit,
                "found": self.connections,
                "resting_on_inferred_links": self.inferred_connections,
                "crossing_disputed_links": self.disputed_connections,
                "ranked_by": "strength",
                "chains": [c.as_dict(G) for c in self.chains],
            },
        }


def _verdict(claims: list[dict]) -> str:
    return pair_verdict((c["brief"], c["sign"], c["modality"]) for c in claims)


def _order(claims: Iterable[dict]) -> list[dict]:
    return sorted(claims, key=lambda d: (d["brief"], -d["confidence"], d["claim"]))


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


def compare_briefs(
    G: nx.MultiDiGraph,
    briefs: Iterable[str] | None = None,
    *,
    max_length: int = 4,
    limit: int | None = 10,
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
    limit : int or None
        Most cross-brief chains listed, the strongest first; ``None`` lists
        them all. ``connections`` counts them all.

    Returns
    -------
    Comparison
    """
    if max_length < 2 or (limit is not None and limit < 1):
        raise InvalidParameter(
            Phrase("{max_length} {n} or {limit} {m} is too small", n=max_length, m=limit),
            Phrase("{max_length} must be at least 2 and {limit} at least 1"),
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
    nulls = [c for c in G.graph.get("null_claims", ()) if wanted is None or c["brief"] in wanted]
    for c in nulls:
        counts[c["brief"]] += 1
    result = Comparison(
        dict(sorted(counts.items())),
        max_length=max_length,
        limit=limit,
    )
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

    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, data in H.edges(data=True):
        by_pair[u, v].append(data)
    for c in nulls:
        by_pair[c["cause"], c["effect"]].append(c)
    for (u, v), found in sorted(
        by_pair.items(), key=lambda e: (node_label(H, e[0][0]), node_label(H, e[0][1]))
    ):
        claims = _order(found)
        if len({c["brief"] for c in claims}) > 1:
            result.pairs.append(ClaimedPair(u, v, _verdict(claims), tuple(claims)))
    order = {v: i for i, v in enumerate(reversed(VERDICTS))}
    result.pairs.sort(key=lambda p: order[p.verdict])
    result.selections = _finding_groups(
        H,
        "selection",
        [s for s in G.graph.get("selections", ()) if wanted is None or s["brief"] in wanted],
    )
    result.trends = _finding_groups(
        H, "trend", [t for t in G.graph.get("trends", ()) if wanted is None or t["brief"] in wanted]
    )

    if len([b for b, n in counts.items() if n]) > 1:
        across = _cross_chains(H, sorted(counts), max_length, limit)
        result.connections = across.connections
        result.inferred_connections = across.inferred
        result.disputed_connections = across.disputed
        result.chains = across.chains
    return result


def _finding_groups(H: nx.MultiDiGraph, kind: str, findings: list[dict]) -> list[FindingGroup]:
    """Group findings of one kind by subject; judge the groups of two or more briefs."""
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for f in findings:
        subject: tuple[str, ...] = (
            (f["population"], f["trait"]) if kind == "selection" else (f["factor"],)
        )
        groups[subject].append(f)
    found = []
    for subject, members in groups.items():
        if len({f["brief"] for f in members}) < 2:
            continue
        views: list[tuple]
        if kind == "selection":
            views = [(f["brief"], f["direction"], f["modality"]) for f in members]
        else:
            views = [
                (f["brief"], f["trend"], "asserted", (f["start_year"], f["end_year"]))
                for f in members
            ]
        members.sort(key=lambda f: (f["brief"], f.get("finding") or f.get("observation")))
        found.append(FindingGroup(kind, subject, pair_verdict(views), tuple(members)))
    order = {v: i for i, v in enumerate(reversed(VERDICTS))}
    found.sort(key=lambda g: (order[g.verdict], [node_label(H, n) for n in g.subject]))
    return found


@dataclass
class _CrossChains:
    """What :func:`_cross_chains` finds: how many connections, of them how many rest on an
    inferred link or cross a disputed one, and the ``limit`` strongest as chains."""

    connections: int
    inferred: int
    disputed: int
    chains: list[CrossChain]


def _cross_chains(
    H: nx.MultiDiGraph, briefs: list[str], max_length: int, limit: int | None
) -> _CrossChains:
    """The connections that only the briefs together make, counted, and the strongest
    ``limit`` (all when None) made into chains in rank order: strength (the product of the
    links' weights), links, labels, then the order found.

    The search (:meth:`_Links.search`) goes from each factor in the order of
    their labels. A factor it finds that no single brief reaches from the
    source is a connection. Only a connection that may rank among the first
    ``limit`` gets a rank key, so that memory grows with the factors and
    links, not with the connections (a corpus may have millions).
    """
    # numpy is imported where used, so that kg.linking's other commands never load it.
    import numpy as np

    net = _Links(H, briefs)
    n = len(net.nodes)
    counted = _CrossChains(0, 0, 0, [])
    keys: list[tuple[float, int, tuple[str, ...], int, tuple[str, ...]]] = []
    # The `limit` greatest strengths seen: a connection weaker than all of them cannot
    # rank among the first `limit`, and is only counted, its rank key never made.
    strongest = np.empty(0)
    for turn, source in enumerate(net.sources):
        found = net.search(source, max_length)
        connected = ~net.reached_alone(source)[found.targets]
        targets = found.targets[connected]
        counted.connections += len(targets)
        counted.inferred += int(np.count_nonzero(found.inferred[targets]))
        counted.disputed += int(np.count_nonzero(found.disputed[targets]))
        strength = found.strength[targets]
        places = np.flatnonzero(connected)  # each connection's place in the order found
        if limit is not None and len(targets):
            strongest = np.concatenate((strongest, strength))
            if len(strongest) > limit:
                strongest = np.partition(strongest, len(strongest) - limit)[-limit:]
            kept = strength >= strongest.min()
            targets, strength, places = targets[kept], strength[kept], places[kept]
        for target, path_strength, place in zip(
            targets.tolist(), strength.tolist(), places.tolist(), strict=True
        ):
            path = tuple(net.nodes[i] for i in found.path(target))
            keys.append((-path_strength, len(path) - 1, tuple(net.label[v] for v in path),
                         turn * n + place, path))  # fmt: skip

    # The strongest `limit` by a bounded heap; every connection sorted only with --all.
    top = sorted(keys) if limit is None else heapq.nsmallest(limit, keys)
    known: dict[tuple[str, str], Step] = {}

    def step(a: str, b: str) -> Step:
        """The link from a to b, made once however many chains share it."""
        if (a, b) not in known:
            known[a, b] = steps_between(H, a, b)
        return known[a, b]

    counted.chains = [
        CrossChain(path, tuple(step(a, b) for a, b in pairwise(path))) for *_key, path in top
    ]
    return counted


@dataclass
class _Found:
    """What :meth:`_Links.search` finds from one source, by factor number: the factors
    found in the order found, the source left out (``targets``), and per factor the one
    before it on its path (-1 for none), the path's strength (the product of its links'
    weights) and whether it rests on a link that only inferred claims make
    (``inferred``) or crosses a disputed one (``disputed``)."""

    targets: np.ndarray
    before: np.ndarray
    strength: np.ndarray
    inferred: np.ndarray
    disputed: np.ndarray

    def path(self, target: int) -> list[int]:
        """The factors of the path to ``target``, from the source."""
        nodes = [target]
        while (previous := int(self.before[nodes[-1]])) >= 0:
            nodes.append(previous)
        return nodes[::-1]


class _Links:
    """The combined links of the briefs compared (one per cause-effect pair) as arrays,
    and each brief's own links.

    Factors are numbered in the order of their IRIs (``nodes``). Per link:
    its cause and effect, the level of the confidence of its most confident
    claim (the confidences' ranks, so that levels compare as the confidences
    do), the effect's place among the cause's links (the combined graph's
    order), its weight by the weighting rule, whether only inferred claims
    make it and whether it is disputed (claims of both signs, or a null
    finding).
    """

    def __init__(self, H: nx.MultiDiGraph, briefs: list[str]) -> None:
        import numpy as np

        links: dict[str, dict[str, float]] = {}
        for u, v, confidence in H.edges(data="confidence"):
            out = links.setdefault(u, {})
            if v not in out or confidence > out[v]:
                out[v] = confidence
        met = dict.fromkeys(n for u, out in links.items() for n in (u, *out))
        self.label = {n: node_label(H, n) for n in met}
        self.nodes = sorted(met)
        index = {v: i for i, v in enumerate(self.nodes)}
        # Sources in the order of their labels; equal labels keep the combined graph's order.
        self.sources = [index[v] for v in sorted(met, key=self.label.__getitem__)]
        label_rank = {name: i for i, name in enumerate(sorted(set(self.label.values())))}
        self.label_rank = np.array([label_rank[self.label[v]] for v in self.nodes], dtype=np.int64)

        level = {c: i for i, c in enumerate(sorted({c for o in links.values() for c in o.values()}
                                                   | {1.0}))}  # fmt: skip
        self.top_level = level[1.0]
        weights = pair_weights(H)
        nulls = {(c["cause"], c["effect"]) for c in H.graph.get("null_claims", ())}
        columns: list[tuple] = []
        for u, out in links.items():
            for place, (v, confidence) in enumerate(out.items()):
                claims = H[u][v].values()
                columns.append((
                    index[u], index[v], level[confidence], place, weights[u, v].weight,
                    all(c.get("reading") == "inferred" for c in claims),
                    (u, v) in nulls or len({c["sign"] for c in claims}) > 1,
                ))  # fmt: skip
        cause, effect, levels, places, weight, inferred, disputed = (
            zip(*columns, strict=True) if columns else ((),) * 7
        )
        self.cause = np.array(cause, dtype=np.int64)
        self.effect = np.array(effect, dtype=np.int64)
        self.level = np.array(levels, dtype=np.int64)
        self.place = np.array(places, dtype=np.int64)
        self.weight = np.array(weight, dtype=np.float64)
        self.inferred = np.array(inferred, dtype=bool)
        self.disputed = np.array(disputed, dtype=bool)

        # Each brief's own links, and the briefs whose claims name a factor.
        self._own: dict[str, dict[int, list[int]]] = {b: {} for b in briefs}
        for u, v, brief in H.edges(data="brief"):
            self._own[brief].setdefault(index[u], []).append(index[v])
        self._briefs_of: dict[int, list[str]] = defaultdict(list)
        for brief in briefs:
            own = self._own[brief]
            for node in dict.fromkeys(n for u, out in own.items() for n in (u, *out)):
                self._briefs_of[node].append(brief)

    def reached_alone(self, source: int) -> np.ndarray:
        """Per factor: whether the claims of some single brief reach it from ``source``."""
        import numpy as np

        reached = np.zeros(len(self.nodes), dtype=bool)
        for brief in self._briefs_of.get(source, ()):
            own = self._own[brief]
            seen = {source}
            todo = [source]
            while todo:
                for v in own.get(todo.pop(), ()):
                    if v not in seen:
                        seen.add(v)
                        todo.append(v)
            reached[list(seen)] = True
        reached[source] = False
        return reached

    def search(self, source: int, max_length: int) -> _Found:
        """The shortest path from ``source`` to each factor within ``max_length`` links;
        ties go to the strongest weakest link, then to the labels in alphabetical order.

        The search goes layer by layer (breadth first), each layer worked out
        in whole arrays. A factor of the next layer takes, of the factors of
        this layer that link to it, the one whose path has the strongest
        weakest link after that link, then the smallest labels, then the
        smallest IRI. A layer's factors are ordered as first met from this
        layer's, these in the order of their IRIs, each along its links in
        order. A layer's labels are compared as ranks: its paths have as many
        labels, so a path's rank is that of its predecessor's path, then its
        own label.
        """
        import numpy as np

        n = len(self.nodes)
        before = np.full(n, -1, dtype=np.int64)
        found = np.zeros(n, dtype=bool)
        weakest = np.zeros(n, dtype=np.int64)
        rank = np.zeros(n, dtype=np.int64)
        strength = np.ones(n)
        inferred = np.zeros(n, dtype=bool)
        disputed = np.zeros(n, dtype=bool)
        frontier = np.zeros(n, dtype=bool)
        found[source] = frontier[source] = True
        weakest[source] = self.top_level
        order = []
        for links in range(1, max_length + 1):
            at = np.flatnonzero(frontier[self.cause] & ~found[self.effect])
            if not len(at):
                break
            u, v = self.cause[at], self.effect[at]
            # By effect, then the best link into it first: strongest weakest link,
            # smallest rank, smallest IRI.
            by = np.lexsort((u, rank[u], -np.minimum(weakest[u], self.level[at]), v))
            v = v[by]
            starts = np.flatnonzero(np.concatenate(([True], v[1:] != v[:-1])))
            # Where each effect was first met: the first cause, then the place among its links.
            first = np.minimum.reduceat((u * n + self.place[at])[by], starts)
            chosen = at[by[starts]][np.argsort(first)]
            layer, parent = self.effect[chosen], self.cause[chosen]
            before[layer] = parent
            weakest[layer] = np.minimum(weakest[parent], self.level[chosen])
            strength[layer] = strength[parent] * self.weight[chosen]
            inferred[layer] = inferred[parent] | self.inferred[chosen]
            disputed[layer] = disputed[parent] | self.disputed[chosen]
            found[layer] = True
            frontier[:] = False
            frontier[layer] = True
            order.append(layer)
            if links < max_length:  # the last layer's ranks would not be read
                paths = rank[parent] * n + self.label_rank[layer]
                rank[layer] = np.unique(paths, return_inverse=True)[1]
        targets = np.concatenate(order) if order else np.empty(0, dtype=np.int64)
        return _Found(targets, before, strength, inferred, disputed)
