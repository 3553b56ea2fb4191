"""What a reader of the dataset takes: a :class:`DatasetSource`, whatever holds the data.

Three things hold a dataset kg can read: the Oxigraph store on disk and the
one in memory (both :class:`kg.store.Store`), and a SPARQL 1.1 server
(:class:`kg.store.remote.RemoteStore`). Each answers a SPARQL query as
pyoxigraph does and hands the analysis its causal rows; that is the
protocol. A consumer takes a ``DatasetSource`` and tells the kinds apart by
this protocol alone: :func:`as_source` turns what a user may hand over (a
pyoxigraph store, an rdflib dataset) into one, and :func:`local_store` gives
the pyoxigraph store behind a local source, for the work that needs the
quads themselves (exports, the explorer's layout), or says in one line that a
remote server cannot serve it.

>>> import pyoxigraph as ox
>>> source = as_source(ox.Store())
>>> isinstance(source, DatasetSource), bool(source.query("ASK { ?s ?p ?o }"))
(True, False)
>>> local_store(source) is source.oxigraph
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from kg.errors import InvalidParameter
from kg.io.terms import oxigraph_quads
from kg.store.oxigraph import Store
from kg.store.rows import CausalRows

__all__ = ["DatasetSource", "as_source", "local_store"]


@runtime_checkable
class DatasetSource(Protocol):
    """A dataset kg can read: a local store, an in-memory one, or a remote SPARQL server.

    ``query`` runs a SPARQL 1.1 query with kg's prefixes declared and the
    default graph the union of the named graphs, ``bindings`` giving
    variables values (never pasted into the text by the caller); it answers
    what :meth:`pyoxigraph.Store.query` answers (a remote server's triples
    come as a list). ``causal_rows`` gives the rows of the causal graph.
    ``close`` releases the store or the connections.
    """

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]:
        """Answer a SPARQL query (see the class)."""
        ...  # pragma: no cover

    def causal_rows(self) -> CausalRows:
        """The rows of the causal graph."""
        ...  # pragma: no cover

    def close(self) -> None:
        """Release the store or the connections."""
        ...  # pragma: no cover


def as_source(dataset: Any) -> DatasetSource:
    """``dataset`` as a :class:`DatasetSource`.

    A source is returned as it is; a :class:`pyoxigraph.Store` is wrapped (not
    copied) in a :class:`kg.store.Store`; an rdflib dataset is copied into
    an in-memory store (fine for a brief, slow for a corpus).

    Raises
    ------
    InvalidParameter
        ``dataset`` is none of these.

    >>> as_source("dist/dataset.trig")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameter: 'dist/dataset.trig' is not a dataset; give a kg.Project or its dataset, a pyoxigraph Store or an rdflib Dataset (kg.Project(FOLDER) reads a folder or a built file)
    """
    if isinstance(dataset, DatasetSource):
        return dataset
    if isinstance(dataset, ox.Store):
        return Store(dataset, None, False)
    if hasattr(dataset, "serialize") and hasattr(dataset, "contexts"):  # an rdflib dataset
        store = ox.Store()
        store.bulk_extend(oxigraph_quads(dataset))
        return Store(store, None, False)
    raise InvalidParameter(
        f"{str(dataset)[:80]!r} is not a dataset",
        "give a kg.Project or its dataset, a pyoxigraph Store or an rdflib Dataset "
        "(kg.Project(FOLDER) reads a folder or a built file)",
    )


def local_store(dataset: Any) -> ox.Store:
    """The :class:`pyoxigraph.Store` behind a local source (see :func:`as_source`).

    Raises
    ------
    InvalidParameter
        The source is a remote SPARQL server, whose quads kg does not copy.
    """
    source = as_source(dataset)
    if isinstance(source, Store):
        return source.oxigraph
    raise InvalidParameter(
        f"{getattr(source, 'endpoint', 'a remote server')} is a remote server: this needs the "
        "dataset's quads",
        "read the data folder, a built file or a store instead of an endpoint",
    )
