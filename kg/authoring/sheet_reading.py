"""Reading a claims sheet: CSV text into rows of cells by column, no row lost in silence.

Blank lines are skipped; quoted cells may hold commas and line breaks; the
text is UTF-8 (a byte-order mark is fine), with commas, semicolons or tabs
between cells. What the cells mean is checked later
(:mod:`kg.authoring.sheet_claims`); here a quote left open, a row with more
or fewer cells than the header, a cell under no header and an unknown or
missing column are problems, each with its line and row number.

>>> text = "Cause, Effect ,SIGN,Modality,Confidence,Locator,Paraphrase\\n"
>>> text += 'Costs,"Jobs, wages",+,hedged,0.6,point 2,Costs may move jobs and wages.\\n\\n'
>>> [(r.number, r.cells["effect"]) for r in read_sheet_text(text).rows]
[(2, 'Jobs, wages')]
>>> print(read_sheet_text("Cause,Effect\\n").problems[0])
sheet.csv:1: row 1: sign: is missing from the header; add the column
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import process

from kg.authoring.sheet_columns import COLUMNS, column_named, known_columns
from kg.errors import Phrase
from kg.io import normalise_header, sniff_delimiter
from kg.io.limits import ReadLimits, current_limits
from kg.problems import Problem

__all__ = ["SheetRow", "Sheet", "read_sheet_text", "column_list"]


@dataclass
class SheetRow:
    """One data row: its spreadsheet row number, first line, and cells by column name."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """A parsed sheet: its rows, the header as written, and the problems found."""

    rows: list[SheetRow] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # column name -> header as written
    problems: list[Problem] = field(default_factory=list)


def column_list(required_only: bool = False) -> str:
    """The names of the columns (or of the required ones), for a hint.

    >>> column_list(required_only=True)
    'cause, effect, sign, modality, confidence, paraphrase'
    """
    return ", ".join(c.name for c in COLUMNS if c.required or not required_only)


def _column_name(index: int) -> str:
    """``column 9 (I)`` for the cell at ``index`` (counted from 0), as a spreadsheet labels it."""
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"column {index + 1} ({letters})"


def read_sheet_text(text: str, path: str = "sheet.csv", limits: ReadLimits | None = None) -> Sheet:
    """Parse the text of a sheet; problems with the header or the cells' layout are collected.

    No row is lost in silence: a quote left open (which would swallow the
    rows after it), a row with fewer or more cells than the header, and a
    sheet longer than ``limits.max_rows`` are problems with their row number.
    """
    sheet = Sheet()
    limits = limits or current_limits()
    delimiter = sniff_delimiter(text, path)
    header: list[str | None] | None = None
    for number, line, cells in _records(text, delimiter, path, sheet):
        if number > limits.max_rows:
            sheet.problems.append(
                Problem(
                    path,
                    line,
                    f"row {number}",
                    "",
                    f"the sheet has more than {limits.max_rows:,} rows",
                    "split it into several sheets",
                )
            )
            sheet.rows.clear()  # nothing of a sheet past the limit is checked or written
            return sheet
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = _read_header(cells, number, line, path, sheet)
            if header is None:
                return sheet
            continue
        fault = _layout_fault(cells, header, delimiter)
        if fault is not None:
            sheet.problems.append(Problem(path, line, f"row {number}", *fault))
            continue
        row = {
            name: " ".join(cell.split())
            for name, cell in zip(header, cells, strict=False)
            if name is not None and cell.strip()
        }
        sheet.rows.append(SheetRow(number, line, row))
    if header is None:
        sheet.problems.append(
            Problem(
                path,
                1,
                "row 1",
                "",
                "has no header row",
                "the first row names the columns: " + column_list(),
            )
        )
    return sheet


def _records(text: str, delimiter: str, path: str, sheet: Sheet) -> Iterator[tuple[int, int, list]]:
    """Each record of the CSV text as (row number, first line, cells); a record that cannot
    be read ends the reading with a problem."""
    # strict: a quote still open at the end of the file is an error, not one long last cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            why = "a quote opened here is never closed" if "end of data" in str(exc) else exc
            sheet.problems.append(
                Problem(
                    path,
                    line,
                    f"row {number + 1}",
                    "",
                    f"cannot be read as CSV: {why}",
                    'close the quote, or double a quote inside a quoted cell ("")',
                )
            )
            return
        number += 1
        yield number, line, cells


def _layout_fault(
    cells: list[str], header: list[str | None], delimiter: str
) -> tuple[str, str, str] | None:
    """What is wrong with a data row's cells against the header, as (column, message, hint)."""
    swallowed = _swallowed_lines(cells, delimiter, len(header))
    if swallowed:
        return (
            "",
            f"a quoted cell runs over {swallowed} more lines that look like rows",
            "close the quote at the end of its cell",
        )
    extra = [i for i in range(len(header), len(cells)) if cells[i].strip()]
    if extra:
        return (
            _column_name(extra[0]),
            f"holds text beyond the header's {len(header)} columns",
            "put a cell holding a comma or semicolon between double quotes, or name the "
            "column in the header row",
        )
    if len(cells) < len(header) and any(header[len(cells) :]):
        return (
            _column_name(len(cells)),
            f"has {len(cells)} cells where the header has {len(header)}",
            "give every row a cell for each column (an empty one where there is nothing)",
        )
    unnamed = [
        i for i, cell in enumerate(cells[: len(header)]) if header[i] is None and cell.strip()
    ]
    if unnamed:
        return (
            _column_name(unnamed[0]),
            "holds text under a column with no header",
            Phrase(
                "name the column in the header row (see {write_sheet_template}), or clear the cell"
            ),
        )
    return None


def _swallowed_lines(cells: list[str], delimiter: str, columns: int) -> int:
    """How many lines inside the row's cells read as rows of their own: rows a stray quote swallowed.

    A cell may span lines (a long paraphrase); a line inside it that holds
    nearly as many delimiters as a row has is taken for a row.
    """
    least = max(1, columns - 2)
    return sum(
        line.count(delimiter) >= least
        for cell in cells
        if "\n" in cell
        for line in cell.split("\n")[1:]
    )


def _read_header(
    cells: list[str], number: int, line: int, path: str, sheet: Sheet
) -> list[str | None] | None:
    """The column of each cell of the header row (``None`` for an empty cell), or ``None``
    when the header is unusable (problems added to ``sheet``)."""
    before = len(sheet.problems)

    def problem(column: str, message: str, hint: str) -> None:
        sheet.problems.append(Problem(path, line, f"row {number}", column, message, hint))

    header: list[str | None] = []
    for cell in cells:
        written = cell.strip().replace("\ufeff", "")
        name = column_named(cell) if normalise_header(cell) else None
        if name is None and normalise_header(cell):
            best = process.extractOne(normalise_header(cell), known_columns(), score_cutoff=70)
            hint = f"did you mean {best[0]!r}?" if best else "the columns are: " + column_list()
            problem(written, "is not a known column", hint)
        elif name in sheet.headers:
            problem(
                written,
                f"repeats the column {sheet.headers[name]!r}",
                "keep one column of each kind",
            )
        if name is not None:
            sheet.headers[name] = written
        header.append(name)
    missing = [c.name for c in COLUMNS if c.required and c.name not in sheet.headers]
    if "point" not in sheet.headers and "locator" not in sheet.headers:
        missing.append("locator (or point)")
    for name in missing:
        problem(name, "is missing from the header", "add the column")
    return header if len(sheet.problems) == before else None
