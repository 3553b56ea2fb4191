"""Linking briefs: alignment of factors across briefs, and comparison of what briefs claim.

:mod:`~kg.linking.align` proposes factors that probably mean the same thing
and records the analyst's verdicts in ``factors.yaml``;
:mod:`~kg.linking.compare` finds shared factors, agreement, contradiction and
the chains that only appear when briefs are read together.
"""

from kg.linking.align import (
    Decision,
    LinkResult,
    Proposal,
    accept_links,
    apply_links,
    attach_identifier,
    link_proposals,
    propose_links,
    read_decisions,
    review_links,
    write_proposals,
)
from kg.linking.compare import (
    Comparison,
    compare_briefs,
    contradicted_claims,
)

__all__ = [
    "Comparison",
    "Decision",
    "LinkResult",
    "Proposal",
    "accept_links",
    "apply_links",
    "attach_identifier",
    "compare_briefs",
    "contradicted_claims",
    "link_proposals",
    "propose_links",
    "read_decisions",
    "review_links",
    "write_proposals",
]
