"""The weighting rule: one net sign and one weight per cause-effect pair, and how a change travels.

Every analysis that weighs links (what-if, chains, loops, leverage, the
explorer's page data and the endpoint, which all call this module) uses the
rule below, so the command line and the page cannot disagree. It is written
to be ported exactly: the parameters are the module constants, and each step
names its order of operations.

The pair rule
-------------
For each cause-effect pair of the causal graph (after exact-match merges),
from the claims on it, including the null findings (``sign: no_effect``):

1. Each claim gets a *credence* ``c = confidence * MODALITY_WEIGHTS[modality]
   * READING_WEIGHTS[reading]``: an inferred claim counts half, a hedged one
   less than an asserted one.
2. Claims of one brief are not independent evidence: for each brief and each
   of the three values (increases, decreases, no effect) the brief's
   evidence is the **largest** credence of its claims with that value.
3. Briefs are independent sources; their evidence for one value is combined
   by a noisy-or, ``1 - (1 - e_1) * (1 - e_2) * ...`` (product over the
   briefs in brief-id order; the evidence of a single brief is taken as it
   is, and no brief gives 0), giving ``up``, ``down`` and ``null``.
4. The net weight is ``w = (up - down) * (1 - NULL_WEIGHT * null)`` (just
   ``up - down`` when ``null`` is 0), in [-1, 1]: opposite findings cancel,
   a null finding attenuates. The pair's
   net sign is the sign of ``w`` (0 when ``w == 0``: a perfectly balanced
   dispute, which no change crosses) and its weight is ``abs(w)``.

A link two briefs dispute is thus weak rather than poisonous: it keeps the
sign of its better-backed side and little weight.

Propagation (what-if)
---------------------
A shock gives each shocked factor the value +1 or -1. A change travels
along chains; a chain's *strength* is the product of the weights ``abs(w)``
of its links, its sign the shock's sign times the product of the links' net
signs. For every factor and each sign, the **strongest chain** reaching it
with that sign is found by a best-first search (Dijkstra's algorithm on the
max-product of link weights, which are at most 1) over the states
(factor, sign):

* the shocked factors' states start with strength 1 and no links;
* a state is settled in order of decreasing strength, ties broken by fewer
  links, then by the factor's key (string order), then + before -;
* settling (u, s) relaxes each successor v of u (in key order) over a link
  with net sign ``n != 0`` and weight ``a``: the state (v, s * n) takes
  strength ``strength(u, s) * a`` and u as parent when that is strictly
  stronger than what it holds, or equally strong with fewer links;
* a shocked factor is held at its shock (as in the "clamped" inference of
  fuzzy cognitive maps): no chain enters it, so none runs through it;
* with a depth bound D, a state is not relaxed from once it is D links from
  its shock.

A factor's *support* ``S+`` is the strength of its strongest rising chain,
its *opposition* ``S-`` that of its strongest falling chain (0 if none).
Its direction is **ambiguous** when both exist and
``abs(S+ - S-) <= AMBIGUITY_MARGIN * max(S+, S-)``, else **up** when
``S+ > S-`` and **down** otherwise, with strength ``abs(S+ - S-)``. A direct
link of weight 0.8 therefore outweighs an opposing chain of three links of
0.8 (0.512), while two equally strong opposite chains are ambiguous.

What was taken from elsewhere: signed weights in [-1, 1] on a map of
factors, and a change spreading along them, from fuzzy cognitive maps
(Kosko's maps, as Mental Modeler and FCMpy use them), without their
iterated squashing function, so that every result is explained by one
chain; and from INDRA's belief scorer, that evidence from independent
sources combines by a noisy-or while evidence repeated within one source
does not add up (INDRA's systematic error per source; here a brief's
largest credence).

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+", {"brief": "x"}), ("A", "B", "-", {"brief": "y",
...                 "confidence": 0.5}), ("A", "C", "0", {"brief": "z"}), ("A", "C", "+")])
>>> w = pair_weights(G)
>>> round(w["A", "B"].weight, 3), w["A", "B"].sign
(0.3, 1)
>>> round(w["A", "C"].weight, 3)
0.16
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

if TYPE_CHECKING:
    from kg.store.rows import ClaimRow

__all__ = [
    "MODALITY_WEIGHTS",
    "READING_WEIGHTS",
    "NULL_WEIGHT",
    "AMBIGUITY_MARGIN",
    "PairWeight",
    "Effect",
    "claim_credence",
    "noisy_or",
    "pair_weight",
    "rows_pair_weight",
    "pair_weights",
    "null_claims_between",
    "weigher",
    "link_graph",
    "net_signs",
    "propagate",
    "direction_of",
    "rule_parameters",
]

#: How much a claim of each modality counts, times its confidence.
MODALITY_WEIGHTS = {"asserted": 1.0, "hedged": 0.8, "conditional": 0.6, "reported": 0.6}
#: How much a claim counts by its reading: one the analyst reads in counts half.
READING_WEIGHTS = {"stated": 1.0, "inferred": 0.5}
#: How strongly the combined null findings on a pair cancel its effect (0: not at all, 1: fully).
NULL_WEIGHT = 1.0
#: Support and opposition closer than this share of the larger are "ambiguous".
AMBIGUITY_MARGIN = 0.1

T = TypeVar("T")


def rule_parameters() -> dict:
    """The rule's parameters as JSON-ready data, for the explorer's page and the endpoint.

    >>> rule_parameters()["ambiguity_margin"]
    0.1
    """
    return {
        "modality_weights": dict(MODALITY_WEIGHTS),
        "reading_weights": dict(READING_WEIGHTS),
        "null_weight": NULL_WEIGHT,
        "ambiguity_margin": AMBIGUITY_MARGIN,
    }


def claim_credence(claim: Mapping) -> float:
    """``confidence * MODALITY_WEIGHTS[modality] * READING_WEIGHTS[reading]`` of one claim.

    >>> claim_credence({"confidence": 0.8, "modality": "hedged", "reading": "inferred"})
    0.32000000000000006
    """
    return _credence(claim["confidence"], claim["modality"], claim.get("reading"))


def _credence(confidence: float, modality: str, reading: str | None) -> float:
    """Step 1 on a claim's fields, for an edge's attributes and a claim row alike."""
    return (
        float(confidence)
        * MODALITY_WEIGHTS.get(modality, 1.0)
        * READING_WEIGHTS.get(reading or "stated", 1.0)
    )


def noisy_or(values: Iterable[float]) -> float:
    """``1 - prod(1 - v)``: the chance that at least one independent source is right.

    >>> noisy_or([0.5, 0.5])
    0.75
    """
    missing = 1.0
    for value in values:
        missing *= 1.0 - value
    return 1.0 - missing


@dataclass(frozen=True)
class PairWeight:
    """The rule's verdict on one pair: net sign (+1, -1, 0), weight in [0, 1] and its parts.

    ``up``, ``down`` and ``null`` are the noisy-or combined evidence of the
    briefs for each value; ``briefs`` how many briefs have a claim on the pair.
    """

    sign: int
    weight: float
    up: float
    down: float
    null: float
    briefs: int

    @property
    def signed(self) -> float:
        """``sign * weight``, in [-1, 1]."""
        return self.sign * self.weight

    def as_dict(self) -> dict:
        """JSON-ready data (the ``weight`` object of a pair in JSON output and page data)."""
        return {
            "sign": {1: "+", -1: "-", 0: "0"}[self.sign],
            "weight": round(self.weight, 4),
            "up": round(self.up, 4),
            "down": round(self.down, 4),
            "null": round(self.null, 4),
            "briefs": self.briefs,
        }


def pair_weight(claims: Iterable[Mapping]) -> PairWeight:
    """The rule on the claims of one pair (edge attributes; ``sign`` +1, -1 or 0 for a null).

    >>> c = {"confidence": 0.8, "modality": "asserted", "reading": "stated"}
    >>> pair_weight([{**c, "sign": 1, "brief": "a"}, {**c, "sign": -1, "brief": "b"}]).sign
    0
    """
    claims = claims if isinstance(claims, (list, tuple)) else list(claims)
    if len(claims) == 1 and claims[0]["sign"]:  # one effect claim: its credence, its sign
        claim = claims[0]
        return _one_claim(int(claim["sign"]), claim_credence(claim))
    best: dict[int, dict[str, float]] = {1: {}, -1: {}, 0: {}}
    for claim in claims:
        _count(best, claim)
    return _verdict(best)


def rows_pair_weight(claims: Sequence[ClaimRow], nulls: Sequence[ClaimRow] = ()) -> PairWeight:
    """The rule on one pair from its claim rows (:class:`~kg.store.rows.ClaimRow`): its effect
    claims and its null findings; the same verdict as :func:`pair_weight` on their edges.

    >>> from kg.store.rows import ClaimRow
    >>> up = ClaimRow("c:1", "f:a", "f:b", 1, "asserted", 0.8, "x", "p. 1", "A raises B")
    >>> none = ClaimRow("c:2", "f:a", "f:b", 0, "asserted", 0.5, "y", "p. 2", "A leaves B")
    >>> round(rows_pair_weight([up]).weight, 3), round(rows_pair_weight([up], [none]).weight, 3)
    (0.8, 0.4)
    """
    if len(claims) == 1 and not nulls and claims[0].sign:  # one effect claim, as pair_weight
        claim = claims[0]
        return _one_claim(
            int(claim.sign), _credence(claim.confidence, claim.modality, claim.reading)
        )
    best: dict[int, dict[str, float]] = {1: {}, -1: {}, 0: {}}
    for group in (claims, nulls):
        for claim in group:
            credence = _credence(claim.confidence, claim.modality, claim.reading)
            _keep(best, int(claim.sign), str(claim.brief), credence)
    return _verdict(best)


def _one_claim(sign: int, credence: float) -> PairWeight:
    """The rule on a pair of one effect claim and no null finding: its credence, its sign."""
    up, down = (credence, 0.0) if sign > 0 else (0.0, credence)
    return PairWeight(sign if credence > 0 else 0, credence, up, down, 0.0, 1)


def _count(best: dict[int, dict[str, float]], claim: Mapping) -> None:
    """Step 2 for one claim (edge attributes): :func:`_keep` its credence."""
    _keep(best, int(claim["sign"]), str(claim["brief"]), claim_credence(claim))


def _keep(best: dict[int, dict[str, float]], sign: int, brief: str, credence: float) -> None:
    """Keep a claim's credence as its brief's evidence for its value if it is the largest."""
    own = best[sign]
    if credence > own.get(brief, -1.0):
        own[brief] = credence


def _combined(own: dict[str, float]) -> float:
    """Step 3: the noisy-or of the briefs' evidence in brief-id order; one brief's as it is."""
    if len(own) < 2:
        return next(iter(own.values()), 0.0)
    missing = 1.0
    for brief in sorted(own):
        missing *= 1.0 - own[brief]
    return 1.0 - missing


def _verdict(best: dict[int, dict[str, float]]) -> PairWeight:
    up, down, null = _combined(best[1]), _combined(best[-1]), _combined(best[0])
    net = (up - down) * (1.0 - NULL_WEIGHT * null) if null else up - down
    sign = 1 if net > 0 else -1 if net < 0 else 0
    given = [own for own in best.values() if own]
    briefs = len(given[0]) if len(given) == 1 else len({b for own in given for b in own})
    return PairWeight(sign, abs(net), up, down, null, briefs)


def _null_index(G: nx.MultiDiGraph) -> dict[tuple[str, str], list[dict]]:
    """The null findings of ``G`` by pair, cached on ``G.graph`` for the list it was made from."""
    claims = G.graph.get("null_claims", ())
    cached = G.graph.get("_null_index")
    if cached is not None and cached[0] is claims and cached[1] == len(claims):
        return cached[2]
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for claim in claims:
        index[claim["cause"], claim["effect"]].append(claim)
    G.graph["_null_index"] = (claims, len(claims), index)
    return index


def pair_weights(G: nx.MultiDiGraph) -> Mapping[tuple[str, str], PairWeight]:
    """The rule on every pair of ``G`` that has an edge (null findings from ``G.graph``).

    The answer is worked out once per graph and kept with it (see
    :func:`_kept`): networkx forgets it whenever an edge or a node is added
    or removed, and so does a change of ``G.graph["null_claims"]`` (another
    list, or items added or removed); a copy, a subgraph or a graph made with
    other filters (``stated_only``, ``briefs``) has its own. Changing a
    claim's attributes in place is not seen: then call
    ``G.__networkx_cache__.clear()``, as for networkx's own caches. The
    mapping is read-only.

    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("A", "B", "+")])
    >>> pair_weights(G) is pair_weights(G)
    True
    >>> G.add_edge("A", "B", key="again", **{**G["A"]["B"]["A->B#1"], "sign": -1})
    'again'
    >>> pair_weights(G)["A", "B"].sign
    0
    """
    return _kept(G, "pair_weights", _pair_weights)


def _pair_weights(G: nx.MultiDiGraph) -> Mapping[tuple[str, str], PairWeight]:
    nulls = _null_index(G)
    weights: dict[tuple[str, str], PairWeight] = {}
    for u, around in G.adjacency():
        for v, claims in around.items():
            if len(claims) == 1 and (u, v) not in nulls:
                # the rule on one effect claim (pair_weight's first case), without a call of
                # pair_weight since most of the pairs have one claim: its credence, its sign
                (claim,) = claims.values()
                sign = claim["sign"]
                if sign:
                    weights[u, v] = _one_claim(int(sign), claim_credence(claim))
                    continue
            best: dict[int, dict[str, float]] = {1: {}, -1: {}, 0: {}}
            for claim in claims.values():
                _count(best, claim)
            for claim in nulls.get((u, v), ()):
                _count(best, claim)
            weights[u, v] = _verdict(best)
    return MappingProxyType(weights)


def _kept(G: nx.MultiDiGraph, name: str, make: Callable[[nx.MultiDiGraph], T]) -> T:
    """``make(G)``, kept in ``G.__networkx_cache__`` until the graph or its null findings change.

    networkx empties that cache whenever a node or an edge is added or
    removed; the null findings live in ``G.graph``, which it does not watch,
    so the entry also records which list of them (and how long) it was made
    from. A view (a frozen graph, e.g. ``G.subgraph``) keeps nothing: its
    base graph may change under it.
    """
    cache = getattr(G, "__networkx_cache__", None)
    if cache is None or nx.is_frozen(G):
        return make(G)
    kept = _peek(G, name)
    if kept is not None:
        return kept
    nulls = G.graph.get("null_claims", ())
    value = make(G)
    cache[f"kg.{name}"] = (nulls, len(nulls), value)
    return value


def _peek(G: nx.MultiDiGraph, name: str) -> Any:
    """What :func:`_kept` holds for ``name`` if it still holds for ``G``, else None."""
    cache = getattr(G, "__networkx_cache__", None)
    entry = cache.get(f"kg.{name}") if cache and not nx.is_frozen(G) else None
    nulls = G.graph.get("null_claims", ())
    if entry is not None and entry[0] is nulls and entry[1] == len(nulls):
        return entry[2]
    return None


def weigher(G: nx.MultiDiGraph) -> Callable[[str, str], PairWeight]:
    """``weigh(cause, effect)``: the rule on one pair of ``G`` (the values of
    :func:`pair_weights`, worked out once per graph)."""
    weights = pair_weights(G)

    def weigh(cause: str, effect: str) -> PairWeight:
        return weights[cause, effect]

    return weigh


def net_signs(G: nx.MultiDiGraph) -> Callable[[str, str], int]:
    """``sign(cause, effect)``: the pair's net sign by the rule, without its weight when the
    claims that carry any weight all share one sign and no null finding weakens them (then
    that is the sign); a disputed pair is weighed on its own unless the graph's
    :func:`pair_weights` are already worked out."""
    nulls = _null_index(G)
    weights = _peek(G, "pair_weights")
    weighed: dict[tuple[str, str], int] = {}

    def sign(cause: str, effect: str) -> int:
        if (cause, effect) not in nulls:
            signs = {d["sign"] for d in G[cause][effect].values() if d["confidence"] > 0}
            if len(signs) < 2:
                return signs.pop() if signs else 0
        if weights is not None:
            return weights[cause, effect].sign
        found = weighed.get((cause, effect))
        if found is None:
            extra = nulls.get((cause, effect)) or ()
            claims = [*G[cause][effect].values(), *extra]
            found = weighed[cause, effect] = pair_weight(claims).sign
        return found

    return sign


def link_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The links of ``G`` that carry weight, one per pair, with ``weight`` (the rule's) and
    ``distance`` (``-log(weight)``), every factor a node; frozen, and kept with ``G`` as
    :func:`pair_weights` is.

    >>> from kg.analysis.graph import from_edges
    >>> L = link_graph(from_edges([("A", "B", "+"), ("A", "C", "+"), ("A", "C", "-")]))
    >>> sorted(L.edges(data="weight")), nx.is_frozen(L)
    ([('A', 'B', 0.8)], True)
    """
    return _kept(G, "link_graph", _link_graph)


