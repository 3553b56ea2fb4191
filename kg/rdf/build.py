"""Turn a :class:`~kg.authoring.model.Corpus` into the quads of the dataset.

The dataset holds one named graph for the ontology, one for the shared
concept scheme of factors, and one per brief whose IRI is the brief's IRI.
Besides each claim node (the n-ary pattern), the build adds a direct
factor-to-factor edge per claim, ``ck:increases`` or ``ck:decreases`` together
with their super-property ``ck:causes``, so SPARQL property paths such as
``ck:causes+`` walk the causal graph without inference. A null finding
(``sign: no_effect``) gets no such edge, and a selection finding
(``ck:SelectionFinding``) is never an edge: neither is a path of cause.

Quads are made directly as :mod:`pyoxigraph` terms, one graph at a time
(:func:`corpus_graphs`), so that a store can take them in bulk and a build
only makes the graphs that changed. The briefs' and the factor scheme's
graphs hold only IRIs and literals, never blank nodes (the ontology's OWL
class expressions are the only ones, and they get RDFC-1.0 canonical
labels), so the same input always gives the same quads.

>>> from kg.authoring import read_corpus
>>> from kg.resources import shipped_data_dir
>>> corpus, problems = read_corpus(shipped_data_dir())
>>> graphs = corpus_graphs(corpus)
>>> [g for g in sorted(graphs) if "eai" in g or g.endswith("/factors")]
['https://w3id.org/briefkg/brief/eai-bb-1360', 'https://w3id.org/briefkg/factors']
>>> len([g for g in graphs if "/brief/" in g]) == len(corpus.briefs)
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import pyoxigraph as ox

from kg.authoring.model import BriefFile, Claim, Corpus, Factor, Observation, Selection, Source
from kg.io.terms import rdflib_dataset
from kg.rdf.merges import merge_heads
from kg.rdf.verdicts import combined_sign, verdict
from kg.resources import ontology_dir
from kg.vocab import (
    BASE,
    PREFIXES,
    agent_iri,
    brief_iri,
    claim_iri,
    factor_iri,
    language_iri,
    local_id,
    observation_iri,
    selection_iri,
    series_iri,
)

__all__ = [
    "ONTOLOGY_GRAPH",
    "SCHEME_GRAPH",
    "DERIVED_GRAPH",
    "GraphQuads",
    "SourceRecord",
    "ontology_quads",
    "load_ontology",
    "scheme_quads",
    "brief_quads",
    "derived_quads",
    "CrossBriefRecords",
    "cross_brief_link_iri",
    "selection_comparison_iri",
    "trend_comparison_iri",
    "corpus_graphs",
    "corpus_quads",
    "corpus_to_dataset",
    "to_rdflib",
    "source_records",
    "add_source_records",
]

ONTOLOGY_GRAPH = BASE + "ontology"
SCHEME_GRAPH = BASE + "factors"
#: The graph of what the build derives across briefs (merged factors and their edges).
DERIVED_GRAPH = BASE + "derived"


def _ns(prefix: str) -> Callable[[str], ox.NamedNode]:
    """A maker of the terms of a namespace, each term made once (builds ask for them per quad)."""
    base = PREFIXES[prefix]
    return lru_cache(maxsize=None)(lambda local: ox.NamedNode(base + local))


_ck, _skos, _dcterms, _dc, _prov, _xsd, _bibo, _rdfs = (
    _ns(p) for p in ("ck", "skos", "dcterms", "dc", "prov", "xsd", "bibo", "rdfs")
)
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@lru_cache(maxsize=1 << 17)
def _factor_node(factor_id: str) -> ox.NamedNode:
    """A factor's IRI as a term, made once for the many claims that name the factor."""
    return ox.NamedNode(str(factor_iri(factor_id)))


@lru_cache(maxsize=256)
def _brief_node(brief_id: str) -> ox.NamedNode:
    """A brief's IRI as a term, made once for the records of the brief being made."""
    return ox.NamedNode(str(brief_iri(brief_id)))


