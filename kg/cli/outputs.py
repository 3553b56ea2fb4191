"""Commands that write outputs for people and other tools: render and export."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import force_option, out_option, project_options
from kg.outputs.formats import EXPORT_FORMATS, MAX_FACTORS


@main.command("render")
@out_option(Path("dist") / "graph.html", "Where to write the page.")
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
@click.option(
    "--brief",
    "briefs",
    metavar="ID",
    multiple=True,
    help="Draw only this brief's claims (repeatable: the claims of every brief given).",
)
@click.option(
    "--positions",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Keep the factor positions saved from the page (its Save positions button).",
)
@click.option(
    "--relayout",
    is_flag=True,
    help="Lay the graph out afresh instead of keeping the places of the page it replaces.",
)
@click.option(
    "--max-factors",
    type=click.IntRange(1),
    default=MAX_FACTORS,
    show_default=True,
    help="Refuse to draw more factors than this in one page.",
)
@project_options("Draw this built file instead of the current data.")
@force_option()
@handle_errors
def render_command(
    out, focus, depth, chain, briefs, positions, relayout, max_factors, project, force
):
    """Write the interactive explorer: one self-contained HTML page that works offline.

    Laid out by Graphviz dot (causes left of effects). Search factors, filter
    by brief, sign and modality, click an arrow for the claims and their
    locators, highlight chains and feedback loops, list disagreements, run a
    what-if, export the view as PNG or SVG. Prints the page's path.

    \b
    Example: kg render --focus "return migration" --depth 2 --out dist/return.html
    """
    from kg.outputs.explorer import render_explorer

    page = render_explorer(
        project.dataset, out, build=project.provenance, force=force, focus=focus, depth=depth,
        chain=tuple(chain) if chain else None, brief=list(briefs), positions=positions,
        relayout=relayout, max_factors=max_factors,
    )  # fmt: skip
    click.echo(
        f"Wrote {page.path} ({page.factors} factors, {page.pairs} cause-effect pairs, "
        f"{page.claims} claims); open it in a browser"
    )
    for note in page.notes:
        click.echo(f"Note: {note}", err=True)


@main.command("export")
@project_options("Export this built file instead.")
@out_option(Path("dist") / "export", "Folder to write to.", name="out_dir")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Format to write (repeatable) [default: all].",
)
@click.option(
    "--creator",
    metavar="IRI",
    default=None,
    help="Who publishes the nanopublications, as an IRI (your ORCID iD) [default: none].",
)
@click.option(
    "--date",
    "created",
    metavar="DATE",
    default=None,
    help="When: YYYY-MM-DD, an ISO 8601 date and time, or `now` [default: none, so the "
    "same data gives the same files].",
)
@force_option("Replace files that kg did not write.")
@handle_errors
def export_command(project, out_dir, formats, creator, created, force):
    """Export the graph: TriG, N-Quads, JSON-LD, GraphML, GEXF, CSV and nanopublications.

    RDF formats keep a named graph per brief; GraphML and GEXF (Gephi) have
    the factors as nodes and one edge per claim with its brief, sign,
    modality, confidence and locator; claims.csv is the edge list;
    nanopubs.trig holds one nanopublication per claim, and
    nanopubs/BRIEF/CLAIM.trig each on its own, ready to sign.

    Example: kg export --out exports --date 2024-01-15
    """
    from kg.outputs.exports import export

    result = export(
        project.dataset, out_dir, list(formats) or None, source=project.source_note,
        creator=creator, created=created, force=force,
    )  # fmt: skip
    click.echo(result.summary())
