"""Factors merged by exact matches: the groups, and the factor that stands for each.

Factors of the scheme linked by ``skos:exactMatch`` (in either direction,
through chains of such links) are one factor for the analysis. The one with
the most claims in the dataset, then the smallest id, stands for the group.
The build writes this merge into the dataset (``ck:mergedInto`` and derived
``ck:causes`` edges, see :func:`kg.rdf.build.derived_quads`) and the
projection (:func:`kg.analysis.causal_graph`) applies it, both through
:func:`merge_heads`, so SPARQL and the analysis agree.

>>> merge_heads([("f/a", "f/b")], [("f/b", "f/c")], {"f/a", "f/b", "f/c"})
{'f/a': 'f/b'}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from kg.vocab import local_id

__all__ = ["merge_heads"]


def merge_heads(
    exact_matches: Iterable[tuple[str, str]],
    claim_ends: Iterable[tuple[str, str]],
    factors: set[str] | frozenset[str],
) -> dict[str, str]:
    """Map each merged factor (IRI) to the factor that stands for its group.

    Parameters
    ----------
    exact_matches : iterable of (IRI, IRI)
        ``skos:exactMatch`` links; those with an end outside ``factors`` are ignored.
    claim_ends : iterable of (IRI, IRI)
        The cause and effect of every claim of the dataset (not only those an
        analysis keeps, so that filters never change who stands for a group).
    factors : set of IRI
        The factors of the scheme.

    Returns
    -------
    dict
        Only the members that do not stand for their group, each to its head.
    """
    links = nx.Graph()
    links.add_edges_from(
        (a, b) for a, b in exact_matches if a != b and a in factors and b in factors
    )
    if not links:
        return {}
    counts: Counter[str] = Counter()
    for cause, effect in claim_ends:
        counts.update({cause, effect})
    heads: dict[str, str] = {}
    for group in nx.connected_components(links):
        members = sorted(group, key=lambda f: (-counts[f], local_id(f)))
        heads.update((member, members[0]) for member in members[1:])
    return heads
