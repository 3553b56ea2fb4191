"""The vocabulary, defined once: words, symbols, IRIs and the ontology's terms.

Two layers live here. The words an analyst writes (signs, modalities, factor
groups), their symbols and the IRIs kg mints are plain Python and cost
nothing to import, so that ``kg --help`` stays fast. The RDF terms
(:class:`CK`, a closed namespace, and the maps from words to terms) need
rdflib, which is imported the first time one of them is used.

``CK.cause`` works, ``CK.casue`` raises ``AttributeError``, so a typo fails at
once instead of producing a silent, unmatched IRI.

>>> CK.cause
rdflib.term.URIRef('https://w3id.org/briefkg/ontology#cause')
>>> factor_iri("return-migration")
rdflib.term.URIRef('https://w3id.org/briefkg/factor/return-migration')
>>> claim_iri("eai-bb-1360", "coastal-costs-push-industry-inland")  # doctest: +ELLIPSIS
rdflib.term.URIRef('https://w3id.org/briefkg/brief/eai-bb-1360/claim/coastal-costs-push...')
>>> local_id("https://w3id.org/briefkg/factor/return-migration")
'return-migration'
>>> SIGN_SYMBOLS[sign_number("decreases")], MODALITY_TERMS["hedged"] == CK.Hedged
('-', True)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the RDF layer, built on first use by __getattr__ below
    from rdflib import Namespace, URIRef
    from rdflib.namespace import DefinedNamespace

    CK: type[DefinedNamespace]
    CKS: type[DefinedNamespace]
    BIBO: Namespace
    ONTOLOGY_IRI: URIRef
    SCHEME_IRI: URIRef
    SIGN_TERMS: dict[str, URIRef]
    SIGN_EDGES: dict[str, URIRef]
    MODALITY_TERMS: dict[str, URIRef]
    GROUP_TERMS: dict[str, URIRef]
    READING_TERMS: dict[str, URIRef]
    DIRECTION_TERMS: dict[str, URIRef]
    TREND_TERMS: dict[str, URIRef]
    TERM_WORDS: dict[URIRef, str]

__all__ = [
    "BASE",
    "SIGNS",
    "READINGS",
    "SELECTION_DIRECTIONS",
    "TRENDS",
    "MODALITIES",
    "GROUPS",
    "SIGN_SYMBOLS",
    "SIGN_WORD_SYMBOLS",
    "PREFIXES",
    "LANGUAGE_BASES",
    "CK",
    "CKS",
    "BIBO",
    "ONTOLOGY_IRI",
    "SCHEME_IRI",
    "SIGN_TERMS",
    "SIGN_EDGES",
    "MODALITY_TERMS",
    "GROUP_TERMS",
    "READING_TERMS",
    "DIRECTION_TERMS",
    "TREND_TERMS",
    "TERM_WORDS",
    "SIGN_WORDS",
    "sign_number",
    "parse_sign",
    "local_id",
    "agent_iri",
    "brief_iri",
    "claim_iri",
    "observation_iri",
    "selection_iri",
    "factor_iri",
    "series_iri",
    "language_iri",
    "slugify",
    "bind_prefixes",
]

#: Where every IRI kg mints begins.
BASE = "https://w3id.org/briefkg/"

#: Allowed values of ``sign``: the effect of *more* of the cause on the effect.
#: ``no_effect`` is a null finding: the source looked for an effect and reports none;
#: it makes no causal edge (``ck:causes``) and is ignored by propagation.
SIGNS = ("increases", "decreases", "no_effect")
#: Allowed values of ``reading``: whether the cited passage says the link in so many
#: words (``stated``, the default) or the analyst reads it in (``inferred``).
READINGS = ("stated", "inferred")
#: Allowed values of a selection finding's ``direction``: how the population's members
#: compare with those they are compared with on the trait.
SELECTION_DIRECTIONS = ("higher", "lower", "no_difference")
#: Allowed values of an observation's ``trend``.
TRENDS = ("rising", "falling", "steady")
#: Allowed values of ``modality``: how firmly the brief commits to a claim.
MODALITIES = ("asserted", "hedged", "conditional", "reported")
#: Allowed values of a factor's ``group``.
GROUPS = ("economic", "demographic", "social policy", "social", "spatial", "political", "outcome")

#: How a sign is written in tables and JSON, by its number (+1, -1; 0 when claims disagree).
SIGN_SYMBOLS = {1: "+", -1: "-", 0: "?"}
#: How a claim's sign word is written in tables and JSON (a null finding is ``0``).
SIGN_WORD_SYMBOLS = {"increases": "+", "decreases": "-", "no_effect": "0"}

#: The prefixes kg writes, and reads without declaration in ``kg query``.
PREFIXES = {
    "ck": BASE + "ontology#",
    "cks": BASE + "shapes#",
    "factor": BASE + "factor/",
    "brief": BASE + "brief/",
    "series": BASE + "series/",
    "bibo": "http://purl.org/ontology/bibo/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


#: Words people write for a sign (in sheets, what-if shocks), by the sign they mean.
SIGN_WORDS = {
    "increases": ("increases", "increase", "+", "positive", "up", "raise", "raises", "1"),
    "decreases": (
        "decreases",
        "decrease",
        "-",
        "\u2212",
        "negative",
        "down",
        "lower",
        "lowers",
        "-1",
    ),
    "no_effect": ("no_effect", "no effect", "no-effect", "none", "null", "0"),
}
_SIGN_OF_WORD = {word: sign for sign, words in SIGN_WORDS.items() for word in words}


def sign_number(sign: str) -> int:
    """+1 for ``increases``, -1 for ``decreases``, 0 for ``no_effect`` (a null finding).

    >>> [sign_number(s) for s in SIGNS]
    [1, -1, 0]
    """
    return {"increases": 1, "decreases": -1}.get(sign, 0)


def parse_sign(text: object) -> str | None:
    """The sign (``increases``, ``decreases`` or ``no_effect``) a word means, or None.

    >>> parse_sign(" Up "), parse_sign("\u2212"), parse_sign("no effect"), parse_sign("sideways")
    ('increases', 'decreases', 'no_effect', None)
    """
    return _SIGN_OF_WORD.get(str(text).strip().casefold())


def local_id(iri: object) -> str:
    """The id at the end of an IRI kg minted: its last path segment."""
    return str(iri).rsplit("/", 1)[-1]


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ``text`` and join its words with hyphens, for use in an IRI.

    >>> slugify("EAI Background Brief")
    'eai-background-brief'
    """
    return _SLUG.sub("-", text.casefold()).strip("-")


