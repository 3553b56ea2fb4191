"""Exports (kg.outputs.exports, `kg export`): every file parses back with the same claims, factors and briefs."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from helpers import FACTORS_YAML, SHIPPED_DATA, make_linked_data
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


def test_exports_from_a_built_file_are_the_same_bytes_every_run(write_data, in_tmp, invoke):
    """Regression: blank nodes read from kg.trig or --dataset got fresh labels each run."""
    data = write_data()
    assert invoke("build", "--data", data, "--out", "dist").exit_code == 0
    built = in_tmp / "dist" / "kg.trig"
    for out in ("a", "b"):
        result = invoke("export", "--dataset", built, "--out", out)
        assert result.exit_code == 0, result.output
    from_store = invoke("export", "--data", data, "--store", "dist/store", "--out", "c")
    assert from_store.exit_code == 0, from_store.output
    files = sorted(p.relative_to(in_tmp / "a") for p in (in_tmp / "a").rglob("*") if p.is_file())
    assert any(p.suffix == ".jsonld" for p in files) and len(files) > len(EXPORT_FORMATS)
    for name in files:
        first = (in_tmp / "a" / name).read_bytes()
        assert (in_tmp / "b" / name).read_bytes() == first, name
        # from the store: the same but for the header saying what it was made from
        body = first.split(b"\n", 2)[2]
        assert (in_tmp / "c" / name).read_bytes().split(b"\n", 2)[2] == body, name
    assert b"_:" in (in_tmp / "a" / "kg.nq").read_bytes()  # the ontology's lists are blank nodes


def test_characters_xml_forbids_are_replaced_and_the_graph_files_still_parse(write_data, in_tmp):
    """Regression: a label with a control character made GraphML and GEXF that no XML parser reads."""
    import xml.etree.ElementTree as ET

    import igraph

    factors = FACTORS_YAML.replace("label: Input costs", 'label: "Input\\x01 co\\x0bsts\\ufffe"')
    dataset = Project(write_data(factors=factors)).dataset
    result = export(dataset, out_dir=in_tmp / "o", formats=["graphml", "gexf"])
    (row,) = dataset.oxigraph.query(
        "SELECT ?l WHERE { GRAPH ?g { <https://w3id.org/briefkg/factor/input-costs> "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l } }"
    )
    label = row["l"].value  # as the RDF holds it (kg's authoring turns \x0b into a space)
    assert "\x01" in label and "\ufffe" in label
    expected = label.replace("\x01", "\ufffd").replace("\ufffe", "\ufffd").replace("\x0b", "\ufffd")
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        ET.parse(result.paths[fmt])  # a conforming XML parser reads the file
        graph = read(result.paths[fmt])
        assert graph.nodes["https://w3id.org/briefkg/factor/input-costs"]["label"] == expected, fmt
    graphml = igraph.Graph.Read_GraphML(str(result.paths["graphml"]))
    assert expected in graphml.vs["label"]


def test_nanopublication_options_are_checked_and_the_default_reads_no_clock(write_data, invoke):
    data = write_data()
    bad_creator = invoke("export", "--data", data, "--creator", "Jane Doe", "--out", "o")
    assert bad_creator.exit_code == 2
    assert bad_creator.stderr.startswith("kg: error: --creator 'Jane Doe' is not an http(s) IRI")
    bad_date = invoke("export", "--data", data, "--date", "15/01/2024", "--out", "o")
    assert bad_date.exit_code == 2 and "--date '15/01/2024'" in bad_date.stderr
    assert len(bad_date.stderr.strip().splitlines()) == 1
    dated = invoke("export", "--data", data, "--format", "nanopub", "--date", "now", "--out", "o")
    assert dated.exit_code == 0, dated.output
    text = next(Path("o/nanopubs").rglob("*.trig")).read_text(encoding="utf-8")
    assert "dcterms:created" in text and "^^xsd:dateTime" in text
    plain = invoke("export", "--data", data, "--format", "nanopub", "--out", "p")
    assert plain.exit_code == 0
    assert "dcterms:created" not in Path("p/nanopubs.trig").read_text(encoding="utf-8")


def test_nanopublications_of_claims_no_longer_in_the_data_are_removed(write_data, in_tmp):
    from helpers import BRIEF_YAML

    data = write_data()
    first = export(Project(data).dataset, out_dir=in_tmp / "o", formats=["nanopub"])
    mine = in_tmp / "o" / NANOPUB_FOLDER / "notes.trig"
    foreign = first.nanopub_files[0].parent / "my-own.trig"
    mine.write_text("# my notes\n", encoding="utf-8")
    foreign.write_text("# not kg's\n", encoding="utf-8")
    start = BRIEF_YAML.index("  - id: relocation-drives-growth")
    end = BRIEF_YAML.index("  - id:", start + 1)
    fewer = BRIEF_YAML[:start] + BRIEF_YAML[end:]
    data = write_data(brief=fewer, name="fewer")
    second = export(Project(data).dataset, out_dir=in_tmp / "o", formats=["nanopub"])
    assert len(second.nanopub_files) == len(first.nanopub_files) - 1
    left = {p for p in (in_tmp / "o" / NANOPUB_FOLDER).rglob("*.trig")}
    assert left == {*second.nanopub_files, mine, foreign}
