"""The two layers agree: each claim rule is enforced by the authoring checks and by SHACL.

For every kind of claim violation the test makes it twice. Once in a YAML
brief, where the authoring checks must catch it (``kg.validate``). Once
directly in the RDF graph of a valid brief, altered with rdflib so that the
authoring checks are bypassed, where the SHACL shapes must catch it (both on
the whole dataset and on the brief's own graph). A rule that only one layer
knows would let a graph from another source through, or stop a valid file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from helpers import BRIEF_ID, BRIEF_YAML, FACTORS_YAML
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD

import kg
from kg.rdf.build import corpus_to_dataset, source_records
from kg.validation import brief_shacl_problems, shacl_problems
from kg.vocab import CK, SCHEME_IRI, brief_iri, claim_iri, factor_iri, observation_iri

CLAIM_ID = "relocation-drives-growth"  # the second claim of the fixture brief: hedged, 0.6
RECORD = f"claim {CLAIM_ID!r}"
CLAIM = claim_iri(BRIEF_ID, CLAIM_ID)
AFTER = "    confidence: 0.6\n"  # the line after which the YAML cases add fields
assert BRIEF_YAML.count(AFTER) == 1 and f"- id: {CLAIM_ID}" in BRIEF_YAML


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def outside(term: URIRef, name: str) -> URIRef:
    """An IRI in the ck: namespace that is not one of its terms."""
    return URIRef(str(term).rsplit("#", 1)[0] + "#" + name)


@dataclass(frozen=True)
class Violation:
    """One kind of claim violation, in the graph and in YAML, and the fields each layer names."""

    alter: Callable[[Graph], None]  # makes it in the claim's graph
    shacl_field: str
    yaml_old: str  # text replaced (first occurrence) in the fixture brief
    yaml_new: str
    authoring_field: str


def same_cause_and_effect(graph: Graph) -> None:
    graph.set((CLAIM, CK.effect, graph.value(CLAIM, CK.cause)))


def start_after_end(graph: Graph) -> None:
    graph.add((CLAIM, CK.timeScope, Literal("over the decade")))
    graph.add((CLAIM, CK.startYear, year(2015)))
    graph.add((CLAIM, CK.endYear, year(2005)))


def start_year_alone(graph: Graph) -> None:
    graph.add((CLAIM, CK.startYear, year(2005)))


def end_year_alone(graph: Graph) -> None:
    graph.add((CLAIM, CK.endYear, year(2015)))


def reported_unattributed(graph: Graph) -> None:
    graph.set((CLAIM, CK.modality, CK.Reported))


def confidence(value: str) -> Callable[[Graph], None]:
    def alter(graph: Graph) -> None:
        graph.set((CLAIM, CK.confidence, Literal(Decimal(value))))

    return alter


def unknown_sign(graph: Graph) -> None:
    graph.set((CLAIM, CK.sign, outside(CK.Increase, "Sideways")))


def unknown_modality(graph: Graph) -> None:
    graph.set((CLAIM, CK.modality, outside(CK.Hedged, "Rumoured")))


# fmt: off
VIOLATIONS = {
    "cause equals effect": Violation(
        same_cause_and_effect, "cause",
        "    effect: local-growth\n", "    effect: relocation\n", "effect",
    ),
    "start year after end year": Violation(
        start_after_end, "start_year",
        AFTER, AFTER + "    time_scope: over the decade\n    start_year: 2015\n    end_year: 2005\n",
        "end_year",
    ),
    "start year without time scope": Violation(
        start_year_alone, "start_year", AFTER, AFTER + "    start_year: 2005\n", "start_year",
    ),
    "end year without time scope": Violation(
        end_year_alone, "end_year", AFTER, AFTER + "    end_year: 2015\n", "end_year",
    ),
    "reported without attributed_to": Violation(
        reported_unattributed, "attributed_to",
        "    modality: hedged\n", "    modality: reported\n", "attributed_to",
    ),
    "confidence above 1": Violation(
        confidence("1.5"), "confidence", AFTER, "    confidence: 1.5\n", "confidence",
    ),
    "confidence below 0": Violation(
        confidence("-0.1"), "confidence", AFTER, "    confidence: -0.1\n", "confidence",
    ),
    "unknown sign": Violation(
        unknown_sign, "sign",
        "    sign: increases\n    modality: hedged\n",
        "    sign: sideways\n    modality: hedged\n", "sign",
    ),
    "unknown modality": Violation(
        unknown_modality, "modality", "    modality: hedged\n", "    modality: rumoured\n",
        "modality",
    ),
}
# fmt: on


@pytest.fixture
def valid_build(write_data):
    """The dataset and source records of the valid fixture data, checked clean by SHACL."""
    corpus, problems = kg.read_corpus(write_data())
    assert problems == []
    dataset = corpus_to_dataset(corpus)
    records = source_records(corpus)
    assert shacl_problems(dataset, records) == []
    return dataset, records


@pytest.mark.parametrize("name", VIOLATIONS)
def test_shacl_catches_the_violation_made_in_the_graph(name, valid_build):
    violation = VIOLATIONS[name]
    dataset, records = valid_build
    violation.alter(dataset.graph(brief_iri(BRIEF_ID)))
    found = shacl_problems(dataset, records)
    assert found, f"SHACL lets {name!r} through"
    assert all(p.severity == "violation" and p.origin == "shacl" for p in found)
    assert (RECORD, violation.shacl_field) in {(p.record, p.field) for p in found}
    assert {p.record for p in found} == {RECORD}
    # The brief's own check finds the same.
    assert brief_shacl_problems(dataset, BRIEF_ID, records) == found


@pytest.mark.parametrize("name", VIOLATIONS)
def test_the_authoring_checks_catch_the_violation_written_in_yaml(name, write_data):
    violation = VIOLATIONS[name]
    assert BRIEF_YAML.count(violation.yaml_old) >= 1
    brief = BRIEF_YAML.replace(violation.yaml_old, violation.yaml_new, 1)
    report = kg.validate(write_data(brief=brief))
    assert not report.conforms
    assert not report.shacl_checked  # stopped by the authoring checks, before the graph
    assert (RECORD, violation.authoring_field, "authoring") in {
        (p.record, p.field, p.origin) for p in report.problems
    }


def test_every_violation_case_changes_the_yaml_of_the_same_claim():
    # The YAML edits land in the claim the graph cases alter, not elsewhere.
    start = BRIEF_YAML.index(f"- id: {CLAIM_ID}")
    end = BRIEF_YAML.index("- id:", start + 1)
    for name, violation in VIOLATIONS.items():
        at = BRIEF_YAML.index(violation.yaml_old)
        assert start < at < end, name


def test_a_reported_claim_with_attributed_to_passes_both_layers(write_data, valid_build):
    dataset, records = valid_build
    graph = dataset.graph(brief_iri(BRIEF_ID))
    reported_unattributed(graph)
    graph.add((CLAIM, CK.attributedTo, Literal("The ministry")))
    assert shacl_problems(dataset, records) == []
    brief = BRIEF_YAML.replace(
        "    modality: hedged\n", "    modality: reported\n    attributed_to: The ministry\n", 1
    )
    report = kg.validate(write_data(brief=brief, name="reported"))
    assert report.conforms, report.text()


def test_years_with_a_time_scope_pass_both_layers(write_data, valid_build):
    dataset, records = valid_build
    graph = dataset.graph(brief_iri(BRIEF_ID))
    graph.add((CLAIM, CK.timeScope, Literal("over the decade")))
    graph.add((CLAIM, CK.startYear, year(2005)))
    graph.add((CLAIM, CK.endYear, year(2015)))
    assert shacl_problems(dataset, records) == []
    brief = BRIEF_YAML.replace(
        AFTER, AFTER + "    time_scope: over the decade\n    start_year: 2005\n    end_year: 2015\n"
    )
    report = kg.validate(write_data(brief=brief, name="dated"))
    assert report.conforms, report.text()


def test_an_observation_without_concerns_fails_both_layers(write_data, valid_build):
    dataset, records = valid_build
    observation = observation_iri(BRIEF_ID, "firms-moving")
    dataset.graph(brief_iri(BRIEF_ID)).remove((observation, CK.concerns, None))
    (problem,) = shacl_problems(dataset, records)
    assert (problem.record, problem.field) == ("observation 'firms-moving'", "concerns")
    report = kg.validate(write_data(brief=BRIEF_YAML.replace("    concerns: [relocation]\n", "")))
    assert "concerns" in {p.field for p in report.problems if p.origin == "authoring"}


def test_a_short_factor_definition_fails_both_layers(write_data, valid_build):
    dataset, records = valid_build
    scheme = dataset.graph(SCHEME_IRI)
    scheme.set((factor_iri("relocation"), SKOS.definition, Literal("Moving.", lang="en")))
    (problem,) = shacl_problems(dataset, records)
    assert (problem.record, problem.field) == ("factor 'relocation'", "definition")
    old = "definition: Firms moving elsewhere. More means more firms moving."
    report = kg.validate(write_data(factors=FACTORS_YAML.replace(old, "definition: Moving.")))
    assert ("factor 'relocation'", "definition") in {(p.record, p.field) for p in report.problems}
