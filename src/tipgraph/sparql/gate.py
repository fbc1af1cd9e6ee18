"""A gate in front of a writable Oxigraph server: Host and Origin are checked first.

Oxigraph checks neither header, so once ``serve --allow-updates`` accepts writes,
any web page open in a browser on this machine could POST an update to it (a
cross-origin form needs no CORS permission to be *sent*), and a DNS-rebinding
page could read it. The gate answers 403 to a request whose ``Host`` is not
this server's own address, and to a write whose ``Origin`` (or
``Sec-Fetch-Site``) says another site sent it; everything else is passed to
Oxigraph on a private loopback port and its answer relayed as it is.
Command-line clients (curl, SPARQLWrapper, ``tipgraph push``) send no Origin.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tipgraph.errors import EndpointError

__all__ = ["gate", "refusal"]

_SAFE = ("GET", "HEAD", "OPTIONS")
_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def refusal(method: str, headers: dict[str, str], allowed_hosts: set[str]) -> str | None:
    """Why this request is refused (None: pass it on). Header names are lower-case."""
    host = headers.get("host", "")
    if host.lower() not in allowed_hosts:
        return f"Host {host!r} is not this server"
    if method in _SAFE:
        return None
    origin = headers.get("origin")
    if origin is not None and origin.lower() != f"http://{host.lower()}":
        return f"a write from {origin!r}, another origin"
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return "a write sent by another site"
    return None


def _handler(upstream: tuple[str, int], allowed: set[str]) -> type[BaseHTTPRequestHandler]:
    class Gate(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet, as Oxigraph
            pass

        def _relay(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            length = int(headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else None
            why = refusal(self.command, headers, allowed)
            if why is not None:
                text = f"refused: {why}\n".encode()
                self.send_response(403)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)
                return
            conn = http.client.HTTPConnection(*upstream, timeout=600)
            try:
                forward = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
                conn.request(self.command, self.path, body=body, headers=forward)
                answer = conn.getresponse()
                data = answer.read()
            finally:
                conn.close()
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_HEAD = do_OPTIONS = do_POST = do_PUT = do_DELETE = _relay

    return Gate


@contextmanager
def gate(upstream: tuple[str, int], host: str, port: int) -> Iterator[str]:
    """Serve the gate at ``host:port`` in a thread for the block; yields its base URL."""
    shown = f"[{host}]" if ":" in host else host
    allowed = {f"{name}:{port}" for name in (shown, "localhost", "127.0.0.1", "[::1]")}
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    server_class = type("GateServer", (ThreadingHTTPServer,), {"address_family": family})
    try:
        server = server_class((host, port), _handler(upstream, allowed))
    except OSError as exc:
        raise EndpointError(f"{shown}:{port}: cannot listen ({exc.strerror or exc})") from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{shown}:{port}"
    finally:
        server.shutdown()
        server.server_close()
