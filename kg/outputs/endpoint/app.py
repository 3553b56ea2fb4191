"""The Starlette application of ``kg serve``: a read-only SPARQL 1.1 Protocol endpoint.

Routes
------
``/sparql``
    GET or POST; the query as the ``query`` parameter, a form body or an
    ``application/sparql-query`` body. Without a query, GET answers the
    query page (HTML, YASGUI served from the package) or, when ``Accept``
    asks for RDF, the SPARQL 1.1 Service Description in Turtle.
``/store``
    The Graph Store Protocol's address: every method is refused (405), the
    endpoint being read-only.
``/health``
    JSON for monitoring: ``status``, ``quads``, ``graphs``.
``/``
    The explorer page when one is given, else a redirect to ``/sparql``.
``/assets/...``
    YASGUI's script and style sheet.

Every error is answered with a status and a one-paragraph plain-text body
(``Bad Request: ...``), as SPARQL servers do.

Where queries run
-----------------
Never in the server's process: in worker processes without network, on a
read-only snapshot of the store (:mod:`kg.outputs.endpoint.runner`,
:mod:`kg.store.snapshots`). The server itself checks only what costs
nothing to check (the Host, the length, the nesting depth); the workers
parse and judge the query (:mod:`kg.store.querycheck`), run it and write
the answer.

Whom it answers
---------------
Only requests whose ``Host`` header names a host it serves: the loopback
names (``127.0.0.1``, ``localhost``, ``::1``) and those given in
``allowed_hosts``; any other gets ``421``, so that a web page whose name
was rebound to 127.0.0.1 (DNS rebinding) reads nothing. No CORS header is
sent unless an origin is given.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import QueryTooLarge
from kg.outputs.endpoint.hosts import HostCheck
from kg.outputs.endpoint.protocol import GRAPH_FORMATS, ProtocolError, declare_prefixes
from kg.outputs.endpoint.runner import EndpointLimits, WorkerPool
from kg.store import snapshots
from kg.store.querycheck import CACHED, check_size
from kg.store.querytext import take_placeholders
from kg.store.source import DatasetSource, local_store

__all__ = ["create_app", "ASSETS_DIR", "service_description"]

#: YASGUI's built files and the query page's template.
ASSETS_DIR = Path(__file__).resolve().parent.parent / "endpoint_assets"
_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_READ_ONLY = "Method Not Allowed: this endpoint is read-only; it answers queries, never updates"


def _error(error: ProtocolError) -> Response:
    return PlainTextResponse(error.message + "\n", error.status, headers=error.headers)


def service_description(store: ox.Store, endpoint_url: str) -> bytes:
    """The SPARQL 1.1 Service Description of the endpoint, in Turtle.

    It names the endpoint, the query language, the result formats, the
    union default graph and each named graph the store holds.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g")))
    >>> b"<http://e/g>" in service_description(store, "http://127.0.0.1:8000/sparql")
    True
    """

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(_SD + name)

    service, dataset, default = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, _RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint_url)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, _RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, _RDF_TYPE, sd("Graph")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV"):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + name)))
    for name in ("SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + name)))
    for graph in sorted(store.named_graphs(), key=str):
        node = ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, _RDF_TYPE, sd("NamedGraph")),
            ox.Triple(node, sd("name"), graph),
        ]
    prefixes = {"sd": _SD, "formats": _FORMATS}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""


def _query_page(endpoint: str, cookbook: Sequence[tuple[str, str, str]]) -> str:
    template = (ASSETS_DIR / "sparql.html").read_text(encoding="utf-8")
    config = {
        "endpoint": endpoint,
        "queries": [
            {"name": name, "title": title, "text": declare_prefixes(text)}
            for name, title, text in cookbook
        ],
    }
    # inside <script type="application/json">, "<" must not open a tag
    payload = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return template.replace("{{ config }}", payload)


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"Content Too Large: the request body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _disconnected(request: Request) -> None:
    """Return once the client of ``request`` has closed its connection (its body read or not)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass  # a chunk of a body no one read: the disconnection comes after the last one


