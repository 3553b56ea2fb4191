"""The causal rows a build caches are made from its records: the same rows SPARQL reads.

:func:`kg.store.records.causal_rows_of` makes the rows from the corpus in
memory; :func:`kg.store.causal.read_causal_rows` reads them from a store
holding the corpus's dataset. Both must give the same rows, value for value
and type for type (the cache is JSON: ``1`` and ``1.0`` would differ there).
"""

from __future__ import annotations

import json
import sys
from dataclasses import astuple

import pytest
from helpers import REPO, SHIPPED_DATA, make_linked_data
from ruamel.yaml import YAML

import kg
from kg.authoring import read_corpus
from kg.store import Store, causal
from kg.store.records import causal_rows_of

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def _same_rows(made, read) -> None:
    assert made == read
    assert json.dumps(causal._rows_to_json(made)) == json.dumps(causal._rows_to_json(read))
    # the cache file lists each row's fields in order, as dataclasses.astuple gives them
    written = causal._rows_to_json(made)
    for kind in ("claims", "selections", "trends"):
        assert written[kind] == [list(astuple(row)) for row in getattr(made, kind)]
    assert causal._rows_from_json(json.loads(json.dumps(written))) == made


def _rows_by_sparql(data):
    result = kg.build_dataset(data, shacl=False)
    return causal.read_causal_rows(result.store._select)


def _linked_with_matches(root):
    """The linking data with one exact match between factors and one to an outside IRI."""
    data = make_linked_data(root)
    kg.apply_links([kg.linking.Decision("inland-provinces", "hinterland-regions", "exact")], data)
    yaml = YAML(typ="rt")
    path = data / "factors.yaml"
    factors = yaml.load(path.read_text(encoding="utf-8"))
    factors["factors"][0]["exact_match"] = ["https://example.org/concept/1"]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(factors, handle)
    return data


@pytest.mark.parametrize("name", ["shipped", "linked", "synthetic"])
def test_the_rows_made_from_records_are_those_sparql_reads(name, tmp_path):
    if name == "shipped":
        data = SHIPPED_DATA
    elif name == "linked":
        data = _linked_with_matches(tmp_path / "data")
    else:
        data = write_corpus(tmp_path / "data", 40, seed=5)
    corpus, problems = read_corpus(data)
    made = causal_rows_of(corpus)
    assert made.claims and made.factors and made.briefs
    if name == "linked":
        assert made.exact_matches  # the merge has work to do
    if name == "shipped":
        assert made.selections and made.trends
    _same_rows(made, _rows_by_sparql(data))


def _cached_rows(store_path, monkeypatch):
    """The rows a reader gets from the store's cache (failing if it would query)."""
    with Store.open(store_path, read_only=True) as store:
        from_store = store._read_causal_rows()
        with monkeypatch.context() as patched:

            def no_queries(self):
                raise AssertionError("the rows should come from the cache")

            patched.setattr(Store, "_read_causal_rows", no_queries)
            return store.causal_rows(), from_store


def test_the_cache_is_right_after_one_brief_changed(tmp_path, monkeypatch):
    data = write_corpus(tmp_path / "data", 12, seed=4)
    out = tmp_path / "out"
    kg.build(data, out, shacl=False).close()
    cached, from_store = _cached_rows(out / "store", monkeypatch)
    _same_rows(cached, from_store)

    # one brief's claim gets another paraphrase, sign and confidence; a second brief goes
    yaml = YAML(typ="rt")
    first, second = sorted((data / "briefs").glob("*.yaml"))[:2]
    brief = yaml.load(first.read_text(encoding="utf-8"))
    claim = brief["claims"][0]
    claim["paraphrase"] = "A paraphrase written again."
    claim["sign"] = "decreases" if claim["sign"] == "increases" else "increases"
    claim["confidence"] = 0.55
    with first.open("w", encoding="utf-8") as handle:
        yaml.dump(brief, handle)
    second.unlink()
    result = kg.build(data, out, shacl=False)
    # incremental: the brief (and the derived graph) replaced, the other briefs kept
    assert result.sync.replaced >= 1 and result.sync.removed == 1 and result.sync.unchanged >= 9
    result.close()

    after, from_store = _cached_rows(out / "store", monkeypatch)
    assert after != cached
    _same_rows(after, from_store)
    assert "A paraphrase written again." in {c.paraphrase for c in after.claims}
    assert second.stem not in after.briefs
    assert len(list((out / "store" / "cache").glob("rows-*.json"))) == 1


@pytest.mark.parametrize("name", ["shipped", "synthetic"])
@pytest.mark.parametrize("chunk", [1, 3, 10_000])
def test_the_cache_file_is_written_in_pieces_as_one_json_text(name, chunk, tmp_path, monkeypatch):
    # The file is written a chunk of rows at a time, so that its text is never whole in
    # memory; it must be the very bytes json.dumps gives for the whole, and read back.
    data = SHIPPED_DATA if name == "shipped" else write_corpus(tmp_path / "data", 25, seed=3)
    rows = causal_rows_of(read_corpus(data)[0])
    sections = causal._rows_to_json(rows)
    assert len(sections["claims"]) > 3 * chunk or chunk == 10_000
    if name == "synthetic":
        assert not sections["selections"]  # an empty section among full ones
    monkeypatch.setattr(causal, "_CHUNK", chunk)
    path = tmp_path / "rows.json"
    causal.save(path, rows)
    assert path.read_bytes() == json.dumps(sections).encode()
    assert causal.load(path) == rows
