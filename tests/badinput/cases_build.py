"""Builds, written files and built datasets: nothing half-written, nothing left behind, nothing overwritten."""

from __future__ import annotations

import os
from pathlib import Path

from badinput_files import BRIEF_PATH, brief
from helpers import dead_pid


def _stale_temp(root: Path) -> None:
    (root / "dist").mkdir(exist_ok=True)
    (root / "dist" / f".kg.trig.{dead_pid()}.abcd1234.tmp").write_text("half a dataset")


def _many_factors(count: int):
    def write(root: Path) -> None:
        lines = ["scheme:", "  title: Many", "  language: en", "factors:"]
        for i in range(count):
            lines.append(
                f"  - {{id: f{i}, label: Factor {i}, definition: The amount of factor {i}., group: economic}}"
            )
        (root / "data" / "factors.yaml").write_text("\n".join(lines) + "\n")
        for path in (root / "data" / "briefs").iterdir():
            path.unlink()
        (root / BRIEF_PATH).write_text(
            brief("cause: coastal-costs", "cause: f0").replace(
                "effect: return-migration", "effect: f1"
            )
        )

    return write


CASES = [
    {
        "name": "build-cleans-stale-temp-of-killed-build",
        "files": _stale_temp,
        "args": ["build"],
        "exit": 0,
        "words": [],
        "changes": ["dist"],
    },
    {
        "name": "build-keeps-user-file-at-output",
        "files": {"dist/kg.trig": "my own notes\n"},
        "args": ["build", "--store", "memory"],
        "exit": 2,
        "words": ["kg.trig", "--force"],
    },
    {
        "name": "build-out-is-a-file",
        "files": {"out": "a file\n"},
        "args": ["build", "--out", "out", "--store", "memory"],
        "exit": 2,
        "words": ["out"],
    },
    {
        "name": "build-invalid-data-writes-nothing",
        "files": {BRIEF_PATH: brief("sign: increases", "sign: maybe")},
        "args": ["build"],
        "exit": 1,
        "words": ["sign", "maybe"],
    },
    # 20,000 factors: the authoring checks take about a second; the SHACL shapes the rest
    {
        "name": "validate-20000-factors",
        "files": _many_factors(20_000),
        "args": ["validate"],
        "exit": 0,
        "words": [],
        "cpu_s": 180,
    },
    {
        "name": "build-100000-factors-no-shacl",
        "files": _many_factors(100_000),
        "args": ["build", "--no-shacl", "--store", "memory"],
        "exit": 0,
        "words": [],
        "cpu_s": 180,
        "changes": ["dist"],
    },
    {
        "name": "dataset-junk-bytes",
        "files": {"junk.trig": bytes(range(256)) * 16},
        "args": ["query", "factors", "--dataset", "junk.trig"],
        "exit": 2,
        "words": ["junk.trig"],
    },
    {
        "name": "dataset-n3-garbage",
        "files": {"junk.ttl": "this is { not turtle at all ]]\n"},
        "args": ["chains", "coastal-costs", "return-migration", "--dataset", "junk.ttl"],
        "exit": 2,
        "words": ["junk.ttl"],
    },
    {
        "name": "dataset-empty-file",
        "files": {"empty.trig": ""},
        "args": ["chains", "coastal-costs", "return-migration", "--dataset", "empty.trig"],
        "exit": 2,
        "words": ["unknown factor"],
    },
    {
        "name": "dataset-missing",
        "files": {},
        "args": ["loops", "--dataset", "nowhere.trig"],
        "exit": 2,
        "words": ["nowhere.trig"],
    },
    {
        "name": "dataset-is-a-folder",
        "files": lambda root: (root / "d.trig").mkdir(),
        "args": ["loops", "--dataset", "d.trig"],
        "exit": 2,
        "words": ["d.trig"],
    },
    {
        "name": "render-keeps-user-file",
        "files": {"dist/graph.html": "<p>mine</p>\n"},
        "built": True,
        "args": ["render"],
        "exit": 2,
        "words": ["graph.html", "--force"],
    },
    {
        "name": "new-keeps-existing-brief",
        "files": {},
        "args": ["new", "eai-bb-1360", "--data", "data"],
        "exit": 2,
        "words": ["eai-bb-1360"],
    },
    {
        "name": "init-into-non-empty-folder",
        "files": {"mine/notes.txt": "notes\n"},
        "args": ["init", "mine"],
        "exit": 2,
        "words": ["mine"],
    },
]

if os.geteuid() != 0:  # root reads every file whatever its mode, so the case means nothing there
    CASES.append(
        {
            "name": "yaml-brief-unreadable",
            "files": lambda root: os.chmod(root / "data/briefs/eai-bb-1360.yaml", 0),
            "args": ["validate"],
            "exit": 1,
            "words": ["eai-bb-1360.yaml", "cannot be read"],
        }
    )
