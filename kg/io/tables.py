"""Plain-text tables and lines for the terminal, fitted to its width."""

from __future__ import annotations

import shutil
import textwrap

__all__ = ["counted", "terminal_width", "text_table", "wrap_line"]


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> counted(1, "observation"), counted(2, "link")
    ('1 observation', '2 links')
    """
    return f"{n} {noun}" + ("" if n == 1 else "s")


#: The gap between two columns.
GAP = "  "


def terminal_width(width: int | None = None) -> int:
    """``width`` when given, else the terminal's: ``COLUMNS``, the terminal, or 80.

    >>> terminal_width(100)
    100
    """
    if width is not None:
        return max(int(width), 1)
    return max(shutil.get_terminal_size((80, 24)).columns, 1)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken between words (inside a word
    only when the word alone is longer than ``width``)."""
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=True) or [""]


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


def _column_widths(natural: list[int], room: int) -> list[int]:
    """Narrow the widest columns first until the widths fit ``room`` (each stays >= 1)."""
    if sum(natural) <= room:
        return natural
    cap = max(natural)
    while cap > 1 and sum(min(w, cap) for w in natural) > room:
        cap -= 1
    return [min(w, cap) for w in natural]


def text_table(headers: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Align ``rows`` under ``headers`` in at most ``width`` characters a line.

    ``width`` defaults to the terminal's (:func:`terminal_width`). When the
    columns do not fit, the widest are narrowed first and their cells wrap
    onto more lines, between words (inside a word only when the word alone
    is longer than the column).

    >>> print(text_table(["factor", "sign"], [["Return migration", "+"]]))
    factor            sign
    ----------------  ----
    Return migration  +
    (1 row)
    >>> print(text_table(["factor", "chain"], [["Return migration", "costs -> jobs -> return"]], 30))
    factor          chain
    --------------  --------------
    Return          costs -> jobs
    migration       -> return
    (1 row)
    """
    width = terminal_width(width)
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    natural = [len(h) for h in headers]
    for row in cells:
        natural = [max(w, len(c)) for w, c in zip(natural, row, strict=True)]
    room = width - len(GAP) * (len(headers) - 1)
    widths = _column_widths(natural, max(room, len(headers)))

    def lines_of(row: list[str]) -> list[str]:
        wrapped = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
        height = max(len(parts) for parts in wrapped)
        out = []
        for i in range(height):
            parts = [p[i] if i < len(p) else "" for p in wrapped]
            out.append(GAP.join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip())
        return out

    lines = lines_of(list(headers))
    lines.append(GAP.join("-" * w for w in widths))
    for row in cells:
        lines.extend(lines_of(row))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