def _iri(text: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(text)


def agent_iri(name: str) -> str:
    """The IRI of the PROV agent (an analyst, a kg version) called ``name``.

    Its last segment is the name's slug, then 12 hex digits of the SHA-256 of
    the name as normalised (Unicode NFC, case folded, runs of white space as
    one space, trimmed): two names that differ in more than case and spacing
    are two agents, whatever their script, and a name with no Latin letter or
    digit still gets an IRI of its own.

    >>> agent_iri("A. Analyst") == agent_iri("a.  analyst ")
    True
    >>> len({agent_iri("王芳"), agent_iri("李明"), agent_iri("!!!")})
    3
    >>> agent_iri("王芳").rsplit("/", 1)[1]
    'agent-8ac9540bf3a5'
    """
    import hashlib
    import unicodedata

    normal = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]
    return f"{BASE}agent/{slugify(normal)[:60].strip('-') or 'agent'}-{digest}"


def brief_iri(brief_id: str) -> URIRef:
    """The IRI of a brief, which is also the IRI of its named graph."""
    return _iri(f"{BASE}brief/{brief_id}")


def claim_iri(brief_id: str, claim_id: str) -> URIRef:
    """The IRI of one claim of a brief."""
    return _iri(f"{BASE}brief/{brief_id}/claim/{claim_id}")


def observation_iri(brief_id: str, observation_id: str) -> URIRef:
    """The IRI of one observation of a brief."""
    return _iri(f"{BASE}brief/{brief_id}/observation/{observation_id}")


def selection_iri(brief_id: str, selection_id: str) -> URIRef:
    """The IRI of one selection finding of a brief."""
    return _iri(f"{BASE}brief/{brief_id}/selection/{selection_id}")


def factor_iri(factor_id: str) -> URIRef:
    """The IRI of a factor of the shared concept scheme."""
    return _iri(f"{BASE}factor/{factor_id}")


def series_iri(series_title: str) -> URIRef:
    """The IRI of a publication series, from its title."""
    return _iri(f"{BASE}series/{slugify(series_title)}")


#: Where the Library of Congress publishes the ISO 639 languages as
#: ``dcterms:LinguisticSystem`` resources, by the length of the code: ISO 639-1
#: for two-letter codes, ISO 639-2 for three-letter ones.
LANGUAGE_BASES = {
    2: "http://id.loc.gov/vocabulary/iso639-1/",
    3: "http://id.loc.gov/vocabulary/iso639-2/",
}


def language_iri(tag: str) -> URIRef:
    """The IRI of the language of a BCP 47 tag, for ``dcterms:language``.

    DCMI gives ``dcterms:language`` the range ``dcterms:LinguisticSystem``, a
    class, so the value is the language's resource at the Library of Congress
    rather than the tag as text. Only the primary subtag names it; the full
    tag stays on the literals' language tags.

    >>> language_iri("en"), language_iri("zh-Hans")
    (rdflib.term.URIRef('http://id.loc.gov/vocabulary/iso639-1/en'), rdflib.term.URIRef('http://id.loc.gov/vocabulary/iso639-1/zh'))
    """
    primary = tag.split("-", 1)[0].casefold()
    return _iri(LANGUAGE_BASES[len(primary)] + primary)


