"""The ontology's terms as namespace objects, and the IRIs kg mints.

Terms are reached through :class:`CK`, a closed namespace: ``CK.cause`` works,
``CK.casue`` raises ``AttributeError``, so a typo fails at once instead of
producing a silent, unmatched IRI.

>>> CK.cause
rdflib.term.URIRef('https://w3id.org/briefkg/ontology#cause')
>>> factor_iri("return-migration")
rdflib.term.URIRef('https://w3id.org/briefkg/factor/return-migration')
>>> claim_iri("eai-bb-1360", "coastal-costs-push-industry-inland")  # doctest: +ELLIPSIS
rdflib.term.URIRef('https://w3id.org/briefkg/brief/eai-bb-1360/claim/coastal-costs-push...')
"""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "BASE",
    "CK",
    "CKS",
    "BIBO",
    "ONTOLOGY_IRI",
    "SCHEME_IRI",
    "brief_iri",
    "claim_iri",
    "observation_iri",
    "factor_iri",
    "series_iri",
    "slugify",
    "bind_prefixes",
]

BASE = "https://w3id.org/briefkg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
SCHEME_IRI = URIRef(BASE + "factors")

BIBO = Namespace("http://purl.org/ontology/bibo/")


class CK(DefinedNamespace):
    """The causal-claim vocabulary (``ontology/causal.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # Classes
    Brief: URIRef
    CausalClaim: URIRef
    Observation: URIRef
    Factor: URIRef
    FactorGroup: URIRef
    Sign: URIRef
    Modality: URIRef
    # Individuals
    Increase: URIRef
    Decrease: URIRef
    Asserted: URIRef
    Hedged: URIRef
    Conditional: URIRef
    Reported: URIRef
    Economic: URIRef
    Demographic: URIRef
    SocialPolicy: URIRef
    Social: URIRef
    Spatial: URIRef
    Political: URIRef
    Outcome: URIRef
    # Object properties
    cause: URIRef
    effect: URIRef
    sign: URIRef
    modality: URIRef
    statedIn: URIRef
    supportedBy: URIRef
    concerns: URIRef
    group: URIRef
    causes: URIRef
    increases: URIRef
    decreases: URIRef
    # Datatype properties
    confidence: URIRef
    timeScope: URIRef
    startYear: URIRef
    endYear: URIRef
    locator: URIRef
    point: URIRef
    paraphrase: URIRef
    evidenceNote: URIRef
    attributedTo: URIRef
    synthetic: URIRef
    needsReview: URIRef


class CKS(DefinedNamespace):
    """Namespace of the SHACL shapes (``ontology/shapes.ttl``); open, shapes vary."""

    _NS = Namespace(BASE + "shapes#")
    _fail = False


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ``text`` and join its words with hyphens, for use in an IRI.

    >>> slugify("EAI Background Brief")
    'eai-background-brief'
    """
    return _SLUG.sub("-", text.casefold()).strip("-")


def brief_iri(brief_id: str) -> URIRef:
    """The IRI of a brief, which is also the IRI of its named graph."""
    return URIRef(f"{BASE}brief/{brief_id}")


def claim_iri(brief_id: str, claim_id: str) -> URIRef:
    """The IRI of one claim of a brief."""
    return URIRef(f"{BASE}brief/{brief_id}/claim/{claim_id}")


def observation_iri(brief_id: str, observation_id: str) -> URIRef:
    """The IRI of one observation of a brief."""
    return URIRef(f"{BASE}brief/{brief_id}/observation/{observation_id}")


def factor_iri(factor_id: str) -> URIRef:
    """The IRI of a factor of the shared concept scheme."""
    return URIRef(f"{BASE}factor/{factor_id}")


def series_iri(series_title: str) -> URIRef:
    """The IRI of a publication series, from its title."""
    return URIRef(f"{BASE}series/{slugify(series_title)}")


def bind_prefixes(graph) -> None:
    """Bind the prefixes kg writes and reads (``ck:``, ``factor:``, ``brief:`` ...)."""
    graph.bind("ck", CK._NS, override=True)
    graph.bind("cks", CKS._NS, override=True)
    graph.bind("factor", Namespace(BASE + "factor/"), override=True)
    graph.bind("brief", Namespace(BASE + "brief/"), override=True)
    graph.bind("series", Namespace(BASE + "series/"), override=True)
    graph.bind("bibo", BIBO, override=True)
    for prefix, ns in (
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ):
        graph.bind(prefix, Namespace(ns), override=True)
