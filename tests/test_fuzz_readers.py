"""Fuzzing the readers of untrusted text with hypothesis: the YAML reader, the sheet importer,
the IRI check and the query path.

Each property runs a bounded number of examples (``max_examples`` below, no
deadline, so a slow CI machine does not fail them), about a minute in all;
``HYPOTHESIS_PROFILE=long`` runs ten times as many. A crash found is kept
below as an ``@example`` of the property it broke, so it stays a regression
test.
"""

from __future__ import annotations

import os
import string

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.authoring.loading import LineDict, LineList, YamlSyntaxError, load_yaml
from kg.authoring.reader import read_corpus
from kg.authoring.sheet_reading import read_sheet_text
from kg.errors import KgError
from kg.io.iri import HTTP_IRI, iri_problem
from kg.io.limits import ReadLimits

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: The longest line a problem may print (as the bad-input corpus requires).
MAX_LINE = 400

# Text that looks like YAML: its punctuation, indentation and a few words, so that the
# fuzzer reaches the parser's corners (anchors, aliases, flow collections, tags, keys).
_YAML_ALPHABET = string.ascii_letters[:6] + "0123456789 \t\n:-[]{},&*!|>'\"#?%@`~.\\"
yaml_text = st.one_of(
    st.text(alphabet=_YAML_ALPHABET, max_size=300),
    st.text(max_size=100),
)


def _check_lines(value, depth=0):
    """Every container the reader builds knows its line and its items' lines."""
    assert depth < 100
    if isinstance(value, LineDict):
        assert value.line >= 1
        for key, item in value.items():
            assert value.key_line(key) >= 1
            _check_lines(item, depth + 1)
    elif isinstance(value, LineList):
        assert value.line >= 1
        for index, item in enumerate(value):
            assert value.item_line(index) >= 1
            _check_lines(item, depth + 1)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(yaml_text)
@example("a: &x [*x]")  # an alias inside its own anchor
@example("[" * 5000)  # deeper than libyaml's own limit
@example("a: b\na: c")  # a key twice
@example("? [a]\n: b")  # a key that is a list
def test_load_yaml_returns_values_with_lines_or_one_syntax_error(text):
    try:
        document = load_yaml(text, ReadLimits(max_values=10_000))
    except YamlSyntaxError as exc:
        assert exc.line >= 1
        assert "\n" not in exc.problem
        assert len(str(exc)) < MAX_LINE
        return
    _check_lines(document)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(yaml_text)
@example("brief: *a")
@example("claims:\n- &a {id: x}\n- *a\n")  # one claim twice, by alias
def test_a_brief_of_any_text_gives_one_line_problems(tmp_path, text):
    data = tmp_path / "data"
    (data / "briefs").mkdir(parents=True, exist_ok=True)
    (data / "factors.yaml").write_text(
        "factors:\n  - {id: a, label: A, definition: An a., group: economic}\n"
    )
    (data / "briefs" / "x.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        _corpus, problems = read_corpus(data)
    except KgError as exc:
        assert "\n" not in str(exc)
        return
    for problem in problems:
        line = str(problem)
        assert "\n" not in line.strip("\n")
        assert len(line) < MAX_LINE, line


_SHEET_ALPHABET = "abc01.,;\t\"'\n\r -"
sheet_text = st.text(alphabet=_SHEET_ALPHABET, max_size=200).map(
    lambda body: "cause,effect,sign,modality,confidence,point,paraphrase\n" + body
)


@given(sheet_text)
@example('cause,effect,sign,modality,confidence,point,paraphrase\na,b,"c\nd,e,f,g,h,i\n')
def test_every_physical_line_of_a_sheet_is_a_row_or_a_problem(text):
    sheet = read_sheet_text(text, "s.csv")
    for problem in sheet.problems:
        assert len(str(problem)) < MAX_LINE
    # No silent loss: a sheet without problems has a row for each line that holds a value,
    # unless a quoted cell spans lines (which holds no row-like line, or it is a problem).
    if not sheet.problems and '"' not in text:
        lines = [ln for ln in text.replace("\r\n", "\n").split("\n")[1:] if ln.strip(" ,;\t\r")]
        # a line of blanks and delimiters only is a blank row
        assert len(sheet.rows) == len(lines), (text, sheet.rows)


@given(st.text(max_size=60).map(lambda rest: "http://" + rest))
@example("http://example.org/a>b")
@example("http://example.org/{x}")
@example("http://ex ample.org/")
def test_an_iri_the_check_accepts_is_one_for_rdf(text):
    """What kg accepts as an IRI, pyoxigraph (an RFC 3987 parser) accepts too."""
    if iri_problem(text) is None:
        assert HTTP_IRI.match(text)
        ox.NamedNode(text)  # raises ValueError if it is not an IRI
    else:
        assert HTTP_IRI.match(text) is None


@pytest.fixture(scope="module")
def store():
    store = ox.Store()
    store.load(
        b"@prefix ck: <https://w3id.org/briefkg/ontology#> .\n"
        b"<http://e/a> ck:cause <http://e/b> .\n",
        format=ox.RdfFormat.TURTLE,
    )
    return store


_QUERY_ALPHABET = "SELECTWHERASKDIB?xyz{}()<>.;,*:/\"'#0123456789 \n" + "ck"
query_text = st.one_of(
    st.text(alphabet=_QUERY_ALPHABET, max_size=120),
    st.text(alphabet=_QUERY_ALPHABET, max_size=80).map(lambda body: "SELECT * WHERE { " + body),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query_text)
@example("SELECT (SUM(?s) AS ?x) WHERE { ?s ?p ?o }")
@example("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
@example("ASK{}")  # found by this test: an ASK result iterated as if it had rows
@example("CONSTRUCT WHERE { ?s ?p ?o }")
def test_any_query_text_runs_or_is_one_query_error(store, text):
    from kg.outputs.sparql import run_query

    try:
        result = run_query(store, text)
        list(result)  # errors that appear only when rows are read must be KgErrors too
    except KgError as exc:
        assert "\n" not in str(exc).strip()
