"""How the claims of several briefs on one cause-effect pair relate: the verdict rule.

One rule, used by the build (the cross-brief links of the derived graph,
:func:`kg.rdf.build.derived_quads`) and by ``kg compare``
(:func:`kg.linking.compare_briefs`), so that SPARQL and the comparison
always give the same verdict:

* ``contradict`` when two briefs give opposite signs;
* ``hedge-mismatch`` when the signs agree but the briefs commit differently
  (the set of modalities of one brief differs from another's, e.g. asserted
  against hedged);
* ``agree`` otherwise.

>>> verdict([("a", "increases", "asserted"), ("b", "increases", "hedged")])
'hedge-mismatch'
>>> verdict([("a", "increases", "asserted"), ("b", "decreases", "asserted")])
'contradict'
>>> combined_sign([("a", "decreases", "asserted"), ("b", "decreases", "hedged")])
'decreases'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

__all__ = ["VERDICTS", "verdict", "combined_sign"]

#: The verdicts, from the mildest to the strongest disagreement.
VERDICTS = ("agree", "hedge-mismatch", "contradict")

#: One claim as the rule sees it: (brief, sign, modality); the sign may be a
#: word or a number, as long as opposite signs differ.
ClaimView = tuple[str, Hashable, str]


def verdict(claims: Iterable[ClaimView]) -> str:
    """The verdict on the claims of two or more briefs about one cause-effect pair."""
    signs: dict[str, set[Hashable]] = defaultdict(set)
    modalities: dict[str, set[str]] = defaultdict(set)
    for brief, sign, modality in claims:
        signs[brief].add(sign)
        modalities[brief].add(modality)
    briefs = sorted(signs)
    for i, a in enumerate(briefs):
        for b in briefs[i + 1 :]:
            if any(x != y for x in signs[a] for y in signs[b]):
                return "contradict"
    if len({frozenset(m) for m in modalities.values()}) > 1:
        return "hedge-mismatch"
    return "agree"


def combined_sign(claims: Iterable[ClaimView]) -> Hashable | None:
    """The sign all the claims share, or None when they disagree."""
    signs = {sign for _, sign, _ in claims}
    return signs.pop() if len(signs) == 1 else None
