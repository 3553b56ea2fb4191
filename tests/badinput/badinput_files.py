"""Texts and generators the corpus modules share: a valid brief on the shipped factors, dense graphs."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

#: A valid brief on the shipped factors; cases edit a copy of it.
BRIEF = """brief:
  id: bad
  title: A brief of the corpus
  authors: [A. N. Example]
  publisher: Example Institute
  date: 2024-01-01
  language: en
  section: Executive summary
  synthetic: true
claims:
  - id: c1
    point: 1
    cause: coastal-costs
    effect: return-migration
    sign: increases
    modality: asserted
    confidence: 0.8
    paraphrase: Higher costs on the coast send people home.
"""

BRIEF_PATH = "data/briefs/bad.yaml"

#: The header and one valid row of a claims sheet.
HEADER = "cause,effect,sign,modality,confidence,point,paraphrase"
ROW = "coastal-costs,return-migration,increases,asserted,0.8,1,Costs send people home."


def brief(old: str = "", new: str = "") -> str:
    """:data:`BRIEF` with ``old`` replaced by ``new`` (``old`` must be in it)."""
    if old:
        assert old in BRIEF, old
    return BRIEF.replace(old, new, 1) if old else BRIEF


def sheet(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def graph(
    factors: int, edges: Iterable[tuple[int, int]], signs: Callable[[int, int], str] | None = None
):
    """A ``files`` callable: a data folder of ``factors`` factors and one claim per edge, alone."""

    def write(root: Path) -> None:
        data = root / "data"
        shutil.rmtree(data)
        (data / "briefs").mkdir(parents=True)
        lines = ["scheme:", "  title: Dense", "  language: en", "factors:"]
        for i in range(factors):
            lines += [
                f"  - id: f{i}",
                f"    label: Factor {i}",
                f"    definition: The amount of factor {i}.",
                "    group: economic",
            ]
        (data / "factors.yaml").write_text("\n".join(lines) + "\n")
        claims = []
        for n, (a, b) in enumerate(edges):
            sign = signs(a, b) if signs else "increases"
            claims.append(
                f"  - {{id: c{n}, point: 1, cause: f{a}, effect: f{b}, sign: {sign}, "
                f"modality: asserted, confidence: 0.8, paraphrase: Factor {a} moves factor {b}.}}"
            )
        head = BRIEF.split("claims:")[0].replace("id: bad", "id: dense")
        (data / "briefs" / "dense.yaml").write_text(head + "claims:\n" + "\n".join(claims) + "\n")

    return write


def complete(n: int) -> list[tuple[int, int]]:
    """Every ordered pair of ``n`` factors: a graph no pruning helps on."""
    return [(a, b) for a in range(n) for b in range(n) if a != b]


def layered(layers: int, width: int) -> list[tuple[int, int]]:
    """Factor 0, then ``layers`` layers of ``width`` each fully linked to the next, then the last.

    Every chain from the first factor to the last has ``layers + 1`` links, and
    there are ``width ** layers`` of them: built to defeat pruning by length.
    """
    edges = []
    last = layers * width + 1
    previous = [0]
    for layer in range(layers):
        nodes = [1 + layer * width + i for i in range(width)]
        edges += [(a, b) for a in previous for b in nodes]
        previous = nodes
    edges += [(a, last) for a in previous]
    return edges


def gated(width: int) -> list[tuple[int, int]]:
    """Built to defeat pruning: factor 0 -> 1 -> the last factor, and ``width`` factors all linked
    to each other and to and from factor 1.

    Every factor is two links from the last, so a search bounded by length
    prunes nothing, yet the only chain from 0 to the last is 0 -> 1 -> last
    (every other route comes back to factor 1) and the only loop through 0
    is none: the search must look along every simple path among the
    ``width`` factors up to its bound.
    """
    last = width + 2
    core = range(2, width + 2)
    edges = [(0, 1), (1, last), (1, 0)]
    edges += [(1, k) for k in core] + [(k, 1) for k in core]
    edges += [(a, b) for a in core for b in core if a != b]
    return edges
