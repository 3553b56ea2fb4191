"""A remote SPARQL 1.1 server queried like a local pyoxigraph store.

:class:`RemoteStore` sends a query over the SPARQL 1.1 Protocol (HTTP POST,
``application/x-www-form-urlencoded``) and hands back what
``pyoxigraph.Store.query`` would: :class:`pyoxigraph.QuerySolutions` for
SELECT (with ``variables`` and terms), :class:`pyoxigraph.QueryBoolean` for
ASK, a list of :class:`pyoxigraph.Triple` for CONSTRUCT and DESCRIBE. The
answers are parsed by pyoxigraph's own parsers, so the terms are the same
objects a local query gives. kg's prefixes (``ck:``, ``skos:`` ...) are
declared in front of the query when it uses them undeclared.

Virtuoso's quirks, and what is done about them
----------------------------------------------
* Virtuoso answers in the format its ``Accept`` rules pick (HTML for a
  browser-like header); JSON results (or N-Triples for graphs) are always
  asked for explicitly.
* Its ASK answers are a one-row result set with a variable
  ``__ASK_RETVAL`` holding ``1`` or ``0`` (Virtuoso 7.2): turned into a
  boolean here.
* A property path ``p+`` (or ``p*``) with both ends unbound fails
  ("transitive start not given"): such a query cannot be answered as it
  stands; :class:`~kg.errors.RemoteError` says so and suggests binding one
  end, which ``query(..., bindings=...)`` does (see :func:`bind_in_query`;
  Virtuoso ignores a ``VALUES`` binding at a path's start, so the value is
  put in the path itself).
* ``p+`` does not lead back to its start through a cycle: where a local
  store answers the start itself (a feedback loop), Virtuoso does not. This
  cannot be repaired from outside; compare with care.
* Language tags come back lower-cased (``@EN`` is ``@en``). pyoxigraph
  lower-cases them too, so terms compare equal; text compared by hand
  should fold the case of tags.
* Results are cut at ``ResultSetMaxRows`` (10,000 by default) without an
  error; Virtuoso says so only in a response header. A result with exactly
  :attr:`RemoteStore.row_cap` rows, or that header, raises
  :class:`~kg.errors.RemoteError` instead of passing a truncated answer on.
* Its JSON uses ``typed-literal``, from the 2007 draft; pyoxigraph reads it.
* Its blank nodes are named ``nodeID://b10001``, which no parser takes as a
  blank node label: they are renamed (consistently within an answer).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

import httpx
import pyoxigraph as ox

from kg.errors import RemoteError
from kg.store.http import Answer, Credentials, ServerClient, check_server_url, shown_text
from kg.store.oxigraph import read_causal_rows
from kg.store.querytext import QUOTED, declare_prefixes, query_form, take_placeholders
from kg.store.rows import CausalRows

__all__ = ["RemoteStore", "bind_in_query"]

_JSON = "application/sparql-results+json"
_JSON_TYPES = (_JSON, "application/json")
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_TRUE = b'{"head":{},"boolean":true}'
_FALSE = b'{"head":{},"boolean":false}'


def bind_in_query(
    query: str, bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode]
) -> str:
    """``query`` with each variable bound to a value.

    The cookbook's placeholders go first (:func:`~kg.store.querytext.take_placeholders`):
    the ``VALUES`` block of each variable given a value, and ``FROM
    <urn:kg:every-graph>``, the servers kg pushes to answering from the union
    of their graphs. Each variable is replaced by its value where it occurs in the pattern, and
    a projected one is selected as that value, which every server, Virtuoso's
    property paths included, understands. The values are terms that
    pyoxigraph has checked and writes in its own syntax, so the text of a
    value can never become query syntax.

    >>> bind_in_query("SELECT ?x ?y WHERE { ?x ?p ?y }", {"y": ox.NamedNode("http://e/a")})
    'SELECT ?x (<http://e/a> AS ?y) WHERE { ?x ?p <http://e/a> }'
    >>> bind_in_query("SELECT ?x WHERE { ?x ?p ?y }", {"y": ox.NamedNode("http://e/a")})
    'SELECT ?x WHERE { ?x ?p <http://e/a> }'
    """
    # the cookbook's placeholders for the variables given values, and FROM <urn:kg:every-graph>
    query = take_placeholders(query, values=set(bindings))[0]
    if not bindings:
        return query
    masked = QUOTED.sub(lambda m: "\x00" * len(m.group(0)), query)
    brace = masked.find("{")
    if brace < 0:
        raise RemoteError("the query has no group to bind values in", "check the query")
    projected = {
        name: term for name, term in bindings.items() if re.search(rf"[?$]{name}\b", masked[:brace])
    }
    # every variable is replaced by its value where it occurs in the pattern:
    # Virtuoso ignores a VALUES binding at the start of a property path; a
    # projected one is selected as that value, `(<iri> AS ?name)`
    for name, term in bindings.items():
        masked = QUOTED.sub(lambda m: "\x00" * len(m.group(0)), query)
        brace = masked.find("{")
        end = masked.rfind(
            "}"
        )  # ORDER BY and the like keep the variable: a constant can't go there
        spots = [m.start() for m in re.finditer(rf"[?$]{name}\b", masked[:end])]
        for start in reversed(spots):
            value = f"({term} AS ?{name})" if name in projected and start < brace else str(term)
            query = query[:start] + value + query[start + 1 + len(name) :]
    return query


def _safe_blank_nodes(content: bytes) -> bytes:
    """Virtuoso names blank nodes ``nodeID://b10001``, which is no blank node label: rename them.

    Raises ``ValueError`` (or ``RecursionError``) when the answer is not JSON.
    """
    if b'"bnode"' not in content:
        return content
    answer = json.loads(content)
    for binding in answer.get("results", {}).get("bindings", []):
        for cell in binding.values():
            if cell.get("type") == "bnode" and not re.fullmatch(r"[A-Za-z0-9_]+", cell["value"]):
                cell["value"] = "b" + hashlib.sha1(cell["value"].encode()).hexdigest()[:16]
    return json.dumps(answer).encode("utf-8")


#: What a malformed answer can raise while it is parsed: kg's message, not a traceback.
_UNREADABLE = (
    SyntaxError, ValueError, TypeError, KeyError, AttributeError, UnicodeError, RecursionError,
)  # fmt: skip


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint, queried with the answers of ``pyoxigraph.Store.query``.

    Parameters
    ----------
    endpoint : str
        The query URL, e.g. ``http://127.0.0.1:8890/sparql``.
    auth : Credentials, httpx.Auth or (user, password), optional
        Credentials, e.g. ``Credentials("dba", "dba")`` (digest
        authentication); a user name and password in the URL are sent as
        basic authentication. Messages never show the password.
    timeout : float
        Seconds an answer may take in all (see :class:`kg.store.http.ServerClient`).
    row_cap : int or None
        A result with exactly this many rows is taken as cut by the server
        (Virtuoso's default is 10,000) and refused; ``None`` trusts every answer.

    Examples
    --------
    >>> RemoteStore("http://127.0.0.1:1/sparql").endpoint
    'http://127.0.0.1:1/sparql'
    """

    def __init__(
        self,
        endpoint: str,
        *,
        auth: Credentials | httpx.Auth | tuple[str, str] | None = None,
        timeout: float = 30.0,
        row_cap: int | None = 10_000,
    ):
        self.server = check_server_url(endpoint, "endpoint")
        self.endpoint = self.server.shown
        self.row_cap = row_cap
        self._client = ServerClient(auth=auth, timeout=timeout)

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def causal_rows(self) -> CausalRows:
        """The rows of the causal graph, read from the server with the store's own queries.

        Raises
        ------
        RemoteError
            The server's answers lack values the queries bind (or hold
            values of the wrong kind), besides what :meth:`query` raises.
        """

        def select(sparql: str) -> Any:
            result = self.query(sparql)
            if not isinstance(result, ox.QuerySolutions):
                raise RemoteError(f"{self.endpoint} did not answer a SELECT", "use a SPARQL server")
            return result

        try:
            return read_causal_rows(select)
        except _UNREADABLE:
            raise RemoteError(
                f"{self.endpoint} answered rows kg cannot read: a value the query binds in "
                "every row is missing, or is not a term of the kind it asked for",
                "check that the URL is a SPARQL server holding what kg push sent",
            ) from None

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, ox.NamedNode | ox.Literal | ox.BlankNode] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Run ``sparql`` on the server; ``bindings`` gives variables values first.

        The whole answer is read and parsed here (within the client's
        deadline), so that iterating the result never fails halfway.

        Raises
        ------
        RemoteError
            The server is unreachable, refuses the query, answers what
            cannot be read (an HTML page, JSON cut short, invalid UTF-8, a
            yes/no answer to a SELECT, rows to an ASK), answers too late, or
            cut the answer at its row cap. The message names the server and
            what it sent; it never says the query is at fault unless the
            server did.
        """
        text = declare_prefixes(bind_in_query(sparql, bindings or {}))
        form = query_form(text)
        graph = form in ("construct", "describe")
        answer = self._client.request(
            "POST",
            self.server,
            data={"query": text},
            headers={"Accept": _GRAPH_ACCEPT if graph else _JSON + ", application/json;q=0.9"},
        )
        if answer.status != 200:
            raise self._refusal(answer)
        if graph:
            rdf_format = _RDF_FORMATS.get(answer.media_type)
            if rdf_format is None:
                raise self._unreadable(answer, f"{answer.media_type or 'no media type'}, not RDF")
            try:
                return list(ox.parse(answer.content, format=rdf_format))
            except _UNREADABLE as exc:
                raise self._unreadable(answer, f"RDF that does not parse ({exc})") from None
        if answer.media_type not in _JSON_TYPES:
            raise self._unreadable(
                answer, f"{answer.media_type or 'no media type'}, not SPARQL JSON results"
            )
        try:
            content = _safe_blank_nodes(answer.content)
            results = ox.parse_query_results(content, ox.QueryResultsFormat.JSON)
            rows = None if isinstance(results, ox.QueryBoolean) else list(results)
        except _UNREADABLE as exc:
            raise self._unreadable(answer, f"results that do not parse ({exc})") from None
        if isinstance(results, ox.QueryBoolean) or rows is None:
            if form not in ("ask", None):
                raise self._unreadable(answer, f"a yes/no (ASK) answer to a {form.upper()} query")
            return results
        variables = [v.value for v in results.variables]
        if variables == ["__ASK_RETVAL"] and form in ("ask", None):  # Virtuoso's ASK
            yes = bool(rows) and rows[0]["__ASK_RETVAL"] is not None
            yes = yes and rows[0]["__ASK_RETVAL"].value not in ("0", "false")
            return ox.parse_query_results(_TRUE if yes else _FALSE, ox.QueryResultsFormat.JSON)
        if form == "ask":
            raise self._unreadable(answer, "rows where an ASK query's yes or no belongs")
        capped = answer.headers.get("x-sparql-maxrows")
        if capped is not None or (self.row_cap is not None and len(rows) == self.row_cap):
            raise RemoteError(
                f"{self.endpoint} cut the answer at {shown_text(capped or str(len(rows)), 20)} "
                "rows, its cap",
                "add LIMIT and OFFSET to read it in pages",
            )
        return ox.parse_query_results(content, ox.QueryResultsFormat.JSON)

    def _unreadable(self, answer: Answer, what: str) -> RemoteError:
        sample = self._client.mask(answer.text(60))
        return RemoteError(
            f"{self.endpoint} answered {shown_text(self._client.mask(what), 130)}"
            + (f": {sample!r}" if sample else ""),
            "check that the URL is the server's SPARQL query URL (the server, not the query, "
            "is at fault)",
        )

    def _refusal(self, answer: Answer) -> RemoteError:
        body = self._client.mask(answer.text(300))
        if re.search(r"transitive start not given|SP031", body, re.I):
            return RemoteError(
                f"{self.endpoint} cannot follow a property path with both ends unbound: {body}",
                "bind one end of the path (bindings=... adds a VALUES block)",
            )
        return self._client.refusal(self.server, answer)
