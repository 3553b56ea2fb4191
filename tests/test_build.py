"""Building the dataset: files, formats, named graphs, IRIs, determinism, overwrite rules."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from helpers import (
    BRIEF_YAML,
    PYTHON,
    SECOND_BRIEF_YAML,
    copy_of_shipped_data,
    subprocess_env,
)
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

import kg
from kg.io import HEADER_PREFIX
from kg.rdf.build import DERIVED_GRAPH
from kg.rdf.writers import FORMATS
from kg.vocab import BASE, CK, ONTOLOGY_IRI, SCHEME_IRI, brief_iri, claim_iri, factor_iri


def claims_of(graph) -> set[tuple[str, str, str, str]]:
    """Each claim as (IRI, cause, effect, sign)."""
    return {
        (
            str(c),
            str(graph.value(c, CK.cause)),
            str(graph.value(c, CK.effect)),
            str(graph.value(c, CK.sign)),
        )
        for c in set(graph.subjects(RDF.type, CK.CausalClaim))
    }


def plain_quads(dataset: Dataset) -> set:
    """The quads without blank nodes (those of the ontology's OWL class expressions)."""
    return {
        (s, p, o, g)
        for s, p, o, g in dataset.quads((None, None, None, None))
        if not any(isinstance(t, BNode) for t in (s, p, o))
    }


def plain_triples(graph) -> set:
    return {
        t for t in graph.triples((None, None, None)) if not any(isinstance(x, BNode) for x in t)
    }


def named_graphs(dataset: Dataset) -> set[str]:
    return {
        str(g.identifier)
        for g in dataset.graphs()
        if len(g) and str(g.identifier) != "urn:x-rdflib:default"
    }


# ---------------------------------------------------------------- round trip


def test_built_trig_gives_back_the_in_memory_claims(write_data, invoke, in_tmp):
    data = write_data()
    result = invoke("build", "--data", data)
    assert result.exit_code == 0, result.output
    assert "Wrote dist/kg.trig" in result.output
    parsed = Dataset(default_union=True)
    parsed.parse(in_tmp / "dist" / "kg.trig", format="trig")
    memory = kg.build_dataset(data).dataset
    assert claims_of(parsed) == claims_of(memory)
    assert len(claims_of(parsed)) == 3
    assert plain_quads(parsed) == plain_quads(memory)


@pytest.mark.slow
def test_shipped_data_round_trips(in_tmp):
    result = kg.build(copy_of_shipped_data(in_tmp / "data"), in_tmp / "out")
    parsed = kg.read_dataset(result.path)
    assert claims_of(parsed) == claims_of(result.dataset)
    assert len(claims_of(parsed)) == result.counts["claims"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_to_the_same_graph(fmt, write_data, in_tmp):
    data = write_data()
    result = kg.build(data, in_tmp / "out", fmt)
    assert result.path == in_tmp / "out" / ("kg" + FORMATS[fmt][0])
    parsed = kg.read_dataset(result.path)
    memory = result.dataset
    if fmt == "turtle":  # no named graphs: the union of them all
        assert plain_triples(parsed) == plain_triples(memory)
        assert named_graphs(parsed) == set()
    else:
        assert plain_quads(parsed) == plain_quads(memory)
        assert named_graphs(parsed) == named_graphs(memory)
    if FORMATS[fmt][1]:
        assert result.path.read_text(encoding="utf-8").startswith(HEADER_PREFIX)


# ---------------------------------------------------------------- named graphs and IRIs


def test_named_graphs_one_per_brief_plus_ontology_and_scheme(write_data, in_tmp):
    result = kg.build(write_data(), in_tmp / "out")
    parsed = kg.read_dataset(result.path)
    brief = brief_iri("test-brief")
    assert named_graphs(parsed) == {str(brief), str(ONTOLOGY_IRI), str(SCHEME_IRI)}
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in parsed.graph(ONTOLOGY_IRI)
    assert set(parsed.graph(SCHEME_IRI).subjects(RDF.type, CK.Factor)) == {
        factor_iri(f) for f in ("input-costs", "relocation", "local-growth", "homecoming")
    }
    brief_graph = parsed.graph(brief)
    assert (brief, RDF.type, CK.Brief) in brief_graph
    assert {c[0] for c in claims_of(brief_graph)} == {c[0] for c in claims_of(parsed)}


def test_data_graphs_have_no_blank_nodes(write_data):
    dataset = kg.build_dataset(write_data()).dataset
    for iri in (SCHEME_IRI, brief_iri("test-brief")):
        graph = dataset.graph(iri)
        assert len(graph) > 0
        assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_claim_iris_come_from_brief_id_and_claim_id(write_data):
    dataset = kg.build_dataset(write_data()).dataset
    iris = {c[0] for c in claims_of(dataset)}
    assert iris == {
        f"{BASE}brief/test-brief/claim/{cid}"
        for cid in (
            "costs-drive-relocation",
            "relocation-drives-growth",
            "growth-draws-workers-home",
        )
    }
    assert claim_iri("test-brief", "costs-drive-relocation") in {URIRef(i) for i in iris}


def test_reordering_claims_changes_no_triple(write_data):
    first = kg.build_dataset(write_data()).dataset
    head, claims_part = BRIEF_YAML.split("claims:\n")
    blocks = claims_part.strip("\n").split("\n\n")
    reordered = head + "claims:\n" + "\n\n".join(reversed(blocks)) + "\n"
    assert reordered != BRIEF_YAML
    second = kg.build_dataset(write_data(brief=reordered, name="again")).dataset
    assert plain_quads(first) == plain_quads(second)


def test_every_claim_gets_its_shortcut_edges(write_data):
    dataset = kg.build_dataset(
        write_data(brief=BRIEF_YAML.replace("sign: increases", "sign: decreases", 1))
    ).dataset
    for _iri, cause, effect, sign in claims_of(dataset):
        cause, effect = URIRef(cause), URIRef(effect)
        assert (cause, CK.causes, effect) in dataset
        signed = CK.increases if sign == str(CK.Increase) else CK.decreases
        other = CK.decreases if signed == CK.increases else CK.increases
        assert (cause, signed, effect) in dataset
        assert (cause, other, effect) not in dataset
    assert (factor_iri("input-costs"), CK.decreases, factor_iri("relocation")) in dataset


# ---------------------------------------------------------------- determinism


@pytest.mark.slow
def test_two_builds_give_identical_bytes(write_data, in_tmp):
    data = write_data()
    one = kg.build(data, in_tmp / "one").path.read_bytes()
    two = kg.build(data, in_tmp / "two").path.read_bytes()
    assert one == two


# Run in a fresh interpreter per hash seed: `kg build` through the CLI writes the TriG
# file, then the digest of every other format is printed.
_BUILD_AND_DIGEST = """
import hashlib, sys
import kg
from kg.cli import main
data, out = sys.argv[1], sys.argv[2]
main(["build", "--data", data, "--out", out], prog_name="kg", standalone_mode=False)
quads = kg.build_dataset(data).quads
for fmt in ("turtle", "nquads", "json-ld"):
    print(fmt, hashlib.sha256(kg.serialize_quads(quads, fmt)).hexdigest())
"""


@pytest.mark.slow
def test_builds_are_identical_across_hash_seeds(in_tmp):
    runs = []
    data = copy_of_shipped_data(in_tmp / "data")
    for seed in ("1", "4242"):
        out = in_tmp / f"seed-{seed}"
        proc = subprocess.run(
            [PYTHON, "-c", _BUILD_AND_DIGEST, str(data), str(out)],
            cwd=in_tmp,
            env=subprocess_env(PYTHONHASHSEED=seed),
            capture_output=True,
            text=True,
            timeout=600,  # a bound on a hang: the build takes a minute or two on a busy machine
        )
        assert proc.returncode == 0, proc.stderr
        digests = [
            ln
            for ln in proc.stdout.splitlines()
            if ln.startswith(("turtle ", "nquads ", "json-ld "))
        ]
        assert len(digests) == 3
        runs.append(((out / "kg.trig").read_bytes(), digests))
    assert runs[0][0] == runs[1][0]  # TriG bytes
    assert runs[0][1] == runs[1][1]  # the other formats


# ---------------------------------------------------------------- writing over files


def test_build_refuses_to_replace_a_file_it_did_not_write(write_data, invoke, in_tmp):
    data = write_data()
    target = in_tmp / "out" / "kg.trig"
    target.parent.mkdir()
    target.write_text("my own notes\n", encoding="utf-8")
    result = invoke("build", "--data", data, "--out", "out")
    assert result.exit_code == 2, result.output
    assert "--force" in result.stderr
    assert "kg.trig" in result.stderr
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert [p.name for p in target.parent.iterdir()] == ["kg.trig"]  # no temporary file left

    forced = invoke("build", "--data", data, "--out", "out", "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith(HEADER_PREFIX)
    assert sorted(p.name for p in target.parent.iterdir()) == ["kg.trig", "store"]


def test_build_refuses_to_replace_a_json_file_it_did_not_write(write_data, invoke, in_tmp):
    data = write_data()
    target = in_tmp / "out" / "kg.jsonld"
    target.parent.mkdir()
    mine = '{"my notes": "see https://w3id.org/briefkg/factor/relocation"}\n'
    target.write_text(mine, encoding="utf-8")
    result = invoke("build", "--data", data, "--out", "out", "--format", "json-ld")
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == mine


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_build_replaces_its_own_output(fmt, write_data, invoke, in_tmp):
    write_data()
    assert invoke("build", "--data", "data", "--out", "out", "--format", fmt).exit_code == 0
    path = in_tmp / "out" / ("kg" + FORMATS[fmt][0])
    before = path.read_bytes()
    write_data(brief=BRIEF_YAML.replace("Growth at home", "Growth back home"))
    result = invoke("build", "--data", "data", "--out", "out", "--format", fmt)
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after != before
    assert b"Growth back home" in after
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, "store"])


def test_built_file_mode_follows_the_umask(write_data, in_tmp):
    """A build is readable as the umask allows (tempfile.mkstemp alone would give 0600)."""
    old = os.umask(0o022)
    try:
        path = kg.build(write_data(), in_tmp / "out").path
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_rebuild_keeps_the_mode_of_the_replaced_file(write_data, in_tmp):
    data = write_data()
    path = kg.build(data, in_tmp / "out").path
    path.chmod(0o640)
    kg.build(data, in_tmp / "out")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# ---------------------------------------------------------------- more briefs


def test_a_second_brief_is_one_more_file(write_data, factors_yaml, in_tmp):
    factors = factors_yaml + (
        "  - id: automation\n"
        "    label: Factory automation\n"
        "    definition: Machines taking over factory tasks. More means more automated plants.\n"
        "    group: economic\n"
    )
    extra = SECOND_BRIEF_YAML + (
        "\n  - id: automation-keeps-firms-home\n"
        "    point: 2\n"
        "    cause: automation\n"
        "    effect: relocation\n"
        "    sign: decreases\n"
        "    modality: hedged\n"
        "    confidence: 0.6\n"
        "    paraphrase: Machines that replace workers may let firms stay where they are.\n"
    )
    data = write_data(factors=factors, extra={"second-brief.yaml": extra})
    result = kg.build(data, in_tmp / "out")
    assert result.counts["briefs"] == 2
    parsed = kg.read_dataset(result.path)
    assert named_graphs(parsed) == {
        str(brief_iri("test-brief")),
        str(brief_iri("second-brief")),
        str(ONTOLOGY_IRI),
        str(SCHEME_IRI),
        DERIVED_GRAPH,  # the two briefs claim one pair alike: a cross-brief link
    }
    second = parsed.graph(brief_iri("second-brief"))
    assert {c[0] for c in claims_of(second)} == {
        str(claim_iri("second-brief", "costs-push-firms-out")),
        str(claim_iri("second-brief", "automation-keeps-firms-home")),
    }
    # The briefs meet on the shared factor node.
    relocation = factor_iri("relocation")
    assert {str(g.identifier) for g in parsed.graphs() if (None, CK.effect, relocation) in g} == {
        str(brief_iri("test-brief")),
        str(brief_iri("second-brief")),
    }
    assert (factor_iri("automation"), SKOS.inScheme, SCHEME_IRI) in parsed


def test_turtle_output_is_a_plain_graph(write_data, in_tmp):
    path = kg.build(write_data(), in_tmp / "out", "turtle").path
    graph = Graph().parse(path, format="turtle")
    assert len(claims_of(graph)) == 3


def test_graph_digest_changes_only_with_its_graph(write_data):
    from kg.authoring import read_corpus
    from kg.rdf.build import corpus_graphs

    data = write_data()
    before = {iri: g.digest for iri, g in corpus_graphs(read_corpus(data)[0]).items()}
    brief = data / "briefs" / "test-brief.yaml"
    brief.write_text(brief.read_text().replace("A test brief", "A retitled brief"))
    after = {iri: g.digest for iri, g in corpus_graphs(read_corpus(data)[0]).items()}
    changed = {iri for iri in before if before[iri] != after[iri]}
    assert changed == {"https://w3id.org/briefkg/brief/test-brief"}
