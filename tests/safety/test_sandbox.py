"""Embedded queries cannot reach the network whatever their text, and stop at a deadline.

Every network test points at the counting server of ``test_guard`` (a real
HTTP server on 127.0.0.1) and asserts it counted nothing. The hostile query
of issue 12 is the first case: ``"\\u0022"`` is a quote for rdflib (SPARQL
expands escapes before tokenising) and an escaped character inside a string
for Oxigraph, so the two used to read different queries.
"""

from __future__ import annotations

import time

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from tipgraph.errors import QueryError
from tipgraph.graph.load import new_graph
from tipgraph.sparql.query import run_query

HIDDEN = 'SELECT * WHERE {{ BIND("\\u0022" AS ?x) SERVICE <{url}/s> {{ ?s ?p ?o }} BIND("\\u0022" AS ?y) }}'


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_a_service_hidden_by_escaped_quotes_never_reaches_the_server(store, server):
    # Issue 12, item 1, verbatim. Both engines now read the expanded text, where
    # the SERVICE is inside a long string literal; whatever they answer, nothing connects.
    try:
        run_query(HIDDEN.format(url=server.url), graph=new_graph(store))
    except QueryError as exc:
        assert "\n" not in str(exc)
    assert server.count() == 0


def test_the_query_process_cannot_open_an_internet_socket_even_unchecked(server):
    from tipgraph.safety import sandbox

    # No static check at all: pyoxigraph runs the SERVICE itself, in Rust, and the
    # kernel refuses its socket.
    if not sandbox.sandboxed():
        pytest.skip("the seccomp filter is Linux x86_64/aarch64 only")
    query = f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError, match="Permission denied"):
        sandbox.isolated(lambda: list(pyoxigraph.Store().query(query)), timeout=30)
    assert server.count() == 0


def test_local_sockets_still_work_in_the_query_process():
    import socket

    from tipgraph.safety import sandbox

    def pair() -> bytes:
        a, b = socket.socketpair()
        a.sendall(b"ok")
        return b.recv(2)

    assert sandbox.isolated(pair, timeout=30) == b"ok"


@st.composite
def service_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """SERVICE in mixed case, some letters as \\u or \\U escapes, maybe between escaped quotes."""
    escaped = draw(st.sets(st.integers(0, 6)))
    word = ""
    for i, c in enumerate("SERVICE"):
        c = draw(st.sampled_from([c, c.lower()]))
        if i in escaped:
            c = draw(st.sampled_from([f"\\u{ord(c):04X}", f"\\U{ord(c):08x}"]))
        word += c
    quote = draw(st.sampled_from(["\\u0022", "", '\\"', "\\u0027", "\\U00000022"]))
    return quote, word


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(spelling=service_spellings(), store=st.sampled_from(["oxigraph", "memory"]))
def test_no_spelling_of_service_reaches_the_server(spelling, store, server):
    quote, word = spelling
    q = f'SELECT * WHERE {{ BIND("{quote}" AS ?x) {word} <{server.url}/s> {{ ?s ?p ?o }} BIND("{quote}" AS ?y) }}'
    try:
        run_query(q, graph=new_graph(store))
    except QueryError as exc:
        assert "\n" not in str(exc)
    assert server.count() == 0


def test_an_escape_that_spells_an_escape_is_refused():
    with pytest.raises(QueryError, match="spells another"):
        run_query("SELECT * WHERE { \\u005Cu0053ERVICE <urn:x> { ?s ?p ?o } }", graph=Graph())


def _grid(n: int) -> Graph:
    g = new_graph("oxigraph")
    for i in range(n):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    return g


def test_a_cartesian_product_on_the_embedded_store_stops_at_the_deadline():
    # 200^4 = 1.6e9 rows to count: hours; the deadline ends it with one line.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^query stopped at the 1 s deadline"):
        run_query(query, graph=_grid(200), timeout=1.0)
    assert time.monotonic() - started < 20  # killed, not waited for


def test_the_deadline_has_a_finite_default():
    import inspect

    default = inspect.signature(run_query).parameters["timeout"].default
    assert 0 < default < float("inf")


def test_an_error_while_reading_results_is_one_line_with_allow_network():
    # SERVICE to a closed port, allowed: Oxigraph fails while the rows are read.
    from tipgraph.sparql.server import free_port

    url = f"http://127.0.0.1:{free_port()}/sparql"
    query = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError) as caught:
        run_query(query, graph=new_graph("oxigraph"), allow_network=True)
    assert str(caught.value).startswith("query failed:") and "\n" not in str(caught.value)
