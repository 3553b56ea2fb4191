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

from kg.datafolder import brief_files, default_data_dir
from kg.resources import DEFAULT_OUT

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx

    from kg.pipeline import BuildResult
    from kg.problems import ValidationReport
    from kg.store import Store
    from kg.store.source import DatasetSource

__all__ = ["Project", "build", "load_dataset", "load_causal_graph", "compare", "show_explorer"]


#: Seconds per brief of an in-memory build without SHACL (measured: 1,000 briefs of the
#: benchmark's corpus in about 10 s on a 2-core machine), for the note that says how long.
_BUILD_S_PER_BRIEF = 0.01
#: An in-memory build expected to take this long is noted even when no store was ever built.
_NOTE_FROM_S = 2


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
    store : path or "memory", optional
        The Oxigraph store the dataset is built into and read from; default
        ``out_dir/store``, else the store the last ``kg build`` of
        ``data_dir`` went to (recorded in ``data_dir/.kg-store``, see
        :func:`kg.pipeline.recorded_store`); ``"memory"`` for none.
    endpoint : str, optional
        The query URL of a SPARQL 1.1 server to read instead (see
        :class:`kg.store.remote.RemoteStore`); queries and analyses give the
        same answers as from the store the data was pushed from.
    out_dir : path
        Where builds are written (default ``dist``).

    Attributes
    ----------
    notes : list of str
        What a reader should know about where the dataset came from, e.g.
        that the store was older than the authoring files.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike | None = None,
        *,
        dataset_file: str | os.PathLike | None = None,
        store: str | os.PathLike | None = None,
        endpoint: str | None = None,
        out_dir: str | os.PathLike = DEFAULT_OUT,
    ):
        self.endpoint = endpoint
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.dataset_file = Path(dataset_file) if dataset_file is not None else None
        self.out_dir = Path(out_dir)
        self.in_memory = store is not None and str(store) == "memory"
        self.store_path = None if self.in_memory else Path(store or self.out_dir / "store")
        self.store_given = store is not None
        self.notes: list[str] = []

    def __repr__(self) -> str:
        source = self.dataset_file if self.dataset_file is not None else self.data_dir
        return f"Project({str(source)!r})"

    # ------------------------------------------------------------ the main job

    def build(
        self,
        fmt: str = "trig",
        *,
        shacl: bool = True,
        force: bool = False,
        progress: Any = None,
    ) -> BuildResult:
        """Validate the authoring files, update the store and write the dataset (:func:`kg.build`)."""
        from kg.pipeline import MEMORY

        result = build(
            self.data_dir, self.out_dir, fmt, store=MEMORY if self.in_memory else self.store_path,
            shacl=shacl, force=force, progress=progress,
        )  # fmt: skip
        self.__dict__["dataset"] = result.store
        return result

    def validate(self, *, progress: Any = None) -> ValidationReport:
        """Check the authoring files, then with SHACL the graphs not yet checked.

        See :func:`kg.pipeline.validate`: the briefs that passed the shapes at
        their current content (recorded in the store by ``kg build``) are not
        checked again.
        """
        from kg.pipeline import validate

        return validate(self.data_dir, store=self.store_path, progress=progress)

    # ------------------------------------------------------------ what the others read

    @cached_property
    def source(self) -> DatasetSource:
        """What queries and analyses read: the SPARQL server given as ``endpoint``, else :attr:`dataset`.

        Either is a :class:`kg.store.source.DatasetSource`: it answers SPARQL
        queries as pyoxigraph does and gives the causal rows.
        """
        if self.endpoint is not None:
            from kg.store.remote import RemoteStore

            return RemoteStore(self.endpoint)
        return self.dataset

    @cached_property
    def dataset(self) -> Store:
        """The dataset, as a local :class:`kg.store.Store`, loaded once.

        Raises
        ------
        InvalidParameter
            The project reads a SPARQL server (``endpoint``), which holds no
            local dataset: read :attr:`source` instead.

        A given ``dataset_file`` is read into memory as it is. Otherwise the
        store is read when it was built from the current authoring files:
        the given one, or else ``out_dir/store``, then the store the last
        ``kg build`` of the data folder went to. When none is current (or
        none exists), the dataset is built in memory from the authoring files
        (their authoring checks run, not the SHACL shapes), so a stale store
        is never read, and :attr:`notes` says in one line which stores were
        looked for and about how long the build in memory takes (when one of
        them is stale, or the build takes two seconds or more).
        """
        from kg.errors import InvalidParameter
        from kg.pipeline import build_dataset
        from kg.store import Store
        from kg.store.layout import is_store

        if self.endpoint is not None:
            raise InvalidParameter(
                f"{self.endpoint} is a SPARQL server, not a local dataset",
                "read Project.source, which answers queries and analyses from the server",
            )
        if self.dataset_file is not None:
            return _read_file(self.dataset_file)
        from kg.io import display_path
        from kg.io.tables import counted
        from kg.pipeline import recorded_store

        looked: list[str] = []
        stale = False
        candidates = [self.store_path] if self.store_path is not None else []
        if not self.store_given:
            recorded = recorded_store(self.data_dir)
            if recorded is not None and recorded not in candidates:
                candidates.append(recorded)
        for path in candidates:
            if not is_store(path):
                looked.append(f"{display_path(path)} does not exist")
                continue
            store = Store.open(path, read_only=True)
            if store.is_current(self._digest_stamped_in(path)):
                self.store_path = path  # the default, or the store of the folder's last build
                return store
            store.close()
            stale = True
            looked.append(
                f"{display_path(path)} is older than the authoring files in "
                f"{display_path(self.data_dir)}"
            )
        briefs = len(brief_files(self.data_dir))
        seconds = round(briefs * _BUILD_S_PER_BRIEF)
        if looked and (stale or seconds >= _NOTE_FROM_S):
            self.notes.append(
                f"no current store ({'; '.join(looked)}): built {counted(briefs, 'brief')} "
                f"in memory from the files instead (about {max(seconds, 1)} s); "
                "run `kg build` to make or update the store"
            )
        return build_dataset(self.data_dir, shacl=False).store

    def causal_graph(
        self,
        *,
        briefs: Iterable[str] | None = None,
        exclude_modalities: Iterable[str] = (),
        min_confidence: float = 0.0,
        stated_only: bool = False,
    ) -> nx.MultiDiGraph:
        """The signed causal graph of the dataset (see :func:`kg.causal_graph`)."""
        from kg.analysis.graph import causal_graph

        return causal_graph(
            self.source,
            briefs=briefs,
            exclude_modalities=exclude_modalities,
            min_confidence=min_confidence,
            stated_only=stated_only,
        )

    def causal_chains(
        self,
        source: str,
        target: str,
        *,
        briefs: Iterable[str] | None = None,
        exclude_modalities: Iterable[str] = (),
        min_confidence: float = 0.0,
        stated_only: bool = False,
        **search: Any,
    ) -> tuple[Any, nx.MultiDiGraph]:
        """The causal chains from ``source`` to ``target`` (:func:`kg.causal_chains`, whose
        options ``search`` takes), and the graph to report them with.

        Without filters, on a current store, the chains are found from the link
        index the build kept in the store (:mod:`kg.analysis.linkindex`), with
        the same result, without making the causal graph of every claim; the
        graph returned then has the factors only. Otherwise, or when the store
        has no index, from :meth:`causal_graph`, and the index is kept for the
        next time; an index that cannot be read is made again, and
        :attr:`notes` says so.
        """
        from kg.analysis.chains import causal_chains, indexed_chains

        exclude_modalities = tuple(exclude_modalities)
        whole = not briefs and not exclude_modalities and not min_confidence and not stated_only
        path = digest = None
        if whole and self.endpoint is None and self.dataset_file is None:
            from kg.analysis.linkindex import KIND, load_link_index
            from kg.store.arrays import Unreadable

            path = self.dataset.derived_cache(KIND)
            digest = self.dataset.dataset_digest
            if path is not None:
                try:
                    index = load_link_index(path, dataset=digest)
                    return indexed_chains(index, source, target, **search), index.graph
                except FileNotFoundError:
                    pass
                except (OSError, Unreadable) as exc:
                    self.notes.append(
                        f"the cached links could not be read ({' '.join(str(exc).split())}): "
                        "made them again from the store"
                    )
        G = self.causal_graph(
            briefs=briefs,
            exclude_modalities=exclude_modalities,
            min_confidence=min_confidence,
            stated_only=stated_only,
        )
        if path is not None:  # for the next command, even when this one's names are wrong
            from kg.analysis.linkindex import save_link_index

            save_link_index(G, path, dataset=digest)
        return causal_chains(G, source, target, **search), G

    @cached_property
    def inputs_digest(self) -> str:
        """The digest of what a build of the data folder depends on (:func:`kg.pipeline.build_digest`)."""
        from kg.pipeline import build_digest

        return build_digest(self.data_dir)

    def _digest_stamped_in(self, store: Path) -> str:
        """:attr:`inputs_digest`, the files' part from the stamp ``store`` keeps of them when
        none changed (:mod:`kg.store.stamps`); kept as :attr:`inputs_digest` from then on."""
        if "inputs_digest" not in self.__dict__:
            from kg.pipeline import build_digest
            from kg.store.stamps import stamped_input_digest

            inputs = stamped_input_digest(self.data_dir, store)
            self.__dict__["inputs_digest"] = build_digest(self.data_dir, inputs=inputs)
        return self.inputs_digest

    @cached_property
    def provenance(self) -> str:
        """One line naming the build a view comes from: kg's version and the inputs' digest."""
        from kg import __version__
        from kg.io import display_path
        from kg.rdf.writers import read_header

        if self.dataset_file is not None:
            header = read_header(self.dataset_file)
            built = f", built by kg {header}" if header else ""
            return f"From {display_path(self.dataset_file)}{built}"
        digest = self.inputs_digest
        return (
            f"Built by kg {__version__} from {display_path(self.data_dir)} "
            f"(inputs sha256:{digest[:12]})"
        )

    @cached_property
    def source_note(self) -> str:
        """What an export says it was made from: the built file, or the inputs' digest."""

        if self.dataset_file is not None:
            return self.dataset_file.name
        return f"inputs sha256:{self.inputs_digest}"


