"""Hostile and careless queries for ``kg query``: the query part of the bad-input corpus.

Each case is run by ``test_corpus.py`` in a folder holding the shipped data
and its build (``"built": True``); ``{server}`` stands for a loopback HTTP
server that must receive no request. Keys: ``name``, ``files`` (relative
path -> text or bytes), ``args`` (of ``kg``), ``exit``, ``words`` (lower-case
words the message must hold), and optionally ``timeout`` (seconds).
"""

from __future__ import annotations

_CARTESIAN = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
)
_REMOTE_CONTEXT = '{"@context": "{server}/context.jsonld", "@id": "http://e.org/a", "name": "x"}'
_LISTED_CONTEXT = (
    '{"@context": [{"@vocab": "http://e.org/"}, "{server}/more.jsonld"], "@id": "http://e.org/a"}'
)
_SCOPED_CONTEXT = (
    '{"@context": {"knows": {"@id": "http://e.org/knows", "@context": "{server}/scoped.jsonld"}},'
    ' "@id": "http://e.org/a", "knows": {"@id": "http://e.org/b"}}'
)


def _query(name: str, query: str, exit_code: int, words: list[str], *more: str) -> dict:
    return {
        "name": name,
        "built": True,
        "files": {},
        "args": ["query", query, *more],
        "exit": exit_code,
        "words": words,
    }


