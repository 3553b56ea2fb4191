"""Commands of the main flow: build and validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli import as_flag, handle_errors, main
from kg.cli.options import data_option, force_option, out_option, reading_options
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
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Oxigraph store to build into [default: OUT/store]; `memory` for none.",
)
@click.option(
    "--no-shacl",
    is_flag=True,
    help="Skip the SHACL shapes (the authoring checks, the same rules, still run).",
)
@force_option()
@reading_options
@handle_errors
def build_command(
    data_dir: Path | None, out_dir: Path, fmt: str, store: Path | None, no_shacl: bool, force: bool
) -> None:
    """Validate the authoring files, update the store and write the RDF dataset.

    Only the briefs that changed since the last build are checked against the
    SHACL shapes and written into the store. Nothing is written when the data
    does not validate (exit 1).

    \b
    Example: kg build --data data --out dist
    """
    from kg.cli.progress import progress_bar
    from kg.project import Project

    project = Project(data_dir, out_dir=out_dir, store=store)
    with progress_bar() as progress:
        result = project.build(fmt, shacl=not no_shacl, force=force, progress=progress)
    click.echo(result.summary())


@main.command("validate")
@data_option()
@reading_options
@handle_errors
def validate_command(data_dir: Path | None) -> None:
    """Check the authoring files, then the built graph against the SHACL shapes.

    Prints one line per problem (file:line: record: field: what is wrong; how
    to fix it). Exit 0 conforms, 1 violations, 2 could not run.

    \b
    Example: kg validate --data data
    """
    from kg.cli.progress import progress_bar
    from kg.project import Project

    with progress_bar() as progress:
        report = Project(data_dir).validate(progress=progress)
    click.echo(report.text(as_flag))
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)
