"""Claims as the source states them: reading, null findings, conditions,
selection findings and observed trends, through the YAML reader, the build and the shapes."""

from __future__ import annotations

import pytest
from helpers import BRIEF_ID, BRIEF_YAML, FACTORS_YAML, line_of
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

import kg
from kg.rdf.build import corpus_to_dataset, source_records
from kg.validation import shacl_problems
from kg.vocab import CK, claim_iri, factor_iri, observation_iri, selection_iri

BRIEF_FILE = "data/briefs/test-brief.yaml"

FACTORS = FACTORS_YAML + (
    "  - id: worker-skills\n"
    "    label: Worker skills\n"
    "    definition: What workers know and can do. More means more skilled workers.\n"
    "    group: economic\n"
)

# The fixture brief with each new field: an inferred claim, a null finding, a conditional
# claim with its condition, a trend observation and a selection finding.
MODEL_BRIEF = (
    BRIEF_YAML.replace(
        "    concerns: [relocation]\n",
        "    concerns: [relocation]\n"
        "    trend: rising\n"
        "    trend_of: relocation\n"
        "    time_scope: the 2010s\n"
        "    start_year: 2010\n"
        "    end_year: 2019\n",
    ).replace(
        "    modality: hedged\n    confidence: 0.6\n",
        "    modality: conditional\n"
        "    condition: when the receiving region has spare land\n"
        "    reading: inferred\n"
        "    confidence: 0.6\n",
    )
    + """
  - id: costs-leave-homecoming-unchanged
    point: 4
    cause: input-costs
    effect: homecoming
    sign: no_effect
    modality: asserted
    reading: stated
    confidence: 0.7
    paraphrase: Dearer inputs make no measurable difference to how many workers return.

selections:
  - id: returnees-less-skilled
    point: 5
    population: homecoming
    compared_with: workers who stay in the cities
    trait: worker-skills
    direction: lower
    modality: hedged
    confidence: 0.6
    reading: stated
    paraphrase: Those who come home tend to be less skilled than those who stay away.
    evidence: [A survey of returnees in two provinces.]
"""
)


@pytest.fixture
def model_data(write_data):
    return write_data(brief=MODEL_BRIEF, factors=FACTORS)


def test_each_new_field_is_read(model_data):
    corpus, problems = kg.read_corpus(model_data)
    assert problems == []
    brief = corpus.briefs[BRIEF_ID]
    claims = {c.id: c for c in brief.claims}
    assert claims["relocation-drives-growth"].reading == "inferred"
    assert (
        claims["relocation-drives-growth"].condition == "when the receiving region has spare land"
    )
    assert claims["costs-drive-relocation"].reading == "stated"  # the default
    assert claims["costs-leave-homecoming-unchanged"].sign == "no_effect"
    (selection,) = brief.selections
    assert (selection.population, selection.trait, selection.direction) == (
        "homecoming",
        "worker-skills",
        "lower",
    )
    (observation,) = brief.observations
    assert (observation.trend, observation.trend_of, observation.start_year) == (
        "rising",
        "relocation",
        2010,
    )


def test_the_build_writes_the_new_fields_and_they_conform(model_data):
    corpus, _ = kg.read_corpus(model_data)
    dataset = corpus_to_dataset(corpus)
    inferred = claim_iri(BRIEF_ID, "relocation-drives-growth")
    assert (inferred, CK.reading, CK.Inferred) in dataset
    condition = Literal("when the receiving region has spare land", lang="en")
    assert (inferred, CK.condition, condition) in dataset
    null = claim_iri(BRIEF_ID, "costs-leave-homecoming-unchanged")
    assert (null, CK.sign, CK.NoEffect) in dataset
    finding = selection_iri(BRIEF_ID, "returnees-less-skilled")
    assert (finding, RDF.type, CK.SelectionFinding) in dataset
    assert (finding, CK.direction, CK.Lower) in dataset
    observation = observation_iri(BRIEF_ID, "firms-moving")
    assert (observation, CK.trend, CK.Rising) in dataset
    assert (observation, CK.trendOf, factor_iri("relocation")) in dataset
    assert shacl_problems(dataset, source_records(corpus)) == []


