"""Write and read built datasets: TriG, Turtle, N-Quads and JSON-LD.

Every writer gives byte-identical output for the same dataset (graphs,
subjects and lines in a fixed order) and writes atomically: the bytes go to a
temporary file beside the target, which is renamed over it only once complete.
A file that kg did not write is never replaced unless ``force`` is set.
:func:`atomic_write_all` writes a set of files all or nothing.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import DataNotFound, KgError, OutputExists
from kg.vocab import bind_prefixes

__all__ = [
    "FORMATS",
    "HEADER_PREFIX",
    "serialize_dataset",
    "write_dataset",
    "atomic_write",
    "atomic_write_all",
    "Output",
    "read_dataset",
    "read_header",
]

#: Output formats: name -> (file extension, rdflib format, has comment header).
FORMATS: dict[str, tuple[str, str, bool]] = {
    "trig": (".trig", "trig", True),
    "turtle": (".ttl", "turtle", True),
    "nquads": (".nq", "nquads", True),
    "json-ld": (".jsonld", "json-ld", False),
}

#: First characters of the comment line that opens every text file kg writes.
HEADER_PREFIX = "# Built by kg"
#: The key that carries the same header in JSON-LD files.
JSONLD_HEADER_KEY = "_kg_build"


class _SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG writer with the named graphs in IRI order."""

    def __init__(self, store):
        super().__init__(store)
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def serialize_dataset(dataset: Dataset, fmt: str = "trig", header: str | None = None) -> bytes:
    """The dataset in ``fmt`` as bytes, in a fixed order.

    Parameters
    ----------
    dataset : rdflib.Dataset
    fmt : {"trig", "turtle", "nquads", "json-ld"}
        Turtle has no named graphs: it writes the union of all graphs.
    header : str, optional
        A comment written as the first line (not for JSON-LD).
    """
    if fmt not in FORMATS:
        raise KgError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    bind_prefixes(dataset)
    if fmt == "trig":
        stream = io.BytesIO()
        _SortedTrigSerializer(dataset).serialize(stream, encoding="utf-8")
        body = stream.getvalue()
    elif fmt == "nquads":
        lines = dataset.serialize(format="nquads", encoding="utf-8").splitlines()
        body = b"".join(line + b"\n" for line in sorted(set(lines)) if line.strip())
    elif fmt == "turtle":
        merged = Graph()
        bind_prefixes(merged)
        for triple in dataset.triples((None, None, None)):
            merged.add(triple)
        body = merged.serialize(format="turtle", encoding="utf-8")
    else:
        graphs = _sorted_jsonld(json.loads(dataset.serialize(format="json-ld", encoding="utf-8")))
        # JSON has no comments: the header goes in a key that is not a JSON-LD
        # term, which JSON-LD processors ignore, so it adds no triple.
        document = {JSONLD_HEADER_KEY: f"{HEADER_PREFIX[2:]} {header}"} if header else {}
        document["@graph"] = graphs
        body = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    if header and FORMATS[fmt][2]:
        body = f"{HEADER_PREFIX} {header}\n".encode() + body
    return body


