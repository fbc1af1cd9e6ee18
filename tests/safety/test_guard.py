"""Nothing reaches the network unless the user asks for an endpoint.

Every test here points an untrusted input at a real HTTP server on
127.0.0.1 that counts the connections it accepts, and asserts the count stays
zero. ``test_the_counting_server_counts`` and the ``unguarded`` controls show
the count does move when something connects, so a zero means something.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from tipgraph.cli import main
from tipgraph.errors import (
    EndpointError,
    LoadError,
    NetworkRefusedError,
    QueryError,
    TipgraphError,
    ValidationError,
)
from tipgraph.graph.load import new_graph, parse_file
from tipgraph.graph.validate import validate
from tipgraph.safety import guard
from tipgraph.sparql.query import run_query

CONTEXT = {"@context": {"ex": "http://example.org/"}}
RESULTS = {"head": {"vars": ["s"]}, "results": {"bindings": []}}


class Counting(ThreadingHTTPServer):
    """An HTTP server that counts every connection it accepts, request or not."""

    daemon_threads = True
    hits = 0

    def verify_request(self, request: object, client_address: object) -> bool:
        type(self).hits += 1
        return True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def count(self) -> int:
        """Connections so far. A connect returns before the server accepts it, so this
        first sends a request of its own: connections are accepted in order, so once it
        is answered every earlier one has been counted. It does not count itself."""
        guard.reset()  # the test's own barrier request must get through
        with urllib.request.urlopen(f"{self.url}/barrier", timeout=10):
            pass
        type(self).hits -= 1
        return self.hits


class Answer(BaseHTTPRequestHandler):
    """Answers like a context host, a SPARQL endpoint or a Turtle file would."""

    def do_GET(self) -> None:
        if "ctx" in self.path:
            body, kind = json.dumps(CONTEXT).encode(), "application/ld+json"
        elif "sparql" in self.path:
            body, kind = json.dumps(RESULTS).encode(), "application/sparql-results+json"
        else:
            body, kind = b"<urn:a> <urn:b> <urn:c> .\n", "text/turtle"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def running() -> Iterator[Counting]:
    server = Counting(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(running: Counting) -> Iterator[Counting]:
    Counting.hits = 0
    yield running
    guard.reset()


def test_the_counting_server_counts(server):
    with urllib.request.urlopen(f"{server.url}/ctx.jsonld", timeout=10) as response:
        assert json.load(response) == CONTEXT
    assert server.count() == 1


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def jsonld_context(url: str, tmp: Path) -> None:
    doc = {"@context": f"{url}/ctx.jsonld", "@id": "ex:a", "ex:p": "x"}
    parse_file(_write(tmp / "remote.jsonld", json.dumps(doc)))


def jsonld_import(url: str, tmp: Path) -> None:
    doc = {"@context": {"@version": 1.1, "@import": f"{url}/ctx.jsonld"}, "@id": "ex:a"}
    parse_file(_write(tmp / "import.jsonld", json.dumps(doc)))


def jsonld_scoped_context(url: str, tmp: Path) -> None:
    ctx = {"p": {"@id": "http://example.org/p", "@context": f"{url}/ctx.jsonld"}}
    doc = {"@context": ctx, "@id": "urn:a", "p": {"@id": "urn:b"}}
    parse_file(_write(tmp / "scoped.jsonld", json.dumps(doc)))


def rdfxml_entity(url: str, tmp: Path) -> None:
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY remote SYSTEM "{url}/entity.xml"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="urn:a"><rdf:value>&remote;</rdf:value></rdf:Description>
</rdf:RDF>
"""
    parse_file(_write(tmp / "entity.rdf", xml))


def rdfxml_external_dtd(url: str, tmp: Path) -> None:
    xml = f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{url}/rdf.dtd">\n<rdf:RDF/>\n'
    parse_file(_write(tmp / "dtd.rdf", xml))


def sparql_service(url: str, tmp: Path) -> None:
    run_query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", graph=Graph())


