"""Turn a :class:`~kg.authoring.model.Corpus` into an RDF dataset.

The dataset holds one named graph for the ontology, one for the shared
concept scheme of factors, and one per brief whose IRI is the brief's IRI.
Besides each claim node (the n-ary pattern), the build adds a direct
factor-to-factor edge per claim, ``ck:increases`` or ``ck:decreases`` together
with their super-property ``ck:causes``, so SPARQL property paths such as
``ck:causes+`` walk the causal graph without inference.

The briefs' and the factor scheme's graphs hold only IRIs and literals, never
blank nodes (the ontology's OWL class expressions are the only ones, and they
get canonical labels), so the same input always gives the same triples and
the same IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DC, DCTERMS, PROV, RDF, SKOS, XSD

from kg.authoring.model import Claim, Corpus, Observation, Source
from kg.resources import ontology_dir
from kg.vocab import (
    BIBO,
    CK,
    GROUP_TERMS,
    MODALITY_TERMS,
    ONTOLOGY_IRI,
    SCHEME_IRI,
    SIGN_EDGES,
    SIGN_TERMS,
    bind_prefixes,
    brief_iri,
    claim_iri,
    factor_iri,
    observation_iri,
    series_iri,
)

__all__ = [
    "SourceRecord",
    "load_ontology",
    "corpus_to_dataset",
    "source_records",
]


@dataclass(frozen=True)
class SourceRecord:
    """Where a node of the dataset was written: its record and each field's line."""

    record: str
    source: Source
    field_sources: dict[str, Source] = field(default_factory=dict)

    def line_of(self, field_name: str) -> int:
        """The line of ``field_name``, or of the record when the field is absent."""
        found = self.field_sources.get(field_name)
        return found.line if found else self.source.line


def load_ontology() -> Graph:
    """The OWL vocabulary (``ontology/causal.ttl``) as a graph.

    Its blank nodes (OWL class expressions) get canonical labels, so that
    every build writes them identically.
    """
    parsed = Graph()
    parsed.parse(ontology_dir() / "causal.ttl", format="turtle")
    graph = Graph()
    for triple in sorted(to_canonical_graph(parsed)):
        graph.add(triple)
    return graph


def corpus_to_dataset(corpus: Corpus, *, include_ontology: bool = True) -> Dataset:
    """Build the RDF dataset of a corpus.

    Parameters
    ----------
    corpus : Corpus
        Authoring data as read by :func:`kg.authoring.read_corpus`.
    include_ontology : bool
        Add the ontology as its own named graph (default), so that the
        dataset is self-describing.

    Returns
    -------
    rdflib.Dataset
        With ``default_union`` set: the default graph sees every named graph.
    """
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset)
    if include_ontology:
        ontology = dataset.graph(ONTOLOGY_IRI)
        for triple in load_ontology():
            ontology.add(triple)
    _add_scheme(dataset.graph(SCHEME_IRI), corpus)
    for brief_id in sorted(corpus.briefs):
        brief_file = corpus.briefs[brief_id]
        graph = dataset.graph(brief_iri(brief_id))
        _add_brief(graph, brief_file.brief)
        for observation in brief_file.observations:
            _add_observation(graph, observation, brief_file.brief.language)
        for claim in brief_file.claims:
            _add_claim(graph, claim, brief_file.brief.language)
    return dataset


def _add_scheme(graph: Graph, corpus: Corpus) -> None:
    lang = corpus.scheme_language
    graph.add((SCHEME_IRI, RDF.type, SKOS.ConceptScheme))
    graph.add((SCHEME_IRI, DCTERMS.title, Literal(corpus.scheme_title, lang=lang)))
    for factor in corpus.factors.values():
        iri = factor_iri(factor.id)
        graph.add((iri, RDF.type, CK.Factor))
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, SKOS.inScheme, SCHEME_IRI))
        graph.add((iri, SKOS.notation, Literal(factor.id)))
        graph.add((iri, SKOS.prefLabel, Literal(factor.label, lang=lang)))
        for alt in factor.alt_labels:
            graph.add((iri, SKOS.altLabel, Literal(alt, lang=lang)))
        graph.add((iri, SKOS.definition, Literal(factor.definition, lang=lang)))
        graph.add((iri, CK.group, GROUP_TERMS[factor.group]))
        # A match is another factor's id (an internal link) or an outside IRI.
        for match in factor.exact_match:
            graph.add((iri, SKOS.exactMatch, _match_iri(match)))
        for match in factor.close_match:
            graph.add((iri, SKOS.closeMatch, _match_iri(match)))
        if factor.review:
            graph.add((iri, CK.needsReview, Literal(True)))


def _match_iri(target: str) -> URIRef:
    """The IRI of a match target: a full IRI as given, or a factor id of the scheme."""
    return URIRef(target) if ":" in target else factor_iri(target)


