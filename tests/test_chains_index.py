"""`kg chains` from the link index a build keeps: the same chains and report as from the graph.

The index (:mod:`kg.analysis.linkindex`) is the second way ``kg chains``
finds its chains on a store. Each test compares it with the first way, the
causal graph of every claim (:func:`kg.causal_chains` on
:meth:`kg.Project.causal_graph`), run through the same command with the
index turned off: the output must be the same byte for byte, text and JSON,
with every option, after a rebuild, and whatever happened to the file.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from helpers import REPO, SHIPPED_DATA, make_linked_data
from hypothesis import given, settings
from hypothesis import strategies as st

import kg
from kg.analysis import linkindex
from kg.analysis.graph import graph_from_rows, steps_between
from kg.analysis.weights import link_graph
from kg.store import Store

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def _index_file(store: Path) -> Path:
    with Store.open(store, read_only=True) as opened:
        path = opened.derived_cache(linkindex.KIND)
    assert path is not None
    return path


def _data(name: str, root: Path) -> Path:
    if name == "shipped":
        return SHIPPED_DATA
    if name == "linked":  # exact matches: merged factors, and their aliases as names
        data = make_linked_data(root / "data")
        kg.apply_links(
            [kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], data
        )
        return data
    return write_corpus(root / "data", 200, seed=3)


@pytest.fixture(scope="module", params=["shipped", "linked", "synthetic"])
def built(request, tmp_path_factory):
    """A data folder and the store a build (``kg.build``) left for it."""
    root = tmp_path_factory.mktemp(request.param)
    data = _data(request.param, root)
    store = root / "out" / "store"
    kg.build(data, root / "out", "nquads", store=store, shacl=False).close()
    return data, store


def _run(invoke, data, store, *args):
    result = invoke("chains", *args, "--data", data, "--store", store)
    return result.exit_code, result.stdout, result.stderr


def _by_the_graph(monkeypatch, invoke, data, store, *args):
    """The command's answer from the causal graph: the index neither read nor written."""
    with monkeypatch.context() as patched:

        def nothing_kept(*_args, **_kwargs):
            raise FileNotFoundError

        patched.setattr(linkindex, "load_link_index", nothing_kept)
        patched.setattr(linkindex, "save_link_index", lambda *a, **k: None)
        return _run(invoke, data, store, *args)


def _by_the_index(monkeypatch, invoke, data, store, *args):
    """The command's answer, failing if it made the causal graph."""
    with monkeypatch.context() as patched:

        def no_graph(*_args, **_kwargs):
            raise AssertionError("the causal graph was made")

        patched.setattr(kg.Project, "causal_graph", no_graph)
        return _run(invoke, data, store, *args)


def _pairs(store, count, seed=0):
    """Factor labels to ask for: pairs three or more links apart, close ones, unlinked ones."""
    with Store.open(store, read_only=True) as opened:
        G = graph_from_rows(opened.causal_rows())
    labels = sorted(G.nodes[n]["label"] for n in G)
    rng = random.Random(seed)
    linked = sorted({(G.nodes[u]["label"], G.nodes[v]["label"]) for u, v in G.edges()})
    return rng.sample(linked, min(count, len(linked))) + [
        tuple(rng.sample(labels, 2)) for _ in range(count)
    ]


OPTIONS = [
    (),
    ("--format", "json"),
    ("--max-length", "2"),
    ("--limit", "1"),
    ("--limit", "3", "--format", "json"),
    ("--budget", "40"),
    ("--budget", "7", "--format", "json"),
    ("--max-length", "8", "--limit", "500"),
]


def test_the_index_holds_the_link_graph_and_each_links_claims(built, tmp_path):
    data, store = built
    with Store.open(store, read_only=True) as opened:
        G = graph_from_rows(opened.causal_rows())
        digest = opened.dataset_digest
    index = linkindex.load_link_index(_index_file(store), dataset=digest)
    links = link_graph(G)
    assert list(index.links.edges(data=True)) == list(links.edges(data=True))
    assert list(index.links) == list(links)
    # the order the search and networkx's Dijkstra read them in, both ways
    assert [list(index.links.adj[n]) for n in links] == [list(links.adj[n]) for n in links]
    assert [list(index.links.pred[n]) for n in links] == [list(links.pred[n]) for n in links]
    assert list(index.graph.nodes(data=True)) == list(G.nodes(data=True))
    assert index.graph.graph["aliases"] == G.graph["aliases"]
    assert index.graph.number_of_edges() == 0
    for u, v in links.edges():
        assert index.step(u, v) == steps_between(G, u, v)


@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_the_index_gives_the_same_report(built, options, invoke, monkeypatch):
    data, store = built
    codes = set()
    for source, target in _pairs(store, 6):
        args = (source, target, *options)
        expected = _by_the_graph(monkeypatch, invoke, data, store, *args)
        assert _by_the_index(monkeypatch, invoke, data, store, *args) == expected, args
        codes.add(expected[0])
    assert 0 in codes  # chains were found and printed


