"""Commands of the main flow: build and validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option, force_option, out_option
from kg.errors import EXIT_OK, EXIT_VIOLATIONS
from kg.rdf.formats import FORMATS
from kg.resources import DEFAULT_OUT


@main.command("build")
@data_option()
@out_option(DEFAULT_OUT, "Folder to write the dataset to.", name="out_dir")
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
    from kg.project import Project

    result = Project(data_dir, out_dir=out_dir).build(fmt, force=force)
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
    from kg.project import Project

    report = Project(data_dir).validate()
    click.echo(report.text())
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)
