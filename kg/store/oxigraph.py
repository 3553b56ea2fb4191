"""The dataset in a persistent Oxigraph store, kept in step with the authoring files.

A :class:`Store` holds one named graph per brief, the ontology graph and the
factor-scheme graph, in `Oxigraph <https://github.com/oxigraph/oxigraph>`_
through pyoxigraph. :meth:`Store.sync` brings it to a wanted state graph by
graph: a graph whose content digest has not changed is left alone (and its
quads are never generated), a changed one is replaced as a whole, a graph no
longer wanted is removed. Queries see the union of the named graphs as their
default graph, as ``kg query`` always has.

Layout of a store folder
------------------------
``oxigraph/``
    The Oxigraph database (RocksDB files); only pyoxigraph reads or writes it.
``kg-store.json``
    kg's metadata: the store format version, the version of kg that wrote
    it, the digest of the whole dataset and, per named graph, the digest of
    the content it was built from. Written atomically, and only once every
    graph of a sync is in the database.
``sync-pending.json``
    Present only while a sync is writing: the graphs it is about to touch.
    A sync that was interrupted (killed, power lost) leaves it behind, and
    the metadata still describes the state before; the next sync treats the
    listed graphs as unknown and rewrites them.
A write that fails (a full disk, say) is :class:`~kg.errors.WriteFailed`,
one line. When no sync ever completed in the folder (no ``kg-store.json``:
a first build), the database it began is removed, so nothing half written
stays; a database there that cannot be opened is begun afresh by the next
writer, since it holds nothing a completed build wrote.

``lock``
    The lock file. A writer holds an exclusive ``flock`` on it and writes its
    process id and command into it; readers hold a shared one. So there is
    one writer or any number of readers, and the others get
    :class:`~kg.errors.StoreLocked` at once instead of waiting.
``snapshots/``
    Present once ``kg serve`` has served the store: copies of finished
    states that the server reads while builds write the store
    (:mod:`kg.store.snapshots`).
``cache/``
    Caches keyed by the dataset digest, e.g. the rows of the causal graph
    (:meth:`Store.causal_rows`), so that a command on a big store starts fast,
    and what analyses derive from them (:meth:`Store.derived_cache`, files of
    arrays that load without running code: :mod:`kg.store.arrays`), such as
    the link index of ``kg chains`` (:mod:`kg.analysis.linkindex`).

The names of these files are :mod:`kg.store.layout`'s; the code is split
by topic: opening, the lock and the record of the last sync
(:mod:`kg.store.lifecycle`), writing with its journal
(:mod:`kg.store.journal`), reading (:mod:`kg.store.queries`), and the rows
of the causal graph with their cache (:mod:`kg.store.causal`), which a build
fills with the rows it makes from its records (:mod:`kg.store.records`).

Example, in memory:

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> g = "https://example.org/g"
>>> content = GraphContent(
...     g, "v1", lambda: [Quad(NamedNode(g + "#a"), NamedNode(g + "#p"), Literal("1"))]
... )
>>> store = Store.open(None)
>>> store.sync({g: content}, dataset_digest="d1")
SyncResult(added=1, replaced=0, removed=0, unchanged=0, quads=1)
>>> store.sync({g: content}, dataset_digest="d1").unchanged
1
>>> [str(row["o"].value) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['1']
"""

from __future__ import annotations

from kg.io.terms import Term
from kg.io.terms import to_oxigraph as to_term
from kg.store.causal import read_causal_rows
from kg.store.journal import GraphContent, Journal, SyncResult, graph_contents, parse_nquads
from kg.store.lifecycle import FORMAT_VERSION
from kg.store.queries import Queries

__all__ = [
    "FORMAT_VERSION",
    "GraphContent",
    "SyncResult",
    "Store",
    "Term",
    "graph_contents",
    "parse_nquads",
    "read_causal_rows",
    "to_term",
]


class Store(Journal, Queries):
    """The kg dataset in Oxigraph, on disk or in memory.

    Open one with :meth:`Store.open`; use it as a context manager, or call
    :meth:`close`, to release the database and the lock. It writes with
    :meth:`sync` (:mod:`kg.store.journal`) and reads with :meth:`query`,
    :meth:`quads` and :meth:`causal_rows` (:mod:`kg.store.queries`).
    """
