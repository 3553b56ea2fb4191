"""SHACL validation: severities, the shapes file, review warnings, checking brief by brief."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from helpers import BRIEF_YAML, FACTORS_YAML, line_of
from rdflib import Graph
from rdflib.namespace import RDF

import kg
from kg.errors import EXIT_ERROR, DataNotFound, UnreadableFile
from kg.io import display_path
from kg.problems import Problem, ValidationReport
from kg.rdf.build import corpus_to_dataset, source_records
from kg.resources import ontology_dir
from kg.validation import load_shapes, shacl_problems
from kg.vocab import CK

PREFIXES = """\
@prefix sh:  <http://www.w3.org/ns/shacl#> .
@prefix ck:  <https://w3id.org/briefkg/ontology#> .
@prefix ex:  <https://example.org/shapes#> .
"""

# Every claim of the fixture brief lacks evidence notes: a warning for each.
WARNING_SHAPE = """\
ex:ClaimEvidence a sh:NodeShape ;
    sh:targetClass ck:CausalClaim ;
    sh:property ex:ClaimEvidence-note .
ex:ClaimEvidence-note a sh:PropertyShape ;
    sh:path ck:evidenceNote ;
    sh:name "evidence" ;
    sh:minCount 1 ;
    sh:severity sh:Warning ;
    sh:message "A claim should say what evidence the brief gives." .
"""

# The second claim is hedged: with this shape, a violation.
VIOLATION_SHAPE = """\
ex:NoHedging a sh:NodeShape ;
    sh:targetClass ck:CausalClaim ;
    sh:property ex:NoHedging-modality .
ex:NoHedging-modality a sh:PropertyShape ;
    sh:path ck:modality ;
    sh:name "modality" ;
    sh:in ( ck:Asserted ) ;
    sh:message "Only asserted claims here." .
"""

CLAIMS = ["costs-drive-relocation", "relocation-drives-growth", "growth-draws-workers-home"]


def fixture_graph(write_data):
    corpus, problems = kg.read_corpus(write_data())
    assert problems == []
    return corpus_to_dataset(corpus), source_records(corpus)


def shapes_from(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


# ---------------------------------------------------------------- severities


def test_a_warning_shape_gives_warnings_and_the_data_still_conforms(write_data):
    dataset, records = fixture_graph(write_data)
    found = shacl_problems(dataset, records, shapes=shapes_from(WARNING_SHAPE))
    assert sorted(p.record for p in found) == sorted(f"claim {c!r}" for c in CLAIMS)
    assert {(p.severity, p.field, p.origin) for p in found} == {("warning", "evidence", "shacl")}
    report = ValidationReport(problems=found, files=["a", "b"], shacl_checked=True)
    assert report.conforms
    assert report.warnings == found and report.violations == []
    lines = report.text().splitlines()
    assert (
        lines[-1]
        == "Conforms, with 3 warnings: 2 files pass the authoring checks and SHACL shapes."
    )
    assert all(": warning: claim '" in ln for ln in lines[:-1]) and len(lines) == 4


def test_a_violation_beside_warnings_fails_and_the_verdict_counts_both(write_data):
    dataset, records = fixture_graph(write_data)
    shapes = shapes_from(WARNING_SHAPE + VIOLATION_SHAPE)
    found = shacl_problems(dataset, records, shapes=shapes)
    report = ValidationReport(problems=found, files=["a", "b"], shacl_checked=True)
    (violation,) = report.violations
    assert violation.record == "claim 'relocation-drives-growth'"
    assert violation.line == line_of(
        BRIEF_YAML, "modality:", start="- id: relocation-drives-growth"
    )
    assert not report.conforms
    assert report.text().splitlines()[-1] == (
        "Does not conform: 1 problem and 3 warnings in 2 files (authoring checks and SHACL shapes)."
    )
    # The violation's line keeps the usual format; warnings say so after the place.
    assert str(violation).startswith("data/briefs/test-brief.yaml:")
    assert ": warning: " not in str(violation)


def test_the_shipped_shapes_with_an_added_warning_keep_validate_conforming(write_data):
    shapes = Graph()
    shapes += load_shapes()
    shapes += shapes_from(WARNING_SHAPE)
    dataset, records = fixture_graph(write_data)
    found = shacl_problems(dataset, records, shapes=shapes)
    assert found and all(p.severity == "warning" for p in found)


def test_a_problem_refuses_an_unknown_severity():
    with pytest.raises(ValueError, match="severity"):
        Problem("f", 1, "", "", "x", severity="fatal")


# ---------------------------------------------------------------- the shapes file


def test_load_shapes_reads_a_given_file_and_reuses_the_parse(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(PREFIXES + WARNING_SHAPE, encoding="utf-8")
    first = load_shapes(path)
    assert first is load_shapes(path)
    assert len(first) == len(shapes_from(WARNING_SHAPE))
    # An edited file is parsed again.
    path.write_text(PREFIXES + WARNING_SHAPE + VIOLATION_SHAPE, encoding="utf-8")
    assert len(load_shapes(path)) > len(first)


def test_malformed_shapes_name_the_file_and_the_parsers_line(tmp_path):
    text = PREFIXES + WARNING_SHAPE + "ex:Broken a sh:NodeShape\n    sh:targetClass ck:Brief ;;\n"
    text += "ex:Next a sh:NodeShape .\n"
    path = tmp_path / "shapes.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableFile) as caught:
        load_shapes(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{display_path(path)}:")
    line = int(message.split(":", 2)[1])
    assert line_of(text, "ex:Broken") <= line <= len(text.splitlines())
    assert "not valid Turtle" in message


def test_a_missing_shapes_file_is_data_not_found(tmp_path):
    with pytest.raises(DataNotFound, match="shapes file .*missing"):
        load_shapes(tmp_path / "none.ttl")


@pytest.fixture
def broken_ontology(tmp_path, monkeypatch) -> Path:
    """kg's ontology folder with a shapes file cut off in the middle of a statement."""
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    shapes = folder / "shapes.ttl"
    text = shapes.read_text(encoding="utf-8")
    cut = text.index("cks:CausalClaim-sign\n")
    shapes.write_text(text[:cut] + "cks:CausalClaim-sign sh:path [ \n" + text[cut:], "utf-8")
    # kg.validation.validate names both the module and its function: take the module.
    module = importlib.import_module("kg.validation.validate")
    monkeypatch.setattr(module, "ontology_dir", lambda: folder)
    return shapes


