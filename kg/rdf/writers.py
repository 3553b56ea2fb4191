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
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import DataNotFound, KgError
from kg.io.files import HEADER_PREFIX, JSONLD_HEADER_KEY, atomic_write
from kg.vocab import bind_prefixes

__all__ = [
    "FORMATS",
    "HEADER_PREFIX",
    "serialize_dataset",
    "write_dataset",
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
