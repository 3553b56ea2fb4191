"""The RDF formats kg writes a dataset in: name -> (file extension, has a comment header).

Plain data, so that the command line can offer them without loading an RDF library.
"""

__all__ = ["FORMATS"]

FORMATS: dict[str, tuple[str, bool]] = {
    "trig": (".trig", True),
    "turtle": (".ttl", True),
    "nquads": (".nq", True),
    "json-ld": (".jsonld", False),
}
