"""Causal chains from one factor to another, with their net sign and strength.

A chain is a simple path of the causal graph. Its net sign is the product of
its links' net signs and its strength the product of their weights, both by
the weighting rule (:mod:`kg.analysis.weights`): a chain through one
decreasing link decreases its end. Chains are ranked strongest first. The
search is best first and lazy, bounded in length, in count and in work, so a
dense graph cannot hang it, and it says when a bound cut it short.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "C", "-"), ("A", "C", "+")])
>>> found = causal_chains(G, "A", "C")
>>> [(c.labels(G), c.sign_symbol) for c in found.chains]
[(['A', 'C'], '+'), (['A', 'B', 'C'], '-')]
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

import networkx as nx

from kg.analysis.graph import Step, node_label, resolve_node, steps_between
from kg.analysis.weights import link_graph
from kg.errors import InvalidParameter, NoCausalPath, SameFactor
from kg.vocab import SIGN_SYMBOLS

if TYPE_CHECKING:
    from kg.analysis.linkindex import LinkIndex

__all__ = [
    "DEFAULT_BUDGET",
    "STRENGTH_UNITS",
    "Chain",
    "ChainSearch",
    "GraphLinks",
    "Links",
    "causal_chains",
    "indexed_chains",
    "chain_sign",
    "rank_strength",
]


def chain_sign(steps: list[Step]) -> int:
    """The product of the steps' signs; 0 when a step's claims disagree.

    >>> chain_sign([Step("a", "b", -1, 1.0, ()), Step("b", "c", -1, 1.0, ())])
    1
    """
    sign = 1
    for step in steps:
        sign *= step.sign
    return sign


@dataclass(frozen=True)
class Chain:
    """A causal chain: its factors, its links and its net sign."""

    factors: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def sign(self) -> int:
        """Net sign: +1, -1, or 0 when a link's claims disagree."""
        return chain_sign(list(self.steps))

    @property
    def sign_symbol(self) -> str:
        """``"+"``, ``"-"`` or ``"?"``."""
        return SIGN_SYMBOLS[self.sign]

    @property
    def weakest(self) -> float:
        """Confidence of the weakest link."""
        return min(step.confidence for step in self.steps)

    @property
    def strength(self) -> float:
        """Product of the links' weights (:mod:`kg.analysis.weights`)."""
        value = 1.0
        for step in self.steps:
            value *= step.weight
        return value

    def labels(self, G: nx.MultiDiGraph) -> list[str]:
        """The factors' labels, in order."""
        return [node_label(G, n) for n in self.factors]

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The chain as JSON-ready data."""
        return {
            "factors": self.labels(G),
            "sign": self.sign_symbol,
            "length": len(self.steps),
            "weakest_confidence": self.weakest,
            "strength": round(self.strength, 4),
            "steps": [step.as_dict(G) for step in self.steps],
        }


#: Default work budget of :func:`causal_chains`: how many links it may look along
#: (each link from the end of a partial chain, followed or pruned, counts one).
DEFAULT_BUDGET = 1_000_000


@dataclass
class ChainSearch:
    """The result of :func:`causal_chains`.

    ``length_bound_hit`` is true when some route towards the target was cut at
    ``max_length`` (a longer chain may exist); ``limit_hit`` when more than
    ``limit`` chains exist; ``budget_hit`` when the search stopped after
    looking along ``budget`` links (stronger chains than those
    missing cannot exist, but more chains may). ``work`` counts the links
    looked along, ``expanded`` the partial chains extended.
    """

    source: str
    target: str
    max_length: int
    limit: int
    chains: list[Chain] = field(default_factory=list)
    length_bound_hit: bool = False
    limit_hit: bool = False
    budget: int = DEFAULT_BUDGET
    budget_hit: bool = False
    expanded: int = 0
    work: int = 0

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The search as JSON-ready data (the ``kg chains --format json`` shape)."""
        return {
            "from": node_label(G, self.source),
            "to": node_label(G, self.target),
            "max_length": self.max_length,
            "limit": self.limit,
            "length_bound_hit": self.length_bound_hit,
            "limit_hit": self.limit_hit,
            "budget_hit": self.budget_hit,
            "chains": [chain.as_dict(G) for chain in self.chains],
        }


