"""The command that proposes claims from a document: ``kg extract``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option, force_option


@main.command("extract")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--brief", "brief_id", required=True, metavar="ID", help="The brief the claims are for."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the sheet here (.csv, or .json) instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default=None,
    help="csv (the kg import sheet) or json [default: from --out's suffix, else csv].",
)
@click.option(
    "--against",
    metavar="BRIEF_ID",
    default=None,
    help="Mark the candidates this brief of the data folder already has.",
)
@data_option()
@force_option("Replace an output file that kg extract did not write.")
@handle_errors
def extract_command(source, brief_id, out, fmt, against, data_dir, force):
    """Propose the causal claims of a PDF, saved HTML page or UTF-8 text file.

    Offline rules find each causal sentence, split it into cause and effect,
    work out the sign from the words (low X leads to more Y: X decreases Y)
    and the modality from hedges, conditions and attributions, and match the
    phrases to the factors of the data folder. The output is the sheet of
    `kg import`, with the sentence, its offsets, the cue and the reasons in
    extra columns: check each row, write your name under `accepted by`,
    delete the rows you reject, then import it.

    Example: kg extract brief.pdf --brief my-brief --out claims.csv
    """
    from kg.extract import extract, render, write_extraction

    result = extract(source, brief_id, data_dir, against=against)
    if out is None:
        click.echo(render(result, fmt or "csv"), nl=False)
        click.echo(result.summary(), err=True)
        return
    path = write_extraction(result, out, fmt, force=force)
    click.echo(f"Wrote {path}: {result.summary()}")
