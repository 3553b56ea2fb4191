"""`kg query`: the cookbook, factor names, result formats, errors and the dataset it reads."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from helpers import (
    BRIEF_YAML,
    FACTORS_YAML,
    REPO,
    SECOND_BRIEF_YAML,
    SHIPPED_DATA,
    copy_of_shipped_data,
)
from rdflib import RDF, Graph, URIRef

import kg
from kg.cli import main
from kg.vocab import CK, brief_iri, factor_iri

BIND_EXAMPLES = {
    "factor": "return migration",
    "brief": "eai-bb-1360",
    "modality": "asserted",
    "sign": "increases",
}
RETURN_MIGRATION = str(factor_iri("return-migration"))


@pytest.fixture(scope="module")
def shipped_build(tmp_path_factory):
    """The shipped data, built once for the module (queries read it with --dataset)."""
    out = tmp_path_factory.mktemp("shipped")
    return kg.build(copy_of_shipped_data(out / "data"), out)


@pytest.fixture(scope="module")
def shipped(shipped_build):
    return shipped_build.dataset


@pytest.fixture
def kq(invoke, shipped_build):
    """``kq(QUERY, *options)``: run ``kg query`` on the shipped data's build."""

    def run(*args):
        return invoke("query", *args, "--dataset", shipped_build.path)

    return run


def as_json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def column(document: dict, var: str) -> list[str]:
    return [b[var]["value"] for b in document["results"]["bindings"] if var in b]


# ---------------------------------------------------------------- the cookbook


@pytest.mark.parametrize("query", kg.cookbook(), ids=lambda q: q.name)
def test_every_cookbook_query_runs_on_the_shipped_data(query, kq):
    binds = [f"{var}={BIND_EXAMPLES[kind]}" for var, kind in query.params.items()]
    args = [query.name, "--format", "json"]
    for bind in binds:
        args += ["--bind", bind]
    document = as_json(kq(*args))
    rows = document["results"]["bindings"]
    if query.name == "shared-factors":
        # one brief is shipped: whatever is listed must really be shared
        assert all(int(r["briefCount"]["value"]) > 1 for r in rows)
    else:
        assert rows, f"{query.name} returned no rows on the shipped data"
    assert set(document["head"]["vars"]) >= {k for r in rows for k in r}


def test_cookbook_matches_the_documented_table():
    page = (REPO / "docs" / "reference" / "commands.md").read_text(encoding="utf-8")
    section = page.split("## kg query", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in section.splitlines() if re.match(r"\| `[a-z-]+` \|", ln)]
    table, required = {}, {}
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        name = cells[0].strip("`")
        table[name] = set(re.findall(r"`([A-Za-z]+)`", cells[-1]))
        required[name] = set(re.findall(r"`([A-Za-z]+)` \(required\)", cells[-1]))
    assert table == {q.name: set(q.params) for q in kg.cookbook()}
    assert required == {q.name: set(q.required) for q in kg.cookbook()}


def test_bound_cookbook_queries_are_restricted_by_the_binding(kq):
    document = as_json(kq("claims-by-modality", "--bind", "modality=Hedged", "--format", "json"))
    assert set(column(document, "modalityLabel")) == {"hedged"}
    every = as_json(kq("claims-by-modality", "--format", "json"))
    assert len(column(every, "modalityLabel")) > len(column(document, "modalityLabel"))


def test_upstream_of_matches_a_property_path(shipped, kq):
    document = as_json(kq("upstream-of", "--bind", "factor=return-migration", "--format", "json"))
    expected = {
        row[0].value
        for row in kg.run_query(
            shipped, "SELECT DISTINCT ?u WHERE { ?u ck:causes+ factor:return-migration }"
        ).rows()
    }
    assert set(column(document, "upstream")) == expected
    assert str(factor_iri("coastal-costs")) in expected


@pytest.fixture(scope="module")
def upstream_of_return_migration(shipped_build):
    args = ["query", "upstream-of", "--bind", "factor=return migration", "--format", "json"]
    return as_json(CliRunner().invoke(main, [*args, "--dataset", str(shipped_build.path)]))


@pytest.mark.parametrize(
    "name",
    [
        "Return migration",
        "reverse urbanisation",
        "return-migration",
        RETURN_MIGRATION,
        f"<{RETURN_MIGRATION}>",
        "factor:return-migration",
        "RETURN   MIGRATION",
        "Return-Migration",
        "REVERSE URBANISATION",
    ],
)
def test_upstream_of_accepts_every_name_of_a_factor(name, kq, upstream_of_return_migration):
    reference = upstream_of_return_migration
    document = as_json(kq("upstream-of", "--bind", f"factor={name}", "--format", "json"))
    assert column(document, "upstream") == column(reference, "upstream")
    assert column(document, "upstream")


