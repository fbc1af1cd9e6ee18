"""serve --allow-updates: writes from a web page are refused; command-line clients still write."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from test_server import _read_until

from support import ROOT
from tipgraph.sparql.gate import refusal
from tipgraph.sparql.server import free_port

HOSTS = {"127.0.0.1:7878", "localhost:7878"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
UPDATE = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"


@pytest.mark.parametrize(
    ("method", "headers", "why"),
    [
        ("GET", {"host": "127.0.0.1:7878"}, None),
        ("POST", {"host": "127.0.0.1:7878"}, None),  # curl, SPARQLWrapper, tipgraph push
        ("POST", {"host": "127.0.0.1:7878", "origin": "http://127.0.0.1:7878"}, None),
        ("GET", {"host": "evil.example:7878"}, "Host 'evil.example:7878' is not this server"),
        ("POST", {"host": "evil.example:7878"}, "Host 'evil.example:7878' is not this server"),
        (
            "POST",
            {"host": "127.0.0.1:7878", "origin": "http://evil.example"},
            "a write from 'http://evil.example', another origin",
        ),
        (
            "POST",
            {"host": "127.0.0.1:7878", "origin": "null"},
            "a write from 'null', another origin",
        ),
        (
            "PUT",
            {"host": "localhost:7878", "sec-fetch-site": "cross-site"},
            "a write sent by another site",
        ),
    ],
)
def test_refusal(method, headers, why):
    assert refusal(method, headers, HOSTS) == why


def _ask(port: int, method: str, path: str, body: str | None, headers: dict[str, str]):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        return answer.status, answer.read().decode()
    finally:
        conn.close()


def _count(port: int) -> str:
    status, text = _ask(
        port, "GET", "/query?" + urlencode({"query": COUNT}), None, {"Accept": "text/csv"}
    )
    assert status == 200, text
    return text.split()[-1]


@pytest.mark.server
def test_a_writable_serve_refuses_writes_from_web_pages_and_takes_the_command_lines(tmp_path):
    port = free_port()
    cmd = [sys.executable, "-m", "tipgraph", "--root", str(ROOT), "serve", "--port", str(port)]
    proc = subprocess.Popen(
        [*cmd, "--allow-updates"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = urlencode({"update": UPDATE})
    try:
        _read_until(proc, "press Ctrl-C", timeout=180)
        before = _count(port)
        # A form on another site posting to 127.0.0.1 (a browser sends its Origin) ...
        status, text = _ask(
            port, "POST", "/update", body, {**form, "Origin": "http://evil.example"}
        )
        assert (status, text) == (
            403,
            "refused: a write from 'http://evil.example', another origin\n",
        )
        # ... or a DNS-rebinding page reaching the port under its own name.
        status, _ = _ask(port, "POST", "/update", body, {**form, "Host": f"evil.example:{port}"})
        assert status == 403
        assert _count(port) == before
        # A command-line client sends no Origin: its update goes through.
        status, text = _ask(port, "POST", "/update", body, form)
        assert status == 204, text
        assert int(_count(port)) == int(before) + 1
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
