"""Outputs that are not files: devices and FIFOs at ``--out`` are refused at once, even with --force.

The "did kg write this file?" check reads a bounded start of a regular file
only; a device (``/dev/zero`` never ends, ``/dev/full`` refuses writes) or a
FIFO (which would wait for a writer) is named in one line and left alone.
``kg render``'s check of the page it replaces (which also reads the old
page's positions) is held to the same rule.
"""

from __future__ import annotations

import os
from pathlib import Path

SOURCE = "Higher coastal costs lead to more return migration.\n"


def _fifo(name: str, *more: tuple[str, str]):
    def write(root: Path) -> None:
        os.mkfifo(root / name)
        for path, text in more:
            (root / path).write_text(text)

    return write


def _export_folder_with_fifo(root: Path) -> None:
    (root / "exports").mkdir()
    os.mkfifo(root / "exports" / "claims.csv")


COMMANDS = {
    "link-propose": (["link", "propose"], "out.csv", {}),
    "extract": (["extract", "src.txt", "--brief", "eai-bb-1360"], "out.csv", {"src.txt": SOURCE}),
    "render": (["render"], "graph.html", {}),
}

CASES = []
for command, (args, name, files) in COMMANDS.items():
    for device in ("/dev/zero", "/dev/full"):
        for force in ([], ["--force"]):
            CASES.append(
                {
                    "name": f"out-{command}-{device.rsplit('/', 1)[1]}{'-force' if force else ''}",
                    "files": files,
                    "args": [*args, "--out", device, *force],
                    "exit": 2,
                    "words": [device, "device"],
                    "cpu_s": 30,
                }
            )
    CASES.append(
        {
            "name": f"out-{command}-fifo",
            "files": _fifo(name, *files.items()),
            "args": [*args, "--out", name, "--force"],
            "exit": 2,
            "words": [name, "fifo"],
            "cpu_s": 30,
        }
    )
    CASES.append(
        {
            "name": f"out-{command}-folder",
            "files": {**files, f"{name}/keep": "mine\n"},
            "args": [*args, "--out", name],
            "exit": 2,
            "words": [name, "folder"],
            "cpu_s": 30,
        }
    )

CASES += [
    {
        "name": "out-export-is-a-device",
        "built": True,
        "args": ["export", "--out", "/dev/zero"],
        "exit": 2,
        "words": ["/dev/zero", "device", "not a folder"],
    },
    {
        "name": "out-export-fifo-inside",
        "built": True,
        "files": _export_folder_with_fifo,
        "args": ["export", "--out", "exports", "--force"],
        "exit": 2,
        "words": ["claims.csv", "fifo"],
        "cpu_s": 60,
    },
    {
        "name": "out-new-brief-path-traversal",
        "args": ["new", "../escape"],
        "exit": 2,
        "words": ["../escape", "brief id"],
    },
    {
        "name": "out-extract-brief-path-traversal",
        "files": {"src.txt": SOURCE},
        "args": ["extract", "src.txt", "--brief", "../../etc/passwd", "--out", "out.csv"],
        "exit": 2,
        "words": ["brief"],
    },
]
