"""Cookbook queries written for the engine's plans give the rows of their plainest formulation.

A cookbook query may be written so that the engine starts from its most
selective pattern (values in a ``VALUES`` block rather than a ``FILTER`` on
every candidate). Such a text must mean the same as the plain one: both are
run here on the shipped data and on a synthetic corpus with many
cross-brief links, and give the same rows in the same order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import REPO, SHIPPED_DATA

import kg
from kg.outputs.sparql import cookbook
from kg.vocab import PREFIXES

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402

_VERDICTS = "VALUES ?verdictIri { ck:Contradiction ck:NullFinding ck:HedgeMismatch }"
_FILTER = "FILTER (?verdictIri IN (ck:Contradiction, ck:NullFinding, ck:HedgeMismatch))"


def _plain_disagreements(text: str) -> str:
    """The query with its verdicts as a ``FILTER`` inside the derived graph's block."""
    assert text.count(_VERDICTS) == 1
    text = text.replace(_VERDICTS, "")
    anchor = "prov:wasDerivedFrom ?claim .\n"
    assert text.count(anchor) == 1
    return text.replace(anchor, anchor + "    " + _FILTER + "\n")


def _store(data: Path, out: Path) -> ox.Store:
    trig = kg.build(data, out, shacl=False, store="memory").path
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def _rows(store: ox.Store, text: str) -> list[tuple[str, ...]]:
    solutions = store.query(text, prefixes=PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [tuple(str(row[n]) for n in names) for row in solutions]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> ox.Store:
    folder = tmp_path_factory.mktemp("plans")
    return _store(corpus.write_corpus(folder / "data", 40), folder / "out")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> ox.Store:
    return _store(SHIPPED_DATA, tmp_path_factory.mktemp("plans-shipped"))


@pytest.mark.parametrize(("data", "verdicts"), [("shipped", 3), ("synthetic", 2)])
def test_disagreements_gives_the_rows_of_its_filter_form(data, verdicts, request):
    store = request.getfixturevalue(data)
    text = {q.name: q.text for q in cookbook()}["disagreements"]
    rows = _rows(store, text)
    # the shipped data has all three verdicts (the synthetic corpus no null finding)
    assert len({row[0] for row in rows}) == verdicts
    assert rows == _rows(store, _plain_disagreements(text))
