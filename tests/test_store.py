"""The Oxigraph store: sync, metadata, queries, locking, crashes, and the causal rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import astuple
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import FACTORS_YAML, REPO, SECOND_BRIEF_YAML, SHIPPED_DATA, with_example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import __version__
from kg.errors import KgError, QueryError, StoreLocked
from kg.store import FORMAT_VERSION, GraphContent, Store, graph_contents

G = "https://example.org/graph/"
P = ox.NamedNode("https://example.org/p")


def content(name: str, values: list[str], *, calls: list[str] | None = None) -> GraphContent:
    """A graph ``G + name`` holding one triple per value; the digest is the values' text."""
    iri = G + name

    def quads():
        if calls is not None:
            calls.append(name)
        return [ox.Quad(ox.NamedNode(iri), P, ox.Literal(v), ox.NamedNode(iri)) for v in values]

    return GraphContent(iri, "|".join(values), quads)


def state(**graphs: list[str]) -> dict[str, GraphContent]:
    return {G + name: content(name, values) for name, values in graphs.items()}


def quad_set(store: Store) -> set[str]:
    return {str(q) for q in store.quads()}


def cold(graphs: dict[str, GraphContent]) -> set[str]:
    """The quads of one cold sync of ``graphs`` into a fresh in-memory store."""
    fresh = Store.open(None)
    fresh.sync(graphs, dataset_digest="cold")
    return quad_set(fresh)


# -- sync ------------------------------------------------------------------------


def test_sync_adds_replaces_removes_and_leaves_unchanged_graphs_ungenerated():
    store = Store.open(None)
    first = store.sync(state(a=["1"], b=["2", "3"], c=["4"]), dataset_digest="d1")
    assert (first.added, first.replaced, first.removed, first.unchanged) == (3, 0, 0, 0)
    assert first.quads == store.quad_count() == 4
    calls: list[str] = []
    second = {
        G + "a": content("a", ["1"], calls=calls),  # unchanged
        G + "b": content("b", ["2", "5"], calls=calls),  # changed
        G + "d": content("d", ["6"], calls=calls),  # new; c is gone
    }
    result = store.sync(second, dataset_digest="d2")
    assert (result.added, result.replaced, result.removed, result.unchanged) == (1, 1, 1, 1)
    assert sorted(calls) == ["b", "d"], "an unchanged graph's quads are never generated"
    assert result.quads == 3
    assert store.named_graphs() == [G + "a", G + "b", G + "d"]
    assert quad_set(store) == cold(second)
    assert store.digests() == {G + "a": "1", G + "b": "2|5", G + "d": "6"}
    assert store.dataset_digest == "d2"


def test_sync_reports_progress_up_to_the_total():
    store = Store.open(None)
    seen: list[tuple[int, int]] = []
    store.sync(
        state(a=["1"], b=["2"]), dataset_digest="d1", progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (2, 2) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    store.sync(
        state(a=["1"], c=["3"]), dataset_digest="d2", progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 2), (2, 2)]


def test_a_graph_without_quads_is_kept_as_a_named_graph():
    store = Store.open(None)
    store.sync(state(a=[], b=["1"]), dataset_digest="d1")
    assert store.named_graphs() == [G + "a", G + "b"]
    assert store.sync(state(a=[], b=["1"]), dataset_digest="d1").unchanged == 2


def test_triples_and_default_graph_quads_go_into_the_named_graph():
    iri = G + "t"
    s = ox.NamedNode(iri)
    items = [ox.Triple(s, P, ox.Literal("x")), ox.Quad(s, P, ox.Literal("y"))]
    store = Store.open(None)
    store.sync({iri: GraphContent(iri, "1", lambda: items)}, dataset_digest="d")
    assert {q.graph_name for q in store.quads()} == {s}
    wrong = [ox.Quad(s, P, ox.Literal("z"), ox.NamedNode(G + "other"))]
    with pytest.raises(ValueError, match="is in graph"):
        Store.open(None).sync({iri: GraphContent(iri, "1", lambda: wrong)}, dataset_digest="d")