def test_a_null_finding_and_a_selection_finding_make_no_causal_edge(model_data):
    corpus, _ = kg.read_corpus(model_data)
    dataset = corpus_to_dataset(corpus)
    costs, home = factor_iri("input-costs"), factor_iri("homecoming")
    skills = factor_iri("worker-skills")
    assert not list(dataset.triples((costs, CK.causes, home)))
    assert not list(dataset.triples((home, CK.causes, skills)))
    assert not list(dataset.triples((skills, CK.causes, home)))
    G = kg.causal_graph(dataset)
    assert not G.has_edge(str(costs), str(home))
    assert not G.has_edge(str(home), str(skills)) and not G.has_edge(str(skills), str(home))
    assert [c["claim"] for c in G.graph["null_claims"]] == [
        str(claim_iri(BRIEF_ID, "costs-leave-homecoming-unchanged"))
    ]
    assert [s["finding"] for s in G.graph["selections"]] == [
        str(selection_iri(BRIEF_ID, "returnees-less-skilled"))
    ]


def test_stated_only_leaves_inferred_claims_out(model_data):
    dataset = corpus_to_dataset(kg.read_corpus(model_data)[0])
    every = kg.causal_graph(dataset)
    stated = kg.causal_graph(dataset, stated_only=True)
    relocation, growth = str(factor_iri("relocation")), str(factor_iri("local-growth"))
    assert every.has_edge(relocation, growth) and not stated.has_edge(relocation, growth)
    assert every.number_of_edges() - stated.number_of_edges() == 1


def _selection_yaml(old: str, new: str) -> str:
    assert old in MODEL_BRIEF, old
    return MODEL_BRIEF.replace(old, new, 1)


# Each refusal: (YAML edit, the line's needle, record, field, message fragment).
# fmt: off
REFUSALS = {
    "selection direction": (
        ("direction: lower", "direction: worse"), "direction: worse",
        "selection 'returnees-less-skilled'", "direction", "'worse' is not allowed",
    ),
    "selection unknown population": (
        ("population: homecoming", "population: pilgrims"), "population: pilgrims",
        "selection 'returnees-less-skilled'", "population", "'pilgrims' is not a known factor",
    ),
    "selection population is its trait": (
        ("trait: worker-skills", "trait: homecoming"), "trait: homecoming",
        "selection 'returnees-less-skilled'", "trait", "is the same factor as the population",
    ),
    "selection without compared_with": (
        ("    compared_with: workers who stay in the cities\n", ""),
        "- id: returnees-less-skilled", "selection 'returnees-less-skilled'", "compared_with",
        "is missing",
    ),
    "selection with a cause": (
        ("    population: homecoming\n", "    population: homecoming\n    cause: input-costs\n"),
        "cause: input-costs", "selection 'returnees-less-skilled'", "cause",
        "is not a known field",
    ),
    "selection reading": (
        ("    reading: stated\n    paraphrase: Those", "    reading: maybe\n    paraphrase: Those"),
        "reading: maybe", "selection 'returnees-less-skilled'", "reading",
        "'maybe' is not allowed",
    ),
    "trend value": (
        ("trend: rising", "trend: soaring"), "trend: soaring",
        "observation 'firms-moving'", "trend", "'soaring' is not allowed",
    ),
    "trend without trend_of": (
        ("    trend_of: relocation\n", ""), "trend: rising",
        "observation 'firms-moving'", "trend_of", "is missing: trend is given without it",
    ),
    "trend_of not concerned": (
        ("trend_of: relocation", "trend_of: local-growth"), "trend_of: local-growth",
        "observation 'firms-moving'", "trend_of", "is not among the factors",
    ),
    "observation years out of order": (
        ("    end_year: 2019\n", "    end_year: 2001\n"), "end_year: 2001",
        "observation 'firms-moving'", "end_year", "2001 comes before start_year 2010",
    ),
    "null sign misspelt": (
        ("sign: no_effect", "sign: none_found"), "sign: none_found",
        "claim 'costs-leave-homecoming-unchanged'", "sign", "'none_found' is not allowed",
    ),
    "conditional without condition": (
        ("    condition: when the receiving region has spare land\n", ""),
        "modality: conditional", "claim 'relocation-drives-growth'", "condition",
        "is missing for a conditional claim",
    ),
    "condition not text": (
        ("condition: when the receiving region has spare land", "condition: [a, b]"),
        "condition: [a, b]", "claim 'relocation-drives-growth'", "condition",
        "expected text, got a list",
    ),
}
# fmt: on


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_each_bad_value_is_refused_at_its_file_and_line(kind, write_data):
    (old, new), needle, record, field, message = REFUSALS[kind]
    text = _selection_yaml(old, new)
    _corpus, problems = kg.read_corpus(write_data(brief=text, factors=FACTORS))
    found = [(p.path, p.line, p.record, p.field) for p in problems if message in p.message]
    start = "- id: " + record.split("'")[1]
    assert found == [(BRIEF_FILE, line_of(text, needle, start=start), record, field)], problems


