"""The shape of the package: imports flow one way, and ``kg --help`` loads no heavy library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

#: The layers, lowest first: a module may import its own layer and those below it.
#: ``extract`` comes before ``linking`` in the flow (it proposes the claims that are then
#: imported and linked), so it may not import it: the score both use is ``authoring``'s.
LAYERS = [
    {"errors", "problems", "vocab", "io", "resources", "names", "datafolder"},
    {"authoring"},
    {"rdf"},
    {"store"},
    {"extract"},
    {"validation"},
    {"pipeline"},
    {"analysis"},
    {"linking"},
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


#: The owners of the folders' layouts, and the names only they may spell.
DATA_FOLDER_OWNER = "datafolder.py"
STORE_FOLDER_OWNER = "store/layout.py"
#: Modules still spelling a data folder's name, left for the change that owns them:
#: ``validate.py`` lists ``briefs/`` itself where it should call ``kg.datafolder.brief_files``.
NOT_YET_OWNED: set[str] = set()


def _layout_names() -> tuple[set[str], set[str], set[str]]:
    """The data folder's file names, its folder names, and the store folder's names, as
    their owners define them."""
    from kg import datafolder
    from kg.store import layout

    files = {datafolder.FACTORS_FILE, datafolder.STORE_RECORD}
    folders = {datafolder.BRIEFS_FOLDER, datafolder.LINKS_FOLDER}
    store = {layout.METADATA, layout.PENDING}
    return files, folders, store


def _path_operands(tree: ast.AST) -> set[int]:
    """The ids of the nodes used as a part of a path: ``x / NODE``, ``Path(NODE)``,
    ``x.joinpath(NODE)``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            found.add(id(node.right))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Path", "joinpath", "PurePath"):
                found.update(id(a) for a in node.args)
    return found


def _layout_spellings(path: Path, names: set[str], folders: set[str]) -> list[str]:
    """Where a module spells a layout name: as a string of its own, or a folder as a path part."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    operands = _path_operands(tree)
    spelled = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value in names or (node.value in folders and id(node) in operands))
    ]
    return [
        f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}"
        for node in sorted(spelled, key=lambda n: (n.lineno, n.col_offset))
    ]


def test_only_the_owner_spells_the_data_folders_file_names():
    files, folders, _store = _layout_names()
    spelled = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in {DATA_FOLDER_OWNER, *NOT_YET_OWNED}
        for where in _layout_spellings(path, files, folders)
    ]
    assert spelled == []


def test_only_the_store_package_spells_the_store_folders_file_names():
    _files, _folders, store = _layout_names()
    spelled = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "store"
        for where in _layout_spellings(path, store, set())
    ]
    assert spelled == []


def test_in_the_store_package_only_its_layout_spells_the_store_folders_names():
    # kg-store.json and sync-pending.json anywhere; oxigraph/, lock, snapshots/ and cache/
    # as a part of a path (they are common words elsewhere).
    from kg.store import layout

    files = {layout.METADATA, layout.PENDING}
    folders = {layout.DATABASE, layout.LOCK, layout.SNAPSHOTS, layout.CACHE}
    spelled = [
        where
        for path in sorted((PACKAGE / "store").rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() != STORE_FOLDER_OWNER
        for where in _layout_spellings(path, files, folders)
    ]
    assert spelled == []


def test_the_store_layout_check_finds_a_spelled_name(tmp_path, monkeypatch):
    copy = tmp_path / "kg" / "store" / "journal.py"
    copy.parent.mkdir(parents=True)
    copy.write_text('from pathlib import Path\nx = Path("s") / "lock"\ny = "kg-store.json"\n')
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "kg")
    found = _layout_spellings(copy, {"kg-store.json"}, {"lock"})
    assert [f.split(": ")[1] for f in found] == ["'lock'", "'kg-store.json'"], found


def test_the_layout_check_finds_a_spelled_name(tmp_path, monkeypatch):
    # The check itself: a module building a path from a literal layout name is caught.
    files, folders, _store = _layout_names()
    copy = tmp_path / "kg" / "authoring" / "reader.py"
    copy.parent.mkdir(parents=True)
    copy.write_text('from pathlib import Path\nx = Path("d") / "briefs"\ny = "factors.yaml"\n')
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "kg")
    found = _layout_spellings(copy, files, folders)
    assert [f.split(": ")[1] for f in found] == ["'briefs'", "'factors.yaml'"], found


def test_extract_does_not_import_linking():
    assert not [
        where for source, target, where in _imports() if (source, target) == ("extract", "linking")
    ]


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


def _collector_switches(root: Path) -> list[str]:
    """Calls that switch Python's garbage collector (``gc.disable()``, ``gc.freeze()`` ...)."""
    switches = {"disable", "enable", "freeze", "unfreeze", "set_threshold"}
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "gc"
                and node.func.attr in switches
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_library_code_never_switches_the_garbage_collector(tmp_path):
    assert _collector_switches(PACKAGE) == []
    (tmp_path / "m.py").write_text("import gc\ngc.collect()\ngc.disable()\n")
    assert _collector_switches(tmp_path) == ["m.py:3"]