# ---------------------------------------------------------------- result formats


def test_json_is_sparql_results_json(kq):
    document = as_json(kq("upstream-of", "--bind", "factor=return migration", "--format", "json"))
    assert document["head"]["vars"] == ["factor", "upstream", "label"]
    bindings = document["results"]["bindings"]
    assert bindings
    for binding in bindings:
        assert binding["upstream"]["type"] == "uri"
        assert binding["label"]["type"] == "literal"
        assert binding["label"]["xml:lang"] == "en"


def test_csv_has_a_header_and_the_same_rows_as_json(kq):
    args = ("upstream-of", "--bind", "factor=return migration")
    rows = list(csv.reader(io.StringIO(kq(*args, "--format", "csv").stdout)))
    assert rows[0] == ["factor", "upstream", "label"]
    document = as_json(kq(*args, "--format", "json"))
    assert [r[1] for r in rows[1:]] == column(document, "upstream")


def test_tsv_header_starts_with_question_marks(kq):
    result = kq("upstream-of", "--bind", "factor=return migration", "--format", "tsv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["?factor", "?upstream", "?label"]
    assert lines[1].split("\t")[1].startswith("<https://w3id.org/briefkg/factor/")


def test_table_ends_with_the_row_count(kq):
    result = kq("upstream-of", "--bind", "factor=return migration")
    assert result.exit_code == 0, result.output
    n = len(
        column(
            as_json(kq("upstream-of", "--bind", "factor=return migration", "--format", "json")),
            "upstream",
        )
    )
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"({n} rows")


@pytest.mark.parametrize(
    "query, answer",
    [
        ("ASK { factor:coastal-costs ck:causes+ factor:return-migration }", "true"),
        ("ASK { factor:return-migration ck:causes factor:coastal-costs }", "false"),
    ],
)
def test_ask_prints_true_or_false(query, answer, kq):
    result = kq(query)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == answer
    document = as_json(kq(query, "--format", "json"))
    assert document["boolean"] is (answer == "true")


def test_a_result_iterates_as_its_query_form_answers(shipped):
    # rows for SELECT, the one answer for ASK, triples for CONSTRUCT; rows() only for SELECT
    from kg.errors import QueryError
    from kg.outputs.sparql import run_query

    dataset = shipped
    ask = run_query(dataset, "ASK { ?s ?p ?o }")
    assert list(ask) == [True]
    assert list(run_query(dataset, "ASK { <urn:x:none> ?p ?o }")) == [False]
    triples = list(run_query(dataset, "CONSTRUCT { ?a ck:causes ?b } WHERE { ?a ck:causes ?b }"))
    assert triples and {t.predicate.value for t in triples} == {str(CK.causes)}
    select = run_query(dataset, "SELECT ?a WHERE { ?a ck:causes ?b } LIMIT 3")
    assert list(select) == select.rows() and len(select.rows()) == 3
    for result in (ask, run_query(dataset, "DESCRIBE <urn:x:none>")):
        with pytest.raises(QueryError, match="has no rows"):
            result.rows()


def test_construct_prints_turtle_that_parses(shipped, kq):
    query = "CONSTRUCT { ?a ck:causes ?b } WHERE { ?a ck:decreases ?b }"
    result = kq(query)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    expected = set(shipped.subject_objects(CK.decreases))
    assert set(graph.subject_objects(CK.causes)) == expected
    assert len(graph) == len(expected) > 0


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "query",
    ["SELECT ?x WHERE { ?x ", "SELEKT * WHERE { ?s ?p ?o }", "SELECT ?x WHERE { ?x nope:y ?z }"],
)
def test_malformed_query_exits_2_without_traceback(query, kq):
    result = kq(query)
    assert result.exit_code == 2
    assert "does not parse" in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_update_is_refused(kq):
    result = kq("DROP ALL")
    assert result.exit_code == 2
    assert "read-only" in result.stderr


def test_unknown_factor_exits_2_with_suggestions(kq):
    result = kq("upstream-of", "--bind", "factor=return migraton")
    assert result.exit_code == 2
    assert "unknown factor 'return migraton'" in result.stderr
    assert "did you mean 'Return migration'" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_brief_exits_2_listing_briefs(kq):
    result = kq("claims-of-brief", "--bind", "brief=no-such-brief")
    assert result.exit_code == 2
    assert "eai-bb-1360" in result.stderr


def test_unknown_cookbook_name_exits_2(kq):
    result = kq("upstream")
    assert result.exit_code == 2
    assert "upstream-of" in result.stderr


