"""Hostile or broken servers: deadlines, redirects, atomic pushes, a read-only serve.

Real servers on 127.0.0.1 throughout: small ``http.server`` handlers for the
misbehaving ones, Oxigraph (with and without ``--union-default-graph``) for
pushes.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from tipgraph.cli import main
from tipgraph.errors import EndpointError
from tipgraph.safety import guard
from tipgraph.sparql.endpoint import remote_query, remote_update
from tipgraph.sparql.push import derive_urls, push
from tipgraph.sparql.server import free_port, start, stop

EX = "urn:tipgraph:test:"
RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}' + b" " * 100


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Trickle(BaseHTTPRequestHandler):
    """Answers one byte every half second: in the headers (``/head``) or in the body."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
            f"Content-Length: {len(RESULTS)}\r\n\r\n"
        ).encode()
        slow = head + RESULTS if self.path.startswith("/head") else RESULTS
        if not self.path.startswith("/head"):
            self.wfile.write(head)
        try:
            for byte in slow:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:
            pass  # the client hung up: what the deadline is for

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("where", ["head", "body"])
def test_a_trickling_endpoint_is_stopped_at_the_deadline(where):
    # Issue 12, item 4: a per-read timeout let this hold --timeout 2 for 40 s and more.
    with serving(Trickle) as base:
        started = time.monotonic()
        with pytest.raises(EndpointError, match=r"^http://127.0.0.1:\d+/\w+: timed out after 2s$"):
            remote_query(f"{base}/{where}", "SELECT * WHERE { ?s ?p ?o }", "SELECT", timeout=2)
        assert time.monotonic() - started < 10  # not 2 s per byte, nor 0.5 s per byte x 180


class Redirect(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(302)
        self.send_header("Location", "http://192.0.2.7/sparql")  # TEST-NET-1: nobody there
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_redirect_is_one_line_naming_it_exit_3():
    # Issue 12, item 5: was exit 2 and "pass --endpoint to allow" though --endpoint was given.
    with serving(Redirect) as base:
        result = CliRunner().invoke(
            main, ["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{base}/query"]
        )
    assert result.exit_code == 3, result.output
    assert result.stderr == (
        f"tipgraph: error: {base}/query: HTTP 302 Found: redirect to http://192.0.2.7/sparql "
        "not followed (give the URL it names)\n"
    )


# ---------------------------------------------------------------- atomic push


def _count(url: str) -> int:
    rows = remote_query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT").rows
    value = rows[0]["n"]
    assert isinstance(value, Literal)
    return int(value)


def _graphs(url: str) -> set[str]:
    text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    return {str(r["g"]) for r in remote_query(url, text, "SELECT").rows}


def _small(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"{EX}s{i}"), URIRef(EX + "p"), Literal(i)))
    return g


@pytest.fixture(params=[False, True], ids=["plain", "union-default-graph"])
def store(request, tmp_path) -> Iterator[object]:
    server = start(tmp_path / "store", union=request.param)
    try:
        yield server
    finally:
        stop(server)
        guard.reset()


@pytest.mark.server
def test_a_stale_temporary_graph_is_removed_and_answers_are_not_doubled(store):
    # Issue 12, item 6: an older client killed mid-push left urn:tipgraph:push:<uuid>;
    # on a union store it doubled every answer.
    urls = derive_urls(store.query_url)  # type: ignore[attr-defined]
    stale = "urn:tipgraph:push:0b5f1c2e-killed"
    remote_update(
        urls.update, f"INSERT DATA {{ GRAPH <{stale}> {{ <{EX}x> <{EX}p> 1 }} }}", "INSERT"
    )
    push(_small(3), urls)
    assert not any(g.startswith("urn:tipgraph:push:") for g in _graphs(urls.query))
    assert _count(urls.query) == 3


@pytest.mark.server
def test_readers_see_the_old_graph_or_the_new_one_never_both(store):
    urls = derive_urls(store.query_url)  # type: ignore[attr-defined]
    push(_small(2), urls)
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(_count(urls.query))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(5):
            push(_small(3000), urls)
            push(_small(2), urls)
    finally:
        done.set()
        reader.join()
    assert seen <= {2, 3000}, sorted(seen)


@pytest.mark.server
def test_a_failing_push_is_its_own_one_line_and_leaves_the_target(store):
    # No temporary graph, so no cleanup whose error could replace this one.
    urls = derive_urls(store.query_url)  # type: ignore[attr-defined]
    push(_small(2), urls)
    broken = type(urls)(urls.query, urls.update, urls.store.replace("/store", "/nowhere"))
    with pytest.raises(EndpointError, match=r"^http://\S+/nowhere: HTTP 404 Not Found"):
        push(_small(5), broken)
    assert _count(urls.query) == 2
    assert not any(g.startswith("urn:tipgraph:push:") for g in _graphs(urls.query))


# ---------------------------------------------------------------- serve


def _serve(tmp_path: Path, *flags: str) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "tipgraph.cli", "--root", str(tmp_path), "serve"]
    proc = subprocess.Popen([*cmd, "--port", str(port), *flags], stdout=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    root = Path(__file__).resolve().parents[2]
    for part in ("ontology", "shapes", "data"):
        (tmp_path / part).mkdir()
    (tmp_path / "data" / "sources").symlink_to(root / "data" / "sources")
    (tmp_path / "data" / "tiny.ttl").write_text(f'<{EX}a> <{EX}p> "tiny" .\n', encoding="utf-8")
    return tmp_path


def _form_post(url: str, origin: str) -> int:
    # What a cross-origin HTML form sends: no preflight, urlencoded, the page's Origin.
    body = urllib.parse.urlencode({"update": f"DELETE WHERE {{ <{EX}a> ?p ?o }}"}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


@pytest.mark.server
def test_serve_is_read_only_by_default(tiny_project):
    # Issue 12, item 9: any page in the user's browser could POST this to 127.0.0.1.
    guard.reset()
    with contextmanager(_serve)(tiny_project) as base:
        status = _form_post(base + "/update", "https://evil.example")
        assert status >= 400
        rows = remote_query(base + "/query", f"ASK {{ <{EX}a> <{EX}p> ?o }}", "ASK")
        assert rows.boolean is True
