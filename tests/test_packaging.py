"""The wheel carries the ontology, the shipped briefs, the cookbook and py.typed, and works on its own."""

from __future__ import annotations

import os
import subprocess
import zipfile

import pytest
from helpers import PYTHON, REPO

SHIPPED_FILES = [
    "kg/_shipped/ontology/causal.ttl",
    "kg/_shipped/ontology/shapes.ttl",
    "kg/_shipped/data/factors.yaml",
    "kg/_shipped/data/briefs/eai-bb-1360.yaml",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            PYTHON,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1
    return wheels[0]


@pytest.fixture(scope="module")
def unpacked(wheel, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    return folder


def test_wheel_carries_ontology_data_and_cookbook(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in SHIPPED_FILES if n not in names]
    assert missing == []
    cookbook = sorted(p.name for p in (REPO / "kg" / "outputs" / "cookbook").glob("*.rq"))
    assert cookbook
    assert [n for n in cookbook if f"kg/outputs/cookbook/{n}" not in names] == []


def test_shipped_copies_are_the_repository_files(wheel):
    archive = zipfile.ZipFile(wheel)
    for name in SHIPPED_FILES:
        source = REPO / name.removeprefix("kg/_shipped/")
        assert archive.read(name) == source.read_bytes(), name


def test_wheel_marks_the_package_as_typed(wheel):
    assert "kg/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_wheel_has_the_console_script(wheel):
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = archive.read(entry_points).decode()
    assert "kg = kg.cli:main" in text


# Run from the unpacked wheel alone: the checkout leaves sys.path (the editable install's
# .pth adds it back in this venv), and kg must come from the unpacked folder.
_PROBE = """
import os, runpy, sys
repo, site = sys.argv[1], sys.argv[2]
sys.path[:] = [p for p in sys.path if os.path.realpath(p or os.curdir) != repo]
import kg, kg.resources
assert kg.__file__.startswith(site), kg.__file__
assert str(kg.resources.shipped_data_dir()).startswith(site), kg.resources.shipped_data_dir()
assert str(kg.resources.ontology_dir()).startswith(site), kg.resources.ontology_dir()
sys.argv = ["kg", *sys.argv[3:]]
runpy.run_module("kg", run_name="__main__", alter_sys=True)
"""


def _env(unpacked) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=str(unpacked), PYTHONSAFEPATH="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def test_unpacked_wheel_builds_the_shipped_brief(unpacked, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            PYTHON,
            "-P",
            "-c",
            _PROBE,
            os.path.realpath(REPO),
            str(unpacked),
            "build",
            "--out",
            str(out),
        ],
        cwd=empty,
        env=_env(unpacked),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (out / "kg.trig").is_file()
    assert "eai-bb-1360" in (out / "kg.trig").read_text(encoding="utf-8")
    assert list(empty.iterdir()) == []  # nothing written where it ran


def test_python_m_kg_from_the_unpacked_wheel(unpacked, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    proc = subprocess.run(
        [PYTHON, "-P", "-m", "kg", "build", "--out", str(out)],
        cwd=empty,
        env=_env(unpacked),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (out / "kg.trig").is_file()
    assert "Validated " + str(unpacked) in proc.stdout  # the shipped data inside the wheel
