"""Commands for linking briefs: ``kg link propose|review|accept|attach`` and ``kg compare``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli import handle_errors, main
from kg.cli.options import (
    WRITE_DATA_HELP,
    claim_filter_options,
    data_option,
    force_option,
    format_option,
    project_options,
)

#: The default of --min-score, as :data:`kg.linking.proposals.MIN_SCORE` (a test keeps them equal).
MIN_SCORE_DEFAULT = 70.0

_SCORE_HELP = """Score, 0-100: 100 x (1 - (1 - n)(1 - w)), where n = (best rapidfuzz
token_sort_ratio between the two factors' labels and alternative labels - 50)
/ 50, clipped to 0..1, and w = TF-IDF cosine of their labels, alternative
labels and definitions."""


def _search_options(command):
    """The options that choose which pairs are proposed."""
    command = click.option(
        "--all", "every_pair", is_flag=True, help="Compare every pair of factors."
    )(command)
    command = click.option("--limit", type=click.IntRange(1), default=None, help="Most proposals.")(
        command
    )
    return click.option(
        "--min-score",
        type=click.FloatRange(0, 100),
        default=MIN_SCORE_DEFAULT,
        show_default=True,
        help="Lowest score proposed.",
    )(command)


def _attach_value(_ctx, _param, value):
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


def _propose(data_dir, min_score, limit, every_pair, out, fmt, force):
    from kg.cli.progress import progress_bar
    from kg.linking.proposal_file import link_proposals, proposals_as_dict, proposals_text

    with progress_bar() as progress:
        proposals = link_proposals(
            data_dir, min_score=min_score, limit=limit, every_pair=every_pair, out=out,
            force=force, progress=progress,
        )  # fmt: skip
    if fmt == "json":
        document = proposals_as_dict(proposals, min_score)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    click.echo(proposals_text(proposals))
    if out is not None:
        n = len(proposals)
        click.echo(
            f"Wrote {n} proposal{'' if n == 1 else 's'} to {out}; fill in the decision column "
            f"(exact, close, reject), then run kg link accept {out}"
        )


def _review(data_dir, min_score, limit, every_pair):
    from kg.linking.review import review_links

    result = review_links(_ask, data_dir, min_score=min_score, limit=limit, every_pair=every_pair)
    click.echo(result.summary())


def _accept(path, data_dir):
    from kg.linking.edits import accept_links

    click.echo(accept_links(path, data_dir).summary())


def _attach(factor, iri, data_dir, kind):
    from kg.linking.edits import attach_identifier

    click.echo(attach_identifier(factor, iri, data_dir, kind=kind).summary())


_MATCH_OPTION = click.option(
    "--match",
    "kind",
    type=click.Choice(["exact", "close"]),
    default="exact",
    show_default=True,
    help="Record the identifier as an exact or a close match.",
)


@main.group("link", invoke_without_command=True)
@data_option(WRITE_DATA_HELP)
@_search_options
@click.option("--out", type=click.Path(path_type=Path), default=None, hidden=True)
@click.option("--accept", type=click.Path(path_type=Path), default=None, hidden=True)
@click.option("--interactive", is_flag=True, hidden=True)
@click.option("--attach", callback=_attach_value, default=None, hidden=True)
@_MATCH_OPTION
@format_option(help_text="How to print the proposals.")
@force_option("Replace a proposals file that has decisions in it.")
@click.pass_context
@handle_errors
def link_group(
    ctx, data_dir, min_score, limit, every_pair, out, accept, interactive, attach, kind, fmt, force
):
    """Link factors of different briefs that mean the same thing.

    \b
    kg link propose   list (or write to a file) pairs that probably mean the same
    kg link review    decide on each proposal at the prompt
    kg link accept    apply the decisions written in a proposals file
    kg link attach    record an outside identifier (Wikidata, a thesaurus) for a factor

    The options given before a subcommand (--data, --min-score ...) are the
    subcommand's too. `kg link` alone proposes, as `kg link propose`.

    Example: kg link propose --out proposals.csv
    """
    ctx.obj = {"data_dir": data_dir, "min_score": min_score, "limit": limit, "every": every_pair}
    if ctx.invoked_subcommand is not None:
        return
    # The spellings of kg 0.1 (`kg link --accept FILE` ...), kept for one release.
    given = [
        (name, value)
        for name, value in (
            ("--accept", accept),
            ("--attach", attach),
            ("--interactive", interactive or None),
            ("--out", out),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise click.UsageError(
            f"{' and '.join(n for n, _ in given)} exclude one another; give one of them"
        )
    if given and given[0][0] != "--out":
        new = {"--accept": "accept FILE", "--attach": "attach FACTOR=IRI"}
        word = new.get(given[0][0], "review")
        click.echo(f"kg: note: `kg link {given[0][0]}` is now `kg link {word}`", err=True)
    if accept is not None:
        _accept(accept, data_dir)
    elif attach is not None:
        _attach(attach[0], attach[1], data_dir, kind)
    elif interactive:
        _review(data_dir, min_score, limit, every_pair)
    else:
        _propose(data_dir, min_score, limit, every_pair, out, fmt, force)


def _inherit(ctx, data_dir, min_score=None, limit=None, every_pair=None):
    """A subcommand's own options, else those given to `kg link` before it."""
    parent = ctx.obj or {}
    return (
        data_dir if data_dir is not None else parent.get("data_dir"),
        min_score if min_score != MIN_SCORE_DEFAULT else parent.get("min_score", min_score),
        limit if limit is not None else parent.get("limit"),
        every_pair or parent.get("every", False),
    )


@link_group.command("propose")
@data_option(WRITE_DATA_HELP)
@_search_options
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the proposals to this CSV (or .tsv) file for review.",
)
@format_option(help_text="How to print the proposals.")
@force_option("Replace a proposals file that has decisions in it.")
@click.pass_context
@handle_errors
def link_propose(ctx, data_dir, min_score, limit, every_pair, out, fmt, force):
    """Propose factors of different briefs that probably mean the same thing.

    Compared: factors awaiting review (review: true) with every other factor,
    and factors used only by different briefs. Review the --out file, write
    exact, close or reject in its decision column, then apply it with
    `kg link accept`.

    Example: kg link propose --out proposals.csv
    """
    data_dir, min_score, limit, every_pair = _inherit(ctx, data_dir, min_score, limit, every_pair)
    _propose(data_dir, min_score, limit, every_pair, out, fmt, force)


