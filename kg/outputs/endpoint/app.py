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
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
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

from kg.outputs.endpoint.protocol import (
    GRAPH_FORMATS,
    Cancelled,
    ProtocolError,
    ResultFormat,
    check_query,
    declare_prefixes,
    negotiate,
    serialize_results,
)
from kg.outputs.endpoint.runner import EndpointLimits, QueryRunner
from kg.store.querytext import take_placeholders
from kg.vocab import PREFIXES

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


class _Endpoint:
    def __init__(
        self,
        store: ox.Store,
        limits: EndpointLimits,
        explorer_html: str | None,
        cookbook: Sequence[tuple[str, str, str]],
    ):
        self.store = store
        self.limits = limits
        self.explorer_html = explorer_html
        self.cookbook = list(cookbook)
        self.runner = QueryRunner(limits)

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

    def _graphs(
        self, params: dict[str, list[str]], key: str
    ) -> list[ox.NamedNode | ox.BlankNode] | None:
        values = params.get(key)
        if not values:
            return None
        held = {g.value for g in self.store.named_graphs()}
        for iri in values:
            if iri not in held:
                raise ProtocolError(
                    400, f"Bad Request: {key} <{iri}>: the store holds no such graph"
                )
        return [ox.NamedNode(iri) for iri in values]

    async def sparql(self, request: Request) -> Response:
        try:
            params = await self._parameters(request)
            queries = params.get("query", [])
            if not queries:
                return self._describe(request)
            if len(queries) > 1:
                raise ProtocolError(400, "Bad Request: give exactly one query")
            query = queries[0]
            if len(query) > self.limits.max_query_length:
                raise ProtocolError(
                    413,
                    f"Content Too Large: the query has {len(query)} characters, over the limit "
                    f"of {self.limits.max_query_length}",
                )
            return await self._answer(request, query, params)
        except ProtocolError as error:
            return _error(error)

    async def _answer(self, request: Request, query: str, params: dict[str, list[str]]) -> Response:
        # The cookbook's FROM <urn:kg:every-graph> means the union, this endpoint's default graph.
        query = take_placeholders(query, values=False)[0]
        scan = check_query(query, (g.value for g in self.store.named_graphs()), PREFIXES)
        default_graph = self._graphs(params, "default-graph-uri")
        named_graphs = self._graphs(params, "named-graph-uri")
        accept = request.headers.get("accept")
        choices: dict[str, ResultFormat | ProtocolError] = {}
        for form in ("select", "construct"):
            try:
                choices[form] = negotiate(accept, form)
            except ProtocolError as error:
                choices[form] = error
        expected = "construct" if scan.form in ("construct", "describe") else "select"
        refused = choices[expected]
        if isinstance(refused, ProtocolError) and scan.form is not None:
            raise refused

        def job(cancel: threading.Event) -> tuple[bytes, ResultFormat] | ProtocolError:
            # pyoxigraph's results may only be dropped by the thread that made
            # them, so nothing that holds them (an exception's frames) may leave
            # this thread: failures are returned, and raised on the event loop.
            try:
                results = self.store.query(
                    query,
                    prefixes=PREFIXES,
                    use_default_graph_as_union=default_graph is None,
                    default_graph=None if default_graph is None else list(default_graph),
                    named_graphs=named_graphs,
                )
            except SyntaxError as exc:
                if scan.looks_like_update:
                    return ProtocolError(
                        403, "Forbidden: this endpoint is read-only; SPARQL Update is not accepted"
                    )
                return ProtocolError(400, f"Bad Request: the query does not parse: {exc}")
            form = "construct" if isinstance(results, ox.QueryTriples) else "select"
            chosen = choices[form]
            if isinstance(chosen, ProtocolError):
                return chosen
            outcome: tuple[bytes, ResultFormat] | ProtocolError
            try:
                body = serialize_results(
                    results, chosen, max_rows=self.limits.max_rows, prefixes=PREFIXES, cancel=cancel
                )
                outcome = (body, chosen)
            except (OSError, RuntimeError, ValueError) as exc:
                outcome = ProtocolError(500, f"Internal Server Error: the query failed: {exc}")
            except ProtocolError as exc:
                outcome = ProtocolError(exc.status, exc.message, exc.headers)
            except Cancelled:
                outcome = ProtocolError(503, "Service Unavailable: the query was stopped")
            del results
            return outcome

        outcome = await self.runner.run(job)
        if isinstance(outcome, ProtocolError):
            raise outcome
        body, chosen = outcome
        return Response(body, 200, media_type=chosen.content_type)

    def _describe(self, request: Request) -> Response:
        accept = request.headers.get("accept", "")
        endpoint = str(request.url.replace(query=""))
        wants_rdf = any(f.media_type in accept for f in GRAPH_FORMATS)
        if wants_rdf and "text/html" not in accept:
            return Response(
                service_description(self.store, endpoint), media_type="text/turtle; charset=utf-8"
            )
        return HTMLResponse(_query_page(endpoint, self.cookbook))

    # ------------------------------------------------------------ other routes

    async def health(self, _request: Request) -> Response:
        def count() -> dict:
            return {
                "status": "ok",
                "quads": len(self.store),
                "graphs": sum(1 for _ in self.store.named_graphs()),
            }

        return JSONResponse(await run_in_threadpool(count))

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
    store: ox.Store,
    *,
    limits: EndpointLimits = EndpointLimits(),  # noqa: B008  (frozen, shared safely)
    explorer_html: str | None = None,
    cookbook: Iterable[tuple[str, str, str]] = (),
    cors: str | None = None,
) -> Starlette:
    """The read-only SPARQL 1.1 Protocol endpoint over ``store``, as a Starlette app.

    Parameters
    ----------
    store : pyoxigraph.Store
        Queried with its named graphs' union as the default graph; never written.
    limits : EndpointLimits
        Query length, time, rows and concurrency limits.
    explorer_html : str, optional
        The page served at ``/`` (for instance :func:`kg.explorer_html`).
    cookbook : iterable of (name, title, query text)
        Queries the query page offers as YASGUI tabs.
    cors : str, optional
        An origin allowed to call the endpoint from a browser; CORS is off
        without it.

    Examples
    --------
    >>> app = create_app(ox.Store(), limits=EndpointLimits(timeout=5))
    >>> sorted({route.path for route in app.routes})
    ['/', '/assets', '/health', '/sparql', '/store']
    """
    endpoint = _Endpoint(store, limits, explorer_html, list(cookbook))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette):
        yield
        endpoint.runner.close()

    middleware = []
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
    app.state.runner = endpoint.runner
    return app
