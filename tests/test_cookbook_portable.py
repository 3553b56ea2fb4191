"""The cookbook runs unchanged outside kg: on a plain pyoxigraph store and on Oxigraph's server.

The engines here see ``kg.trig`` as a standard SPARQL 1.1 dataset, whose
default graph is *not* the union of the named graphs. The query texts are
edited only as the cookbook's README says a user elsewhere would: one
``FROM`` line per graph for ``FROM <urn:kg:every-graph>``, and the value in
place of a ``VALUES`` placeholder.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from helpers import REPO, copy_of_shipped_data

import kg
from kg.cli import main

#: The value each kind of parameter takes here, as kg is given it and as an IRI elsewhere.
VALUES = {
    "factor": ("return migration", "https://w3id.org/briefkg/factor/return-migration"),
    "brief": ("eai-bb-1360", "https://w3id.org/briefkg/brief/eai-bb-1360"),
    "modality": ("hedged", "https://w3id.org/briefkg/ontology#Hedged"),
}


def _cases() -> list[tuple[str, dict[str, str]]]:
    """Each cookbook query with every parameter bound, and with only its required ones."""
    cases = []
    for query in kg.cookbook():
        full = {name: kind for name, kind in query.params.items()}
        cases.append((query.name, full))
        required = {name: full[name] for name in query.required}
        if required != full:
            cases.append((query.name, required))
    return cases


@pytest.fixture(scope="module")
def trig(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("portable")
    return kg.build(copy_of_shipped_data(out / "data"), out).path


@pytest.fixture(scope="module")
def plain(trig) -> ox.Store:
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def _as_elsewhere(text: str, graphs: list[str], bound: dict[str, str]) -> str:
    """The edits the cookbook's README asks of a user of another engine."""
    text = text.replace("FROM <urn:kg:every-graph>", "\n".join(f"FROM <{g}>" for g in graphs))
    for name, kind in bound.items():
        text, count = re.subn(
            rf"VALUES \?{name} \{{ (<urn:kg:bind-me>|UNDEF) \}}",
            f"VALUES ?{name} {{ <{VALUES[kind][1]}> }}",
            text,
        )
        assert count == 1, f"no VALUES block for ?{name}"
    return text