_XSD_STRING, _XSD_BOOLEAN, _XSD_DATE = _xsd("string"), _xsd("boolean"), _xsd("date")
_XSD_INTEGER, _XSD_DECIMAL, _XSD_GYEAR, _XSD_ANYURI = (
    _xsd("integer"),
    _xsd("decimal"),
    _xsd("gYear"),
    _xsd("anyURI"),
)
_SIGN = {"increases": _ck("Increase"), "decreases": _ck("Decrease"), "no_effect": _ck("NoEffect")}
_READING = {"stated": _ck("Stated"), "inferred": _ck("Inferred")}
_DIRECTION = {"higher": _ck("Higher"), "lower": _ck("Lower"), "no_difference": _ck("NoDifference")}
_TREND = {"rising": _ck("Rising"), "falling": _ck("Falling"), "steady": _ck("Steady")}
_SIGN_EDGE = {"increases": _ck("increases"), "decreases": _ck("decreases")}
_MODALITY = {m: _ck(m.capitalize()) for m in ("asserted", "hedged", "conditional", "reported")}
_GROUP = {
    "economic": _ck("Economic"),
    "demographic": _ck("Demographic"),
    "social policy": _ck("SocialPolicy"),
    "social": _ck("Social"),
    "spatial": _ck("Spatial"),
    "political": _ck("Political"),
    "outcome": _ck("Outcome"),
}


def _text(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)


@dataclass(frozen=True)
class GraphQuads:
    """One named graph of the dataset: its IRI, a digest of its content and its quads.

    ``digest`` is the SHA-256 of the graph's sorted N-Quads, so two builds of
    the same input give the same digest and a store can tell which graphs changed.
    """

    iri: str
    quads: tuple[ox.Quad, ...]

    @property
    def digest(self) -> str:
        lines = sorted(str(q) for q in self.quads)
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


class _Graph:
    """Collects the quads of one named graph."""

    def __init__(self, iri: str):
        self.name = ox.NamedNode(iri)
        self.quads: list[ox.Quad] = []

    def add(
        self,
        s: ox.NamedNode | ox.BlankNode,
        p: ox.NamedNode,
        o: ox.NamedNode | ox.BlankNode | ox.Literal,
    ) -> None:
        self.quads.append(ox.Quad(s, p, o, self.name))

    def done(self) -> GraphQuads:
        return GraphQuads(self.name.value, tuple(self.quads))


