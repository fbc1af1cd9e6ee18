"""Remote SPARQL: the same answers as the embedded engine, atomic pushes, one-line failures."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from tipgraph.cli import main
from tipgraph.errors import EndpointError
from tipgraph.graph.canon import isomorphic
from tipgraph.sparql.endpoint import remote_query
from tipgraph.sparql.push import Urls, derive_urls, push
from tipgraph.sparql.query import bind_params, library, run_query
from tipgraph.sparql.server import free_port, start, stop

ROOT = Path(__file__).resolve().parents[2]
EX = "urn:tipgraph:test:"

# ---------------------------------------------------------------- URL layouts (no server)


@pytest.mark.parametrize(
    ("endpoint", "update", "store"),
    [
        ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),  # Oxigraph
        ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),  # Fuseki
        ("http://h:3030/ds/sparql", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        ("https://h/fuseki/ds/query", "https://h/fuseki/ds/update", "https://h/fuseki/ds/data"),
        (
            "http://h:7200/repositories/kg",  # GraphDB / RDF4J
            "http://h:7200/repositories/kg/statements",
            "http://h:7200/repositories/kg/rdf-graphs/service",
        ),
    ],
)
def test_update_and_store_urls_follow_the_server_layout(endpoint, update, store):
    assert derive_urls(endpoint) == Urls(endpoint, update, store)


def test_given_update_and_store_urls_win_over_the_layout():
    urls = derive_urls("http://h/endpoint", "http://h/endpoint-auth", "http://h/graph-crud")
    assert urls == Urls("http://h/endpoint", "http://h/endpoint-auth", "http://h/graph-crud")


def test_unknown_layout_asks_for_the_urls_naming_the_endpoint():
    with pytest.raises(EndpointError, match=r"http://h/endpoint: .*--update-url and --store-url"):
        derive_urls("http://h/endpoint")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://h/query", "h:7878/query", "/query"])
def test_only_http_urls_are_contacted(url):
    with pytest.raises(EndpointError, match=re.escape(f"{url}: not an http(s) URL")):
        remote_query(url, "ASK {}", "ASK")


# ---------------------------------------------------------------- tiny HTTP servers on 127.0.0.1


@contextmanager
def tiny_server(
    status: int = 200, body: bytes = b"", content_type: str = "text/plain", delay: float = 0.0
) -> Iterator[str]:
    """An http.server on 127.0.0.1 that answers every request alike; yields its base URL."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            release.wait(delay)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def _one_line(message: str, url: str) -> None:
    assert "\n" not in message and url in message


def test_closed_port_is_unreachable():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError) as err:
        remote_query(url, "ASK {}", "ASK")
    _one_line(str(err.value), url)
    assert "unreachable (Connection refused)" in str(err.value)


@pytest.mark.parametrize(
    ("status", "expected"), [(500, "HTTP 500 Internal Server Error"), (503, "HTTP 503")]
)
def test_http_error_names_url_and_status(status, expected):
    body = b"store is down\nsecond line"
    with tiny_server(status, body) as base, pytest.raises(EndpointError) as err:
        remote_query(base + "/query", "ASK {}", "ASK")
    _one_line(str(err.value), base + "/query")
    assert expected in str(err.value) and "store is down second line" in str(err.value)


def test_slow_server_times_out_after_the_given_seconds():
    with tiny_server(delay=5.0) as base, pytest.raises(EndpointError) as err:
        remote_query(base + "/query", "ASK {}", "ASK", timeout=0.5)
    assert str(err.value) == f"{base}/query: timed out after 0.5s"


@pytest.mark.parametrize(
    ("kind", "body", "content_type"),
    [
        ("SELECT", b"<html>not json</html>", "text/html"),
        ("SELECT", b'{"head": {"vars": ["x"]}}', "application/sparql-results+json"),
        (
            "SELECT",
            b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "odd", "value": "1"}}]}}',
            "application/sparql-results+json",
        ),
        ("ASK", b'{"head": {}, "boolean": "yes"}', "application/sparql-results+json"),
        ("CONSTRUCT", b"<urn:a> <urn:b> <urn:c> .", "text/html"),
        ("CONSTRUCT", b"<urn:a> <urn:b> .", "application/n-triples"),
    ],
)
def test_malformed_response_is_one_line(kind, body, content_type):
    with tiny_server(200, body, content_type) as base, pytest.raises(EndpointError) as err:
        remote_query(base + "/query", f"{kind} {{}}", kind)
    _one_line(str(err.value), base + "/query")
    assert f"malformed {kind} response" in str(err.value)


