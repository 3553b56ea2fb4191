"""After `kg build --out X`, the reading commands read X's store for that data folder.

The build records the store it went to in ``DATA/.kg-store`` when it is not
the default ``dist/store``; a reading command without ``--store`` reads the
default store when it is current, else the recorded one, else builds the
data in memory and says in one line which stores it looked for.
"""

from __future__ import annotations

import pyoxigraph as ox
from helpers import SECOND_BRIEF_YAML

import kg
import kg.project
from kg.pipeline import STORE_RECORD, recorded_store
from kg.store import Store

MARKER = "SELECT ?o WHERE { ?s <urn:test:p> ?o }"


def mark(store_path) -> None:
    """Add a quad to a built store that only a command reading that store can see."""
    with Store.open(store_path) as store:
        store.oxigraph.add(
            ox.Quad(ox.NamedNode("urn:test:s"), ox.NamedNode("urn:test:p"),
                    ox.Literal("from the store"), ox.NamedNode("urn:test:g"))
        )  # fmt: skip


def test_reading_commands_use_the_store_of_build_out(invoke, write_data, tmp_path):
    data = write_data()
    built = invoke("build", "--data", data, "--out", tmp_path / "elsewhere")
    assert built.exit_code == 0, built.output
    assert recorded_store(data) == (tmp_path / "elsewhere" / "store").resolve()
    mark(tmp_path / "elsewhere" / "store")
    answer = invoke("query", MARKER, "--data", data, "--format", "csv")
    assert answer.exit_code == 0, answer.output
    assert "from the store" in answer.stdout
    assert answer.stderr == ""
    chains = invoke("chains", "input-costs", "homecoming", "--data", data)
    assert chains.exit_code == 0 and chains.stderr == "", chains.output
    project = kg.Project(data)
    assert project.dataset.path == (tmp_path / "elsewhere" / "store").resolve()


def test_a_build_into_the_default_store_drops_the_record(invoke, write_data, tmp_path):
    data = write_data()
    assert invoke("build", "--data", data, "--out", tmp_path / "x").exit_code == 0
    assert (data / STORE_RECORD).is_file()
    assert invoke("build", "--data", data).exit_code == 0
    assert not (data / STORE_RECORD).exists() and recorded_store(data) is None


def test_a_stale_store_is_named_in_one_line(invoke, write_data, tmp_path):
    data = write_data()
    assert invoke("build", "--data", data, "--out", tmp_path / "elsewhere").exit_code == 0
    mark(tmp_path / "elsewhere" / "store")
    write_data(extra={"second-brief.yaml": SECOND_BRIEF_YAML})  # the store is now stale
    answer = invoke("query", MARKER, "--data", data, "--format", "csv")
    assert answer.exit_code == 0, answer.output
    assert "from the store" not in answer.stdout
    (note,) = answer.stderr.splitlines()
    assert note.startswith("kg: note: no current store (")
    assert "dist/store does not exist" in note
    assert "elsewhere/store is older than the authoring files" in note
    assert "built 2 briefs in memory from the files instead (about 1 s)" in note


def test_a_long_build_in_memory_is_announced_even_without_any_store(write_data, monkeypatch):
    data = write_data()
    monkeypatch.setattr(kg.project, "_NOTE_FROM_S", 0)  # as if the corpus were large
    project = kg.Project(data)
    project.dataset  # noqa: B018  # built in memory
    assert project.notes == [
        "no current store (dist/store does not exist): built 1 brief in memory from the "
        "files instead (about 1 s); run `kg build` to make or update the store"
    ]


def test_an_explicit_store_is_the_only_one_read(invoke, write_data, tmp_path):
    data = write_data()
    assert invoke("build", "--data", data, "--out", tmp_path / "elsewhere").exit_code == 0
    mark(tmp_path / "elsewhere" / "store")
    answer = invoke(
        "query", MARKER, "--data", data, "--store", tmp_path / "none", "--format", "csv"
    )
    assert answer.exit_code == 0, answer.output
    assert "from the store" not in answer.stdout
