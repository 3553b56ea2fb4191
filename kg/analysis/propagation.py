"""Signed reachability: where a change travels and with which sign.

The search walks the causal graph breadth first over (factor, sign) pairs,
so each factor is reached by its shortest chain of each sign. A factor
reached with both signs is *ambiguous*: chains disagree, or a balancing loop
on the way turns the change back on itself. A link carries its net sign by
the weighting rule (:mod:`kg.analysis.weights`); a link whose claims
balance exactly carries none. (``kg whatif`` weighs the chains as well:
:func:`kg.analysis.weights.propagate`.)

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "C", "-"), ("A", "C", "+")])
>>> reach = signed_reach(G, {"A": 1})
>>> reach["C"].direction, reach["C"].distance
('ambiguous', 1)
>>> reach["B"].direction
'up'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg.analysis.graph import node_label, resolve_node, steps_between
from kg.analysis.weights import net_signs, walk_back

__all__ = [
    "DIRECTIONS",
    "Influence",
    "Neighbourhood",
    "Reach",
    "downstream",
    "signed_reach",
    "upstream",
]

#: How a sign reads as a direction of change.
DIRECTIONS = {1: "up", -1: "down"}


@dataclass
class Reach:
    """How a factor is reached: shortest distance and the shortest chain of each sign."""

    node: str
    distance: int
    chains: dict[int, list[str]] = field(default_factory=dict)  # sign -> factors

    @property
    def signs(self) -> set[int]:
        """The signs with which the factor is reached."""
        return set(self.chains)

    @property
    def sign(self) -> int:
        """+1 or -1, or 0 when reached with both."""
        return next(iter(self.chains)) if len(self.chains) == 1 else 0

    @property
    def direction(self) -> str:
        """``"up"``, ``"down"`` or ``"ambiguous"``."""
        return DIRECTIONS.get(self.sign, "ambiguous")

    @property
    def chain(self) -> list[str]:
        """The shortest chain that explains the result (of either sign when ambiguous)."""
        return min(self.chains.values(), key=len)


def _link_signs(sign_of: Callable[[str, str], int], u: str, v: str) -> set[int]:
    sign = sign_of(u, v)
    return {sign} if sign else set()


def signed_reach(
    G: nx.MultiDiGraph,
    sources: Mapping[str, int],
    *,
    reverse: bool = False,
    max_depth: int | None = None,
) -> dict[str, Reach]:
    """Every factor reached from ``sources`` (node -> +1 or -1), with sign and chain.

    With ``reverse=True`` the walk follows links backwards: the result tells,
    for each factor upstream, the sign of its influence on the sources.
    Chains are listed in causal order either way. The sources themselves are
    in the result only when a chain leads back to them.
    """
    weigh = net_signs(G)
    parent: dict[tuple[str, int], tuple[str, int] | None] = {}
    depth: dict[tuple[str, int], int] = {}
    queue: deque[tuple[str, int]] = deque()
    for node, sign in sources.items():
        parent[(node, sign)] = None
        depth[(node, sign)] = 0
        queue.append((node, sign))
    while queue:
        state = queue.popleft()
        node, sign = state
        if max_depth is not None and depth[state] >= max_depth:
            continue
        neighbours = G.predecessors(node) if reverse else G.successors(node)
        for other in sorted(set(neighbours)):
            link = _link_signs(weigh, other, node) if reverse else _link_signs(weigh, node, other)
            for link_sign in sorted(link):
                nxt = (other, sign * link_sign)
                if nxt not in parent:
                    parent[nxt] = state
                    depth[nxt] = depth[state] + 1
                    queue.append(nxt)
    reached: dict[str, Reach] = {}
    for state, d in depth.items():
        if d == 0:
            continue
        node, sign = state
        walk = walk_back(parent, state)
        chain = walk if reverse else walk[::-1]
        entry = reached.setdefault(node, Reach(node, d))
        entry.distance = min(entry.distance, d)
        entry.chains[sign] = chain
    return reached


@dataclass(frozen=True)
class Influence:
    """One factor of a :class:`Neighbourhood`: how far it is and with which net sign.

    ``sign`` is +1, -1, or 0 where chains of both signs exist; ``chain`` the
    shortest chain in causal order; ``claims`` the IRIs of the claims behind
    its links.
    """

    node: str
    distance: int
    sign: int
    chain: tuple[str, ...]
    claims: tuple[str, ...]

    @property
    def sign_word(self) -> str:
        """``"+"``, ``"-"`` or ``"ambiguous"``."""
        return {1: "+", -1: "-"}.get(self.sign, "ambiguous")

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data, with labels."""
        return {
            "factor": node_label(G, self.node),
            "distance": self.distance,
            "sign": self.sign_word,
            "chain": [node_label(G, n) for n in self.chain],
            "claims": list(self.claims),
        }


