"""Analyses on graphs built to defeat pruning: each answers within its budget and says so."""

from __future__ import annotations

from badinput_files import complete, gated, graph, layered

LAYERED = graph(62, layered(6, 10))  # 62 factors, a million chains of 7 links from f0 to f61
COMPLETE = graph(60, complete(60))  # every ordered pair of 60 factors
SMALL_COMPLETE = graph(14, complete(14))
T = 120  # CPU seconds: the budget's work, with the start of a cold interpreter

GATED = graph(62, gated(59))  # 62 factors; one chain from f0 to f61, a few billion dead ends

CASES = [
    {
        "name": "analysis-chains-max-length-7-defeats-pruning",
        "files": GATED,
        "args": ["chains", "f0", "f61", "--max-length", "7"],
        "exit": 0,
        "words": ["budget reached"],
        "cpu_s": T,
    },
    {
        "name": "analysis-loops-defeats-pruning",
        "files": GATED,
        "args": ["loops", "--max-length", "8"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-chains-max-length-7-layered",
        "files": LAYERED,
        "args": ["chains", "f0", "f61", "--max-length", "7"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-chains-small-budget",
        "files": LAYERED,
        "args": [
            "chains",
            "f0",
            "f61",
            "--max-length",
            "7",
            "--budget",
            "1000",
            "--limit",
            "100000",
        ],
        "exit": 0,
        "words": ["budget"],
        "cpu_s": T,
    },
    {
        "name": "analysis-chains-complete-60",
        "files": COMPLETE,
        "args": ["chains", "f0", "f59", "--max-length", "7"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-loops-complete-14",
        "files": SMALL_COMPLETE,
        "args": ["loops"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-loops-complete-60",
        "files": COMPLETE,
        "args": ["loops"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-whatif-remove-complete",
        "files": COMPLETE,
        "args": ["whatif", "f0=+", "--remove", "f1"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-leverage-complete",
        "files": COMPLETE,
        "args": ["leverage"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-upstream-complete",
        "files": COMPLETE,
        "args": ["upstream", "f0"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
    },
    {
        "name": "analysis-export-graphml-complete-60",
        "files": COMPLETE,
        "args": ["export", "--out", "out"],
        "exit": 0,
        "words": [],
        "cpu_s": T,
        "changes": ["out"],
    },
    {
        "name": "analysis-compare-complete",
        "files": COMPLETE,
        "args": ["compare", "dense", "dense"],
        "exit": 2,
        "words": ["dense"],
        "cpu_s": T,
    },
    {
        "name": "analysis-chains-unknown-factor",
        "files": {},
        "args": ["chains", "nothing-like-this", "return-migration"],
        "exit": 2,
        "words": ["unknown factor"],
    },
    {
        "name": "analysis-chains-max-length-0",
        "files": {},
        "args": ["chains", "coastal-costs", "return-migration", "--max-length", "0"],
        "exit": 2,
        "words": ["max-length"],
    },
    {
        "name": "analysis-chains-max-length-huge",
        "files": {},
        "args": ["chains", "coastal-costs", "return-migration", "--max-length", "100000"],
        "exit": 2,
        "words": ["max-length"],
    },
    {
        "name": "analysis-whatif-bad-shock",
        "files": {},
        "args": ["whatif", "coastal-costs=sideways"],
        "exit": 2,
        "words": ["coastal-costs"],
    },
]
