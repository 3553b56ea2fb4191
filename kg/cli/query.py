"""The query command: SPARQL 1.1 over the dataset."""

from __future__ import annotations

import click

from kg.cli import fail, handle_errors, main
from kg.cli.options import format_option, project_options
from kg.outputs.formats import RESULT_FORMATS

#: Seconds a query may run from the command line unless --timeout says otherwise.
DEFAULT_TIMEOUT = 10.0
#: Rows (or triples) a query may print unless --max-rows says otherwise.
DEFAULT_MAX_ROWS = 100_000


def _parse_bind(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> dict:
    bound = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r}: write VAR=VALUE, e.g. factor='return migration'")
        bound[name.strip().lstrip("?$")] = text
    return bound


@main.command("query")
@click.argument("query", required=False)
@click.option(
    "--bind",
    "bindings",
    multiple=True,
    callback=_parse_bind,
    metavar="VAR=VALUE",
    help="Bind a query variable, e.g. --bind factor='coastal costs'. Repeatable.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this many seconds.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    metavar="N",
    help="Print at most N rows (or triples); more is reported as an error after them.",
)
@click.option(
    "--allow-service",
    multiple=True,
    metavar="URL",
    help="Let SERVICE call this endpoint (exactly this IRI). Repeatable.",
)
@format_option(RESULT_FORMATS, help_text="Result format (json = SPARQL 1.1 Query Results JSON).")
@click.option("--list", "list_queries", is_flag=True, help="List the cookbook queries and exit.")
@project_options("Query this built file instead of the current data.", endpoint=True)
@handle_errors
def query_command(
    query, bindings, timeout, max_rows, allow_service, fmt, list_queries, project
) -> None:
    """Run a SPARQL 1.1 query: a cookbook name, a .rq file or the query text.

    The default graph is the union of every brief's graph; prefixes such as
    ck:, skos:, factor: and brief: need no declaration. The dataset is the last
    build when it is up to date, else it is built in memory. A query reaches
    nothing beyond the dataset (SERVICE only to --allow-service endpoints) and
    is stopped after --timeout seconds; exit 2 for any refusal, a timeout or an
    answer cut at --max-rows.

    \b
    Example: kg query upstream-of --bind factor="return migration"
    """
    from kg.outputs.sparql import cookbook, find_query, format_result, run_query

    if list_queries:
        for item in cookbook():
            params = " ".join(
                f"--bind {name}=..." if name in item.required else f"[--bind {name}=...]"
                for name in item.params
            )
            click.echo(f"{item.name:<22} {item.title}" + (f"  {params}" if params else ""))
        return
    if not query:
        raise click.UsageError("give a query (text, a .rq file or a cookbook name), or --list")
    text, kinds = find_query(query)
    result = run_query(
        project.source,
        text,
        bindings,
        kinds,
        timeout=timeout,
        max_rows=max_rows,
        allow_service=allow_service,
    )
    click.echo(format_result(result, fmt).rstrip("\n"))
    if result.cut is not None:
        fail(
            f"the answer was cut at {result.cut} rows, the row cap; "
            "add a LIMIT or pass --max-rows N to raise the cap"
        )
