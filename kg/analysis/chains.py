"""Causal chains from one factor to another, with their net sign and strength.

A chain is a simple path of the causal graph. Its net sign is the product of
its links' net signs and its strength the product of their weights, both by
the weighting rule (:mod:`kg.analysis.weights`): a chain through one
decreasing link decreases its end. The
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
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg.analysis.graph import Step, collapse, node_label, resolve_node, steps_between
from kg.analysis.weights import weigher
from kg.errors import InvalidParameter, NoCausalPath, SameFactor
from kg.vocab import SIGN_SYMBOLS

__all__ = ["DEFAULT_BUDGET", "Chain", "ChainSearch", "causal_chains", "chain_sign"]


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
    looking along ``budget`` links (better-ranked chains than those
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
    """The best causal chains from ``source`` to ``target``, best first.

    Chains come shortest first, then by the weight of their weakest link
    (strongest first; :mod:`kg.analysis.weights`), then by their factors'
    labels. They are found lazily,
    best first, without listing every chain: a best-first search extends the
    partial chain whose best possible completion ranks first. That bound is
    the partial chain's length plus the distance from its end to the target,
    then the weaker of its weakest link and the strongest weakest link of a
    shortest route on to the target, then its labels. A chain taken from the
    queue therefore ranks before every chain not yet found, and the search
    stops after ``limit`` chains (and one more, to tell whether more exist).
    Factors that cannot reach the target within the bound are never visited.

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
        the time is bounded on any graph (a dense one makes each extension
        cost as many links as the factor has). Past it the search stops and
        says so (``budget_hit``), keeping the chains found, which are the
        best ones.
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
    simple = collapse(G)
    # Links still needed from each factor to reach the target.
    to_target = nx.single_source_shortest_path_length(simple.reverse(copy=False), target)
    if source in to_target:
        if to_target[source] > max_length:
            search.length_bound_hit = True
        else:
            paths = _best_first(G, simple, source, target, to_target, search, limit + 1)
            search.limit_hit = len(paths) > limit
            search.chains = [
                Chain(path, tuple(steps_between(G, u, v) for u, v in pairwise(path)))
                for path in paths[:limit]
            ]
    if require and not search.chains:
        bound = f" within {max_length} links" if search.length_bound_hit else ""
        raise NoCausalPath(
            f"no causal chain from {node_label(G, source)!r} to {node_label(G, target)!r}{bound}"
        )
    return search


def _best_first(
    G: nx.MultiDiGraph,
    simple: nx.DiGraph,
    source: str,
    target: str,
    to_target: dict[str, int],
    search: ChainSearch,
    want: int,
) -> list[tuple[str, ...]]:
    """The ``want`` best chains, in rank order; sets the search's bound and budget flags.

    Queue entries are ``(links, -weakest, labels, factors)``: for a chain,
    its own rank; for a partial chain, a lower bound of the rank of every
    chain that extends it (see :func:`causal_chains`). The bound never
    decreases from a partial chain to its extensions, so chains leave the
    queue in rank order.
    """
    weigh = weigher(G)

    class _Strength(dict):
        def __missing__(self, pair: tuple[str, str]) -> float:
            self[pair] = value = weigh(*pair).weight
            return value

    strength = _Strength()
    ahead = _strongest_shortest(simple, target, to_target, strength)
    label = {n: node_label(G, n) for n in to_target}
    inf = float("inf")
    queue: list[tuple[int, float, tuple[str, ...], tuple[str, ...], float]] = [
        (to_target[source], -ahead[source], (label[source],), (source,), inf)
    ]
    found: list[tuple[str, ...]] = []
    while queue:
        _rank, _weakest, labels, path, weakest = heapq.heappop(queue)
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
        for nxt in simple.successors(end):
            if search.work >= search.budget:  # mid-extension: its other links are never looked at
                search.budget_hit = True
                return found
            search.work += 1
            if nxt in on_path or nxt not in to_target:
                continue
            if links + to_target[nxt] > search.max_length:
                search.length_bound_hit = True
                continue
            reached = min(weakest, strength[end, nxt])
            entry = (
                links + to_target[nxt],
                -min(reached, ahead[nxt]),
                (*labels, label[nxt]),
                (*path, nxt),
                reached,
            )
            heapq.heappush(queue, entry)
    return found


def _strongest_shortest(
    simple: nx.DiGraph, target: str, to_target: dict[str, int], strength: dict
) -> dict[str, float]:
    """For each factor, the strongest weakest link of a shortest route to the target."""
    best = {target: float("inf")}
    for node in sorted(to_target, key=lambda n: to_target[n]):
        if node == target:
            continue
        best[node] = max(
            min(strength[node, nxt], best[nxt])
            for nxt in simple.successors(node)
            if to_target.get(nxt) == to_target[node] - 1
        )
    return best