def sparql_service_escaped(url: str, tmp: Path) -> None:
    run_query(
        f"SELECT * WHERE {{ \\u0053ERVIC\\u0045 <{url}/sparql> {{ ?s ?p ?o }} }}", graph=Graph()
    )


def sparql_service_oxigraph(url: str, tmp: Path) -> None:
    # Oxigraph runs SERVICE in Rust, where the audit hook cannot see it (see below).
    query = f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
    run_query(query, graph=new_graph("oxigraph"))


def sparql_from(url: str, tmp: Path) -> None:
    run_query(f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}", graph=Graph())


def sparql_from_named(url: str, tmp: Path) -> None:
    query = f"select * from named <{url}/g.ttl> where {{ graph ?g {{ ?s ?p ?o }} }}"
    run_query(query, graph=Graph())


def sparql_load(url: str, tmp: Path) -> None:
    run_query(f"LOAD <{url}/g.ttl>", graph=Graph())


CONSTRAINT = "<urn:shape:S> a sh:NodeShape ; sh:targetNode <urn:a> ; sh:sparql [ sh:select {q} ] ."
TARGET = "<urn:shape:S> a sh:NodeShape ; sh:nodeKind sh:IRI ; sh:target [ a sh:SPARQLTarget ; sh:select {q} ] ."
# pyshacl refuses the plain word SERVICE in a constraint, but not its escaped spelling.
ESCAPED = "SELECT $this WHERE { SERVIC\\\\u0045 <URL/sparql> { $this ?p ?o } }"


def _shapes(template: str, query: str, url: str) -> Graph:
    quoted = '"""' + query.replace("URL", url) + '"""'
    prefix = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
    return Graph().parse(data=prefix + template.replace("{q}", quoted), format="turtle")


def _data() -> Graph:
    return Graph().parse(data="<urn:a> <urn:b> <urn:c> .", format="nt")


def shape_service(url: str, tmp: Path) -> None:
    validate(_data(), _shapes(CONSTRAINT, ESCAPED, url))


def shape_target(url: str, tmp: Path) -> None:
    query = "SELECT ?this WHERE { SERVICE <URL/sparql> { ?this ?p ?o } }"
    validate(_data(), _shapes(TARGET, query, url))


def shape_from(url: str, tmp: Path) -> None:
    query = "SELECT $this FROM <URL/g.ttl> WHERE { $this ?p ?o }"
    validate(_data(), _shapes(CONSTRAINT, query, url))