def test_a_bad_record_is_left_out_and_the_others_kept(write_data):
    text = _selection_yaml("direction: lower", "direction: worse")
    corpus, problems = kg.read_corpus(write_data(brief=text, factors=FACTORS))
    assert len(problems) == 1
    assert corpus.briefs == {} or corpus.briefs[BRIEF_ID].selections == []


# ---------------------------------------------------------------- the shapes refuse alike


@pytest.fixture
def model_build(model_data):
    corpus, _ = kg.read_corpus(model_data)
    return corpus_to_dataset(corpus), source_records(corpus)


def _fields(found) -> set[tuple[str, str]]:
    return {(p.record, p.field) for p in found if p.severity == "violation"}


def test_shacl_refuses_a_conditional_claim_without_its_condition(model_build):
    dataset, records = model_build
    dataset.graph(URIRef(str(kg.vocab.brief_iri(BRIEF_ID)))).remove(
        (claim_iri(BRIEF_ID, "relocation-drives-growth"), CK.condition, None)
    )
    found = shacl_problems(dataset, records)
    assert _fields(found) == {("claim 'relocation-drives-growth'", "condition")}


@pytest.mark.parametrize(
    ("subject", "predicate", "value", "record", "field"),
    [
        (
            claim_iri(BRIEF_ID, "costs-drive-relocation"),
            CK.reading,
            CK.Lower,
            "claim 'costs-drive-relocation'",
            "reading",
        ),
        (
            selection_iri(BRIEF_ID, "returnees-less-skilled"),
            CK.direction,
            CK.Rising,
            "selection 'returnees-less-skilled'",
            "direction",
        ),
        (
            selection_iri(BRIEF_ID, "returnees-less-skilled"),
            CK.trait,
            factor_iri("homecoming"),
            "selection 'returnees-less-skilled'",
            "population",
        ),
        (
            observation_iri(BRIEF_ID, "firms-moving"),
            CK.trendOf,
            factor_iri("local-growth"),
            "observation 'firms-moving'",
            "trend_of",
        ),
    ],
)
def test_shacl_refuses_bad_values_of_the_new_fields(
    model_build, subject, predicate, value, record, field
):
    dataset, records = model_build
    dataset.graph(URIRef(str(kg.vocab.brief_iri(BRIEF_ID)))).set((subject, predicate, value))
    assert _fields(shacl_problems(dataset, records)) == {(record, field)}


def test_shacl_refuses_a_selection_finding_with_a_cause(model_build):
    dataset, records = model_build
    finding = selection_iri(BRIEF_ID, "returnees-less-skilled")
    graph = dataset.graph(URIRef(str(kg.vocab.brief_iri(BRIEF_ID))))
    graph.add((finding, CK.cause, factor_iri("input-costs")))
    assert ("selection 'returnees-less-skilled'", "population") in _fields(
        shacl_problems(dataset, records)
    )
