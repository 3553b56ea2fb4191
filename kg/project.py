"""The composition root: where a user's briefs are, and the dataset built from them.

A :class:`Project` knows the folder of authoring files, the built file or
store to read instead, and where builds go. It builds or loads the dataset
once and hands it, or the causal graph projected from it, to the analysis,
the outputs and linking, which never look for files themselves. The command
line and the notebook API both start here:

>>> import kg
>>> project = kg.Project()                       # ./data if present, else the shipped briefs
>>> G = project.causal_graph(exclude_modalities=["conditional"])
>>> kg.causal_chains(G, "rising coastal costs", "return migration").chains[0].sign_symbol
'+'
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.resources import DEFAULT_OUT, default_data_dir

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

    from kg.pipeline import BuildResult
    from kg.problems import ValidationReport

__all__ = ["Project", "load_dataset", "load_causal_graph", "compare", "show_explorer"]


class Project:
    """A folder of briefs and the dataset built from it.

    Parameters
    ----------
    data_dir : path, optional
        Folder of authoring files (``factors.yaml`` and ``briefs/``); default
        ``./data`` when it holds a ``factors.yaml``, else the shipped briefs.
    dataset_file : path, optional
        A built file (TriG, N-Quads, Turtle or JSON-LD) to read instead of
        the authoring files.
    out_dir : path
        Where builds are written (default ``dist``).
    """

    def __init__(
        self,
        data_dir: str | os.PathLike | None = None,
        *,
        dataset_file: str | os.PathLike | None = None,
        out_dir: str | os.PathLike = DEFAULT_OUT,
    ):
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.dataset_file = Path(dataset_file) if dataset_file is not None else None
        self.out_dir = Path(out_dir)

    def __repr__(self) -> str:
        source = self.dataset_file if self.dataset_file is not None else self.data_dir
        return f"Project({str(source)!r})"

    # ------------------------------------------------------------ the main job

    def build(self, fmt: str = "trig", *, force: bool = False) -> BuildResult:
        """Validate the authoring files and write the dataset (see :func:`kg.build`)."""
        from kg.pipeline import build

        result = build(self.data_dir, self.out_dir, fmt, force=force)
        self.__dict__["dataset"] = result.dataset
        return result

    def validate(self) -> ValidationReport:
        """Check the authoring files and the built graph (see :func:`kg.validate`)."""
        from kg.validation import validate

        return validate(self.data_dir)

    # ------------------------------------------------------------ what the others read

    @cached_property
    def dataset(self) -> Any:
        """The dataset, loaded once.

        A given ``dataset_file`` is read as it is. Otherwise the last build
        (``out_dir/kg.trig``) is used when it was made from the current
        authoring files, and the dataset is built in memory when it was not.
        """
        from kg.pipeline import build_dataset, build_digest
        from kg.rdf.writers import read_dataset, read_header

        if self.dataset_file is not None:
            return read_dataset(self.dataset_file)
        last = self.out_dir / "kg.trig"
        header = read_header(last)
        if header is not None and f"sha256:{build_digest(self.data_dir)}" in header:
            return read_dataset(last)
        return build_dataset(self.data_dir).dataset

    def causal_graph(
        self,
        *,
        briefs: Iterable[str] | None = None,
        exclude_modalities: Iterable[str] = (),
        min_confidence: float = 0.0,
    ) -> nx.MultiDiGraph:
        """The signed causal graph of the dataset (see :func:`kg.causal_graph`)."""
        from kg.analysis.graph import causal_graph

        return causal_graph(
            self.dataset,
            briefs=briefs,
            exclude_modalities=exclude_modalities,
            min_confidence=min_confidence,
        )

    @cached_property
    def provenance(self) -> str:
        """One line naming the build a view comes from: kg's version and the inputs' digest."""
        from kg import __version__
        from kg.io import display_path
        from kg.pipeline import build_digest
        from kg.rdf.writers import read_header

        if self.dataset_file is not None:
            header = read_header(self.dataset_file)
            built = f", built by kg {header}" if header else ""
            return f"From {display_path(self.dataset_file)}{built}"
        digest = build_digest(self.data_dir)
        return (
            f"Built by kg {__version__} from {display_path(self.data_dir)} "
            f"(inputs sha256:{digest[:12]})"
        )

    @cached_property
    def source_note(self) -> str:
        """What an export says it was made from: the built file, or the inputs' digest."""
        from kg.pipeline import build_digest

        if self.dataset_file is not None:
            return self.dataset_file.name
        return f"inputs sha256:{build_digest(self.data_dir)}"


# ---------------------------------------------------------------- one-call shorthands


def load_dataset(
    data_dir: str | os.PathLike | None = None, built: str | os.PathLike | None = None
) -> Any:
    """The dataset to query: :attr:`Project.dataset` of ``data_dir``, or of a ``built`` file."""
    return Project(data_dir, dataset_file=built).dataset


def load_causal_graph(
    data_dir: str | os.PathLike | None = None,
    built: str | os.PathLike | None = None,
    **filters: Any,
) -> nx.MultiDiGraph:
    """The causal graph of a data folder or a built file: :meth:`Project.causal_graph`."""
    return Project(data_dir, dataset_file=built).causal_graph(**filters)


def compare(
    data_dir: str | os.PathLike | None = None,
    built: str | os.PathLike | None = None,
    briefs: Iterable[str] = (),
    *,
    exclude_modalities: Iterable[str] = (),
    min_confidence: float = 0.0,
    max_length: int = 4,
    limit: int = 50,
) -> tuple[Any, nx.MultiDiGraph]:
    """Compare the briefs of a data folder or built file (``kg compare``).

    Returns the :class:`~kg.linking.compare.Comparison` and the graph it was
    made from. With ``briefs`` given (two or more), only those are compared.
    """
    from kg.linking.compare import compare_briefs

    briefs = list(dict.fromkeys(briefs))
    G = Project(data_dir, dataset_file=built).causal_graph(
        briefs=briefs or None, exclude_modalities=exclude_modalities, min_confidence=min_confidence
    )
    return compare_briefs(G, briefs or None, max_length=max_length, limit=limit), G


def show_explorer(source: Any = None, *, height: int = 640, **options: Any) -> Any:
    """The explorer inline in a Jupyter notebook (the options of :func:`kg.explorer_html`).

    ``source`` is a :class:`Project`, a folder of authoring files, a dataset,
    or None for ``Project()``. In a notebook cell,
    ``kg.show_explorer(focus="return migration")`` displays the page in a
    sandboxed frame; nothing is written to disk.
    """
    from kg.outputs.explorer import ExplorerPage, explorer_html

    if source is None or isinstance(source, (str, os.PathLike)):
        source = Project(source)
    if isinstance(source, Project):
        page = explorer_html(source.dataset, build=source.provenance, **options)
    else:
        page = explorer_html(source, **options)
    return ExplorerPage(page.html, height=height)
