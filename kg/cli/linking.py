"""Commands for linking briefs: new, import, link, compare, export."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.authoring.scaffold import new_brief
from kg.authoring.sheets import import_sheet, write_sheet_template
from kg.cli import handle_errors, main
from kg.cli.options import (
    data_option,
    dataset_option,
    exclude_modality_option,
    force_option,
    min_confidence_option,
)
from kg.linking.align import (
    MIN_SCORE,
    accept_links,
    attach_identifier,
    link_proposals,
    proposals_text,
    review_links,
)
from kg.linking.compare import compare
from kg.outputs.exports import EXPORT_FORMATS, export
from kg.outputs.reports import comparison_text
from kg.vocab import GROUPS

# Commands that write into the data folder never fall back on the shipped briefs.
_DATA_HELP = "Folder of authoring files [default: ./data]."


@main.command("new")
@click.argument("brief_id")
@data_option(_DATA_HELP)
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
    metadata["authors"] = tuple(metadata["authors"])
    path = new_brief(brief_id, data_dir, force=force, **metadata)
    click.echo(
        f"Wrote {path}; fill in its brief block, then add claims (kg import) and run kg validate."
    )


@main.command("import")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("--brief", "brief_id", metavar="BRIEF_ID", help="The brief the claims belong to.")
@data_option(_DATA_HELP)
@click.option(
    "--group",
    type=click.Choice(list(GROUPS), case_sensitive=False),
    default=None,
    help="Group of new factors whose row gives none.",
)
@click.option("--dry-run", is_flag=True, help="Check and report, but write nothing.")
@force_option("Replace the claims of a brief that has some.")
@click.option(
    "--template", is_flag=True, help="Write an empty sheet with every documented column to SHEET."
)
@handle_errors
def import_command(sheet, brief_id, data_dir, group, dry_run, force, template):
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
    if template:
        path = write_sheet_template(sheet, force=force)
        click.echo(f"Wrote {path}: one claim per row under the header; see kg import --help.")
        return
    if not brief_id:
        raise click.UsageError("give --brief BRIEF_ID (or --template to write an empty sheet)")
    result = import_sheet(sheet, brief_id, data_dir, group=group, force=force, dry_run=dry_run)
    click.echo(result.summary())


def _attach(_ctx, _param, value):
    if value is None:
        return None
    factor, sep, iri = value.partition("=")
    if not sep or not factor.strip() or not iri.strip():
        raise click.BadParameter("write FACTOR=IRI, e.g. 'return migration=https://...'")
    return factor.strip(), iri.strip()


_KEYS = {"e": "exact", "c": "close", "r": "reject", "s": "skip", "q": "quit"}


def _ask(n, total, p):
    """Show a proposal and read the analyst's answer; end of input or Ctrl-C ends the questions."""
    click.echo(
        f"\n[{n}/{total}] score {p.score:.0f} (names {p.name_score:.0f}, "
        f"words {p.text_score:.0f})\n"
        f"  {p.factor.label} ({p.factor.id}): {p.factor.definition}\n"
        f"  {p.candidate.label} ({p.candidate.id}): {p.candidate.definition}"
    )
    try:
        answer = click.prompt(
            "  [e]xact match, [c]lose match, [r]eject, [s]kip, [q]uit",
            type=click.Choice(list(_KEYS)),
            default="s",
            show_choices=False,
        )
    except click.Abort:
        click.echo("")
        return "end"
    return _KEYS[answer]


@main.command("link")
@data_option(_DATA_HELP)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 100),
    default=MIN_SCORE,
    show_default=True,
    help="Lowest score proposed.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Most proposals.")