def test_ambiguous_factor_exits_2_listing_candidates(in_tmp, invoke):
    # Validated data cannot hold two factors answering to one name, but a dataset
    # merged from elsewhere can: two factors share the alternative label "relocation".
    (in_tmp / "merged.trig").write_text(
        """\
@prefix ck: <https://w3id.org/briefkg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix factor: <https://w3id.org/briefkg/factor/> .
<https://w3id.org/briefkg/factors> {
  factor:firm-relocation a ck:Factor ; skos:prefLabel "Firm relocation"@en ;
      skos:altLabel "relocation"@en .
  factor:household-relocation a ck:Factor ; skos:prefLabel "Household relocation"@en ;
      skos:altLabel "relocation"@en .
  factor:input-costs a ck:Factor ; skos:prefLabel "Input costs"@en .
  factor:input-costs ck:causes factor:firm-relocation .
}
""",
        encoding="utf-8",
    )
    result = invoke(
        "query", "upstream-of", "--bind", "factor=Relocation", "--dataset", "merged.trig"
    )
    assert result.exit_code == 2
    assert "names several factors" in result.stderr
    assert "Firm relocation (firm-relocation)" in result.stderr
    assert "Household relocation (household-relocation)" in result.stderr
    assert "Traceback" not in result.output
    # Either factor is still reachable by a name of its own.
    ok = invoke(
        "query", "upstream-of", "--bind", "factor=firm relocation", "--dataset", "merged.trig",
        "--format", "json",
    )  # fmt: skip
    assert column(as_json(ok), "upstream") == [str(factor_iri("input-costs"))]


def test_validation_rejects_an_id_that_is_another_factors_label(write_data):
    factors = FACTORS_YAML.replace("label: Local growth", "label: Relocation")
    report = kg.validate(write_data(factors=factors))
    assert [p.field for p in report.problems] == ["label"]
    assert "already names factor 'relocation'" in report.problems[0].message


# ---------------------------------------------------------------- query sources and bindings


def test_query_from_an_rq_file(in_tmp, kq):
    text = "SELECT ?claim WHERE { ?claim ck:cause factor:coastal-costs }"
    (in_tmp / "mine.rq").write_text(text + "\n", encoding="utf-8")
    from_file = as_json(kq("mine.rq", "--format", "json"))
    inline = as_json(kq(text, "--format", "json"))
    assert sorted(column(from_file, "claim")) == sorted(column(inline, "claim"))
    assert column(from_file, "claim")


def test_missing_rq_file_exits_2(kq):
    result = kq("missing.rq")
    assert result.exit_code == 2
    assert "missing.rq" in result.stderr


INJECTION = 'x" } ; DROP ALL #'


@pytest.mark.parametrize("value, rows", [(INJECTION, 0), ("eai-bb-1360", 1)])
def test_bind_value_is_a_literal_never_query_text(value, rows, kq):
    query = "SELECT ?brief ?id WHERE { ?brief dcterms:identifier ?id }"
    result = kq(query, "--bind", f"id={value}", "--format", "json")
    assert "Traceback" not in result.output
    assert column(as_json(result), "brief") == [str(brief_iri("eai-bb-1360"))] * rows


def test_injection_in_a_factor_binding_is_an_unknown_name(kq):
    result = kq("upstream-of", "--bind", f"factor={INJECTION}")
    assert result.exit_code == 2
    assert "unknown factor" in result.stderr


def test_bind_needs_var_equals_value(kq):
    result = kq("upstream-of", "--bind", "return migration")
    assert result.exit_code == 2
    assert "VAR=VALUE" in result.output


def test_list_names_every_cookbook_query(invoke):
    result = invoke("query", "--list")
    assert result.exit_code == 0
    listed = [ln.split()[0] for ln in result.stdout.splitlines() if ln.strip()]
    assert listed == [q.name for q in kg.cookbook()]


# ---------------------------------------------------------------- which dataset is queried


MARKER = "SELECT ?o WHERE { <urn:test:s> <urn:test:p> ?o }"


def test_query_reads_the_last_build_while_it_is_current(write_data, invoke, in_tmp):
    write_data()  # ./data, so every command below uses it by default
    assert invoke("build").exit_code == 0
    # Tamper with the store (metadata kept): the query must see it, so it read the store.
    import pyoxigraph as ox

    from kg.store import Store

    with Store.open(in_tmp / "dist" / "store") as store:
        store.oxigraph.add(
            ox.Quad(ox.NamedNode("urn:test:s"), ox.NamedNode("urn:test:p"),
                    ox.Literal("from the build"), ox.NamedNode("urn:test:g"))
        )  # fmt: skip
    current = invoke("query", MARKER, "--format", "json")
    assert column(as_json(current), "o") == ["from the build"]
    assert current.stderr == ""

    # Change the data: the store is stale, so the query builds the new data in memory.
    write_data(brief=BRIEF_YAML.replace("effect: homecoming", "effect: input-costs"))
    stale = invoke("query", MARKER, "--format", "json")
    assert column(as_json(stale), "o") == []
    assert "is older than the authoring files" in stale.stderr
    document = as_json(
        invoke("query", "upstream-of", "--bind", "factor=input costs", "--format", "json")
    )
    assert set(column(document, "upstream")) == {
        str(factor_iri(f)) for f in ("input-costs", "relocation", "local-growth")
    }