ATTACKS: dict[str, tuple[Callable[[str, Path], None], type[TipgraphError], str]] = {
    "jsonld-context": (jsonld_context, LoadError, "remote.jsonld: remote @context not fetched"),
    "jsonld-import": (jsonld_import, LoadError, "import.jsonld: remote @import not fetched"),
    "jsonld-scoped": (jsonld_scoped_context, LoadError, "scoped.jsonld: remote @context"),
    "rdfxml-entity": (rdfxml_entity, LoadError, "entity.rdf:2: DOCTYPE / ENTITY"),
    "rdfxml-dtd": (rdfxml_external_dtd, LoadError, "dtd.rdf:2: DOCTYPE / ENTITY"),
    "sparql-service": (sparql_service, QueryError, "uses SERVICE"),
    "sparql-service-escaped": (sparql_service_escaped, QueryError, "uses SERVICE"),
    "sparql-service-oxigraph": (sparql_service_oxigraph, QueryError, "uses SERVICE"),
    "sparql-from": (sparql_from, QueryError, "uses FROM"),
    "sparql-from-named": (sparql_from_named, QueryError, "uses FROM"),
    "sparql-load": (sparql_load, QueryError, "not a query: updates"),
    "shape-service": (
        shape_service,
        ValidationError,
        "<urn:shape:S>: sh:select: \\u escapes are refused in shape queries",
    ),
    "shape-target": (shape_target, ValidationError, "<urn:shape:S>: sh:select: query uses SERVICE"),
    "shape-from": (shape_from, ValidationError, "<urn:shape:S>: sh:select: query uses FROM"),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_untrusted_input_never_reaches_the_server(name, server, tmp_path):
    attack, error, message = ATTACKS[name]
    with pytest.raises(error) as caught:
        attack(server.url, tmp_path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert server.count() == 0


def unguarded_jsonld(url: str) -> None:
    Graph().parse(
        data=json.dumps({"@context": f"{url}/ctx.jsonld", "@id": "ex:a"}), format="json-ld"
    )


def unguarded_shape(url: str) -> None:
    import pyshacl

    pyshacl.validate(_data(), shacl_graph=_shapes(CONSTRAINT, ESCAPED, url))


def unguarded_target(url: str) -> None:
    import pyshacl

    query = "SELECT ?this WHERE { SERVICE <URL/sparql> { ?this ?p ?o } }"
    pyshacl.validate(_data(), shacl_graph=_shapes(TARGET, query, url), advanced=True)


def unguarded_from(url: str) -> None:
    list(Dataset().query(f"SELECT * FROM <{url}/g.ttl> WHERE {{ ?s ?p ?o }}"))


def test_oxigraph_service_bypasses_the_audit_hook_so_the_static_check_is_what_counts(server):
    # Native code opens its own sockets: only the query check stands in the way.
    import pyoxigraph

    guard.install()
    query = f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}"
    with contextlib.suppress(Exception):
        list(pyoxigraph.Store().query(query))
    assert guard.is_active()
    assert server.count() >= 1


@pytest.mark.parametrize(
    "unguarded", [unguarded_jsonld, unguarded_shape, unguarded_target, unguarded_from]
)
def test_without_the_checks_rdflib_and_pyshacl_would_connect(unguarded, server):
    # The threat the checks above remove is real: the same inputs, handed
    # straight to rdflib or pyshacl, reach the server.
    with contextlib.suppress(Exception):  # whether parsing then succeeds does not matter
        unguarded(server.url)
    assert server.count() >= 1


@pytest.mark.parametrize(
    ("suffix", "content"),
    [
        (".jsonld", '{"@context": "URL/ctx.jsonld", "@id": "urn:a"}'),
        (".rdf", '<!DOCTYPE r [<!ENTITY e SYSTEM "URL/e">]>\n<r>&e;</r>'),
    ],
)
def test_cli_validate_refuses_remote_references_in_one_line(suffix, content, server, tmp_path):
    bad = _write(tmp_path / f"bad{suffix}", content.replace("URL", server.url))
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tipgraph: error: {bad}") and result.stderr.count("\n") == 1
    assert server.count() == 0


def test_cli_installs_the_guard_for_the_command_and_removes_it_after(server, monkeypatch):
    port = server.server_address[1]

    def connects(*args: object, **kwargs: object) -> None:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()

    # load_files, not parse_file: on Oxigraph (validate's store) Turtle is parsed natively.
    monkeypatch.setattr("tipgraph.graph.load.load_files", connects)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"tipgraph: error: network access refused: 127.0.0.1:{port} (pass --endpoint to allow)\n"
    )
    assert not guard.is_active()  # the command is over: in-process callers have their sockets
    connects(Path("unused"))
    assert server.count() == 1  # that one, and none from the command


GUARDED = textwrap.dedent(
    """
    import json, socket, sys, urllib.request
    from tipgraph.safety import guard
    from tipgraph.errors import NetworkRefusedError

    url, port = sys.argv[1], int(sys.argv[2])
    attempts = {
        "connect": lambda: socket.socket().connect(("127.0.0.1", port)),
        "create_connection": lambda: socket.create_connection(("127.0.0.1", port), 5),
        "urlopen": lambda: urllib.request.urlopen(url + "/ctx.jsonld", timeout=5),
        "getaddrinfo": lambda: socket.getaddrinfo("localhost", port),
    }
    guard.install()
    guard.install()  # idempotent: one hook, still on
    out = {}
    for name, attempt in attempts.items():
        try:
            attempt()
            out[name] = "connected"
        except NetworkRefusedError as exc:
            out[name] = str(exc)
    guard.allow(url + "/sparql")
    socket.create_connection(("127.0.0.1", port), 5).close()
    out["allowed"] = "connected"
    print(json.dumps(out))
    """
)


