"""What a build leaves in the store's caches: the causal rows, and each graph's TriG text.

The rows of the causal graph are cached by the build itself, so the first
reading command after a build does not query the store for them. The TriG
text of each graph is cached without an fsync per file; a torn or emptied
cache file is told by its digest line and made again, never copied into
``kg.trig``.
"""

from __future__ import annotations

import sys

import pytest
from helpers import REPO

import kg
from kg.errors import WriteFailed
from kg.io import HEADER_PREFIX
from kg.store import Store

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def test_the_build_leaves_the_causal_rows_in_the_store_cache(tmp_path, monkeypatch):
    data = write_corpus(tmp_path / "data", 5, seed=2)
    kg.build(data, tmp_path / "out").close()
    cached = list((tmp_path / "out" / "store" / "cache").glob("rows-*.json"))
    assert len(cached) == 1
    with Store.open(tmp_path / "out" / "store", read_only=True) as store:
        expected = store._read_causal_rows()  # from the store, by SPARQL

        def no_queries(self):
            raise AssertionError("the rows should come from the cache")

        monkeypatch.setattr(Store, "_read_causal_rows", no_queries)
        assert store.causal_rows() == expected


def test_a_torn_trig_cache_file_is_made_again(tmp_path):
    data = write_corpus(tmp_path / "data", 4, seed=3)
    out = tmp_path / "out"
    kg.build(data, out).close()
    before = (out / "kg.trig").read_bytes()
    cached = sorted((out / "store" / "cache" / "trig").glob("*.trig"))
    assert len(cached) >= 4
    cached[0].write_bytes(b"")  # emptied, as after a power cut
    text = cached[1].read_bytes()
    cached[1].write_bytes(text[: len(text) // 2])  # torn
    cached[2].write_bytes(text.replace(b"<", b"<x", 1))  # one changed byte or two
    kg.build(data, out).close()
    assert (out / "kg.trig").read_bytes() == before
    for path in cached[:3]:
        assert path.read_bytes().startswith(b"# kg cache sha256:")


def test_the_files_written_graph_by_graph_equal_the_store_serialised_whole(tmp_path):
    # kg.trig comes from each graph's text as the build made it, kg.nq graph by
    # graph from the store: both as serialize_quads writes the whole dataset
    data = write_corpus(tmp_path / "data", 6, seed=4)
    for fmt, name in (("trig", "kg.trig"), ("nquads", "kg.nq")):
        out = tmp_path / fmt
        result = kg.build(data, out, fmt)
        quads = list(result.store.quads())
        result.close()
        text = (out / name).read_bytes()
        header = text.split(b"\n", 1)[0].decode().removeprefix(HEADER_PREFIX + " ")
        whole = kg.serialize_quads(quads, fmt, header)
        assert _body(text) == _body(whole)  # TriG: the prefixes are all kg's, in its order
        assert fmt == "trig" or text == whole
        assert result.counts["written"] == len(quads)


def test_a_file_written_in_pieces_that_fails_midway_leaves_the_old_one(tmp_path, monkeypatch):
    import shutil

    import kg.pipeline

    data = write_corpus(tmp_path / "data", 4, seed=5)
    out = tmp_path / "out"
    kg.build(data, out).close()
    before = (out / "kg.trig").read_bytes()
    shutil.rmtree(out / "store" / "cache" / "trig")  # every graph's text is made again
    made = []

    def failing(iri, quads, fmt="trig"):
        made.append(iri)
        if len(made) == 3:
            raise OSError(28, "No space left on device")
        return kg.pipeline.serialize_graph.__wrapped__(iri, quads, fmt)

    failing.__wrapped__ = kg.pipeline.serialize_graph  # type: ignore[attr-defined]
    monkeypatch.setattr(kg.pipeline, "serialize_graph", failing)
    with pytest.raises(WriteFailed, match="No space left"):
        kg.build(data, out, force=True)
    assert len(made) == 3  # it failed while writing kg.trig, two graphs in
    assert (out / "kg.trig").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["kg.trig", "store"]  # no temporary file


def _body(text: bytes) -> list[bytes]:
    return [line for line in text.splitlines() if not line.startswith(b"@prefix")]
