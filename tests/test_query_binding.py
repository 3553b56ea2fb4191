"""A value given with ``--bind`` gives the rows of the same query with the value written in it.

kg writes a bound value into the query's ``VALUES`` placeholder
(:func:`kg.outputs.sparql.values_in_place`), where the portable cookbook
tells other engines to write it, so that the engine plans the query with the
value in place. For every cookbook query that takes a value, on the shipped
data and on a synthetic corpus, the rows are the same as those of the query
with the value written in its text by hand, and as those of pyoxigraph's
``substitutions=`` (the way kg bound values before).
"""

from __future__ import annotations

import re
import sys

import pyoxigraph as ox
import pytest
from helpers import REPO, SHIPPED_DATA

import kg
from kg.outputs.sparql import cookbook, run_query, values_in_place
from kg.store.querytext import take_placeholders
from kg.vocab import PREFIXES, brief_iri, factor_iri

sys.path.insert(0, str(REPO / "bench"))
import corpus as bench_corpus  # noqa: E402

CK = "https://w3id.org/briefkg/ontology#"
BOUND = [q for q in cookbook() if q.params]


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def built(request, tmp_path_factory):
    """A corpus built into memory, and the values to bind: by name, and as terms."""
    data = SHIPPED_DATA
    if request.param == "synthetic":
        data = bench_corpus.write_corpus(tmp_path_factory.mktemp("corpus") / "data", 12)
    result = kg.build_dataset(data)
    store = result.store.oxigraph
    # a factor that causes and is caused, not merged into another: its IRI is its own
    rows = store.query(
        "SELECT ?f WHERE { ?c ck:cause ?f . ?d ck:effect ?f . "
        "FILTER NOT EXISTS { ?f ck:mergedInto ?g } } ORDER BY ?f LIMIT 1",
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    factor = next(iter(rows))["f"].value
    factor_id = factor.rsplit("/", 1)[-1]
    assert factor == str(factor_iri(factor_id))
    brief = sorted(result.corpus.briefs)[0]
    values = {"factor": factor_id, "brief": brief, "modality": "hedged", "sign": "increases"}
    terms = {
        "factor": f"<{factor}>",
        "brief": f"<{brief_iri(brief)}>",
        "modality": f"<{CK}Hedged>",
        "sign": f"<{CK}Increase>",
    }
    return store, values, terms


def written(text: str, var: str, term: str) -> str:
    """The query with ``term`` written by hand in ``var``'s VALUES placeholder."""
    block = re.compile(rf"VALUES \?{var} \{{ (<urn:kg:bind-me>|UNDEF) \}}")
    assert block.search(text), f"no placeholder for ?{var}"
    return block.sub(f"VALUES ?{var} {{ {term} }}", text)


def rows(result) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in result.rows())


@pytest.mark.parametrize("query", BOUND, ids=[q.name for q in BOUND])
def test_bind_gives_the_rows_of_the_value_written_in_the_query(built, query):
    store, values, terms = built
    for var, kind in query.params.items():
        bound = run_query(store, query.text, {var: values[kind]}, query.params)
        variables, found = bound.variables, rows(bound)  # read once
        by_hand = run_query(store, written(query.text, var, terms[kind]))
        assert found == rows(by_hand), (query.name, var)
        assert found or var != "factor", "the factor has chains of claims"
        # and the rows pyoxigraph's substitutions give
        plain = take_placeholders(query.text)[0]
        substituted = store.query(
            plain,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(var): ox.NamedNode(terms[kind][1:-1])},
        )
        assert found == sorted(
            tuple("" if row[v] is None else str(row[v]) for v in variables) for row in substituted
        ), (query.name, var)


def test_a_required_value_gives_rows_on_the_shipped_data():
    store = kg.build_dataset(SHIPPED_DATA).store.oxigraph
    query = next(q for q in cookbook() if q.name == "downstream-of")
    assert run_query(store, query.text, {"factor": "return migration"}, query.params).rows()


def test_the_value_goes_into_the_placeholder_and_nowhere_else():
    text = (
        'SELECT ?f ?o { VALUES ?f { <urn:kg:bind-me> } ?f ?p ?o . FILTER(?o != "VALUES ?f '
        '{ <urn:kg:bind-me> }") } # VALUES ?f { <urn:kg:bind-me> }'
    )
    term = ox.Literal('a "quoted" } value')
    query, rest = values_in_place(text, {"f": term})
    assert rest == {}
    assert query.count(str(term)) == 1 and query.count("<urn:kg:bind-me>") == 2
    ox.Store().query(query)  # it parses
    other, rest = values_in_place("SELECT ?x { ?x ?p ?o }", {"x": term})
    assert other == "SELECT ?x { ?x ?p ?o }" and rest == {"x": term}
