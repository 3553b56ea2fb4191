"""Feedback loops: cycles of the causal graph, reinforcing or balancing.

A loop with an even number of decreasing links reinforces a change that
enters it (a virtuous or vicious circle); one with an odd number balances it.
Each link's sign is its net sign by the weighting rule
(:mod:`kg.analysis.weights`), so a disputed link counts with the sign of its
better-backed side; only a link whose claims balance exactly makes the
loop's kind ambiguous. A loop's strength is the product of its links' weights.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("A", "B", "+"), ("B", "A", "+"), ("B", "C", "-"), ("C", "B", "+")])
>>> [(loop.labels(G), loop.kind) for loop in feedback_loops(G).loops]
[(['A', 'B'], 'reinforcing'), (['B', 'C'], 'balancing')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise

import networkx as nx

from kg.analysis.graph import Step, collapse, node_label, resolve_node, steps_between
from kg.errors import InvalidParameter

__all__ = ["DEFAULT_LOOP_BUDGET", "Loop", "LoopSearch", "feedback_loops", "loop_kind"]


def loop_kind(steps: list[Step] | tuple[Step, ...]) -> str:
    """``"reinforcing"``, ``"balancing"`` or ``"ambiguous"`` (a link's claims balance exactly)."""
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
    def strength(self) -> float:
        """Product of the links' weights (:mod:`kg.analysis.weights`)."""
        value = 1.0
        for step in self.steps:
            value *= step.weight
        return value

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
            "strength": round(self.strength, 4),
            "length": len(self.steps),
            "claims": self.claims,
            "steps": [step.as_dict(G) for step in self.steps],
        }


