"""Reviewing proposals one by one at a prompt (``kg link --interactive``).

:func:`review_links` asks a function for a verdict on each proposal and
applies the answers given, as :func:`kg.linking.edits.apply_links` does a
proposals file's; the terminal prompt itself is the command line's.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from kg.datafolder import writable_data_dir
from kg.linking.decisions import DECISIONS, Decision
from kg.linking.edits import LinkResult, apply_links
from kg.linking.proposals import MIN_SCORE, Proposal, propose_links, read_checked

__all__ = ["ANSWERS", "review_links"]

#: What the ``ask`` function of :func:`review_links` may answer.
ANSWERS = ("exact", "close", "reject", "skip", "quit", "end")


def review_links(
    ask: Callable[[int, int, Proposal], str],
    data_dir: str | os.PathLike | None = None,
    *,
    min_score: float = MIN_SCORE,
    limit: int | None = None,
    every_pair: bool = False,
) -> LinkResult:
    """Ask about each proposal and apply the answers to ``factors.yaml`` (``kg link --interactive``).

    Parameters
    ----------
    ask : callable
        ``ask(n, total, proposal)`` shows the ``n``-th of ``total``
        proposals and returns ``"exact"``, ``"close"``, ``"reject"``,
        ``"skip"``, ``"quit"``, or ``"end"`` when the input has ended (end
        of file, Ctrl-C); raising :class:`EOFError` or
        :class:`KeyboardInterrupt` counts as ``"end"``.
    data_dir : path, optional
        The data folder (default ``./data``); it must hold ``factors.yaml``,
        which is checked before the first question.
    min_score, limit, every_pair
        As for :func:`~kg.linking.proposals.propose_links`.

    Returns
    -------
    LinkResult
        After ``"quit"`` or ``"end"`` the decisions given so far are applied
        all the same; ``stopped`` says which ended the questions.
    """
    folder = writable_data_dir(data_dir)
    proposals = propose_links(
        read_checked(folder), min_score=min_score, limit=limit, every_pair=every_pair
    )
    decisions, asked, stopped = [], 0, ""
    for n, proposal in enumerate(proposals, start=1):
        try:
            answer = ask(n, len(proposals), proposal)
        except (EOFError, KeyboardInterrupt):
            answer = "end"
        if answer not in ANSWERS:
            raise ValueError(f"ask returned {answer!r}; expected one of {ANSWERS}")
        if answer in ("quit", "end"):
            stopped = "quit" if answer == "quit" else "end of input"
            break
        asked = n
        if answer in DECISIONS:
            decisions.append(Decision(proposal.factor.id, proposal.candidate.id, answer))
    result = apply_links(decisions, folder)
    result.asked, result.proposals, result.stopped = asked, len(proposals), stopped
    return result
