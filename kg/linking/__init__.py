"""Linking briefs: alignment of factors across briefs, and comparison of what briefs claim.

Alignment proposes factors that probably mean the same thing and records
the analyst's verdicts in ``factors.yaml``, one step a module:
:mod:`~kg.linking.proposals` finds and scores the pairs (the score itself is
:mod:`kg.authoring.similarity`), :mod:`~kg.linking.proposal_file` writes
them for review, :mod:`~kg.linking.decisions` reads the verdicts back,
:mod:`~kg.linking.edits` writes them into ``factors.yaml`` and
:mod:`~kg.linking.review` asks for them one by one.
:mod:`~kg.linking.compare` finds shared factors, agreement, contradiction and
the chains that only appear when briefs are read together.
"""

from kg.linking.compare import (
    Comparison,
    compare_briefs,
    contradicted_claims,
)
from kg.linking.decisions import Decision, read_decisions
from kg.linking.edits import LinkResult, accept_links, apply_links, attach_identifier
from kg.linking.proposal_file import link_proposals, write_proposals
from kg.linking.proposals import Proposal, propose_links
from kg.linking.review import review_links

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
