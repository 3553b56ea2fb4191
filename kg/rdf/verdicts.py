"""How the findings of several briefs on one subject relate: the verdict rule.

One rule, used by the build (the cross-brief judgements of the derived
graph, :func:`kg.rdf.build.derived_quads`) and by ``kg compare``
(:func:`kg.linking.compare_briefs`), so that SPARQL and the comparison
always give the same verdict. It judges three kinds of subject alike:

* claims on one cause-effect pair (values ``increases`` / ``decreases``, or
  +1 / -1, and the null finding ``no_effect`` / 0);
* selection findings on one population and trait (``higher`` / ``lower``,
  and the null ``no_difference``);
* observed trends of one factor (``rising`` / ``falling``, and the null
  ``steady``), compared only where their years overlap.

Between two briefs (findings of one brief are never set against each other):

* ``contradict`` when they give opposite values (up against down);
* ``null-finding`` when one finds none (a null value) where the other finds one;
* ``hedge-mismatch`` when the values agree but the briefs commit differently
  (the set of modalities of one brief differs from another's, e.g. asserted
  against hedged);
* ``agree`` otherwise.

The verdict of a group is the strongest between any two of its briefs.

>>> verdict([("a", "increases", "asserted"), ("b", "increases", "hedged")])
'hedge-mismatch'
>>> verdict([("a", "increases", "asserted"), ("b", "decreases", "asserted")])
'contradict'
>>> verdict([("a", "increases", "asserted"), ("b", "no_effect", "asserted")])
'null-finding'
>>> verdict([("a", "rising", "asserted", (2000, 2005)), ("b", "falling", "asserted", (2010, 2015))])
'agree'
>>> combined_sign([("a", "decreases", "asserted"), ("b", "decreases", "hedged")])
'decreases'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

__all__ = ["VERDICTS", "NULL_VALUES", "verdict", "combined_sign", "years_overlap"]

#: The verdicts, from the mildest to the strongest disagreement.
VERDICTS = ("agree", "hedge-mismatch", "null-finding", "contradict")

#: The values that say "none found": a null claim, no difference in selection, a steady trend.
NULL_VALUES = frozenset({"no_effect", "no_difference", "steady", 0})

#: One finding as the rule sees it: (brief, value, modality) or (brief, value, modality,
#: (start year, end year)) where either year may be None (open).
ClaimView = tuple


def years_overlap(a: Sequence | None, b: Sequence | None) -> bool:
    """Whether two periods (start, end) share a year; an unknown bound is open.

    >>> years_overlap((2000, 2005), (2005, 2010)), years_overlap((2000, 2004), (None, 1999))
    (True, False)
    """
    if not a or not b:
        return True
    a_start, a_end = a
    b_start, b_end = b
    low = max(x for x in (a_start, b_start, -(10**9)) if x is not None)
    high = min(x for x in (a_end, b_end, 10**9) if x is not None)
    return low <= high


def _is_null(value: Hashable) -> bool:
    return not isinstance(value, bool) and value in NULL_VALUES


def verdict(claims: Iterable[ClaimView]) -> str:
    """The verdict on the findings of two or more briefs about one subject."""
    items = [(c[0], c[1], c[2], c[3] if len(c) > 3 else None) for c in claims]
    worst = 0
    for i, (brief_a, value_a, _, years_a) in enumerate(items):
        for brief_b, value_b, _, years_b in items[i + 1 :]:
            if brief_a == brief_b or value_a == value_b or not years_overlap(years_a, years_b):
                continue
            if _is_null(value_a) or _is_null(value_b):
                worst = max(worst, 2)
            else:
                return "contradict"
    if worst:
        return VERDICTS[worst]
    modalities: dict[str, set[str]] = defaultdict(set)
    for brief, _, modality, _ in items:
        modalities[brief].add(modality)
    if len({frozenset(m) for m in modalities.values()}) > 1:
        return "hedge-mismatch"
    return "agree"


def combined_sign(claims: Iterable[ClaimView]) -> Hashable | None:
    """The value all the findings share, or None when they differ."""
    signs = {c[1] for c in claims}
    return signs.pop() if len(signs) == 1 else None
