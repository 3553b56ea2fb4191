"""Plain-text tables for the terminal."""

from __future__ import annotations

__all__ = ["text_table"]


def text_table(headers: list[str], rows: list[list[str]], width: int = 80) -> str:
    """Align ``rows`` under ``headers``; cut cells longer than ``width`` with an ellipsis.

    >>> print(text_table(["factor", "sign"], [["Return migration", "+"]]))
    factor            sign
    ----------------  ----
    Return migration  +
    (1 row)
    """
    cut = False

    def fit(text: str) -> str:
        nonlocal cut
        text = " ".join(str(text).split())
        if len(text) > width:
            cut = True
            return text[: width - 1] + "\u2026"
        return text

    cells = [[fit(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    footer += "; long values cut, use --format csv or json for full text)" if cut else ")"
    lines.append(footer)
    return "\n".join(lines)
