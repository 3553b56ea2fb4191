"""The main job: authoring files -> validated RDF dataset -> file on disk.

:func:`build` checks a data folder and writes its dataset;
:func:`build_dataset` builds it in memory.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg import __version__
from kg.authoring.model import Corpus
from kg.authoring.reader import input_digest
from kg.errors import InvalidData, KgError
from kg.io import display_path
from kg.problems import ValidationReport
from kg.rdf.build import corpus_quads
from kg.rdf.writers import FORMATS, write_quads
from kg.resources import DEFAULT_OUT, default_data_dir, ontology_dir
from kg.validation.validate import check_data

__all__ = [
    "BuildResult",
    "build",
    "build_dataset",
    "build_digest",
]


@dataclass
class BuildResult:
    """What a build made: the dataset, where it went and what it holds."""

    dataset: Dataset
    corpus: Corpus
    quads: list
    report: ValidationReport
    data_dir: Path
    path: Path | None = None
    fmt: str = "trig"
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """A few lines saying what the graph holds, as ``kg build`` prints them."""
        c = self.counts
        lines = []
        if self.path is not None:
            lines.append(f"Wrote {display_path(self.path)} ({self.fmt}, {c['quads']} quads)")
        lines.append(
            f"Validated {display_path(self.data_dir)}: conforms (authoring checks and SHACL shapes)"
        )
        lines.append(
            f"{c['briefs']} brief{'s' if c['briefs'] != 1 else ''}, {c['claims']} claims, "
            f"{c['observations']} observations, {c['factors']} factors, "
            f"{c['edges']} cause-effect pairs"
        )
        for brief_id in sorted(self.corpus.briefs):
            brief_file = self.corpus.briefs[brief_id]
            signs = Counter(cl.sign for cl in brief_file.claims)
            modalities = Counter(cl.modality for cl in brief_file.claims)
            lines.append(f"  {brief_id}: {brief_file.brief.citation}")
            lines.append(
                f"    {len(brief_file.claims)} claims ("
                + ", ".join(f"{n} {s}" for s, n in sorted(signs.items()))
                + "; "
                + ", ".join(f"{n} {m}" for m, n in sorted(modalities.items()))
                + f"), {len(brief_file.observations)} observations"
            )
        return "\n".join(lines)


def build_digest(data_dir: str | os.PathLike) -> str:
    """A fingerprint of everything a build depends on: data, ontology and kg's version."""
    digest = hashlib.sha256(input_digest(data_dir).encode())
    for name in ("causal.ttl", "shapes.ttl"):
        digest.update((ontology_dir() / name).read_bytes())
    digest.update(__version__.encode())
    return digest.hexdigest()


def _header(digest: str) -> str:
    return f"{__version__} from inputs sha256:{digest}; rebuild with `kg build`, do not edit"


def build_dataset(data_dir: str | os.PathLike | None = None) -> BuildResult:
    """Check ``data_dir`` and build its dataset in memory.

    Raises
    ------
    InvalidData
        The data does not validate; ``error.report`` lists the problems.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    checked = check_data(data_dir)
    if not checked.report.conforms or checked.dataset is None:
        raise InvalidData(checked.report)
    corpus = checked.corpus
    pairs = {(cl.cause, cl.effect) for cl in corpus.claims}
    counts = {
        "briefs": len(corpus.briefs),
        "claims": len(corpus.claims),
        "observations": len(corpus.observations),
        "factors": len(corpus.factors),
        "edges": len(pairs),
    }
    quads = corpus_quads(corpus)
    counts["quads"] = len(quads)
    return BuildResult(checked.dataset, corpus, quads, checked.report, data_dir, counts=counts)


def build(
    data_dir: str | os.PathLike | None = None,
    out_dir: str | os.PathLike = DEFAULT_OUT,
    fmt: str = "trig",
    *,
    force: bool = False,
) -> BuildResult:
    """Validate the authoring files and write the dataset to ``out_dir/kg.<ext>``.

    Parameters
    ----------
    data_dir : path, optional
        Folder of authoring files; default ``data/`` here, else the shipped briefs.
    out_dir : path
        Folder to write to (created if needed); default ``dist``.
    fmt : {"trig", "turtle", "nquads", "json-ld"}
    force : bool
        Replace an existing output file even if kg did not write it.

    Returns
    -------
    BuildResult

    Raises
    ------
    InvalidData
        Nothing is written when the data does not validate.
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    result = build_dataset(data_dir)
    path = Path(out_dir) / ("kg" + FORMATS[fmt][0])
    write_quads(result.quads, path, fmt, header=_header(build_digest(result.data_dir)), force=force)
    result.path, result.fmt = path, fmt
    return result
