"""Plain-text tables (drawn by rich) and lines for the terminal, fitted to its width."""

from __future__ import annotations

import io
import shutil
import textwrap

from rich.box import Box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["counted", "terminal_width", "text_table", "wrap_line"]


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> counted(1, "observation"), counted(2, "link")
    ('1 observation', '2 links')
    """
    return f"{n} {noun}" + ("" if n == 1 else "s")


def terminal_width(width: int | None = None) -> int:
    """``width`` when given, else the terminal's: ``COLUMNS``, the terminal, or 80.

    >>> terminal_width(100)
    100
    """
    if width is not None:
        return max(int(width), 1)
    return max(shutil.get_terminal_size((80, 24)).columns, 1)


def wrap_line(line: str, width: int | None = None, indent: int = 4) -> str:
    """Fold a line of text to the width, continuation lines indented under its start.

    The continuation lines start ``indent`` characters to the right of the
    line's own leading spaces. Words are never cut unless a word alone is
    longer than the room left.

    >>> print(wrap_line("  a chain of several words", 14, indent=2))
      a chain of
        several
        words
    """
    width = terminal_width(width)
    if len(line) <= width:
        return line
    lead = len(line) - len(line.lstrip(" "))
    first, rest = " " * lead, " " * min(lead + indent, max(width // 2, 0))
    return "\n".join(
        textwrap.wrap(
            line.strip(),
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_on_hyphens=False,
            break_long_words=True,
        )
    )


#: The table's lines: none around it, a rule of dashes under the header, a space between
#: the columns' rules (each column's cells are padded by one space on their right).
_RULED = Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)


def text_table(headers: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Align ``rows`` under ``headers`` in at most ``width`` terminal cells a line, drawn by rich.

    ``width`` defaults to the terminal's (:func:`terminal_width`). Widths are
    counted in terminal cells, so a Chinese or Japanese label (two cells a
    character) keeps its column aligned. When the columns do not fit, rich
    narrows them and their cells wrap onto more lines, between words (inside
    a word only when the word alone is longer than the column). Cells are
    plain text: rich markup in them is shown as it is written.

    >>> print(text_table(["factor", "sign"], [["Return migration", "+"]]))
    factor            sign
    ----------------- ----
    Return migration  +
    (1 row)
    >>> print(text_table(["factor", "chain"], [["Return migration", "costs -> jobs -> return"]], 30))
    factor          chain
    --------------- --------------
    Return          costs -> jobs
    migration       -> return
    (1 row)
    """
    table = Table(
        box=_RULED,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="",
        highlight=False,
    )
    for header in headers:
        table.add_column(Text(header), overflow="fold")
    for row in rows:
        table.add_row(*(Text(" ".join(str(c).split())) for c in row))
    console = Console(
        file=io.StringIO(),
        width=terminal_width(width),
        color_system=None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    with console.capture() as captured:
        console.print(table)
    lines = [line.rstrip() for line in captured.get().splitlines()]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
