"""Analysis commands: chains, upstream, downstream, loops, leverage, whatif."""

from __future__ import annotations

import functools
import json

import click

from kg.cli import handle_errors, main
from kg.cli.options import claim_filter_options, format_option, project_options

brief_option = click.option(
    "--brief",
    "briefs",
    multiple=True,
    metavar="ID",
    help="Keep only the claims of this brief. Repeatable.",
)


def graph_options(command):
    """Options shared by every analysis command: where the graph comes from, filters, format.

    The command receives the causal graph as ``graph`` and the format as ``fmt``.
    """

    @project_options("Analyse this built file instead of the current data.", endpoint=True)
    @brief_option
    @claim_filter_options
    @format_option()
    @functools.wraps(command)
    def wrapper(project, briefs, exclude_modalities, min_confidence, stated_only, fmt, **kwargs):
        graph = project.causal_graph(
            briefs=briefs or None,
            exclude_modalities=exclude_modalities,
            min_confidence=min_confidence,
            stated_only=stated_only,
        )
        return command(graph, fmt, **kwargs)

    return wrapper


def _emit(fmt: str, data, text) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(text())


@main.command("chains")
@click.argument("source")
@click.argument("target")
@click.option(
    "--max-length",
    type=click.IntRange(1, 50),
    default=6,
    show_default=True,
    help="Longest chain, in links.",
)
@click.option(
    "--limit", type=click.IntRange(1), default=100, show_default=True, help="Most chains to list."
)
@click.option(
    "--budget",
    type=click.IntRange(1),
    default=None,
    help="Most links the search may look along before it stops [default: 1000000].",
)
@handle_errors
@project_options("Analyse this built file instead of the current data.", endpoint=True)
@brief_option
@claim_filter_options
@format_option()
def chains_command(
    project, briefs, exclude_modalities, min_confidence, stated_only, fmt, source, target,
    max_length, limit, budget,
):  # fmt: skip
    """Every causal chain from SOURCE to TARGET, strongest first.

    Each chain shows its net sign and, for each link, the claims and their
    locators. No chain: exit 1. Two names of one factor (merged by an exact
    match): exit 2.

    \b
    Example: kg chains "rising coastal costs" "return migration"
    """
    from kg.analysis.chains import DEFAULT_BUDGET
    from kg.outputs.reports import chains_text

    search, graph = project.causal_chains(
        source, target, briefs=briefs or None, exclude_modalities=exclude_modalities,
        min_confidence=min_confidence, stated_only=stated_only,
        max_length=max_length, limit=limit, budget=budget or DEFAULT_BUDGET, require=True,
    )  # fmt: skip
    _emit(fmt, search.as_dict(graph), lambda: chains_text(search, graph))


def _neighbours(reverse):
    @click.argument("factor")
    @click.option(
        "--depth",
        type=click.IntRange(1),
        default=None,
        help="Follow chains of at most this many links [default: no bound].",
    )
    @handle_errors
    @graph_options
    def command(graph, fmt, factor, depth):
        from kg.analysis import downstream, upstream
        from kg.outputs.reports import neighbours_text

        result = (upstream if reverse else downstream)(graph, factor, depth=depth)
        _emit(fmt, result.as_dict(graph), lambda: neighbours_text(result, graph))

    return command


upstream_command = main.command(
    "upstream",
    help="""The factors that can influence FACTOR, with distance and net sign.

    The sign is "ambiguous" where chains of both signs exist.

    \b
    Example: kg upstream "return migration" --depth 3""",
)(_neighbours(True))

downstream_command = main.command(
    "downstream",
    help="""The factors that FACTOR can influence, with distance and net sign.

    The sign is "ambiguous" where chains of both signs exist.

    \b
    Example: kg downstream "rising coastal costs\"""",
)(_neighbours(False))


@main.command("loops")
@click.option(
    "--max-length",
    type=click.IntRange(2, 50),
    default=8,
    show_default=True,
    help="Longest loop, in links.",
)
@click.option(
    "--limit", type=click.IntRange(1), default=1000, show_default=True, help="Most loops to list."
)
@handle_errors
@graph_options
def loops_command(graph, fmt, max_length, limit):
    """Every feedback loop, reinforcing or balancing, with the claims of each link.

    \b
    Example: kg loops --max-length 4
    """
    from kg.analysis import feedback_loops
    from kg.outputs.reports import loops_text

    search = feedback_loops(graph, max_length=max_length, limit=limit)
    _emit(fmt, search.as_dict(graph), lambda: loops_text(search, graph))


@main.command("leverage")
@click.option("--top", type=click.IntRange(1), default=None, help="Show only the first N factors.")
@handle_errors
@graph_options
def leverage_command(graph, fmt, top):
    """Factors ranked by reach, betweenness and loops, with the figures behind each rank.

    \b
    Example: kg leverage --top 5
    """
    from kg.analysis import leverage
    from kg.outputs.reports import leverage_text

    result = leverage(graph, top=top)
    _emit(fmt, result.as_dict(graph), lambda: leverage_text(result, graph))


@main.command("whatif")
@click.argument("shocks", nargs=-1, required=True, metavar='"FACTOR=+|-" ...')
@click.option(
    "--remove",
    multiple=True,
    metavar="FACTOR_OR_CLAIM",
    help="Take out a factor or a claim (id or IRI) first. Repeatable.",
)
@click.option(
    "--depth",
    type=click.IntRange(1),
    default=None,
    help="Follow chains of at most this many links [default: no bound].",
)
@handle_errors
@graph_options
def whatif_command(graph, fmt, shocks, remove, depth):
    """Push factors up (+) or down (-) and see where the change goes.

    Lists every factor reached with its direction (up, down or ambiguous) and
    the shortest chain that explains it, the feedback loops touched, and with
    --remove the loops and effects that the removal breaks.

    \b
    Example: kg whatif "hinterland takeoff=-" --remove hinterland-takeoff-draws-migrants-home
    """
    from kg.analysis import parse_shock, what_if
    from kg.outputs.reports import whatif_text

    parsed = dict(parse_shock(s) for s in shocks)
    result = what_if(graph, parsed, remove=remove, max_depth=depth)
    _emit(fmt, result.as_dict(graph), lambda: whatif_text(result, graph))
