"""Terminal texts of the analyses: fitted to the terminal's width, claims by id."""

from __future__ import annotations

import re
import unicodedata

import pytest
from click.testing import CliRunner
from helpers import SHIPPED_DATA, with_example
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.analysis import causal_chains, feedback_loops, from_edges
from kg.cli import main
from kg.io.tables import terminal_width, text_table, wrap_line
from kg.outputs.reports import chains_text, loops_text

COMMANDS = [
    ["chains", "rising coastal costs", "return migration"],
    ["chains", "ageing of first-generation migrant workers", "urban poverty and slums"],
    ["loops"],
    ["whatif", "hinterland takeoff=-"],
    ["whatif", "hinterland takeoff=-", "--remove", "hinterland-takeoff-draws-migrants-home"],
    ["leverage"],
    ["upstream", "return migration"],
    ["compare"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_no_line_exceeds_80_columns_on_the_shipped_data(args, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "80")
    # kg compare needs two briefs: the shipped data plus the example brief.
    data = with_example(tmp_path / "data") if args[0] == "compare" else SHIPPED_DATA
    result = CliRunner().invoke(main, [*args, "--data", str(data)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= 80
    assert "https://" not in result.stdout  # claims show their ids


def test_folding_keeps_every_word():
    """At 80 columns the texts hold the same words as at 300, only on more lines
    (tables may split their header and rows differently, so compare a chains text)."""
    G = from_edges(
        [
            ("rising coastal costs of labour and land", "inland shift of industry", "+"),
            ("inland shift of industry", "return migration of workers", "+"),
        ]
    )
    search = causal_chains(
        G, "rising coastal costs of labour and land", "return migration of workers"
    )
    narrow, wide = chains_text(search, G, 40), chains_text(search, G, 300)
    assert narrow.split() == wide.split()
    assert max(map(len, narrow.splitlines())) <= 40 < max(map(len, wide.splitlines()))
    H = from_edges([("a " * 30, "b", "+"), ("b", "a " * 30, "-")])
    text = loops_text(feedback_loops(H), H, 50)
    assert max(map(len, text.splitlines())) <= 50 and text.count("a") >= 90


def test_terminal_width_reads_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "57")
    assert terminal_width() == 57
    assert terminal_width(90) == 90
    table = text_table(["a", "b"], [["word " * 20, "x"]])
    assert max(map(len, table.splitlines())) <= 57


def test_tables_align_wide_characters():
    # A Chinese label takes two terminal cells a character: the next column starts at
    # the same cell in every line (counted here by East Asian width, not by rich).
    def cells(text):
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    rows = [["回流迁移", "+"], ["coastal costs", "-"], ["沿海 costs", "+"]]
    lines = text_table(["factor", "sign"], rows, 60).splitlines()
    assert lines[-1] == "(3 rows)"
    second = [cells(line[: line.rindex(" ") + 1]) for line in lines[:1] + lines[2:-1]]
    assert len(set(second)) == 1, lines
    assert lines[1].index(" -") + 1 == second[0]  # under the second column's rule


def test_wrap_line_indents_continuations():
    folded = wrap_line("   one two three four five six", 15, indent=2).splitlines()
    assert folded[0].startswith("   one") and all(f.startswith("     ") for f in folded[1:])
    assert max(map(len, folded)) <= 15


words = st.text(alphabet="abcdefghij-", min_size=1, max_size=14)
header_words = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
cells = st.lists(words, min_size=0, max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(header_words, min_size=n, max_size=n),
            st.lists(st.lists(cells, min_size=n, max_size=n), max_size=5),
        )
    ),
    st.integers(30, 120),
)
def test_tables_fit_and_break_only_between_words(table, width):
    headers, rows = table
    lines = text_table(headers, rows, width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[-1] == f"({len(rows)} row{'s' if len(rows) != 1 else ''})"
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"-+( -+)*", line))
    runs = [(m.start(), m.end()) for m in re.finditer("-+", lines[rule])]
    assert len(runs) == len(headers)
    # Each column's rule covers its cells and the one space that pads them on the right
    # (the last column has none). Read each column back from its character range: a word
    # that fits its column is found whole on one line; the column's text, joined, is the
    # cell's text in order.
    starts = [start for start, _end in runs]
    widths = [end - start - (j < len(runs) - 1) for j, (start, end) in enumerate(runs)]
    body = lines[rule + 1 : -1]
    for j, (start, w) in enumerate(zip(starts, widths, strict=True)):
        column = [line[start : start + w].strip() for line in body]
        pieces = [piece for piece in column if piece]
        expected = [word for row in rows for word in row[j].split()]
        whole = [word for piece in pieces for word in piece.split()]
        if all(len(word) <= w for word in expected):
            assert whole == expected
        else:
            assert "".join(whole) == "".join(expected)
