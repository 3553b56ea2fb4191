"""The query command: SPARQL 1.1 over the dataset."""

from __future__ import annotations

import click

from kg.cli import handle_errors, main
from kg.cli.options import format_option, project_options
from kg.outputs.formats import RESULT_FORMATS


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
@format_option(RESULT_FORMATS, help_text="Result format (json = SPARQL 1.1 Query Results JSON).")
@click.option("--list", "list_queries", is_flag=True, help="List the cookbook queries and exit.")
@project_options("Query this built file instead of the current data.", endpoint=True)
@handle_errors
def query_command(query, bindings, fmt, list_queries, project) -> None:
    """Run a SPARQL 1.1 query: a cookbook name, a .rq file or the query text.

    The default graph is the union of every brief's graph; prefixes such as
    ck:, skos:, factor: and brief: need no declaration. The dataset is the last
    build when it is up to date, else it is built in memory.

    \b
    Example: kg query upstream-of --bind factor="return migration"
    """
    from kg.outputs.sparql import cookbook, find_query, format_result, run_query

    if list_queries:
        for item in cookbook():
            params = " ".join(f"--bind {name}=..." for name in item.params)
            click.echo(f"{item.name:<22} {item.title}" + (f"  [{params}]" if params else ""))
        return
    if not query:
        raise click.UsageError("give a query (text, a .rq file or a cookbook name), or --list")
    text, kinds = find_query(query)
    result = run_query(project.dataset, text, bindings, kinds)
    click.echo(format_result(result, fmt).rstrip("\n"))
