"""Remote SPARQL 1.1 servers: queries that answer like the embedded engine, and atomic pushes.

``remote_query`` returns the same ``Result`` as ``run_query`` on an in-process
graph (rows of rdflib terms), so the two engines can be compared answer for
answer. Every failure is one ``EndpointError`` line naming the URL:
unreachable, HTTP status, a redirect (never followed: the guard allowed this
host only), the deadline, or a malformed response.

``timeout`` is a wall-clock deadline for the whole request: connecting,
sending, the headers and every byte of the body. urllib's own timeout is per
socket operation, so a server trickling one byte every half second would hold
it for ever; here a timer shuts the connection's socket down at the deadline.
"""

from __future__ import annotations

import ast
import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.request
import warnings
from collections.abc import Callable
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from tipgraph import __version__
from tipgraph.errors import EndpointError, TipgraphError
from tipgraph.safety import guard
from tipgraph.sparql.results import Result

__all__ = ["AGENT", "check_url", "failure", "open_url", "remote_query", "remote_update"]

AGENT = f"tipgraph/{__version__}"
_GRAPH_TYPES = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/turtle": "turtle",
}


def check_url(url: str) -> None:
    """Refuse anything but http(s) (urllib would read file:// and ftp:// too); else let it through.

    Every URL this module contacts passes here first, so this is where the
    network guard is told that the user asked for it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url}: not an http(s) URL")
    guard.allow(url)


def _reason(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return f": {text[:200]}" if text else ""


def failure(url: str, exc: BaseException, timeout: float) -> EndpointError:
    """One line for whatever urllib, http.client or SPARQLWrapper raised."""
    if isinstance(exc, SPARQLWrapperException):
        # SPARQLWrapper re-raises an HTTPError as its own class (the original is the
        # context) and keeps the body only as a repr inside its multi-line message.
        ctx = exc.__context__
        status = f"HTTP {ctx.code} {ctx.reason}" if isinstance(ctx, HTTPError) else exc.msg
        _, _, shown = str(exc).partition("Response:\n")
        try:
            body = ast.literal_eval(shown) if shown else b""
        except (ValueError, SyntaxError):
            body = b""
        return EndpointError(f"{url}: {status}{_reason(body if isinstance(body, bytes) else b'')}")
    if isinstance(exc, HTTPError) and 300 <= exc.code < 400:
        where = exc.headers.get("Location", "nowhere") if exc.headers else "nowhere"
        return EndpointError(
            f"{url}: HTTP {exc.code} {exc.reason}: redirect to {where} not followed "
            "(give the URL it names)"
        )
    if isinstance(exc, HTTPError):
        try:
            body = exc.read()
        except (OSError, http.client.HTTPException):
            body = b""
        return EndpointError(f"{url}: HTTP {exc.code} {exc.reason}{_reason(body)}")
    reason = exc.reason if isinstance(exc, URLError) else exc
    why = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
    if isinstance(reason, TimeoutError):
        return EndpointError(f"{url}: timed out after {timeout:g}s")
    if isinstance(reason, ConnectionRefusedError) or not isinstance(reason, BaseException):
        return EndpointError(f"{url}: unreachable ({why})")  # also name lookups, bad URLs
    if isinstance(reason, ConnectionError | http.client.HTTPException):
        # The server went away mid-request (reset, broken pipe, truncated answer).
        return EndpointError(f"{url}: connection lost ({why or type(reason).__name__})")
    if isinstance(reason, OSError):
        return EndpointError(f"{url}: unreachable ({why})")
    return EndpointError(f"{url}: {type(exc).__name__}: {exc}")


def _wrapper(url: str, text: str, kind: str) -> SPARQLWrapper:
    """A POSTing SPARQLWrapper whose query type is ours, not its regex's guess.

    It builds the request (encoding, headers); ``open_url`` sends it.
    """
    sparql = SPARQLWrapper(url, updateEndpoint=url, agent=AGENT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its regex warns on queries it cannot classify
        sparql.setQuery(text)
    sparql.queryType = kind
    sparql.setMethod(POST)
    sparql.setOnlyConneg(True)  # Accept headers only, no format=/output= parameters
    return sparql


class _Deadline:
    """Shuts down every socket opened under it once ``timeout`` seconds have passed."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.at = time.monotonic() + timeout
        self.expired = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.timer = threading.Timer(timeout, self.expire)
        self.timer.daemon = True

    def left(self) -> float:
        return max(self.at - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                sock.shutdown(socket.SHUT_RDWR)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # a blocked recv returns at once


def _connection(base: type[http.client.HTTPConnection], deadline: _Deadline) -> Any:
    class Connection(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            self.timeout = deadline.left()
            super().connect()
            deadline.watch(self.sock)

    return Connection


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises the 3xx as an HTTPError


def _opener(deadline: _Deadline) -> urllib.request.OpenerDirector:
    class Http(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(_connection(http.client.HTTPConnection, deadline), req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> Any:
            conn = _connection(http.client.HTTPSConnection, deadline)
            return self.do_open(conn, req, context=self._context)  # type: ignore[attr-defined]

    return urllib.request.build_opener(Http, Https, _NoRedirect)


def open_url(
    url: str,
    request: urllib.request.Request,
    timeout: float,
    read: Callable[[Any], bytes] | None = None,
) -> tuple[str, bytes]:
    """Send ``request`` and read the whole answer by the deadline; (media type, body).

    Redirects are not followed. Any failure, also one while reading the body, is
    one EndpointError line naming ``url``.
    """
    deadline = _Deadline(timeout)
    deadline.timer.start()
    try:
        with _opener(deadline).open(request, timeout=deadline.left()) as response:
            body = read(response) if read is not None else response.read()
            if deadline.expired:
                raise TimeoutError
            return response.headers.get_content_type(), body
    except TipgraphError:  # the network guard's refusal says it best
        raise
    except Exception as exc:  # urllib, http.client, socket and ssl errors
        if deadline.expired:
            raise EndpointError(f"{url}: timed out after {timeout:g}s") from None
        raise failure(url, exc, timeout) from None
    finally:
        deadline.timer.cancel()


def _send(url: str, sparql: SPARQLWrapper, timeout: float) -> tuple[str, bytes]:
    """Send the request; the response's media type and body, or an EndpointError."""
    try:
        request = sparql._createRequest()
    except Exception as exc:  # a URL urllib cannot take
        raise failure(url, exc, timeout) from None
    return open_url(url, request, timeout)


def _term(value: dict[str, str]) -> Node:
    """A SPARQL JSON results binding as an rdflib term, as the embedded engine would give it."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if kind in ("literal", "typed-literal"):  # typed-literal: SPARQL 1.0 JSON (old Virtuoso)
        lang = value.get("xml:lang")
        datatype = None if lang else value.get("datatype")
        return Literal(value["value"], lang=lang, datatype=URIRef(datatype) if datatype else None)
    raise ValueError(f"unknown term type {kind!r}")


def _parse(url: str, kind: str, media: str, body: bytes) -> Result:
    try:
        if kind in ("CONSTRUCT", "DESCRIBE"):
            if media not in _GRAPH_TYPES:
                raise ValueError(f"content type {media!r} is not N-Triples or Turtle")
            graph = Graph()
            graph.parse(data=body.decode("utf-8"), format=_GRAPH_TYPES[media])
            return Result(kind, graph=graph)
        data = json.loads(body)
        if kind == "ASK":
            if not isinstance(data["boolean"], bool):
                raise ValueError("'boolean' is not true or false")
            return Result(kind, boolean=data["boolean"])
        variables = [str(v) for v in data["head"]["vars"]]
        rows = [
            {v: _term(b[v]) if v in b else None for v in variables}
            for b in data["results"]["bindings"]
        ]
        return Result(kind, variables, rows)
    except Exception as exc:  # json, rdflib parser, missing keys, wrong types
        what = f"{type(exc).__name__}: {exc}" if not isinstance(exc, ValueError) else str(exc)
        raise EndpointError(f"{url}: malformed {kind} response ({what})") from None


def remote_query(
    endpoint: str,
    text: str,
    kind: str,
    *,
    timeout: float = 30.0,
    default_graph: str | None = None,
) -> Result:
    """Answer ``text`` (of the given ``kind``) at ``endpoint``, shaped like the embedded answer."""
    check_url(endpoint)
    sparql = _wrapper(endpoint, text, kind)
    if kind in ("CONSTRUCT", "DESCRIBE"):
        sparql.setReturnFormat(TURTLE)
        sparql.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
    else:
        sparql.setReturnFormat(JSON)
    if default_graph is not None:
        sparql.addDefaultGraph(default_graph)
    media, body = _send(endpoint, sparql, timeout)
    return _parse(endpoint, kind, media, body)


def remote_update(update_url: str, text: str, kind: str, *, timeout: float = 30.0) -> None:
    """Run one SPARQL Update request (``kind``: MOVE, DROP, ...) at ``update_url``."""
    check_url(update_url)
    _send(update_url, _wrapper(update_url, text, kind), timeout)
