"""Feedback loops: cycles of the causal graph, reinforcing or balancing.

A loop with an even number of decreasing links reinforces a change that
enters it (a virtuous or vicious circle); one with an odd number balances it.
A link whose claims disagree makes the loop's kind ambiguous.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "A", "+"), ("B", "C", "-"), ("C", "B", "+")])
>>> [(loop.labels(G), loop.kind) for loop in feedback_loops(G).loops]
[(['A', 'B'], 'reinforcing'), (['B', 'C'], 'balancing')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice, pairwise

import networkx as nx

from kg.analysis.graph import Step, collapse, node_label, steps_between

__all__ = ["Loop", "LoopSearch", "feedback_loops", "loop_kind"]


def loop_kind(steps: list[Step] | tuple[Step, ...]) -> str:
    """``"reinforcing"``, ``"balancing"`` or ``"ambiguous"`` (a link's claims disagree)."""
    if any(step.sign == 0 for step in steps):
        return "ambiguous"
    negatives = sum(1 for step in steps if step.sign < 0)
    return "reinforcing" if negatives % 2 == 0 else "balancing"


@dataclass(frozen=True)
class Loop:
    """A feedback loop: its factors in causal order and its links (the last closes it)."""

    factors: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def kind(self) -> str:
        """Reinforcing, balancing or ambiguous."""
        return loop_kind(self.steps)

    @property
    def claims(self) -> list[str]:
        """The IRIs of every claim behind the loop's links."""
        return [c["claim"] for step in self.steps for c in step.claims]

    def labels(self, G: nx.MultiDiGraph) -> list[str]:
        """The factors' labels, in causal order."""
        return [node_label(G, n) for n in self.factors]

    def uses(self, cause: str, effect: str) -> bool:
        """Whether the loop runs through the link ``cause -> effect``."""
        return any(s.cause == cause and s.effect == effect for s in self.steps)

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """The loop as JSON-ready data (the ``kg loops --format json`` shape)."""
        return {
            "factors": self.labels(G),
            "kind": self.kind,
            "length": len(self.steps),
            "claims": self.claims,
            "steps": [step.as_dict(G) for step in self.steps],
        }


@dataclass
class LoopSearch:
    """The loops found, and whether the count limit cut the search short."""

    max_length: int
    limit: int
    loops: list[Loop] = field(default_factory=list)
    limit_hit: bool = False

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data."""
        return {
            "max_length": self.max_length,
            "limit": self.limit,
            "limit_hit": self.limit_hit,
            "loops": [loop.as_dict(G) for loop in self.loops],
        }


def feedback_loops(G: nx.MultiDiGraph, *, max_length: int = 8, limit: int = 1000) -> LoopSearch:
    """Every feedback loop of at most ``max_length`` links (at most ``limit`` of them).

    Uses networkx's length-bounded :func:`~networkx.simple_cycles`. Each loop
    starts at the factor with the smallest label, so the same loop always
    reads the same way; loops come shortest first.

    Examples
    --------
    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("jobs", "return", "+"), ("return", "skills", "+"),
    ...                 ("skills", "jobs", "+"), ("return", "jobs", "-")])
    >>> [(loop.labels(G), loop.kind) for loop in feedback_loops(G).loops]
    [(['jobs', 'return'], 'balancing'), (['jobs', 'return', 'skills'], 'reinforcing')]
    """
    simple = collapse(G)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    cycles = list(islice(nx.simple_cycles(simple, length_bound=max_length), limit + 1))
    search = LoopSearch(max_length, limit, limit_hit=len(cycles) > limit)
    loops = []
    for cycle in cycles[:limit]:
        start = min(range(len(cycle)), key=lambda i: (node_label(G, cycle[i]), cycle[i]))
        ordered = cycle[start:] + cycle[:start]
        pairs = pairwise([*ordered, ordered[0]])
        loops.append(Loop(tuple(ordered), tuple(steps_between(G, u, v) for u, v in pairs)))
    loops.sort(key=lambda loop: (len(loop.factors), loop.labels(G)))
    search.loops = loops
    return search
