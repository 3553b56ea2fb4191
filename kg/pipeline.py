"""The main job: authoring files -> validated RDF dataset in a store -> file on disk.

:func:`build` checks a data folder, brings its Oxigraph store up to date
and writes the dataset file; :func:`build_dataset` builds it in memory.

A build is incremental. Each named graph has a digest of what it is made
from (a brief's records, the factor scheme, the ontology, kg's version); the
store (:class:`kg.store.Store`) keeps the digests, so only the graphs whose
digest changed are made, checked against the SHACL shapes and written.
Into a store that holds nothing yet, the corpus is read brief by brief
(:class:`kg.authoring.reader.CorpusReader`, :meth:`kg.store.Store.load`):
each brief's records are dropped once its digest, its quads, its rows and
what the derived graph needs are made, so the whole corpus is never in
memory; a problem of the authoring checks stops the load and empties the
store again. Into a store that holds a dataset, the corpus is read whole
first, since the store must know every digest before it writes. The
SHACL checks passed are remembered per graph digest in the store folder
(``shacl-passed.json``), and the TriG text of each graph in ``cache/trig/``,
so ``kg build`` after one brief changed checks and serialises that brief
alone; a graph's TriG text is made from the quads as they go into the
store, never read back from it. The quads are made a graph at a time, as
the store takes them, and the dataset file is written a graph at a time:
neither every quad nor the whole file is ever in memory. Into a store that holds nothing yet (a first build, or
:func:`build_dataset`'s memory), each graph's quads are made once and loaded,
and the shapes run on the loaded store itself; if they refuse the data, the
store is emptied again (a new store folder's database removed). A build that changed the store also leaves the rows of the causal
graph in the store's cache (:meth:`kg.store.Store.causal_rows`), made from
the records it read (:class:`kg.store.records.RowsMaker`), so the
first ``kg chains`` after it does not read them from the store. The authoring checks, which are the same rules as the shapes (a test
holds them together), always run on every file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kg import __version__
from kg.authoring.model import BriefFile, Corpus
from kg.authoring.reader import CorpusReader, input_digest, read_corpus
from kg.datafolder import STORE_RECORD, default_data_dir
from kg.errors import InvalidData, InvalidParameter, KgError, OutputExists
from kg.io import HEADER_PREFIX, atomic_write, display_path
from kg.io.files import written_by_kg
from kg.io.tables import counted
from kg.problems import ValidationReport
from kg.rdf.build import (
    DERIVED_GRAPH,
    ONTOLOGY_GRAPH,
    SCHEME_GRAPH,
    CrossBriefRecords,
    SourceRecord,
    add_source_records,
    brief_quads,
    derived_quads,
    ontology_quads,
    scheme_quads,
    source_records,
    to_rdflib,
)
from kg.rdf.formats import FORMATS
from kg.rdf.writers import serialize_graph, serialize_quads
from kg.resources import DEFAULT_OUT, ontology_dir
from kg.store import CausalRows, GraphContent, Store, SyncResult
from kg.store import layout as store_layout
from kg.store.records import RowsMaker, causal_rows_of
from kg.store.stamps import stamped_input_digest
from kg.vocab import PREFIXES, brief_iri

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.validation.validate import QuadsSeen

__all__ = [
    "BuildResult",
    "build",
    "validate",
    "build_dataset",
    "build_digest",
    "corpus_contents",
    "MEMORY",
    "STORE_RECORD",
    "recorded_store",
]

#: The ``store`` of :func:`build` that keeps the dataset in memory only.
MEMORY = "memory"

_SHACL_PASSED = "shacl-passed.json"
_TRIG_CACHE = Path(store_layout.CACHE) / "trig"

Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    """What a build made: the store, the file written, what the dataset holds.

    ``store`` is the :class:`kg.store.Store` holding the dataset: in memory
    for :func:`build_dataset`; for :func:`build`, the store folder opened
    read-only on first use (the build released its write lock when it was
    done; :meth:`close` releases this one); ``dataset`` the same as an rdflib
    dataset, made on first use for the tools that need rdflib. ``sync`` says
    which graphs the build wrote, and ``shacl_checked`` how many graphs the
    shapes checked this time; ``corpus`` the records of the data folder.
    """

    stored: Store | Path
    report: ValidationReport
    data_dir: Path
    path: Path | None = None
    fmt: str = "trig"
    counts: dict[str, int] = field(default_factory=dict)
    sync: SyncResult | None = None
    shacl_checked: int = 0
    records: Corpus | None = field(default=None, repr=False)

    @cached_property
    def corpus(self) -> Corpus:
        """The data folder's records: those the build held, else read again on first use.

        A first build reads the corpus brief by brief and keeps no brief's
        records (``records`` is then None); this reads the files again.
        """
        if self.records is not None:
            return self.records
        return read_corpus(self.data_dir)[0]

    @cached_property
    def store(self) -> Store:
        """The store holding the dataset (a store folder is opened read-only on first use)."""
        if isinstance(self.stored, Path):
            return Store.open(self.stored, read_only=True)
        return self.stored

    def close(self) -> None:
        """Release the store, if this result opened one."""
        if "store" in self.__dict__ and isinstance(self.stored, Path):
            self.__dict__.pop("store").close()

    @cached_property
    def quads(self) -> list[Any]:
        """Every quad of the dataset (read from the store)."""
        return list(self.store.quads())

    @cached_property
    def dataset(self) -> Any:
        """The dataset as an rdflib :class:`~rdflib.Dataset` (its default graph the union)."""
        return to_rdflib(self.quads)

    def summary(self) -> str:
        """A few lines saying what the graph holds, as ``kg build`` prints them."""
        c = self.counts
        lines = []
        if self.path is not None:
            # Turtle holds the union of the graphs: its count is of distinct triples.
            unit = "triples" if self.fmt == "turtle" else "quads"
            lines.append(
                f"Wrote {display_path(self.path)} ({self.fmt}, {c.get('written', c['quads'])} {unit})"
            )
        if isinstance(self.stored, Path) and self.sync is not None:
            s = self.sync
            lines.append(
                f"Store {display_path(self.stored)}: {s.added} graphs added, "
                f"{s.replaced} replaced, {s.removed} removed, {s.unchanged} unchanged"
            )
        checked = (
            "authoring checks and SHACL shapes"
            if self.report.shacl_checked
            else ("authoring checks; SHACL shapes skipped")
        )
        warnings = len(self.report.warnings)
        also = f", with {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        lines.append(f"Validated {display_path(self.data_dir)}: conforms{also} ({checked})")
        lines += [f"  {w}" for w in sorted(self.report.warnings)]
        lines.append(
            f"{counted(c['briefs'], 'brief')}, {counted(c['claims'], 'claim')}, "
            f"{counted(c['observations'], 'observation')}, {counted(c['factors'], 'factor')}, "
            f"{counted(c['edges'], 'cause-effect pair')}"
        )
        if c["briefs"] > 20:  # a corpus: the per-brief lines would drown the rest
            return "\n".join(lines)
        for brief_id in sorted(self.corpus.briefs):
            brief_file = self.corpus.briefs[brief_id]
            signs = Counter(cl.sign for cl in brief_file.claims)
            modalities = Counter(cl.modality for cl in brief_file.claims)
            lines.append(f"  {brief_id}: {brief_file.brief.citation}")
            lines.append(
                f"    {counted(len(brief_file.claims), 'claim')} ("
                + ", ".join(f"{n} {s}" for s, n in sorted(signs.items()))
                + "; "
                + ", ".join(f"{n} {m}" for m, n in sorted(modalities.items()))
                + f"), {counted(len(brief_file.observations), 'observation')}"
            )
        return "\n".join(lines)


def build_digest(data_dir: str | os.PathLike, *, inputs: str | None = None) -> str:
    """A fingerprint of everything a build depends on: data, ontology and kg's version.

    ``inputs`` is the authoring files' digest when it is known already
    (:func:`kg.store.stamps.stamped_input_digest`).
    """
    return _build_digest(input_digest(data_dir) if inputs is None else inputs)


def _build_digest(inputs: str) -> str:
    """:func:`build_digest` from the digest of the authoring files (``Corpus.digest``)."""
    digest = hashlib.sha256(inputs.encode())
    for name in ("causal.ttl", "shapes.ttl"):
        digest.update((ontology_dir() / name).read_bytes())
    digest.update(__version__.encode())
    return digest.hexdigest()


def _header(digest: str) -> str:
    return f"{__version__} from inputs sha256:{digest}; rebuild with `kg build`, do not edit"


# ---------------------------------------------------------------- what each graph is made from


def _digest(*parts: object) -> str:
    hashed = hashlib.sha256(__version__.encode())
    for part in parts:
        hashed.update(b"\0" + (part if isinstance(part, bytes) else repr(part).encode()))
    return hashed.hexdigest()


def _brief_digest(brief_file: BriefFile) -> str:
    # The records as read, factor names resolved to ids: what the graph is made of.
    return _digest(brief_file.brief, brief_file.observations, brief_file.claims)


def corpus_contents(corpus: Corpus) -> dict[str, GraphContent]:
    """Every named graph of a corpus's dataset, with its digest and a maker of its quads.

    A brief's digest covers its records as read (factor names resolved), the
    scheme's the factors, the ontology's its file, all with kg's version;
    quads are made only when a store asks for them.
    """
    derived = derived_quads(corpus)
    contents = _fixed_contents(corpus)
    if derived.quads:
        contents[DERIVED_GRAPH] = GraphContent(DERIVED_GRAPH, derived.digest, lambda: derived.quads)
    for brief_id in sorted(corpus.briefs):
        brief_file = corpus.briefs[brief_id]
        iri = str(brief_iri(brief_id))
        contents[iri] = GraphContent(iri, _brief_digest(brief_file), _quads_of(brief_file))
    return contents


def _fixed_contents(corpus: Corpus) -> dict[str, GraphContent]:
    """The graphs of the factor scheme and of the ontology (no brief's records needed)."""
    return {
        SCHEME_GRAPH: GraphContent(
            SCHEME_GRAPH,
            _digest(corpus.scheme_title, corpus.scheme_language, list(corpus.factors.values())),
            lambda: scheme_quads(corpus).quads,
        ),
        ONTOLOGY_GRAPH: GraphContent(
            ONTOLOGY_GRAPH,
            _digest((ontology_dir() / "causal.ttl").read_bytes()),
            lambda: ontology_quads().quads,
        ),
    }


def _quads_of(brief_file: BriefFile) -> Callable[[], tuple[Any, ...]]:
    return lambda: brief_quads(brief_file).quads


def _counts(corpus: Corpus) -> dict[str, int]:
    claims = corpus.claims
    return {
        "briefs": len(corpus.briefs),
        "claims": len(claims),
        "observations": len(corpus.observations),
        "factors": len(corpus.factors),
        "edges": len({(cl.cause, cl.effect) for cl in claims}),
    }


def _read_checked(data_dir: Path) -> tuple[Corpus, ValidationReport]:
    """The corpus, after the authoring checks; raises when they fail."""
    corpus, problems = read_corpus(data_dir)
    return corpus, _checked(corpus, problems)


def _checked(corpus: Corpus, problems: list[Any]) -> ValidationReport:
    """The report of the authoring checks on ``corpus``; raises when they fail."""
    files = [display_path(corpus.factors_path)] + [
        display_path(b.path) for b in corpus.briefs.values()
    ]
    report = ValidationReport(problems=sorted(problems), files=sorted(set(files)))
    if not report.conforms:
        raise InvalidData(report)
    return report


# ---------------------------------------------------------------- SHACL, graph by graph


def _shacl_changed(
    corpus: Corpus,
    contents: dict[str, GraphContent],
    passed: dict[str, str],
    progress: Progress | None,
) -> tuple[list[Any], int]:
    """Check the graphs whose digest has not passed the shapes yet; the problems and the count.

    The quads go to the SHACL engine (pyshacl-turbo) in pyoxigraph stores,
    never through rdflib: the factor scheme with the ontology in one run, the
    briefs' graphs that changed in batches (:func:`graphs_shacl_problems`).
    """
    from kg.validation.validate import graphs_shacl_problems, scheme_shacl_problems

    todo = [iri for iri, c in contents.items() if passed.get(iri) != c.digest]
    if not todo:
        return [], 0
    records = source_records(corpus)
    # The makers of corpus_contents give quads in their graph, never bare triples.
    scheme = cast("list[ox.Quad]", list(contents[SCHEME_GRAPH].quads()))
    ontology = cast("list[ox.Quad]", list(contents[ONTOLOGY_GRAPH].quads()))
    problems: list[Any] = []
    if SCHEME_GRAPH in todo or ONTOLOGY_GRAPH in todo:
        problems += scheme_shacl_problems([*scheme, *ontology], records)
    briefs = {str(brief_iri(b)) for b in corpus.briefs}
    checked = [iri for iri in todo if iri in briefs]

    def graphs() -> Iterator[Any]:
        for n, iri in enumerate(checked, start=1):
            yield contents[iri].quads()
            if progress is not None:
                progress("SHACL", n, len(checked))

    problems += graphs_shacl_problems(graphs(), scheme, ontology, records)
    return problems, len(todo)


def _shacl_loaded(
    records: Callable[[], dict[str, SourceRecord]],
    report: ValidationReport,
    progress: Progress | None,
    seen: QuadsSeen | None = None,
) -> Callable[[ox.Store], None]:
    """A check for :meth:`Store.sync`: the shapes on the whole loaded store, into ``report``.

    The quads are made once, for the store; the shapes read them as they go
    to it when ``seen`` collects them (:class:`kg.validation.QuadsSeen`),
    else from the store (:func:`kg.validation.validate.shacl_problems`), and
    find what the graph-by-graph checks of :func:`_shacl_changed` find. Raises
    :class:`InvalidData` when the data does not conform, and the sync then
    leaves the store empty.
    """

    def check(data: ox.Store) -> None:
        from kg.validation.validate import shacl_problems

        if progress is not None:
            progress("SHACL", 0, 1)
        found = records()
        problems = seen.problems(found) if seen is not None else shacl_problems(data, found)
        report.problems = sorted([*report.problems, *problems])
        report.shacl_checked = True
        if progress is not None:
            progress("SHACL", 1, 1)
        if not report.conforms:
            raise InvalidData(report)

    return check


def _shown_to(seen: QuadsSeen, content: GraphContent) -> GraphContent:
    """``content`` whose quads, when made, the shapes' collector sees on their way."""

    def quads() -> Iterator[Any]:
        return seen.seen(content.quads())

    return replace(content, quads=quads)


def _read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- the dataset file


def _trig_cache_name(iri: str, digest: str) -> str:
    return hashlib.sha256(f"{iri}\0{digest}".encode()).hexdigest() + ".trig"


def _caching_trig(contents: dict[str, GraphContent], cache: Path) -> dict[str, GraphContent]:
    """``contents`` whose makers also leave each graph's TriG text in ``cache`` as they make it.

    A graph written into the store has its text made from the very quads the
    store is given, so :func:`_write_trig` need not read them back from the
    store (which costs more than making them). A graph whose text is cached
    already (the SHACL check made its quads first) is not serialised again.
    """

    cache.mkdir(parents=True, exist_ok=True)
    return {iri: _caching(c, cache) for iri, c in contents.items()}


def _caching(content: GraphContent, cache: Path) -> GraphContent:
    """``content`` whose maker leaves the graph's TriG text in ``cache`` (:func:`_caching_trig`)."""

    def quads() -> list[Any]:
        made = list(content.quads())
        cached = cache / _trig_cache_name(content.iri, content.digest)
        if not cached.exists():
            # the makers of corpus_contents give quads in their graph, never bare triples
            _write_cached(cached, serialize_graph(content.iri, cast("list[ox.Quad]", made), "trig"))
        return made

    return GraphContent(content.iri, content.digest, quads)


def _write_trig(store: Store, contents: dict[str, GraphContent], path: Path, header: str,
                force: bool) -> None:  # fmt: skip
    """Write the store's dataset as TriG, graph by graph from a cache of each graph's text.

    The text of a graph depends only on its quads, so it is kept per graph
    digest and made again only for the graphs that changed (a build leaves
    the text of each graph it writes, :func:`_caching_trig`); the file is the
    prefixes, then each graph's text in IRI order, as :func:`serialize_quads`
    would write it, written piece by piece (never the whole text in memory).
    """
    cache = store.path / _TRIG_CACHE if store.path is not None else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    kept = {_trig_cache_name(iri, c.digest) for iri, c in contents.items()}

    def pieces() -> Iterator[bytes]:
        yield f"{HEADER_PREFIX} {header}\n".encode() + prefixes.encode()
        for iri in sorted(contents):
            cached = cache / _trig_cache_name(iri, contents[iri].digest) if cache else None
            body = _read_cached(cached) if cached is not None else None
            if body is None:
                body = serialize_graph(iri, store.quads(iri), "trig")
                if cached is not None:
                    _write_cached(cached, body)
            yield body

    atomic_write(path, pieces(), force=force)
    if cache is not None:
        for old in cache.glob("*.trig"):
            if old.name not in kept:
                old.unlink(missing_ok=True)


def _write_nquads(store: Store, path: Path, header: str, force: bool) -> int:
    """Write the store's dataset as N-Quads graph by graph, as :func:`serialize_quads` orders it.

    Only one graph's quads are in memory at a time; returns the number written.
    """
    written = 0

    def pieces() -> Iterator[bytes]:
        nonlocal written
        yield f"{HEADER_PREFIX} {header}\n".encode()
        for iri in sorted(store.named_graphs(), key=lambda g: f"<{g}>"):
            quads = list(store.quads(iri))
            written += len(quads)
            yield serialize_graph(iri, quads, "nquads")

    atomic_write(path, pieces(), force=force)
    return written


_CACHE_MARK = b"# kg cache sha256:"


def _drop_trig_cache(store: Path) -> None:
    """Remove the TriG cache of a store folder (and its cache folder, if that is left empty)."""
    shutil.rmtree(store / _TRIG_CACHE, ignore_errors=True)
    with contextlib.suppress(OSError):
        (store / store_layout.CACHE).rmdir()


def _remove_new_folders(folders: list[Path]) -> None:
    """Remove the store folder and output folder a refused build made, if they hold no store.

    A first load reads the data as it fills the store, so the folders exist
    by the time a problem is found; a refused build leaves nothing behind.
    """
    for folder in folders:
        if store_layout.is_store(folder):
            continue
        (folder / store_layout.LOCK).unlink(missing_ok=True)
        _drop_trig_cache(folder)
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: nothing else is removed


def _write_cached(path: Path, body: bytes) -> None:
    # no fsync per graph: the digest line lets the next build tell a torn file
    check = hashlib.sha256(body).hexdigest().encode()
    atomic_write(path, _CACHE_MARK + check + b"\n" + body, force=True, durable=False)


def _read_cached(path: Path) -> bytes | None:
    """A graph's cached TriG text, or ``None`` when it is missing or does not match its digest.

    Cache files are written without an ``fsync`` each (thousands of them on
    a corpus); after a power cut one may be empty or torn, and is then made
    again from the store, whose own writes are durable.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    if head != _CACHE_MARK + hashlib.sha256(body).hexdigest().encode():
        return None
    return body


# ---------------------------------------------------------------- which store a data folder has


def _record_store(data_dir: Path, store: Path) -> None:
    """Note in ``data_dir`` the store a build went to, unless it is the default ``dist/store``.

    The reading commands look there after the default store
    (:func:`recorded_store`); a folder kg cannot write to keeps no record.
    """
    record = data_dir / STORE_RECORD
    default = Path(DEFAULT_OUT) / "store"
    try:
        if store.resolve() == default.resolve():
            record.unlink(missing_ok=True)
            return
        text = f"{store.resolve()}\n".encode()
        if not record.is_file() or record.read_bytes() != text:
            atomic_write(record, text, force=True, durable=False)
    except (OSError, KgError):
        pass  # only a hint for the reading commands


def recorded_store(data_dir: str | os.PathLike) -> Path | None:
    """The store the last ``kg build`` of ``data_dir`` went to, when it was not ``dist/store``.

    ``kg build --out X`` (or ``--store S``) writes the store's path into
    ``DATA/.kg-store``; a build into the default store removes it.

    >>> recorded_store("no-such-folder") is None
    True
    """
    try:
        text = (Path(data_dir) / STORE_RECORD).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


# ---------------------------------------------------------------- the two entry points


def validate(
    data_dir: str | os.PathLike | None = None,
    *,
    store: str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> ValidationReport:
    """Validate a data folder, checking with SHACL only the briefs not yet checked.

    The authoring checks read every file. The factor scheme is always checked
    against the shapes (so that its warnings, such as factors awaiting
    review, are always reported); a brief's graph only when the store folder
    ``store`` has no record of it passing the shapes at its current digest
    (``kg build`` keeps that record). Without a store every brief is checked,
    as :func:`kg.validate` does.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    corpus, problems = read_corpus(data_dir)
    files = [display_path(corpus.factors_path)] + [
        display_path(b.path) for b in corpus.briefs.values()
    ]
    report = ValidationReport(problems=sorted(problems), files=sorted(set(files)))
    if not report.conforms:
        return report
    contents = corpus_contents(corpus)
    passed = _read_json(Path(store) / _SHACL_PASSED) if store is not None else {}
    for always in (SCHEME_GRAPH, ONTOLOGY_GRAPH):
        passed.pop(always, None)
    if any(passed.get(iri) == c.digest for iri, c in contents.items()):
        found, report.shacl_graphs = _shacl_changed(corpus, contents, passed, progress)
        report.problems = sorted([*report.problems, *found])
        report.shacl_checked = True
        return report
    # Nothing checked yet: every graph's quads made once, the shapes run on them in batches.
    from kg.validation.validate import shacl_problems

    if progress is not None:
        progress("SHACL", 0, 1)
    quads = [q for content in contents.values() for q in content.quads()]
    report.problems = sorted([*report.problems, *shacl_problems(quads, source_records(corpus))])
    report.shacl_checked = True
    if progress is not None:
        progress("SHACL", 1, 1)
    report.shacl_graphs = len(contents)
    return report


def build_dataset(data_dir: str | os.PathLike | None = None, *, shacl: bool = True) -> BuildResult:
    """Check ``data_dir`` and build its dataset in an in-memory store.

    Raises
    ------
    InvalidData
        The data does not validate; ``error.report`` lists the problems.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    corpus, report = _read_checked(data_dir)
    contents = corpus_contents(corpus)
    store = Store.open(None)
    check = _shacl_loaded(lambda: source_records(corpus), report, None) if shacl else None
    sync = store.sync(contents, dataset_digest=corpus.digest, check=check)
    counts = _counts(corpus)
    counts["quads"] = store.quad_count()
    return BuildResult(store, report, data_dir, counts=counts, sync=sync, records=corpus)


def build(
    data_dir: str | os.PathLike | None = None,
    out_dir: str | os.PathLike = DEFAULT_OUT,
    fmt: str = "trig",
    *,
    store: str | os.PathLike | None = None,
    shacl: bool = True,
    force: bool = False,
    progress: Progress | None = None,
    keep: Callable[[Store, CausalRows], None] | None = None,
) -> BuildResult:
    """Validate the authoring files, update the store and write ``out_dir/kg.<ext>``.

    Parameters
    ----------
    data_dir : path, optional
        Folder of authoring files; default ``data/`` here, else the shipped briefs.
    out_dir : path
        Folder to write to (created if needed); default ``dist``.
    fmt : {"trig", "turtle", "nquads", "json-ld"}
    store : path or "memory", optional
        The store folder; default ``out_dir/store``; :data:`MEMORY` for none.
    shacl : bool
        Check the graphs that changed against the SHACL shapes (default). The
        authoring checks run either way.
    force : bool
        Replace an existing output file even if kg did not write it.
    progress : callable, optional
        Called as ``progress(stage, done, total)`` while graphs are checked and written.
    keep : callable, optional
        Called as ``keep(store, rows)`` when the build changed a store on disk, with the
        rows of the causal graph it cached there: for a layer above to cache what it
        derives from them (:func:`kg.build` keeps the link index of ``kg chains``,
        :func:`kg.analysis.linkindex.keep_link_index`).

    Returns
    -------
    BuildResult

    Raises
    ------
    InvalidData
        Nothing is written, store or file, when the data does not validate.
    StoreLocked
        Another process is using the store.
    """
    if fmt not in FORMATS:
        raise InvalidParameter(f"unknown format {fmt!r}", f"use one of: {', '.join(FORMATS)}")
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    out_dir = Path(out_dir)
    path = out_dir / ("kg" + FORMATS[fmt][0])
    reader = CorpusReader(data_dir)
    if path.exists() and not force and not written_by_kg(path):
        raise OutputExists(path)  # before the store is touched
    in_memory = store is not None and str(store) == MEMORY
    folder = None if in_memory else Path(store or out_dir / "store")
    # the folders this build makes, removed again if it refuses the data
    new_folders = [f for f in (folder, out_dir) if f is not None and not f.exists()]
    opened = Store.open(folder)
    refused = False
    try:
        cache = opened.path / _TRIG_CACHE if fmt == "trig" and opened.path is not None else None
        if opened.is_empty():
            made = _first_load(reader, opened, shacl=shacl, cache=cache, progress=progress)
        else:
            made = _update(reader, opened, shacl=shacl, cache=cache, progress=progress)
        sync, report, contents = made.sync, made.report, made.contents
        if opened.path is not None and (sync.added or sync.replaced or sync.removed):
            # cached in the store, so the next reading command starts fast; made from
            # the records as they were read, not queried back from the store
            rows = made.rows()
            opened.keep_causal_rows(rows)
            if keep is not None:
                keep(opened, rows)
            del rows
        if opened.path is not None:  # the files' stamp, so that it need not hash them either
            stamped_input_digest(data_dir, opened.path)
        passed_path = opened.path / _SHACL_PASSED if opened.path is not None else None
        if passed_path is not None:
            now = {
                iri: c.digest
                for iri, c in contents.items()
                if shacl or made.passed.get(iri) == c.digest
            }
            atomic_write(passed_path, (json.dumps(now, indent=1, sort_keys=True) + "\n").encode(),
                         force=True)  # fmt: skip
        header = _header(made.digest)
        counts = made.counts
        counts["quads"] = opened.quad_count()
        if fmt == "trig":
            _write_trig(opened, contents, path, header, force)
            counts["written"] = counts["quads"]
        elif fmt == "nquads":
            counts["written"] = _write_nquads(opened, path, header, force)
        else:
            quads = list(opened.quads())
            atomic_write(path, serialize_quads(quads, fmt, header), force=force)
            # what the file holds: Turtle has no graphs, so one triple per distinct triple
            counts["written"] = len({q.triple for q in quads}) if fmt == "turtle" else len(quads)
        if opened.path is not None:
            _record_store(data_dir, opened.path)
    except BaseException as exc:
        if opened.path is not None and not store_layout.is_store(opened.path):
            _drop_trig_cache(opened.path)  # a first build that failed leaves no store behind
        refused = isinstance(exc, InvalidData)
        raise
    finally:
        if opened.path is not None:
            opened.close()  # the write lock goes; readers may come
        if refused:  # as if the data had been refused before the store was opened
            _remove_new_folders(new_folders)
    stored: Store | Path = opened if opened.path is None else opened.path
    return BuildResult(
        stored, report, data_dir, path, fmt, counts, sync=sync, shacl_checked=made.checked,
        records=made.corpus,
    )  # fmt: skip


@dataclass
class _Made:
    """What the store's update made, for the rest of :func:`build`.

    ``contents`` has every graph's digest (its quads are not made again),
    ``rows`` makes the rows of the causal graph from the records read,
    ``corpus`` is the records when they were held whole, ``passed`` the
    record of the SHACL checks passed before, ``checked`` how many graphs
    the shapes checked.
    """

    sync: SyncResult
    report: ValidationReport
    contents: dict[str, GraphContent]
    digest: str
    counts: dict[str, int]
    rows: Callable[[], CausalRows]
    corpus: Corpus | None = None
    passed: dict[str, str] = field(default_factory=dict)
    checked: int = 0


def _update(
    reader: CorpusReader, opened: Store, *, shacl: bool, cache: Path | None,
    progress: Progress | None,
) -> _Made:  # fmt: skip
    """Bring a store that holds a dataset up to date: only the graphs that changed are written.

    The whole corpus is read first (the sync must know every graph's digest
    before it writes), then the shapes check the graphs not checked yet.
    """
    corpus = reader.corpus({b.brief.id: b for b in reader.briefs()})
    report = _checked(corpus, reader.problems)
    contents = corpus_contents(corpus)
    if cache is not None:
        contents = _caching_trig(contents, cache)
    passed = _read_json(opened.path / _SHACL_PASSED) if opened.path is not None else {}
    checked = 0
    if shacl:
        problems, checked = _shacl_changed(corpus, contents, passed, progress)
        report.problems = sorted([*report.problems, *problems])
        report.shacl_checked = True
        if not report.conforms:
            raise InvalidData(report)
    digest = _build_digest(corpus.digest)  # the files were read once, by the reader
    sync = opened.sync(contents, dataset_digest=digest, progress=_storing(progress))
    return _Made(
        sync, report, contents, digest, _counts(corpus), lambda: causal_rows_of(corpus),
        corpus=corpus, passed=passed, checked=checked,
    )  # fmt: skip


def _first_load(
    reader: CorpusReader, opened: Store, *, shacl: bool, cache: Path | None,
    progress: Progress | None,
) -> _Made:  # fmt: skip
    """Fill a store that holds nothing yet, reading the corpus brief by brief.

    Each brief's records are read, digested, turned into quads for the
    store and into what the rows of the causal graph and the derived graph
    need, then dropped: the whole corpus is never in memory. A problem of
    the authoring checks stops the quads (the files are still all read, so
    that every problem is listed), and the load's check then refuses, which
    empties the store again, as the shapes do when the data does not conform.
    """
    from kg.validation.validate import QuadsSeen

    scheme = Corpus(
        reader.data_dir, reader.factors_path, reader.factors, {}, reader.title, reader.language
    )
    seen = QuadsSeen() if shacl else None
    records = source_records(scheme) if shacl else None  # the briefs' are added as they come
    rows = RowsMaker(reader.factors.values()) if opened.path is not None else None
    cross = CrossBriefRecords()
    counts = Counter(briefs=0, claims=0, observations=0)
    files = [display_path(reader.factors_path)]
    report = ValidationReport(problems=[], files=[])

    def shown(content: GraphContent) -> GraphContent:
        if cache is not None:
            content = _caching(content, cache)
        return _shown_to(seen, content) if seen is not None else content

    def graphs() -> Iterator[GraphContent]:
        for content in _fixed_contents(scheme).values():
            yield shown(content)
        for brief_file in reader.briefs():
            files.append(display_path(brief_file.path))
            counts.update(
                briefs=1, claims=len(brief_file.claims), observations=len(brief_file.observations)
            )
            if rows is not None:
                rows.add(brief_file)
            cross.add(brief_file)
            if records is not None:
                add_source_records(records, brief_file)
            if not reader.problems:  # past a problem, the files are only checked
                iri = str(brief_iri(brief_file.brief.id))
                yield shown(GraphContent(iri, _brief_digest(brief_file), _quads_of(brief_file)))
        if not reader.problems:
            derived = cross.derived_quads(reader.factors.values())
            if derived.quads:
                yield shown(GraphContent(DERIVED_GRAPH, derived.digest, lambda: derived.quads))

    def check(data: ox.Store) -> None:
        report.problems = sorted(reader.problems)
        report.files = sorted(set(files))
        if not report.conforms:
            raise InvalidData(report)
        if seen is not None and records is not None:
            _shacl_loaded(lambda: records, report, progress, seen)(data)

    sync = opened.load(
        graphs(), dataset_digest=lambda: _build_digest(reader.digest), check=check,
        progress=_storing(progress), total=len(reader.paths) + 3,
    )  # fmt: skip
    contents = {
        iri: GraphContent(iri, digest, _not_made) for iri, digest in opened.digests().items()
    }
    counts.update(factors=len(reader.factors), edges=cross.pairs())
    return _Made(
        sync, report, contents, _build_digest(reader.digest), dict(counts),
        rows.rows if rows is not None else _no_rows, checked=len(contents) if shacl else 0,
    )  # fmt: skip


def _not_made() -> list[Any]:
    raise ValueError("the quads of a graph already loaded are not made again")


def _no_rows() -> CausalRows:
    raise ValueError("the rows are made for a store on disk only")


def _storing(progress: Progress | None) -> Callable[[int, int], None]:
    def written(done: int, total: int) -> None:
        if progress is not None:
            progress("store", done, total)

    return written
