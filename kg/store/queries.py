"""Reading a store: SPARQL with kg's prefixes and safe bindings, its quads, the causal rows.

:class:`Queries` is the part of :class:`kg.store.Store` that reads: a query
sees the union of the named graphs as its default graph, as ``kg query``
always has; values are bound as Oxigraph substitutions, never pasted into
the text; the rows of the causal graph come from :mod:`kg.store.causal`,
cached in the store folder.

>>> store = Queries.open(None)
>>> bool(store.query("ASK { ?s ?p ?o }")), store.quad_count(), store.named_graphs()
(False, 0, [])
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.io.terms import to_oxigraph
from kg.store import arrays, causal
from kg.store.lifecycle import StoreFolder
from kg.store.rows import CausalRows
from kg.vocab import PREFIXES

__all__ = ["Queries"]


class Queries(StoreFolder):
    """A store folder that can be read: SPARQL, quads, named graphs, causal rows."""

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
            rdflib ones (see :func:`kg.io.terms.to_oxigraph`).
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
            {ox.Variable(name.lstrip("?$")): to_oxigraph(value) for name, value in bindings.items()}
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

    def causal_rows(self) -> CausalRows:
        """The rows of the causal graph (factors, claims, exact matches, briefs).

        Read with a few SPARQL queries, each linear in the size of the
        dataset; cached in the store folder under the dataset digest, so that
        the next command on an unchanged store reads them from the cache.
        """
        cache = self._rows_cache_path()
        rows = causal.load(cache) if cache is not None else None
        if rows is None:
            rows = self._read_causal_rows()
            if cache is not None:
                causal.save(cache, rows)
        return rows

    def keep_causal_rows(self, rows: CausalRows) -> None:
        """Cache ``rows`` as the rows of the store's dataset, for the next reader.

        For the writer that made the dataset and has its rows without a query
        (a build makes them from its records, :func:`kg.store.records.causal_rows_of`);
        they must be what :meth:`causal_rows` would read from the store now.
        """
        cache = self._rows_cache_path()
        if cache is not None:
            causal.save(cache, rows)

    def derived_cache(self, kind: str) -> Path | None:
        """The file in which to cache ``kind``, something derived from the dataset as it is
        now (:func:`kg.store.arrays.cache_file`); None for a store in memory or one whose
        sync is unfinished. A sync that changes the dataset removes the files of the
        dataset before."""
        digest = self.dataset_digest
        if self.path is None or digest is None or self._pending_exists():
            return None
        return arrays.cache_file(self.path, kind, digest)

    def _rows_cache_path(self) -> Path | None:
        digest = self.dataset_digest
        if self.path is None or digest is None or self._pending_exists():
            return None
        return causal.cache_file(self.path, digest)

    def _read_causal_rows(self) -> CausalRows:
        return causal.read_causal_rows(self._select)
