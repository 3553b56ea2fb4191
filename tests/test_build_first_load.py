"""A first build reads the corpus brief by brief: the same store and caches, less held at once.

Into a store that holds nothing yet, :func:`kg.build` reads one brief file
at a time and drops its records once its quads, its rows and what the
derived graph needs are made (:meth:`kg.store.Store.load`). Into a store
that holds a dataset, it reads the whole corpus first, as before. Both
must leave the same store, byte for byte where it is files: the quads, the
metadata, the rows cache, the link index of ``kg chains``, the TriG text.
"""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path

import pytest
from helpers import REPO, SHIPPED_DATA

import kg
from kg.authoring.model import BriefFile
from kg.errors import EXIT_VIOLATIONS
from kg.store import Store

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def _state(out: Path) -> dict[str, bytes | list[str]]:
    """Every file a build left (the database's own files aside), and the store's quads."""
    store = out / "store"
    files: dict[str, bytes | list[str]] = {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        # the stamp of the data files holds the time the build looked at them
        if path.is_file() and "oxigraph" not in path.parts
        and path.name != "lock" and not path.name.startswith("inputs-")
    }  # fmt: skip
    with Store.open(store, read_only=True) as opened:
        files["quads"] = sorted(str(q) for q in opened.quads())
    return files


def _edit_one_claim(data: Path) -> None:
    """Put a word before the text of the first paraphrase of the second brief."""
    brief = sorted((data / "briefs").glob("*.yaml"))[1]
    lines = brief.read_text(encoding="utf-8").split("\n")
    n = next(n for n, line in enumerate(lines) if line.lstrip().startswith("paraphrase:"))
    if lines[n].rstrip().endswith((">-", ">", "|")):  # a block: its text is on the next line
        n += 1
        lines[n] = lines[n].replace(lines[n].strip(), "Edited " + lines[n].strip(), 1)
    else:
        lines[n] = lines[n].replace('paraphrase: "', 'paraphrase: "Edited ', 1)
    brief.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("shacl", [False, True])
@pytest.mark.parametrize("name", ["shipped", "synthetic"])
def test_a_first_load_leaves_what_a_build_of_the_whole_corpus_leaves(name, shacl, tmp_path):
    data = tmp_path / "data"
    if name == "shipped":
        shutil.copytree(SHIPPED_DATA, data)
    else:
        write_corpus(data, 30, seed=11)
    first = kg.build(data, tmp_path / "first", shacl=shacl)
    first.close()
    assert first.records is None  # read brief by brief, nothing kept
    assert first.sync is not None and first.sync.added == first.counts["briefs"] + 3
    # the other store holds another dataset first, so the build reads the corpus whole
    other = write_corpus(tmp_path / "other", 3, seed=2)
    kg.build(other, tmp_path / "whole", shacl=shacl).close()
    whole = kg.build(data, tmp_path / "whole", shacl=shacl)
    whole.close()
    assert whole.records is not None and whole.sync is not None and whole.sync.replaced
    assert first.counts == whole.counts and first.report.text() == whole.report.text()
    made = _state(tmp_path / "first")
    assert any(f.startswith("store/cache/rows-") for f in made)
    assert any(f.startswith("store/cache/links") for f in made)
    assert made == _state(tmp_path / "whole")
    # and a build after one brief changed, into each store, again leaves the same
    _edit_one_claim(data)
    for out in ("first", "whole"):
        again = kg.build(data, tmp_path / out, shacl=shacl)
        again.close()
        assert again.sync is not None and again.sync.replaced >= 1
    assert _state(tmp_path / "first") == _state(tmp_path / "whole")
    assert first.corpus.briefs.keys() == whole.corpus.briefs.keys()  # read again on demand


def test_a_first_load_holds_a_brief_or_two_at_a_time(tmp_path, monkeypatch):
    import kg.pipeline as pipeline

    data = write_corpus(tmp_path / "data", 12, seed=3)
    alive: list[int] = []
    real = pipeline.brief_quads

    def counting(brief_file: BriefFile):
        # the brief files in memory when this one's quads are made
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, BriefFile)))
        return real(brief_file)

    monkeypatch.setattr(pipeline, "brief_quads", counting)
    kg.build(data, tmp_path / "out", shacl=False).close()
    assert len(alive) == 12 and max(alive) <= 2
    alive.clear()
    _edit_one_claim(data)
    # into a store that holds a dataset the whole corpus is read first
    kg.build(data, tmp_path / "out", shacl=False).close()
    assert alive == [12]


def test_an_authoring_problem_in_a_late_brief_stops_the_first_load_and_leaves_no_store(
    tmp_path, monkeypatch, invoke
):
    import kg.pipeline as pipeline

    data = write_corpus(tmp_path / "data", 8, seed=5)
    late = sorted((data / "briefs").glob("*.yaml"))[6]
    text = late.read_text(encoding="utf-8")
    late.write_text(text.replace("confidence: 0.", "confidence: 7.", 1), encoding="utf-8")
    made: list[str] = []
    real = pipeline.brief_quads
    monkeypatch.setattr(pipeline, "brief_quads", lambda b: made.append(b.brief.id) or real(b))
    out = tmp_path / "out"
    with pytest.raises(kg.InvalidData) as refused:
        kg.build(data, out, shacl=False)
    assert len(made) == 6  # the briefs before it went into the store, then no more
    (problem,) = refused.value.report.problems
    assert problem.path.endswith(late.name) and problem.field == "confidence"
    assert not out.exists()  # no database, no folder: as if refused before the store was made
    monkeypatch.undo()
    cli = invoke("build", "--data", data, "--out", out, "--no-shacl")
    assert cli.exit_code == EXIT_VIOLATIONS and "Traceback" not in cli.output
    assert f"{late.name}:" in cli.output and "confidence" in cli.output
    assert not out.exists()
    late.write_text(text, encoding="utf-8")
    again = kg.build(data, out, shacl=False)
    again.close()
    assert again.report.conforms and again.sync is not None and again.sync.added == 8 + 3
