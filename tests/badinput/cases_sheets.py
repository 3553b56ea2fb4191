"""Sheets for ``kg import`` that would lose rows in silence, and briefs it must not write over."""

from __future__ import annotations

import os
from pathlib import Path

from badinput_files import BRIEF, HEADER, ROW, sheet

S = "claims.csv"


def imp(*extra: str) -> list[str]:
    return ["import", S, "--brief", "bad", "--data", "data", *extra]


def _big_sheet(rows: int):
    def write(root: Path) -> None:
        with (root / S).open("w") as handle:
            handle.write(HEADER + "\n")
            for _ in range(rows):
                handle.write(ROW + "\n")

    return write


def _symlink_loop(root: Path) -> None:
    os.symlink(S, root / S)


ROWS6 = [ROW.replace("Costs", f"Costs {i}") for i in range(6)]

CASES = [
    {
        "name": "sheet-unterminated-quote-row-2",
        "files": {S: sheet(ROWS6[0], ROWS6[1].replace("Costs 1", '"Costs 1'), *ROWS6[2:])},
        "args": imp(),
        "exit": 1,
        "words": ["claims.csv:3", "quote"],
    },
    {
        "name": "sheet-quote-swallows-rows-then-closes",
        "files": {
            S: sheet(
                ROWS6[0],
                ROWS6[1].replace("Costs 1", '"Costs 1'),
                ROWS6[2],
                ROWS6[3] + '"',
                ROWS6[4],
            )
        },
        "args": imp(),
        "exit": 1,
        "words": ["row 3", "runs over", "close the quote"],
    },
    {
        "name": "sheet-ragged-short-row",
        "files": {S: sheet(ROW, "coastal-costs,return-migration,increases")},
        "args": imp(),
        "exit": 1,
        "words": ["row 3", "3 cells where the header has 7"],
    },
    {
        "name": "sheet-ragged-long-row",
        "files": {S: sheet(ROW, ROW + ",extra,cells")},
        "args": imp(),
        "exit": 1,
        "words": ["row 3", "beyond the header"],
    },
    {
        "name": "sheet-header-only",
        "files": {S: sheet()},
        "args": imp(),
        "exit": 1,
        "words": ["holds no claims"],
    },
    {
        "name": "sheet-empty-file",
        "files": {S: ""},
        "args": imp(),
        "exit": 1,
        "words": ["no header row"],
    },
    {
        "name": "sheet-only-blank-lines",
        "files": {S: "\n\n\n"},
        "args": imp(),
        "exit": 1,
        "words": ["no header row"],
    },
    {
        "name": "sheet-binary",
        "files": {S: bytes(range(256)) * 8},
        "args": imp(),
        "exit": 1,
        "words": ["claims.csv", "not utf-8"],
    },
    {
        "name": "sheet-nul-bytes",
        "files": {S: sheet(ROW.replace("increases", "incr\0eases"))},
        "args": imp(),
        "exit": 1,
        "words": ["claims.csv"],
    },
    {
        "name": "sheet-million-rows",
        "files": _big_sheet(1_000_000),
        "args": imp(),
        "exit": 2,
        "words": ["too large", "--max-file-size"],
        "cpu_s": 60,
    },
    {
        "name": "sheet-rows-past-limit",
        "files": _big_sheet(100_001),
        "args": imp(),
        "exit": 1,
        "words": ["more than 100,000 rows"],
        "cpu_s": 120,
    },
    {
        "name": "sheet-max-file-size-option",
        "files": {S: sheet(ROW)},
        "args": imp("--max-file-size", "20"),
        "exit": 2,
        "words": ["too large", "20 bytes"],
    },
    {"name": "sheet-missing", "files": {}, "args": imp(), "exit": 2, "words": ["claims.csv"]},
    {
        "name": "sheet-is-a-folder",
        "files": lambda root: (root / S).mkdir(),
        "args": imp(),
        "exit": 2,
        "words": ["claims.csv", "folder"],
    },
    {
        "name": "sheet-symlink-loop",
        "files": _symlink_loop,
        "args": imp(),
        "exit": 2,
        "words": ["claims.csv", "loops"],
    },
    {
        "name": "sheet-unknown-column",
        "files": {S: sheet(ROW + ",x", header=HEADER + ",colour")},
        "args": imp(),
        "exit": 1,
        "words": ["colour", "is not a known column"],
    },
    {
        "name": "sheet-duplicate-column",
        "files": {S: sheet(ROW + ",increases", header=HEADER + ",sign")},
        "args": imp(),
        "exit": 1,
        "words": ["repeats the column"],
    },
    {
        "name": "sheet-bad-sign-and-confidence",
        "files": {S: sheet(ROW.replace("increases", "sideways").replace("0.8", "9"))},
        "args": imp(),
        "exit": 1,
        "words": ["sign", "confidence"],
    },
    {
        "name": "sheet-long-cell",
        "files": {S: sheet(ROW.replace("increases", "x" * 50000))},
        "args": imp(),
        "exit": 1,
        "words": ["sign"],
    },
    {
        "name": "sheet-bad-brief-id",
        "files": {S: sheet(ROW)},
        "args": ["import", S, "--brief", "../../etc/passwd", "--data", "data"],
        "exit": 2,
        "words": ["not a valid brief id"],
    },
    # --- briefs that import must not write over or beside ---
    {
        "name": "import-beside-yml-brief",
        "files": {S: sheet(ROW), "data/briefs/bad.yml": BRIEF},
        "args": imp(),
        "exit": 2,
        "words": ["bad.yml", "already holds claims"],
    },
    {
        "name": "import-yaml-and-yml-both",
        "files": {S: sheet(ROW), "data/briefs/bad.yml": BRIEF, "data/briefs/bad.yaml": BRIEF},
        "args": imp("--force"),
        "exit": 2,
        "words": ["one brief twice"],
    },
    {
        "name": "import-force-onto-empty-brief",
        "files": {S: sheet(ROW), "data/briefs/bad.yaml": ""},
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml", "is empty"],
    },
    {
        "name": "import-force-onto-list-brief",
        "files": {S: sheet(ROW), "data/briefs/bad.yaml": "- a\n- b\n"},
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml", "a list", "not a brief"],
    },
    {
        "name": "import-into-invalid-yaml-brief",
        "files": {S: sheet(ROW), "data/briefs/bad.yaml": "brief: [unclosed\n"},
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml:2", "not valid yaml"],
    },
    {
        "name": "import-into-deep-brief",
        "files": {
            S: sheet(ROW),
            "data/briefs/bad.yaml": "brief: " + "[" * 5000 + "]" * 5000 + "\n",
        },
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml", "nest"],
    },
    {
        "name": "import-into-billion-laughs-brief",
        "files": {
            S: sheet(ROW),
            "data/briefs/bad.yaml": (
                "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
                + "".join(
                    f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]\n" for i in range(1, 10)
                )
            ),
        },
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml", "aliases expand"],
        "cpu_s": 30,
    },
    {
        "name": "import-into-latin1-brief",
        "files": {
            S: sheet(ROW),
            "data/briefs/bad.yaml": BRIEF.replace("A brief", "caf\xe9").encode("latin-1"),
        },
        "args": imp("--force"),
        "exit": 2,
        "words": ["bad.yaml", "not utf-8"],
    },
    {
        "name": "import-valid-sheet-writes-brief",
        "files": {S: sheet(ROW, ROWS6[1])},
        "args": imp(),
        "exit": 0,
        "words": [],
        "changes": ["data/briefs/bad.yaml"],
    },
    {
        "name": "new-beside-yml-brief",
        "files": {"data/briefs/bad.yml": BRIEF},
        "args": ["new", "bad", "--data", "data"],
        "exit": 2,
        "words": ["bad.yml"],
    },
]