def test_audit_hook_blocks_plain_sockets_in_a_fresh_process(server):
    port = server.server_address[1]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = subprocess.run(
        [sys.executable, "-c", GUARDED, server.url, str(port)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    refused = f"network access refused: 127.0.0.1:{port} (pass --endpoint to allow)"
    assert out == {
        "connect": refused,
        "create_connection": refused,
        "urlopen": refused,
        "getaddrinfo": f"network access refused: localhost:{port} (pass --endpoint to allow)",
        "allowed": "connected",
    }
    assert server.count() == 1  # only the connection that was allowed


@pytest.fixture
def guarded() -> Iterator[None]:
    guard.install()
    try:
        yield
    finally:
        guard.reset()


@pytest.mark.parametrize(
    ("allowed", "event", "target", "refused"),
    [
        ((), "socket.getaddrinfo", ("example.org", 443), "example.org:443"),
        (("https://example.org/sparql",), "socket.getaddrinfo", ("example.org", 443), None),
        (("https://example.org/sparql",), "socket.getaddrinfo", ("EXAMPLE.org", "443"), None),
        (
            ("https://example.org/sparql",),
            "socket.getaddrinfo",
            ("example.org", 80),
            "example.org:80",
        ),
        (("https://example.org/sparql",), "socket.getaddrinfo", ("evil.org", 443), "evil.org:443"),
        (("https://example.org/sparql",), "socket.gethostbyname", ("evil.org",), "evil.org"),
        (("http://localhost:7878/q",), "socket.connect", ("127.0.0.1", 7878), None),
        (("http://localhost:7878/q",), "socket.connect", ("127.0.0.1", 7879), "127.0.0.1:7879"),
        (("http://127.0.0.1:7878/q",), "socket.connect", ("127.0.0.2", 7878), "127.0.0.2:7878"),
        (("http://[::1]:7878/q",), "socket.connect", ("::1", 7878, 0, 0), None),
        ((), "socket.connect", ("::1", 7878, 0, 0), "[::1]:7878"),
        ((), "socket.sendto", ("10.0.0.1", 53), "10.0.0.1:53"),
        ((), "urllib.Request", ("http://example.org/ctx", None, {}, "GET"), "example.org:80"),
        ((), "urllib.Request", ("file:///etc/hosts", None, {}, "GET"), None),
        ((), "socket.getaddrinfo", (None, 0), None),  # a passive lookup for binding
    ],
)
def test_guard_decides_by_host_and_port(guarded, allowed, event, target, refused):
    for url in allowed:
        guard.allow(url)
    with contextlib.ExitStack() as stack:
        args = target
        if event in ("socket.connect", "socket.sendto"):  # these name the socket too
            family = socket.AF_INET6 if len(target) == 4 else socket.AF_INET
            args = (stack.enter_context(socket.socket(family)), target)
        if refused is None:
            sys.audit(event, *args)
        else:
            expected = f"network access refused: {refused} (pass --endpoint to allow)"
            with pytest.raises(NetworkRefusedError, match=f"^{re.escape(expected)}$"):
                sys.audit(event, *args)


def test_unix_sockets_and_allow_all_pass_and_reset_forgets(guarded):
    with socket.socket(socket.AF_UNIX) as sock:
        sys.audit("socket.connect", sock, "/tmp/whatever.sock")
    guard.allow_all()
    sys.audit("socket.getaddrinfo", "example.org", 443)
    guard.allow("http://example.org/")
    guard.reset()
    assert guard.allowed() == frozenset() and not guard.is_active()
    sys.audit("socket.getaddrinfo", "example.org", 443)  # switched off: nothing checked


@pytest.mark.parametrize("url", ["not a url", "http://", "http://host:99999/", "sparql"])
def test_allow_rejects_what_is_not_an_endpoint_url(url):
    with pytest.raises(EndpointError, match=r"not a valid endpoint URL"):
        guard.allow(url)


def test_allow_uses_the_scheme_default_port():
    try:
        assert guard.allow("https://Example.org/sparql") == ("example.org", 443)
        assert guard.allow("http://example.org/sparql") == ("example.org", 80)
    finally:
        guard.reset()