@dataclass
class Neighbourhood:
    """The result of :func:`upstream` or :func:`downstream`: the factors, nearest first.

    ``factor`` is the node asked about, ``direction`` ``"upstream"`` or
    ``"downstream"``. Iterating gives the :class:`Influence` rows.
    """

    factor: str
    direction: str
    rows: list[Influence] = field(default_factory=list)

    def __iter__(self) -> Iterator[Influence]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The ``kg upstream`` / ``kg downstream --format json`` shape."""
        return {
            "factor": node_label(G, self.factor),
            "direction": self.direction,
            "factors": [row.as_dict(G) for row in self.rows],
        }


def _neighbourhood(G, factor, reverse, depth) -> Neighbourhood:
    node = resolve_node(G, factor)
    reached = signed_reach(G, {node: 1}, reverse=reverse, max_depth=depth)
    rows = []
    for other, reach in reached.items():
        if other == node:
            continue
        chain = tuple(reach.chain)
        claims = tuple(
            c["claim"] for u, v in pairwise(chain) for c in steps_between(G, u, v).claims
        )
        rows.append(Influence(other, reach.distance, reach.sign, chain, claims))
    rows.sort(key=lambda r: (r.distance, node_label(G, r.node)))
    return Neighbourhood(node, "upstream" if reverse else "downstream", rows)


def upstream(G: nx.MultiDiGraph, factor: str, *, depth: int | None = None) -> Neighbourhood:
    """The factors that can influence ``factor``, nearest first.

    Each row gives the factor, its distance in links, the net sign of its
    influence (+1, -1, or 0 where chains of both signs exist; ``"+"``,
    ``"-"`` or ``"ambiguous"`` in JSON), and the shortest chain with the
    claims behind it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph.
    factor : str
        A factor name (label, alternative label, id or IRI) or node key.
    depth : int, optional
        Follow chains of at most this many links; unbounded by default.

    Returns
    -------
    Neighbourhood

    Examples
    --------
    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("A", "B", "-"), ("B", "C", "-")])
    >>> [(r.node, r.distance, r.sign_word) for r in upstream(G, "C")]
    [('B', 1, '-'), ('A', 2, '+')]
    >>> upstream(G, "C").as_dict(G)["factors"][1]["chain"]
    ['A', 'B', 'C']
    """
    return _neighbourhood(G, factor, True, depth)


def downstream(G: nx.MultiDiGraph, factor: str, *, depth: int | None = None) -> Neighbourhood:
    """The factors that ``factor`` can influence, nearest first (as in :func:`upstream`).

    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("A", "B", "-"), ("B", "C", "-")])
    >>> downstream(G, "A", depth=1).as_dict(G)
    {'factor': 'A', 'direction': 'downstream', 'factors': [{'factor': 'B', 'distance': 1, \
'sign': '-', 'chain': ['A', 'B'], 'claims': ['A->B#1']}]}
    """
    return _neighbourhood(G, factor, False, depth)
