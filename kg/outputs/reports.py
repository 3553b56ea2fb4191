"""Analysis and comparison results as text for the terminal (``--format table``).

The JSON shapes (``--format json``) come from each result's ``as_dict``;
these functions only lay the same facts out for reading. Every text fits a
width (the terminal's by default, see :func:`~kg.io.tables.terminal_width`):
tables narrow their widest columns and wrap their cells, other lines fold
between words with their continuation indented. Claims show their ids, not
their IRIs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from kg.analysis.chains import ChainSearch
from kg.analysis.graph import Step, node_label
from kg.analysis.leverage import LeverageResult
from kg.analysis.loops import LoopSearch
from kg.analysis.propagation import Neighbourhood
from kg.analysis.whatif import WhatIf
from kg.io.tables import terminal_width, text_table, wrap_line
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
        f"{node_label(G, step.effect)}"
    ]
    for claim in step.claims:
        lines.append(
            f"{indent}  {claim['brief']}, {claim['locator']} [{claim['modality']}, "
            f"confidence {claim['confidence']:g}, {SIGN_SYMBOLS[claim['sign']]}] "
            f"{local_id(claim['claim'])}"
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
            + f"  ({len(chain.steps)} links, weakest confidence {chain.weakest:g})"
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
        lines.append(f"{n:>2}. {loop.kind}: " + " -> ".join(labels + labels[:1]))
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
    """Leverage ranking as a table with the figures behind each rank."""
    return text_table(
        ["rank", "factor", "score", "downstream", "upstream", "betweenness", "loops", "claims"],
        [
            [
                str(i),
                node_label(G, r.node),
                f"{r.score:.3f}",
                str(r.downstream),
                str(r.upstream),
                f"{r.betweenness:.3f}",
                str(r.loops),
                str(r.claims),
            ]
            for i, r in enumerate(result.shown, start=1)
        ],
        width,
    )


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
    lines.append(
        text_table(
            ["factor", "direction", "distance", "shortest chain"],
            [
                [e["factor"], e["direction"], str(e["distance"]), " -> ".join(e["chain"])]
                for e in data["effects"]
            ],
            width,
        )
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
    return f"{c['brief']}: {SIGN_SYMBOLS[c['sign']]} {c['modality']} {c['confidence']:g}"


def comparison_text(result: Comparison, G: nx.MultiDiGraph, width: int | None = None) -> str:
    """The comparison of briefs as text for the terminal (``kg compare``'s default)."""
    width = terminal_width(width)
    lines = [
        "Briefs compared: "
        + (", ".join(f"{b} ({n} claims)" for b, n in result.briefs.items()) or "none")
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
        f"{counts['contradict']} contradict; {counts['chains']} chains across briefs"
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
            ["verdict", "cause", "effect", "claims (brief: sign modality confidence)"],
            [
                [
                    p.verdict,
                    node_label(G, p.cause),
                    node_label(G, p.effect),
                    "; ".join(_claim_line(c) for c in p.claims),
                ]
                for p in result.pairs
            ],
            width,
        )
    )
    lines += ["", "Chains across briefs (no single brief connects their ends)"]
    if not result.chains:
        lines.append("  none")
    else:
        lines.append("  (each link is tagged with the briefs whose claims make it)")
    for n, chain in enumerate(result.chains, start=1):
        text = node_label(G, chain.factors[0])
        for step in chain.steps:
            tag = "+".join(sorted({c["brief"] for c in step.claims}))
            text += f" -[{tag}]-> {node_label(G, step.effect)}"
        lines.append(f"{n:>3}. {text}  (net {chain.sign_symbol})")
    if result.limit_hit:
        lines.append(
            f"  ... {result.connections - len(result.chains)} more; raise --limit to list them"
        )
    return _fit(lines, width)
