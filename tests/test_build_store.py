"""kg build into the Oxigraph store: incremental, safe against kills and a second build, and
giving the same answers as the in-memory dataset."""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import PYTHON, REPO, make_linked_data, subprocess_env, with_example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.outputs.sparql import cookbook, format_result, run_query
from kg.store import Store

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402


def _quads(store: Store) -> set[str]:
    return {str(q) for q in store.quads()}


def _build(data: Path, out: Path, **options):
    result = kg.build(data, out, **options)
    result.close()
    return result


# ---------------------------------------------------------------- incremental builds


@pytest.mark.slow
def test_a_rebuild_writes_only_what_changed(tmp_path):
    data = write_corpus(tmp_path / "data", 6, seed=1)
    first = _build(data, tmp_path / "out")
    assert first.sync.replaced == 0
    assert first.sync.added == 9  # 6 briefs, the scheme, the ontology, the derived links
    assert first.shacl_checked == first.sync.added
    same = _build(data, tmp_path / "out")
    assert (same.sync.added, same.sync.replaced, same.sync.removed) == (0, 0, 0)
    assert same.shacl_checked == 0
    brief = sorted((data / "briefs").glob("*.yaml"))[2]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace('paraphrase: "', 'paraphrase: "Indeed, ', 1), encoding="utf-8")
    one = _build(data, tmp_path / "out")
    assert (one.sync.added, one.sync.replaced, one.sync.removed) == (0, 1, 0)
    assert one.shacl_checked == 1


#: A shape kg's authoring checks do not hold: a claim's confidence at most 0.6.
_STRICTER = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ck: <https://w3id.org/briefkg/ontology#> .
<urn:test:cautious> a sh:NodeShape ; sh:targetClass ck:CausalClaim ;
    sh:property [ sh:path ck:confidence ; sh:name "confidence" ; sh:maxInclusive 0.6 ] .