def _kg_rows(trig: Path, name: str, bound: dict[str, str]) -> list[tuple]:
    binds = [f"--bind={var}={VALUES[kind][0]}" for var, kind in bound.items()]
    result = CliRunner().invoke(
        main, ["query", name, *binds, "--dataset", str(trig), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return _json_rows(result.stdout.encode())


#: Columns made by GROUP_CONCAT, whose order SPARQL leaves to each engine, and their separator.
CONCATENATED = {"altLabels": "; ", "locators": "; ", "briefs": ", "}


def _rows(solutions) -> list[tuple]:
    names = [v.value for v in solutions.variables]

    def cell(name: str, term) -> object:
        if name in CONCATENATED and term is not None:
            return tuple(sorted(term.value.split(CONCATENATED[name])))
        return str(term)

    return sorted(tuple(cell(n, row[n]) for n in names) for row in solutions)


def _json_rows(document: bytes) -> list[tuple]:
    return _rows(ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON))


def _graphs(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs())


def test_every_query_declares_its_prefixes_and_runs_unchanged(plain):
    for query in kg.cookbook():
        solutions = plain.query(query.text)  # no prefixes given: a SyntaxError if one is missing
        rows = list(solutions)
        if query.required:
            assert rows == [], f"{query.name} without a value must match nothing"


@pytest.mark.parametrize("name, bound", _cases(), ids=lambda c: c if isinstance(c, str) else "")
def test_a_plain_store_answers_as_kg_query(plain, trig, name, bound):
    query = next(q for q in kg.cookbook() if q.name == name)
    text = _as_elsewhere(query.text, _graphs(plain), bound)
    theirs = _rows(plain.query(text))
    assert theirs, f"{name} answered nothing: the comparison would prove nothing"
    assert theirs == _kg_rows(trig, name, bound)


@pytest.mark.parametrize("name", sorted(q.name for q in kg.cookbook() if q.required))
def test_a_required_value_left_out_is_an_error_naming_it(trig, name):
    query = next(q for q in kg.cookbook() if q.name == name)
    result = CliRunner().invoke(main, ["query", name, "--dataset", str(trig)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    for variable in query.required:
        assert f"?{variable}" in line and f"--bind {variable}=" in line
    assert result.stdout == ""


def test_documented_ask_example_runs_on_a_plain_store(plain, trig):
    readme = (REPO / "docs" / "reference" / "commands.md").read_text(encoding="utf-8")
    found = re.search(r'^kg query "(ASK[^"]*|PREFIX[^"]*ASK[^"]*)"$', readme, re.M)
    assert found, "the query reference has no ASK example"
    text = found.group(1)
    assert bool(plain.query(text)) is True
    result = CliRunner().invoke(main, ["query", text, "--dataset", str(trig)])
    assert (result.exit_code, result.stdout.strip()) == (0, "true")


@pytest.fixture(scope="module")
def standard_server(trig, tmp_path_factory):
    """Oxigraph's server, read-only, with its standard default graph (not the union)."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        found = shutil.which("oxigraph")
        assert found, "oxigraph is missing: pip install -e '.[test]' installs it"
        binary = Path(found)
    from tests.servers import listening_port, wait_for_answer

    location = tmp_path_factory.mktemp("server") / "db"
    subprocess.run([binary, "load", "--location", location, "--file", trig], check=True,
                   capture_output=True)  # fmt: skip
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", location, "--bind", "127.0.0.1:0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port = listening_port(process, 60)  # read from its socket: no free port guessed
        wait_for_answer(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", 60, process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.server
def test_oxigraphs_server_answers_as_kg_query(standard_server, plain, trig):
    graphs = _graphs(plain)
    for name, bound in _cases():
        query = next(q for q in kg.cookbook() if q.name == name)
        response = httpx.post(
            standard_server,
            data={"query": _as_elsewhere(query.text, graphs, bound)},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        assert _json_rows(response.content) == _kg_rows(trig, name, bound), name
    readme = (REPO / "docs" / "reference" / "commands.md").read_text(encoding="utf-8")
    ask = re.search(r'^kg query "(PREFIX[^"]*ASK[^"]*)"$', readme, re.M)
    assert ask, "the query reference has no portable ASK example"
    response = httpx.post(
        standard_server,
        data={"query": ask.group(1)},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert json.loads(response.content)["boolean"] is True


def test_merged_factors_count_once_elsewhere_too(tmp_path):
    """With factors merged by exact matches, the chain queries elsewhere answer as kg does."""
    from helpers import make_linked_data

    from kg.linking import Decision

    data = make_linked_data(tmp_path / "data")
    merges = [("inland-provinces", "hinterland-regions"), ("farmland-transfer", "land-circulation")]
    kg.apply_links([Decision(a, b, "exact") for a, b in merges], data)
    trig = kg.build(data, tmp_path / "out").path
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    merged = (
        "SELECT ?m ?h WHERE { GRAPH ?g { ?m <https://w3id.org/briefkg/ontology#mergedInto> ?h } }"
    )
    heads = {row["m"].value: row["h"].value for row in store.query(merged)}
    assert len(heads) == len(merges)
    compared = 0
    for name in ("upstream-of", "downstream-of"):
        query = next(q for q in kg.cookbook() if q.name == name)
        every = "\n".join(f"FROM <{g}>" for g in _graphs(store))
        for member, head in heads.items():
            # Elsewhere the head is bound (a member matches nothing); kg takes either name.
            text = query.text.replace("FROM <urn:kg:every-graph>", every)
            text = text.replace("<urn:kg:bind-me>", f"<{head}>")
            theirs = {row[1].value for row in store.query(text)}
            for given in (member, head):
                ours = CliRunner().invoke(main, ["query", name, f"--bind=factor={given}",
                                                 "--dataset", str(trig), "--format", "json"])  # fmt: skip
                assert ours.exit_code == 0, ours.output
                document = json.loads(ours.stdout)
                column = document["head"]["vars"][1]
                assert theirs == {b[column]["value"] for b in document["results"]["bindings"]}
            assert member not in theirs
            compared += bool(theirs)
    assert compared, "no chain through a merged factor: the comparison proved nothing"
