"""Assembling claims from a sheet's rows, checked by the rules a claim of a YAML file obeys.

Each row becomes one claim entry (a dict of claim fields, as a brief file
holds them): its cells are read by their field's parser
(:data:`kg.authoring.rules.CLAIM_FIELDS`), its cause and effect resolved by
a :class:`~kg.authoring.sheet_factors.FactorResolver`, its place taken from
``point`` or ``locator`` (a bare number or ``point N`` in the locator fills
the point), and the rules between fields (:func:`kg.authoring.rules.check_claim`)
applied. A bad cell is reported as ``sheet.csv:LINE: row N: COLUMN: what is
wrong; how to fix it``; a row with any problem gives no claim. A claim
without an ``id`` gets one made from its cause, sign and effect.
"""

from __future__ import annotations

import re
from typing import Any

from kg.authoring.rules import SHEET_SURFACE, SLUG, Invalid, check_claim, extraction
from kg.authoring.sheet_columns import (
    CLAIM_FIELD,
    COLUMNS,
    KEPT_EXTRACTION_COLUMNS,
    cell_number,
)
from kg.authoring.sheet_factors import FactorResolver, ascii_slug, unique_id
from kg.authoring.sheet_reading import Sheet, SheetRow
from kg.problems import Problem
from kg.vocab import parse_sign

__all__ = ["RowProblems", "claim_entries"]

_POINT = re.compile(r"^(?:point|pt\.?|p\.?)?\s*(\d{1,5})$", re.I)
_POINT_INSIDE = re.compile(r"\bpoint\s+(\d{1,5})\b", re.I)
#: The claim fields read from a cell by their field's parser.
_PARSED = (
    "sign",
    "modality",
    "confidence",
    "paraphrase",
    "time_scope",
    "start_year",
    "end_year",
    "point",
    "attributed_to",
    "reading",
    "condition",
)
#: Columns whose cells are read as numbers first.
_NUMBERS = ("confidence", "start year", "end year", "point")
#: Hints that say how to write a cell, where the field's own hint speaks of YAML.
_CELL_HINTS = {
    "sign": "write increases, decreases or no_effect (or +, -, none)",
    "confidence": "write a number from 0 to 1, e.g. 0.8 or 80%",
}


class RowProblems:
    """The problems of a sheet's rows, each with the sheet's path, line and row number."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []

    def report(self, row: SheetRow, column: str, message: str, hint: str = "") -> None:
        """Add a problem of ``row`` in ``column`` (as headed in the sheet)."""
        self.problems.append(
            Problem(self.path, row.line, f"row {row.number}", column, message, hint)
        )


def claim_entries(
    sheet: Sheet,
    resolver: FactorResolver,
    problems: RowProblems,
    taken_ids: set[str],
    observations: set[str],
) -> list[dict]:
    """The rows as claim entries, checked by the claim fields and :data:`CLAIM_RULES`.

    ``taken_ids`` are ids already used in the brief; ``observations`` the
    ids of its observations that a claim may cite. Each entry keeps its row
    number under ``_row``.
    """
    claims: list[dict] = []
    for row in sheet.rows:
        before = len(problems.problems)
        entry = _claim_entry(row, sheet.headers, resolver, problems, taken_ids, observations)
        if len(problems.problems) == before:
            claims.append(entry)
    # Ids made from cause and effect once every given id is known.
    for entry in claims:
        if "id" not in entry:
            base = ascii_slug(f"{entry['cause']} {entry['sign']} {entry['effect']}", 70)
            entry["id"] = unique_id(base, taken_ids)
    return claims


def _claim_entry(
    row: SheetRow,
    headers: dict[str, str],
    resolver: FactorResolver,
    problems: RowProblems,
    taken_ids: set[str],
    observations: set[str],
) -> dict[str, Any]:
    """One row's claim entry; its problems go to ``problems``."""
    report = problems.report
    for column in COLUMNS:
        if column.required and column.name not in row.cells:
            report(row, headers[column.name], "is empty", column.help)
    cause = resolver.factor(row, "cause", headers)
    effect = resolver.factor(row, "effect", headers)
    entry = _parsed_cells(row, headers, problems)
    _place(row, headers, entry, problems)
    _extraction_entry(row, headers, entry, problems)
    # The rules between fields, as for a claim of a YAML file.
    checked = dict(entry, cause=cause, effect=effect)
    for v in check_claim(checked, SHEET_SURFACE, {"observations": observations}):
        report(row, _field_header(headers, v.field), v.message, v.hint)
    ident = _given_id(row, headers, taken_ids, problems)
    if ident is not None:
        entry["id"] = ident
    entry["cause"], entry["effect"] = cause, effect
    return entry