"""


def _stricter_shapes(monkeypatch):
    import importlib

    from rdflib import Graph

    validation = importlib.import_module("kg.validation.validate")  # the package exports validate()
    shapes = Graph().parse(REPO / "ontology" / "shapes.ttl").parse(data=_STRICTER, format="turtle")
    monkeypatch.setattr(validation, "load_shapes", lambda path=None: shapes)


def test_a_first_build_makes_each_graph_once_and_checks_the_loaded_store(tmp_path, monkeypatch):
    import kg.pipeline as pipeline

    data = write_corpus(tmp_path / "data", 5, seed=3)
    made: list[str] = []
    real = pipeline.brief_quads
    monkeypatch.setattr(pipeline, "brief_quads", lambda b: made.append(b.brief.id) or real(b))
    first = _build(data, tmp_path / "out")
    assert sorted(made) == sorted(b.stem for b in (data / "briefs").glob("*.yaml"))
    assert first.report.shacl_checked and first.shacl_checked == first.sync.added == 8


def test_a_first_build_the_shapes_refuse_leaves_no_store_and_names_file_and_line(
    tmp_path, monkeypatch
):
    data = write_corpus(tmp_path / "data", 3, seed=4)
    out = tmp_path / "out"
    _stricter_shapes(monkeypatch)
    with pytest.raises(kg.InvalidData) as refused:
        kg.build(data, out)
    violations = [p for p in refused.value.report.problems if p.severity == "violation"]
    assert violations and {p.origin for p in violations} == {"shacl"}
    for problem in violations:
        lines = Path(problem.path).read_text(encoding="utf-8").splitlines()
        assert problem.field == "confidence" and "confidence:" in lines[problem.line - 1]
    assert not (out / "store" / "oxigraph").exists() and not (out / "kg.trig").exists()
    monkeypatch.undo()
    again = _build(data, out)  # the folder left behind takes a first build as new
    assert again.report.conforms and again.sync.added == 6


def test_an_in_memory_build_the_shapes_refuse_raises_with_the_same_problems(tmp_path, monkeypatch):
    data = write_corpus(tmp_path / "data", 3, seed=4)
    _stricter_shapes(monkeypatch)
    with pytest.raises(kg.InvalidData) as in_memory:
        kg.build_dataset(data)
    with pytest.raises(kg.InvalidData) as on_disk:
        kg.build(data, tmp_path / "out")
    assert in_memory.value.report.problems == on_disk.value.report.problems
    assert kg.validate(data).problems == on_disk.value.report.problems


_EDITS = st.lists(
    st.tuples(st.sampled_from(["edit", "delete", "add"]), st.integers(0, 7)), min_size=1, max_size=5
)


@pytest.mark.slow
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=_EDITS)
def test_incremental_build_equals_a_cold_build_after_any_edits(tmp_path_factory, edits):
    root = tmp_path_factory.mktemp("edits")
    pool = write_corpus(root / "pool", 8, seed=2)  # briefs to add back from
    data = root / "data"
    shutil.copytree(pool, data)
    for path in sorted((data / "briefs").glob("*.yaml"))[5:]:
        path.unlink()
    _build(data, root / "out", shacl=False)
    for action, n in edits:
        briefs = sorted((data / "briefs").glob("*.yaml"))
        if action == "edit" and briefs:
            path = briefs[n % len(briefs)]
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace('paraphrase: "', f'paraphrase: "Edit {n}, ', 1), "utf-8")
        elif action == "delete" and len(briefs) > 1:
            briefs[n % len(briefs)].unlink()
        elif action == "add":
            source = sorted((pool / "briefs").glob("*.yaml"))[n]
            shutil.copy(source, data / "briefs" / source.name)
        _build(data, root / "out", shacl=False)
    cold = _build(data, root / "cold", shacl=False)
    with Store.open(root / "out" / "store", read_only=True) as incremental:
        with Store.open(root / "cold" / "store", read_only=True) as fresh:
            assert _quads(incremental) == _quads(fresh)
    assert (root / "out" / "kg.trig").read_bytes() == cold.path.read_bytes()


def test_the_trig_from_cached_graph_texts_equals_one_serialisation(tmp_path):
    import pyoxigraph as ox

    from kg.rdf.writers import serialize_quads

    data = make_linked_data(tmp_path / "data")
    result = kg.build(data, tmp_path / "out")
    whole = serialize_quads(result.store.quads(), "trig")
    written = result.path.read_bytes()
    stored = _quads(result.store)
    result.close()

    def body(text: bytes) -> list[bytes]:
        return [ln for ln in text.splitlines() if not ln.startswith((b"@prefix", b"#"))]

    assert body(written) == body(whole)
    # Its prefixes are declared once, at the top, and it reads back as the store's quads.
    parsed = ox.parse(written, format=ox.RdfFormat.TRIG)
    assert {str(q) for q in parsed} == stored


# ---------------------------------------------------------------- kills and a second build


def _spawn_build(data: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "-m", "kg", "build", "--data", str(data), "--out", str(out)],
        env=subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_build_at_once_is_refused_and_the_store_stays_whole(tmp_path):
    data = write_corpus(tmp_path / "data", 60, seed=3)
    out = tmp_path / "out"
    holder = Store.open(out / "store")  # another process's build, as far as kg can tell
    try:
        second = subprocess.run(
            [PYTHON, "-m", "kg", "build", "--data", str(data), "--out", str(out)],
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.close()
    assert second.returncode == 2
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "store" in lines[0]
    assert "Traceback" not in second.stderr
    # Two real builds started together: one wins, the other is refused; the store is whole.
    one, two = _spawn_build(data, out), _spawn_build(data, out)
    codes = sorted(p.wait(timeout=300) for p in (one, two))
    assert codes[0] == 0 and codes[1] in (0, 2)
    cold = _build(data, tmp_path / "cold", shacl=False)
    with Store.open(out / "store", read_only=True) as store:
        assert store.is_current(kg.pipeline.build_digest(data))
        with Store.open(tmp_path / "cold" / "store", read_only=True) as fresh:
            assert _quads(store) == _quads(fresh)
    assert (out / "kg.trig").read_bytes() == cold.path.read_bytes()


@pytest.mark.slow
def test_a_build_killed_midway_leaves_the_store_and_the_file_usable(tmp_path):
    data = write_corpus(tmp_path / "data", 120, seed=4)
    out = tmp_path / "out"
    _build(data, out, shacl=False)
    before = (out / "kg.trig").read_bytes()
    for path in sorted((data / "briefs").glob("*.yaml"))[::2]:  # change half of the briefs
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('paraphrase: "', 'paraphrase: "Later, ', 1), "utf-8")
    proc = subprocess.Popen(
        [PYTHON, "-m", "kg", "build", "--data", str(data), "--out", str(out), "--no-shacl"],
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it once it is writing the store (the journal of pending graphs appears).
    deadline = time.monotonic() + 120
    while not (out / "store" / "sync-pending.json").exists() and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert (out / "kg.trig").read_bytes() == before or proc.returncode == 0
    # The store still opens and answers; a query says it is stale rather than read it.
    stale = subprocess.run(
        [PYTHON, "-m", "kg", "query", "factors", "--data", str(data),
         "--store", str(out / "store"), "--format", "csv"],
        env=subprocess_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert stale.returncode == 0, stale.stderr
    if proc.returncode != 0:
        assert "is older than the authoring files" in stale.stderr
    # The next build repairs everything: the same as a cold build.
    _build(data, out, shacl=False)
    cold = _build(data, tmp_path / "cold", shacl=False)
    with Store.open(out / "store", read_only=True) as store:
        with Store.open(tmp_path / "cold" / "store", read_only=True) as fresh:
            assert _quads(store) == _quads(fresh)
    assert (out / "kg.trig").read_bytes() == cold.path.read_bytes()


# ---------------------------------------------------------------- the same answers


@pytest.fixture(scope="module", params=["shipped", "corpus"])
def both(request, tmp_path_factory):
    """The same dataset twice: built into a store on disk, and in memory."""
    root = tmp_path_factory.mktemp(request.param)
    if request.param == "shipped":  # with the example brief, so that briefs share factors
        data = with_example(root / "data")
    else:
        data = write_corpus(root / "data", 30, seed=5)
    built = kg.build(data, root / "out")
    memory = kg.build_dataset(data)
    yield data, built.store, memory.store
    built.close()


def _bindings(query, G):
    values = {"factor": "return migration" if "return migration" in _labels(G) else _busiest(G),
              "brief": sorted({d["brief"] for _, _, d in G.edges(data=True)})[0],
              "modality": "hedged"}  # fmt: skip
    return {name: values[kind] for name, kind in query.params.items()}


def _unordered(row: str) -> str:
    """A CSV row with each GROUP_CONCAT list sorted: SPARQL leaves their order open."""
    import csv

    cells = next(csv.reader([row]))
    return "|".join(
        "; ".join(sorted(c.split("; "))) if "; " in c else ", ".join(sorted(c.split(", ")))
        for c in cells
    )


def _labels(G):
    return {d["label"].casefold() for _, d in G.nodes(data=True)}


def _busiest(G):
    return max(sorted(G), key=G.degree)


@pytest.mark.parametrize("name", [q.name for q in cookbook()])
def test_every_cookbook_query_answers_the_same_from_the_store(both, name):
    _data, store, memory = both
    query = next(q for q in cookbook() if q.name == name)
    bindings = _bindings(query, kg.causal_graph(memory))
    answers = [
        sorted(
            _unordered(row)
            for row in format_result(
                run_query(s, query.text, bindings, query.params), "csv"
            ).splitlines()
        )
        for s in (store, memory)
    ]
    assert answers[0] == answers[1]
    assert len(answers[0]) > 1 or name == "evidence-for-claims"


def test_every_analysis_answers_the_same_from_the_store(both):
    _data, store, memory = both
    graphs = [kg.causal_graph(s) for s in (store, memory)]
    G = graphs[0]
    assert sorted(G.nodes(data=True)) == sorted(graphs[1].nodes(data=True))
    assert sorted(G.edges(keys=True, data=True)) == sorted(graphs[1].edges(keys=True, data=True))
    factor = _busiest(G)
    target = sorted(kg.downstream(G, factor).as_dict(G)["factors"], key=lambda r: r["factor"])
    for analysis in (
        lambda H: kg.upstream(H, factor).as_dict(H),
        lambda H: kg.downstream(H, factor).as_dict(H),
        lambda H: kg.feedback_loops(H, max_length=6).as_dict(H),
        lambda H: kg.leverage(H, top=10).as_dict(H),
        lambda H: kg.what_if(H, {factor: "+"}).as_dict(H),
        lambda H: kg.causal_chains(H, factor, target[-1]["factor"]).as_dict(H) if target else {},
    ):
        assert analysis(graphs[0]) == analysis(graphs[1])


# ---------------------------------------------------------------- progress


def _on_a_terminal(args: list[str]) -> tuple[int, bytes]:
    """Run ``kg ARGS`` with a terminal as standard error; its exit code and what it drew."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [PYTHON, "-m", "kg", *args],
        env=subprocess_env(COLUMNS="100", TERM="xterm"),
        stdin=follower, stdout=subprocess.DEVNULL, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    drawn = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(leader)
    return proc.returncode, drawn


