"""The rows of the causal graph made from a corpus's records, without a query.

A build has every record in memory when it fills the store; the rows that
:func:`kg.store.causal.read_causal_rows` would read back from the loaded
store by SPARQL are made here from the same records, term for term as
:mod:`kg.rdf.build` writes them into the dataset, then sorted as the
queries' rows are. The two must agree (``tests/test_build_rows.py`` holds
them together on the shipped data and a synthetic corpus).

>>> from kg.authoring import read_corpus
>>> from kg.resources import shipped_data_dir
>>> corpus, problems = read_corpus(shipped_data_dir())
>>> rows = causal_rows_of(corpus)
>>> len(rows.claims) == len(corpus.claims), len(rows.briefs) == len(corpus.briefs)
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from kg.authoring.model import BriefFile, Corpus, Factor
from kg.rdf.build import ontology_quads
from kg.store.rows import CausalRows, ClaimRow, FactorRow, SelectionRow, TrendRow
from kg.vocab import (
    PREFIXES,
    brief_iri,
    claim_iri,
    factor_iri,
    local_id,
    observation_iri,
    selection_iri,
)

__all__ = ["causal_rows_of", "RowsMaker"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@lru_cache(maxsize=1)
def _group_labels() -> dict[str, str]:
    """Each factor group's ``rdfs:label`` in the ontology, by the group's IRI."""
    import pyoxigraph as ox

    triples = [
        (q.subject.value, q.predicate.value, q.object.value)
        for q in ontology_quads().quads
        if isinstance(q.subject, ox.NamedNode) and not isinstance(q.object, ox.Triple)
    ]
    groups = {s for s, p, o in triples if p == _RDF_TYPE and o == PREFIXES["ck"] + "FactorGroup"}
    label = PREFIXES["rdfs"] + "label"
    return {s: o for s, p, o in triples if s in groups and p == label}


def _words() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The word each term of the vocabulary stands for, and each record word's term."""
    from kg.vocab import (
        DIRECTION_TERMS,
        GROUP_TERMS,
        MODALITY_TERMS,
        READING_TERMS,
        SIGN_TERMS,
        TERM_WORDS,
        TREND_TERMS,
    )

    terms = {
        "sign": SIGN_TERMS,
        "modality": MODALITY_TERMS,
        "group": GROUP_TERMS,
        "reading": READING_TERMS,
        "direction": DIRECTION_TERMS,
        "trend": TREND_TERMS,
    }
    words = {str(term): word for term, word in TERM_WORDS.items()}
    return words, {kind: {w: str(t) for w, t in by.items()} for kind, by in terms.items()}


def _number(confidence: float) -> float:
    # the value the dataset holds: the xsd:decimal kg.rdf.build writes, read back as a float
    return float(str(Decimal(str(confidence))))


def causal_rows_of(corpus: Corpus) -> CausalRows:
    """The rows of the causal graph of ``corpus``'s dataset, made from its records.

    The same rows as :func:`kg.store.causal.read_causal_rows` on a store
    holding the corpus's dataset (the graphs of :func:`kg.pipeline.corpus_contents`).
    """
    rows = RowsMaker(corpus.factors.values())
    for brief_id in sorted(corpus.briefs):
        rows.add(corpus.briefs[brief_id])
    return rows.rows()


class RowsMaker:
    """The rows of :func:`causal_rows_of`, gathered brief by brief.

    For a build that reads the corpus one brief at a time
    (:class:`kg.authoring.reader.CorpusReader`): :meth:`add` keeps each
    brief's rows, :meth:`rows` sorts them all once every brief is in. A
    factor's IRI is made once and shared by every row that names it.
    """

    def __init__(self, factors: Iterable[Factor]):
        self._words, self._term = _words()
        group_labels = _group_labels()
        self._signs = {PREFIXES["ck"] + "Increase": 1, PREFIXES["ck"] + "Decrease": -1}
        factors = list(factors)
        self._iri = {f.id: str(factor_iri(f.id)) for f in factors}
        self.factors: list[FactorRow] = []
        known = set(self._iri.values())
        matches = set()
        for factor in factors:
            iri = self._iri[factor.id]
            group = self._term["group"][factor.group]
            group_word = group_labels.get(group) or self._words.get(group, local_id(group))
            self.factors.append(
                FactorRow(iri, factor.label, group_word, tuple(sorted(set(factor.alt_labels))))
            )
            for match in factor.exact_match:
                other = match if ":" in match else str(factor_iri(match))
                if other in known:
                    matches.add((iri, other))
        self.factors.sort(key=lambda f: (f.iri, f.label))
        self.matches = sorted(matches)
        self.claims: list[ClaimRow] = []
        self.selections: list[SelectionRow] = []
        self.trends: list[TrendRow] = []
        self.briefs: list[str] = []

    def _word(self, kind: str, value: str) -> str:
        iri = self._term[kind][value]
        return self._words.get(iri, iri)

    def _factor(self, factor_id: str) -> str:
        iri = self._iri.get(factor_id)
        return iri if iri is not None else str(factor_iri(factor_id))

    def add(self, brief_file: BriefFile) -> None:
        """Keep the rows of one brief's records."""
        words, term = self._words, self._term
        self.briefs.append(local_id(str(brief_iri(brief_file.brief.id))))
        for claim in brief_file.claims:
            self.claims.append(
                ClaimRow(
                    claim=str(claim_iri(claim.brief_id, claim.id)),
                    cause=self._factor(claim.cause),
                    effect=self._factor(claim.effect),
                    sign=self._signs.get(term["sign"][claim.sign], 0),
                    modality=self._word("modality", claim.modality),
                    confidence=_number(claim.confidence),
                    brief=claim.brief_id,
                    locator=claim.locator,
                    paraphrase=claim.paraphrase,
                    time_scope=claim.time_scope or None,
                    reading=words.get(term["reading"][claim.reading], "stated"),
                    condition=claim.condition or None,
                )
            )
        for selection in brief_file.selections:
            self.selections.append(
                SelectionRow(
                    finding=str(selection_iri(selection.brief_id, selection.id)),
                    brief=selection.brief_id,
                    population=self._factor(selection.population),
                    trait=self._factor(selection.trait),
                    compared_with=selection.compared_with,
                    direction=self._word("direction", selection.direction),
                    modality=self._word("modality", selection.modality),
                    confidence=_number(selection.confidence),
                    reading=words.get(term["reading"][selection.reading], "stated"),
                    locator=selection.locator,
                    paraphrase=selection.paraphrase,
                )
            )
        for observation in brief_file.observations:
            if not (observation.trend and observation.trend_of):
                continue
            self.trends.append(
                TrendRow(
                    observation=str(observation_iri(observation.brief_id, observation.id)),
                    brief=observation.brief_id,
                    factor=self._factor(observation.trend_of),
                    trend=self._word("trend", observation.trend),
                    locator=observation.locator,
                    paraphrase=observation.paraphrase,
                    time_scope=observation.time_scope or None,
                    start_year=observation.start_year,
                    end_year=observation.end_year,
                )
            )

    def rows(self) -> CausalRows:
        """Every row kept, sorted as the queries' rows are (the lists are sorted in place)."""
        self.claims.sort(key=lambda c: (c.claim, c.cause, c.effect, c.brief))
        self.selections.sort(key=lambda s: s.finding)
        self.trends.sort(key=lambda t: t.observation)
        return CausalRows(
            tuple(self.factors),
            tuple(self.claims),
            tuple(self.matches),
            tuple(sorted(self.briefs)),
            tuple(self.selections),
            tuple(self.trends),
        )