@click.option("--all", "every_pair", is_flag=True, help="Compare every pair of factors.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the proposals to this CSV (or .tsv) file for review.",
)
@click.option(
    "--accept",
    type=click.Path(path_type=Path),
    default=None,
    help="Apply the decisions of a reviewed proposals file.",
)
@click.option("--interactive", is_flag=True, help="Decide on each proposal at the prompt.")
@click.option(
    "--attach",
    callback=_attach,
    default=None,
    metavar="FACTOR=IRI",
    help="Record an outside identifier you supply (Wikidata, a thesaurus) for a factor.",
)
@click.option(
    "--match",
    "kind",
    type=click.Choice(["exact", "close"]),
    default="exact",
    show_default=True,
    help="With --attach: record it as an exact or a close match.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the proposals.",
)
@force_option("Replace a proposals file that has decisions in it.")
@handle_errors
def link_command(
    data_dir, min_score, limit, every_pair, out, accept, interactive, attach, kind, fmt, force
):
    """Propose factors of different briefs that probably mean the same thing, and link them.

    Compared: factors awaiting review (review: true) with every other
    factor, and factors used only by different briefs. Score, 0-100:
    100 x (1 - (1 - n)(1 - w)), where n = (best rapidfuzz token_sort_ratio
    between the two factors' labels and alternative labels - 50) / 50,
    clipped to 0..1, and w = TF-IDF cosine of their labels, alternative
    labels and definitions. Review the --out file, write exact, close or
    reject in its decision column, then apply it with --accept: exact and
    close become skos:exactMatch / skos:closeMatch (exact_match /
    close_match in factors.yaml), reject stops the pair being proposed
    again. The analysis treats exact matches as one factor.

    --interactive asks about each proposal instead; q, end of input or
    Ctrl-C stops the questions and applies the answers given so far (exit 0).
    --accept, --attach, --interactive and --out exclude one another.

    Example: kg link --out proposals.csv
    """
    given = [
        name
        for name, value in (
            ("--accept", accept),
            ("--attach", attach),
            ("--interactive", interactive or None),
            ("--out", out),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise click.UsageError(f"{' and '.join(given)} exclude one another; give one of them")
    if accept is not None:
        click.echo(accept_links(accept, data_dir).summary())
        return
    if attach is not None:
        click.echo(attach_identifier(attach[0], attach[1], data_dir, kind=kind).summary())
        return
    if interactive:
        result = review_links(
            _ask, data_dir, min_score=min_score, limit=limit, every_pair=every_pair
        )
        click.echo(result.summary())
        return
    proposals = link_proposals(
        data_dir,
        min_score=min_score,
        limit=limit,
        every_pair=every_pair,
        out=out,
        force=force,
    )
    if fmt == "json":
        rows = [p.as_dict() for p in proposals]
        click.echo(
            json.dumps({"min_score": min_score, "proposals": rows}, indent=2, ensure_ascii=False)
        )
        return
    click.echo(proposals_text(proposals))
    if out is not None:
        click.echo(
            f"Wrote {len(proposals)} proposals to {out}; fill in the decision column "
            f"(exact, close, reject), then run kg link --accept {out}"
        )


@main.command("compare")
@click.argument("briefs", nargs=-1, metavar="[BRIEF_ID ...]")
@data_option()
@dataset_option("Compare the briefs of this built file instead.")
@exclude_modality_option()
@min_confidence_option()
@click.option(
    "--max-length",
    type=click.IntRange(2, 20),
    default=4,
    show_default=True,
    help="Longest chain across briefs, in links.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Most chains across briefs to list.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Readable table or JSON (documented in the README).",
)
@handle_errors
def compare_command(briefs, data_dir, built, exclude, min_confidence, max_length, limit, fmt):
    """Compare briefs: shared factors, agreement, contradiction and chains across briefs.

    For each cause-effect pair that several briefs claim: agree (same sign,
    same modality), hedge-mismatch (same sign, different modality) or
    contradict (opposite signs). Chains across briefs connect two factors
    that no single brief connects. Factors linked by exact_match count as
    one. With no BRIEF_ID every brief is compared.

    Example: kg compare --max-length 3
    """
    result, graph = compare(
        data_dir,
        built,
        briefs,
        exclude_modalities=exclude,
        min_confidence=min_confidence,
        max_length=max_length,
        limit=limit,
    )
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(graph), indent=2, ensure_ascii=False))
    else:
        click.echo(comparison_text(result, graph))


@main.command("export")
@data_option()
@dataset_option("Export this built file instead.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("dist") / "export",
    show_default=True,
    help="Folder to write to.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Format to write (repeatable) [default: all].",
)
@force_option("Replace files that kg did not write.")
@handle_errors
def export_command(data_dir, built, out_dir, formats, force):
    """Export the graph: TriG, N-Quads, JSON-LD, GraphML, GEXF, CSV and nanopublications.

    RDF formats keep a named graph per brief; GraphML and GEXF (Gephi) have
    the factors as nodes and one edge per claim with its brief, sign,
    modality, confidence and locator; claims.csv is the edge list;
    nanopubs.trig holds one nanopublication per claim.

    Example: kg export --out exports
    """
    result = export(data_dir, built, out_dir, list(formats) or None, force=force)
    click.echo(result.summary())