def bind_prefixes(graph: Any) -> None:
    """Bind the prefixes of :data:`PREFIXES` on an rdflib graph or dataset."""
    from rdflib import Namespace

    for prefix, ns in PREFIXES.items():
        if prefix != "rdfs":  # rdflib binds it already
            graph.bind(prefix, Namespace(ns), override=True)


def _rdf_terms() -> dict[str, Any]:
    """The RDF layer of the vocabulary, built once on first use."""
    from rdflib import Namespace, URIRef
    from rdflib.namespace import DefinedNamespace

    class CK(DefinedNamespace):
        """The causal-claim vocabulary (``ontology/causal.ttl``)."""

        _NS = Namespace(PREFIXES["ck"])
        _fail = True

        # Classes
        Brief: URIRef
        CausalClaim: URIRef
        Observation: URIRef
        Factor: URIRef
        FactorGroup: URIRef
        Sign: URIRef
        Modality: URIRef
        Reading: URIRef
        SelectionFinding: URIRef
        SelectionDirection: URIRef
        Trend: URIRef
        # Individuals
        Increase: URIRef
        Decrease: URIRef
        NoEffect: URIRef
        Stated: URIRef
        Inferred: URIRef
        Higher: URIRef
        Lower: URIRef
        NoDifference: URIRef
        Rising: URIRef
        Falling: URIRef
        Steady: URIRef
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
        reading: URIRef
        population: URIRef
        trait: URIRef
        direction: URIRef
        trend: URIRef
        trendOf: URIRef
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
        condition: URIRef
        comparedWith: URIRef
        synthetic: URIRef
        needsReview: URIRef
        mergedInto: URIRef
        # Judgements across briefs (the derived graph)
        CrossBriefJudgement: URIRef
        CrossBriefLink: URIRef
        SelectionComparison: URIRef
        TrendComparison: URIRef
        Verdict: URIRef
        Agreement: URIRef
        HedgeMismatch: URIRef
        NullFinding: URIRef
        Contradiction: URIRef
        linkCause: URIRef
        linkEffect: URIRef
        linkPopulation: URIRef
        linkTrait: URIRef
        linkFactor: URIRef
        verdict: URIRef
        combinedSign: URIRef
        sourceCount: URIRef
        claimCount: URIRef
        # machine-proposed claims (kg extract)
        Extraction: URIRef
        cue: URIRef
        sourceSentence: URIRef
        sourceDigest: URIRef
        sentenceStart: URIRef
        sentenceEnd: URIRef
        causeAsWritten: URIRef
        effectAsWritten: URIRef

    class CKS(DefinedNamespace):
        """Namespace of the SHACL shapes (``ontology/shapes.ttl``); open, shapes vary."""

        _NS = Namespace(PREFIXES["cks"])
        _fail = False

    sign_terms = {"increases": CK.Increase, "decreases": CK.Decrease, "no_effect": CK.NoEffect}
    reading_terms = {"stated": CK.Stated, "inferred": CK.Inferred}
    direction_terms = {
        "higher": CK.Higher,
        "lower": CK.Lower,
        "no_difference": CK.NoDifference,
    }
    trend_terms = {"rising": CK.Rising, "falling": CK.Falling, "steady": CK.Steady}
    modality_terms = {
        "asserted": CK.Asserted,
        "hedged": CK.Hedged,
        "conditional": CK.Conditional,
        "reported": CK.Reported,
    }
    group_terms = {
        "economic": CK.Economic,
        "demographic": CK.Demographic,
        "social policy": CK.SocialPolicy,
        "social": CK.Social,
        "spatial": CK.Spatial,
        "political": CK.Political,
        "outcome": CK.Outcome,
    }
    return {
        "CK": CK,
        "CKS": CKS,
        "BIBO": Namespace(PREFIXES["bibo"]),
        "ONTOLOGY_IRI": URIRef(BASE + "ontology"),
        "SCHEME_IRI": URIRef(BASE + "factors"),
        "SIGN_TERMS": sign_terms,
        "SIGN_EDGES": {"increases": CK.increases, "decreases": CK.decreases},
        "MODALITY_TERMS": modality_terms,
        "GROUP_TERMS": group_terms,
        "READING_TERMS": reading_terms,
        "DIRECTION_TERMS": direction_terms,
        "TREND_TERMS": trend_terms,
        "TERM_WORDS": {
            term: word
            for terms in (
                sign_terms,
                modality_terms,
                group_terms,
                reading_terms,
                direction_terms,
                trend_terms,
            )
            for word, term in terms.items()
        },
    }


def __getattr__(name: str) -> Any:
    # PEP 562: the RDF layer is made on first use, so that importing the
    # words above does not import rdflib.
    if name in {"CK", "CKS", "BIBO", "ONTOLOGY_IRI", "SCHEME_IRI", "TERM_WORDS"} or name.endswith(
        ("_TERMS", "_EDGES")
    ):
        terms = _rdf_terms()
        globals().update(terms)
        if name in terms:
            return terms[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
