"""The one converter between pyoxigraph's RDF terms and rdflib's, term by term and quad by quad.

kg stores and queries with pyoxigraph; SHACL (pySHACL) and some users'
notebooks take rdflib. Every crossing between the two goes through here.
Whole datasets cross as N-Quads, which both libraries write and read by their
public API, so no term is rebuilt by hand on that path; single terms (a
binding given as an rdflib term, a cell handed to rdflib) are mapped one to
one. The module sits in the lowest layer so that both the builder
(:mod:`kg.rdf`) and the stores (:mod:`kg.store`) can use it.

>>> from rdflib import Literal, URIRef
>>> to_oxigraph(Literal("Return migration", lang="en"))
<Literal value=Return migration language=en>
>>> to_rdflib(to_oxigraph(URIRef("https://w3id.org/briefkg/factor/x")))
rdflib.term.URIRef('https://w3id.org/briefkg/factor/x')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

__all__ = ["Term", "to_oxigraph", "to_rdflib", "rdflib_dataset", "oxigraph_quads"]

#: A pyoxigraph term.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(value: Any) -> Term:
    """A pyoxigraph term from a pyoxigraph term (as it is) or an rdflib one.

    >>> from rdflib import BNode, Literal, XSD
    >>> to_oxigraph(Literal("3", datatype=XSD.integer))
    <Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> to_oxigraph(BNode("b1"))
    <BlankNode value=b1>
    >>> to_oxigraph("text")
    Traceback (most recent call last):
    ...
    TypeError: not an RDF term: 'text'
    """
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
        return value
    from rdflib import BNode, Literal, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype is not None:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    raise TypeError(f"not an RDF term: {value!r}")


def to_rdflib(term: Any) -> Any:
    """An rdflib term from a pyoxigraph one (an rdflib term is returned as it is).

    A literal typed ``xsd:string`` becomes rdflib's plain literal, the same
    term in RDF 1.1.

    >>> import pyoxigraph as ox
    >>> to_rdflib(ox.Literal("x")), to_rdflib(ox.Literal("x", language="zh"))
    (rdflib.term.Literal('x'), rdflib.term.Literal('x', lang='zh'))
    """
    from rdflib import BNode, Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(term, Identifier):
        return term
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not a term rdflib holds: {term!r}")


def rdflib_dataset(quads: Iterable[ox.Quad]) -> Any:
    """An rdflib :class:`~rdflib.Dataset` holding ``quads``, kg's prefixes bound.

    Its default graph is the union of its named graphs (``default_union``),
    as in every dataset kg hands out.

    >>> import pyoxigraph as ox
    >>> s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    >>> g = ox.NamedNode("https://example.org/g")
    >>> len(rdflib_dataset([ox.Quad(s, p, ox.Literal("o"), g)]))
    1
    """
    from rdflib import Dataset

    from kg.vocab import bind_prefixes

    dataset = Dataset(default_union=True)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if data:
        dataset.parse(data=data.decode("utf-8"), format="nquads")
    bind_prefixes(dataset)
    return dataset


def oxigraph_quads(dataset: Any) -> list[ox.Quad]:
    """The quads of an rdflib dataset as pyoxigraph quads.

    Blank nodes keep the labels rdflib gives them on this call; for labels
    that are the same on every run, see :func:`kg.rdf.writers.canonical_quads`.

    >>> import pyoxigraph as ox
    >>> quads = [ox.Quad(ox.NamedNode("https://e/s"), ox.NamedNode("https://e/p"),
    ...                  ox.Literal("o", language="en"), ox.NamedNode("https://e/g"))]
    >>> oxigraph_quads(rdflib_dataset(quads)) == quads
    True
    """
    data = dataset.serialize(format="nquads", encoding="utf-8")
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
