"""kg: the causal claims of policy briefs as a validated, queryable knowledge graph.

The flow, left to right: authoring files (:mod:`kg.authoring`) -> RDF dataset
(:mod:`kg.rdf`) -> validation (:mod:`kg.validation`) -> analysis
(:mod:`kg.analysis`) -> outputs (:mod:`kg.outputs`).

>>> import kg
>>> G = kg.from_edges([("costs", "relocation", "+"), ("relocation", "return", "+")])
>>> [c.sign_symbol for c in kg.causal_chains(G, "costs", "return").chains]
['+']
"""

__version__ = "0.1.0"

from kg.analysis import (  # noqa: E402
    causal_chains,
    causal_graph,
    downstream,
    feedback_loops,
    from_edges,
    graph_from_rows,
    leverage,
    load_causal_graph,
    rows_from_dataset,
    upstream,
    what_if,
)
from kg.authoring import read_corpus  # noqa: E402
from kg.authoring.scaffold import new_brief  # noqa: E402
from kg.authoring.sheets import import_sheet  # noqa: E402
from kg.errors import (  # noqa: E402
    AmbiguousFactor,
    DataNotFound,
    InvalidData,
    InvalidInput,
    KgError,
    NoCausalPath,
    OutputExists,
    QueryError,
    SameFactor,
    UnknownBrief,
    UnknownFactor,
)
from kg.linking import (  # noqa: E402
    accept_links,
    apply_links,
    attach_identifier,
    compare,
    compare_briefs,
    contradicted_claims,
    link_proposals,
    propose_links,
    review_links,
)
from kg.names import FactorName, factor_names, resolve_factor  # noqa: E402
from kg.outputs.explorer import explorer_html, render_explorer, show_explorer  # noqa: E402
from kg.outputs.exports import export  # noqa: E402
from kg.outputs.sparql import CookbookQuery, cookbook, run_query  # noqa: E402
from kg.pipeline import BuildResult, build, build_dataset, load_dataset  # noqa: E402
from kg.rdf.build import corpus_to_dataset  # noqa: E402
from kg.rdf.writers import read_dataset, serialize_dataset, write_dataset  # noqa: E402
from kg.validation import Problem, ValidationReport, validate  # noqa: E402
from kg.vocab import CK  # noqa: E402

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
    "propose_links",
    "CK",
    "AmbiguousFactor",
    "BuildResult",
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
    "leverage",
    "load_causal_graph",
    "rows_from_dataset",
    "upstream",
    "what_if",
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
    "show_explorer",
    "validate",
    "write_dataset",
]
