"""The data folder's stamp in a store: reused only while no authoring file changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.authoring.reader import input_digest
from kg.datafolder import brief_files
from kg.store import stamps


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True)
    (data / "factors.yaml").write_text("factors: []\n", encoding="utf-8")
    for name in ("a", "b"):
        (data / "briefs" / f"{name}.yaml").write_text(f"id: {name}\nclaims: []\n", "utf-8")
    return data, tmp_path / "store"


def _count_hashing(monkeypatch) -> list[Path]:
    """Record each hashing of the files by the stamps module, still hashing them."""
    calls: list[Path] = []

    def counted(data_dir):
        calls.append(Path(data_dir))
        return input_digest(data_dir)

    monkeypatch.setattr(stamps, "input_digest", counted)
    return calls


def test_an_unchanged_folder_is_not_hashed_again(folder, monkeypatch):
    data, store = folder
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # the files count as written before the hashing
    calls = _count_hashing(monkeypatch)
    first = stamps.stamped_input_digest(data, store)
    assert first == input_digest(data) and len(calls) == 1
    assert stamps.stamped_input_digest(data, store) == first and len(calls) == 1


def _same_size_edit(path: Path, text: str) -> None:
    """Replace the file's text by one of the same size and set its modification time back."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.stat().st_size == before.st_size


@pytest.mark.parametrize(
    "change",
    [
        lambda data: _same_size_edit(data / "briefs" / "a.yaml", "id: z\nclaims: []\n"),
        lambda data: (data / "briefs" / "a.yaml").write_text("id: a\nclaims: [ ]\n", "utf-8"),
        lambda data: (data / "briefs" / "c.yaml").write_text("id: c\n", "utf-8"),
        lambda data: (data / "briefs" / "b.yaml").unlink(),
        lambda data: (data / "briefs" / "b.yaml").rename(data / "briefs" / "d.yaml"),
    ],
    ids=["same size, time set back", "other size", "added", "removed", "renamed"],
)
def test_every_change_is_noticed(folder, monkeypatch, change):
    data, store = folder
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    before = stamps.stamped_input_digest(data, store)
    change(data)
    after = stamps.stamped_input_digest(data, store)
    assert after == input_digest(data) != before
    assert stamps.stamped_input_digest(data, store) == after  # and the new stamp holds


def test_a_file_changed_within_the_racy_window_is_hashed_though_its_stamp_looks_the_same(
    folder, monkeypatch
):
    """A same-size edit within the same clock tick leaves size and times alike on a coarse
    file system: then the digest decides, since the file was written too near the hashing."""
    data, store = folder
    calls = _count_hashing(monkeypatch)
    looks = stamps._stamps(data)
    monkeypatch.setattr(stamps, "_stamps", lambda _data: [list(s) for s in looks])
    before = stamps.stamped_input_digest(data, store)  # files just written: within RACY_NS
    (data / "briefs" / "a.yaml").write_text("id: z\nclaims: []\n", encoding="utf-8")
    after = stamps.stamped_input_digest(data, store)
    assert after == input_digest(data) != before and len(calls) == 2


def test_a_stamp_of_another_folder_or_version_is_not_used(folder, monkeypatch, tmp_path):
    data, store = folder
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    stamps.stamped_input_digest(data, store)
    path = stamps.stamp_file(store, data)
    path.write_text(path.read_text().replace('"version": 1', '"version": 0'), "utf-8")
    calls = _count_hashing(monkeypatch)
    assert stamps.stamped_input_digest(data, store) == input_digest(data) and len(calls) == 1
    path.write_text("{not json", "utf-8")
    assert stamps.stamped_input_digest(data, store) == input_digest(data) and len(calls) == 2


def test_the_brief_files_come_in_the_order_of_their_paths(tmp_path):
    # the stamp and the digest list the files by name; that must be the paths' own order
    (tmp_path / "briefs").mkdir()
    names = ["b.yaml", "a-b.yaml", "a.yaml", "a_b.yml", "B.yaml", "a.b.yaml", "10.yaml", "9.yml"]
    for name in names:
        (tmp_path / "briefs" / name).write_text("brief: {}\n")
    (tmp_path / "briefs" / "notes.txt").write_text("not a brief\n")
    found = brief_files(tmp_path)
    assert found == sorted(tmp_path / "briefs" / n for n in names)
    assert [p.name for p in found] != names
