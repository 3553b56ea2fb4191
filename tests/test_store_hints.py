"""The store's hints name parameters as data: Python reads the parameter, the CLI its flag."""

from __future__ import annotations

import pytest

from kg.cli import cli_message
from kg.errors import DataNotFound, QueryRefused, QueryTooLarge
from kg.store.querycheck import check_size, judge_query
from kg.store.snapshots import ensure_snapshot


def test_a_long_query_is_told_to_bind_values():
    with pytest.raises(QueryTooLarge) as caught:
        check_size("SELECT * { ?s ?p ?o }", max_length=5)
    assert "bind values with bindings rather" in str(caught.value)
    assert "bind values with --bind rather" in cli_message(caught.value)


def test_a_service_not_allowed_names_the_allowing_parameter():
    with pytest.raises(QueryRefused) as caught:
        judge_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", held_graphs=())
    assert str(caught.value).endswith("allow that endpoint with allow_service=URL")
    assert cli_message(caught.value).endswith("allow that endpoint with --allow-service URL")


def test_serving_a_folder_without_a_store_names_the_store_flag(tmp_path):
    with pytest.raises(DataNotFound) as caught:
        ensure_snapshot(tmp_path)
    assert "give store=PATH" in str(caught.value)
    assert cli_message(caught.value).endswith("run `kg build` first, or give --store PATH")
    assert list(tmp_path.iterdir()) == []  # nothing made in a folder that is not a store
