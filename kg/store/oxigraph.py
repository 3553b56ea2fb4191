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
    (:meth:`Store.causal_rows`), so that a command on a big store starts fast.

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

import errno
import fcntl
import gc
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import __version__
from kg.errors import DataNotFound, KgError, QueryError, StoreLocked, UnreadableFile, WriteFailed
from kg.io import atomic_write
from kg.store.rows import CausalRows, ClaimRow, FactorRow, SelectionRow, TrendRow
from kg.vocab import PREFIXES, local_id

__all__ = [
    "FORMAT_VERSION",
    "GraphContent",
    "SyncResult",
    "Store",
    "graph_contents",
    "parse_nquads",
    "read_causal_rows",
    "to_term",
]

#: Version of the store layout and metadata; a store of another version is rebuilt by sync.
FORMAT_VERSION = 1

_DATABASE = "oxigraph"
_METADATA = "kg-store.json"
_PENDING = "sync-pending.json"
_LOCK = "lock"
_CACHE = "cache"
#: Version of the causal-rows cache files (part of their key).
_ROWS_CACHE_VERSION = 2

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class GraphContent:
    """What one named graph should hold: its IRI, a digest of its source, its quads.

    ``quads`` is called only when the graph has to be written, so an
    unchanged graph costs nothing. It returns :class:`pyoxigraph.Quad` in
    graph ``iri``; triples, and quads in the default graph, are put into it.
    """

    iri: str
    digest: str
    quads: Callable[[], Iterable[ox.Quad | ox.Triple]]


@dataclass(frozen=True)
class SyncResult:
    """What a sync did: graphs added, replaced, removed, left unchanged; quads written."""

    added: int
    replaced: int
    removed: int
    unchanged: int
    quads: int


def _empty_metadata() -> dict[str, Any]:
    return {"format": FORMAT_VERSION, "kg_version": None, "dataset_digest": None, "graphs": {}}