def _parsed_cells(row: SheetRow, headers: dict[str, str], problems: RowProblems) -> dict[str, Any]:
    """The row's cells read as claim fields (those that read well), with its row and line."""
    entry: dict[str, Any] = {"_row": row.number, "_line": row.line}
    for column in COLUMNS:
        if column.field in _PARSED and column.name in headers:
            value = _cell_value(row, column.name, headers[column.name], column.field, problems)
            if value is not None:
                entry[column.field] = value
    if "evidence" in row.cells:
        entry["evidence"] = row.cells["evidence"]
    if "supported by" in row.cells:
        ids = [s for s in re.split(r"[;,\s]+", row.cells["supported by"]) if s]
        try:
            entry["supported_by"] = list(CLAIM_FIELD["supported_by"].parse(ids))
        except Invalid as bad:
            problems.report(row, headers["supported by"], bad.message, bad.hint)
    return entry


def _field_header(headers: dict[str, str], field_name: str) -> str:
    """The sheet's heading for a claim field (a missing place: the locator's column)."""
    names = ("locator", "point") if field_name == "point" else (field_name.replace("_", " "),)
    return next((headers[n] for n in names if n in headers), names[0])


def _cell_value(
    row: SheetRow, column: str, header: str, field_name: str, problems: RowProblems
) -> Any:
    """The cell of ``column`` read by the claim field's parser; ``None`` if empty or bad."""
    text = row.cells.get(column)
    if text is None:
        return None
    raw: Any = text
    if column in _NUMBERS:
        raw = cell_number(text)
    elif column == "sign":
        raw = parse_sign(text) or text
    try:
        return CLAIM_FIELD[field_name].parse(raw)
    except Invalid as bad:
        problems.report(row, header, bad.message, _CELL_HINTS.get(column, bad.hint))
        return None


def _place(
    row: SheetRow, headers: dict[str, str], entry: dict[str, Any], problems: RowProblems
) -> None:
    """Fill ``point`` and ``locator`` from the locator cell: a bare number or ``point N``
    gives the point; every claim must end with a point."""
    locator = row.cells.get("locator")
    if locator is not None:
        bare = _POINT.match(locator)
        if bare:
            point = int(bare.group(1))
            if entry.get("point") not in (None, point):
                problems.report(
                    row,
                    headers["locator"],
                    f"says point {point} but the point column says {entry['point']}",
                    "make them agree",
                )
            entry["point"] = point
        else:
            entry["locator"] = locator
            inside = _POINT_INSIDE.search(locator)
            if inside and "point" not in entry:
                entry["point"] = int(inside.group(1))
    if "point" not in entry and "locator" in entry:
        problems.report(
            row,
            headers["locator"],
            f"{entry['locator']!r} gives no point number",
            "every claim cites a numbered point: add a 'point' column, or write e.g. "
            "'Section 2, point 3'",
        )


def _given_id(
    row: SheetRow, headers: dict[str, str], taken_ids: set[str], problems: RowProblems
) -> str | None:
    """The row's own claim id when it is a valid id not used yet (then it is taken)."""
    ident = row.cells.get("id")
    if ident is None:
        return None
    if not SLUG.match(ident):
        problems.report(
            row,
            headers["id"],
            f"{ident!r} is not a valid id",
            "use lower-case letters, digits and hyphens",
        )
        return None
    if ident in taken_ids:
        problems.report(
            row,
            headers["id"],
            f"{ident!r} is already used in this brief",
            "give each claim its own id",
        )
        return None
    taken_ids.add(ident)
    return ident


def _extraction_entry(
    row: SheetRow, headers: dict[str, str], entry: dict[str, Any], problems: RowProblems
) -> None:
    """The ``extraction`` block of a row that ``kg extract`` proposed (``extracted by`` filled)."""
    if "extracted by" not in row.cells:
        return
    if "accepted by" not in row.cells:
        problems.report(
            row,
            headers.get("accepted by", "accepted by"),
            "is empty for a machine-proposed claim",
            "check the claim against its sentence, then write your name here (or delete the row)",
        )
        return
    block = {
        key: cell_number(row.cells[column]) if key in ("start", "end") else row.cells[column]
        for column, key in KEPT_EXTRACTION_COLUMNS.items()
        if column in row.cells
    }
    try:
        entry["extraction"] = extraction(block)
    except Invalid as bad:
        column = _column_at_fault(block)
        problems.report(row, headers.get(column, column), bad.message, bad.hint)


#: A value each extraction key takes, to try the row's values one at a time.
_GOOD_EXTRACTION = {"start": 0, "end": 10**9, "source_sha256": "0" * 64}


def _column_at_fault(block: dict) -> str:
    """The column whose value makes ``block`` invalid: each is tried alone among good values.

    When none is wrong alone, the fault is between them (an end before its
    start), and ``end`` is named.
    """
    good = {key: _GOOD_EXTRACTION.get(key, "x") for key in KEPT_EXTRACTION_COLUMNS.values()}
    for column, key in KEPT_EXTRACTION_COLUMNS.items():
        if key in block:
            try:
                extraction({**good, key: block[key]})
            except Invalid:
                return column
    return "end"
