"""What ``kg serve`` shows besides the store: the cookbook, as tabs of the query page.

>>> any(name == "upstream-of" for name, _title, _text in cookbook_entries())
True
"""

from __future__ import annotations

__all__ = ["cookbook_entries"]


def cookbook_entries() -> list[tuple[str, str, str]]:
    """The cookbook as ``(name, title, query text)``, for the query page's tabs."""
    from kg.outputs.sparql import cookbook

    return [(query.name, query.title, query.text) for query in cookbook()]