def test_validate_with_malformed_shapes_exits_2_with_one_line(broken_ontology, write_data, invoke):
    write_data()
    result = invoke("validate", "--data", "data")
    assert result.exit_code == EXIT_ERROR
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("kg: error: ") and "shapes.ttl:" in line and "not valid Turtle" in line


def test_shapes_that_are_turtle_but_not_shacl_are_unreadable(tmp_path, write_data):
    bad = shapes_from(
        "ex:S a sh:NodeShape ; sh:targetClass ck:CausalClaim ;"
        ' sh:property [ sh:path ck:sign ; sh:minCount "many" ] .'
    )
    dataset, records = fixture_graph(write_data)
    with pytest.raises(UnreadableFile, match="not valid SHACL"):
        shacl_problems(dataset, records, shapes=bad)


def test_fixture_factors_have_no_review_flag():
    # The review tests below rely on adding the flag themselves.
    assert "review:" not in FACTORS_YAML


# ---------------------------------------------------------------- factors awaiting review


def with_review(factors: str, *ids: str) -> str:
    for ident in ids:
        start = factors.index(f"  - id: {ident}\n")
        group = factors.index("    group:", start)
        end = factors.index("\n", group) + 1
        factors = factors[:end] + "    review: true\n" + factors[end:]
    return factors


def test_each_factor_awaiting_review_is_one_warning_and_the_data_conforms(write_data):
    factors = with_review(FACTORS_YAML, "relocation", "homecoming")
    report = kg.validate(write_data(factors=factors))
    assert report.conforms, report.text()
    assert report.violations == []
    warnings = report.warnings
    assert [(p.record, p.field, p.severity) for p in warnings] == [
        ("factor 'relocation'", "review", "warning"),
        ("factor 'homecoming'", "review", "warning"),
    ]
    for problem, ident in zip(warnings, ["relocation", "homecoming"], strict=True):
        assert problem.path == "data/factors.yaml"
        assert problem.line == line_of(factors, "review: true", start=f"- id: {ident}")
        assert str(problem).startswith(
            f"data/factors.yaml:{problem.line}: warning: factor '{ident}': review: awaiting review; "
        )
        assert "remove `review: true`" in str(problem)
    assert report.text().splitlines()[-1] == (
        "Conforms, with 2 warnings: 2 files pass the authoring checks and SHACL shapes."
    )


def test_validate_prints_review_warnings_and_exits_0(write_data, invoke):
    write_data(factors=with_review(FACTORS_YAML, "local-growth"))
    result = invoke("validate", "--data", "data")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and ": warning: factor 'local-growth': review: " in lines[0]
    assert lines[1].startswith("Conforms, with 1 warning: ")