class _Endpoint:
    def __init__(
        self,
        source: ox.Store | Path,
        limits: EndpointLimits,
        explorer_html: str | None,
        cookbook: Sequence[tuple[str, str, str]],
        watch: float,
    ):
        self.source = source
        self.limits = limits
        self.explorer_html = explorer_html
        self.cookbook = list(cookbook)
        self.watch = watch
        self.store: ox.Store | None = None
        self.held: set[str] = set()
        self.pool: WorkerPool | None = None
        self._holds: dict[Path, Any] = {}
        self._scratch: Path | None = None
        self._watcher: asyncio.Task | None = None
        self.parsed: dict[str, Any] = {}
        self._quads: int | None = None  # the served snapshot's quads, once counted

    # ------------------------------------------------------------ snapshots

    def _open(self, snapshot: Path) -> None:
        store = ox.Store.read_only(str(snapshot))
        self.held = {g.value for g in store.named_graphs()}
        self.store, self._quads = store, None

    def _release(self, snapshot: Path) -> None:
        handle = self._holds.pop(snapshot, None)
        if handle is not None:
            snapshots.release(handle)

    async def start(self) -> None:
        """Take a snapshot to serve, start the workers and, for a store folder, watch it."""
        if not isinstance(self.source, Path):
            # The workers are processes of their own: they read a copy of an in-memory store.
            self._scratch = Path(tempfile.mkdtemp(prefix="kg-serve-"))
            snapshot = self._scratch / "store"
            copy = ox.Store(str(snapshot))
            copy.bulk_extend(self.source)
            for graph in self.source.named_graphs():
                copy.add_graph(graph)
            copy.flush()
            del copy
        else:
            snapshot, handle = await asyncio.to_thread(snapshots.ensure_snapshot, self.source)
            self._holds[snapshot] = handle
        self._open(snapshot)
        self.pool = WorkerPool(snapshot, self.limits, on_release=self._release)
        await self.pool.start()
        if self.pool.isolation_failure:
            logging.getLogger("kg.serve").warning(
                "kg: note: query workers keep the network (%s); only the query check refuses "
                "SERVICE",
                self.pool.isolation_failure,
            )
        if isinstance(self.source, Path):
            self._watcher = asyncio.get_running_loop().create_task(self._follow(self.source))

    async def _follow(self, folder: Path) -> None:
        """Move to each new snapshot the builds publish, polling every ``watch`` seconds."""
        assert self.pool is not None
        while True:
            await asyncio.sleep(self.watch)
            newest = snapshots.current_snapshot(folder)
            if newest is None or newest == self.pool.folder:
                continue
            try:
                handle = await asyncio.to_thread(snapshots.hold, newest)
                if not newest.is_dir():  # pruned before it was held
                    snapshots.release(handle)
                    continue
                self._holds[newest] = handle
                await self.pool.move_to(newest)
                self._open(newest)
            except (OSError, ProtocolError):
                self._release(newest)  # try again at the next poll

    async def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
        if self.pool is not None:
            await self.pool.close()
        for snapshot in list(self._holds):
            self._release(snapshot)
        self.store = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    # ------------------------------------------------------------ the request

    async def _parameters(self, request: Request) -> dict[str, list[str]]:
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
        if request.method == "POST":
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            # a form body may be percent-encoded: up to 3 bytes per character
            body = await _read_body(request, 3 * self.limits.max_query_length + 4096)
            if media == "application/sparql-update":
                raise ProtocolError(
                    403, "Forbidden: this endpoint is read-only; SPARQL Update is not accepted"
                )
            if media == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(body.decode("utf-8"))
                except UnicodeDecodeError:
                    raise ProtocolError(400, "Bad Request: the query is not UTF-8") from None
            elif media == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(body.decode("ascii"), keep_blank_values=True)
                except (UnicodeDecodeError, ValueError):
                    raise ProtocolError(
                        400, "Bad Request: the form body is not URL-encoded"
                    ) from None
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            else:
                raise ProtocolError(
                    415,
                    "Unsupported Media Type: POST the query as application/sparql-query "
                    "or as an application/x-www-form-urlencoded form",
                )
        if "update" in params or "using-graph-uri" in params:
            raise ProtocolError(
                403, "Forbidden: this endpoint is read-only; SPARQL Update is not accepted"
            )
        return params

    def _graphs(self, params: dict[str, list[str]], key: str) -> list[str] | None:
        values = params.get(key)
        if not values:
            return None
        for iri in values:
            if iri not in self.held:
                raise ProtocolError(
                    400, f"Bad Request: {key} <{iri}>: the store holds no such graph"
                )
        return list(values)

    async def sparql(self, request: Request) -> Response:
        try:
            params = await self._parameters(request)
            queries = params.get("query", [])
            if not queries:
                return self._describe(request)
            if len(queries) > 1:
                raise ProtocolError(400, "Bad Request: give exactly one query")
            query = queries[0]
            try:  # before any parser runs: the length, and the depth in one linear pass
                check_size(query, self.limits.max_query_length)
            except QueryTooLarge as exc:
                label = "Content Too Large" if exc.status == 413 else "Bad Request"
                raise ProtocolError(exc.status, f"{label}: {exc}") from None
            return await self._answer(request, query, params)
        except ProtocolError as error:
            return _error(error)

    async def _answer(self, request: Request, query: str, params: dict[str, list[str]]) -> Response:
        # The cookbook's FROM <urn:kg:every-graph> means the union, this endpoint's default graph.
        query = take_placeholders(query, values=False)[0]
        if self.pool is None:
            raise ProtocolError(503, "Service Unavailable: the server is starting")
        answer = await self.pool.run(
            {
                "query": query,
                "accept": request.headers.get("accept"),
                "default_graph": self._graphs(params, "default-graph-uri"),
                "named_graphs": self._graphs(params, "named-graph-uri"),
                "max_rows": self.limits.max_rows,
                "parsed": self.parsed.get(query),
            },
            gone=functools.partial(_disconnected, request),
        )
        if answer.parsed is not None and query not in self.parsed:
            # What one worker's parse found, for the others (the parse is the slow part
            # of the check); the oldest entry makes way.
            if len(self.parsed) >= CACHED:
                self.parsed.pop(next(iter(self.parsed)))
            self.parsed[query] = answer.parsed
        return Response(
            answer.body, answer.status, headers=answer.headers, media_type=answer.content_type
        )

    def _describe(self, request: Request) -> Response:
        accept = request.headers.get("accept", "")
        endpoint = str(request.url.replace(query=""))
        wants_rdf = any(f.media_type in accept for f in GRAPH_FORMATS)
        if wants_rdf and "text/html" not in accept and self.store is not None:
            return Response(
                service_description(self.store, endpoint), media_type="text/turtle; charset=utf-8"
            )
        return HTMLResponse(_query_page(endpoint, self.cookbook))

    # ------------------------------------------------------------ other routes

    async def health(self, _request: Request) -> Response:
        store = self.store
        if store is None:
            return JSONResponse({"status": "starting"})
        quads = self._quads
        if quads is None:  # counted once a snapshot (a scan of every quad), off the event loop
            quads = await run_in_threadpool(len, store)
            if self.store is store:  # not moved to another snapshot meanwhile
                self._quads = quads
        return JSONResponse(
            {
                "status": "ok",
                "quads": quads,
                "graphs": len(self.held),
                "queued": 0 if self.pool is None else self.pool.waiting,
            }
        )

    async def home(self, _request: Request) -> Response:
        if self.explorer_html is None:
            return RedirectResponse("/sparql", 303)
        return HTMLResponse(self.explorer_html)

    async def read_only(self, _request: Request) -> Response:
        return PlainTextResponse(_READ_ONLY + "\n", 405, headers={"Allow": "GET, POST"})

    async def store_route(self, _request: Request) -> Response:
        return PlainTextResponse(
            "Method Not Allowed: this endpoint is read-only; the Graph Store Protocol is not offered\n",
            405,
        )