@pytest.mark.slow
def test_long_commands_draw_progress_on_a_terminal_and_are_quiet_elsewhere(tmp_path):
    data = write_corpus(tmp_path / "data", 6, seed=6)  # the bars draw however short the run
    for args, stage in (
        (["build", "--data", str(data), "--out", str(tmp_path / "b")], b"SHACL"),
        (["validate", "--data", str(data)], b"SHACL"),
        (["link", "propose", "--data", str(data), "--all", "--min-score", "99"], b"names"),
    ):
        code, drawn = _on_a_terminal(args)
        assert code in (0, 1), drawn[-500:]
        assert stage in drawn and b"/" in drawn, args  # a bar with its done/total count
        quiet = subprocess.run(
            [PYTHON, "-m", "kg", *args], env=subprocess_env(), capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert quiet.returncode == code and quiet.stderr == "", args


def test_validate_checks_with_shacl_only_the_briefs_not_yet_checked(tmp_path, invoke):
    data = write_corpus(tmp_path / "data", 6, seed=7)
    out = tmp_path / "out"
    unbuilt = kg.Project(data, out_dir=out).validate()
    assert unbuilt.conforms and unbuilt.shacl_graphs == 9  # 6 briefs, scheme, ontology, derived
    _build(data, out)
    built = kg.Project(data, out_dir=out).validate()
    assert built.conforms and built.shacl_graphs == 2  # the scheme and the ontology, always
    brief = sorted((data / "briefs").glob("*.yaml"))[0]
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace('paraphrase: "', 'paraphrase: "Again, ', 1), encoding="utf-8")
    edited = kg.Project(data, out_dir=out).validate()
    assert edited.conforms and edited.shacl_graphs == 3
    assert edited.text() == kg.validate(data).text()  # the same report as a full check
    cli = invoke("validate", "--data", data)
    assert cli.exit_code == 0 and "Conforms" in cli.stdout