@lru_cache(maxsize=1)
def ontology_quads() -> GraphQuads:
    """The OWL vocabulary (``ontology/causal.ttl``) as its own named graph.

    Its blank nodes (OWL class expressions) get RDFC-1.0 canonical labels, so
    that every build writes them identically.
    """
    name = ox.NamedNode(ONTOLOGY_GRAPH)
    path = ontology_dir() / "causal.ttl"
    dataset = ox.Dataset(
        ox.Quad(t.subject, t.predicate, t.object, name)
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return GraphQuads(ONTOLOGY_GRAPH, tuple(sorted(dataset, key=str)))


def load_ontology():
    """The ontology's named graph as an rdflib :class:`~rdflib.Graph` (for SHACL)."""
    from rdflib import Graph

    graph = Graph()
    data = ox.serialize([q.triple for q in ontology_quads().quads], format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=(data or b"").decode("utf-8"), format="nt")
    return graph


def _match_iri(target: str) -> ox.NamedNode:
    """The IRI of a match target: a full IRI as given, or a factor id of the scheme."""
    return ox.NamedNode(target if ":" in target else str(factor_iri(target)))


def scheme_quads(corpus: Corpus) -> GraphQuads:
    """The shared concept scheme of factors (``factors.yaml``) as its own named graph."""
    graph = _Graph(SCHEME_GRAPH)
    lang = corpus.scheme_language
    scheme = graph.name
    graph.add(scheme, _RDF_TYPE, _skos("ConceptScheme"))
    graph.add(scheme, _dcterms("title"), _text(corpus.scheme_title, lang))
    # SKOS tools (skosify, Skosmos) name a scheme by its skos:prefLabel.
    graph.add(scheme, _skos("prefLabel"), _text(corpus.scheme_title, lang))
    factor_class, concept, in_scheme = _ck("Factor"), _skos("Concept"), _skos("inScheme")
    top_of, has_top, notation = _skos("topConceptOf"), _skos("hasTopConcept"), _skos("notation")
    pref, alt_label, definition = _skos("prefLabel"), _skos("altLabel"), _skos("definition")
    group = _ck("group")
    for factor in corpus.factors.values():
        iri = ox.NamedNode(str(factor_iri(factor.id)))
        graph.add(iri, _RDF_TYPE, factor_class)
        graph.add(iri, _RDF_TYPE, concept)
        graph.add(iri, in_scheme, scheme)
        # Factors have no skos:broader, so each is a top concept of the
        # scheme; SKOS tools enter a scheme through its top concepts.
        graph.add(iri, top_of, scheme)
        graph.add(scheme, has_top, iri)
        graph.add(iri, notation, _text(factor.id))
        graph.add(iri, pref, _text(factor.label, lang))
        for alt in factor.alt_labels:
            graph.add(iri, alt_label, _text(alt, lang))
        graph.add(iri, definition, _text(factor.definition, lang))
        graph.add(iri, group, _GROUP[factor.group])
        # A match is another factor's id (an internal link) or an outside IRI.
        for match in factor.exact_match:
            graph.add(iri, _skos("exactMatch"), _match_iri(match))
        for match in factor.close_match:
            graph.add(iri, _skos("closeMatch"), _match_iri(match))
        if factor.review:
            graph.add(iri, _ck("needsReview"), _boolean(True))
    return graph.done()


def brief_quads(brief_file: BriefFile) -> GraphQuads:
    """One brief's named graph: its record, observations, claims and selection findings."""
    brief = brief_file.brief
    graph = _Graph(str(brief_iri(brief.id)))
    iri = graph.name
    graph.add(iri, _RDF_TYPE, _ck("Brief"))
    graph.add(iri, _dcterms("identifier"), _text(brief.id))
    graph.add(iri, _dcterms("title"), _text(brief.title, brief.language))
    for author in brief.authors:
        graph.add(iri, _dc("creator"), _text(author))
    graph.add(iri, _dc("publisher"), _text(brief.publisher))
    graph.add(iri, _dcterms("issued"), ox.Literal(brief.date.isoformat(), datatype=_XSD_DATE))
    language = ox.NamedNode(str(language_iri(brief.language)))
    graph.add(iri, _dcterms("language"), language)
    graph.add(language, _RDF_TYPE, _dcterms("LinguisticSystem"))
    graph.add(iri, _ck("synthetic"), _boolean(brief.synthetic))
    graph.add(iri, _dcterms("bibliographicCitation"), _text(brief.citation))
    if brief.series:
        series = ox.NamedNode(str(series_iri(brief.series)))
        graph.add(iri, _dcterms("isPartOf"), series)
        graph.add(series, _RDF_TYPE, _bibo("Series"))
        graph.add(series, _dcterms("title"), _text(brief.series))
    if brief.number:
        graph.add(iri, _bibo("number"), _text(str(brief.number)))
    if brief.url:
        graph.add(iri, _bibo("uri"), ox.Literal(brief.url, datatype=_XSD_ANYURI))
    for observation in brief_file.observations:
        _add_observation(graph, observation, brief.language)
    for claim in brief_file.claims:
        _add_claim(graph, claim, brief.language)
    for selection in brief_file.selections:
        _add_selection(graph, selection, brief.language)
    return graph.done()


def _add_located(
    graph: _Graph, iri: ox.NamedNode, item: Claim | Observation | Selection, lang: str
) -> None:
    brief = _brief_node(item.brief_id)
    graph.add(iri, _ck("statedIn"), brief)
    graph.add(iri, _prov("wasDerivedFrom"), brief)
    graph.add(iri, _ck("locator"), _text(item.locator))
    if item.point is not None:
        graph.add(iri, _ck("point"), ox.Literal(str(item.point), datatype=_XSD_INTEGER))
    graph.add(iri, _ck("paraphrase"), _text(item.paraphrase, lang))


def _add_observation(graph: _Graph, observation: Observation, lang: str) -> None:
    iri = ox.NamedNode(str(observation_iri(observation.brief_id, observation.id)))
    graph.add(iri, _RDF_TYPE, _ck("Observation"))
    _add_located(graph, iri, observation, lang)
    for factor_id in observation.concerns:
        graph.add(iri, _ck("concerns"), _factor_node(factor_id))
    if observation.trend and observation.trend_of:
        graph.add(iri, _ck("trend"), _TREND[observation.trend])
        graph.add(iri, _ck("trendOf"), _factor_node(observation.trend_of))
    _add_years(graph, iri, observation)


def _add_years(graph: _Graph, iri: ox.NamedNode, item: Claim | Observation) -> None:
    if item.time_scope:
        graph.add(iri, _ck("timeScope"), _text(item.time_scope))
    if item.start_year is not None:
        graph.add(iri, _ck("startYear"), ox.Literal(f"{item.start_year:04d}", datatype=_XSD_GYEAR))
    if item.end_year is not None:
        graph.add(iri, _ck("endYear"), ox.Literal(f"{item.end_year:04d}", datatype=_XSD_GYEAR))


def _add_selection(graph: _Graph, selection: Selection, lang: str) -> None:
    """A selection finding: who moves, never an edge of the causal graph."""
    iri = ox.NamedNode(str(selection_iri(selection.brief_id, selection.id)))
    graph.add(iri, _RDF_TYPE, _ck("SelectionFinding"))
    graph.add(iri, _ck("population"), _factor_node(selection.population))
    graph.add(iri, _ck("trait"), _factor_node(selection.trait))
    graph.add(iri, _ck("direction"), _DIRECTION[selection.direction])
    graph.add(iri, _ck("comparedWith"), _text(selection.compared_with, lang))
    graph.add(iri, _ck("modality"), _MODALITY[selection.modality])
    confidence = str(Decimal(str(selection.confidence)))
    graph.add(iri, _ck("confidence"), ox.Literal(confidence, datatype=_XSD_DECIMAL))
    graph.add(iri, _ck("reading"), _READING[selection.reading])
    _add_located(graph, iri, selection, lang)
    for note in selection.evidence:
        graph.add(iri, _ck("evidenceNote"), _text(note))


def _add_claim(graph: _Graph, claim: Claim, lang: str) -> None:
    iri = ox.NamedNode(str(claim_iri(claim.brief_id, claim.id)))
    cause = _factor_node(claim.cause)
    effect = _factor_node(claim.effect)
    graph.add(iri, _RDF_TYPE, _ck("CausalClaim"))
    graph.add(iri, _ck("cause"), cause)
    graph.add(iri, _ck("effect"), effect)
    graph.add(iri, _ck("sign"), _SIGN[claim.sign])
    graph.add(iri, _ck("modality"), _MODALITY[claim.modality])
    confidence = str(Decimal(str(claim.confidence)))
    graph.add(iri, _ck("confidence"), ox.Literal(confidence, datatype=_XSD_DECIMAL))
    graph.add(iri, _ck("reading"), _READING[claim.reading])
    if claim.condition:
        graph.add(iri, _ck("condition"), _text(claim.condition, lang))
    _add_located(graph, iri, claim, lang)
    _add_years(graph, iri, claim)
    for note in claim.evidence:
        graph.add(iri, _ck("evidenceNote"), _text(note))
    for observation_id in claim.supported_by:
        graph.add(
            iri,
            _ck("supportedBy"),
            ox.NamedNode(str(observation_iri(claim.brief_id, observation_id))),
        )
    if claim.attributed_to:
        graph.add(iri, _ck("attributedTo"), _text(claim.attributed_to))
    if claim.extraction:
        _add_extraction(graph, iri, claim.extraction)
    # The derived shortcut edges that property paths follow; a null finding makes none.
    if claim.sign in _SIGN_EDGE:
        graph.add(cause, _SIGN_EDGE[claim.sign], effect)
        graph.add(cause, _ck("causes"), effect)


#: How each optional key of a claim's ``extraction`` block is said of the extraction activity.
_EXTRACTION_LITERALS = {
    "sentence": "sourceSentence",
    "source_sha256": "sourceDigest",
    "cause_as_written": "causeAsWritten",
    "effect_as_written": "effectAsWritten",
}


def _agent(name: str, kind: str, graph: _Graph) -> ox.NamedNode:
    """The PROV agent named ``name`` (``prov:Person`` or ``prov:SoftwareAgent``): see :func:`agent_iri`."""
    agent = ox.NamedNode(agent_iri(name))
    graph.add(agent, _RDF_TYPE, _prov(kind))
    graph.add(agent, _rdfs("label"), _text(name))
    return agent


def _add_extraction(graph: _Graph, claim_node: ox.NamedNode, block: dict) -> None:
    """A machine-proposed claim's provenance (PROV-O): the extraction activity that generated
    it, associated with the kg version, and the analyst it is attributed to, who accepted it."""
    activity = ox.NamedNode(f"{claim_node.value}/extraction")
    graph.add(claim_node, _prov("wasGeneratedBy"), activity)
    graph.add(activity, _RDF_TYPE, _ck("Extraction"))
    graph.add(activity, _ck("cue"), _text(block["cue"]))
    graph.add(activity, _prov("wasAssociatedWith"), _agent(block["tool"], "SoftwareAgent", graph))
    graph.add(claim_node, _prov("wasAttributedTo"), _agent(block["accepted_by"], "Person", graph))
    for key, term in _EXTRACTION_LITERALS.items():
        if key in block:
            graph.add(activity, _ck(term), _text(block[key]))
    for key, term in (("start", "sentenceStart"), ("end", "sentenceEnd")):
        if key in block:
            graph.add(activity, _ck(term), ox.Literal(str(block[key]), datatype=_XSD_INTEGER))


def derived_quads(corpus: Corpus) -> GraphQuads:
    """What the build derives across briefs: merged factors and cross-brief links.

    Each merged factor gets ``ck:mergedInto`` the factor that stands for its
    group (:func:`kg.rdf.merges.merge_heads`), and every claim with a merged
    cause or effect a ``ck:causes`` edge (and its signed sub-property)
    between the factors that stand for them, so that property paths follow
    the same merged graph as the analysis.

    Each cause-effect pair (after merges) that claims of two or more briefs
    make gets a ``ck:CrossBriefLink``: its verdict
    (:func:`kg.rdf.verdicts.verdict`, the rule ``kg compare`` applies), the
    sign the claims share (absent when they contradict), how many briefs and
    claims back it, and ``prov:wasDerivedFrom`` each claim (null findings
    included: a null against an effect is the verdict ``ck:NullFinding``).
    Likewise a ``ck:SelectionComparison`` for each population and trait
    that selection findings of two or more briefs concern, and a
    ``ck:TrendComparison`` for each factor whose trend observations of two
    or more briefs report (compared where their years overlap). The
    judgements are made anew on every build from all the records, whatever
    filter a later command applies. Empty when nothing is merged and no two
    briefs meet on a subject.
    """
    records = CrossBriefRecords()
    for brief_id in sorted(corpus.briefs):
        records.add(corpus.briefs[brief_id])
    return records.derived_quads(corpus.factors.values())


class _ClaimView(NamedTuple):
    brief_id: str
    id: str
    cause: str
    effect: str
    sign: str
    modality: str


class _SelectionView(NamedTuple):
    brief_id: str
    id: str
    population: str
    trait: str
    direction: str
    modality: str


class _TrendView(NamedTuple):
    brief_id: str
    id: str
    trend_of: str
    trend: str
    start_year: int | None
    end_year: int | None


class CrossBriefRecords:
    """What :func:`derived_quads` reads of the briefs' records, gathered brief by brief.

    For a build that reads the corpus one brief at a time
    (:class:`kg.authoring.reader.CorpusReader`) and keeps no brief's
    records: :meth:`add` keeps the few fields of each claim, selection
    finding and trend observation that the judgements across briefs read,
    :meth:`derived_quads` makes the graph once every brief is in, as
    :func:`derived_quads` makes it from the whole corpus.
    """

    def __init__(self) -> None:
        self._claims: list[_ClaimView] = []
        self._selections: list[_SelectionView] = []
        self._trends: list[_TrendView] = []
        self._words: dict[str, str] = {}

    def _word(self, word: str) -> str:
        # one string for each sign, modality, direction and trend word, however many records
        return self._words.setdefault(word, word)

    def add(self, brief_file: BriefFile) -> None:
        """Keep what the judgements read of one brief's records."""
        word = self._word
        for c in brief_file.claims:
            self._claims.append(
                _ClaimView(c.brief_id, c.id, c.cause, c.effect, word(c.sign), word(c.modality))
            )
        for s in brief_file.selections:
            self._selections.append(
                _SelectionView(
                    s.brief_id, s.id, s.population, s.trait, word(s.direction), word(s.modality)
                )
            )
        for o in brief_file.observations:
            if o.trend and o.trend_of:
                self._trends.append(
                    _TrendView(
                        o.brief_id, o.id, o.trend_of, word(o.trend), o.start_year, o.end_year
                    )
                )

    def pairs(self) -> int:
        """How many distinct cause-effect pairs (factor ids, before merges) the claims make."""
        return len({(c.cause, c.effect) for c in self._claims})

    def derived_quads(self, factors: Iterable[Factor]) -> GraphQuads:
        """The graph of :func:`derived_quads` over ``factors`` and every brief added."""
        # the records in brief id order, each brief's in file order, as Corpus gives them
        for kept in (self._claims, self._selections, self._trends):
            kept.sort(key=itemgetter(0))
        factors = list(factors)
        graph = _Graph(DERIVED_GRAPH)
        iri = {f.id: str(factor_iri(f.id)) for f in factors}
        pairs = [
            (iri[f.id], str(factor_iri(m))) for f in factors for m in f.exact_match if ":" not in m
        ]
        claims = self._claims
        heads = merge_heads(
            pairs, ((iri[c.cause], iri[c.effect]) for c in claims), set(iri.values())
        )
        for member, head in sorted(heads.items()):
            graph.add(ox.NamedNode(member), _ck("mergedInto"), ox.NamedNode(head))
        by_pair: dict[tuple[str, str], list[_ClaimView]] = {}
        for claim in claims:
            cause, effect = iri[claim.cause], iri[claim.effect]
            merged = cause in heads or effect in heads
            cause, effect = heads.get(cause, cause), heads.get(effect, effect)
            if cause == effect:
                continue
            by_pair.setdefault((cause, effect), []).append(claim)
            if merged and claim.sign in _SIGN_EDGE:
                graph.add(ox.NamedNode(cause), _SIGN_EDGE[claim.sign], ox.NamedNode(effect))
                graph.add(ox.NamedNode(cause), _ck("causes"), ox.NamedNode(effect))
        for (cause, effect), pair_claims in sorted(by_pair.items()):
            if len({c.brief_id for c in pair_claims}) > 1:
                _add_cross_brief_link(graph, cause, effect, pair_claims)
        by_selection: dict[tuple[str, str], list[_SelectionView]] = {}
        for selection in self._selections:
            population, trait = iri[selection.population], iri[selection.trait]
            key = (heads.get(population, population), heads.get(trait, trait))
            by_selection.setdefault(key, []).append(selection)
        for (population, trait), findings in sorted(by_selection.items()):
            if len({f.brief_id for f in findings}) > 1:
                _add_selection_comparison(graph, population, trait, findings)
        by_trend: dict[str, list[_TrendView]] = {}
        for observation in self._trends:
            factor = iri[observation.trend_of]
            by_trend.setdefault(heads.get(factor, factor), []).append(observation)
        for factor, observations in sorted(by_trend.items()):
            if len({o.brief_id for o in observations}) > 1:
                _add_trend_comparison(graph, factor, observations)
        return graph.done()


_VERDICT = {
    "agree": _ck("Agreement"),
    "hedge-mismatch": _ck("HedgeMismatch"),
    "null-finding": _ck("NullFinding"),
    "contradict": _ck("Contradiction"),
}


def selection_comparison_iri(population: str, trait: str) -> str:
    """The IRI of the derived comparison of the selection findings on one population and trait."""
    return f"{BASE}link/selection/{local_id(population)}/{local_id(trait)}"


def trend_comparison_iri(factor: str) -> str:
    """The IRI of the derived comparison of the trends several briefs observe in one factor."""
    return f"{BASE}link/trend/{local_id(factor)}"


def _add_judgement(graph: _Graph, node: ox.NamedNode, views: list, derived_from: list) -> None:
    """What every cross-brief judgement says: verdict, counts and the records it rests on."""
    graph.add(node, _ck("verdict"), _VERDICT[verdict(views)])
    sources = len({v[0] for v in views})
    graph.add(node, _ck("sourceCount"), ox.Literal(str(sources), datatype=_XSD_INTEGER))
    graph.add(node, _ck("claimCount"), ox.Literal(str(len(views)), datatype=_XSD_INTEGER))
    for record in sorted(derived_from):
        graph.add(node, _prov("wasDerivedFrom"), ox.NamedNode(record))


def _add_selection_comparison(
    graph: _Graph, population: str, trait: str, findings: list[_SelectionView]
) -> None:
    node = ox.NamedNode(selection_comparison_iri(population, trait))
    graph.add(node, _RDF_TYPE, _ck("SelectionComparison"))
    graph.add(node, _ck("linkPopulation"), ox.NamedNode(population))
    graph.add(node, _ck("linkTrait"), ox.NamedNode(trait))
    views = [(f.brief_id, f.direction, f.modality) for f in findings]
    _add_judgement(graph, node, views, [str(selection_iri(f.brief_id, f.id)) for f in findings])


def _add_trend_comparison(graph: _Graph, factor: str, observations: list[_TrendView]) -> None:
    node = ox.NamedNode(trend_comparison_iri(factor))
    graph.add(node, _RDF_TYPE, _ck("TrendComparison"))
    graph.add(node, _ck("linkFactor"), ox.NamedNode(factor))
    # An observation has no modality: the briefs report what they observe.
    views = [(o.brief_id, o.trend, "asserted", (o.start_year, o.end_year)) for o in observations]
    _add_judgement(
        graph, node, views, [str(observation_iri(o.brief_id, o.id)) for o in observations]
    )


def cross_brief_link_iri(cause: str, effect: str) -> str:
    """The IRI of the derived link between two factors (IRIs) that several briefs claim."""
    return f"{BASE}link/{local_id(cause)}/{local_id(effect)}"


def _add_cross_brief_link(graph: _Graph, cause: str, effect: str, claims: list[_ClaimView]) -> None:
    """A ck:CrossBriefLink: the build's judgement on the claims of several briefs
    about one cause-effect pair (after merges), naming the claims it rests on."""
    views = [(c.brief_id, c.sign, c.modality) for c in claims]
    link = ox.NamedNode(cross_brief_link_iri(cause, effect))
    graph.add(link, _RDF_TYPE, _ck("CrossBriefLink"))
    graph.add(link, _ck("linkCause"), ox.NamedNode(cause))
    graph.add(link, _ck("linkEffect"), ox.NamedNode(effect))
    sign = combined_sign(views)
    if sign is not None:
        graph.add(link, _ck("combinedSign"), _SIGN[str(sign)])
    _add_judgement(graph, link, views, [str(claim_iri(c.brief_id, c.id)) for c in claims])


def corpus_graphs(corpus: Corpus, *, include_ontology: bool = True) -> dict[str, GraphQuads]:
    """Every named graph of a corpus's dataset, by graph IRI (the derived one only when not empty)."""
    graphs = [scheme_quads(corpus)]
    derived = derived_quads(corpus)
    if derived.quads:
        graphs.append(derived)
    if include_ontology:
        graphs.append(ontology_quads())
    graphs += [brief_quads(corpus.briefs[b]) for b in sorted(corpus.briefs)]
    return {g.iri: g for g in graphs}


def corpus_quads(corpus: Corpus, *, include_ontology: bool = True) -> list[ox.Quad]:
    """Every quad of a corpus's dataset, in a fixed order (graph, then as built)."""
    graphs = corpus_graphs(corpus, include_ontology=include_ontology)
    return [q for iri in sorted(graphs) for q in graphs[iri].quads]


def to_rdflib(quads: Iterable[ox.Quad]):
    """An rdflib :class:`~rdflib.Dataset` holding ``quads``, for the tools that need rdflib.

    The default graph of the result is the union of its named graphs
    (``default_union``), as in every dataset kg hands out. The crossing is
    :func:`kg.io.terms.rdflib_dataset`, the one converter between the two
    libraries.
    """
    return rdflib_dataset(quads)


def corpus_to_dataset(corpus: Corpus, *, include_ontology: bool = True):
    """The corpus's dataset as an rdflib :class:`~rdflib.Dataset` (for SHACL and notebooks)."""
    return to_rdflib(corpus_quads(corpus, include_ontology=include_ontology))


@dataclass(frozen=True)
class SourceRecord:
    """Where a node of the dataset was written: its record and each field's line."""

    record: str
    source: Source
    field_sources: Mapping[str, Source] = field(default_factory=dict)

    def line_of(self, field_name: str) -> int:
        """The line of ``field_name``, or of the record when the field is absent."""
        found = self.field_sources.get(field_name)
        return found.line if found else self.source.line


def source_records(corpus: Corpus) -> dict[str, SourceRecord]:
    """Map every node the build mints to the place in the authoring files it came from."""
    records: dict[str, SourceRecord] = {}
    for factor in corpus.factors.values():
        records[factor_iri(factor.id)] = SourceRecord(
            f"factor {factor.id!r}", factor.source, factor.field_sources
        )
    for brief_file in corpus.briefs.values():
        add_source_records(records, brief_file)
    return records


def add_source_records(records: dict[str, SourceRecord], brief_file: BriefFile) -> None:
    """Add to ``records`` (:func:`source_records`) the nodes of one brief's records."""
    brief = brief_file.brief
    brief_id = brief.id
    records[brief_iri(brief_id)] = SourceRecord("brief", brief.source, brief.field_sources)
    if brief.series:
        records[series_iri(brief.series)] = SourceRecord("brief", brief.source, brief.field_sources)
    for obs in brief_file.observations:
        records[observation_iri(brief_id, obs.id)] = SourceRecord(
            f"observation {obs.id!r}", obs.source, obs.field_sources
        )
    for claim in brief_file.claims:
        records[claim_iri(brief_id, claim.id)] = SourceRecord(
            f"claim {claim.id!r}", claim.source, claim.field_sources
        )
    for selection in brief_file.selections:
        records[selection_iri(brief_id, selection.id)] = SourceRecord(
            f"selection {selection.id!r}", selection.source, selection.field_sources
        )
