"""Reading a SPARQL server with --endpoint: the same answers as the store the data came from."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from helpers import SHIPPED_DATA

from kg.cli import main
from kg.outputs.push import graphs_for_push, push
from kg.outputs.sparql import cookbook
from kg.rdf.writers import serialize_quads
from kg.store import Store
from tests.servers import oxigraph_server, virtuoso_server  # noqa: F401  (fixtures)

BOUND = {"factor": "return migration", "brief": "eai-bb-1360", "modality": "hedged"}


def _kg(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="kg")
    assert result.exit_code == 0, result.output
    return result.stdout


def _pushed(server, tmp_path):
    # A copy of the shipped briefs: a build into another store records it in the data folder.
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    out = tmp_path / "out"
    _kg("build", "--data", data, "--out", out)
    with Store.open(out / "store", read_only=True) as store:
        graphs = graphs_for_push(serialize_quads(store.quads(), "nquads"))
    assert push(graphs, server.endpoint, graph_store=server.graph_store, auth=server.auth).ok
    return ["--data", data, "--store", out / "store"]


def _rows(text: str) -> list[tuple]:
    document = json.loads(text)
    names = document["head"]["vars"]
    return sorted(
        tuple(json.dumps(b.get(n), sort_keys=True) for n in names)
        for b in document["results"]["bindings"]
    )


def test_every_cookbook_query_reads_the_same_from_oxigraphs_server(oxigraph_server, tmp_path):  # noqa: F811
    local = _pushed(oxigraph_server, tmp_path)
    for query in cookbook():
        binds = [f"--bind={name}={BOUND[kind]}" for name, kind in query.params.items()]
        mine = _kg("query", query.name, *binds, *local, "--format", "json")
        theirs = _kg("query", query.name, *binds, "--endpoint", oxigraph_server.endpoint,
                     "--format", "json")  # fmt: skip
        assert _rows(theirs) == _rows(mine), query.name


@pytest.mark.parametrize(
    "args",
    [
        ("chains", "rising coastal costs", "return migration"),
        ("upstream", "return migration"),
        ("downstream", "rising coastal costs"),
        ("loops",),
        ("leverage", "--top", "5"),
        ("whatif", "hinterland takeoff=-"),
    ],
)
def test_every_analysis_reads_the_same_from_oxigraphs_server(oxigraph_server, tmp_path, args):  # noqa: F811
    local = _pushed(oxigraph_server, tmp_path)
    mine = json.loads(_kg(*args, *local, "--format", "json"))
    theirs = json.loads(_kg(*args, "--endpoint", oxigraph_server.endpoint, "--format", "json"))
    assert theirs == mine


def test_analysis_reads_the_same_from_virtuoso(virtuoso_server, tmp_path):  # noqa: F811
    local = _pushed(virtuoso_server, tmp_path)
    for args in (("chains", "rising coastal costs", "return migration"), ("loops",)):
        mine = json.loads(_kg(*args, *local, "--format", "json"))
        theirs = json.loads(_kg(*args, "--endpoint", virtuoso_server.endpoint, "--format", "json"))
        assert theirs == mine
