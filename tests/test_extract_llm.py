"""kg extract --engine llm against a loopback OpenAI-compatible server written for the tests.

Schema-valid answers are imported end to end with their provenance (engine,
model, prompt version, form of response_format); a server that refuses the
json_schema form is asked once with json_object for the rest of the run, one
that refuses both is one line; ungrounded quotes, malformed JSON, an answer off the
schema, a refusal, an answer too large, a slow or dead server and a wrong
model name are each one line with nothing written; the cache spares a rerun
its requests; the key never shows. All traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import csv
import socket

import pyoxigraph as ox
import pytest
from ruamel.yaml import YAML

from kg import __version__
from kg.errors import EXIT_ERROR, EXIT_OK
from kg.extract.llm import PROMPT_VERSION
from kg.vocab import claim_iri
from tests.llm_server import model_server

TEXT = (
    "Summary\n\n"
    "The survey covered twelve provinces.\n\n"
    "Migration\n\n"
    "Higher coastal costs lead to more return migration. Wages differ.\n"
)
KEY = "sk-test-0123456789-secret"
PROV = "http://www.w3.org/ns/prov#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture
def server():
    with model_server() as (url, requests):
        yield url, requests


@pytest.fixture
def run(in_tmp, write_data, invoke, server, monkeypatch):
    """Run kg extract --engine llm on TEXT with the model named; returns (result, out path)."""
    data = write_data()
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("KG_LLM_API_KEY", KEY)
    url, _requests = server

    def go(model: str, *more: str, out_name: str = "claims.csv"):
        out = in_tmp / out_name
        result = invoke(
            "extract", source, "--brief", "new-brief", "--data", data, "--out", out,
            "--engine", "llm", "--llm-url", url, "--model", model,
            "--llm-cache", in_tmp / "cache", "--llm-timeout", "2", "--llm-retries", "0", *more,
        )  # fmt: skip
        return result, out

    go.data = data  # type: ignore[attr-defined]
    return go


def rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.server
def test_a_grounded_answer_is_a_row_with_the_model_and_prompt_as_its_engine(run, server):
    result, out = run("good")
    assert result.exit_code == EXIT_OK, result.output
    (row,) = rows(out)
    assert (row["cause"], row["effect"], row["sign"], row["modality"]) == (
        "Coastal costs",
        "Return migration",
        "increases",
        "asserted",
    )
    assert row["evidence"] == "Higher coastal costs lead to more return migration."
    assert TEXT[int(row["start"]) : int(row["end"])] == row["evidence"]
    assert row["locator"] == "Migration, paragraph 2 (point 2)"
    assert (
        row["extracted by"]
        == f"kg {__version__} llm good prompt {PROMPT_VERSION} format json_schema"
    )
    assert row["paraphrase"] == "" and row["accepted by"] == ""
    assert (row["reading"], row["condition"]) == ("stated", "")
    # the request went to the chat-completions path with the key from the environment
    _url, requests = server
    assert [r["path"] for r in requests] == ["/v1/chat/completions"] * 2  # two sections, two chunks
    # a server that takes the OpenAI form is never asked the other one
    assert [r["format"] for r in requests] == ["json_schema"] * 2
    assert {r["authorization"] for r in requests} == {f"Bearer {KEY}"}
    assert KEY not in result.output


@pytest.mark.server
def test_the_model_answer_is_imported_and_built_with_its_provenance(run, invoke, in_tmp):
    result, out = run("good")
    assert result.exit_code == EXIT_OK, result.output
    data = run.data
    (claim,) = import_sheet(invoke, data, out)
    assert (
        claim["extraction"]["tool"]
        == f"kg {__version__} llm good prompt {PROMPT_VERSION} format json_schema"
    )
    assert claim["extraction"]["cue"] == "model"
    result = invoke("build", "--data", data, "--out", in_tmp / "dist", "--store", "memory")
    assert result.exit_code == EXIT_OK, result.output
    store = ox.Store()
    store.load(path=str(in_tmp / "dist" / "kg.trig"), format=ox.RdfFormat.TRIG)
    node = ox.NamedNode(str(claim_iri("new-brief", claim["id"])))
    activity = next(
        iter(store.quads_for_pattern(node, ox.NamedNode(PROV + "wasGeneratedBy"), None))
    )
    agent = next(
        iter(
            store.quads_for_pattern(activity.object, ox.NamedNode(PROV + "wasAssociatedWith"), None)
        )
    ).object
    label = next(iter(store.quads_for_pattern(agent, RDFS_LABEL, None))).object.value
    assert label == f"kg {__version__} llm good prompt {PROMPT_VERSION} format json_schema"


def import_sheet(invoke, data, out):
    """Sign the sheet's rows and import them as brief new-brief; returns the brief's claims."""
    result = invoke("new", "new-brief", "--data", data, "--title", "New", "--author", "Ann",
                    "--publisher", "Inst", "--date", "2024-05-01", "--synthetic")  # fmt: skip
    assert result.exit_code == EXIT_OK, result.output
    table = rows(out)
    for row in table:
        row["accepted by"] = "A. Analyst"
        row["paraphrase"] = "Dearer coasts send more migrants home, in the analyst's words."
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    result = invoke("import", out, "--brief", "new-brief", "--data", data, "--group", "economic")
    assert result.exit_code == EXIT_OK, result.output
    brief = YAML(typ="safe").load((data / "briefs" / "new-brief.yaml").read_text("utf-8"))
    return brief["claims"]


@pytest.mark.server
def test_a_server_that_refuses_json_schema_is_asked_with_json_object_for_the_run(
    run, server, invoke
):
    _url, requests = server
    # retries allowed: a refusal of the form is not retried, it falls back once
    result, out = run("object-only", "--llm-retries", "2")
    assert result.exit_code == EXIT_OK, result.output
    # one refused request, then the json_object form for both chunks (remembered, not per chunk)
    assert [r["format"] for r in requests] == ["json_schema", "json_object", "json_object"]
    assert "the server refused response_format json_schema; asked with json_object" in (
        result.output
    )
    assert "3 requests to the model" in result.output
    (row,) = rows(out)
    assert TEXT[int(row["start"]) : int(row["end"])] == row["evidence"]
    tool = f"kg {__version__} llm object-only prompt {PROMPT_VERSION} format json_object"
    assert row["extracted by"] == tool
    # the answers were cached under the form they were asked in: a rerun sends nothing
    again, out2 = run("object-only", out_name="again.csv")
    assert again.exit_code == EXIT_OK, again.output
    assert len(requests) == 3 and "2 chunks from the cache" in again.output
    assert rows(out2)[0]["extracted by"] == tool
    (claim,) = import_sheet(invoke, run.data, out)
    assert claim["extraction"]["tool"] == tool
    assert claim["evidence"] == ["Higher coastal costs lead to more return migration."]


@pytest.mark.server
def test_a_server_that_refuses_both_forms_is_one_line_and_nothing_is_written(run, server):
    _url, requests = server
    result, out = run("no-format", "--llm-retries", "2")
    assert result.exit_code == EXIT_ERROR
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.output
    assert "refused both forms of response_format kg asks with" in lines[0]
    assert "Traceback" not in result.output and KEY not in result.output
    assert [r["format"] for r in requests] == ["json_schema", "json_object"]  # once each
    assert not out.exists()


@pytest.mark.server
def test_other_server_errors_keep_their_bounded_retries(run, server):
    _url, requests = server
    result, out = run("busy", "--llm-retries", "2")
    assert result.exit_code == EXIT_ERROR
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "503" in lines[0] and "busy" in lines[0], result.output
    assert [r["format"] for r in requests] == ["json_schema"] * 3  # never the other form
    assert not out.exists()


@pytest.mark.server
def test_a_rerun_is_answered_from_the_cache(run, server):
    _url, requests = server
    first, _ = run("good", out_name="one.csv")
    assert first.exit_code == EXIT_OK, first.output
    sent = len(requests)
    assert sent == 2
    second, out = run("good", out_name="two.csv")
    assert second.exit_code == EXIT_OK, second.output
    assert len(requests) == sent  # nothing sent again
    assert "0 requests to the model; 2 chunks from the cache" in second.output
    assert len(rows(out)) == 1
    # another model is another cache entry
    third, _ = run("good-2", out_name="three.csv")
    assert third.exit_code == EXIT_OK and len(requests) == sent + 2


@pytest.mark.server
def test_an_ungrounded_proposal_is_dropped_and_counted(run):
    result, out = run("half-grounded")
    assert result.exit_code == EXIT_OK, result.output
    assert "1 proposal dropped (quote not in the source at its offsets)" in result.output
    assert len(rows(out)) == 1


BAD = {
    "ungrounded": "none of the model's 1 proposals",
    "malformed": "is not json",
    "off-schema": "claims[0].sign is 'up'",
    "refusal": "the model refused chunk",
    "huge": "sent more than 1,000,000 bytes",
    "slow": "did not",
    "no-such-model": "has no model 'no-such-model'",
    "not-chat": "did not send a chat-completions answer",
}


@pytest.mark.server
@pytest.mark.parametrize("model", sorted(BAD))
def test_each_unusable_answer_is_one_line_and_nothing_is_written(run, model):
    result, out = run(model)
    assert result.exit_code == EXIT_ERROR, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.output
    assert BAD[model] in lines[0].lower() or BAD[model] in lines[0], lines[0]
    assert "Traceback" not in result.output and KEY not in result.output
    assert not out.exists()


def test_a_dead_server_is_one_line(in_tmp, write_data, invoke, monkeypatch):
    with socket.socket() as probe:  # a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("KG_LLM_API_KEY", KEY)
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = in_tmp / "claims.csv"
    result = invoke(
        "extract", source, "--brief", "new-brief", "--data", write_data(), "--out", out,
        "--engine", "llm", "--llm-url", f"http://127.0.0.1:{port}/v1", "--model", "good",
        "--llm-cache", in_tmp / "cache", "--llm-timeout", "2", "--llm-retries", "1",
    )  # fmt: skip
    assert result.exit_code == EXIT_ERROR
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot be reached" in lines[0], result.output
    assert KEY not in result.output and not out.exists()


@pytest.mark.server
def test_a_budget_too_small_sends_nothing(run, server):
    _url, requests = server
    result, out = run("good", "--llm-budget", "1")
    assert result.exit_code == EXIT_ERROR
    assert "needs 2 requests to the model, over the budget of 1" in result.output
    assert requests == [] and not out.exists()


def test_nothing_reaches_the_network_without_a_url(in_tmp, write_data, invoke):
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", source, "--brief", "new-brief", "--data", write_data(),
                    "--engine", "llm", "--model", "good")  # fmt: skip
    assert result.exit_code == EXIT_ERROR
    assert "--engine llm needs --llm-url and --model" in result.output
    result = invoke("extract", source, "--brief", "new-brief", "--data", write_data(),
                    "--llm-url", "http://127.0.0.1:9/v1")  # fmt: skip
    assert result.exit_code == EXIT_ERROR and "are for --engine llm" in result.output


def test_the_key_is_no_option_and_a_bad_url_is_one_line(in_tmp, write_data, invoke):
    source = in_tmp / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = invoke("extract", "--help")
    assert "--llm-key-env" in result.output and "--llm-key " not in result.output
    result = invoke("extract", source, "--brief", "new-brief", "--data", write_data(),
                    "--engine", "llm", "--model", "good", "--llm-url", "file:///etc/passwd")  # fmt: skip
    assert result.exit_code == EXIT_ERROR
    assert "--llm-url" in result.output and len(result.output.strip().splitlines()) == 1