class Store:
    """The kg dataset in Oxigraph, on disk or in memory.

    Open one with :meth:`Store.open`; use it as a context manager, or call
    :meth:`close`, to release the database and the lock.
    """

    def __init__(
        self, oxigraph: ox.Store, path: Path | None, read_only: bool, lock_file: Any = None
    ):
        self._ox = oxigraph
        self.path = path
        self.read_only = read_only
        self._lock_file = lock_file
        self._metadata = self._read_metadata()

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None, *, read_only: bool = False) -> Store:
        """Open the store in folder ``path``, creating it when needed; ``None`` for memory.

        Parameters
        ----------
        path : path or None
            The store folder (see the module's documentation for its layout).
        read_only : bool
            Open for reading only: the folder must hold a store, and other
            processes may read it at the same time, but none may write it.

        Raises
        ------
        StoreLocked
            Another process writes the store, or (for a writer) reads it.
        DataNotFound
            ``read_only`` and there is no store at ``path``.
        UnreadableFile
            The folder holds something Oxigraph cannot open.
        """
        if path is None:
            if read_only:
                raise DataNotFound("an in-memory store cannot be opened read-only")
            return cls(ox.Store(), None, False)
        folder = Path(path)
        database = folder / _DATABASE
        if read_only and not database.is_dir():
            raise DataNotFound(f"no store at {folder}", "build it first with `kg build`")
        if folder.exists() and not folder.is_dir():
            raise UnreadableFile(f"{folder} is not a folder", "give the folder of a store")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(folder, exc.strerror) from None
        lock_file = _acquire(folder, exclusive=not read_only)
        never_built = not (folder / _METADATA).exists()
        try:
            oxigraph = ox.Store.read_only(str(database)) if read_only else ox.Store(database)
        except (OSError, RuntimeError) as exc:
            error: BaseException = exc
            if not read_only and never_built and not _no_room(exc):
                # a first build that failed midway left a database with nothing of value
                _remove_database(database)
                try:
                    return cls(ox.Store(database), folder, read_only, lock_file)
                except (OSError, RuntimeError) as again:
                    error = again
            lock_file.close()
            if not read_only and never_built:
                _remove_database(database)
            if _no_room(error):
                raise WriteFailed(folder, "no space left on device") from None
            raise UnreadableFile(
                f"cannot open the store {folder}: {' '.join(str(error).split())[:200]}",
                "remove the folder to rebuild it from the authoring files",
            ) from None
        return cls(oxigraph, folder, read_only, lock_file)

    def lock(self) -> Store:
        """Make sure this store holds the exclusive write lock; return the store.

        A store opened for writing from a folder takes the lock when it is
        opened and keeps it until :meth:`close`, since Oxigraph lets only one
        process write a database; this method takes it again after a
        :meth:`close`-free release and is a no-op otherwise. In memory there is
        nothing to lock.

        Raises
        ------
        StoreLocked
            Another process holds the store.
        """
        if self.read_only:
            raise ValueError("a store opened read-only cannot be locked for writing")
        if self.path is not None and self._lock_file is None:
            self._lock_file = _acquire(self.path, exclusive=True)
        return self

    def close(self) -> None:
        """Release the database and the lock; the store cannot be used afterwards."""
        self._ox = None  # type: ignore[assignment]
        gc.collect()  # pyoxigraph closes the database when the object is collected
        if self._lock_file is not None:
            _release(self._lock_file, exclusive=not self.read_only)
            self._lock_file = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- metadata ------------------------------------------------------------

    def _read_metadata(self) -> dict[str, Any]:
        if self.path is None:
            return _empty_metadata()
        try:
            data = json.loads((self.path / _METADATA).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _empty_metadata()
        except (OSError, ValueError):
            return _empty_metadata()  # unreadable metadata: the next sync rewrites everything
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            return _empty_metadata()
        return data

    def _write_metadata(self, metadata: dict[str, Any]) -> None:
        self._metadata = metadata
        if self.path is not None:
            text = json.dumps(metadata, indent=1, sort_keys=True) + "\n"
            atomic_write(self.path / _METADATA, text.encode(), force=True)

    def digests(self) -> dict[str, str]:
        """The digest of each named graph's content, as the last complete sync recorded it."""
        return dict(self._metadata["graphs"])

    @property
    def dataset_digest(self) -> str | None:
        """The digest of the whole dataset given to the last complete sync (None if none)."""
        return self._metadata["dataset_digest"]

    @property
    def kg_version(self) -> str | None:
        """The version of kg that made the last complete sync."""
        return self._metadata["kg_version"]

    @property
    def format_version(self) -> int:
        """The version of the store's layout and metadata (:data:`FORMAT_VERSION`)."""
        return int(self._metadata["format"])

    def pending(self) -> list[str]:
        """The graphs an interrupted sync may have left half-written (empty when none)."""
        if self.path is None:
            return []
        try:
            data = json.loads((self.path / _PENDING).read_text(encoding="utf-8"))
            return sorted(data["graphs"])
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError):
            return sorted(self._metadata["graphs"])  # unreadable journal: distrust everything

    def _pending_cold(self) -> bool:
        if self.path is None:
            return False
        try:
            return bool(json.loads((self.path / _PENDING).read_text(encoding="utf-8"))["cold"])
        except (TypeError, OSError, ValueError, KeyError):
            return False

    def is_empty(self) -> bool:
        """Whether the store holds no quad and no record of a graph (a sync has not begun)."""
        return not self.digests() and not self._pending_exists() and not len(self._ox)

    def is_current(self, dataset_digest: str) -> bool:
        """Whether the store holds exactly the dataset of ``dataset_digest``, fully written."""
        return self.dataset_digest == dataset_digest and not self._pending_exists()

    def _pending_exists(self) -> bool:
        return self.path is not None and (self.path / _PENDING).exists()

    # -- writing -------------------------------------------------------------

    def sync(
        self,
        graphs: Mapping[str, GraphContent],
        *,
        dataset_digest: str,
        progress: Callable[[int, int], None] | None = None,
        check: Callable[[ox.Store], None] | None = None,
    ) -> SyncResult:
        """Bring the store to hold exactly ``graphs``.

        Graphs of the store that ``graphs`` lacks are removed; a graph whose
        digest differs from the recorded one is replaced as a whole (removed,
        then its quads added); the others are not touched and their quads are
        never generated. Into an empty store, every graph is loaded through
        Oxigraph's bulk loader. The metadata is written last: a sync that is
        interrupted leaves the metadata of the state before, and the next
        sync repairs the store.

        Parameters
        ----------
        graphs : mapping of str to GraphContent
            Every named graph the store should hold, by IRI.
        dataset_digest : str
            The digest of the whole dataset, recorded with the graphs.
        progress : callable, optional
            Called as ``progress(done, total)`` after each graph written or
            removed, ``total`` being the number of graphs to write or remove.
        check : callable, optional
            Only for a store that holds nothing yet: called with the
            :class:`pyoxigraph.Store` once every graph is loaded and before the
            metadata is written, so that the data is judged where it lies
            instead of in a copy (``kg build`` runs the SHACL shapes there).
            If it raises, the store is emptied again (a store folder never
            built is removed) and the error goes on.

        Returns
        -------
        SyncResult

        Raises
        ------
        StoreLocked
            Another process holds the store.
        ValueError
            ``check`` was given for a store that already holds data.
        """
        if self.read_only:
            raise ValueError("the store was opened read-only; open it for writing to sync")
        self.lock()
        for iri, content in graphs.items():
            if iri != content.iri:
                raise ValueError(f"graph {iri!r} given with the content of {content.iri!r}")
        recorded = self.digests()
        suspect = set(self.pending())
        present = {g.value for g in self._ox.named_graphs()}
        # Into an empty store, or to redo an interrupted cold load, everything is bulk-loaded.
        cold = not recorded or not present or self._pending_cold()
        if cold:
            to_remove, to_write = set(), sorted(graphs)
            unchanged: list[str] = []
        else:
            to_remove = (present | set(recorded)) - set(graphs)
            to_write, unchanged = [], []
            for iri in sorted(graphs):
                ok = recorded.get(iri) == graphs[iri].digest and iri not in suspect
                ok = ok and iri in present
                (unchanged if ok else to_write).append(iri)
        never_built = self.path is not None and not (self.path / _METADATA).exists()
        if check is not None and (recorded or present or len(self._ox)):
            raise ValueError("a sync with a check needs a store that holds nothing yet")
        try:
            written = self._write(graphs, cold, to_remove, to_write, progress)
        except WriteFailed:  # a file of kg's beside the database (the pending list)
            if never_built:
                self._drop_database()
            raise
        except (OSError, RuntimeError) as exc:
            raise self._failed(exc, never_built) from None
        if check is not None:
            refused: BaseException | None = None
            try:
                check(self._ox)
            except BaseException as exc:
                # the check's frames hold the database open: drop them before removing it
                refused = exc.with_traceback(None)
            if refused is not None:
                self._undo_first_load(never_built)
                raise refused
        replaced = sum(1 for iri in to_write if iri in recorded or iri in present)
        self._write_metadata(
            {
                "format": FORMAT_VERSION,
                "kg_version": __version__,
                "dataset_digest": dataset_digest,
                "graphs": {iri: graphs[iri].digest for iri in sorted(graphs)},
            }
        )
        self._clear_pending()
        self._prune_cache()
        if self.path is not None:  # a server reading this store moves to the new state
            from kg.store.snapshots import publish_if_wanted

            publish_if_wanted(self._ox, self.path, dataset_digest)
        return SyncResult(
            added=len(to_write) - replaced,
            replaced=replaced,
            removed=len(to_remove),
            unchanged=len(unchanged),
            quads=written,
        )

    def _failed(self, exc: BaseException, never_built: bool) -> WriteFailed:
        """The error for a sync the database refused; a first build's database is removed."""
        why = "no space left on device" if _no_room(exc) else " ".join(str(exc).split())[:200]
        if never_built and self.path is not None:
            self._drop_database()
            why += " (the store it began was removed)"
        return WriteFailed(self.path or "the store", why)

    def _undo_first_load(self, never_built: bool) -> None:
        """Empty a store again after a first load its check refused."""
        if never_built:
            self._drop_database()
            return
        self._ox.clear()
        if self.path is not None:
            self._ox.flush()
        self._clear_pending()

    def _drop_database(self) -> None:
        """Close and remove the database of a folder where no sync ever completed."""
        if self.path is None:
            return
        self._ox = None  # type: ignore[assignment]
        gc.collect()  # pyoxigraph closes the database when the object is collected
        _remove_database(self.path / _DATABASE)
        (self.path / _PENDING).unlink(missing_ok=True)

    def _write(
        self,
        graphs: Mapping[str, GraphContent],
        cold: bool,
        to_remove: set[str],
        to_write: list[str],
        progress: Callable[[int, int], None] | None,
    ) -> int:
        """Write the graphs of a sync into the database; the number of quads written."""
        total = len(to_remove) + len(to_write)
        touched = sorted(to_remove | set(to_write))
        if touched or cold:
            self._write_pending(touched, cold)
        done = 0
        written = 0
        if cold:
            if len(self._ox):
                self._ox.clear()
            counter = _Counter()
            self._ox.bulk_extend(counter.count(_graph_stream(graphs, to_write, progress, total)))
            written, done = counter.n, total
            for iri in to_write:  # a graph without quads is still a named graph
                self._ox.add_graph(ox.NamedNode(iri))
        else:
            for iri in sorted(to_remove):
                self._ox.remove_graph(ox.NamedNode(iri))
                done += 1
                if progress is not None:
                    progress(done, total)
            for iri in to_write:
                node = ox.NamedNode(iri)
                quads = list(_in_graph(graphs[iri], node))
                if self._ox.contains_named_graph(node):
                    self._ox.remove_graph(node)
                self._ox.extend(quads)
                self._ox.add_graph(node)
                written += len(quads)
                done += 1
                if progress is not None:
                    progress(done, total)
        if self.path is not None:
            self._ox.flush()
        return written

    def _write_pending(self, graphs: list[str], cold: bool) -> None:
        if self.path is not None:
            text = json.dumps({"graphs": graphs, "cold": cold}, indent=1) + "\n"
            atomic_write(self.path / _PENDING, text.encode(), force=True)

    def _clear_pending(self) -> None:
        if self.path is not None:
            (self.path / _PENDING).unlink(missing_ok=True)

    # -- reading -------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Any] | None = None,
        union_default_graph: bool = True,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query; the prefixes of :data:`kg.vocab.PREFIXES` need no declaration.

        Parameters
        ----------
        sparql : str
            The query text.
        bindings : mapping of str to term, optional
            Values of variables (named without ``?``), given to Oxigraph as
            substitutions, never pasted into the text. pyoxigraph terms, or
            rdflib ones (see :func:`to_term`).
        union_default_graph : bool
            The default graph is the union of the named graphs (default).

        Returns
        -------
        pyoxigraph.QuerySolutions, QueryBoolean or QueryTriples
            As :meth:`pyoxigraph.Store.query` returns them.

        Raises
        ------
        QueryError
            The query does not parse (the message is the parser's), or a
            binding names a variable that a SELECT query does not project:
            Oxigraph substitutes only projected variables (SEP-0007).
        """
        substitutions = (
            {ox.Variable(name.lstrip("?$")): to_term(value) for name, value in bindings.items()}
            if bindings
            else None
        )
        try:
            return self._ox.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=union_default_graph,
                substitutions=substitutions,
            )
        except SyntaxError as exc:
            raise QueryError(f"the query does not parse: {exc}") from None
        except RuntimeError as exc:
            # Oxigraph substitutes only variables that a SELECT query projects.
            raise QueryError(
                f"cannot bind the query's variables: {exc}",
                "bind only variables the query selects (add them to its SELECT clause)",
            ) from None

    def _select(self, sparql: str) -> ox.QuerySolutions:
        result = self.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        return result

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """The quads of one named graph, or of the whole store."""
        graph_name = ox.NamedNode(graph) if graph is not None else None
        return self._ox.quads_for_pattern(None, None, None, graph_name)

    def quad_count(self) -> int:
        """How many quads the store holds."""
        return len(self._ox)

    def named_graphs(self) -> list[str]:
        """The IRIs of the store's named graphs, sorted."""
        return sorted(g.value for g in self._ox.named_graphs())

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`, for what this class does not offer."""
        return self._ox

    # -- the rows of the causal graph ------------------------------------------

    def causal_rows(self) -> CausalRows:
        """The rows of the causal graph (factors, claims, exact matches, briefs).

        Read with a few SPARQL queries, each linear in the size of the
        dataset; cached in the store folder under the dataset digest, so that
        the next command on an unchanged store reads them from the cache.
        """
        cache = self._rows_cache_path()
        if cache is not None:
            try:
                return _rows_from_json(json.loads(cache.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        rows = self._read_causal_rows()
        if cache is not None:
            try:
                atomic_write(cache, json.dumps(_rows_to_json(rows)).encode(), force=True)
            except KgError:
                pass  # a cache that cannot be written is only slower next time
        return rows

    def _rows_cache_path(self) -> Path | None:
        digest = self.dataset_digest
        if self.path is None or digest is None or self._pending_exists():
            return None
        key = hashlib.sha256(f"{_ROWS_CACHE_VERSION} {__version__} {digest}".encode())
        return self.path / _CACHE / f"rows-{key.hexdigest()[:32]}.json"

    def _prune_cache(self) -> None:
        if self.path is None:
            return
        wanted = self._rows_cache_path()
        for old in (self.path / _CACHE).glob("rows-*.json"):
            if old != wanted:
                old.unlink(missing_ok=True)

    def _read_causal_rows(self) -> CausalRows:
        return read_causal_rows(self._select)


_FACTORS_QUERY = """
SELECT ?factor ?label ?group WHERE {
  ?factor a ck:Factor .
  OPTIONAL { ?factor skos:prefLabel ?label }
  OPTIONAL { ?factor ck:group ?group }
}
"""

_GROUP_LABELS_QUERY = """
SELECT ?g ?label WHERE { ?g a ck:FactorGroup ; rdfs:label ?label }
"""

_ALT_LABELS_QUERY = """
SELECT ?factor ?alt WHERE { ?factor a ck:Factor ; skos:altLabel ?alt }
"""

_BRIEFS_QUERY = """
SELECT ?brief ?id WHERE { ?brief a ck:Brief ; dcterms:identifier ?id }
"""

_BRIEF_NODES_QUERY = """
SELECT DISTINCT ?brief WHERE { ?brief a ck:Brief }
"""

_CLAIMS_QUERY = """
SELECT ?claim ?cause ?effect ?sign ?modality ?confidence ?brief ?locator ?paraphrase ?scope
       ?reading ?condition
WHERE {
  ?claim a ck:CausalClaim ; ck:cause ?cause ; ck:effect ?effect ; ck:sign ?sign ;
         ck:modality ?modality ; ck:confidence ?confidence ; ck:statedIn ?brief ;
         ck:locator ?locator ; ck:paraphrase ?paraphrase .
  OPTIONAL { ?claim ck:timeScope ?scope }
  OPTIONAL { ?claim ck:reading ?reading }
  OPTIONAL { ?claim ck:condition ?condition }
}
"""

_EXACT_MATCH_QUERY = """
SELECT ?a ?b WHERE { ?a skos:exactMatch ?b }
"""

_SELECTIONS_QUERY = """
SELECT ?finding ?brief ?population ?trait ?compared ?direction ?modality ?confidence ?reading
       ?locator ?paraphrase
WHERE {
  ?finding a ck:SelectionFinding ; ck:population ?population ; ck:trait ?trait ;
           ck:comparedWith ?compared ; ck:direction ?direction ; ck:modality ?modality ;
           ck:confidence ?confidence ; ck:statedIn ?brief ; ck:locator ?locator ;
           ck:paraphrase ?paraphrase .
  OPTIONAL { ?finding ck:reading ?reading }
}
"""

_TRENDS_QUERY = """
SELECT ?observation ?brief ?factor ?trend ?locator ?paraphrase ?scope ?start ?end
WHERE {
  ?observation a ck:Observation ; ck:trend ?trend ; ck:trendOf ?factor ; ck:statedIn ?brief ;
               ck:locator ?locator ; ck:paraphrase ?paraphrase .
  OPTIONAL { ?observation ck:timeScope ?scope }
  OPTIONAL { ?observation ck:startYear ?start }
  OPTIONAL { ?observation ck:endYear ?end }
}
"""


def _year(term: Any) -> int | None:
    try:
        return int(term.value) if term is not None else None
    except ValueError:
        return None


def read_causal_rows(select: Callable[[str], Iterable[Any]]) -> CausalRows:
    """The rows of the causal graph, read with ``select`` (a query's text -> its solutions).

    The same few linear queries for every backend: this store, a remote
    SPARQL server (:class:`kg.store.remote.RemoteStore`).
    """
    from kg.vocab import TERM_WORDS

    words = {str(term): word for term, word in TERM_WORDS.items()}
    signs = {PREFIXES["ck"] + "Increase": 1, PREFIXES["ck"] + "Decrease": -1}
    labels: dict[str, list[str]] = {}
    group_of: dict[str, str | None] = {}
    for row in select(_FACTORS_QUERY):
        iri = row["factor"].value
        labels.setdefault(iri, [])
        if row["label"] is not None:
            labels[iri].append(row["label"].value)
        group = row["group"]
        group_of[iri] = group.value if group is not None else None
    group_labels = {row["g"].value: row["label"].value for row in select(_GROUP_LABELS_QUERY)}
    alts: dict[str, list[str]] = {}
    for row in select(_ALT_LABELS_QUERY):
        alts.setdefault(row["factor"].value, []).append(row["alt"].value)
    factors = []
    for iri in sorted(labels):
        group = group_of[iri]
        group_word = (
            "" if group is None else group_labels.get(group) or words.get(group, local_id(group))
        )
        alt_labels = tuple(sorted(set(alts.get(iri, ()))))
        for label in sorted(labels[iri]):
            factors.append(FactorRow(iri, label, group_word, alt_labels))
    brief_ids = {row["brief"].value: row["id"].value for row in select(_BRIEFS_QUERY)}
    claims = []
    for row in select(_CLAIMS_QUERY):
        brief = brief_ids.get(row["brief"].value)
        if brief is None:
            continue
        modality = row["modality"].value
        scope, reading, condition = row["scope"], row["reading"], row["condition"]
        claims.append(
            ClaimRow(
                claim=row["claim"].value,
                cause=row["cause"].value,
                effect=row["effect"].value,
                sign=signs.get(row["sign"].value, 0),
                modality=words.get(modality, modality),
                confidence=float(row["confidence"].value),
                brief=brief,
                locator=row["locator"].value,
                paraphrase=row["paraphrase"].value,
                time_scope=scope.value if scope is not None else None,
                reading=words.get(reading.value, "stated") if reading is not None else "stated",
                condition=condition.value if condition is not None else None,
            )
        )
    claims.sort(key=lambda c: (c.claim, c.cause, c.effect, c.brief))
    matches = sorted(
        {
            (row["a"].value, row["b"].value)
            for row in select(_EXACT_MATCH_QUERY)
            if row["a"].value in labels and row["b"].value in labels
        }
    )
    briefs = sorted({local_id(row["brief"].value) for row in select(_BRIEF_NODES_QUERY)})
    selections = []
    for row in select(_SELECTIONS_QUERY):
        brief = brief_ids.get(row["brief"].value)
        if brief is None:
            continue
        reading = row["reading"]
        selections.append(
            SelectionRow(
                finding=row["finding"].value,
                brief=brief,
                population=row["population"].value,
                trait=row["trait"].value,
                compared_with=row["compared"].value,
                direction=words.get(row["direction"].value, row["direction"].value),
                modality=words.get(row["modality"].value, row["modality"].value),
                confidence=float(row["confidence"].value),
                reading=words.get(reading.value, "stated") if reading is not None else "stated",
                locator=row["locator"].value,
                paraphrase=row["paraphrase"].value,
            )
        )
    selections.sort(key=lambda s: s.finding)
    trends = []
    for row in select(_TRENDS_QUERY):
        brief = brief_ids.get(row["brief"].value)
        if brief is None:
            continue
        scope = row["scope"]
        trends.append(
            TrendRow(
                observation=row["observation"].value,
                brief=brief,
                factor=row["factor"].value,
                trend=words.get(row["trend"].value, row["trend"].value),
                locator=row["locator"].value,
                paraphrase=row["paraphrase"].value,
                time_scope=scope.value if scope is not None else None,
                start_year=_year(row["start"]),
                end_year=_year(row["end"]),
            )
        )
    trends.sort(key=lambda t: t.observation)
    return CausalRows(
        tuple(factors),
        tuple(claims),
        tuple(matches),
        tuple(briefs),
        tuple(selections),
        tuple(trends),
    )


def _rows_to_json(rows: CausalRows) -> dict[str, Any]:
    return {
        "factors": [[f.iri, f.label, f.group, list(f.alt_labels)] for f in rows.factors],
        "claims": [list(astuple(c)) for c in rows.claims],
        "exact_matches": [list(pair) for pair in rows.exact_matches],
        "briefs": list(rows.briefs),
        "selections": [list(astuple(s)) for s in rows.selections],
        "trends": [list(astuple(t)) for t in rows.trends],
    }


def _rows_from_json(data: dict[str, Any]) -> CausalRows:
    return CausalRows(
        factors=tuple(FactorRow(i, label, g, tuple(alts)) for i, label, g, alts in data["factors"]),
        claims=tuple(ClaimRow(*row) for row in data["claims"]),
        exact_matches=tuple((a, b) for a, b in data["exact_matches"]),
        briefs=tuple(data["briefs"]),
        selections=tuple(SelectionRow(*row) for row in data["selections"]),
        trends=tuple(TrendRow(*row) for row in data["trends"]),
    )


# -- helpers -------------------------------------------------------------------


class _Counter:
    """Counts the items of a stream as they pass."""

    def __init__(self) -> None:
        self.n = 0

    def count(self, items: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for item in items:
            self.n += 1
            yield item


def _in_graph(content: GraphContent, node: ox.NamedNode) -> Iterator[ox.Quad]:
    """The quads of ``content``, checked (or, for triples, put) into graph ``node``."""
    for item in content.quads():
        if isinstance(item, ox.Triple) or isinstance(item.graph_name, ox.DefaultGraph):
            yield ox.Quad(item.subject, item.predicate, item.object, node)
        elif item.graph_name == node:
            yield item
        else:
            raise ValueError(f"a quad of graph {content.iri!r} is in graph {item.graph_name}")


def _graph_stream(
    graphs: Mapping[str, GraphContent],
    order: list[str],
    progress: Callable[[int, int], None] | None,
    total: int,
) -> Iterator[ox.Quad]:
    for done, iri in enumerate(order, start=1):
        yield from _in_graph(graphs[iri], ox.NamedNode(iri))
        if progress is not None:
            progress(done, total)


def _holder(folder: Path) -> str | None:
    """The writer the lock file names, if that process is alive (readers write nothing)."""
    try:
        text = (folder / _LOCK).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    try:
        pid = int(text.split()[1])
        os.kill(pid, 0)
    except (IndexError, ValueError, ProcessLookupError):
        return None  # empty, or left by a writer that was killed
    except PermissionError:
        pass  # alive, owned by someone else
    return text


def _release(handle: Any, *, exclusive: bool) -> None:
    """Unlock and close the lock file; a writer first rubs out its name."""
    try:
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()  # closing the file releases the flock


def _acquire(folder: Path, *, exclusive: bool):
    """Open and ``flock`` the lock file of ``folder``; return the open file."""
    path = folder / _LOCK
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
    except OSError as exc:
        raise WriteFailed(path, exc.strerror) from None
    try:
        fcntl.flock(handle, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            holder = _holder(folder)
            # A writer names itself in the lock file; readers leave it empty.
            raise StoreLocked(folder, holder, writing=holder is not None) from None
        raise WriteFailed(path, exc.strerror) from None
    if exclusive:
        handle.seek(0)
        handle.truncate()
        command = " ".join(os.path.basename(a) for a in sys.argv[:2]) or "python"
        handle.write(f"process {os.getpid()} ({command})\n")
        handle.flush()
    return handle


def _no_room(exc: BaseException) -> bool:
    """Whether ``exc`` says the disk is full (Oxigraph's RocksDB says it in words)."""
    return getattr(exc, "errno", None) == errno.ENOSPC or "no space left" in str(exc).lower()


def _remove_database(database: Path) -> None:
    """Remove an Oxigraph database folder that holds nothing a completed sync wrote."""
    if database.is_dir() and not database.is_symlink():
        shutil.rmtree(database, ignore_errors=True)


def to_term(value: Any) -> Term:
    """A pyoxigraph term from a pyoxigraph term, or from an rdflib one.

    >>> from rdflib import Literal, URIRef
    >>> to_term(URIRef("https://w3id.org/briefkg/factor/x"))
    <NamedNode value=https://w3id.org/briefkg/factor/x>
    >>> to_term(Literal("Return migration", lang="en"))
    <Literal value=Return migration language=en>
    """
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
        return value
    from rdflib import BNode, Literal, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    raise TypeError(f"not an RDF term: {value!r}")


def parse_nquads(data: bytes | str) -> dict[str, list[ox.Quad]]:
    """The quads of an N-Quads document, grouped by named graph (``""`` for the default)."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name
        key = "" if isinstance(name, ox.DefaultGraph) else name.value
        graphs.setdefault(key, []).append(quad)
    return graphs


def graph_contents(quads: Iterable[ox.Quad]) -> dict[str, GraphContent]:
    """One :class:`GraphContent` per named graph of ``quads``, digested from its content.

    The digest is the SHA-256 of the graph's sorted N-Quads lines, so the
    same quads always give the same digest. Handy for tests, benchmarks and
    data that comes as one file; a build digests its sources instead.
    """
    grouped: dict[str, list[ox.Quad]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            raise ValueError("a quad in the default graph; kg keeps every quad in a named graph")
        grouped.setdefault(quad.graph_name.value, []).append(quad)
    contents = {}
    for iri, items in grouped.items():
        lines = sorted(str(q) for q in items)
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        contents[iri] = GraphContent(iri, digest, _returning(items))
    return contents


def _returning(items: list[ox.Quad]) -> Callable[[], list[ox.Quad]]:
    return lambda: items