def causal_chains(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_length: int = 6,
    limit: int = 100,
    budget: int = DEFAULT_BUDGET,
    require: bool = False,
) -> ChainSearch:
    """The strongest causal chains from ``source`` to ``target``, strongest first.

    Chains are ranked by strength, the product of their links' weights by the
    weighting rule (:mod:`kg.analysis.weights`), as ``kg compare`` ranks
    cross-brief chains: strongest first, then fewest links, then by their
    factors' labels. A strong chain of three links thus ranks above a weak
    direct link. Links whose claims balance exactly (weight 0) are not causal
    links and no chain takes them.

    Strength is ranked to nine decimal places (:func:`rank_strength`), so
    that the order does not hang on the rounding of a product.

    The chains are found lazily, without listing every chain, by a
    best-first (A*) search over partial chains: a partial chain's priority
    is the best rank any chain extending it could have, its strength times
    that of the strongest route on to the target (Dijkstra's algorithm on
    distance ``-log(weight)``), then its links plus the fewest links on, then
    its labels. A chain taken from the queue therefore ranks before every
    chain not yet found, and the search stops after ``limit`` chains (and
    one more, to tell whether more exist). networkx's
    :func:`~networkx.shortest_simple_paths` (Yen's algorithm) also yields
    simple paths by ``-log(weight)``, but equally strong chains in no set
    order: ranking them deterministically would mean listing every tie,
    millions on a dense graph of equal weights. Factors that cannot reach
    the target within ``max_length`` links are never visited.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph (:func:`kg.causal_graph`).
    source, target : str
        Factor names (label, alternative label, id or IRI) or node keys.
    max_length : int
        Longest chain, in links.
    limit : int
        Most chains to return.
    budget : int
        Most links to look along, the search's work: each link from the end
        of a partial chain counts one, whether it is followed or pruned, so
        the time is bounded on any graph. Past it the search stops and says
        so (``budget_hit``), keeping the chains found, which are the
        strongest ones.
    require : bool
        Raise :class:`~kg.errors.NoCausalPath` when there is no chain.

    Returns
    -------
    ChainSearch

    Raises
    ------
    SameFactor
        ``source`` and ``target`` name one factor, for instance two factors
        that ``exact_match`` merged.

    Examples
    --------
    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("costs", "relocation", "+"), ("relocation", "jobs", "+"),
    ...                 ("jobs", "return", "+"), ("costs", "return", "-")])
    >>> found = causal_chains(G, "costs", "return", max_length=2)
    >>> [c.labels(G) for c in found.chains], found.length_bound_hit
    ([['costs', 'return']], True)
    >>> found = causal_chains(G, "costs", "return", limit=1)
    >>> [c.labels(G) for c in found.chains], found.limit_hit
    ([['costs', 'return']], True)
    """
    return _causal_chains(
        G, source, target, max_length, limit, budget, require,
        lambda: GraphLinks(link_graph(G)), lambda u, v: steps_between(G, u, v),
    )  # fmt: skip


def indexed_chains(
    index: LinkIndex,
    source: str,
    target: str,
    *,
    max_length: int = 6,
    limit: int = 100,
    budget: int = DEFAULT_BUDGET,
    require: bool = False,
) -> ChainSearch:
    """:func:`causal_chains` on the causal graph a :class:`~kg.analysis.linkindex.LinkIndex`
    was made from, with the same result; only the links of the chains found are read.

    Report it with ``index.graph`` in place of the causal graph (it has the factors' labels).
    """
    return _causal_chains(
        index.graph, source, target, max_length, limit, budget, require,
        lambda: index, index.step,
    )  # fmt: skip


def _causal_chains(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    max_length: int,
    limit: int,
    budget: int,
    require: bool,
    links: Callable[[], Links],
    step: Callable[[str, str], Step],
) -> ChainSearch:
    """The search of :func:`causal_chains`, given the factors of ``G``, the link graph
    (asked for once the names are resolved) and each link's :class:`Step`."""
    if max_length < 1:
        raise InvalidParameter(f"max_length is {max_length}", "a chain needs at least 1 link")
    if limit < 1 or budget < 1:
        raise InvalidParameter(
            f"limit is {limit} and budget {budget}", "give a limit and a budget of at least 1"
        )
    source_name, target_name = source, target
    source, target = resolve_node(G, source), resolve_node(G, target)
    if source == target:
        merged = G.nodes[source].get("merged", ())
        members = sorted({G.nodes[source].get("id", source), *merged})
        why = f" (exact_match makes one factor of {', '.join(members)})" if merged else ""
        raise SameFactor(
            f"{source_name!r} and {target_name!r} both name {node_label(G, source)!r}{why}; "
            "a chain needs two different factors (`kg loops` finds chains that come back to one)"
        )
    search = ChainSearch(source, target, max_length, limit, budget=budget)
    paths = _strongest_paths(G, links(), source, target, search, limit + 1)
    search.limit_hit = len(paths) > limit
    search.chains = [
        Chain(path, tuple(step(u, v) for u, v in pairwise(path))) for path in paths[:limit]
    ]
    if require and not search.chains:
        bound = f" within {max_length} links" if search.length_bound_hit else ""
        raise NoCausalPath(
            f"no causal chain from {node_label(G, source)!r} to {node_label(G, target)!r}{bound}"
        )
    return search