def _sorted_jsonld(node):
    if isinstance(node, list):
        items = [_sorted_jsonld(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    if isinstance(node, dict):
        return {key: _sorted_jsonld(node[key]) for key in sorted(node)}
    return node


def _written_by_kg(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            start = handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return False
    jsonld_start = f'{{\n  "{JSONLD_HEADER_KEY}": "{HEADER_PREFIX[2:]}'
    return start.startswith((HEADER_PREFIX, jsonld_start))


def _refuse_existing(
    path: Path,
    force: bool,
    ours: Callable[[Path], bool],
    refusal: Callable[[Path], KgError] | None,
) -> None:
    """Raise unless ``path`` may be written: a folder never, a file kg did not write only with ``force``."""
    if path.is_dir():
        raise KgError(f"{path} is a folder; give a file name")
    if path.exists() and not force and not ours(path):
        raise refusal(path) if refusal is not None else OutputExists(path)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path``; return its name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise KgError(f"cannot write to {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _file_mode(path))
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise KgError(f"cannot write {path}: {exc.strerror}") from None
        raise
    return tmp_name


def atomic_write(
    path: str | os.PathLike,
    data: bytes,
    *,
    force: bool = False,
    ours: Callable[[Path], bool] = _written_by_kg,
    refusal: Callable[[Path], KgError] | None = None,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    An existing file is replaced only when ``ours(path)`` says kg wrote it,
    or when ``force`` is set; otherwise the error that ``refusal(path)``
    returns (default :class:`~kg.errors.OutputExists`) is raised and nothing
    is written. A failure leaves no partial file.
    """
    path = Path(path)
    _refuse_existing(path, force, ours, refusal)
    tmp_name = _stage(path, data)
    try:
        os.replace(tmp_name, path)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise KgError(f"cannot write {path}: {exc.strerror}") from None
        raise
    return path


@dataclass(frozen=True)
class Output:
    """One file for :func:`atomic_write_all`: where, what, and how to tell that kg wrote it."""

    path: Path
    data: bytes
    ours: Callable[[Path], bool] = _written_by_kg
    refusal: Callable[[Path], KgError] | None = None


def atomic_write_all(outputs: Iterable[Output], *, force: bool = False) -> list[Path]:
    """Write several files all or nothing.

    Every target is checked first (as :func:`atomic_write` checks one), so
    that a file kg may not replace stops the whole set before any file is
    written; then every file is written to a temporary file, and only when
    all are complete are they renamed into place.
    """
    outputs = [Output(Path(o.path), o.data, o.ours, o.refusal) for o in outputs]
    for output in outputs:
        _refuse_existing(output.path, force, output.ours, output.refusal)
    staged: list[tuple[str, Path]] = []
    try:
        for output in outputs:
            staged.append((_stage(output.path, output.data), output.path))
        while staged:
            tmp_name, path = staged[0]
            try:
                os.replace(tmp_name, path)
            except OSError as exc:
                raise KgError(f"cannot write {path}: {exc.strerror}") from None
            staged.pop(0)
    finally:
        for tmp_name, _path in staged:
            Path(tmp_name).unlink(missing_ok=True)
    return [o.path for o in outputs]


def _file_mode(path: Path) -> int:
    """The mode the written file gets: the replaced file's, else what the umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_dataset(
    dataset: Dataset,
    path: str | os.PathLike,
    fmt: str = "trig",
    *,
    header: str | None = None,
    force: bool = False,
) -> Path:
    """Serialise ``dataset`` and write it atomically to ``path``."""
    return atomic_write(path, serialize_dataset(dataset, fmt, header), force=force)


def read_header(path: str | os.PathLike) -> str | None:
    """The text after :data:`HEADER_PREFIX` on a built file's first line, if any."""
    try:
        with Path(path).open("r", encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return None
    if not first.startswith(HEADER_PREFIX):
        return None
    return first[len(HEADER_PREFIX) :].strip()


def read_dataset(path: str | os.PathLike) -> Dataset:
    """Parse a built dataset (TriG, N-Quads, Turtle or JSON-LD, by extension)."""
    path = Path(path)
    formats = {ext: rdf_format for ext, rdf_format, _ in FORMATS.values()}
    rdf_format = formats.get(path.suffix)
    if rdf_format is None:
        raise KgError(f"{path}: unknown extension; use one of {', '.join(formats)}")
    if not path.is_file():
        raise DataNotFound(f"{path} does not exist; run `kg build` first")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=rdf_format)
    except Exception as exc:  # rdflib's parsers raise many kinds of error
        raise KgError(f"{path} could not be parsed as {rdf_format}: {exc}") from None
    bind_prefixes(dataset)
    return dataset
