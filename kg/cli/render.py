"""The render command: the interactive HTML explorer."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import data_option, dataset_option, force_option
from kg.outputs.explorer import MAX_FACTORS, render_explorer


@main.command("render")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("dist") / "graph.html",
    show_default=True,
    help="Where to write the page.",
)
@click.option(
    "--focus",
    metavar="FACTOR",
    default=None,
    help="Draw only the factors within --depth links of this factor.",
)
@click.option(
    "--depth", type=click.IntRange(1), default=2, show_default=True, help="Links around --focus."
)
@click.option(
    "--chain",
    nargs=2,
    metavar="FROM TO",
    default=None,
    help="Draw only the chains from one factor to another.",
)
@click.option("--brief", metavar="ID", default=None, help="Draw only this brief's claims.")
@click.option(
    "--max-factors",
    type=click.IntRange(1),
    default=MAX_FACTORS,
    show_default=True,
    help="Refuse to draw more factors than this in one page.",
)
@data_option()
@dataset_option("Draw this built file instead of the current data.")
@force_option()
@handle_errors
def render_command(out, focus, depth, chain, brief, max_factors, data_dir, built, force):
    """Write the interactive explorer: one self-contained HTML page that works offline.

    Search factors, filter by brief, sign and modality, click an arrow for the
    claims and their locators, highlight chains between two factors and the
    feedback loops. Prints the page's path.

    \b
    Example: kg render --focus "return migration" --depth 2 --out dist/return.html
    """
    page = render_explorer(
        data_dir, built, out, focus=focus, depth=depth, chain=tuple(chain) if chain else None,
        brief=brief, force=force, max_factors=max_factors,
    )  # fmt: skip
    click.echo(
        f"Wrote {page.path} ({page.factors} factors, {page.pairs} cause-effect pairs, "
        f"{page.claims} claims); open it in a browser"
    )