def test_json_bindings_become_rdflib_terms():
    body = (
        b'{"head": {"vars": ["i", "l", "t", "b", "old", "none"]}, "results": {"bindings": [{'
        b'"i": {"type": "uri", "value": "urn:a"},'
        b'"l": {"type": "literal", "value": "Kosovo", "xml:lang": "en"},'
        b'"t": {"type": "literal", "value": "2008-03", "datatype": "http://www.w3.org/2001/XMLSchema#gYearMonth"},'
        b'"b": {"type": "bnode", "value": "x1"},'
        b'"old": {"type": "typed-literal", "value": "12", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}'
        b"}]}}"
    )
    with tiny_server(200, body, "application/sparql-results+json") as base:
        result = remote_query(base + "/query", "SELECT * {}", "SELECT")
    assert result.variables == ["i", "l", "t", "b", "old", "none"]
    assert result.rows == [
        {
            "i": URIRef("urn:a"),
            "l": Literal("Kosovo", lang="en"),
            "t": Literal("2008-03", datatype=ns.XSD.gYearMonth),
            "b": BNode("x1"),
            "old": Literal(12),
            "none": None,
        }
    ]


# ---------------------------------------------------------------- against a real Oxigraph server


@pytest.fixture(scope="module")
def pushed(oxigraph_server, graph) -> str:
    """The session server's default graph replaced by the built graph; its query URL."""
    result = push(graph, derive_urls(oxigraph_server.query_url))
    assert result.triples == len(graph) and result.graph is None
    return oxigraph_server.query_url