def test_dataset_option_reads_the_given_file(write_data, invoke, in_tmp):
    data = write_data()
    assert (
        invoke("build", "--data", data, "--out", "elsewhere", "--format", "nquads").exit_code == 0
    )
    document = as_json(
        invoke(
            "query",
            "SELECT ?c WHERE { ?c a ck:CausalClaim }",
            "--dataset",
            "elsewhere/kg.nq",
            "--format",
            "json",
        )
    )
    assert len(column(document, "c")) == 3


def test_missing_dataset_file_exits_2(invoke):
    result = invoke("query", "factors", "--dataset", "nothing/kg.trig")
    assert result.exit_code == 2
    assert "kg build" in result.stderr


def test_shared_factors_lists_factors_of_two_briefs(write_data, invoke):
    write_data(extra={"second-brief.yaml": SECOND_BRIEF_YAML})
    document = as_json(invoke("query", "shared-factors", "--data", "data", "--format", "json"))
    assert set(column(document, "factor")) == {
        str(factor_iri("input-costs")),
        str(factor_iri("relocation")),
    }
    assert set(column(document, "briefCount")) == {"2"}
    for briefs in column(document, "briefs"):
        assert sorted(briefs.split(", ")) == ["second-brief", "test-brief"]


def test_factors_query_runs_on_the_shipped_data(invoke):
    document = as_json(invoke("query", "factors", "--data", SHIPPED_DATA, "--format", "json"))
    assert len(column(document, "factor")) == len(kg.read_corpus(SHIPPED_DATA)[0].factors)


def test_factors_query_runs_when_a_factor_has_no_alt_labels(write_data, invoke):
    write_data()  # `local-growth` has no alt_labels
    result = invoke("query", "factors", "--data", "data", "--format", "json")
    assert result.exit_code == 0, result.output
    assert str(factor_iri("local-growth")) in column(json.loads(result.stdout), "factor")


def test_run_query_binds_terms_for_the_library(shipped):
    rows = kg.run_query(
        shipped,
        "SELECT ?claim ?f WHERE { ?claim ck:cause ?f }",
        {"f": "reverse urbanisation"},
        {"f": "factor"},
    ).rows()
    causes = {shipped.value(URIRef(r[0].value), CK.cause) for r in rows}
    assert causes == {URIRef(RETURN_MIGRATION)}


def test_misspelled_bind_variable_is_an_error(kq):
    result = kq("upstream-of", "--bind", "factr=return migration")
    assert result.exit_code == 2
    assert "factor" in result.stderr


def test_the_list_tells_required_values_from_optional_ones(invoke):
    listed = {line.split()[0]: line for line in invoke("query", "--list").stdout.splitlines()}
    for query in kg.cookbook():
        for name in query.params:
            required = f"--bind {name}=..."
            if name in query.required:
                assert required in listed[query.name] and f"[{required}]" not in listed[query.name]
            else:
                assert f"[{required}]" in listed[query.name]


def test_run_query_reads_each_kind_of_dataset_source():
    import pyoxigraph as ox

    from kg.errors import InvalidParameter
    from kg.io.terms import rdflib_dataset
    from kg.outputs.sparql import oxigraph_store, run_query
    from kg.store import Store
    from kg.store.remote import RemoteStore
    from tests.servers import kg_endpoint

    brief = ox.NamedNode(str(brief_iri("b1")))
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    quads = [
        ox.Quad(brief, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CK.Brief)), brief),
        ox.Quad(brief, title, ox.Literal("B1"), brief),
        ox.Quad(ox.NamedNode(str(brief_iri("b2"))), title, ox.Literal("B2"), brief),
    ]
    local = Store.open(None)
    local.oxigraph.bulk_extend(quads)
    query = "SELECT ?brief ?t WHERE { ?brief dcterms:title ?t }"
    kinds = {"brief": "brief"}  # a brief's id is looked up among the briefs of the source

    def titles(source):
        return [row[1].value for row in run_query(source, query, {"brief": "b1"}, kinds)]

    answers = [titles(s) for s in (local, local.oxigraph, rdflib_dataset(quads))]
    with kg_endpoint(local.oxigraph) as url, RemoteStore(url) as remote:
        answers.append(titles(remote))  # a server answers through the protocol's query
        with pytest.raises(InvalidParameter, match="is a remote server"):
            oxigraph_store(remote)  # its quads stay on the server
    assert answers == [["B1"]] * 4