def _link_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    links = nx.DiGraph()
    links.add_nodes_from(G)
    links.add_edges_from(
        (u, v, {"weight": w.weight, "distance": -math.log(w.weight)})
        for (u, v), w in pair_weights(G).items()
        if w.weight > 0  # a link whose claims balance exactly carries nothing
    )
    return nx.freeze(links)


def null_claims_between(G: nx.MultiDiGraph, cause: str, effect: str) -> list[dict]:
    """The null findings on one pair (``G.graph["null_claims"]``)."""
    return list(_null_index(G).get((cause, effect), ()))


# ---------------------------------------------------------------- propagation


@dataclass
class Effect:
    """Where a shock takes one factor: its strongest chain of each sign and the verdict.

    ``chains`` maps +1 / -1 to the factors of the strongest chain of that
    sign (in causal order, from a shocked factor), ``strengths`` to its
    strength; ``distance`` is the fewest links of either chain.
    """

    node: str
    chains: dict[int, list[str]] = field(default_factory=dict)
    strengths: dict[int, float] = field(default_factory=dict)

    @property
    def support(self) -> float:
        """Strength of the strongest rising chain (0 when none)."""
        return self.strengths.get(1, 0.0)

    @property
    def opposition(self) -> float:
        """Strength of the strongest falling chain (0 when none)."""
        return self.strengths.get(-1, 0.0)

    @property
    def sign(self) -> int:
        """+1, -1, or 0 when ambiguous (:func:`direction_of`)."""
        return direction_of(self.support, self.opposition)

    @property
    def direction(self) -> str:
        """``"up"``, ``"down"`` or ``"ambiguous"``."""
        return {1: "up", -1: "down", 0: "ambiguous"}[self.sign]

    @property
    def strength(self) -> float:
        """``abs(S+ - S-)``: how far the balance leans."""
        return abs(self.support - self.opposition)

    @property
    def distance(self) -> int:
        """Links of the shorter of its chains."""
        return min(len(chain) - 1 for chain in self.chains.values())

    @property
    def chain(self) -> list[str]:
        """The chain that decides: of the winning sign, else the stronger (ambiguous)."""
        if self.sign:
            return self.chains[self.sign]
        return self.chains[1 if self.support >= self.opposition else -1]

    @property
    def opposing_chain(self) -> list[str] | None:
        """The strongest chain of the other sign, if any."""
        decided = self.sign or (1 if self.support >= self.opposition else -1)
        return self.chains.get(-decided)


