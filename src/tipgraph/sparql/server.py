"""Run a local Oxigraph SPARQL server: find its binary, start it, wait for it, stop it cleanly.

Used by ``tipgraph serve`` and by the tests' session fixture. The child runs
in its own process group, so a Ctrl-C in the terminal reaches only tipgraph,
which then stops the child itself and waits for it: no orphan keeps the port.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from tipgraph.errors import EndpointError
from tipgraph.safety import guard

__all__ = [
    "Server",
    "free_port",
    "interrupt_on_sigterm",
    "load",
    "oxigraph_binary",
    "running",
    "start",
    "stop",
    "wait",
]


@dataclass(frozen=True)
class Server:
    """A running ``oxigraph serve`` child and the URLs it answers on."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    location: Path
    log: IO[bytes]

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def store_url(self) -> str:
        return self.base + "/store"


def oxigraph_binary() -> Path:
    """The ``oxigraph`` binary of the oxigraph package: beside this Python, else on PATH."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if found is None:
        raise EndpointError(
            f"oxigraph: server binary not found beside {sys.executable} or on PATH; it comes "
            f"with tipgraph (`{sys.executable} -m pip install 'oxigraph>=0.5,<0.6'` restores it)"
        )
    return Path(found)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on at ``host`` right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _why(log: IO[bytes]) -> str:
    """The child's own complaint: its ``Error:`` line, else its last line."""
    log.seek(0)
    lines = [line.strip() for line in log.read().decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if line.startswith("Error")]
    if errors:
        return errors[0]
    return lines[-1] if lines else "no output"


def _in_use(host: str, port: int) -> bool:
    """Whether someone listens on ``host:port`` (TIME_WAIT leftovers do not count)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def load(location: Path, ntriples: bytes) -> int:
    """Replace the default graph of the store at ``location`` (no server on it); triples held.

    ``serve`` fills the store this way before starting Oxigraph read-only, so
    the served store never has to accept a write.
    """
    import pyoxigraph as ox

    try:
        location.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(location))
        store.clear_graph(ox.DefaultGraph())
        store.load(ntriples, format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        held = len(store)
        del store  # closes the store, so the server can open it
    except (OSError, SyntaxError, ValueError) as exc:
        raise EndpointError(f"{location}: cannot fill the store ({exc})") from None
    return held


def start(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    wait_s: float = 30.0,
    read_only: bool = False,
    union: bool = False,
) -> Server:
    """Start ``oxigraph serve`` on ``location`` at ``host:port`` (0: a free port); wait for it.

    ``read_only`` starts ``serve-read-only``: no update or store writes at all.
    ``union`` makes the default graph the union of the named graphs.
    """
    port = port or free_port(host)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if _in_use(host, port):
        # Checked first: the probe below would mistake the other listener for our child.
        raise EndpointError(f"{bind}: address already in use")
    try:
        location.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EndpointError(f"{location}: cannot create the store ({exc.strerror})") from None
    log = tempfile.TemporaryFile()  # noqa: SIM115 -- the Server owns it; stop() closes it
    mode = "serve-read-only" if read_only else "serve"
    cmd = [str(oxigraph_binary()), mode, "--location", str(location), "--bind", bind]
    if union:
        cmd.append("--union-default-graph")
    try:
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            process_group=0,
            env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"},
        )
    except OSError as exc:
        log.close()
        raise EndpointError(f"{cmd[0]}: cannot start ({exc.strerror or exc})") from None
    server = Server(process, host, port, location, log)
    guard.allow(server.base)  # the readiness probe below connects to it
    deadline = time.monotonic() + wait_s
    while True:
        if process.poll() is not None:
            why = _why(log)
            stop(server)
            raise EndpointError(f"{server.base}: oxigraph exited at start: {why}")
        try:
            # Oxigraph opens the store before it binds: a listening port means ready.
            with socket.create_connection((host, port), timeout=0.5):
                if process.poll() is None:
                    return server
        except OSError:
            pass
        if time.monotonic() > deadline:
            stop(server)
            raise EndpointError(f"{server.base}: oxigraph did not answer within {wait_s:g}s")
        time.sleep(0.05)


def stop(server: Server, grace: float = 10.0) -> int:
    """Terminate the child (kill it after ``grace`` seconds) and reap it; its exit code."""
    process = server.process
    try:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
        return process.wait()
    finally:
        server.log.close()


@contextmanager
def running(
    location: Path, *, host: str = "127.0.0.1", port: int = 0, read_only: bool = False
) -> Iterator[Server]:
    """A started server that is stopped however the block ends."""
    server = start(location, host=host, port=port, read_only=read_only)
    try:
        yield server
    finally:
        stop(server)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C inside the block, so both stop a server the same clean way."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def wait(server: Server) -> None:
    """Block until Ctrl-C (KeyboardInterrupt); an EndpointError if the server dies first."""
    code = server.process.wait()
    why = _why(server.log)
    raise EndpointError(f"{server.base}: oxigraph exited with code {code}: {why}")