# ---------------------------------------------------------------- one-call shorthands


def build(
    data_dir: str | os.PathLike | None = None,
    out_dir: str | os.PathLike = DEFAULT_OUT,
    fmt: str = "trig",
    *,
    store: str | os.PathLike | None = None,
    shacl: bool = True,
    force: bool = False,
    progress: Any = None,
) -> BuildResult:
    """Validate the authoring files, update the store and write ``out_dir/kg.<ext>``.

    :func:`kg.pipeline.build` (the same parameters, result and errors), which
    also keeps in a store it changed the link index that ``kg chains`` reads
    (:func:`kg.analysis.linkindex.keep_link_index`).
    """
    from kg.analysis.linkindex import keep_link_index
    from kg.pipeline import build as build_store

    return build_store(
        data_dir, out_dir, fmt, store=store, shacl=shacl, force=force, progress=progress,
        keep=keep_link_index,
    )  # fmt: skip


def load_dataset(
    data_dir: str | os.PathLike | None = None, built: str | os.PathLike | None = None
) -> Store:
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
    stated_only: bool = False,
    max_length: int = 4,
    limit: int | None = 10,
) -> tuple[Any, nx.MultiDiGraph]:
    """Compare the briefs of a data folder or built file (``kg compare``).

    Returns the :class:`~kg.linking.compare.Comparison` and the graph it was
    made from. With ``briefs`` given (two or more), only those are compared.
    """
    from kg.linking.compare import compare_briefs

    briefs = list(dict.fromkeys(briefs))
    G = Project(data_dir, dataset_file=built).causal_graph(
        briefs=briefs or None,
        exclude_modalities=exclude_modalities,
        min_confidence=min_confidence,
        stated_only=stated_only,
    )
    return compare_briefs(G, briefs or None, max_length=max_length, limit=limit), G


