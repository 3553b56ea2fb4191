"""The analyst's decisions on proposals: read from a reviewed proposals file, resolved to factors.

A decision is ``exact``, ``close`` or ``reject`` (:data:`DECISIONS`, with
the field of ``factors.yaml`` each writes); a row left empty or marked
``skip`` is no decision. Factor and candidate may be named by id, label,
alternative label or IRI; :func:`resolve_decisions` turns the names into
ids, with a problem for each name that names no factor or several.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from kg.datafolder import FACTORS_FILE
from kg.errors import AmbiguousFactor, InvalidDecisions, Phrase, UnknownFactor, UnreadableFile
from kg.io import decode_sheet, normalise_header, sniff_delimiter, spreadsheet_cell
from kg.io.limits import read_input
from kg.names import FactorName, resolve_factor
from kg.problems import Problem, ValidationReport

__all__ = ["DECISIONS", "Decision", "read_decisions", "resolve_decisions"]

#: Verdicts an analyst can give a proposal, and the field of factors.yaml each writes.
DECISIONS = {"exact": "exact_match", "close": "close_match", "reject": "distinct_from"}
#: The columns of a proposals file that decisions are read from.
_NEEDED = ("decision", "factor", "candidate")


@dataclass(frozen=True)
class Decision:
    """The analyst's verdict on a pair: ``exact``, ``close`` or ``reject``."""

    factor: str
    candidate: str
    decision: str
    row: int = 0
    source: str = ""  # the proposals file the decision comes from, as shown in messages


def _unprotect(text: str) -> str:
    """A cell as written by :func:`~kg.io.spreadsheet_cell`, without the ``'``."""
    if text.startswith("'") and spreadsheet_cell(text[1:]) != text[1:]:
        return text[1:]
    return text


def _rows(path: Path) -> tuple[list[list[str]], str]:
    """The rows of the file as CSV, and the file's name as shown."""
    raw, shown = read_input(path)
    text = decode_sheet(raw, shown, InvalidDecisions)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text, path.name))
    try:
        rows = list(reader)
    except csv.Error as exc:
        problem = Problem(
            shown, reader.line_num, "", "", f"cannot be read as CSV: {exc}", "check quotes"
        )
        raise InvalidDecisions(ValidationReport([problem], [shown])) from None
    if not rows:
        raise UnreadableFile(
            f"{shown} is empty", Phrase("write a proposals file with {write_proposals}")
        )
    return rows, shown


def read_decisions(path: str | os.PathLike) -> list[Decision]:
    """The decided rows of a reviewed proposals file; undecided rows are skipped.

    The file is read as :func:`kg.import_sheet` reads a sheet: UTF-8 (a
    byte-order mark is fine), with commas, semicolons or tabs between cells.
    Raises :class:`InvalidDecisions` listing each bad row (row number and
    column) when a decision is not one of ``exact``, ``close``, ``reject``
    (or blank or ``skip``).
    """
    rows, shown = _rows(Path(path))
    header = [normalise_header(h).replace(" ", "_") for h in rows[0]]
    missing = [c for c in _NEEDED if c not in header]
    if missing:
        raise UnreadableFile(
            f"{shown} has no {missing[0]!r} column",
            Phrase("write a proposals file with {write_proposals}"),
        )
    at = {name: header.index(name) for name in _NEEDED}
    decisions, problems = [], []
    for number, cells in enumerate(rows[1:], start=2):
        cell = {
            name: _unprotect(cells[i].strip()) if i < len(cells) else "" for name, i in at.items()
        }
        verdict = cell["decision"].casefold()
        if verdict in ("", "skip"):
            continue  # blank rows too
        if verdict in DECISIONS:
            decisions.append(Decision(cell["factor"], cell["candidate"], verdict, number, shown))
            continue
        problems.append(
            Problem(
                shown,
                number,
                f"row {number}",
                "decision",
                f"{cell['decision']!r} is not a decision",
                "write exact, close, reject or skip, or leave it empty",
            )
        )
    if problems:
        raise InvalidDecisions(ValidationReport(problems, [shown]))
    return decisions


def _resolve(name: str, column: str, d: Decision, names: list[FactorName]) -> str | Problem:
    """The id of the factor ``name`` names, or the problem that it names none or several."""
    where, record = d.source or "decisions", f"row {d.row}" if d.row else ""
    try:
        return resolve_factor(name, names).id
    except UnknownFactor as exc:
        hint = (
            "did you mean " + ", ".join(repr(x) for x in exc.suggestions) + "?"
            if exc.suggestions
            else f"give a factor's id, label or alternative label, as in {FACTORS_FILE}"
        )
        message = f"{name!r} is not a factor of {FACTORS_FILE}"
    except AmbiguousFactor as exc:
        hint = "use one of the ids: " + ", ".join(exc.candidates)
        message = f"{name!r} names several factors"
    return Problem(where, d.row, record, column, message, hint)


def resolve_decisions(
    decisions: list[Decision], names: list[FactorName]
) -> tuple[list[Decision], list[Problem]]:
    """The decisions with their factors as ids, and a problem for each name that names none."""
    resolved, problems = [], []
    for d in decisions:
        factor = _resolve(d.factor, "factor", d, names)
        candidate = _resolve(d.candidate, "candidate", d, names)
        found = [x for x in (factor, candidate) if isinstance(x, Problem)]
        if found:
            problems += found
            continue
        assert isinstance(factor, str) and isinstance(candidate, str)
        if factor == candidate:
            problems.append(
                Problem(
                    d.source or "decisions",
                    d.row,
                    f"row {d.row}" if d.row else "",
                    "candidate",
                    f"{d.candidate!r} is the factor itself",
                    "link two different factors",
                )
            )
            continue
        resolved.append(Decision(factor, candidate, d.decision, d.row, d.source))
    return resolved, problems
