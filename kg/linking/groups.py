"""Groups of factors that exact matches make one: the connected parts of the match graph.

``exact_match`` links two factors either way, and chains of them join
whole groups, as :mod:`kg.rdf.merges` merges them in the dataset; both
proposals (a pair already in one group is settled) and the edits of
``factors.yaml`` (which groups a new link merges) ask for these groups.

>>> groups = exact_groups(["a", "b", "c", "d"], [("a", "b"), ("c", "b")])
>>> sorted(groups["a"]), sorted(groups["d"])
(['a', 'b', 'c'], ['d'])
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

__all__ = ["exact_groups"]


def exact_groups(
    factors: Iterable[str], links: Iterable[tuple[str, str]]
) -> dict[str, frozenset[str]]:
    """Each factor's group: the factors that ``links`` (exact matches) join to it, itself included.

    A link to something that is not one of ``factors`` (an outside IRI) joins nothing.
    """
    graph = nx.Graph()
    graph.add_nodes_from(factors)
    graph.add_edges_from((a, b) for a, b in links if a in graph and b in graph)
    groups: dict[str, frozenset[str]] = {}
    for members in nx.connected_components(graph):
        group = frozenset(members)
        groups.update(dict.fromkeys(group, group))
    return groups
