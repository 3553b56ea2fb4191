"""Commands that talk to SPARQL servers: serve (kg's own endpoint) and push."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option
from kg.errors import EXIT_ERROR

__all__ = ["serve_command", "push_command"]


def _finite(_ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not (value > 0 and math.isfinite(value)):
        raise click.BadParameter(f"{value} is not a finite number of seconds above 0", param=param)
    return value


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0-65535; 0: a free port, which the serving line names).",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The store to serve, read-only, as `kg build` made it; a build into it while it is "
    "served is followed within seconds [default: dist/store; the current data in memory when "
    "it is missing or older than the files].",
)
@data_option()
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (besides 127.0.0.1, localhost, ::1). Repeatable.",
)
@click.option(
    "--cors",
    metavar="ORIGIN",
    default=None,
    help="Allow browser calls from ORIGIN (scheme://host[:port]).",
)
@click.option(
    "--max-query-length",
    type=click.IntRange(min=1),
    default=20_000,
    show_default=True,
    help="Characters a query may have.",
)
@click.option(
    "--timeout",
    type=float,
    callback=_finite,
    default=10.0,
    show_default=True,
    help="Seconds a query may run, and may wait for a worker.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Results a query may return.",
)
@click.option(
    "--max-concurrent",
    type=click.IntRange(min=1, max=256),
    default=4,
    show_default=True,
    help="Worker processes: queries running at once.",
)
@click.option(
    "--queue",
    type=click.IntRange(min=1, max=100_000),
    default=64,
    show_default=True,
    help="Requests that may wait for a worker, each until one is free (at most "
    "ceil(QUEUE / max-concurrent) time limits); beyond, 503 with Retry-After.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=16),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Memory each worker may take for a query, in megabytes.",
)
@handle_errors
def serve_command(
    host: str,
    port: int,
    store_path: Path | None,
    data_dir: Path | None,
    allowed_hosts: tuple[str, ...],
    cors: str | None,
    max_query_length: int,
    timeout: float,
    max_rows: int,
    max_concurrent: int,
    queue: int,
    max_memory: int,
) -> None:
    """Serve the dataset as a read-only SPARQL 1.1 endpoint, with a query page.

    /sparql answers queries (GET or POST) and shows YASGUI with the cookbook;
    / shows the explorer; /health reports the store's size. Updates are
    refused, and so are SERVICE and graphs the store does not hold. Queries
    run in worker processes without network; requests beyond the free workers
    wait in a queue, and beyond the queue get 503 with Retry-After. Only
    requests for the loopback names (and --allow-host names) are answered.

    \b
    Example: kg serve --port 8000
    """
    from kg.errors import KgError
    from kg.outputs.endpoint import EndpointLimits, cookbook_entries, create_app
    from kg.outputs.endpoint.hosts import check_host, check_origin
    from kg.outputs.endpoint.server import bind, make_server
    from kg.outputs.explorer import explorer_keeping
    from kg.project import Project

    limits = EndpointLimits(
        max_query_length,
        timeout,
        max_rows,
        max_concurrent,
        queue,
        max_memory,
    )
    hosts = [check_host(name) for name in allowed_hosts]
    origin = None if cors is None else check_origin(cors)
    sock = bind(host, port)
    project = Project(data_dir, store=store_path)
    dataset = project.dataset
    for note in project.notes:
        click.echo(f"kg: note: {note}", err=True)
    try:
        # The page kg render writes by default, with the same places as dist/graph.html.
        explorer = explorer_keeping(
            dataset, Path("dist") / "graph.html", build=project.provenance
        ).html
    except KgError as error:  # a corpus too big for one page: the endpoint serves without it
        click.echo(f"kg: note: no explorer page at /: {error}", err=True)
        explorer = None
    quads = len(dataset.oxigraph)
    source = dataset.path if dataset.path is not None else dataset
    if dataset.path is not None:
        from kg.store.snapshots import ensure_snapshot, release

        dataset.close()  # the server reads snapshots; builds may write the store meanwhile
        release(ensure_snapshot(dataset.path)[1])  # a build running now: one line, exit 2
    app = create_app(
        source,
        limits=limits,
        explorer_html=explorer,
        cookbook=cookbook_entries(),
        cors=origin,
        allowed_hosts=hosts,
    )
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"kg: serving {quads} quads at http://{shown}:{sock.getsockname()[1]}/sparql (Ctrl-C stops)"
    )
    make_server(app).run(sockets=[sock])


@main.command("push")
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL query URL.")
@click.option(
    "--graph-store",
    metavar="URL",
    default=None,
    help="Its Graph Store Protocol URL [default: guessed from --endpoint].",
)
@click.option("--user", default=None, help="User name (HTTP digest authentication).")
@click.option(
    "--password-file",
    type=click.Path(path_type=Path),
    default=None,
    help="File whose first line is the password.",
)
@click.option(
    "--timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds each request may take in all, the whole answer read.",
)
@data_option()
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=None,
    help="The store to push from [default: dist/store, or the current data].",
)
@handle_errors
def push_command(
    endpoint: str,
    graph_store: str | None,
    user: str | None,
    password_file: Path | None,
    timeout: float,
    data_dir: Path | None,
    store_path: Path | None,
) -> None:
    """Load each brief's graph, the ontology and the factor scheme into a SPARQL server.

    Each graph is replaced whole (Graph Store PUT); only graphs changed since
    the last push are sent, the server keeping their digests. Exit 2 when a
    graph could not be sent (the output says which were).

    \b
    Example: kg push --endpoint http://127.0.0.1:7878/query
    """
    from kg.outputs.push import graphs_for_push, push, read_password
    from kg.project import Project
    from kg.rdf.writers import serialize_quads
    from kg.store.http import Credentials, check_server_url

    check_server_url(endpoint, "endpoint")  # before the dataset is read
    if graph_store is not None:
        check_server_url(graph_store, "graph_store")
    if not 0 < timeout < float("inf"):
        raise click.BadParameter(
            f"{timeout} is not a finite number of seconds above 0", param_hint="--timeout"
        )
    auth = None
    if user is not None:
        if password_file is None:
            raise click.UsageError("--user needs --password-file")
        auth = Credentials(user, read_password(password_file))
    project = Project(data_dir, store=store_path)
    graphs = graphs_for_push(serialize_quads(project.dataset.quads(), "nquads"))
    for note in project.notes:
        click.echo(f"kg: note: {note}", err=True)
    result = push(graphs, endpoint, graph_store=graph_store, auth=auth, timeout=timeout)
    click.echo(result.summary())
    if not result.ok:
        sys.exit(EXIT_ERROR)