link_propose.help = (link_propose.help or "").replace(
    "\n\n    Example:", "\n\n    " + _SCORE_HELP + "\n\n    Example:"
)


@link_group.command("review")
@data_option(WRITE_DATA_HELP)
@_search_options
@click.pass_context
@handle_errors
def link_review(ctx, data_dir, min_score, limit, every_pair):
    """Decide on each proposal at the prompt: exact, close, reject, skip or quit.

    q, the end of the input or Ctrl-C stops the questions and applies the
    answers given so far (exit 0).

    Example: kg link review --data my-briefs
    """
    _review(*_inherit(ctx, data_dir, min_score, limit, every_pair))


@link_group.command("accept")
@click.argument("proposals", type=click.Path(path_type=Path))
@data_option(WRITE_DATA_HELP)
@click.pass_context
@handle_errors
def link_accept(ctx, proposals, data_dir):
    """Apply the decisions of a reviewed proposals file to factors.yaml.

    exact and close become skos:exactMatch / skos:closeMatch (exact_match /
    close_match in factors.yaml); reject stops the pair being proposed again.
    The analysis treats exact matches as one factor.

    Example: kg link accept proposals.csv
    """
    _accept(proposals, _inherit(ctx, data_dir)[0])


@link_group.command("attach")
@click.argument("link", metavar="FACTOR=IRI", callback=_attach_value)
@data_option(WRITE_DATA_HELP)
@_MATCH_OPTION
@click.pass_context
@handle_errors
def link_attach(ctx, link, data_dir, kind):
    """Record an outside identifier you supply for a factor (kg never looks one up).

    Example: kg link attach "return migration=http://www.wikidata.org/entity/Q..."
    """
    _attach(link[0], link[1], _inherit(ctx, data_dir)[0], kind)


@main.command("compare")
@click.argument("briefs", nargs=-1, metavar="[BRIEF_ID ...]")
@project_options("Compare the briefs of this built file instead.")
@claim_filter_options
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
    default=10,
    show_default=True,
    help="Most chains across briefs to list, the strongest first.",
)
@click.option("--all", "all_chains", is_flag=True, help="List every chain across briefs.")
@format_option()
@handle_errors
def compare_command(
    briefs,
    project,
    exclude_modalities,
    min_confidence,
    stated_only,
    max_length,
    limit,
    all_chains,
    fmt,
):
    """Compare briefs: agreement, contradiction, null findings and chains across briefs.

    For each cause-effect pair that several briefs claim: agree (same sign,
    same modality), hedge-mismatch (same sign, different modality),
    null-finding (one finds no effect where another finds one) or
    contradict (opposite signs). Selection findings are compared only with
    selection findings on the same population and trait, observed trends
    only with trends of the same factor. Chains across briefs connect two
    factors that no single brief connects; the strongest are listed with a
    summary (--all lists every one). Factors linked by exact_match count as
    one. With no BRIEF_ID every brief is compared.

    Example: kg compare --max-length 3
    """
    from kg.linking.compare import compare_briefs
    from kg.outputs.reports import comparison_text

    briefs = list(dict.fromkeys(briefs)) or None
    graph = project.causal_graph(
        briefs=briefs,
        exclude_modalities=exclude_modalities,
        min_confidence=min_confidence,
        stated_only=stated_only,
    )
    result = compare_briefs(
        graph, briefs, max_length=max_length, limit=None if all_chains else limit
    )
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(graph), indent=2, ensure_ascii=False))
    else:
        click.echo(comparison_text(result, graph))
