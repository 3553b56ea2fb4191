"""kg push to real servers (Oxigraph's and Virtuoso), and RemoteStore reading back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import RemoteError
from kg.outputs.endpoint import cookbook_entries, declare_prefixes
from kg.outputs.push import DIGEST_GRAPH, graphs_for_push, push
from kg.pipeline import build_dataset
from kg.rdf.writers import serialize_dataset
from kg.store.remote import RemoteStore, bind_in_query
from tests.servers import oxigraph_server, virtuoso_server  # noqa: F401  (fixtures)

FACTOR = ox.NamedNode("https://w3id.org/briefkg/factor/return-migration")
BOUND = {"upstream-of": {"factor": FACTOR}, "downstream-of": {"factor": FACTOR}}


@pytest.fixture(scope="module")
def shipped():
    nquads = serialize_dataset(build_dataset("data").dataset, "nquads")
    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    return graphs_for_push(nquads), store


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        # GROUP_CONCAT's order is not defined: compare its parts as a set
        for separator in ("; ", ", "):
            if separator in term.value:
                return separator.join(sorted(term.value.split(separator)))
        return term.value
    return str(term)


def _rows(results) -> list[tuple]:
    names = [v.value for v in results.variables]
    return sorted(tuple(_cell(row[n]) for n in names) for row in results)


def _check_server(server, graphs, local):
    first = push(graphs, server.endpoint, graph_store=server.graph_store, auth=server.auth)
    assert first.ok, first.error
    assert set(first.pushed) == set(graphs) and not first.unchanged
    with RemoteStore(server.endpoint, auth=server.auth) as remote:
        for name, _title, text in cookbook_entries():
            bindings = BOUND.get(name, {})
            query = declare_prefixes(text)
            bound = bind_in_query(query, bindings)
            expected = _rows(local.query(bound, use_default_graph_as_union=True))
            assert expected or name == "shared-factors", name
            if server.name == "virtuoso" and bindings:
                # Virtuoso's p+ does not reach its start again through a cycle
                # (see kg.store.remote): the factor itself is missing there
                expected = [row for row in expected if row[1] != str(FACTOR)]
            assert _rows(remote.query(query, bindings=bindings)) == expected, name
        count = (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER (?g != <{DIGEST_GRAPH}>) "
            "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/briefkg/')) }"
        )
        before = int(next(iter(remote.query(count)))["n"].value)
        assert before == len(local)
        assert bool(remote.query("ASK { ?c a ck:CausalClaim }")) is True
        assert bool(remote.query("ASK { ?c a ck:NoSuchClass }")) is False

        again = push(graphs, server.endpoint, graph_store=server.graph_store, auth=server.auth)
        assert again.ok and not again.pushed and set(again.unchanged) == set(graphs)
        assert int(next(iter(remote.query(count)))["n"].value) == before

        # the graph pushed first (graphs go in name order) is a brief's
        brief = sorted(graphs)[0]
        assert brief.startswith("https://w3id.org/briefkg/brief/")
        changed = dict(graphs)
        extra = f'<{brief}> <http://purl.org/dc/terms/description> "changed" .\n'.encode()
        changed[brief] = ("sha256:changed", graphs[brief][1] + extra)
        third = push(changed, server.endpoint, graph_store=server.graph_store, auth=server.auth)
        assert third.ok and third.pushed == (brief,) and len(third.unchanged) == len(graphs) - 1
        assert int(next(iter(remote.query(count)))["n"].value) == before + 1

        # a failure partway: the graph before it is sent, it and the ones after are not
        ordered = sorted(graphs)
        broken = {iri: (f"sha256:v2-{iri}", body) for iri, (_d, body) in graphs.items()}
        broken[ordered[1]] = ("sha256:broken", b"this is not turtle <<<\n")
        fourth = push(broken, server.endpoint, graph_store=server.graph_store, auth=server.auth)
        assert not fourth.ok and fourth.pushed == (ordered[0],)
        assert fourth.failed == tuple(ordered[1:])
        # the first graph (the brief) is back to its shipped content; nothing else changed
        assert ordered[0] == brief
        assert int(next(iter(remote.query(count)))["n"].value) == before
        fifth = push(
            broken | {ordered[1]: graphs[ordered[1]]},
            server.endpoint,
            graph_store=server.graph_store,
            auth=server.auth,
        )
        assert fifth.ok and set(fifth.pushed) == set(ordered[1:])


def test_push_to_oxigraph_server(shipped, oxigraph_server):  # noqa: F811
    _check_server(oxigraph_server, *shipped)


def test_push_to_virtuoso(shipped, virtuoso_server):  # noqa: F811
    _check_server(virtuoso_server, *shipped)


def test_virtuoso_quirks_are_handled(shipped, virtuoso_server):  # noqa: F811
    graphs, _local = shipped
    assert push(
        graphs,
        virtuoso_server.endpoint,
        graph_store=virtuoso_server.graph_store,
        auth=virtuoso_server.auth,
    ).ok
    with RemoteStore(virtuoso_server.endpoint) as remote:
        with pytest.raises(RemoteError, match="both ends unbound|answered"):
            remote.query("SELECT ?a ?b WHERE { ?a ck:causes+ ?b }")
        with pytest.raises(RemoteError, match="cut the answer"):
            remote.query("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }")


def test_push_to_a_server_that_is_not_there_sends_nothing(shipped):
    graphs, _local = shipped
    result = push(graphs, "http://127.0.0.1:9/query")
    assert not result.ok and not result.pushed and set(result.failed) == set(graphs)