INLINE = {
    "inline-typed-and-tagged-literals": (
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && (lang(?o) != '' || "
        "datatype(?o) IN (xsd:decimal, xsd:integer, xsd:nonNegativeInteger, xsd:boolean, "
        "xsd:date, xsd:gYear, xsd:gYearMonth))) }"
    ),
    "inline-ask-true": "ASK { ?fact tip:negated true }",
    "inline-ask-false": "ASK { ?fact tip:negated 'no such thing'@en }",
    "inline-construct-citations": (
        "CONSTRUCT { ?fact prov:wasDerivedFrom ?c . ?c oa:hasSource ?p ; oa:hasSelector ?sel . "
        "?sel oa:exact ?quote } WHERE { ?fact a tip:Funding ; prov:wasDerivedFrom ?c . "
        "?c oa:hasSource ?p ; oa:hasSelector ?sel . ?sel oa:exact ?quote }"
    ),
    "inline-ordered-passages": (
        "SELECT ?p ?n WHERE { ?p a tip:Passage ; tip:paragraphNumber ?n } ORDER BY DESC(?n) ?p"
    ),
}


# data/coordination.ttl states absences as relations with tip:negated true
ASK_EXPECTED = {"inline-ask-true": True, "inline-ask-false": False}


def _cases() -> list[tuple[str, str, dict]]:
    cases = [(name, text, {}) for name, text in INLINE.items()]
    for name, q in library(ROOT / "queries").items():
        cases.append((name, q.text, bind_params(q, {})))
    return cases


# Oxigraph 0.5 stores numbers by value (measured with 0.5.13): integer subtypes come back as
# xsd:integer ("144"^^xsd:nonNegativeInteger → "144"^^xsd:integer) and decimals in canonical
# form ("28750.0" → "28750"). Those two are compared by value; every other term exactly.
_INTEGER_TYPES = {
    ns.XSD.integer,
    ns.XSD.nonNegativeInteger,
    ns.XSD.positiveInteger,
    ns.XSD.int,
    ns.XSD.long,
}


def _by_value(term):
    if isinstance(term, Literal) and term.value is not None:
        if term.datatype in _INTEGER_TYPES:
            return Literal(str(int(term.value)), datatype=ns.XSD.integer)
        if term.datatype == ns.XSD.decimal:
            return Literal(f"{term.value.normalize():f}", datatype=ns.XSD.decimal)
    return term


def _plain(term):
    return "_:b" if isinstance(term, BNode) else _by_value(term)  # servers relabel blank nodes


def _same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic once decimals are compared by value."""
    by_value = []
    for g in (a, b):
        copy = Graph()
        for s, p, o in g:
            copy.add((s, p, _by_value(o)))
        by_value.append(copy)
    return isomorphic(*by_value)


def _order_keys(text: str) -> list[str] | None:
    """The variables a query sorts by, or None when it sorts by expressions (or not at all)."""
    text = re.sub(r"(?m)^\s*#.*$", "", text)  # the header's prose may say "order by"
    m = re.search(r"\bORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", text, re.I | re.S)
    if not m:
        return None
    keys = re.findall(r"(?:ASC|DESC)?\s*\(?\s*\?(\w+)\s*\)?", m.group(1), re.I)
    leftover = re.sub(r"(?:ASC|DESC)?\s*\(?\s*\?\w+\s*\)?", "", m.group(1), flags=re.I)
    return keys if keys and not leftover.strip() else None


@pytest.mark.server
@pytest.mark.parametrize(("name", "text", "params"), _cases(), ids=[c[0] for c in _cases()])
def test_remote_answer_equals_embedded_answer(pushed, graph, name, text, params):
    here = run_query(text, params, graph=graph)
    there = run_query(text, params, endpoint=pushed)
    assert there.kind == here.kind
    if here.kind == "ASK":
        assert there.boolean is here.boolean is ASK_EXPECTED.get(name, here.boolean)
    elif here.kind in ("CONSTRUCT", "DESCRIBE"):
        assert here.graph is not None and there.graph is not None
        assert _same_graph(there.graph, here.graph)
    else:
        assert there.variables == here.variables
        rows_here = [tuple(_plain(r[v]) for v in here.variables) for r in here.rows]
        rows_there = [tuple(_plain(r[v]) for v in there.variables) for r in there.rows]
        assert Counter(rows_there) == Counter(rows_here)
        keys = _order_keys(text)
        if keys is not None:  # ties may come in any order: compare the sort keys' sequence
            idx = [here.variables.index(k) for k in keys if k in here.variables]
            assert [tuple(r[i] for i in idx) for r in rows_there] == [
                tuple(r[i] for i in idx) for r in rows_here
            ]
        elif re.search(r"\bORDER\s+BY\b", re.sub(r"(?m)^\s*#.*$", "", text), re.I):
            assert rows_there == rows_here


@pytest.mark.server
def test_inline_select_covers_several_datatypes_and_a_language_tag(pushed):
    result = run_query(INLINE["inline-typed-and-tagged-literals"], endpoint=pushed)
    kinds = {(o.datatype, o.language) for o in (r["o"] for r in result.rows)}
    # data/funding.ttl: 158593.0 (decimal); tip:paragraphNumber (integer); tip:negated (boolean)
    assert {(ns.XSD.decimal, None), (ns.XSD.integer, None), (ns.XSD.boolean, None)} <= kinds
    assert any(lang == "en" for _, lang in kinds)


@pytest.mark.server
def test_server_holds_exactly_the_built_graph(pushed, graph):
    there = run_query("CONSTRUCT WHERE { ?s ?p ?o }", endpoint=pushed)
    assert there.graph is not None and _same_graph(there.graph, graph)


def _small() -> Graph:
    g = Graph()
    g.add((URIRef(EX + "old"), URIRef(EX + "p"), Literal("old value", lang="en")))
    g.add((URIRef(EX + "old"), URIRef(EX + "q"), BNode()))
    return g


def _graph_at(query_url: str, iri: str | None = None) -> Graph:
    text = (
        "CONSTRUCT WHERE { ?s ?p ?o }"
        if iri is None
        else f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    )
    result = run_query(text, endpoint=query_url)
    assert result.graph is not None
    return result.graph


def _named_graphs(query_url: str) -> set[str]:
    result = run_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=query_url)
    return {str(r["g"]) for r in result.rows}


@pytest.mark.server
def test_push_replaces_the_older_graph_and_leaves_no_temporary_graph(oxigraph_server, graph):
    urls = derive_urls(oxigraph_server.query_url)
    target = EX + "replace"
    push(_small(), urls, target=target)
    assert isomorphic(_graph_at(urls.query, target), _small())
    push(graph, urls, target=target)
    assert _same_graph(_graph_at(urls.query, target), graph)
    assert not any(g.startswith("urn:tipgraph:push:") for g in _named_graphs(urls.query))


@pytest.mark.server
@pytest.mark.parametrize("kill_after", ["first chunk", "last chunk"])
def test_push_killed_mid_upload_leaves_the_old_graph(tmp_path, graph, kill_after):
    store = tmp_path / "store"
    server = start(store)  # private: this test kills it
    try:
        urls = derive_urls(server.query_url)
        push(_small(), urls)
        size = len(graph.serialize(format="nt", encoding="utf-8"))

        def kill(sent: int) -> None:
            if (kill_after == "first chunk" or sent == size) and server.process.poll() is None:
                server.process.kill()
                server.process.wait()

        with pytest.raises(EndpointError) as err:
            push(graph, urls, progress=kill)
        assert server.process.returncode is not None, "the server was not killed mid-push"
        _one_line(str(err.value), server.store_url)
        assert "connection lost" in str(err.value)
    finally:
        stop(server)
    server = start(store)  # the same store, restarted
    try:
        assert isomorphic(_graph_at(server.query_url), _small())
    finally:
        stop(server)


# ---------------------------------------------------------------- the push command


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """Two triples and the generated passages, no ontology, no shapes: loads in a blink."""
    for part in ("ontology", "shapes", "data"):
        (tmp_path / part).mkdir()
    (tmp_path / "data" / "sources").symlink_to(ROOT / "data" / "sources")
    (tmp_path / "data" / "tiny.ttl").write_text(
        f'<{EX}a> <{EX}p> "tiny"@en .\n<{EX}a> <{EX}n> 3 .\n', encoding="utf-8"
    )
    return tmp_path


def _push(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "push", *args])


@pytest.mark.server
def test_push_command_reports_triples_and_time(tiny_project, oxigraph_server):
    target = EX + "cli"
    result = _push(tiny_project, "--endpoint", oxigraph_server.query_url, "--graph", target)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"pushed (\d+) triples to graph <{target}> of {oxigraph_server.store_url} in [\d.]+ s\n",
        result.stdout,
    )
    pushed = int(result.stdout.split()[1])
    assert pushed == len(_graph_at(oxigraph_server.query_url, target)) > 2  # 2 + passages


@pytest.mark.server
def test_push_command_refuses_a_graph_that_does_not_conform(tiny_project, oxigraph_server):
    (tiny_project / "shapes" / "label.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"<{EX}shape> a sh:NodeShape ; sh:targetNode <{EX}a> ;\n"
        "  sh:property [ sh:path <http://www.w3.org/2000/01/rdf-schema#label> ; sh:minCount 1 ] .\n",
        encoding="utf-8",
    )
    target = EX + "refused"
    result = _push(tiny_project, "--endpoint", oxigraph_server.query_url, "--graph", target)
    assert result.exit_code == 1
    assert "does not conform; nothing pushed" in result.stderr
    assert target not in _named_graphs(oxigraph_server.query_url)


@contextmanager
def failing_endpoint(failure: str, oxigraph_server) -> Iterator[str]:
    """A query URL whose server fails in the named way."""
    if failure == "closed port":
        yield f"http://127.0.0.1:{free_port()}/query"
    elif failure == "HTTP 404":
        yield oxigraph_server.base + "/nowhere/query"  # a path the real server does not have
    else:
        status, delay = (500, 0.0) if failure == "HTTP 500" else (200, 5.0)
        with tiny_server(status, b"", delay=delay) as base:
            yield base + "/query"


@pytest.mark.server
@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        ("closed port", "unreachable (Connection refused)"),
        ("HTTP 404", "HTTP 404 Not Found"),
        ("HTTP 500", "HTTP 500 Internal Server Error"),
        ("timeout", "timed out after 0.5s"),
    ],
)
def test_push_command_failure_is_one_line_exit_3(tiny_project, oxigraph_server, failure, expected):
    with failing_endpoint(failure, oxigraph_server) as url:
        result = _push(tiny_project, "--endpoint", url, "--timeout", "0.5")
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("tipgraph: error: http://127.0.0.1:")
    assert expected in result.stderr and result.stderr.count("\n") == 1