CASES: list[dict] = [
    # Reaching the network or the disk.
    _query(
        "query-service",
        "SELECT * WHERE { SERVICE <{server}/sparql> { ?s ?p ?o } }",
        2,
        ["service", "network"],
    ),
    _query(
        "query-service-silent",
        "SELECT * WHERE { SERVICE SILENT <{server}/q> { ?s ?p ?o } }",
        2,
        ["service"],
    ),
    _query(
        "query-service-variable",
        "SELECT * WHERE { BIND (<{server}/q> AS ?e) SERVICE ?e { ?s ?p ?o } }",
        2,
        ["service", "?e"],
    ),
    _query(
        "query-service-prefixed",
        "PREFIX r: <{server}/> SELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
        2,
        ["service", "/sparql"],
    ),
    _query(
        "query-service-not-the-allowed-one",
        "SELECT * WHERE { SERVICE <{server}/other> { ?s ?p ?o } }",
        2,
        ["service", "--allow-service"],
        "--allow-service",
        "{server}/sparql",
    ),
    _query(
        "query-from-remote",
        "SELECT * FROM <{server}/data.ttl> WHERE { ?s ?p ?o }",
        2,
        ["holds no graph"],
    ),
    _query(
        "query-from-named-file",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        2,
        ["holds no graph", "file:///etc/passwd"],
    ),
    _query(
        "query-from-local-file",
        "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
        2,
        ["holds no graph"],
    ),
    # Updates.
    # SERVICE behind text a regular expression misreads: the parse decides.
    _query(
        "query-service-after-escaped-hash",
        "PREFIX ex: <http://e.org/> SELECT * WHERE { ?s ex:a\\# ?o . SERVICE <{server}/q> { } }",
        2,
        ["parse"],
    ),
    _query(
        "query-service-after-escaped-quote",
        "PREFIX ex: <http://e.org/> SELECT * WHERE { ?s ex:a\\' ?o . SERVICE <{server}/q> { } }",
        2,
        ["service", "network"],
    ),
    _query(
        "query-service-as-unicode-escape",
        "SELECT * WHERE { \\u0053ERVICE <{server}/q> { ?s ?p ?o } }",
        2,
        ["service", "network"],
    ),
    _query(
        "query-service-behind-a-comparison",
        "SELECT * WHERE { ?s ?p ?o FILTER(?s<?o)SERVICE#>\n<{server}/q> { } }",
        2,
        ["service", "network"],
    ),
    _query(
        "query-service-in-exists",
        "ASK { FILTER EXISTS { SERVICE <{server}/q> { ?s ?p ?o } } }",
        2,
        ["service"],
    ),
    _query(
        "query-service-with-base",
        "BASE <{server}/> SELECT * WHERE { SERVICE <q> { ?s ?p ?o } }",
        2,
        ["service", "/q"],
    ),
    _query(
        "query-from-escaped-prefixed-name",
        "PREFIX r: <{server}/> SELECT * FROM r:a\\#b WHERE { ?s ?p ?o }",
        2,
        ["no graph"],
    ),
    _query(
        "query-graph-foreign-iri",
        "SELECT * WHERE { GRAPH <{server}/g> { ?s ?p ?o } }",
        2,
        ["no graph"],
    ),
    _query(
        "query-nested-5000-parentheses",
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        2,
        ["nests", "5002"],
    ),
    _query(
        "query-nested-braces",
        "SELECT * " + "{" * 3000 + "}" * 3000,
        2,
        ["nests"],
    ),
    _query("query-nan-timeout", "ASK {}", 2, ["timeout", "finite"], "--timeout", "nan"),
    _query("query-infinite-timeout", "ASK {}", 2, ["timeout"], "--timeout", "inf"),
    _query("query-load", "LOAD <{server}/data.ttl>", 2, ["update", "read-only"]),
    _query(
        "query-load-into-graph",
        "LOAD SILENT <{server}/d.ttl> INTO GRAPH <http://e.org/g>",
        2,
        ["update", "read-only"],
    ),
    _query(
        "query-insert-data",
        "INSERT DATA { <http://e.org/a> <http://e.org/b> 1 }",
        2,
        ["update", "read-only"],
    ),
    _query("query-delete-where", "DELETE WHERE { ?s ?p ?o }", 2, ["update"]),
    _query("query-clear-all", "CLEAR ALL", 2, ["update"]),
    _query("query-drop-graph", "DROP GRAPH <https://w3id.org/briefkg/factors>", 2, ["update"]),
    _query("query-create-graph", "CREATE GRAPH <http://e.org/g>", 2, ["update"]),
    _query(
        "query-update-after-comment",
        "# harmless\nPREFIX e: <http://e.org/>\nCLEAR ALL",
        2,
        ["update"],
    ),
    _query(
        "query-with-modify",
        "WITH <http://e.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        2,
        ["update"],
    ),
    # Work without end, answers without end.
    _query("query-cartesian-product", _CARTESIAN, 2, ["stopped", "--timeout"], "--timeout", "2"),
    _query(
        "query-ordered-cartesian-product",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
        2,
        # The time limit or the query process's memory cap, whichever comes first: both
        # stop it in one line that says to narrow the query.
        ["stopped", "narrow"],
        "--timeout",
        "2",
    ),
    _query(
        "query-rows-past-the-cap",
        "SELECT * WHERE { ?s ?p ?o }",
        2,
        ["cut at 10 rows", "--max-rows"],
        "--max-rows",
        "10",
    ),
    _query(
        "query-triples-past-the-cap",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        2,
        ["cut at 5 rows", "--max-rows"],
        "--max-rows",
        "5",
    ),
    _query(
        "query-zero-row-cap", "SELECT * WHERE { ?s ?p ?o }", 2, ["--max-rows"], "--max-rows", "0"
    ),
    _query("query-negative-timeout", "ASK {}", 2, ["--timeout"], "--timeout", "-1"),
    # Errors that would surface only while rows are read.
    _query("query-sum-of-iris", "SELECT (SUM(?s) AS ?x) WHERE { ?s ?p ?o }", 0, []),
    _query("query-bad-regex", 'SELECT ?o WHERE { ?s ?p ?o FILTER (REGEX(STR(?o), "(")) }', 0, []),
    # Careless use of the cookbook.
    {
        **_query("query-cookbook-without-bind", "upstream-of", 2, ["?factor", "--bind factor="]),
        "args": ["query", "upstream-of"],
    },
    {
        **_query("query-cookbook-downstream-without-bind", "downstream-of", 2, ["?factor"]),
        "args": ["query", "downstream-of"],
    },
    {
        **_query("query-cookbook-bind-typo", "upstream-of", 2, ["?facto", "did you mean"]),
        "args": ["query", "upstream-of", "--bind", "facto=return migration"],
    },
    _query("query-unknown-prefix", "SELECT * WHERE { ?s nope:p ?o }", 2, ["parse"]),
    # Datasets that would fetch a context.
    {
        "name": "query-dataset-remote-context",
        "files": {"evil.jsonld": _REMOTE_CONTEXT},
        "args": ["query", "ASK { ?s ?p ?o }", "--dataset", "evil.jsonld"],
        "exit": 2,
        "words": ["@context", "/context.jsonld", "remote"],
    },
    {
        "name": "query-dataset-remote-context-in-a-list",
        "files": {"evil.jsonld": _LISTED_CONTEXT},
        "args": ["query", "ASK { ?s ?p ?o }", "--dataset", "evil.jsonld"],
        "exit": 2,
        "words": ["@context", "/more.jsonld"],
    },
    {
        "name": "query-dataset-remote-scoped-context",
        "files": {"evil.jsonld": _SCOPED_CONTEXT},
        "args": ["query", "ASK { ?s ?p ?o }", "--dataset", "evil.jsonld"],
        "exit": 2,
        "words": ["@context", "/scoped.jsonld"],
    },
    {
        "name": "query-dataset-jsonld-nested-deep",
        "files": {"deep.jsonld": "[" * 100_000 + "]" * 100_000},
        "args": ["query", "ASK { ?s ?p ?o }", "--dataset", "deep.jsonld"],
        "exit": 2,
        "words": ["deep.jsonld"],
    },
]
