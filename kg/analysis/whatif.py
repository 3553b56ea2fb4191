"""What-if: weighted signed propagation of one or more shocks.

Push some factors up or down, optionally remove factors or claims, and see
which way every reachable factor moves, with a strength, the strongest
chain that supports that direction and the strongest that opposes it, by
the weighting rule (:mod:`kg.analysis.weights`): a factor is "ambiguous"
only when its strongest rising and falling chains are within
:data:`~kg.analysis.weights.AMBIGUITY_MARGIN` of each other. The result
also tells which feedback loops the shock strengthens or weakens, and, with
removals, which loops and effects are broken.

>>> from kg.analysis.graph import from_edges
>>> G = from_edges([("growth", "return", "+"), ("return", "growth", "+"),
...                 ("return", "slums", "-")])
>>> result = what_if(G, {"growth": "-"})
>>> [(e["factor"], e["direction"], e["strength"]) for e in result.as_dict(G)["effects"]]
[('return', 'down', 0.8), ('slums', 'up', 0.64)]
>>> [loop["effect"] for loop in result.as_dict(G)["loops"]]
['weakened']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

import networkx as nx

from kg.analysis.graph import node_label, resolve_node, steps_between
from kg.analysis.loops import Loop, feedback_loops
from kg.analysis.propagation import DIRECTIONS
from kg.analysis.weights import AMBIGUITY_MARGIN, Effect, propagate
from kg.errors import InvalidParameter, UnknownFactor
from kg.vocab import local_id, parse_sign, sign_number

__all__ = ["WhatIf", "what_if", "parse_shock", "remove_items"]


def parse_shock(text: str) -> tuple[str, int]:
    """Split ``"FACTOR=+"`` (or ``=-``, ``=up``, ``=down``) into name and sign.

    >>> parse_shock("hinterland takeoff=-")
    ('hinterland takeoff', -1)
    """
    name, sep, sign = text.rpartition("=")
    if not sep or not name.strip():
        raise InvalidParameter(
            f"{text!r} is not a shock", "write FACTOR=+ or FACTOR=-, e.g. 'coastal costs=+'"
        )
    word = parse_sign(sign)
    if word is None or word == "no_effect":
        raise InvalidParameter(
            f"{text!r}: the direction must be + or -", "write + or - (or up, down)"
        )
    return name.strip(), sign_number(word)


#: Most loops each what-if search lists (before and after removals).
LOOP_LIMIT = 1000


@dataclass
class WhatIf:
    """The outcome of :func:`what_if`; :meth:`as_dict` gives the documented JSON."""

    shocks: dict[str, int]
    reached: dict[str, Effect]
    loops: list[Loop]
    removed_factors: list[str] = field(default_factory=list)
    removed_claims: list[str] = field(default_factory=list)
    broken_loops: list[Loop] = field(default_factory=list)
    lost_effects: list[tuple[str, Effect]] = field(default_factory=list)
    changed_effects: list[tuple[str, Effect, Effect]] = field(default_factory=list)
    graph: nx.MultiDiGraph | None = None  # the graph after removals
    #: Whether a loop search stopped at its count limit, so that ``loops`` and
    #: ``broken_loops`` may miss some (the limit is :data:`LOOP_LIMIT`).
    loop_limit_hit: bool = False

    def direction_of(self, node: str) -> str | None:
        """Direction of a factor: its shock, else where propagation took it."""
        if node in self.shocks:
            return DIRECTIONS[self.shocks[node]]
        reach = self.reached.get(node)
        return reach.direction if reach else None

    def reached_strength(self, chain: list[str], sign: int) -> float:
        """The strength of one of the result's chains (its end's strength for that sign)."""
        effect = self.reached.get(chain[-1])
        return effect.strengths.get(sign, 0.0) if effect else 0.0

    def loop_effect(self, loop: Loop) -> str:
        """``weakened`` (all its factors go down), ``strengthened`` (all up),
        ``ambiguous`` (one of them is ambiguous) or ``disturbed`` (mixed)."""
        directions = {self.direction_of(n) for n in loop.factors}
        if "ambiguous" in directions:
            return "ambiguous"
        if directions == {"down"}:
            return "weakened"
        if directions == {"up"}:
            return "strengthened"
        return "disturbed"

    def as_dict(self, G: nx.MultiDiGraph) -> dict:
        """JSON-ready data: shocks, effects, touched loops and what removals broke."""

        def labels(nodes):
            return [node_label(G, n) for n in nodes]

        H = self.graph if self.graph is not None else G

        def chain_data(chain, sign):
            if chain is None:
                return None
            return {
                "direction": DIRECTIONS[sign],
                "factors": labels(chain),
                "strength": round(self.reached_strength(chain, sign), 4),
                "steps": [steps_between(H, u, v).as_dict(G) for u, v in pairwise(chain)],
            }

        effects = []
        for node, reach in sorted(
            self.reached.items(), key=lambda kv: (kv[1].distance, node_label(G, kv[0]))
        ):
            if node in self.shocks:
                continue
            decided = reach.sign or (1 if reach.support >= reach.opposition else -1)
            entry = {
                "factor": node_label(G, node),
                "direction": reach.direction,
                "strength": round(reach.strength, 4),
                "support": round(reach.support, 4),
                "opposition": round(reach.opposition, 4),
                "distance": reach.distance,
                "chain": labels(reach.chain),
                "supporting": chain_data(reach.chains[decided], decided),
                "opposing": chain_data(reach.chains.get(-decided), -decided),
            }
            if reach.sign == 0:
                entry["chains"] = {
                    DIRECTIONS[s]: labels(chain) for s, chain in sorted(reach.chains.items())
                }
            effects.append(entry)
        return {
            "rule": {"ambiguity_margin": AMBIGUITY_MARGIN},
            "shocks": [
                {"factor": node_label(G, n), "direction": DIRECTIONS[s]}
                for n, s in self.shocks.items()
            ],
            "removed": {
                "factors": [node_label(G, n) for n in self.removed_factors],
                "claims": list(self.removed_claims),
            },
            "effects": effects,
            "loops": [
                {**loop.as_dict(G), "effect": self.loop_effect(loop)} for loop in self.loops
            ],
            "broken_loops": [loop.as_dict(G) for loop in self.broken_loops],
            "loop_limit": LOOP_LIMIT,
            "loop_limit_hit": self.loop_limit_hit,
            "lost_effects": [
                {"factor": node_label(G, n), "was": r.direction, "chain": labels(r.chain)}
                for n, r in sorted(
                    self.lost_effects, key=lambda e: (e[1].distance, node_label(G, e[0]))
                )
            ],
            "changed_effects": [
                {"factor": node_label(G, n), "was": before.direction, "now": after.direction,
                 "chain": labels(after.chain)}
                for n, before, after in self.changed_effects
            ],
        }  # fmt: skip


def remove_items(G: nx.MultiDiGraph, items: Iterable[str]) -> tuple[nx.MultiDiGraph, list, list]:
    """A copy of ``G`` without the named factors or claims.

    Each item is a factor name (label, alternative label, id, IRI) or a claim
    (its IRI or its id). Returns the new graph, removed factors, removed claims.
    """
    H = G.copy()
    factors, claims = [], []
    claim_edges: dict[str, list[tuple[str, str, str]]] = {}
    for u, v, key in G.edges(keys=True):
        claim_edges.setdefault(key, []).append((u, v, key))
        claim_edges.setdefault(local_id(key), []).append((u, v, key))
    for item in items:
        try:
            node = resolve_node(G, item)
        except UnknownFactor as unknown:
            edges = claim_edges.get(item.strip())
            if not edges:
                raise InvalidParameter(
                    f"{item!r} is neither a factor nor a claim id"
                    + (
                        f"; factors like it: {', '.join(unknown.suggestions)}"
                        if unknown.suggestions
                        else ""
                    )
                ) from None
            for u, v, key in edges:
                if H.has_edge(u, v, key):
                    H.remove_edge(u, v, key)
                    claims.append(str(key))
            continue
        if node in H:
            H.remove_node(node)
            factors.append(node)
    return H, factors, claims


def what_if(
    G: nx.MultiDiGraph,
    shocks: Mapping[str, str | int],
    *,
    remove: Iterable[str] = (),
    max_depth: int | None = None,
    max_loop_length: int = 8,
) -> WhatIf:
    """Propagate shocks through the causal graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A causal graph.
    shocks : mapping
        Factor name -> ``"+"`` / ``"-"`` (or +1 / -1, ``"up"`` / ``"down"``).
    remove : iterable of str
        Factors or claims to take out before propagating; the result then
        lists the loops this breaks and the effects it loses or changes.
    max_depth : int, optional
        Longest chain followed; unbounded by default.
    max_loop_length : int
        Longest feedback loop considered.

    Returns
    -------
    WhatIf
    """
    if not shocks:
        raise InvalidParameter("no shock given", "give at least one, e.g. 'hinterland takeoff=-'")
    resolved: dict[str, int] = {}
    for name, sign in shocks.items():
        word = None if isinstance(sign, int) else parse_sign(sign)
        value = sign if isinstance(sign, int) else (sign_number(word) if word else None)
        if value not in (1, -1):
            raise InvalidParameter(f"{name}={sign!r}: the direction must be + or -", "write + or -")
        node = resolve_node(G, name)
        if node in resolved and resolved[node] != value:
            raise InvalidParameter(
                f"{node_label(G, node)!r} is shocked both up and down", "shock it one way"
            )
        resolved[node] = value
    remove = list(remove)
    H, removed_factors, removed_claims = remove_items(G, remove) if remove else (G, [], [])
    for node in removed_factors:
        if node in resolved:
            raise InvalidParameter(
                f"{node_label(G, node)!r} is both shocked and removed", "shock it or remove it"
            )
    reached = propagate(H, resolved, max_depth=max_depth)
    touched = set(reached) | set(resolved)
    after_search = feedback_loops(H, max_length=max_loop_length, limit=LOOP_LIMIT)
    loops_after = after_search.loops
    result = WhatIf(
        shocks=resolved,
        reached=reached,
        loops=[loop for loop in loops_after if touched & set(loop.factors)],
        removed_factors=removed_factors,
        removed_claims=removed_claims,
        graph=H,
        loop_limit_hit=after_search.limit_hit,
    )
    if remove:
        before = propagate(G, resolved, max_depth=max_depth)
        before_search = feedback_loops(G, max_length=max_loop_length, limit=LOOP_LIMIT)
        result.loop_limit_hit |= before_search.limit_hit
        # A loop is broken when a factor or every claim of one of its links is gone;
        # told from the loop itself, not from its absence in a search that a limit may cut.
        result.broken_loops = [
            loop
            for loop in before_search.loops
            if not all(H.has_edge(u, v) for u, v in pairwise([*loop.factors, loop.factors[0]]))
        ]
        for node, reach in sorted(before.items()):
            if node in resolved:
                continue
            after = reached.get(node)
            if after is None:
                result.lost_effects.append((node, reach))
            elif after.direction != reach.direction:
                result.changed_effects.append((node, reach, after))
    return result
