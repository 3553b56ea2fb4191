"""The link index of `kg chains` made straight from the rows: the graph's file, byte for byte.

A build keeps the link index (:func:`kg.analysis.linkindex.keep_link_index`)
from the rows it made, without the causal graph of every claim
(:func:`kg.analysis.linkindex.save_rows_link_index`). The other way, from
that graph (:func:`kg.analysis.linkindex.save_link_index` on
:func:`kg.analysis.graph.graph_from_rows`), is what the index has always
been; each test writes both and compares the bytes: on the shipped data, on
data with exact matches, on a synthetic corpus given the cases it lacks
(merges, collapsed self-links, null findings, disputed pairs, a claim IRI
twice, a factor outside the scheme), on hand-made edge cases and on random
rows.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path

import pytest
from helpers import REPO, SHIPPED_DATA, make_linked_data
from hypothesis import given, settings
from hypothesis import strategies as st

import kg
from kg.analysis import graph as graph_module
from kg.analysis import linkindex
from kg.analysis.graph import graph_from_rows
from kg.analysis.weights import _null_index, link_graph, pair_weights
from kg.authoring import read_corpus
from kg.store import Store
from kg.store.records import causal_rows_of
from kg.store.rows import CausalRows, ClaimRow, FactorRow

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def _both(rows: CausalRows, folder: Path, dataset: str | None = "digest") -> tuple[bytes, bytes]:
    """The file from the graph and the file from the rows."""
    folder.mkdir(parents=True, exist_ok=True)
    by_graph, by_rows = folder / "graph.bin", folder / "rows.bin"
    linkindex.save_link_index(graph_from_rows(rows), by_graph, dataset=dataset)
    linkindex.save_rows_link_index(rows, by_rows, dataset=dataset)
    return by_graph.read_bytes(), by_rows.read_bytes()


def _same_file(rows: CausalRows, folder: Path) -> linkindex.LinkIndex:
    expected, made = _both(rows, folder)
    assert made == expected
    return linkindex.load_link_index(folder / "rows.bin", dataset="digest")


def _rows_of(data: Path) -> CausalRows:
    corpus, problems = read_corpus(data)
    assert not problems
    return causal_rows_of(corpus)


def _claim(n, cause, effect, sign, brief="b1", confidence=0.8, **fields) -> ClaimRow:
    fields.setdefault("modality", "asserted")
    return ClaimRow(
        f"c:{n}", cause, effect, sign, brief=brief, confidence=confidence,
        locator=f"p. {n}", paraphrase=f"claim {n}", **fields,
    )  # fmt: skip


def _factors(*names: str) -> tuple[FactorRow, ...]:
    return tuple(FactorRow(f"f:{n}", n.upper(), "social") for n in names)


def test_the_shipped_data(tmp_path):
    rows = _rows_of(SHIPPED_DATA)
    index = _same_file(rows, tmp_path)
    assert index.links.number_of_edges() > 50


def test_data_with_exact_matches(tmp_path):
    data = make_linked_data(tmp_path / "data")
    kg.apply_links([kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], data)
    rows = _rows_of(data)
    assert rows.exact_matches
    index = _same_file(rows, tmp_path / "index")
    assert index.graph.graph["aliases"]


def _with_every_case(rows: CausalRows, seed: int) -> CausalRows:
    """The synthetic corpus's rows given what it has none of: exact matches (some between
    factors claims link, so that their claims collapse), null findings (on linked pairs and
    on others), a disputed pair of each outcome, a claim IRI twice on a pair, a factor
    outside the scheme."""
    rng = random.Random(seed)
    claims = list(rows.claims)
    iris = [f.iri for f in rows.factors]
    linked = [(c.cause, c.effect) for c in claims[:40]]
    matches = [*linked[:6], *(tuple(rng.sample(iris, 2)) for _ in range(10))]
    for n in rng.sample(range(len(claims)), len(claims) // 10):  # null findings
        claims[n] = dataclasses.replace(claims[n], sign=0)
    extra = []
    for n, old in enumerate(rng.sample(claims, 60)):
        # the same pair in another brief: the same sign, the other one, or a null finding
        sign = rng.choice([1, -1, 0])
        extra.append(
            dataclasses.replace(
                old, claim=f"{old.claim}/again{n}", brief=f"other-{n % 7}", sign=sign
            )
        )
    for old in claims[100:110]:  # opposite and as strong: weight 0, no link
        if old.sign:
            extra.append(
                dataclasses.replace(old, claim=f"{old.claim}/against", brief="z", sign=-old.sign)
            )
    for old in claims[200:203]:  # one IRI twice on a pair: the last fields, the first place
        extra.append(dataclasses.replace(old, confidence=0.51, paraphrase="again"))
    outside = "https://example.org/outside"
    extra += [
        _claim(9001, outside, iris[0], 0, brief="y"),  # a null finding before its edge
        _claim(9002, iris[1], outside, 1, brief="y"),
        _claim(9003, outside, iris[0], -1, brief="y"),
        _claim(9004, outside, "https://example.org/nowhere", 0, brief="y"),
    ]
    mixed = claims + extra
    rng.shuffle(mixed)
    return dataclasses.replace(rows, claims=tuple(mixed), exact_matches=tuple(matches))


def test_a_synthetic_corpus_with_every_case(tmp_path):
    rows = _with_every_case(_rows_of(write_corpus(tmp_path / "data", 300, seed=4)), seed=4)
    G = graph_from_rows(rows)
    weights = pair_weights(G)
    nulls = _null_index(G)
    # the cases are there
    assert G.graph["aliases"] and G.graph["collapsed_claims"]
    assert any((u, v) in nulls for u, v in G.edges())
    assert any(len(G[u][v]) > 1 for u, v in G.edges())
    assert any(w.sign == 0 for w in weights.values())  # balanced: no link
    assert any(len({d["sign"] for d in G[u][v].values()}) == 2 for u, v in G.edges())
    assert "https://example.org/outside" in G
    index = _same_file(rows, tmp_path / "index")
    assert index.links.number_of_edges() == link_graph(G).number_of_edges() > 1000


def test_no_rows(tmp_path):
    rows = CausalRows(factors=(), claims=(), exact_matches=(), briefs=())
    index = _same_file(rows, tmp_path)
    assert len(index.graph) == 0 and index.links.number_of_edges() == 0


def test_factors_without_claims(tmp_path):
    rows = CausalRows(_factors("a", "b"), (), (("f:a", "f:b"),), ("b1",))
    index = _same_file(rows, tmp_path)
    assert list(index.graph) == ["f:a"]  # the head: as many claims as b, the smaller id


def test_a_pair_whose_claims_balance_carries_no_link(tmp_path):
    claims = (
        _claim(1, "f:a", "f:b", 1, brief="x"),
        _claim(2, "f:a", "f:b", -1, brief="y"),
        _claim(3, "f:b", "f:c", 1),
    )
    rows = CausalRows(_factors("a", "b", "c"), claims, (), ("b1", "x", "y"))
    assert pair_weights(graph_from_rows(rows))["f:a", "f:b"].weight == 0
    index = _same_file(rows, tmp_path)
    assert list(index.links.edges()) == [("f:b", "f:c")]


def test_a_null_finding_without_an_effect_claim(tmp_path):
    claims = (
        _claim(1, "f:a", "f:b", 0),  # no claim of an effect on this pair: on no link
        _claim(2, "f:b", "f:c", 0),
        _claim(3, "f:b", "f:c", 1, brief="x", confidence=0.5),
        _claim(4, "f:c", "f:a", 0, brief="y"),
        _claim(5, "f:c", "f:a", 0, brief="z"),
    )
    rows = CausalRows(_factors("a", "b", "c"), claims, (), ("b1", "x", "y", "z"))
    index = _same_file(rows, tmp_path)
    assert list(index.links.edges()) == [("f:b", "f:c")]
    assert [c["claim"] for c in index.step("f:b", "f:c").nulls] == ["c:2"]


def test_claims_merged_into_one_factor_make_no_link(tmp_path):
    claims = (
        _claim(1, "f:a", "f:b", 1),  # a and b are one factor: collapsed
        _claim(2, "f:b", "f:a", 0),
        _claim(3, "f:c", "f:b", -1),
        _claim(4, "f:c", "f:a", 1, brief="x", modality="hedged", reading="inferred"),
    )
    rows = CausalRows(_factors("a", "b", "c"), claims, (("f:b", "f:a"),), ("b1", "x"))
    index = _same_file(rows, tmp_path)
    assert index.links.number_of_edges() == 1


@settings(max_examples=150, deadline=None)
@given(
    claims=st.lists(
        st.tuples(
            st.integers(0, 5),  # 5: a factor outside the scheme
            st.integers(0, 5),
            st.sampled_from([1, -1, 0]),
            st.sampled_from([0.9, 0.8, 0.5, 0.0]),
            st.sampled_from(["asserted", "hedged", "reported"]),
            st.sampled_from(["stated", "inferred"]),
            st.sampled_from(["x", "y", "z"]),
            st.integers(0, 12),  # the claim's IRI: the same one now and then
        ),
        max_size=40,
    ),
    matches=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=3),
)
def test_random_rows(claims, matches, tmp_path_factory):
    names = "abcdeo"  # o: the factor outside the scheme
    factors = _factors(*names[:5])
    rows = CausalRows(
        factors,
        tuple(
            _claim(
                n, f"f:{names[u]}", f"f:{names[v]}", s, brief=b, confidence=c, modality=m, reading=r
            )
            for u, v, s, c, m, r, b, n in claims
        ),  # fmt: skip
        tuple((f"f:{names[a]}", f"f:{names[b]}") for a, b in matches),
        ("x", "y", "z"),
    )
    expected, made = _both(rows, tmp_path_factory.mktemp("index"))
    assert made == expected


def test_the_build_keeps_the_rows_index_without_the_graph(tmp_path, monkeypatch):
    data = write_corpus(tmp_path / "data", 40, seed=2)
    store = tmp_path / "out" / "store"

    def no_graph(*_args, **_kwargs):
        raise AssertionError("the causal graph was made")

    with monkeypatch.context() as patched:
        patched.setattr(graph_module, "_graph_from_rows", no_graph)
        kg.build(data, tmp_path / "out", "nquads", store=store, shacl=False).close()
    with Store.open(store, read_only=True) as opened:
        path = opened.derived_cache(linkindex.KIND)
        rows, digest = opened.causal_rows(), opened.dataset_digest
    assert path is not None and path.is_file()
    linkindex.save_link_index(graph_from_rows(rows), tmp_path / "graph.bin", dataset=digest)
    assert path.read_bytes() == (tmp_path / "graph.bin").read_bytes()


@pytest.mark.parametrize("dataset", [None, "another digest"])
def test_the_dataset_digest_is_written_as_from_the_graph(dataset, tmp_path):
    expected, made = _both(_rows_of(SHIPPED_DATA), tmp_path, dataset=dataset)
    assert made == expected


def test_a_folder_that_cannot_be_written_is_only_slower(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    linkindex.save_rows_link_index(_rows_of(SHIPPED_DATA), blocked / "links.bin")
    assert blocked.read_text() == "not a folder"
    assert list(tmp_path.iterdir()) == [blocked]  # nothing left behind


def test_the_records_go_to_a_spool_beside_the_file(tmp_path, monkeypatch):
    # They go to the spool as they are made; the file is the graph's all the same.
    import tempfile

    held, folders = [], []
    append = linkindex.arrays.RecordSpool.append
    make_temporary = tempfile.TemporaryFile

    def counted(spool, record):
        held.append(len(record))
        append(spool, record)

    def seen(*args, **kwargs):
        folders.append(kwargs.get("dir"))
        return make_temporary(*args, **kwargs)

    monkeypatch.setattr(linkindex.arrays.RecordSpool, "append", counted)
    monkeypatch.setattr(tempfile, "TemporaryFile", seen)
    rows = _rows_of(SHIPPED_DATA)
    index = _same_file(rows, tmp_path)
    assert len(held) == len(index._file) == index.links.number_of_edges()
    assert folders == [tmp_path]  # the spool is on the cache file's disk, not in /tmp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.bin", "rows.bin"]