def test_build_goes_ahead_with_factors_awaiting_review(write_data):
    write_data(factors=with_review(FACTORS_YAML, "input-costs"))
    result = kg.build_dataset(Path("data"))
    assert [p.record for p in result.report.warnings] == ["factor 'input-costs'"]


def test_review_false_is_no_warning(write_data):
    factors = with_review(FACTORS_YAML, "relocation").replace("review: true", "review: false")
    report = kg.validate(write_data(factors=factors))
    assert report.problems == [] and report.conforms


# ---------------------------------------------------------------- what the shapes read


def test_shacl_problems_read_a_dataset_source_and_refuse_a_remote_server(write_data):
    from kg.errors import InvalidParameter
    from kg.io.terms import oxigraph_quads
    from kg.store import Store
    from kg.store.remote import RemoteStore

    dataset, records = fixture_graph(write_data)
    from kg.vocab import CK, claim_iri

    claim, sign = str(claim_iri("test-brief", "relocation-drives-growth")), str(CK.sign)
    store = Store.open(None)
    store.oxigraph.bulk_extend(
        q for q in oxigraph_quads(dataset) if (q.subject.value, q.predicate.value) != (claim, sign)
    )
    # a kg store (what Project.dataset is) is read through the protocol, as rdflib's copy is
    found = shacl_problems(store, records)
    assert [(p.field, p.record) for p in found] == [("sign", "claim 'relocation-drives-growth'")]
    assert shacl_problems(store.oxigraph, records) == found
    with pytest.raises(InvalidParameter, match="is a remote server"):
        shacl_problems(RemoteStore("http://127.0.0.1:9/sparql"), records)


# ---------------------------------------------------------------- what the batches keep

#: A property only a SPARQL constraint names (``ck:paraphrase``), and a closed shape.
SPARQL_ONLY_SHAPE = """\
ex:Declared sh:declare [ sh:prefix "ck" ; sh:namespace "https://w3id.org/briefkg/ontology#" ] .
ex:Paraphrased a sh:NodeShape ;
    sh:targetClass ck:CausalClaim ;
    sh:name "paraphrase" ;
    sh:sparql [
        a sh:SPARQLConstraint ;
        sh:prefixes ex:Declared ;
        sh:message "No paraphrase may mention growth." ;
        sh:select "SELECT $this ?value WHERE { $this ck:paraphrase ?value FILTER CONTAINS(LCASE(STR(?value)), 'growth') }"
    ] .
"""
CLOSED_SHAPE = """\
ex:Closed a sh:NodeShape ;
    sh:targetClass ck:CausalClaim ;
    sh:closed true ;
    sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ;
    sh:property [ sh:path ck:cause ] .
"""


@pytest.mark.parametrize("batch", [1, None])
def test_the_batches_keep_what_the_sparql_and_a_closed_shape_read(write_data, batch):
    """A property named only in a query, and any property of a closed shape, reach the engine."""
    from kg.validation import shacl_results

    dataset, records = fixture_graph(write_data)
    found = shacl_results(dataset, shapes=shapes_from(SPARQL_ONLY_SHAPE), batch_triples=batch)
    mentions = {str(r.focus) for r in found}
    assert mentions and all("/claim/" in m for m in mentions)
    with_growth = [
        q for q in dataset.quads((None, CK.paraphrase, None, None)) if "growth" in str(q[2]).lower()
    ]
    assert len(mentions) == len({str(q[0]) for q in with_growth})
    closed = shacl_results(dataset, shapes=shapes_from(CLOSED_SHAPE), batch_triples=batch)
    assert {str(r.path) for r in closed} >= {str(CK.effect), str(CK.sign)}
    assert {str(r.focus) for r in closed} == {
        str(s) for s in dataset.subjects(RDF.type, CK.CausalClaim)
    }


def test_quads_seen_on_their_way_give_the_problems_of_the_whole(write_data):
    """What a build hands its store, kept as it passes, gives the problems of all the quads."""
    from kg.io.terms import oxigraph_quads
    from kg.validation import QuadsSeen

    dataset, records = fixture_graph(write_data)
    quads = [
        q for q in oxigraph_quads(dataset) if q.predicate.value != str(CK.sign)
    ]  # every claim loses its sign
    seen = QuadsSeen()
    assert list(seen.seen(quads)) == quads
    assert len(seen.quads) < len(quads)  # what no shape reads is not kept
    found = seen.problems(records)
    assert {p.field for p in found} >= {"sign"}
    assert found == shacl_problems(quads, records)