@dataclass
class LoopSearch:
    """The loops found, shortest first, and whether the count limit cut the search short.

    ``through`` holds the factors the loops were asked to pass through (empty
    when every loop was wanted).
    """

    max_length: int
    limit: int
    loops: list[Loop] = field(default_factory=list)
    limit_hit: bool = False
    through: tuple[str, ...] = ()
    #: For a search ``through`` factors: whether it stopped after looking along ``budget`` links.
    budget_hit: bool = False
    budget: int = 0

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data (the ``kg loops --format json`` shape; ``through`` only when given)."""
        data = {
            "max_length": self.max_length,
            "limit": self.limit,
            "limit_hit": self.limit_hit,
            "loops": [loop.as_dict(G) for loop in self.loops],
        }
        if self.through:
            data["through"] = [node_label(G, n) for n in self.through]
            data["budget"] = self.budget
            data["budget_hit"] = self.budget_hit
        return data


def feedback_loops(
    G: nx.MultiDiGraph,
    *,
    max_length: int = 8,
    limit: int = 1000,
    through: Iterable[str] | None = None,
    budget: int | None = None,
) -> LoopSearch:
    """The shortest feedback loops of at most ``max_length`` links, at most ``limit`` of them.

    Loops come in a fixed order: shortest first, then by their factors'
    labels (each loop read from the factor that comes first by label, then
    id, so the same loop always reads the same way). Under the limit the
    loops returned are the first ``limit`` of that order, so no loop left
    out is shorter than a loop returned, and the same graph always gives the
    same loops. The search of every loop lists the loops of each length in
    that order and stops once it has ``limit`` of them
    (:func:`_ordered_cycles`), so a graph with many long loops costs no more
    than its short ones; the search ``through`` factors runs networkx's
    length-bounded :func:`~networkx.simple_cycles` with a growing bound.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph.
    max_length : int
        Longest loop, in links (at least 2).
    limit : int
        Most loops to return (at least 1); ``limit_hit`` says whether more exist.
    through : iterable of str, optional
        Only the loops that pass through at least one of these factors
        (names, ids or IRIs). The search then starts from them and only
        follows factors from which they can be reached again within the
        bound, so it stays fast on large graphs.
    budget : int, optional
        For a search ``through`` factors: the most links it may look along
        (default :data:`DEFAULT_LOOP_BUDGET`; each link from the end of a
        path counts, followed or pruned); ``budget_hit`` says
        whether it stopped there, keeping the loops found. (The search of
        every loop needs none: networkx's length-bounded search does work
        polynomial in the graph between two loops, and ``limit`` bounds
        the loops.)

    Returns
    -------
    LoopSearch

    Examples
    --------
    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("jobs", "return", "+"), ("return", "skills", "+"),
    ...                 ("skills", "jobs", "+"), ("return", "jobs", "-")])
    >>> [(loop.labels(G), loop.kind) for loop in feedback_loops(G).loops]
    [(['jobs', 'return'], 'balancing'), (['jobs', 'return', 'skills'], 'reinforcing')]
    >>> found = feedback_loops(G, limit=1)
    >>> [loop.labels(G) for loop in found.loops], found.limit_hit
    ([['jobs', 'return']], True)
    >>> [loop.labels(G) for loop in feedback_loops(G, through=["skills"]).loops]
    [['jobs', 'return', 'skills']]
    """
    if max_length < 2:
        raise InvalidParameter(f"max_length is {max_length}", "a loop needs at least 2 links")
    if limit < 1:
        raise InvalidParameter(f"limit is {limit}", "give a limit of at least 1")
    allowed = DEFAULT_LOOP_BUDGET if budget is None else budget
    if allowed < 1:
        raise InvalidParameter(f"budget is {allowed}", "give a budget of at least 1")
    spent = _Budget(allowed)
    if through is None:
        starts: tuple[str, ...] = ()
        found, limit_hit = _ordered_cycles(G, max_length, limit)
    else:
        starts = tuple(dict.fromkeys(resolve_node(G, name) for name in through))
        simple = collapse(G)
        simple.remove_edges_from(nx.selfloop_edges(simple))

        def cycles(bound: int) -> Iterator[list[str]]:
            return _cycles_through(simple, starts, bound, spent)

        found, limit_hit = _shortest_first(cycles, max_length, limit, spent)
    loops = []
    for cycle in found:
        start = min(range(len(cycle)), key=lambda i: (node_label(G, cycle[i]), cycle[i]))
        ordered = cycle[start:] + cycle[:start]
        pairs = pairwise([*ordered, ordered[0]])
        loops.append(Loop(tuple(ordered), tuple(steps_between(G, u, v) for u, v in pairs)))
    loops.sort(key=lambda loop: (len(loop.factors), loop.labels(G), loop.factors))
    return LoopSearch(
        max_length, limit, loops, limit_hit, starts,
        budget_hit=spent.hit, budget=allowed if starts else 0,
    )  # fmt: skip


#: Default work budget of a loop search through given factors: links looked along.
DEFAULT_LOOP_BUDGET = 2_000_000


class _Budget:
    """Work left to a search; ``hit`` once it ran out."""

    def __init__(self, allowed: int):
        self.left = allowed
        self.hit = False

    def spend(self) -> bool:
        """Take one unit of work; False (and ``hit``) when none is left."""
        if self.left <= 0:
            self.hit = True
            return False
        self.left -= 1
        return True


def _ordered_cycles(
    G: nx.MultiDiGraph, max_length: int, limit: int
) -> tuple[list[list[str]], bool]:
    """The first ``limit`` simple cycles of ``G`` by length, then labels; whether more exist.

    The factors are ranked by (label, key); a cycle is read from its
    lowest-ranked factor, and cycles of one length compare by their ranks in
    that reading. For each length from 2 up, a depth-first search from each
    factor in rank order, through successors in rank order and only
    higher-ranked factors, meets the cycles of exactly that length in this
    order; it stops at ``limit + 1`` cycles in all. A branch is cut unless
    its last factor can reach the start again, through higher-ranked
    factors, in the links left (a breadth-first search of the reversed
    graph from the start, bounded by the length), so every branch followed
    is a path whose end can still close a loop.

    >>> from kg.analysis.graph import from_edges
    >>> G = from_edges([("b", "a", "+"), ("a", "b", "+"), ("b", "c", "+"), ("c", "a", "+")])
    >>> _ordered_cycles(G, 8, 10)
    ([['a', 'b'], ['a', 'b', 'c']], False)
    >>> _ordered_cycles(G, 8, 1)
    ([['a', 'b']], True)
    """
    nodes = sorted(G, key=lambda n: (node_label(G, n), n))
    rank = {node: i for i, node in enumerate(nodes)}
    successors = _Ranked(G.succ, nodes, rank)  # made for the factors the search meets
    predecessors = _Ranked(G.pred, nodes, rank)
    found: list[list[str]] = []
    for length in range(2, max_length + 1):
        for start in range(len(nodes)):
            for cycle in _cycles_from(start, length, successors, predecessors):
                if len(found) == limit:
                    return found, True
                found.append([nodes[i] for i in cycle])
    return found, False


class _Ranked(dict):
    """A factor's neighbours (successors or predecessors) as sorted ranks, made when first
    asked for: a search that stops at its limit meets few of the factors."""

    def __init__(self, adjacency, nodes: list[str], rank: dict[str, int]):
        super().__init__()
        self.adjacency, self.nodes, self.rank = adjacency, nodes, rank

    def __missing__(self, at: int) -> list[int]:
        node = self.nodes[at]
        self[at] = found = sorted(self.rank[v] for v in self.adjacency[node] if v != node)
        return found


def _cycles_from(
    start: int, length: int, successors: _Ranked, predecessors: _Ranked
) -> Iterator[list[int]]:
    """The simple cycles of exactly ``length`` links through ``start`` and higher ranks only,
    in the order of their ranks (see :func:`_ordered_cycles`)."""
    back = {start: 0}  # links from a factor back to the start, through higher ranks
    frontier = [start]
    for distance in range(1, length):
        reached = []
        for node in frontier:
            for previous in predecessors[node][bisect_right(predecessors[node], start) :]:
                if previous not in back:
                    back[previous] = distance
                    reached.append(previous)
        frontier = reached
    if len(back) < length:
        return
    path, on_path = [start], {start}
    stack = [iter(successors[start][bisect_right(successors[start], start) :])]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        left = length - len(path)  # links from ``step`` back to the start, the closing one too
        if step in on_path or back.get(step, length) > left:
            continue
        if left == 1:  # ``step`` links to the start (its distance back is 1): a loop
            yield [*path, step]
            continue
        path.append(step)
        on_path.add(step)
        stack.append(iter(successors[step][bisect_right(successors[step], start) :]))


def _shortest_first(
    cycles: Callable[[int], Iterator[list[str]]], max_length: int, limit: int, budget: _Budget
) -> tuple[list[list[str]], bool]:
    """The ``limit`` shortest cycles that ``cycles(bound)`` yields, and whether more exist.

    One bounded run when everything fits under the limit; otherwise runs with
    bounds 2, 3, ... keep the cycles of exactly the bound (the shorter ones
    were kept by earlier runs), so each run yields fewer than ``limit``
    cycles that it skips.
    """
    first = list(islice(cycles(max_length), limit + 1))
    if len(first) <= limit:
        return first, False
    found: list[list[str]] = []
    for bound in range(2, max_length + 1):
        for cycle in cycles(bound):
            if len(cycle) == bound:
                found.append(cycle)
                if len(found) == limit:
                    return found, True
    if budget.hit:  # the runs by length ran out of work before reaching the limit
        return found, True
    raise AssertionError("a bounded run found more cycles than the runs by length")


def _cycles_through(
    simple: nx.DiGraph, starts: tuple[str, ...], bound: int, budget: _Budget
) -> Iterator[list]:
    """Every simple cycle of at most ``bound`` links through one of ``starts``, once each.

    The cycles through ``starts[i]`` avoid ``starts[:i]``, whose cycles came
    before. A branch is cut as soon as its factor cannot lead back to the
    start within the bound (distances from a breadth-first search of the
    reversed graph). Each link looked along from the end of the path spends
    one unit of ``budget``, whether it is followed or pruned, so that a
    dense graph cannot make one unit cost many; the search stops when it
    runs out.
    """
    reverse = simple.reverse(copy=False)
    for i, start in enumerate(starts):
        earlier = set(starts[:i])
        back = nx.single_source_shortest_path_length(reverse, start, cutoff=bound - 1)
        path, on_path = [start], {start}
        stack = [iter(simple.successors(start))]
        while stack:
            node = next(stack[-1], None)
            if node is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if not budget.spend():  # every link looked along counts, followed or pruned
                return
            if node == start:
                yield list(path)
                continue
            if node in on_path or node in earlier:
                continue
            distance = back.get(node)
            if distance is None or len(path) + distance > bound:
                continue
            path.append(node)
            on_path.add(node)
            stack.append(iter(simple.successors(node)))