def _add_brief(graph: Graph, brief) -> None:
    iri = brief_iri(brief.id)
    graph.add((iri, RDF.type, CK.Brief))
    graph.add((iri, DCTERMS.identifier, Literal(brief.id)))
    graph.add((iri, DCTERMS.title, Literal(brief.title, lang=brief.language)))
    for author in brief.authors:
        graph.add((iri, DC.creator, Literal(author)))
    graph.add((iri, DC.publisher, Literal(brief.publisher)))
    graph.add((iri, DCTERMS.issued, Literal(brief.date.isoformat(), datatype=XSD.date)))
    graph.add((iri, DCTERMS.language, Literal(brief.language)))
    graph.add((iri, CK.synthetic, Literal(brief.synthetic)))
    graph.add((iri, DCTERMS.bibliographicCitation, Literal(brief.citation)))
    if brief.series:
        series = series_iri(brief.series)
        graph.add((iri, DCTERMS.isPartOf, series))
        graph.add((series, RDF.type, BIBO.Series))
        graph.add((series, DCTERMS.title, Literal(brief.series)))
    if brief.number:
        graph.add((iri, BIBO.number, Literal(brief.number)))
    if brief.url:
        graph.add((iri, BIBO.uri, Literal(brief.url, datatype=XSD.anyURI)))


def _add_located(graph: Graph, iri: URIRef, item: Claim | Observation, lang: str) -> None:
    brief = brief_iri(item.brief_id)
    graph.add((iri, CK.statedIn, brief))
    graph.add((iri, PROV.wasDerivedFrom, brief))
    graph.add((iri, CK.locator, Literal(item.locator)))
    if item.point is not None:
        graph.add((iri, CK.point, Literal(item.point, datatype=XSD.integer)))
    graph.add((iri, CK.paraphrase, Literal(item.paraphrase, lang=lang)))


def _add_observation(graph: Graph, observation: Observation, lang: str) -> None:
    iri = observation_iri(observation.brief_id, observation.id)
    graph.add((iri, RDF.type, CK.Observation))
    _add_located(graph, iri, observation, lang)
    for factor_id in observation.concerns:
        graph.add((iri, CK.concerns, factor_iri(factor_id)))


def _add_claim(graph: Graph, claim: Claim, lang: str) -> None:
    iri = claim_iri(claim.brief_id, claim.id)
    cause, effect = factor_iri(claim.cause), factor_iri(claim.effect)
    graph.add((iri, RDF.type, CK.CausalClaim))
    graph.add((iri, CK.cause, cause))
    graph.add((iri, CK.effect, effect))
    graph.add((iri, CK.sign, SIGN_TERMS[claim.sign]))
    graph.add((iri, CK.modality, MODALITY_TERMS[claim.modality]))
    graph.add((iri, CK.confidence, Literal(Decimal(str(claim.confidence)), datatype=XSD.decimal)))
    _add_located(graph, iri, claim, lang)
    if claim.time_scope:
        graph.add((iri, CK.timeScope, Literal(claim.time_scope)))
    if claim.start_year is not None:
        graph.add((iri, CK.startYear, Literal(f"{claim.start_year:04d}", datatype=XSD.gYear)))
    if claim.end_year is not None:
        graph.add((iri, CK.endYear, Literal(f"{claim.end_year:04d}", datatype=XSD.gYear)))
    for note in claim.evidence:
        graph.add((iri, CK.evidenceNote, Literal(note)))
    for observation_id in claim.supported_by:
        graph.add((iri, CK.supportedBy, observation_iri(claim.brief_id, observation_id)))
    if claim.attributed_to:
        graph.add((iri, CK.attributedTo, Literal(claim.attributed_to)))
    # The derived shortcut edges that property paths follow.
    graph.add((cause, SIGN_EDGES[claim.sign], effect))
    graph.add((cause, CK.causes, effect))


def source_records(corpus: Corpus) -> dict[URIRef, SourceRecord]:
    """Map every node the build mints to the place in the authoring files it came from."""
    records: dict[URIRef, SourceRecord] = {}
    for factor in corpus.factors.values():
        records[factor_iri(factor.id)] = SourceRecord(
            f"factor {factor.id!r}", factor.source, factor.field_sources
        )
    for brief_id, brief_file in corpus.briefs.items():
        brief = brief_file.brief
        records[brief_iri(brief_id)] = SourceRecord("brief", brief.source, brief.field_sources)
        if brief.series:
            records[series_iri(brief.series)] = SourceRecord(
                "brief", brief.source, brief.field_sources
            )
        for obs in brief_file.observations:
            records[observation_iri(brief_id, obs.id)] = SourceRecord(
                f"observation {obs.id!r}", obs.source, obs.field_sources
            )
        for claim in brief_file.claims:
            records[claim_iri(brief_id, claim.id)] = SourceRecord(
                f"claim {claim.id!r}", claim.source, claim.field_sources
            )
    return records