#: Chains are ranked by strength to this many units (9 decimal places), as an
#: integer ``floor(strength * STRENGTH_UNITS + 0.5)``: the same operations give
#: the same integer in any language (the explorer's page ranks with it too),
#: and chains whose strengths differ only by rounding rank by links, then labels.
STRENGTH_UNITS = 1e9


def rank_strength(strength: float) -> int:
    """A chain's strength as ranked: ``floor(strength * STRENGTH_UNITS + 0.5)``.

    >>> rank_strength(0.8 * 0.8 * 0.8) == rank_strength(0.512)
    True
    """
    return math.floor(strength * STRENGTH_UNITS + 0.5)


#: Slack on the search's bound, far above the rounding error of a product of weights.
_SLACK = 1.0 + 1e-12


class Links(Protocol):
    """What the chain search reads of the links: for a networkx link graph,
    :class:`GraphLinks`; for the index a build keeps, :class:`kg.analysis.linkindex.LinkIndex`."""

    def hops(self, target: str) -> Mapping[str, int]:
        """The fewest links from each factor that reaches ``target`` to it."""
        ...

    def distances(self, target: str) -> Mapping[str, float]:
        """The least sum of ``-log(weight)`` from each factor that reaches ``target`` to it."""
        ...

    def successors(self, factor: str) -> Mapping[str, float]:
        """The links out of ``factor`` and their weights, in the link graph's order."""
        ...


class GraphLinks:
    """:class:`Links` of a link graph (:func:`kg.analysis.weights.link_graph`), by networkx."""

    def __init__(self, simple: nx.DiGraph):
        self._backwards = simple.reverse(copy=False)
        # Each factor's links as plain dicts: a view's items() steps through Python per link.
        self._succ = dict(simple.adjacency())
        self._weights: dict[str, dict[str, float]] = {}

    def hops(self, target: str) -> Mapping[str, int]:
        return nx.single_source_shortest_path_length(self._backwards, target)

    def distances(self, target: str) -> Mapping[str, float]:
        return nx.single_source_dijkstra_path_length(self._backwards, target, weight="distance")

    def successors(self, factor: str) -> Mapping[str, float]:
        found = self._weights.get(factor)
        if found is None:
            found = self._weights[factor] = {
                n: link["weight"] for n, link in self._succ[factor].items()
            }
        return found


def _strongest_paths(
    G: nx.MultiDiGraph,
    simple: Links,
    source: str,
    target: str,
    search: ChainSearch,
    want: int,
) -> list[tuple[str, ...]]:
    """The ``want`` strongest chains, in rank order; sets the search's bound and budget flags.

    A best-first (A*) search over partial chains. A queue entry is
    ``(-bound, links, labels, factors, strength)``: for a chain, its own rank
    key; for a partial chain a lower bound of the rank key of every chain
    that extends it: its strength times the strongest route on to the
    target (``ahead``), the links so far plus the fewest links on, and its
    labels (a prefix of its extensions' labels). No extension ranks before
    its partial chain's bound, so chains leave the queue in rank order.
    """
    # simple: the links; weight-0 links (claims balancing exactly) carry nothing
    hops = simple.hops(target)
    if source not in hops:
        return []
    if hops[source] > search.max_length:
        search.length_bound_hit = True
        return []
    # The strongest route from each factor to the target (Dijkstra on -log(weight)).
    ahead = {n: math.exp(-d) * _SLACK for n, d in simple.distances(target).items()}
    label = {n: node_label(G, n) for n in hops}
    queue: list[tuple[int, int, tuple[str, ...], tuple[str, ...], float]] = [
        (-rank_strength(ahead[source]), hops[source], (label[source],), (source,), 1.0)
    ]
    found: list[tuple[str, ...]] = []
    while queue:
        _bound, _links, labels, path, strength = heapq.heappop(queue)
        end = path[-1]
        if end == target:
            found.append(path)
            if len(found) == want:
                break
            continue
        if search.work >= search.budget:
            search.budget_hit = True
            break
        search.expanded += 1
        links = len(path)  # once the next factor is appended
        on_path = set(path)
        for nxt, weight in simple.successors(end).items():
            if search.work >= search.budget:  # mid-extension: its other links are never looked at
                search.budget_hit = True
                return found
            search.work += 1
            if nxt in on_path or nxt not in hops:
                continue
            if links + hops[nxt] > search.max_length:
                search.length_bound_hit = True
                continue
            reached = strength * weight
            bound = reached if nxt == target else reached * ahead[nxt]
            heapq.heappush(
                queue,
                (
                    -rank_strength(bound),
                    links + hops[nxt],
                    (*labels, label[nxt]),
                    (*path, nxt),
                    reached,
                ),
            )
    return found
