"""Fixtures of the conformance suite: kg's outputs, made once per session in a temporary folder.

Two corpora are built and exported: the shipped data (``data/``) and a
synthetic corpus of several briefs from the benchmark's generator
(``bench/corpus.py``). For each, :class:`Outputs` holds the dataset built
in every format ``kg build`` writes, with the count ``kg build`` printed, and
every file ``kg export`` writes. The tests then read these files with tools
that share no code with kg (``conformance_tools.py``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import REPO, SHIPPED_DATA

import kg
from kg.outputs.exports import ExportResult, export
from kg.rdf.formats import FORMATS

sys.path.insert(0, str(REPO / "bench"))
import corpus as bench_corpus  # noqa: E402

#: Briefs in the synthetic corpus: enough for shared factors and contradictions.
SYNTHETIC_BRIEFS = 6


@dataclass
class Outputs:
    """What kg made from one corpus."""

    name: str
    data_dir: Path
    built: dict[str, Path]  # kg build --format F -> its file
    printed: dict[str, tuple[int, str]]  # the count `kg build` printed, and its unit
    exported: ExportResult

    @property
    def rdf_files(self) -> list[Path]:
        """Every RDF file kg wrote: the built datasets, the RDF exports, the nanopublications."""
        exports = [self.exported.paths[f] for f in ("trig", "nquads", "jsonld", "nanopub")]
        return [*self.built.values(), *exports, *self.exported.nanopub_files]


def make_outputs(name: str, data_dir: Path, root: Path) -> Outputs:
    built, printed = {}, {}
    for fmt in FORMATS:
        result = kg.build(data_dir, root / f"build-{fmt}", fmt, store="memory")
        assert result.path is not None
        built[fmt] = result.path
        match = re.search(r"\((\S+), (\d+) (quads|triples)\)", result.summary())
        assert match and match[1] == fmt, result.summary()
        printed[fmt] = (int(match[2]), match[3])
    dataset = kg.Project(data_dir, dataset_file=built["trig"]).dataset
    exported = export(dataset, root / "export", source=name)
    return Outputs(name, data_dir, built, printed, exported)


@pytest.fixture(scope="session")
def shipped(tmp_path_factory) -> Outputs:
    """kg's outputs from the shipped data."""
    return make_outputs("shipped", SHIPPED_DATA, tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Outputs:
    """kg's outputs from a synthetic multi-brief corpus."""
    root = tmp_path_factory.mktemp("synthetic")
    data = bench_corpus.write_corpus(root / "data", SYNTHETIC_BRIEFS)
    return make_outputs("synthetic", data, root)


@pytest.fixture(params=["shipped", "synthetic"])
def outputs(request) -> Outputs:
    """Each corpus's outputs in turn."""
    return request.getfixturevalue(request.param)
