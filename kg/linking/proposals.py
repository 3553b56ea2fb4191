"""Proposing links: pairs of factors that probably mean the same thing, best first.

Which pairs are compared
------------------------
A factor awaiting review (``review: true``, as ``kg import`` makes them) is
compared with every other factor; two reviewed factors are compared when
the briefs that use them (in claims or observations) do not overlap, since
one brief rarely names one idea twice. Pairs already linked
(``exact_match``, ``close_match``, in either direction, or through a chain
of exact matches) or judged different (``distinct_from``) are not proposed
again. ``every_pair=True`` compares all pairs. Each pair is scored by
:mod:`kg.authoring.similarity`; pairs at or above ``min_score`` (default
:data:`MIN_SCORE`) are proposed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from kg.authoring.model import Corpus
from kg.authoring.reader import read_corpus
from kg.authoring.similarity import Candidate, TextIndex, combine_scores, name_similarity
from kg.datafolder import is_factors_path
from kg.errors import InvalidData
from kg.linking.groups import exact_groups
from kg.names import normalise_name
from kg.problems import ValidationReport

__all__ = ["MIN_SCORE", "Proposal", "propose_links", "read_checked"]

#: Default lowest score proposed.
MIN_SCORE = 70.0


@dataclass(frozen=True)
class Proposal:
    """Two factors that probably mean the same thing, with the evidence."""

    factor: Candidate
    candidate: Candidate
    score: float
    name_score: float
    text_score: float
    matched_names: tuple[str, str]
    why: str  # "review": a factor awaiting review; "briefs": used by different briefs; "all"

    def as_dict(self) -> dict:
        """The proposal as one row of the proposals file (strings and numbers)."""
        return {
            "decision": "",
            "score": self.score,
            "name_score": self.name_score,
            "text_score": self.text_score,
            "factor": self.factor.id,
            "factor_label": self.factor.label,
            "candidate": self.candidate.id,
            "candidate_label": self.candidate.label,
            "matched_names": f"{self.matched_names[0]} ~ {self.matched_names[1]}",
            "why": self.why,
            "factor_briefs": "; ".join(sorted(self.factor.briefs)),
            "candidate_briefs": "; ".join(sorted(self.candidate.briefs)),
            "factor_definition": self.factor.definition,
            "candidate_definition": self.candidate.definition,
        }


def _candidates(corpus: Corpus) -> dict[str, Candidate]:
    usage: dict[str, set[str]] = defaultdict(set)
    for claim in corpus.claims:
        usage[claim.cause].add(claim.brief_id)
        usage[claim.effect].add(claim.brief_id)
    for observation in corpus.observations:
        for factor in observation.concerns:
            usage[factor].add(observation.brief_id)
    return {
        f.id: Candidate(
            f.id,
            f.label,
            tuple(f.alt_labels),
            f.definition,
            f.review,
            frozenset(usage.get(f.id, ())),
        )
        for f in corpus.factors.values()
    }


def _settled_pairs(corpus: Corpus) -> set[frozenset[str]]:
    """Pairs already linked or judged different, including through chains of exact matches."""
    settled: set[frozenset[str]] = set()
    for factor in corpus.factors.values():
        for field_name in ("exact_match", "close_match", "distinct_from"):
            settled.update(
                frozenset((factor.id, target))
                for target in getattr(factor, field_name)
                if target in corpus.factors and target != factor.id
            )
    links = [(f.id, target) for f in corpus.factors.values() for target in f.exact_match]
    for group in set(exact_groups(corpus.factors, links).values()):
        ordered = sorted(group)
        settled.update(frozenset((a, b)) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    return settled


def _compared_pairs(
    candidates: dict[str, Candidate],
    index: TextIndex,
    progress: Callable[[str, int, int], None] | None,
) -> set[tuple[str, str]]:
    """The pairs worth scoring: those sharing a word, or with names alike (ids in order)."""
    names: list[tuple[str, str]] = [
        (normalise_name(n), c.id) for c in candidates.values() for n in c.names
    ]
    pairs: set[tuple[str, str]] = set(index.sharing_words())
    choices = [n for n, _ in names]
    for done, (text, owner) in enumerate(names, start=1):
        if progress is not None and (done % 50 == 0 or done == len(names)):
            progress("names", done, len(names))
        for _choice, _score, i in process.extract(
            text, choices, scorer=fuzz.token_sort_ratio, score_cutoff=55, limit=None
        ):
            other = names[i][1]
            if other != owner:
                pairs.add((min(owner, other), max(owner, other)))
    return pairs


def _why(a: Candidate, b: Candidate, every_pair: bool) -> str:
    """Why the pair is compared (``""``: it is not)."""
    if a.review or b.review:
        return "review"
    if a.briefs and b.briefs and not (a.briefs & b.briefs):
        return "briefs"
    return "all" if every_pair else ""


def propose_links(
    corpus: Corpus,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Proposal]:
    """Pairs of factors that probably mean the same thing, best first.

    Parameters
    ----------
    corpus : Corpus
        The data folder as read by :func:`kg.read_corpus`.
    min_score : float
        Lowest score proposed (0-100).
    limit : int, optional
        Most proposals returned.
    every_pair : bool
        Compare every pair of factors, not only review factors and factors
        of different briefs.
    progress : callable, optional
        Called as ``progress("names", done, total)`` as the names are compared.

    Returns
    -------
    list of Proposal
        In each, ``factor`` is the factor awaiting review when there is one,
        else the one with the smaller id.
    """
    candidates = _candidates(corpus)
    index = TextIndex(candidates.values())
    settled = _settled_pairs(corpus)
    proposals = []
    for a_id, b_id in _compared_pairs(candidates, index, progress):
        a, b = candidates[a_id], candidates[b_id]
        why = _why(a, b, every_pair)
        if not why or frozenset((a_id, b_id)) in settled:
            continue
        name_score, name_a, name_b = name_similarity(a, b)
        text_score = index.similarity(a_id, b_id)
        score = combine_scores(name_score, text_score)
        if score < min_score:
            continue
        if b.review and not a.review:
            a, b, name_a, name_b = b, a, name_b, name_a
        proposals.append(Proposal(a, b, score, name_score, text_score, (name_a, name_b), why))
    proposals.sort(key=lambda p: (-p.score, p.factor.id, p.candidate.id))
    return proposals[:limit] if limit else proposals


def read_checked(data_dir: Path) -> Corpus:
    """The data folder read, refused when its factor scheme has problems."""
    corpus, problems = read_corpus(data_dir)
    factor_problems = [p for p in problems if is_factors_path(p.path)]
    if factor_problems:
        raise InvalidData(
            ValidationReport(sorted(factor_problems), [p.path for p in factor_problems])
        )
    return corpus
