"""Write and read built datasets: TriG, Turtle, N-Quads and JSON-LD.

Every writer gives byte-identical output for the same dataset (graphs,
subjects and lines in a fixed order; blank nodes labelled by
:func:`canonical_quads` where a reader labelled them afresh) and writes atomically: the bytes go to a
temporary file beside the target, which is renamed over it only once complete.
A file that kg did not write is never replaced unless ``force`` is set.
:func:`atomic_write_all` writes a set of files all or nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import DataNotFound, InvalidParameter, UnreadableFile
from kg.io.files import HEADER_PREFIX, JSONLD_HEADER_KEY, atomic_write
from kg.io.terms import oxigraph_quads
from kg.rdf.formats import FORMATS
from kg.vocab import PREFIXES, bind_prefixes

__all__ = [
    "FORMATS",
    "HEADER_PREFIX",
    "serialize_quads",
    "serialize_graph",
    "serialize_dataset",
    "canonical_quads",
    "rdflib_quads",
    "write_quads",
    "write_dataset",
    "read_dataset",
    "read_header",
]


_OX_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "json-ld": ox.RdfFormat.JSON_LD,
}


def _quad_order(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def serialize_quads(
    quads: Iterable[ox.Quad], fmt: str = "trig", header: str | None = None
) -> bytes:
    """Serialise quads in a fixed order: graph, subject, predicate, object.

    Parameters
    ----------
    quads : iterable of pyoxigraph.Quad
    fmt : {"trig", "turtle", "nquads", "json-ld"}
        Turtle has no named graphs: it writes the union of all graphs.
    header : str, optional
        A comment written as the first line (for JSON-LD, a key that adds no triple).

    >>> import pyoxigraph as ox
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/briefkg/factor/a"),
    ...             ox.NamedNode("https://w3id.org/briefkg/ontology#causes"),
    ...             ox.NamedNode("https://w3id.org/briefkg/factor/b"),
    ...             ox.NamedNode("https://w3id.org/briefkg/brief/x"))
    >>> serialize_quads([q], "trig").decode().splitlines()[-2].strip()
    'factor:a ck:causes factor:b .'
    """
    if fmt not in FORMATS:
        raise InvalidParameter(f"unknown format {fmt!r}", f"use one of: {', '.join(FORMATS)}")
    ordered = sorted(set(quads), key=_quad_order)
    if fmt == "turtle":
        triples = sorted({q.triple for q in ordered}, key=lambda t: _quad_order(ox.Quad(*t)))
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    elif fmt == "json-ld":
        graphs = json.loads(ox.serialize(ordered, format=ox.RdfFormat.JSON_LD) or b"[]")
        # JSON has no comments: the header goes in a key that is not a JSON-LD
        # term, which JSON-LD processors drop, so it adds no triple.
        document = {JSONLD_HEADER_KEY: f"{HEADER_PREFIX[2:]} {header}"} if header else {}
        document["@graph"] = graphs
        body = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    else:
        body = ox.serialize(ordered, format=_OX_FORMATS[fmt], prefixes=PREFIXES)
    assert body is not None  # ox.serialize returns the bytes when given no output
    if header and FORMATS[fmt][1]:
        body = f"{HEADER_PREFIX} {header}\n".encode() + body
    return body


def serialize_graph(iri: str, quads: Iterable[ox.Quad], fmt: str = "trig") -> bytes:
    """One named graph's quads as :func:`serialize_quads` writes them, without its prefix lines.

    A dataset's TriG or N-Quads text is its graphs' texts in the order of
    their IRIs as N-Triples terms (``<iri>``), after the header and the
    prefixes, so a file can be written graph by graph, each graph's text made
    once and kept. Every quad must be in graph ``iri``. An empty graph is
    ``<iri> {}`` in TriG and nothing in N-Quads.

    >>> import pyoxigraph as ox
    >>> g = "https://w3id.org/briefkg/brief/x"
    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/briefkg/factor/a"),
    ...             ox.NamedNode("https://w3id.org/briefkg/ontology#causes"),
    ...             ox.NamedNode("https://w3id.org/briefkg/factor/b"), ox.NamedNode(g))
    >>> [line.strip() for line in serialize_graph(g, [q]).decode().splitlines()]
    ['brief:x {', 'factor:a ck:causes factor:b .', '}']
    >>> serialize_graph(g, [], "trig")
    b'<https://w3id.org/briefkg/brief/x> {\\n}\\n'
    """
    if fmt not in ("trig", "nquads"):
        raise InvalidParameter(f"no graph-by-graph writing of {fmt!r}", "use trig or nquads")
    # Within one graph the N-Quads line of a quad sorts as (subject, predicate,
    # object) does: each term ends before a space, which sorts below any
    # character that may follow where one term is the start of another.
    ordered = sorted(set(quads), key=str)
    if fmt == "nquads":
        return ox.serialize(ordered, format=ox.RdfFormat.N_QUADS) or b""
    if not ordered:
        return f"<{iri}> {{\n}}\n".encode()
    text = ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    start = 0  # the prefix lines come first; a graph's text never begins a line with "@"
    while text.startswith(b"@prefix", start):
        start = text.index(b"\n", start) + 1
    return text[start:]


def canonical_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """``quads`` with their blank nodes labelled by RDF Dataset Canonicalization (RDFC-1.0).

    A parser (rdflib, or pyoxigraph reading a file) labels blank nodes afresh
    each time; canonical labels depend only on the dataset, so that every file
    written from it is the same each time, whatever file it was read from.
    The quads of one call share one labelling: call it on the whole dataset,
    not graph by graph, or two graphs' blank nodes could get the same label.

    >>> import pyoxigraph as ox
    >>> q = ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"),
    ...             ox.BlankNode())
    >>> canonical_quads([q])[0].object
    <BlankNode value=c14n0>
    """
    plain: list[ox.Quad] = []
    blank: list[ox.Quad] = []
    for quad in quads:
        terms = (quad.subject, quad.object, quad.graph_name)
        (blank if any(isinstance(t, ox.BlankNode) for t in terms) else plain).append(quad)
    if not blank:
        return plain
    # RDFC-1.0 labels a blank node from the quads that mention blank nodes
    # only, so only those are canonicalised: the rest of a large dataset is
    # passed through as it is.
    labelled = ox.Dataset(blank)
    labelled.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return plain + list(labelled)


def rdflib_quads(dataset: Dataset) -> list[ox.Quad]:
    """The quads of an rdflib dataset as pyoxigraph terms, blank nodes canonically labelled.

    rdflib labels blank nodes afresh on every parse; :func:`canonical_quads`
    makes the quads, and every file written from them, the same each time.
    The crossing is :func:`kg.io.terms.oxigraph_quads`, the one converter
    between the two libraries.
    """
    return canonical_quads(oxigraph_quads(dataset))


def serialize_dataset(dataset: Dataset, fmt: str = "trig", header: str | None = None) -> bytes:
    """Serialise an rdflib dataset as :func:`serialize_quads` does."""
    return serialize_quads(rdflib_quads(dataset), fmt, header)


def write_quads(
    quads: Iterable[ox.Quad],
    path: str | os.PathLike,
    fmt: str = "trig",
    *,
    header: str | None = None,
    force: bool = False,
) -> Path:
    """Serialise ``quads`` and write them atomically to ``path``."""
    return atomic_write(path, serialize_quads(quads, fmt, header), force=force)


def write_dataset(
    dataset: Dataset,
    path: str | os.PathLike,
    fmt: str = "trig",
    *,
    header: str | None = None,
    force: bool = False,
) -> Path:
    """Serialise an rdflib ``dataset`` and write it atomically to ``path``."""
    return write_quads(rdflib_quads(dataset), path, fmt, header=header, force=force)


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


def refuse_remote_contexts(path: str | os.PathLike) -> None:
    """Refuse a JSON-LD file whose ``@context`` (or ``@import``) names a document elsewhere.

    A JSON-LD processor would fetch such a context over the network (rdflib's
    does); kg reads only the file it was given. Every ``@context`` in the
    file counts, scoped ones in term definitions included.

    Raises
    ------
    UnreadableFile
        The file is not JSON, or names a remote context (the IRI is in the message).
    """
    path = Path(path)
    try:
        document = json.loads(path.read_bytes())
    except RecursionError:
        raise UnreadableFile(
            f"{path} is nested too deep to be read", "give a file that kg build or kg export wrote"
        ) from None
    except ValueError as exc:
        raise UnreadableFile(
            f"{path} is not JSON ({' '.join(str(exc).split())[:200]})",
            "give a file that kg build or kg export wrote",
        ) from None
    pending = [document]
    while pending:  # a stack, not recursion: a file nested deep cannot overflow it
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                named = value if isinstance(value, list) else [value]
                if key in ("@context", "@import"):
                    remote = next((v for v in named if isinstance(v, str)), None)
                    if remote is not None:
                        raise UnreadableFile(
                            f"{path}: its {key} <{remote}> is a remote document, "
                            "which kg does not fetch",
                            "put the context in the file itself (kg export does)",
                        )
                pending.extend(named)


def read_dataset(path: str | os.PathLike) -> Dataset:
    """Parse a built dataset (TriG, N-Quads, Turtle or JSON-LD, by extension).

    A JSON-LD file with a remote ``@context`` is refused, never fetched
    (:func:`refuse_remote_contexts`).
    """
    path = Path(path)
    formats = {ext: name for name, (ext, _) in FORMATS.items()}
    rdf_format = formats.get(path.suffix)
    if rdf_format is None:
        raise UnreadableFile(f"{path}: unknown extension", f"use one of {', '.join(formats)}")
    if not path.is_file():
        raise DataNotFound(f"{path} does not exist; run `kg build` first")
    if rdf_format == "json-ld":
        refuse_remote_contexts(path)
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=rdf_format)
    except Exception as exc:  # rdflib's parsers raise many kinds of error
        raise UnreadableFile(f"{path} could not be parsed as {rdf_format}: {exc}") from None
    bind_prefixes(dataset)
    return dataset