def test_the_same_errors_from_the_index(built, invoke, monkeypatch):
    data, store = built
    with Store.open(store, read_only=True) as opened:
        G = graph_from_rows(opened.causal_rows())
    some = next(iter(G))
    label = G.nodes[some]["label"]
    for args in [
        (label, "no such factor at all"),
        ("no such factor", label),
        (label, label.upper()),  # one factor twice
        (G.nodes[some]["id"], label),
    ]:
        expected = _by_the_graph(monkeypatch, invoke, data, store, *args)
        assert expected[0] != 0
        assert _by_the_index(monkeypatch, invoke, data, store, *args) == expected, args


FILTERS = [
    ("--brief", "{brief}"),
    ("--brief", "{brief}", "--brief", "{other}"),
    ("--exclude-modality", "hedged"),
    ("--exclude-modality", "conditional", "--exclude-modality", "reported"),
    ("--min-confidence", "0.7"),
    ("--stated-only",),
    ("--stated-only", "--min-confidence", "0.6", "--format", "json"),
    ("--brief", "no-such-brief"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=" ".join)
def test_with_filters_the_same_report(built, filters, invoke, monkeypatch):
    # The index is of the whole graph: filtered, the chains come from the graph, as before.
    data, store = built
    with Store.open(store, read_only=True) as opened:
        briefs = opened.causal_rows().briefs
    args = [a.format(brief=briefs[0], other=briefs[-1]) for a in filters]
    for source, target in _pairs(store, 3, seed=1):
        expected = _by_the_graph(monkeypatch, invoke, data, store, source, target, *args)
        assert _run(invoke, data, store, source, target, *args) == expected


def _copy(data: Path, root: Path) -> Path:
    import shutil

    return Path(shutil.copytree(data, root / "data", ignore=shutil.ignore_patterns(".kg-store")))


def _first_claims_factors(data: Path) -> tuple[str, str]:
    """The cause and effect of the claim :func:`_edit_a_claim` edits."""
    from ruamel.yaml import YAML

    for path in sorted((data / "briefs").glob("*.yaml")):
        for claim in YAML(typ="safe").load(path.read_text(encoding="utf-8")).get("claims") or []:
            if claim.get("sign") in ("increases", "decreases"):
                return str(claim["cause"]), str(claim["effect"])
    raise AssertionError("no claim to edit")


def _edit_a_claim(data: Path) -> tuple[str, str]:
    """Turn the sign of one claim with a sign around, and lower its confidence; its factors."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    for path in sorted((data / "briefs").glob("*.yaml")):
        brief = yaml.load(path.read_text(encoding="utf-8"))
        for claim in brief.get("claims") or []:
            if claim.get("sign") in ("increases", "decreases"):
                claim["sign"] = "decreases" if claim["sign"] == "increases" else "increases"
                claim["confidence"] = 0.35
                with path.open("w", encoding="utf-8") as handle:
                    yaml.dump(brief, handle)
                return str(claim["cause"]), str(claim["effect"])
    raise AssertionError("no claim to edit")


def test_after_a_rebuild_and_an_edit_the_same_report(tmp_path, invoke, monkeypatch):
    data = write_corpus(tmp_path / "data", 60, seed=11)
    store = tmp_path / "out" / "store"
    kg.build(data, tmp_path / "out", "nquads", store=store, shacl=False).close()
    first = _index_file(store)
    before = _by_the_index(monkeypatch, invoke, data, store, *_first_claims_factors(data))
    edited = _edit_a_claim(data)
    assert edited == _first_claims_factors(data)
    pairs = [edited, *_pairs(store, 8, seed=2)]
    # Edited after the build: the store is stale, so is its index; neither answers.
    for source, target in pairs:
        expected = _by_the_graph(monkeypatch, invoke, data, store, source, target)
        assert _run(invoke, data, store, source, target) == expected
    assert _run(invoke, data, store, *edited)[1] != before[1]  # the edit shows
    # Rebuilt (one brief changed): a new index, the old one removed.
    kg.build(data, tmp_path / "out", "nquads", store=store, shacl=False).close()
    assert _index_file(store) != first and _index_file(store).is_file()
    assert not first.exists()
    for source, target in pairs:
        expected = _by_the_graph(monkeypatch, invoke, data, store, source, target)
        assert _by_the_index(monkeypatch, invoke, data, store, source, target) == expected


def _damage(path: Path, how: str) -> None:
    content = bytearray(path.read_bytes())
    if how == "truncated":
        del content[len(content) // 2 :]
    elif how == "empty":
        content = bytearray()
    elif how == "array byte":  # in the arrays, after the magic line, length and header
        start = content.index(b"\n") + 1
        at = start + 8 + int.from_bytes(content[start : start + 8], "little") + 3
        content[at] ^= 0xFF
    elif how == "record byte":  # in the last link's claims
        content[-5] ^= 0x01
    elif how == "other dataset":  # a well-formed file, of another digest
        at = content.index(b'"dataset": "') + len(b'"dataset": "')
        content[at] = ord("0") if content[at] != ord("0") else ord("1")
    path.write_bytes(bytes(content))


@pytest.mark.parametrize(
    "how", ["truncated", "empty", "array byte", "record byte", "other dataset"]
)
def test_a_damaged_index_is_made_again(how, tmp_path, invoke, monkeypatch):
    data = _copy(SHIPPED_DATA, tmp_path)
    store = tmp_path / "out" / "store"
    kg.build(data, tmp_path / "out", "nquads", store=store, shacl=False).close()
    path = _index_file(store)
    with Store.open(store, read_only=True) as opened:
        G = graph_from_rows(opened.causal_rows())
    # the chain through the last link, whose record the damage reaches
    u, v = list(link_graph(G).edges())[-1]
    args = (G.nodes[u]["label"], G.nodes[v]["label"])
    expected = _by_the_graph(monkeypatch, invoke, data, store, *args)
    assert expected[0] == 0
    _damage(path, how)
    code, out, err = _run(invoke, data, store, *args)
    assert (code, out) == expected[:2]
    assert err.count("\n") == 1 and err.startswith("kg: note: the cached links could not be read")
    assert _by_the_index(monkeypatch, invoke, data, store, *args) == expected  # made again


def test_a_missing_index_is_made_by_the_first_reader(tmp_path, invoke, monkeypatch):
    data = _copy(SHIPPED_DATA, tmp_path)
    store = tmp_path / "out" / "store"
    kg.pipeline.build(data, tmp_path / "out", "nquads", store=store, shacl=False).close()
    assert not _index_file(store).exists()  # the pipeline alone keeps none
    args = ("rising coastal costs", "return migration")
    expected = _by_the_graph(monkeypatch, invoke, data, store, *args)
    assert _run(invoke, data, store, *args) == expected  # quietly, from the graph
    assert _by_the_index(monkeypatch, invoke, data, store, *args) == expected


def test_the_file_runs_no_code_when_read(tmp_path):
    # Arrays of objects would need pickle; the reader refuses any such dtype.
    import numpy as np

    from kg.store import arrays

    path = tmp_path / "x.bin"
    arrays.write(path, {}, {"a": np.arange(2, dtype=np.int64)}, [b"r"])
    content = path.read_bytes().replace(b'"<i8"', b'"|O8"', 1)
    path.write_bytes(content)
    with pytest.raises(arrays.Unreadable):
        arrays.read(path)


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(
        st.tuples(
            st.integers(0, 7),
            st.integers(0, 7),
            st.sampled_from(["+", "-"]),
            st.sampled_from([1.0, 0.9, 0.8, 0.5, 0.3]),  # 1.0: a link of distance 0
            st.sampled_from(["a", "b", "c"]),
        ),
        max_size=30,
    )
)
def test_the_searches_from_a_target_are_networkxs_to_the_bit(edges, tmp_path_factory):
    # Breadth first and Dijkstra over the index's lists, against networkx on the link graph,
    # for every target: equal weights tie, weight 1 links add nothing.
    import math

    import networkx as nx

    from kg.analysis.chains import GraphLinks
    from kg.analysis.graph import from_edges

    G = from_edges(
        [(f"n{u}", f"n{v}", s, {"confidence": c, "brief": b}) for u, v, s, c, b in edges if u != v]
    )
    path = tmp_path_factory.mktemp("index") / "links.bin"
    linkindex.save_link_index(G, path)
    index = linkindex.load_link_index(path)
    by_networkx = GraphLinks(link_graph(G))
    for target in G:
        assert index.hops(target) == by_networkx.hops(target)
        ours, theirs = index.distances(target), by_networkx.distances(target)
        assert ours == theirs  # float for float (== on floats: only 0.0 and -0.0 are alike)
        assert {n: math.exp(-d) for n, d in ours.items()} == {
            n: math.exp(-d) for n, d in theirs.items()
        }
        for factor in G:
            assert list(index.successors(factor).items()) == list(
                by_networkx.successors(factor).items()
            )
    assert nx.utils.graphs_equal(index.links, link_graph(G))


def test_from_a_built_file_the_same_report(built, invoke, monkeypatch):
    # --dataset reads the file into memory: no store, no index; the chains are the same.
    data, store = built
    built_file = store.parent / "kg.nq"
    for source, target in _pairs(store, 3, seed=4):
        expected = _by_the_index(monkeypatch, invoke, data, store, source, target)
        result = invoke("chains", source, target, "--dataset", built_file)
        assert (result.exit_code, result.stdout, result.stderr) == expected
