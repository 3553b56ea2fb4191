"""Analysis and comparison results as text for the terminal (``--format table``).

The JSON shapes (``--format json``) come from each result's ``as_dict``;
these functions only lay the same facts out for reading. Every text fits a
width (the terminal's by default, see :func:`~kg.io.tables.terminal_width`):
tables narrow their widest columns and wrap their cells, other lines fold
between words with their continuation indented. Claims show their ids, not
their IRIs.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.chains import ChainSearch
from kg.analysis.graph import Step, claim_summary, node_label
from kg.analysis.leverage import LeverageResult
from kg.analysis.loops import LoopSearch
from kg.analysis.propagation import Neighbourhood
from kg.analysis.whatif import WhatIf
from kg.io.tables import counted, terminal_width, text_table, wrap_line
from kg.vocab import SIGN_SYMBOLS, local_id

if TYPE_CHECKING:
    from kg.linking.compare import Comparison

__all__ = [
    "chains_text",
    "comparison_text",
    "leverage_text",
    "loops_text",
    "neighbours_text",
    "whatif_text",
]


def _fit(lines: list[str], width: int) -> str:
    """The lines joined, each folded to ``width`` (tables are already fitted)."""
    return "\n".join(wrap_line(line, width) if "\n" not in line else line for line in lines)


def _claims_lines(G: nx.MultiDiGraph, step: Step, indent: str = "     ") -> list[str]:
    lines = [
        f"{indent}{node_label(G, step.cause)} -({SIGN_SYMBOLS[step.sign]})-> "
        f"{node_label(G, step.effect)}  (weight {step.weight:.2f})"
    ]
    for claim in (*step.claims, *step.nulls):
        sign = SIGN_SYMBOLS[claim["sign"]] if claim["sign"] else "no effect"
        condition = f" if {claim['condition']}" if claim.get("condition") else ""
        lines.append(
            f"{indent}  {claim['brief']}, {claim['locator']} [{claim['modality']}, "
            f"{claim.get('reading', 'stated')}, confidence {claim['confidence']:g}, {sign}] "
            f"{local_id(claim['claim'])}{condition}"
        )
    return lines


def chains_text(search: ChainSearch, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """Chains, each with its net sign and the claims and locators of each link."""
    width = terminal_width(width)
    head = (
        f"Chains from {node_label(G, search.source)!r} to {node_label(G, search.target)!r} "
        f"(max length {search.max_length}, limit {search.limit}): {len(search.chains)} found"
    )
    lines = [head]
    for n, chain in enumerate(search.chains, start=1):
        lines.append(
            f"{n:>2}. [{chain.sign_symbol}] "
            + " -> ".join(chain.labels(G))
            + f"  ({len(chain.steps)} links, strength {chain.strength:.2f}, "
            f"weakest confidence {chain.weakest:g})"
        )
        for step in chain.steps:
            lines.extend(_claims_lines(G, step))
    if search.length_bound_hit:
        lines.append(
            f"Length bound reached: longer chains may exist; raise --max-length (now {search.max_length})."
        )
    if search.limit_hit:
        lines.append(
            f"Count limit reached: more chains may exist; raise --limit (now {search.limit})."
        )
    if search.budget_hit:
        lines.append(
            f"Work budget reached after looking along {search.work} links "
            f"({search.expanded} partial chains extended): the chains shown "
            f"are the best, more may exist; raise --budget (now {search.budget})."
        )
    return _fit(lines, width)


def neighbours_text(result: Neighbourhood, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """Upstream or downstream factors as a table, under a title."""
    width = terminal_width(width)
    label = node_label(G, result.factor)
    title = (
        f"Factors that can influence {label!r}"
        if result.direction == "upstream"
        else f"Factors that {label!r} can influence"
    )
    table = text_table(
        ["factor", "distance", "sign", "shortest chain"],
        [
            [
                node_label(G, r.node),
                str(r.distance),
                r.sign_word,
                " -> ".join(node_label(G, n) for n in r.chain),
            ]
            for r in result.rows
        ],
        width,
    )
    return f"{wrap_line(title, width)}\n{table}"


def loops_text(search: LoopSearch, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """Feedback loops with their kind and the claims of each link."""
    width = terminal_width(width)
    lines = [
        f"{len(search.loops)} feedback loop{'s' if len(search.loops) != 1 else ''} "
        f"of at most {search.max_length} links"
    ]
    for n, loop in enumerate(search.loops, start=1):
        labels = loop.labels(G)
        lines.append(
            f"{n:>2}. {loop.kind} (strength {loop.strength:.2f}): "
            + " -> ".join(labels + labels[:1])
        )
        for step in loop.steps:
            lines.extend(_claims_lines(G, step))
    if search.limit_hit:
        lines.append(
            f"Count limit reached: more loops may exist; raise --limit (now {search.limit})."
        )
    if search.budget_hit:
        lines.append(
            f"Work budget reached after looking along {search.budget} links: more loops through "
            "the factors may exist; raise the budget."
        )
    return _fit(lines, width)


def leverage_text(result: LeverageResult, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """Leverage ranking as a table: each score with its three parts and the figures behind them.

    A note under the table says how the parts are made (as the explorer's
    details of a factor do).
    """
    n = max(G.number_of_nodes() - 1, 1)
    table = text_table(
        ["rank", "factor", "score", "reach", "brokerage", "feedback", "downstream", "loops"],
        [
            [
                str(i),
                node_label(G, r.node),
                f"{r.score:.3f}",
                f"{r.reach:.3f}",
                f"{r.brokerage:.3f}",
                f"{r.feedback:.3f}",
                f"{r.downstream} of {n} ({r.weighted_reach:.2f})",
                f"{r.loops} ({r.loop_strength:.2f})",
            ]
            for i, r in enumerate(result.shown, start=1)
        ],
        width,
    )  # fmt: skip
    note = (
        "score = reach + brokerage + feedback: reach is 0.5 x the weighted share of the other "
        "factors it changes: each factor downstream counts by the strength of the strongest "
        "chain reaching it, the product of its links' weights (their sum in brackets); "
        "brokerage 0.3 x its betweenness over the highest, with each link's distance "
        "-log(weight), so that the shortest routes are the strongest chains (upstream counts "
        "and betweenness in --format json); feedback 0.2 x the strength of the loops it is on "
        "(in brackets) over the highest. Links whose claims balance exactly are left out."
    )
    return table + "\n\n" + "\n".join(textwrap.wrap(note, terminal_width(width)))


def whatif_text(result: WhatIf, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """What-if outcome: effects, touched loops and, with removals, what broke."""
    width = terminal_width(width)
    data = result.as_dict(G)
    shocks = ", ".join(f"{s['factor']} {s['direction']}" for s in data["shocks"])
    lines = [f"Shock: {shocks}"]
    if data["removed"]["factors"] or data["removed"]["claims"]:
        removed = data["removed"]["factors"] + [local_id(c) for c in data["removed"]["claims"]]
        lines.append("Removed: " + ", ".join(removed))
    lines.append("")

    def chain_cell(chain: dict | None) -> str:
        if chain is None:
            return "none"
        return f"{' -> '.join(chain['factors'])} ({chain['strength']:.2f})"

    lines.append(
        text_table(
            ["factor", "direction", "strength", "strongest supporting chain", "strongest opposing"],
            [
                [
                    e["factor"],
                    e["direction"],
                    f"{e['strength']:.2f}",
                    chain_cell(e["supporting"]),
                    chain_cell(e["opposing"]),
                ]
                for e in data["effects"]
            ],
            width,
        )
    )
    lines.append(
        f"Strength: the supporting chain's minus the opposing chain's (products of link weights, "
        f"kg.analysis.weights); ambiguous when they are within "
        f"{data['rule']['ambiguity_margin']:.0%} of each other."
    )
    if data["loops"]:
        lines.append("")
        lines.append("Feedback loops touched:")
        for loop in data["loops"]:
            lines.append(f"  {loop['kind']} loop {' -> '.join(loop['factors'])}: {loop['effect']}")
    if data["broken_loops"]:
        lines.append("")
        lines.append("Loops broken by the removal:")
        for loop in data["broken_loops"]:
            lines.append(f"  {loop['kind']} loop {' -> '.join(loop['factors'])}")
    if data["lost_effects"] or data["changed_effects"]:
        lines.append("")
        lines.append("Effects lost or changed by the removal:")
        for e in data["lost_effects"]:
            lines.append(
                f"  {e['factor']}: was {e['was']}, now unaffected (via {' -> '.join(e['chain'])})"
            )
        for e in data["changed_effects"]:
            lines.append(f"  {e['factor']}: was {e['was']}, now {e['now']}")
    if data["loop_limit_hit"]:
        lines.append("")
        lines.append(
            f"Loop count limit reached ({data['loop_limit']} loops): the loops listed are the "
            "shortest, more may be touched or broken; narrow the graph (--brief, "
            "--exclude-modality, --min-confidence)."
        )
    return _fit(lines, width)


def _claim_line(c: dict) -> str:
    sign = SIGN_SYMBOLS[c["sign"]] if c["sign"] else "0"
    return f"{c['brief']}: {sign} {c['modality']} {c['confidence']:g}"


def _claim_rows(claims) -> list[dict]:
    """The claims as :func:`kg.analysis.graph.claim_summary` rows."""
    return [claim_summary(c) for c in claims]


def _side_lines(brief: str, value: str, item: dict, indent: str = "    ") -> list[str]:
    """One side of a disagreement: brief, value, modality, reading, paraphrase and locator."""
    how = ", ".join(
        str(x) for x in (value, item.get("modality"), item.get("reading")) if x is not None
    )
    lines = [f"{indent}{brief} ({how}): {item['paraphrase']} [{item['locator']}]"]
    if item.get("condition"):
        lines.append(f"{indent}  condition: {item['condition']}")
    return lines


def comparison_text(result: Comparison, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """The comparison of briefs as text for the terminal (``kg compare``'s default)."""
    width = terminal_width(width)
    lines = [
        "Briefs compared: "
        + (", ".join(f"{b} ({counted(n, 'claim')})" for b, n in result.briefs.items()) or "none")
    ]
    if result.collapsed:
        n = len(result.collapsed)
        lines.append(
            f"Left out: {n} claim{'s' if n != 1 else ''} whose cause and effect exact_match "
            "made one factor:"
        )
        for brief in sorted({c["brief"] for c in result.collapsed}):
            for c in result.collapsed_claims(G, brief):
                lines.append(
                    f"  {brief}: {local_id(c['claim'])} ({c['cause']} -> "
                    f"{c['effect']}, both now {c['factor']!r})"
                )
    if len(result.briefs) < 2:
        lines.append("Nothing to compare: the claims come from fewer than two briefs.")
        return _fit(lines, width)
    counts = result.counts()
    lines.append(
        f"{counts['shared_factors']} shared factors; pairs claimed by several briefs: "
        f"{counts['agree']} agree, {counts['hedge-mismatch']} hedge mismatch, "
        f"{counts['null-finding']} null finding against an effect, "
        f"{counts['contradict']} contradict; selection findings: "
        f"{counted(counts['selection_disagreements'], 'disagreement')}; observed trends: "
        f"{counted(counts['trend_disagreements'], 'disagreement')}; "
        f"{counted(counts['chains'], 'chain')} across briefs"
    )
    lines += ["", "Shared factors"]
    lines.append(
        text_table(
            ["factor", "briefs (claims)", "merged"],
            [
                [
                    node_label(G, s.node),
                    ", ".join(f"{b} ({n})" for b, n in s.claims.items()),
                    ", ".join(G.nodes[s.node].get("merged", ())),
                ]
                for s in result.shared
            ],
            width,
        )
    )
    lines += ["", "Pairs claimed by several briefs"]
    lines.append(
        text_table(
            ["verdict", "cause", "effect", "weight", "claims (brief: sign modality confidence)"],
            [
                [
                    p.verdict,
                    node_label(G, p.cause),
                    node_label(G, p.effect),
                    p.as_dict(G)["weight"]["sign"] + f" {p.as_dict(G)['weight']['weight']:.2f}",
                    "; ".join(_claim_line(c) for c in p.claims),
                ]
                for p in result.pairs
            ],
            width,
        )
    )
    disputed = [p for p in result.pairs if p.verdict in ("contradict", "null-finding")]
    if disputed:
        lines += ["", "Disagreements, side by side"]
    for p in disputed:
        lines.append(f"  {p.verdict}: {node_label(G, p.cause)} -> {node_label(G, p.effect)}")
        for c in _claim_rows(p.claims):
            sign = {"+": "increases", "-": "decreases", "0": "no effect"}[c["sign"]]
            lines += _side_lines(c["brief"], sign, c)
    for title, groups in (
        ("Selection findings (who moves) on one population and trait", result.selections),
        ("Observed trends of one factor", result.trends),
    ):
        if not groups:
            continue
        lines += ["", title]
        for g in groups:
            data = g.as_dict(G)
            subject = (
                f"{data['population']}, {data['trait']}"
                if g.kind == "selection"
                else data["factor"]
            )
            lines.append(f"  {g.verdict}: {subject}")
            for f in data["findings"]:
                if g.kind == "selection":
                    relation = {"no_difference": "no different from"}.get(
                        f["direction"], f"{f['direction']} than"
                    )
                    value = f"{relation} {f['compared_with']}"
                else:
                    years = "-".join(str(y) for y in (f["start_year"], f["end_year"]) if y)
                    value = f["trend"] + (f" {years}" if years else "")
                lines += _side_lines(f["brief"], value, f)
    lines += ["", "Chains across briefs (no single brief connects their ends)"]
    if not result.chains:
        lines.append("  none")
    else:
        lines.append(
            f"  {result.connections} found; {result.inferred_connections} rest on a link only "
            f"inferred claims make, {result.disputed_connections} cross a disputed link. "
            + (
                f"The {len(result.chains)} strongest:"
                if result.limit_hit
                else "All of them, strongest first:"
            )
        )
        lines.append(
            "  (each link is tagged with the briefs whose claims make it; strength is the "
            "product of the links' weights)"
        )
    for n, chain in enumerate(result.chains, start=1):
        text = node_label(G, chain.factors[0])
        for step in chain.steps:
            tag = "+".join(sorted({c["brief"] for c in step.claims}))
            text += f" -[{tag}]-> {node_label(G, step.effect)}"
        notes = []
        if chain.inferred_links:
            notes.append(f"{chain.inferred_links} inferred link(s)")
        if chain.disputed_links:
            notes.append(f"{chain.disputed_links} disputed link(s)")
        extra = f"; {', '.join(notes)}" if notes else ""
        lines.append(f"{n:>3}. {text}  (net {chain.sign_symbol}, {chain.strength:.2f}{extra})")
    if result.limit_hit:
        lines.append(f"  ... {result.connections - len(result.chains)} more; --all lists them")
    return _fit(lines, width)
