"""Commands of the main flow: build, validate, query."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option, dataset_option, force_option
from kg.errors import EXIT_OK, EXIT_VIOLATIONS
from kg.outputs.sparql import RESULT_FORMATS, cookbook, find_query, format_result, run_query
from kg.pipeline import DEFAULT_OUT, build, load_dataset
from kg.rdf.writers import FORMATS
from kg.validation import validate


@main.command("build")
@data_option()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder to write the dataset to.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="trig",
    show_default=True,
    help="RDF format (turtle merges the named graphs).",
)
@force_option()
@handle_errors
def build_command(data_dir: Path | None, out_dir: Path, fmt: str, force: bool) -> None:
    """Validate the authoring files and write the RDF dataset.

    Nothing is written when the data does not validate (exit 1).

    \b
    Example: kg build --data data --out dist
    """
    result = build(data_dir, out_dir, fmt, force=force)
    click.echo(result.summary())


@main.command("validate")
@data_option()
@handle_errors
def validate_command(data_dir: Path | None) -> None:
    """Check the authoring files, then the built graph against the SHACL shapes.

    Prints one line per problem (file:line: record: field: what is wrong; how
    to fix it). Exit 0 conforms, 1 violations, 2 could not run.

    \b
    Example: kg validate --data data
    """
    from kg.resources import default_data_dir

    report = validate(data_dir if data_dir is not None else default_data_dir())
    click.echo(report.text())
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


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
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="Result format (json = SPARQL 1.1 Query Results JSON).",
)
@click.option("--list", "list_queries", is_flag=True, help="List the cookbook queries and exit.")
@data_option()
@dataset_option("Query this built file instead of the current data.")
@handle_errors
def query_command(
    query: str | None,
    bindings: dict,
    fmt: str,
    list_queries: bool,
    data_dir: Path | None,
    built: Path | None,
) -> None:
    """Run a SPARQL 1.1 query: a cookbook name, a .rq file or the query text.

    The default graph is the union of every brief's graph; prefixes such as
    ck:, skos:, factor: and brief: need no declaration. The dataset is the last
    build when it is up to date, else it is built in memory.

    \b
    Example: kg query upstream-of --bind factor="return migration"
    """
    if list_queries:
        for item in cookbook():
            params = " ".join(f"--bind {name}=..." for name in item.params)
            click.echo(f"{item.name:<22} {item.title}" + (f"  [{params}]" if params else ""))
        return
    if not query:
        raise click.UsageError("give a query (text, a .rq file or a cookbook name), or --list")
    text, kinds = find_query(query)
    dataset = load_dataset(data_dir, built)
    result = run_query(dataset, text, bindings, kinds)
    click.echo(format_result(result, dataset, fmt).rstrip("\n"))
