"""Causal chains from one factor to another, with their net sign.

A chain is a simple path of the causal graph. Its net sign is the product of
its links' signs: a chain through one decreasing link decreases its end. The
search is bounded in length and in count, so a dense graph cannot hang it,
and it says when a bound cut it short.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "C", "-"), ("A", "C", "+")])
>>> found = causal_chains(G, "A", "C")
>>> [(c.labels(G), c.sign_symbol) for c in found.chains]
[(['A', 'C'], '+'), (['A', 'B', 'C'], '-')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg.analysis.graph import Step, collapse, node_label, resolve_node, steps_between
from kg.errors import NoCausalPath, SameFactor
from kg.vocab import SIGN_SYMBOLS

__all__ = ["Chain", "ChainSearch", "causal_chains", "chain_sign"]


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
            "steps": [step.as_dict(G) for step in self.steps],
        }


@dataclass
class ChainSearch:
    """The result of :func:`causal_chains`.

    ``length_bound_hit`` is true when some route towards the target was cut at
    ``max_length`` (a longer chain may exist); ``limit_hit`` when the search
    stopped at ``limit`` chains.
    """

    source: str
    target: str
    max_length: int
    limit: int
    chains: list[Chain] = field(default_factory=list)
    length_bound_hit: bool = False
    limit_hit: bool = False

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The search as JSON-ready data (the ``kg chains --format json`` shape)."""
        return {
            "from": node_label(G, self.source),
            "to": node_label(G, self.target),
            "max_length": self.max_length,
            "limit": self.limit,
            "length_bound_hit": self.length_bound_hit,
            "limit_hit": self.limit_hit,
            "chains": [chain.as_dict(G) for chain in self.chains],
        }


def causal_chains(
    G: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    max_length: int = 6,
    limit: int = 100,
    require: bool = False,
) -> ChainSearch:
    """Every causal chain from ``source`` to ``target``, ranked.

    Chains come shortest first, then by the confidence of their weakest link
    (strongest first). Enumeration goes length by length and only follows
    factors from which ``target`` is still reachable within the bound, so its
    cost grows with the number of chains, not with the size of the graph.

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
    """
    if max_length < 1 or limit < 1:
        raise ValueError("max_length and limit must be at least 1")
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
    search = ChainSearch(source, target, max_length, limit)
    simple = collapse(G)
    # Links still needed from each factor to reach the target.
    to_target = nx.single_source_shortest_path_length(simple.reverse(copy=False), target)
    found: list[Chain] = []
    if source in to_target:
        if to_target[source] > max_length:
            search.length_bound_hit = True
        for length in range(max(to_target[source], 1), max_length + 1):
            level, cut = _paths_of_length(
                simple, source, target, length, to_target, limit - len(found)
            )
            found.extend(
                Chain(tuple(path), tuple(steps_between(G, u, v) for u, v in pairwise(path)))
                for path in level
            )
            if len(found) >= limit:
                search.limit_hit = True
                break
            if length == max_length:
                search.length_bound_hit = cut
    found.sort(key=lambda c: (len(c.steps), -c.weakest, c.labels(G)))
    search.chains = found[:limit]
    if require and not search.chains:
        bound = f" within {max_length} links" if search.length_bound_hit else ""
        raise NoCausalPath(
            f"no causal chain from {node_label(G, source)!r} to {node_label(G, target)!r}{bound}"
        )
    return search


def _paths_of_length(
    simple: nx.DiGraph, source: str, target: str, length: int, to_target: dict, limit: int
) -> tuple[list[list[str]], bool]:
    """Simple paths of exactly ``length`` links, pruned by distance to the target.

    Also says whether a branch was pruned because it could only reach the
    target in more than ``length`` links (a longer chain may exist).
    """
    paths: list[list[str]] = []
    cut = False
    path, on_path = [source], {source}
    stack = [iter(sorted(simple.successors(source)))]
    while stack and len(paths) < limit:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        depth = len(path)  # links used once ``node`` is appended
        if node in on_path or node not in to_target:
            continue
        if depth + to_target[node] > length:
            cut = True
            continue
        if node == target:
            if depth == length:
                paths.append([*path, node])
            continue
        path.append(node)
        on_path.add(node)
        stack.append(iter(sorted(simple.successors(node))))
    return paths, cut
