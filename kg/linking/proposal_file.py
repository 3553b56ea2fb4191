"""The proposals of a data folder as the analyst reviews them: a CSV file, a table, JSON.

``kg link propose`` writes the reviewable proposals file
(:func:`write_proposals`): one row per proposal in the columns of
:data:`PROPOSAL_COLUMNS`, the ``decision`` column left for the analyst to
fill in with ``exact``, ``close`` or ``reject`` (read back by
:func:`kg.linking.decisions.read_decisions`). A file holding decisions is
never overwritten without ``force``.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

from kg.datafolder import default_data_dir
from kg.errors import InputTooLarge, KgError, OutputExists, Phrase
from kg.io import atomic_write, sniff_delimiter, spreadsheet_cell
from kg.io.limits import read_bounded
from kg.linking.proposals import MIN_SCORE, Proposal, propose_links, read_checked

__all__ = [
    "PROPOSAL_COLUMNS",
    "link_proposals",
    "proposals_table",
    "write_proposals",
    "proposals_as_dict",
    "proposals_text",
]

#: Columns of the proposals file, in order.
PROPOSAL_COLUMNS = (
    "decision",
    "score",
    "name_score",
    "text_score",
    "factor",
    "factor_label",
    "candidate",
    "candidate_label",
    "matched_names",
    "why",
    "factor_briefs",
    "candidate_briefs",
    "factor_definition",
    "candidate_definition",
)


def link_proposals(
    data_dir: str | os.PathLike | None = None,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
    out: str | os.PathLike | None = None,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Proposal]:
    """Read a data folder and propose links (``kg link``); with ``out``, write the proposals file."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    proposals = propose_links(
        read_checked(folder), min_score=min_score, limit=limit, every_pair=every_pair,
        progress=progress,
    )  # fmt: skip
    if out is not None:
        write_proposals(proposals, out, force=force)
    return proposals


def proposals_table(proposals: list[Proposal]) -> str:
    """The proposals as CSV text with the columns :data:`PROPOSAL_COLUMNS`, ``decision`` empty."""
    return _table(proposals, ",")


def _table(proposals: list[Proposal], delimiter: str) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(
        stream, fieldnames=PROPOSAL_COLUMNS, delimiter=delimiter, lineterminator="\n"
    )
    writer.writeheader()
    for proposal in proposals:
        writer.writerow({k: spreadsheet_cell(v) for k, v in proposal.as_dict().items()})
    return stream.getvalue()


def _proposals_file_state(path: Path) -> str:
    """``"empty"`` for a proposals file without decisions, ``"decided"`` for one with some,
    ``"foreign"`` for any other file."""
    try:
        # bounded, and never from a FIFO or device: a file past the input limit is not ours
        text = read_bounded(path, str(path)).decode("utf-8-sig")
        rows = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, path.name))
        )
    except (OSError, UnicodeDecodeError, csv.Error, InputTooLarge):
        return "foreign"
    if not rows or tuple(rows[0]) != PROPOSAL_COLUMNS:
        return "foreign"
    return "decided" if any(r and r[0].strip() for r in rows[1:]) else "empty"


def _refuse_proposals(path: Path) -> KgError:
    if _proposals_file_state(path) == "decided":
        return OutputExists(
            path,
            "holds decisions",
            Phrase(
                "apply them with {accept_links}, write the proposals to another file, "
                "or pass {force:True} to discard them"
            ),
        )
    return OutputExists(
        path,
        remedy=Phrase("write the proposals to another file, or pass {force:True} to replace it"),
    )


def write_proposals(
    proposals: list[Proposal], path: str | os.PathLike, *, force: bool = False
) -> Path:
    """Write the reviewable proposals file (CSV, or TSV for a ``.tsv`` name), atomically.

    A file kg did not write (its header row differs) is replaced only with ``force``;
    a proposals file with decisions filled in is kept unless ``force`` is set.
    A cell that begins with ``=``, ``+``, ``-`` or ``@`` gets a leading ``'``
    (:func:`kg.io.spreadsheet_cell`), so that a spreadsheet
    does not run it as a formula.
    """
    path = Path(path)
    text = _table(proposals, "\t" if path.suffix == ".tsv" else ",")
    return atomic_write(
        path,
        text.encode("utf-8"),
        force=force,
        ours=lambda existing: _proposals_file_state(existing) == "empty",
        refusal=_refuse_proposals,
    )


def proposals_as_dict(proposals: list[Proposal], min_score: float = MIN_SCORE) -> dict:
    """The proposals as ``kg link propose --format json`` prints them.

    >>> proposals_as_dict([], 80.0)
    {'min_score': 80.0, 'proposals': []}
    """
    return {"min_score": min_score, "proposals": [p.as_dict() for p in proposals]}


def proposals_text(proposals: list[Proposal]) -> str:
    """The proposals as a readable table for the terminal."""
    from kg.io.tables import text_table

    if not proposals:
        return "No proposals: no pair of factors scores at or above the threshold."
    rows = [
        [
            f"{p.score:.0f}",
            f"{p.name_score:.0f}",
            f"{p.text_score:.0f}",
            f"{p.factor.label} ({p.factor.id})",
            f"{p.candidate.label} ({p.candidate.id})",
            p.why,
        ]
        for p in proposals
    ]
    return text_table(["score", "names", "words", "factor", "candidate", "why"], rows)
