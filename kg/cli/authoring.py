"""Commands that write authoring files: init, new and import."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import WRITE_DATA_HELP, data_option, force_option, reading_options
from kg.vocab import GROUPS


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--title", default="Shared factors", show_default=True, help="Title of the factor scheme."
)
@click.option("--language", default="en", show_default=True, help="Language tag of the labels.")
@handle_errors
def init_command(folder, title, language):
    """Start a folder of your own briefs: FOLDER/factors.yaml and FOLDER/briefs/.

    The folder may exist if it is empty. Then add briefs with `kg new` and
    `kg import`, run from inside the folder or given it with --data.

    Example: kg init my-briefs
    """
    from kg.authoring.scaffold import init_data_dir

    path = init_data_dir(folder, title=title, language=language)
    click.echo(f"Started {path}: add a brief with `kg new BRIEF_ID --data {path}`.")


@main.command("new")
@click.argument("brief_id")
@data_option(WRITE_DATA_HELP)
@click.option("--title", default=None, help="Title as published.")
@click.option("--author", "authors", multiple=True, help="An author. Repeatable.")
@click.option("--publisher", default=None, help="Issuing organisation.")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Date of publication.")
@click.option("--series", default=None, help="Publication series.")
@click.option("--number", default=None, help="Number within the series.")
@click.option("--url", default=None, help="Web address of the brief.")
@click.option("--language", default="en", show_default=True, help="Language tag.")
@click.option(
    "--section", default="Executive summary", show_default=True, help="Part of the brief encoded."
)
@click.option("--synthetic", is_flag=True, help="Mark the brief as invented (examples, tests).")
@force_option("Replace an existing brief file.")
@handle_errors
def new_command(brief_id, data_dir, force, **metadata):
    """Start a brief: write briefs/BRIEF_ID.yaml with its metadata fields to fill in.

    Fields not given stay empty, so `kg validate` points at each until it is
    filled in. Fill in the claims by hand or with `kg import`. An existing
    brief is never replaced without --force.

    Example: kg new my-brief --title "An example brief" --synthetic
    """
    from kg.authoring.scaffold import new_brief

    metadata["authors"] = tuple(metadata["authors"])
    path = new_brief(brief_id, data_dir, force=force, **metadata)
    click.echo(
        f"Wrote {path}; fill in its brief block, then add claims (kg import) and run kg validate."
    )


@main.command("import")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("--brief", "brief_id", metavar="BRIEF_ID", help="The brief the claims belong to.")
@data_option(WRITE_DATA_HELP)
@click.option(
    "--group",
    type=click.Choice(list(GROUPS), case_sensitive=False),
    default=None,
    help="Group of new factors whose row gives none.",
)
@click.option(
    "--new-factor",
    "new_factors",
    multiple=True,
    metavar="NAME",
    help="Confirm NAME as a new factor although it is close to an existing one. Repeatable.",
)
@click.option("--dry-run", is_flag=True, help="Check and report, but write nothing.")
@force_option("Replace the claims of a brief that has some.")
@click.option(
    "--template", is_flag=True, help="Write an empty sheet with every documented column to SHEET."
)
@reading_options
@handle_errors
def import_command(sheet, brief_id, data_dir, group, new_factors, dry_run, force, template):
    """Turn a spreadsheet of claims (CSV or TSV, one row per claim) into a brief file.

    Columns (any case and spacing): cause, effect, sign, modality,
    confidence, locator or point, paraphrase; optional: time scope, start
    year, end year, evidence, attributed to, supported by, cause group,
    effect group, group, id. Cause and effect are matched to factors by
    label, alternative label or id; other names become new factors in
    factors.yaml marked `review: true`. Every row is checked first: a bad
    row is reported with its row number and column, and nothing is written.
    A brief that already has claims is only changed with --force.

    Example: kg import --template claims.csv

    Example: kg import claims.csv --brief my-brief --group economic
    """
    from kg.authoring.sheet_columns import write_sheet_template
    from kg.authoring.sheets import import_sheet

    if template:
        path = write_sheet_template(sheet, force=force)
        click.echo(f"Wrote {path}: one claim per row under the header; see kg import --help.")
        return
    if not brief_id:
        raise click.UsageError("give --brief BRIEF_ID (or --template to write an empty sheet)")
    result = import_sheet(
        sheet,
        brief_id,
        data_dir,
        group=group,
        new_factors=new_factors,
        force=force,
        dry_run=dry_run,
    )
    click.echo(result.summary())