def create_app(
    source: DatasetSource | ox.Store | str | os.PathLike,
    *,
    limits: EndpointLimits = EndpointLimits(),  # noqa: B008  (frozen, shared safely)
    explorer_html: str | None = None,
    cookbook: Iterable[tuple[str, str, str]] = (),
    cors: str | None = None,
    allowed_hosts: Iterable[str] = (),
    watch: float = 1.0,
) -> Starlette:
    """The read-only SPARQL 1.1 Protocol endpoint over ``source``, as a Starlette app.

    Parameters
    ----------
    source : path, DatasetSource or pyoxigraph.Store
        A kg store folder (as ``kg build`` writes it): served from snapshots,
        moving to each new state a build publishes. Or a local dataset
        source (a :class:`kg.store.Store`, a pyoxigraph store, an rdflib
        dataset: see :func:`kg.store.source.as_source`), copied once at start
        for the workers. Queried with its named graphs' union as the default
        graph; never written.

    Raises
    ------
    InvalidParameter
        ``source`` is a remote SPARQL server, whose quads kg does not copy.
    limits : EndpointLimits
        Query length, time, rows, workers, queue and memory limits.
    explorer_html : str, optional
        The page served at ``/`` (for instance :func:`kg.explorer_html`).
    cookbook : iterable of (name, title, query text)
        Queries the query page offers as YASGUI tabs.
    cors : str, optional
        An origin (``scheme://host[:port]``) allowed to call the endpoint
        from a browser; CORS is off without it.
    allowed_hosts : iterable of str
        Host names served besides the loopback names.
    watch : float
        Seconds between two looks for a new snapshot of a store folder.

    Examples
    --------
    >>> app = create_app(ox.Store(), limits=EndpointLimits(timeout=5))
    >>> sorted({route.path for route in app.routes})
    ['/', '/assets', '/health', '/sparql', '/store']
    """
    # A folder is served from its snapshots; a dataset source by its quads (a remote
    # server has none to serve: local_store says so in one line).
    served = Path(source) if isinstance(source, str | os.PathLike) else local_store(source)
    endpoint = _Endpoint(served, limits, explorer_html, list(cookbook), watch)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        await endpoint.start()
        try:
            yield
        finally:
            await endpoint.stop()

    middleware = [Middleware(HostCheck, allowed=list(allowed_hosts))]
    if cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=[cors],
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
            )
        )
    routes = [
        Route("/", endpoint.home, methods=["GET"]),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/sparql", endpoint.read_only, methods=["PUT", "DELETE", "PATCH"]),
        Route(
            "/store",
            endpoint.store_route,
            methods=["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"],
        ),
        Route("/health", endpoint.health, methods=["GET"]),
        Mount("/assets", StaticFiles(directory=ASSETS_DIR), name="assets"),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.endpoint = endpoint
    return app