# ---------------------------------------------------------------- a build on a full disk


def test_a_first_build_on_a_full_disk_leaves_no_store_and_the_next_one_builds(
    tmp_path, monkeypatch
):
    import errno

    import kg.store.journal as journal_module
    from kg.errors import WriteFailed
    from kg.project import Project

    data = write_corpus(tmp_path / "data", 3, seed=2)
    real_stream = journal_module._graph_stream

    def full_disk(*args, **kwargs):  # the disk fills while the database is being loaded
        for n, quad in enumerate(real_stream(*args, **kwargs)):
            if n == 50:
                raise OSError(errno.ENOSPC, "IO error: No space left on device")
            yield quad

    monkeypatch.setattr(journal_module, "_graph_stream", full_disk)
    with pytest.raises(WriteFailed, match="no space left on device"):
        kg.build(data, tmp_path / "out")
    store = tmp_path / "out" / "store"
    assert sorted(p.name for p in store.iterdir()) == ["lock"]  # no database, no pending list
    assert not (tmp_path / "out" / "kg.trig").exists()
    monkeypatch.undo()
    # the next command reads the files, with no store to read; the next build makes it whole
    project = Project(data, store=store)
    assert project.dataset.quad_count() > 0 and project.notes == []
    again = _build(data, tmp_path / "out")
    assert again.sync.added == 6 and (store / "kg-store.json").is_file()


def test_a_database_that_cannot_be_opened_is_begun_afresh_when_no_build_completed(tmp_path):
    from kg.errors import UnreadableFile

    data = write_corpus(tmp_path / "data", 2, seed=3)
    database = tmp_path / "out" / "store" / "oxigraph"
    database.mkdir(parents=True)
    (database / "CURRENT").write_text("not a manifest\n")  # what a killed first build can leave
    assert _build(data, tmp_path / "out").sync.added == 5
    # once a build completed, a broken database is not thrown away: one line says what to do
    shutil.rmtree(database)
    database.mkdir()
    (database / "CURRENT").write_text("not a manifest\n")
    with pytest.raises(UnreadableFile, match="remove the folder"):
        Store.open(tmp_path / "out" / "store")
    with pytest.raises(UnreadableFile, match="remove the folder"):
        Store.open(tmp_path / "out" / "store", read_only=True)
