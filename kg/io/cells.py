"""Spreadsheet cells and sheets: how kg reads and writes CSV that people edit.

>>> spreadsheet_cell("=SUM(A1:A9)"), spreadsheet_cell("Return migration")
("'=SUM(A1:A9)", 'Return migration')
"""

from __future__ import annotations

import re
from typing import Any

from kg.errors import InvalidInput, InvalidSheet
from kg.problems import Problem, ValidationReport

__all__ = ["normalise_header", "sniff_delimiter", "decode_sheet", "spreadsheet_cell"]


def normalise_header(text: str) -> str:
    """A header cell as compared with the documented column names.

    >>> normalise_header(" Time_Scope (optional)* ")
    'time scope'
    """
    text = re.sub(r"\([^)]*\)", " ", text.replace("\ufeff", ""))
    text = text.strip().strip("*:").casefold()
    return " ".join(re.split(r"[\s_\-.]+", text)).strip()


def sniff_delimiter(text: str, name: str) -> str:
    """The cell separator of a sheet: a tab for ``.tsv``, else the commonest of ``,;\\t`` on the first line.

    Excel in many locales saves "CSV" with semicolons.

    >>> sniff_delimiter("decision;factor;candidate\\n", "proposals.csv")
    ';'
    """
    if name.endswith((".tsv", ".tab")):
        return "\t"
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def decode_sheet(raw: bytes, shown: str, error: type[InvalidInput] | None = None) -> str:
    """The text of a sheet saved as UTF-8 (a byte-order mark is dropped).

    Parameters
    ----------
    raw : bytes
        The file's content.
    shown : str
        The file's name as problems show it.
    error : subclass of InvalidInput, optional
        The error raised for bytes that are not UTF-8 (default :class:`InvalidSheet`).

    Raises
    ------
    InvalidInput
        The bytes are not UTF-8; the problem names the line of the first bad byte.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Problem(
            shown, line, f"row {line}", "", "is not UTF-8 text", "save the file as CSV UTF-8"
        )
        raise (error or InvalidSheet)(ValidationReport([problem], [shown])) from None


#: First characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A cell for a CSV file kg writes, safe to open in a spreadsheet.

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading ``'``, so that a spreadsheet shows it as text
    instead of running it as a formula; anything else is returned unchanged.

    >>> spreadsheet_cell("=SUM(A1:A9)"), spreadsheet_cell("Return migration")
    ("'=SUM(A1:A9)", 'Return migration')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
