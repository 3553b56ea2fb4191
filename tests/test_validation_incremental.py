"""Checking the factor scheme and each brief's graph apart finds what the whole check finds.

A build that knows which brief files changed re-checks only their graphs
(:func:`kg.validation.brief_shacl_problems`); these tests show that the pieces
together give exactly the problems of :func:`kg.validation.shacl_problems` on
the whole dataset, on the shipped briefs and on copies broken in many ways.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import make_linked_data, with_example
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DC, RDF, SKOS

import kg
from kg.rdf.build import corpus_to_dataset, source_records
from kg.validation import (
    brief_shacl_problems,
    load_shapes,
    scheme_shacl_problems,
    shacl_check,
    shacl_problems,
)
from kg.vocab import CK, SCHEME_IRI, brief_iri, claim_iri, factor_iri, observation_iri

FIRST, SECOND = "eai-bb-1360", "example-second-view"


@functools.cache
def shipped_data() -> Path:
    """The shipped data with the example brief, so that there are two briefs to tell apart."""
    root = Path(tempfile.mkdtemp(prefix="kg-shipped-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return with_example(root / "data")


def shipped():
    corpus, problems = kg.read_corpus(shipped_data())
    assert problems == []
    return corpus, corpus_to_dataset(corpus), source_records(corpus)


def pieces(corpus, dataset, records) -> dict[str, list]:
    """The problems of the scheme and of each brief, each checked on its own."""
    found = {"scheme": scheme_shacl_problems(dataset, records)}
    for brief_id in sorted(corpus.briefs):
        found[brief_id] = brief_shacl_problems(dataset, brief_id, records)
    return found


def assert_pieces_match_whole(corpus, dataset, records) -> dict[str, list]:
    found = pieces(corpus, dataset, records)
    together = sorted({p for problems in found.values() for p in problems})
    assert together == shacl_problems(dataset, records)
    return found


def first_claim(corpus, brief_id: str) -> URIRef:
    return claim_iri(brief_id, corpus.briefs[brief_id].claims[0].id)


def test_the_shipped_briefs_conform_piece_by_piece():
    corpus, dataset, records = shipped()
    found = assert_pieces_match_whole(corpus, dataset, records)
    assert found == {"scheme": [], **{brief_id: [] for brief_id in corpus.briefs}}
    assert {FIRST, SECOND} <= set(corpus.briefs)


def test_linked_briefs_conform_piece_by_piece(tmp_path):
    corpus, problems = kg.read_corpus(make_linked_data(tmp_path / "linked"))
    assert problems == [] and len(corpus.briefs) == 3
    dataset = corpus_to_dataset(corpus)
    found = assert_pieces_match_whole(corpus, dataset, source_records(corpus))
    assert all(problems == [] for problems in found.values())


def in_graph(dataset: Dataset, name: URIRef):
    return dataset.graph(name)


# Each breaks the shipped dataset as a faulty build or a hand edit might, and
# names the pieces (scheme or brief ids) where the problems must show.
Break = Callable[[object, Dataset], None]


def drop_sign(corpus, dataset):
    in_graph(dataset, brief_iri(FIRST)).remove((first_claim(corpus, FIRST), CK.sign, None))


def bad_confidence(corpus, dataset):
    graph, claim = in_graph(dataset, brief_iri(SECOND)), first_claim(corpus, SECOND)
    graph.set((claim, CK.confidence, Literal(Decimal("1.5"))))


def cause_is_effect(corpus, dataset):
    graph, claim = in_graph(dataset, brief_iri(FIRST)), first_claim(corpus, FIRST)
    graph.set((claim, CK.effect, graph.value(claim, CK.cause)))


def drop_definition(corpus, dataset):
    in_graph(dataset, SCHEME_IRI).remove((factor_iri("return-migration"), SKOS.definition, None))


SHARED = "coastal-costs"


def untype_shared_factor(corpus, dataset):
    # Claims of several briefs name this factor; once it is no longer a ck:Factor,
    # the claims of all of them fail and the factor itself is no longer checked.
    in_graph(dataset, SCHEME_IRI).remove((factor_iri(SHARED), RDF.type, CK.Factor))


def briefs_naming_shared(corpus) -> set[str]:
    """The briefs with a claim whose cause or effect is the shared factor."""
    return {
        brief_id
        for brief_id, brief in corpus.briefs.items()
        if any(SHARED in (c.cause, c.effect) for c in brief.claims)
    }


def unknown_factor(corpus, dataset):
    graph, claim = in_graph(dataset, brief_iri(SECOND)), first_claim(corpus, SECOND)
    graph.set((claim, CK.cause, factor_iri("no-such-factor")))


def drop_publisher(corpus, dataset):
    in_graph(dataset, brief_iri(SECOND)).remove((brief_iri(SECOND), DC.publisher, None))


def observation_concerns_a_claim(corpus, dataset):
    obs = corpus.briefs[FIRST].observations[0]
    graph = in_graph(dataset, brief_iri(FIRST))
    graph.add((observation_iri(FIRST, obs.id), CK.concerns, first_claim(corpus, FIRST)))


def review_flag(corpus, dataset):
    in_graph(dataset, SCHEME_IRI).add((factor_iri("urban-layoffs"), CK.needsReview, Literal(True)))


def everything(corpus, dataset):
    for step in (drop_sign, bad_confidence, drop_definition, untype_shared_factor, review_flag):
        step(corpus, dataset)


# The pieces are brief ids, "scheme", or SHARING: every brief naming the shared factor.
SHARING = "briefs naming the shared factor"
BREAKS: dict[str, tuple[Break, set[str]]] = {
    "claim without sign": (drop_sign, {FIRST}),
    "confidence above 1": (bad_confidence, {SECOND}),
    "cause equals effect": (cause_is_effect, {FIRST}),
    "factor without definition": (drop_definition, {"scheme"}),
    "shared factor not a ck:Factor": (untype_shared_factor, {SHARING}),
    "cause not in the scheme": (unknown_factor, {SECOND}),
    "brief without publisher": (drop_publisher, {SECOND}),
    "observation concerns a claim": (observation_concerns_a_claim, {FIRST}),
    "factor awaiting review": (review_flag, {"scheme"}),
    "several at once": (everything, {"scheme", FIRST, SECOND, SHARING}),
}


@pytest.mark.slow  # one SHACL run per breakage, twice: about 30 s in all
@pytest.mark.parametrize("name", BREAKS)
def test_a_broken_dataset_gives_the_same_problems_piece_by_piece(name):
    breaks, where = BREAKS[name]
    corpus, dataset, records = shipped()
    breaks(corpus, dataset)
    found = assert_pieces_match_whole(corpus, dataset, records)
    if SHARING in where:
        sharing = briefs_naming_shared(corpus)
        assert {FIRST, SECOND} <= sharing
        where = (where - {SHARING}) | sharing
    assert {piece for piece, problems in found.items() if problems} == where


def test_a_brief_check_sees_only_its_own_nodes():
    corpus, dataset, records = shipped()
    drop_definition(corpus, dataset)
    # The factor's problem belongs to the scheme; no brief check repeats it.
    assert brief_shacl_problems(dataset, FIRST, records) == []
    (problem,) = scheme_shacl_problems(dataset, records)
    assert problem.record == "factor 'return-migration'" and problem.field == "definition"


def test_a_dataset_built_without_the_ontology_is_checked_alike():
    corpus, problems = kg.read_corpus(shipped_data())
    dataset = corpus_to_dataset(corpus, include_ontology=False)
    records = source_records(corpus)
    # ck:Factor is a skos:Concept only through the ontology's class hierarchy.
    dataset.graph(SCHEME_IRI).remove((factor_iri("coastal-costs"), RDF.type, SKOS.Concept))
    assert assert_pieces_match_whole(corpus, dataset, records) == {
        "scheme": [],
        **{brief_id: [] for brief_id in corpus.briefs},
    }
    untype_shared_factor(corpus, dataset)
    assert shacl_problems(dataset, records)


def test_shacl_check_with_no_typed_node_finds_nothing():
    corpus, dataset, records = shipped()
    empty = dataset.graph(URIRef("https://example.org/empty"))
    assert shacl_check(empty, records, context=[dataset.graph(SCHEME_IRI)]) == []


def test_the_shapes_can_be_given_once_for_many_checks():
    corpus, dataset, records = shipped()
    shapes = load_shapes()
    drop_sign(corpus, dataset)
    assert brief_shacl_problems(dataset, FIRST, records, shapes=shapes) == brief_shacl_problems(
        dataset, FIRST, records
    )


@pytest.mark.parametrize("name", [None, *BREAKS])
def test_a_big_store_checked_subject_by_subject_gives_the_problems_of_one_run(name):
    """A store is checked in batches of a few subjects (with the types of what they name)."""
    from kg.rdf.writers import rdflib_quads
    from kg.validation import store_shacl_problems

    corpus, dataset, records = shipped()
    if name is not None:
        BREAKS[name][0](corpus, dataset)
    store = ox.Store()
    store.extend(rdflib_quads(dataset))  # the named graphs kept, as kg build's store holds them
    whole = shacl_problems(dataset, records)
    assert whole or name is None  # each break shows
    assert store_shacl_problems(store, records, batch_triples=len(store)) == whole
    assert store_shacl_problems(store, records, batch_triples=40) == whole
