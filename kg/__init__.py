"""kg: the causal claims of policy briefs as a validated, queryable knowledge graph.

The flow, left to right: authoring files (:mod:`kg.authoring`) -> RDF dataset
(:mod:`kg.rdf`) -> validation (:mod:`kg.validation`) -> analysis
(:mod:`kg.analysis`) -> outputs (:mod:`kg.outputs`).

Every public name is importable from here (``kg.causal_chains``); each is
loaded on first use, so that ``import kg`` and ``kg --help`` stay fast.

>>> import kg
>>> G = kg.from_edges([("costs", "relocation", "+"), ("relocation", "return", "+")])
>>> [c.sign_symbol for c in kg.causal_chains(G, "costs", "return").chains]
['+']
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.3.0"

#: Where each public name is defined.
_PUBLIC = {
    "causal_chains": "kg.analysis",
    "causal_graph": "kg.analysis",
    "downstream": "kg.analysis",
    "feedback_loops": "kg.analysis",
    "from_edges": "kg.analysis",
    "graph_from_rows": "kg.analysis",
    "rows_from_dataset": "kg.analysis",
    "leverage": "kg.analysis",
    "load_causal_graph": "kg.project",
    "upstream": "kg.analysis",
    "what_if": "kg.analysis",
    "pair_weights": "kg.analysis",
    "read_corpus": "kg.authoring",
    "new_brief": "kg.authoring.scaffold",
    "init_data_dir": "kg.authoring.scaffold",
    "import_sheet": "kg.authoring.sheets",
    "AmbiguousFactor": "kg.errors",
    "DataNotFound": "kg.errors",
    "InvalidData": "kg.errors",
    "InvalidInput": "kg.errors",
    "KgError": "kg.errors",
    "NoCausalPath": "kg.errors",
    "OutputExists": "kg.errors",
    "QueryError": "kg.errors",
    "SameFactor": "kg.errors",
    "UnknownBrief": "kg.errors",
    "UnknownFactor": "kg.errors",
    "accept_links": "kg.linking",
    "apply_links": "kg.linking",
    "attach_identifier": "kg.linking",
    "compare": "kg.project",
    "compare_briefs": "kg.linking",
    "contradicted_claims": "kg.linking",
    "link_proposals": "kg.linking",
    "propose_links": "kg.linking",
    "review_links": "kg.linking",
    "FactorName": "kg.names",
    "factor_names": "kg.names",
    "resolve_factor": "kg.names",
    "explorer_html": "kg.outputs.explorer",
    "render_explorer": "kg.outputs.explorer",
    "show_explorer": "kg.project",
    "export": "kg.outputs.exports",
    "CookbookQuery": "kg.outputs.sparql",
    "cookbook": "kg.outputs.sparql",
    "run_query": "kg.outputs.sparql",
    "BuildResult": "kg.pipeline",
    "Project": "kg.project",
    "build": "kg.project",
    "build_dataset": "kg.pipeline",
    "load_dataset": "kg.project",
    "DatasetSource": "kg.store.source",
    "corpus_to_dataset": "kg.rdf.build",
    "read_dataset": "kg.rdf.writers",
    "serialize_dataset": "kg.rdf.writers",
    "serialize_quads": "kg.rdf.writers",
    "write_quads": "kg.rdf.writers",
    "write_dataset": "kg.rdf.writers",
    "Problem": "kg.validation",
    "ValidationReport": "kg.validation",
    "validate": "kg.validation",
    "CK": "kg.vocab",
}

__all__ = [
    "__version__",
    "accept_links",
    "apply_links",
    "attach_identifier",
    "compare",
    "compare_briefs",
    "contradicted_claims",
    "export",
    "import_sheet",
    "link_proposals",
    "new_brief",
    "init_data_dir",
    "propose_links",
    "CK",
    "AmbiguousFactor",
    "BuildResult",
    "Project",
    "DatasetSource",
    "CookbookQuery",
    "DataNotFound",
    "FactorName",
    "InvalidData",
    "KgError",
    "NoCausalPath",
    "OutputExists",
    "Problem",
    "QueryError",
    "UnknownBrief",
    "UnknownFactor",
    "InvalidInput",
    "SameFactor",
    "review_links",
    "ValidationReport",
    "build",
    "build_dataset",
    "causal_chains",
    "causal_graph",
    "downstream",
    "feedback_loops",
    "from_edges",
    "graph_from_rows",
    "rows_from_dataset",
    "leverage",
    "load_causal_graph",
    "upstream",
    "what_if",
    "pair_weights",
    "cookbook",
    "corpus_to_dataset",
    "explorer_html",
    "factor_names",
    "load_dataset",
    "read_corpus",
    "read_dataset",
    "render_explorer",
    "resolve_factor",
    "run_query",
    "serialize_dataset",
    "serialize_quads",
    "write_quads",
    "show_explorer",
    "validate",
    "write_dataset",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
