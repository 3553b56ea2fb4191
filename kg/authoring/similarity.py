"""How alike two factors are: the score that ``kg link`` ranks pairs by and ``kg extract`` matches by.

Two pieces of evidence, each turned into a strength from 0 to 1:

* **names** (``name_score``, 0-100): the best rapidfuzz
  ``token_sort_ratio`` between any name of one factor and any name of the
  other (label and alternative labels, compared without case, hyphens or
  word order). Two unrelated short names still share about half their
  letters, so the strength is ``(name_score - 50) / 50``, clipped to 0..1.
* **words** (``text_score``, 0-100): the cosine similarity of the two
  factors' TF-IDF word vectors, built from label, alternative labels and
  definition (common English words left out, plural ``s`` stripped; the
  weights come from the whole scheme, so a word that many factors use
  counts little). A placeholder definition left by ``kg import``
  (:data:`~kg.authoring.rules.PLACEHOLDER`) is not used. The strength is
  ``text_score / 100``.

``score = 100 × (1 − (1 − names) × (1 − words))``: either piece of strong
evidence alone gives a high score (an alternative label equal to the other
factor's label scores 100), and weak evidence on both sides adds up
(:func:`combine_scores`). The score ranks candidates for a person to judge;
it does not decide.

>>> a = Candidate("inland-provinces", "Inland provinces", ("hinterland regions",), "")
>>> b = Candidate("hinterland-regions", "Hinterland regions", (), "")
>>> name_similarity(a, b)
(100.0, 'hinterland regions', 'Hinterland regions')
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from kg.authoring.rules import PLACEHOLDER
from kg.names import normalise_name

__all__ = ["Candidate", "name_similarity", "TextIndex", "combine_scores"]

_STOP = frozenset(
    """a an and any are as at be been by can for from has have in into is it its more means
    most of on or other such than that the their them these they this those to under was
    were which while who with without""".split()
)


@dataclass(frozen=True)
class Candidate:
    """What the score looks at: a factor's id, names and definition."""

    id: str
    label: str
    alt_labels: tuple[str, ...]
    definition: str
    review: bool = False
    briefs: frozenset[str] = frozenset()

    @property
    def names(self) -> tuple[str, ...]:
        """Label, then alternative labels."""
        return (self.label, *self.alt_labels)


def name_similarity(a: Candidate, b: Candidate) -> tuple[float, str, str]:
    """The best rapidfuzz ``token_sort_ratio`` between a name of ``a`` and a name of ``b``.

    Returns the score (0-100) and the two names that gave it.
    """
    best = (-1.0, "", "")
    for x in a.names:
        for y in b.names:
            score = fuzz.token_sort_ratio(normalise_name(x), normalise_name(y))
            if score > best[0]:
                best = (round(score, 1), x, y)
    return best


def _words(text: str) -> list[str]:
    words = []
    for word in re.findall(r"\w+", text.casefold()):
        if word in _STOP or len(word) < 2 or word.isdigit():
            continue
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        words.append(word)
    return words


class TextIndex:
    """TF-IDF vectors of the factors' words (names and definition), for cosine similarity.

    >>> index = TextIndex([Candidate("a", "Coastal wages", (), "Pay of workers on the coast."),
    ...                    Candidate("b", "Seaboard pay", (), "Pay of workers on the seaboard."),
    ...                    Candidate("c", "Grain output", (), "Tonnes of grain harvested.")])
    >>> index.similarity("a", "b") > 30 > index.similarity("a", "c")
    True
    """

    def __init__(self, candidates: Iterable[Candidate]):
        counts: dict[str, Counter] = {}
        for c in candidates:
            definition = "" if c.definition.startswith(PLACEHOLDER) else c.definition
            counts[c.id] = Counter(_words(" ".join((*c.names, definition))))
        n = len(counts)
        document_frequency = Counter(word for words in counts.values() for word in words)
        idf = {w: math.log((1 + n) / (1 + df)) + 1 for w, df in document_frequency.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for ident, words in counts.items():
            vector = {w: k * idf[w] for w, k in words.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors[ident] = {w: v / norm for w, v in vector.items()}
            for word in vector:
                self.postings[word].append(ident)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two factors' vectors, 0-100."""
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        return round(100 * sum(v * vb.get(w, 0.0) for w, v in va.items()), 1)

    def sharing_words(self) -> set[tuple[str, str]]:
        """Every pair of factors that share at least one word (ids in order)."""
        pairs: set[tuple[str, str]] = set()
        for ids in self.postings.values():
            if len(ids) > 200:  # a word this common says little; its pairs come from other words
                continue
            ordered = sorted(ids)
            pairs.update((x, y) for i, x in enumerate(ordered) for y in ordered[i + 1 :])
        return pairs


def combine_scores(name_score: float, text_score: float) -> float:
    """The proposal score from the two pieces of evidence (see the module's notes).

    >>> combine_scores(100, 10), combine_scores(50, 60), combine_scores(80, 40)
    (100.0, 60.0, 76.0)
    """
    names = min(1.0, max(0.0, (name_score - 50) / 50))
    words = min(1.0, max(0.0, text_score / 100))
    return round(100 * (1 - (1 - names) * (1 - words)), 1)
