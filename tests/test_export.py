"""Exports (kg.outputs.exports, `kg export`): every file parses back with the same claims, factors and briefs."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
from helpers import SHIPPED_DATA, make_linked_data
from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import PROV, RDF

import kg
from kg.errors import OutputExists
from kg.outputs.exports import CSV_COLUMNS, EXPORT_FORMATS, NANOPUB_FOLDER, export
from kg.outputs.exports import NP as NP_BASE
from kg.project import Project
from kg.vocab import CK

NP = Namespace(NP_BASE)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    data = make_linked_data(root / "data")
    corpus, problems = kg.read_corpus(data)
    assert problems == []
    result = export(Project(data).dataset, out_dir=root / "out")
    expected = {
        "claims": len(corpus.claims),
        "factors": len(corpus.factors),
        "briefs": len(corpus.briefs),
        "used": {f for c in corpus.claims for f in (c.cause, c.effect)},
    }
    return result, expected, data


def rdf_counts(dataset) -> dict:
    return {
        "claims": len(set(dataset.subjects(RDF.type, CK.CausalClaim))),
        "factors": len(set(dataset.subjects(RDF.type, CK.Factor))),
        "briefs": len(set(dataset.subjects(RDF.type, CK.Brief))),
    }


def test_every_format_is_written(exported):
    result, _expected, _data = exported
    assert set(result.paths) == set(EXPORT_FORMATS)
    assert all(path.is_file() for path in result.paths.values())


@pytest.mark.parametrize(
    "fmt, rdf_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_rdf_formats_parse_back_with_named_graphs(fmt, rdf_format, exported):
    result, expected, _data = exported
    dataset = Dataset(default_union=True)
    dataset.parse(result.paths[fmt], format=rdf_format)
    assert rdf_counts(dataset) == {k: expected[k] for k in ("claims", "factors", "briefs")}
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    for brief in ("eai-bb-1360", "synthetic-hukou-reform", "synthetic-rural-revitalisation"):
        assert f"https://w3id.org/briefkg/brief/{brief}" in names
    # Each claim sits in its own brief's graph.
    graph = dataset.graph(kg.vocab.brief_iri("synthetic-hukou-reform"))
    assert len(set(graph.subjects(RDF.type, CK.CausalClaim))) == 7


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_formats_parse_back_with_attributes(fmt, read, exported):
    result, expected, _data = exported
    graph = read(result.paths[fmt])
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.number_of_nodes() == expected["factors"]
    assert graph.number_of_edges() == expected["claims"]
    briefs = {d["brief"] for _, _, d in graph.edges(data=True)}
    assert len(briefs) == expected["briefs"]
    node = graph.nodes["https://w3id.org/briefkg/factor/return-migration"]
    assert node["label"] == "Return migration" and node["group"] == "demographic"
    assert "reverse urbanisation" in node["alt_labels"]  # lists joined with "; "
    edges = [
        d
        for _, _, d in graph.edges(data=True)
        if d["claim"].endswith("/laid-off-migrants-stay-in-cities")
    ]
    (edge,) = edges
    assert edge["sign"] == -1 and edge["modality"] == "hedged" and edge["confidence"] == 0.6
    assert edge["locator"] == "Key points, point 3" and edge["contradicted"] is True


def test_csv_edge_list_has_one_row_per_claim(exported):
    result, expected, _data = exported
    with result.paths["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == expected["claims"]
    assert len({r["brief"] for r in rows}) == expected["briefs"]
    assert {r["cause"] for r in rows} | {r["effect"] for r in rows} == expected["used"]
    assert all(r["sign"] in ("increases", "decreases") and r["locator"] for r in rows)


def test_one_nanopublication_per_claim(exported):
    result, expected, _data = exported
    dataset = Dataset(default_union=True)
    dataset.parse(result.paths["nanopub"], format="trig")
    nanopubs = set(dataset.subjects(RDF.type, NP.Nanopublication))
    assert len(nanopubs) == expected["claims"]
    briefs, factors = set(), set()
    for np_iri in nanopubs:
        assertion = dataset.value(np_iri, NP.hasAssertion)
        provenance = dataset.value(np_iri, NP.hasProvenance)
        pubinfo = dataset.value(np_iri, NP.hasPublicationInfo)
        assert str(np_iri).endswith("/np") and None not in (assertion, provenance, pubinfo)
        claims = set(dataset.graph(assertion).subjects(RDF.type, CK.CausalClaim))
        assert claims == {URIRef(str(np_iri)[: -len("/np")])}
        (claim,) = claims
        factors.update(dataset.graph(assertion).objects(claim, CK.cause))
        factors.update(dataset.graph(assertion).objects(claim, CK.effect))
        source = dataset.graph(provenance).value(assertion, PROV.wasDerivedFrom)
        briefs.add(source)
        assert len(dataset.graph(pubinfo)) > 0
    assert len(briefs) == expected["briefs"]
    assert {str(f).rsplit("/", 1)[-1] for f in factors} == expected["used"]


def test_exports_are_deterministic_and_replace_only_their_own_files(exported, tmp_path):
    result, _expected, data = exported
    again = export(Project(data).dataset, out_dir=tmp_path / "again")
    for fmt, path in result.paths.items():
        assert again.paths[fmt].read_bytes() == path.read_bytes(), fmt
    export(
        Project(data).dataset, out_dir=tmp_path / "again"
    )  # its own files: replaced without --force
    foreign = tmp_path / "again" / "kg.graphml"
    foreign.write_text("<graphml>not ours</graphml>", encoding="utf-8")
    with pytest.raises(OutputExists):
        export(Project(data).dataset, out_dir=tmp_path / "again", formats=["graphml"])
    export(Project(data).dataset, out_dir=tmp_path / "again", formats=["graphml"], force=True)
    assert nx.read_graphml(foreign).number_of_edges() > 0


def test_export_command(invoke, in_tmp):
    result = invoke(
        "export", "--data", SHIPPED_DATA, "--out", "exports", "--format", "csv", "--format", "gexf"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (in_tmp / "exports").iterdir()) == ["claims.csv", "kg.gexf"]
    unknown = invoke("export", "--format", "pdf")
    assert unknown.exit_code == 2


# ---------------------------------------------------------------- regression tests


def test_a_file_kg_did_not_write_stops_the_export_before_any_file_is_written(write_data, in_tmp):
    data = write_data()
    out = in_tmp / "o"
    out.mkdir()
    (out / "claims.csv").write_text("notes\n", encoding="utf-8")
    with pytest.raises(OutputExists):
        export(Project(data).dataset, out_dir=out)
    assert [p.name for p in out.iterdir()] == ["claims.csv"]  # no partial set of files
    assert (out / "claims.csv").read_text(encoding="utf-8") == "notes\n"
    export(Project(data).dataset, out_dir=out, force=True)
    assert {p.name for p in out.iterdir()} == {*EXPORT_FORMATS.values(), NANOPUB_FOLDER}


def test_export_command_writes_nothing_when_it_stops(write_data, in_tmp, invoke):
    data = write_data()
    (in_tmp / "o").mkdir()
    (in_tmp / "o" / "claims.csv").write_text("notes\n", encoding="utf-8")
    result = invoke("export", "--data", data, "--out", "o")
    assert result.exit_code == 2
    assert "o/claims.csv exists and was not written by kg" in result.stderr
    assert [p.name for p in (in_tmp / "o").iterdir()] == ["claims.csv"]


def test_claims_csv_cells_cannot_run_as_spreadsheet_formulas(write_data, in_tmp):
    from helpers import BRIEF_YAML

    formula = "=HYPERLINK(1) says higher costs push firms out."
    brief = BRIEF_YAML.replace("Higher input costs push firms to move elsewhere.", formula)
    result = export(Project(write_data(brief=brief)).dataset, out_dir=in_tmp / "o", formats=["csv"])
    with result.paths["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [r for r in rows if r["claim"].endswith("/costs-drive-relocation")]
    assert row["paraphrase"] == "'" + formula
    assert all(r["paraphrase"][0] not in "=+-@" for r in rows)