def direction_of(support: float, opposition: float) -> int:
    """+1 (up), -1 (down) or 0 (ambiguous: both and closer than :data:`AMBIGUITY_MARGIN`).

    >>> direction_of(0.8, 0.512), direction_of(0.5, 0.5), direction_of(0.0, 0.2)
    (1, 0, -1)
    """
    if support > 0 and opposition > 0:
        if abs(support - opposition) <= AMBIGUITY_MARGIN * max(support, opposition):
            return 0
    return 1 if support > opposition else -1


def walk_back(parent: Mapping, state: tuple[str, int]) -> list[str]:
    """The factors from ``state`` back to the search's start, following ``parent`` links
    (the start's parent is None); shared by the signed searches.

    >>> walk_back({("A", 1): None, ("B", 1): ("A", 1)}, ("B", 1))
    ['B', 'A']
    """
    walk = []
    cursor: tuple[str, int] | None = state
    while cursor is not None:
        walk.append(cursor[0])
        cursor = parent[cursor]
    return walk


def propagate(
    G: nx.MultiDiGraph,
    shocks: Mapping[str, int],
    *,
    weights: Mapping[tuple[str, str], PairWeight] | None = None,
    max_depth: int | None = None,
) -> dict[str, Effect]:
    """The strongest chain of each sign from the shocks to every factor (see the module).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph.
    shocks : mapping
        Node -> +1 or -1.
    weights : mapping, optional
        :func:`pair_weights` of ``G``, when already computed.
    max_depth : int, optional
        Longest chain, in links.

    Returns
    -------
    dict
        Node -> :class:`Effect`, for every factor a chain reaches (never a
        shocked factor, which is held at its shock).

    Examples
    --------
    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("A", "B", "-"), ("A", "X", "+"), ("X", "Y", "+"), ("Y", "B", "+")])
    >>> effect = propagate(G, {"A": 1})["B"]
    >>> effect.direction, round(effect.support, 3), round(effect.opposition, 3)
    ('down', 0.512, 0.8)
    >>> effect.opposing_chain
    ['A', 'X', 'Y', 'B']
    """
    pairs = pair_weights(G) if weights is None else weights
    adjacency = G.adj
    heappush, heappop = heapq.heappush, heapq.heappop

    made: dict[str, list[tuple[str, int, float]]] = {}

    def links(node: str) -> list[tuple[str, int, float]]:
        # the links a change can travel along, in key order; none enters a shocked factor
        out = made[node] = []
        for other in sorted(adjacency[node]):
            if other in shocks:
                continue
            pair = pairs[node, other]
            if pair.sign and pair.weight > 0:
                out.append((other, pair.sign, pair.weight))
        return out

    strength: dict[tuple[str, int], float] = {}
    hops: dict[tuple[str, int], int] = {}
    parent: dict[tuple[str, int], tuple[str, int] | None] = {}
    queue: list[tuple[float, int, str, int]] = []
    for node in sorted(shocks):
        state = (node, shocks[node])
        strength[state], hops[state], parent[state] = 1.0, 0, None
        heappush(queue, (-1.0, 0, node, -shocks[node]))
    settled: set[tuple[str, int]] = set()
    held = strength.get
    while queue:
        negative, links_so_far, node, negative_sign = heappop(queue)
        sign = -negative_sign
        state = (node, sign)
        current = -negative
        if state in settled or current != strength[state] or links_so_far != hops[state]:
            continue
        settled.add(state)
        if max_depth is not None and links_so_far >= max_depth:
            continue
        further = links_so_far + 1
        out = made.get(node)
        for other, link_sign, weight in out if out is not None else links(node):
            nxt = (other, sign * link_sign)
            if nxt in settled:
                continue
            value = current * weight
            before = held(nxt)
            # strictly stronger, or as strong with fewer links (a strength is never negative)
            if before is None or value > before or (value == before and further < hops[nxt]):
                strength[nxt], hops[nxt], parent[nxt] = value, further, state
                heappush(queue, (-value, further, other, -nxt[1]))
    effects: dict[str, Effect] = {}
    for state in sorted(settled):
        if hops[state] == 0:
            continue
        node, sign = state
        effect = effects.setdefault(node, Effect(node))
        effect.chains[sign] = walk_back(parent, state)[::-1]
        effect.strengths[sign] = strength[state]
    return effects
