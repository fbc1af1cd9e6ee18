"""Against a real Virtuoso: push into its default graph, and every library query answers alike.

Virtuoso is Debian's virtuoso-opensource (7.2), started once per session on 127.0.0.1
(see virtuoso_server.py); without it these tests are skipped and say why. Answers are
compared by value with the embedded engine's (answers.py): numbers by value, blank
nodes as blank nodes, true as 1 (Virtuoso has no boolean type).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from answers import differences, same_graph
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from tipgraph.cli import main
from tipgraph.sparql.push import VIRTUOSO_DEFAULT_GRAPH, derive_urls, push
from tipgraph.sparql.query import bind_params, library, run_query

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = library(ROOT / "queries")
pytestmark = pytest.mark.virtuoso

# Virtuoso 7.2.5 (Debian 12) finds no ?other in `?node ?role ?actor . ?node ?otherRole ?other .
# ?other a/rdfs:subClassOf* tip:Actor`: a transitive path after two patterns with variable
# predicates matches nothing there (the same path alone matches 117 actors), so the
# neighbourhood comes back without the other participants (945 of 1050 triples).
# Since its parts became UNION branches the query has answered right there once when run alone,
# but not after the rest of this file (971 of 1084 triples), nor in a fresh database right
# after the push on the graph of December 2026 (1088 of 1201, twice): the mark stays.
VIRTUOSO_BUGS = {
    "actor-neighbourhood": "Virtuoso 7.2.5 drops a transitive path after two ?p patterns"
}


@pytest.fixture(scope="module")
def pushed(virtuoso, graph) -> str:
    """The built graph pushed with the URLs derived from Virtuoso's /sparql; its query URL."""
    result = push(graph, derive_urls(virtuoso.query_url))
    assert result.triples == len(graph)
    return virtuoso.query_url


def test_virtuoso_layout_is_derived_from_its_sparql_url():
    urls = derive_urls("http://h:8890/sparql")
    assert (urls.update, urls.store) == ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud")
    assert urls.default_graph == VIRTUOSO_DEFAULT_GRAPH


def test_push_fills_the_graph_queries_without_from_read(pushed, graph):
    # Virtuoso has no default graph to replace: the triples go to one named graph, which a
    # query without FROM reads; asked for alone (--graph), it holds exactly the built graph.
    held = run_query(
        "CONSTRUCT WHERE { ?s ?p ?o }", endpoint=pushed, named_graph=VIRTUOSO_DEFAULT_GRAPH
    )
    assert held.graph is not None and same_graph(held.graph, graph)
    # data/coordination.ttl: the national coordinator is an actor of the built graph
    ask = "ASK { kv:national-coordinator a ?kind }"
    assert run_query(ask, endpoint=pushed).boolean is True


def test_push_again_replaces_rather_than_adds(virtuoso, pushed, graph):
    small = Graph()
    small.add((URIRef("urn:tipgraph:test:a"), URIRef("urn:tipgraph:test:p"), Literal("v")))
    urls = derive_urls(virtuoso.query_url)
    try:
        push(small, urls)
        held = run_query(
            "CONSTRUCT WHERE { ?s ?p ?o }", endpoint=pushed, named_graph=urls.default_graph
        )
        assert held.graph is not None and len(held.graph) == 1
    finally:
        push(graph, urls)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_query_answers_as_embedded(pushed, graph, name, request):
    if name in VIRTUOSO_BUGS:
        request.applymarker(pytest.mark.xfail(reason=VIRTUOSO_BUGS[name], strict=True))
    q = LIBRARY[name]
    params = bind_params(q, {})
    here = run_query(q.text, params, graph=graph)
    there = run_query(q.text, params, endpoint=pushed, timeout=120)
    assert differences(q.text, here, there) is None


def test_query_graph_option_reads_one_named_graph(pushed):
    # cable p28: PVPT's funders; asked of a graph that does not exist, no rows
    args = ["--root", str(ROOT), "query", "pvpt-funders", "--endpoint", pushed, "--format", "csv"]
    full = CliRunner().invoke(main, [*args, "--graph", VIRTUOSO_DEFAULT_GRAPH])
    empty = CliRunner().invoke(main, [*args, "--graph", "urn:tipgraph:test:no-such-graph"])
    assert full.exit_code == 0 and empty.exit_code == 0, full.output + empty.output
    assert len(full.stdout.splitlines()) > 1 and len(empty.stdout.splitlines()) == 1


def test_push_command_names_the_graph_on_virtuoso(virtuoso, pushed, tmp_path):
    out = CliRunner().invoke(main, ["--root", str(ROOT), "push", "--endpoint", virtuoso.query_url])
    assert out.exit_code == 0, out.output
    assert f"graph <{VIRTUOSO_DEFAULT_GRAPH}>, which queries without FROM read" in out.stdout
