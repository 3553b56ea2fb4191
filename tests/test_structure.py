"""The shape of the package: imports flow one way, and ``kg --help`` loads no heavy library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

#: The layers, lowest first: a module may import its own layer and those below it.
LAYERS = [
    {"errors", "problems", "vocab", "io", "resources", "names", "datafolder"},
    {"authoring"},
    {"rdf"},
    {"store"},
    {"validation"},
    {"pipeline"},
    {"analysis"},
    {"linking"},
    {"extract"},
    {"outputs"},
    {"project"},
    {"cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _part(path: Path) -> str:
    """The top-level part of the package a file belongs to: ``analysis``, ``vocab`` ..."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imports() -> list[tuple[str, str, str]]:
    """Every import of a kg module by a kg module: (importing part, imported part, where)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _part(path)
        if source == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "kg" and len(parts) > 1 and parts[1] != source:
                    found.append((source, parts[1], f"{path.relative_to(PACKAGE)}:{node.lineno}"))
    return found


def test_every_part_of_the_package_has_a_layer():
    parts = {_part(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert parts <= set(RANK), sorted(parts - set(RANK))


def test_imports_never_run_back_up_the_layers():
    back = [
        f"{where}: {source} imports {target}"
        for source, target, where in _imports()
        if RANK[target] > RANK[source]
    ]
    assert back == []


def test_no_part_imports_a_private_name_of_another():
    private = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg."):
                if node.module.split(".")[1] == _part(path):
                    continue
                private += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno}: {a.name}"
                    for a in node.names
                    if a.name.startswith("_")
                ]
    assert private == []


def test_the_parts_import_one_another_without_cycles():
    graph = nx.DiGraph((s, t) for s, t, _ in _imports())
    assert list(nx.simple_cycles(graph)) == []


_HEAVY = ("rdflib", "pyshacl", "networkx", "pyvis", "jinja2", "pyoxigraph")


def test_help_loads_no_heavy_library():
    for args in (["--help"], ["chains", "--help"], ["link", "propose", "--help"], ["query", "-h"]):
        code = (
            "import sys\n"
            "from kg.cli import main\n"
            f"try:\n    main({args!r}, prog_name='kg')\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == "[]", (args, done.stdout[-300:])