def test_the_metadata_survives_reopening_and_says_what_wrote_it(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.sync(state(a=["1"], b=["2"]), dataset_digest="d1")
    metadata = json.loads((folder / "kg-store.json").read_text())
    assert metadata["format"] == FORMAT_VERSION and metadata["kg_version"] == __version__
    assert (folder / "oxigraph").is_dir() and not (folder / "sync-pending.json").exists()
    with Store.open(folder, read_only=True) as store:
        assert store.digests() == {G + "a": "1", G + "b": "2"}
        assert store.dataset_digest == "d1" and store.is_current("d1")
        assert not store.is_current("d2")
        assert store.kg_version == __version__ and store.format_version == FORMAT_VERSION
        assert store.quad_count() == 2
        with pytest.raises(ValueError, match="read-only"):  # a caller's bug, not a user's
            store.sync(state(), dataset_digest="d")


def test_a_store_of_another_format_is_rebuilt(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.sync(state(a=["1"]), dataset_digest="d1")
    metadata = json.loads((folder / "kg-store.json").read_text())
    (folder / "kg-store.json").write_text(json.dumps({**metadata, "format": FORMAT_VERSION + 1}))
    with Store.open(folder) as store:
        assert store.digests() == {}
        result = store.sync(state(a=["1"], b=["2"]), dataset_digest="d2")
        assert (result.added, result.replaced) == (1, 1)
        assert quad_set(store) == cold(state(a=["1"], b=["2"]))


def test_read_only_open_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(KgError, match="no store at"):
        Store.open(tmp_path / "nothing", read_only=True)


# -- queries ---------------------------------------------------------------------


def test_query_sees_the_union_binds_terms_and_knows_kg_prefixes():
    store = Store.open(None)
    store.sync(state(a=["1"], b=["2"]), dataset_digest="d")
    text = "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o } ORDER BY ?o"
    assert [row["o"].value for row in store.query(text)] == ["1", "2"]
    assert list(store.query(text, union_default_graph=False)) == []
    bound = store.query(text, bindings={"s": ox.NamedNode(G + "b")})
    assert [row["o"].value for row in bound] == ["2"]
    from rdflib import URIRef

    bound = store.query(text, bindings={"?s": URIRef(G + "a")})
    assert [row["o"].value for row in bound] == ["1"]
    # a bound value is a term, never query text
    sneaky = ox.Literal('1" } UNION { ?s ?p ?o')
    assert list(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", bindings={"o": sneaky})) == []
    with pytest.raises(QueryError, match="bind only variables the query selects"):
        store.query("SELECT ?s WHERE { ?s ?p ?o }", bindings={"o": sneaky})
    assert not bool(store.query("ASK { ?s a ck:Factor }"))  # ck: needs no declaration
    assert bool(store.query("ASK { ?s ?p ?o }"))
    assert {str(q) for q in store.quads(G + "a")} == {f'<{G}a> <https://example.org/p> "1" <{G}a>'}
    with pytest.raises(QueryError, match="does not parse"):
        store.query("SELECT WHERE")


# -- locking and crashes -----------------------------------------------------------

#: A child process: sync a state into a store, waiting at graph ``block`` until ``go`` exists.
CHILD = """
import sys, time
from pathlib import Path
import pyoxigraph as ox
from kg.errors import StoreLocked
from kg.store import GraphContent, Store

folder, spec, block, ready, go = sys.argv[1:6]
P = ox.NamedNode("https://example.org/p")

def make(name, values):
    iri = "https://example.org/graph/" + name
    def quads():
        for i, v in enumerate(values):
            if name == block and i == len(values) // 2:
                Path(ready).write_text("here")
                while not Path(go).exists():
                    time.sleep(0.02)
            yield ox.Quad(ox.NamedNode(iri), P, ox.Literal(v), ox.NamedNode(iri))
    return GraphContent(iri, "|".join(values), quads)

graphs = {}
for part in spec.split(";"):
    name, _, values = part.partition("=")
    graphs["https://example.org/graph/" + name] = make(name, values.split(",") if values else [])
try:
    with Store.open(folder) as store:
        store.sync(graphs, dataset_digest=spec)
except StoreLocked as exc:
    print(exc)
    sys.exit(3)
"""


def spec_state(spec: str) -> dict[str, GraphContent]:
    graphs = {}
    for part in spec.split(";"):
        name, _, values = part.partition("=")
        graphs[G + name] = content(name, values.split(",") if values else [])
    return graphs


def start_child(tmp_path: Path, folder: Path, spec: str, block: str = "", tag: str = "c"):
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(CHILD))
    ready, go = tmp_path / f"{tag}.ready", tmp_path / f"{tag}.go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(folder), spec, block, str(ready), str(go)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, ready, go


def wait_for(path: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("child never reached the blocking graph")
        time.sleep(0.02)


BIG = ",".join(str(i) for i in range(200))


def test_a_second_writer_gets_store_locked_and_the_store_stays_whole(tmp_path):
    folder = tmp_path / "store"
    spec = f"a={BIG};b=1,2;c=3"
    first, ready, go = start_child(tmp_path, folder, spec, block="a", tag="first")
    wait_for(ready, first)
    second, _, _ = start_child(tmp_path, folder, "a=9;b=8", tag="second")
    out, err = second.communicate(timeout=60)
    assert second.returncode == 3, err
    assert f"process {first.pid}" in out and "is writing it" in out
    with pytest.raises(StoreLocked) as caught:
        Store.open(folder, read_only=True)
    assert str(first.pid) in str(caught.value) and caught.value.remedy
    go.write_text("go")
    assert first.wait(timeout=60) == 0, first.communicate()
    with Store.open(folder) as store:
        assert quad_set(store) == cold(spec_state(spec))
        assert store.dataset_digest == spec and store.pending() == []


def test_a_writer_is_refused_while_another_process_reads(tmp_path):
    folder = tmp_path / "store"
    with Store.open(folder) as store:
        store.sync(state(a=["1"]), dataset_digest="d1")
    reader = Store.open(folder, read_only=True)
    also = Store.open(folder, read_only=True)  # readers share the store
    try:
        with pytest.raises(StoreLocked, match="reading it"):
            Store.open(folder)
    finally:
        reader.close()
        also.close()
    with Store.open(folder) as store:
        assert store.sync(state(a=["2"]), dataset_digest="d2").replaced == 1


@pytest.mark.parametrize("before", ["", "a=1,2;b=3;c=4"], ids=["cold", "incremental"])
def test_a_sync_killed_midway_is_repaired_by_the_next(tmp_path, before):
    folder = tmp_path / "store"
    if before:
        with Store.open(folder) as store:
            store.sync(spec_state(before), dataset_digest=before)
    target = f"a=1,2;b={BIG};d=5"
    child, ready, _ = start_child(tmp_path, folder, target, block="b")
    wait_for(ready, child)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    with Store.open(folder) as store:  # openable, and the metadata is the state before
        assert store.dataset_digest == (before or None)
        recorded = {iri: c.digest for iri, c in spec_state(before).items()} if before else {}
        assert store.digests() == recorded
        assert store.pending(), "the interrupted sync is visible"
        if before:  # the crash came after the store had begun to change
            assert quad_set(store) != cold(spec_state(before))
        assert not store.is_current(target)
        # even going back to the state before must rewrite what the crash touched
        if before:
            store.sync(spec_state(before), dataset_digest=before)
            assert quad_set(store) == cold(spec_state(before))
        store.sync(spec_state(target), dataset_digest=target)
        assert quad_set(store) == cold(spec_state(target))
        assert store.pending() == [] and store.is_current(target)


# -- any sequence of syncs ends where one cold sync would -----------------------------

states = st.dictionaries(
    st.sampled_from("abcdef"),
    st.lists(st.sampled_from(["1", "2", "3", "x y", "é"]), max_size=4, unique=True),
    max_size=5,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(states, min_size=1, max_size=6))
def test_any_sequence_of_syncs_equals_one_cold_sync(sequence):
    store = Store.open(None)
    for n, graphs in enumerate(sequence):
        store.sync(state(**graphs), dataset_digest=str(n))
    final = state(**sequence[-1])
    assert quad_set(store) == cold(final)
    assert store.named_graphs() == sorted(final)
    assert store.digests() == {iri: c.digest for iri, c in final.items()}


def test_a_sequence_of_syncs_on_disk_equals_one_cold_sync(tmp_path):
    folder = tmp_path / "store"
    sequence = [{"a": ["1"], "b": ["2"]}, {"b": ["3"], "c": []}, {}, {"a": ["1", "4"]}]
    for n, graphs in enumerate(sequence):
        with Store.open(folder) as store:
            store.sync(state(**graphs), dataset_digest=str(n))
    with Store.open(folder, read_only=True) as store:
        assert quad_set(store) == cold(state(**sequence[-1]))


# -- the rows of the causal graph -------------------------------------------------------


def dataset_store(data_dir: Path, folder: Path | None = None):
    """The dataset of ``data_dir`` built by rdflib, and a Store synced with its quads."""
    from kg.pipeline import build_dataset

    dataset = build_dataset(data_dir).dataset
    quads = ox.parse(
        dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS
    )
    store = Store.open(folder)
    store.sync(graph_contents(quads), dataset_digest="built")
    return dataset, store


def rows_through_rdflib(dataset):
    """The rows as the rdflib path sees them: the projection's nodes and edges, and the data."""
    from rdflib.namespace import RDF, SKOS

    from kg.analysis import causal_graph
    from kg.vocab import CK, local_id

    G = causal_graph(dataset, merge_exact=False)
    factors = {(n, d["label"], d["group"], tuple(d["alt_labels"])) for n, d in G.nodes(data=True)}
    claims = {
        (
            d["claim"],
            u,
            v,
            d["sign"],
            d["modality"],
            d["confidence"],
            d["brief"],
            d["locator"],
            d["paraphrase"],
            d["time_scope"],
            d["reading"],
            d["condition"],
        )
        for u, v, d in [
            *G.edges(data=True),
            *((c["cause"], c["effect"], c) for c in G.graph["null_claims"]),
        ]
    }
    typed = set(dataset.subjects(RDF.type, CK.Factor))
    matches = {
        (str(a), str(b))
        for a, b in dataset.subject_objects(SKOS.exactMatch)
        if a in typed and b in typed
    }
    briefs = {local_id(b) for b in dataset.subjects(RDF.type, CK.Brief)}
    return factors, claims, matches, briefs


def rows_as_sets(rows):
    return (
        {(f.iri, f.label, f.group, f.alt_labels) for f in rows.factors},
        {astuple(c) for c in rows.claims},
        set(rows.exact_matches),
        set(rows.briefs),
    )


def test_causal_rows_equal_the_rdflib_path_on_the_shipped_data(tmp_path):
    dataset, store = dataset_store(with_example(tmp_path / "data"))
    rows = store.causal_rows()
    expected = rows_through_rdflib(dataset)
    assert rows_as_sets(rows) == expected
    shipped = len(list((SHIPPED_DATA / "briefs").glob("*.yaml")))
    assert len(rows.claims) == len(expected[1]) > 25 and len(rows.briefs) == shipped + 1
    # The shipped data holds null findings (sign 0) beside effects of both signs.
    assert any(c.time_scope for c in rows.claims) and {c.sign for c in rows.claims} == {1, -1, 0}


def test_causal_rows_equal_the_rdflib_path_with_exact_matches(write_data):
    factors = FACTORS_YAML.replace(
        "    group: spatial\n", "    group: spatial\n    exact_match: [homecoming]\n", 1
    )
    data = write_data(factors=factors, extra={"second-brief.yaml": SECOND_BRIEF_YAML})
    dataset, store = dataset_store(data)
    rows = store.causal_rows()
    assert rows_as_sets(rows) == rows_through_rdflib(dataset)
    assert rows.exact_matches == (
        (
            "https://w3id.org/briefkg/factor/relocation",
            "https://w3id.org/briefkg/factor/homecoming",
        ),
    )
    assert rows.briefs == ("second-brief", "test-brief")


def test_causal_rows_are_cached_by_dataset_digest(tmp_path, write_data, monkeypatch):
    folder = tmp_path / "store"
    _, store = dataset_store(with_example(tmp_path / "data"), folder)
    rows = store.causal_rows()
    store.close()
    assert len(list((folder / "cache").glob("rows-*.json"))) == 1

    def no_queries(self):
        raise AssertionError("read from the store although the cache is current")

    monkeypatch.setattr(Store, "_read_causal_rows", no_queries)
    with Store.open(folder, read_only=True) as again:
        assert again.causal_rows() == rows
    monkeypatch.undo()
    with Store.open(folder) as again:  # a new dataset digest: the old cache goes
        graphs = graph_contents(again.quads())
        brief = "https://w3id.org/briefkg/brief/example-second-view"
        del graphs[brief]
        again.sync(graphs, dataset_digest="fewer")
        fewer = again.causal_rows()
    assert "example-second-view" not in fewer.briefs and len(fewer.claims) < len(rows.claims)
    assert len(list((folder / "cache").glob("rows-*.json"))) == 1
