"""Writing a store: :meth:`Journal.sync` brings it to a wanted state, with a journal of its writes.

A sync writes graph by graph: a graph whose content digest has not changed
is left alone (and its quads are never generated), a changed one is replaced
as a whole, a graph no longer wanted is removed; into an empty store every
graph goes through Oxigraph's bulk loader. Before it touches the database it
writes the journal (:data:`kg.store.layout.PENDING`, the graphs it is about
to touch), and once every graph is in, the metadata
(:data:`kg.store.layout.METADATA`); then it removes the journal. An
interrupted sync thus leaves the metadata of the state before and a journal
naming the graphs to distrust, and the next sync rewrites them.
:meth:`Journal.load` fills an empty store from graphs that come one by one,
each digest noted as its graph goes in.

>>> import pyoxigraph as ox
>>> g = "https://example.org/g"
>>> quad = ox.Quad(ox.NamedNode(g + "#a"), ox.NamedNode(g + "#p"), ox.Literal("1"), ox.NamedNode(g))
>>> store = Journal.open(None)
>>> store.sync(graph_contents([quad]), dataset_digest="d1")
SyncResult(added=1, replaced=0, removed=0, unchanged=0, quads=1)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg import __version__
from kg.errors import WriteFailed
from kg.io import atomic_write
from kg.store import arrays, causal, layout
from kg.store.lifecycle import FORMAT_VERSION, StoreFolder, no_room, remove_database

__all__ = ["GraphContent", "SyncResult", "Journal", "graph_contents", "parse_nquads"]


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


@dataclass(frozen=True)
class _Plan:
    """What a sync is to do: load everything (``cold``), or remove and write some graphs."""

    cold: bool
    to_remove: set[str]
    to_write: list[str]
    unchanged: list[str]


class Journal(StoreFolder):
    """A store folder that can be written: :meth:`sync`, journalled."""

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
        present = {g.value for g in self._ox.named_graphs()}
        plan = self._plan(graphs, recorded, present)
        never_built = self.path is not None and not layout.is_store(self.path)
        if check is not None and (recorded or present or len(self._ox)):
            raise ValueError("a sync with a check needs a store that holds nothing yet")
        try:
            written = self._write(graphs, plan, progress)
        except WriteFailed:  # a file of kg's beside the database (the journal)
            if never_built:
                self._drop_database()
            raise
        except (OSError, RuntimeError) as exc:
            raise self._failed(exc, never_built) from None
        if check is not None:
            self._check(check, never_built)
        self._complete({iri: graphs[iri].digest for iri in graphs}, dataset_digest)
        replaced = sum(1 for iri in plan.to_write if iri in recorded or iri in present)
        return SyncResult(
            added=len(plan.to_write) - replaced,
            replaced=replaced,
            removed=len(plan.to_remove),
            unchanged=len(plan.unchanged),
            quads=written,
        )

    def load(
        self,
        graphs: Iterable[GraphContent],
        *,
        dataset_digest: Callable[[], str],
        check: Callable[[ox.Store], None],
        progress: Callable[[int, int], None] | None = None,
        total: int = 0,
    ) -> SyncResult:
        """Fill a store that holds nothing yet with ``graphs``, taken one by one as they come.

        The first load of :meth:`sync` for a caller that learns each graph
        (its digest and quads) only as it reads its source, and keeps none
        once it is loaded: every graph goes through Oxigraph's bulk loader as
        ``graphs`` yields it, its digest noted. ``dataset_digest`` is called
        once the last graph is in, then ``check``; if the check raises (the
        caller found its source faulty along the way, or the data does not
        conform), the store is emptied again (a store folder never built is
        removed) and the error goes on. Otherwise the metadata is written, as
        by :meth:`sync`.

        Parameters
        ----------
        graphs : iterable of GraphContent
            Every named graph the store should hold, each once.
        dataset_digest : callable
            Gives the digest of the whole dataset, known once ``graphs`` is read.
        check : callable
            Called with the :class:`pyoxigraph.Store` once every graph is loaded.
        progress : callable, optional
            Called as ``progress(done, total)`` after each graph loaded.
        total : int
            The number of graphs expected, for ``progress``.

        Raises
        ------
        ValueError
            The store holds data already, or a graph comes twice.

        >>> g = "https://example.org/g"
        >>> quad = ox.Quad(ox.NamedNode(g + "#a"), ox.NamedNode(g + "#p"), ox.Literal("1"))
        >>> store = Journal.open(None)
        >>> contents = graph_contents([ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(g))])
        >>> store.load(iter(contents.values()), dataset_digest=lambda: "d1", check=lambda data: None)
        SyncResult(added=1, replaced=0, removed=0, unchanged=0, quads=1)
        >>> store.digests() == {g: contents[g].digest}, store.dataset_digest
        (True, 'd1')
        """
        if self.read_only:
            raise ValueError("the store was opened read-only; open it for writing to load it")
        self.lock()
        if not self.is_empty():
            raise ValueError("a load needs a store that holds nothing yet")
        never_built = self.path is not None and not layout.is_store(self.path)
        digests: dict[str, str] = {}
        counter = _Counter()
        failed: BaseException | None = None
        try:
            self._write_pending([], cold=True)  # which graphs is not known yet: all, when redone
            self._ox.bulk_extend(counter.count(_graph_stream(graphs, progress, total, digests)))
            for iri in digests:  # a graph without quads is still a named graph
                self._ox.add_graph(ox.NamedNode(iri))
            if self.path is not None:
                self._ox.flush()
        except WriteFailed:
            if never_built:
                self._drop_database()
            raise
        except (OSError, RuntimeError) as exc:
            raise self._failed(exc, never_built) from None
        except BaseException as exc:
            # the stream's own error, or an interrupt: no half-made first load stays behind
            failed = exc.with_traceback(None)
        if failed is not None:
            self._undo_first_load(never_built)
            raise failed
        self._check(check, never_built)
        self._complete(digests, dataset_digest())
        return SyncResult(added=len(digests), replaced=0, removed=0, unchanged=0, quads=counter.n)

    def _plan(
        self, graphs: Mapping[str, GraphContent], recorded: dict[str, str], present: set[str]
    ) -> _Plan:
        """Which graphs a sync removes, writes and leaves alone."""
        # Into an empty store, or to redo an interrupted cold load, everything is bulk-loaded.
        if not recorded or not present or self._pending_cold():
            return _Plan(True, set(), sorted(graphs), [])
        suspect = set(self.pending())
        to_write: list[str] = []
        unchanged: list[str] = []
        for iri in sorted(graphs):
            ok = recorded.get(iri) == graphs[iri].digest and iri not in suspect and iri in present
            (unchanged if ok else to_write).append(iri)
        return _Plan(False, (present | set(recorded)) - set(graphs), to_write, unchanged)

    def _check(self, check: Callable[[ox.Store], None], never_built: bool) -> None:
        """Run a first load's ``check``; if it refuses, empty the store again and raise."""
        refused: BaseException | None = None
        try:
            check(self._ox)
        except BaseException as exc:
            # the check's frames hold the database open: drop them before removing it
            refused = exc.with_traceback(None)
        if refused is not None:
            self._undo_first_load(never_built)
            raise refused

    def _complete(self, digests: Mapping[str, str], dataset_digest: str) -> None:
        """Record a sync whose graphs are all written: metadata, journal, caches, snapshot."""
        self._write_metadata(
            {
                "format": FORMAT_VERSION,
                "kg_version": __version__,
                "dataset_digest": dataset_digest,
                "graphs": {iri: digests[iri] for iri in sorted(digests)},
            }
        )
        self._clear_pending()
        if self.path is None:
            return
        causal.prune_cache(self.path, keep=causal.cache_file(self.path, dataset_digest))
        arrays.prune_cache(self.path, dataset_digest)
        from kg.store.snapshots import publish_if_wanted  # a server reading it moves on

        publish_if_wanted(self._ox, self.path, dataset_digest)

    def _failed(self, exc: BaseException, never_built: bool) -> WriteFailed:
        """The error for a sync the database refused; a first build's database is removed."""
        why = "no space left on device" if no_room(exc) else " ".join(str(exc).split())[:200]
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
        self._close_database()
        remove_database(self.path / layout.DATABASE)
        (self.path / layout.PENDING).unlink(missing_ok=True)

    def _write(
        self,
        graphs: Mapping[str, GraphContent],
        plan: _Plan,
        progress: Callable[[int, int], None] | None,
    ) -> int:
        """Write the graphs of a sync into the database; the number of quads written."""
        touched = sorted(plan.to_remove | set(plan.to_write))
        if touched or plan.cold:
            self._write_pending(touched, plan.cold)
        total = len(touched)
        if plan.cold:
            written = self._load(graphs, plan.to_write, progress, total)
        else:
            written = self._replace(graphs, plan, progress, total)
        if self.path is not None:
            self._ox.flush()
        return written

    def _load(
        self,
        graphs: Mapping[str, GraphContent],
        order: list[str],
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> int:
        """Bulk-load ``order`` into an emptied database; the number of quads."""
        if len(self._ox):
            self._ox.clear()
        counter = _Counter()
        stream = _graph_stream((graphs[iri] for iri in order), progress, total, {})
        self._ox.bulk_extend(counter.count(stream))
        for iri in order:  # a graph without quads is still a named graph
            self._ox.add_graph(ox.NamedNode(iri))
        return counter.n

    def _replace(
        self,
        graphs: Mapping[str, GraphContent],
        plan: _Plan,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> int:
        """Remove and rewrite the graphs of ``plan`` one by one; the number of quads."""
        done = written = 0
        steps: list[tuple[str, bool]] = [(iri, False) for iri in sorted(plan.to_remove)]
        steps += [(iri, True) for iri in plan.to_write]
        for iri, write in steps:
            node = ox.NamedNode(iri)
            if write:
                quads = list(_in_graph(graphs[iri], node))
                if self._ox.contains_named_graph(node):
                    self._ox.remove_graph(node)
                self._ox.extend(quads)
                self._ox.add_graph(node)
                written += len(quads)
            else:
                self._ox.remove_graph(node)
            done += 1
            if progress is not None:
                progress(done, total)
        return written

    def _write_metadata(self, metadata: dict[str, Any]) -> None:
        self._metadata = metadata
        if self.path is not None:
            text = json.dumps(metadata, indent=1, sort_keys=True) + "\n"
            atomic_write(self.path / layout.METADATA, text.encode(), force=True)

    def _write_pending(self, graphs: list[str], cold: bool) -> None:
        if self.path is not None:
            text = json.dumps({"graphs": graphs, "cold": cold}, indent=1) + "\n"
            atomic_write(self.path / layout.PENDING, text.encode(), force=True)

    def _clear_pending(self) -> None:
        if self.path is not None:
            (self.path / layout.PENDING).unlink(missing_ok=True)


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
    graphs: Iterable[GraphContent],
    progress: Callable[[int, int], None] | None,
    total: int,
    digests: dict[str, str],
) -> Iterator[ox.Quad]:
    """The quads of ``graphs``, one graph after the other; each graph's digest goes to ``digests``."""
    for content in graphs:
        if content.iri in digests:
            raise ValueError(f"graph {content.iri!r} given twice")
        digests[content.iri] = content.digest
        yield from _in_graph(content, ox.NamedNode(content.iri))
        if progress is not None:
            progress(len(digests), max(total, len(digests)))


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
