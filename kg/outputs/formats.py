"""Names and defaults of the outputs, as plain data the command line offers without loading them."""

__all__ = ["RESULT_FORMATS", "EXPORT_FORMATS", "MAX_FACTORS"]

#: How ``kg query`` prints results: a table, or the SPARQL 1.1 CSV, TSV and JSON formats.
RESULT_FORMATS = ("table", "csv", "tsv", "json")

#: What ``kg export`` writes: format name -> file name.
EXPORT_FORMATS = {
    "trig": "kg.trig",
    "nquads": "kg.nq",
    "jsonld": "kg.jsonld",
    "graphml": "kg.graphml",
    "gexf": "kg.gexf",
    "csv": "claims.csv",
    "nanopub": "nanopubs.trig",
}

#: The most factors one explorer page draws unless told otherwise.
MAX_FACTORS = 2000