def show_explorer(
    source: Any = None, *, data: Any = None, height: int = 720, **options: Any
) -> Any:
    """The explorer inline in a Jupyter notebook (the options of :func:`kg.explorer_html`).

    ``source`` (or ``data``) is a :class:`Project`, a folder of authoring
    files, a dataset, or None for ``Project()``. In a notebook cell,
    ``kg.show_explorer(focus="return migration")`` displays the page in a
    sandboxed frame ``height`` pixels high, where it opens with the graph
    only (the panel button shows search, filters, chains and loops);
    nothing is written to disk.

    Raises
    ------
    KgError
        A folder that holds no data, something that is not a dataset, or an
        option :func:`kg.explorer_html` does not take.
    """
    import inspect

    from kg.errors import InvalidParameter
    from kg.outputs.explorer import ExplorerPage, explorer_html

    known = [
        name
        for name, parameter in inspect.signature(explorer_html).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise InvalidParameter(
            f"show_explorer takes no option {', '.join(unknown)}",
            f"use the data folder or dataset as the first argument, and options among {', '.join(known)}",
        )
    if source is not None and data is not None:
        raise InvalidParameter("show_explorer got both a source and data", "give one of them")
    source = data if source is None else source
    if source is None or isinstance(source, (str, os.PathLike)):
        source = Project(source)
    if isinstance(source, Project):
        page = explorer_html(source.dataset, build=source.provenance, **options)
    else:  # a dataset source, a pyoxigraph store or an rdflib dataset; anything else is refused
        from kg.store.source import as_source

        page = explorer_html(as_source(source), **options)
    return ExplorerPage(page.html, height=height)


def _read_file(path: Path) -> Store:
    """A built file (by its extension) in an in-memory store."""
    import pyoxigraph as ox

    from kg.errors import DataNotFound, UnreadableFile
    from kg.store import Store

    formats = {
        ".trig": ox.RdfFormat.TRIG,
        ".nq": ox.RdfFormat.N_QUADS,
        ".ttl": ox.RdfFormat.TURTLE,
        ".jsonld": ox.RdfFormat.JSON_LD,
    }
    rdf_format = formats.get(path.suffix)
    if rdf_format is None:
        raise UnreadableFile(
            f"{path}: unknown extension", f"use one of {', '.join(formats)} (kg build writes them)"
        )
    if not path.is_file():
        raise DataNotFound(f"{path} does not exist", "run `kg build` first, or give another file")
    if rdf_format == ox.RdfFormat.JSON_LD:
        from kg.rdf.writers import refuse_remote_contexts

        refuse_remote_contexts(path)
    store = Store.open(None)
    try:
        store.oxigraph.bulk_load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UnreadableFile(
            f"{path} could not be read as {path.suffix[1:]}: {' '.join(str(exc).split())}",
            "give a file that kg build or kg export wrote",
        ) from None
    return store
