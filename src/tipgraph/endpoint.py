"""Remote SPARQL 1.1 servers: queries that answer like the embedded engine, and atomic pushes.

``remote_query`` returns the same ``Result`` as ``run_query`` on an in-process
graph (rows of rdflib terms), so the two engines can be compared answer for
answer. ``push`` replaces a server's graph only once the new one is complete.
Every failure is one ``EndpointError`` line naming the URL: unreachable, HTTP
status, timeout or malformed response.
"""

from __future__ import annotations

import ast
import http.client
import json
import re
import time
import urllib.request
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from . import __version__, guard
from .errors import EndpointError, TipgraphError
from .query import Result

__all__ = ["PushResult", "Urls", "derive_urls", "push", "remote_query", "remote_update"]

_QUERIES = Path(__file__).with_name("endpoint_queries")
_AGENT = f"tipgraph/{__version__}"
_GRAPH_TYPES = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/turtle": "turtle",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Urls:
    """Where one server answers queries, takes updates and stores graphs (Graph Store Protocol)."""

    query: str
    update: str
    store: str


@dataclass(frozen=True)
class PushResult:
    """What a push did: triples sent, seconds taken, and the graph replaced (None: default)."""

    triples: int
    seconds: float
    graph: str | None


def _check_url(url: str) -> None:
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


def _failure(url: str, exc: BaseException, timeout: float) -> EndpointError:
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


def _wrapper(url: str, text: str, kind: str, timeout: float) -> SPARQLWrapper:
    """A POSTing SPARQLWrapper whose query type is ours, not its regex's guess."""
    sparql = SPARQLWrapper(url, updateEndpoint=url, agent=_AGENT)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its regex warns on queries it cannot classify
        sparql.setQuery(text)
    sparql.queryType = kind
    sparql.setMethod(POST)
    sparql.setOnlyConneg(True)  # Accept headers only, no format=/output= parameters
    # setTimeout() truncates to int (0.5 s would mean no timeout at all); keep the float.
    sparql.timeout = timeout  # type: ignore[assignment]
    return sparql


def _send(url: str, sparql: SPARQLWrapper, timeout: float) -> tuple[str, bytes]:
    """Send the request; the response's media type and body, or an EndpointError."""
    try:
        response = sparql.query().response
        with response:
            return response.headers.get_content_type(), response.read()
    except TipgraphError:  # the network guard's refusal says it best
        raise
    except Exception as exc:  # urllib, http.client, socket and SPARQLWrapper errors
        raise _failure(url, exc, timeout) from None


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
    _check_url(endpoint)
    sparql = _wrapper(endpoint, text, kind, timeout)
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
    _check_url(update_url)
    _send(update_url, _wrapper(update_url, text, kind, timeout), timeout)


def derive_urls(endpoint: str, update: str | None = None, store: str | None = None) -> Urls:
    """The update and Graph Store URLs of the usual layouts, unless given.

    Oxigraph ``/query`` → ``/update``, ``/store``; Fuseki ``/ds/query`` or
    ``/ds/sparql`` → ``/ds/update``, ``/ds/data``; GraphDB / RDF4J
    ``/repositories/r`` → ``/repositories/r/statements``, ``…/rdf-graphs/service``.
    """
    _check_url(endpoint)
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if path == "/query":
        paths = ("/update", "/store")
    elif m := re.fullmatch(r"(/.+)/(?:query|sparql)", path):
        paths = (m.group(1) + "/update", m.group(1) + "/data")
    elif re.fullmatch(r".*/repositories/[^/]+", path):
        paths = (path + "/statements", path + "/rdf-graphs/service")
    elif update is None or store is None:
        raise EndpointError(
            f"{endpoint}: cannot tell this server's update and store URLs; "
            "pass --update-url and --store-url"
        )
    else:
        paths = ("", "")
    derived = [parts._replace(path=p, query="", fragment="").geturl() for p in paths]
    urls = Urls(endpoint, update or derived[0], store or derived[1])
    _check_url(urls.update)
    _check_url(urls.store)
    return urls


def _chunks(body: bytes, progress: Callable[[int], None] | None) -> Iterator[bytes]:
    for start in range(0, len(body), _CHUNK):
        yield body[start : start + _CHUNK]
        if progress is not None:
            progress(min(start + _CHUNK, len(body)))


def _put(
    store: str,
    graph: URIRef,
    body: bytes,
    timeout: float,
    progress: Callable[[int], None] | None,
) -> None:
    """Graph Store Protocol PUT of N-Triples into ``graph``."""
    url = store + ("&" if "?" in store else "?") + urlencode({"graph": str(graph)})
    request = urllib.request.Request(
        url,
        data=_chunks(body, progress),
        method="PUT",
        headers={
            "Content-Type": "application/n-triples",
            "Content-Length": str(len(body)),
            "User-Agent": _AGENT,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except TipgraphError:
        raise
    except Exception as exc:  # urllib, http.client and socket errors
        raise _failure(store, exc, timeout) from None


def _count(query: str, graph: URIRef, timeout: float) -> int:
    text = (_QUERIES / "count-triples.rq").read_text(encoding="utf-8")
    result = remote_query(query, text, "SELECT", timeout=timeout, default_graph=str(graph))
    value = result.rows[0]["n"] if len(result.rows) == 1 else None
    if not isinstance(value, Literal) or not isinstance(value.value, int):
        raise EndpointError(f"{query}: malformed SELECT response (no triple count)")
    return value.value


def push(
    graph: Graph,
    urls: Urls,
    *,
    target: str | None = None,
    timeout: float = 60.0,
    progress: Callable[[int], None] | None = None,
) -> PushResult:
    """Replace the server's ``target`` graph (None: default graph) with ``graph``, atomically.

    The triples go into a fresh temporary named graph first; only when the
    server holds all of them does one ``MOVE`` swap them in. On any failure the
    temporary graph is dropped (if the server still answers) and the target is
    left as it was. ``progress`` is called with the bytes sent after each chunk.
    """
    started = time.monotonic()
    body = graph.serialize(format="nt", encoding="utf-8")
    temporary = URIRef(f"urn:tipgraph:push:{uuid.uuid4()}")
    destination = "DEFAULT" if target is None else f"GRAPH {URIRef(target).n3()}"
    try:
        _put(urls.store, temporary, body, timeout, progress)
        held = _count(urls.query, temporary, timeout)
        if held != len(graph):
            raise EndpointError(
                f"{urls.store}: the server holds {held} of the {len(graph)} triples sent; "
                "target left unchanged"
            )
        move = f"MOVE GRAPH {temporary.n3()} TO {destination}"
        remote_update(urls.update, move, "MOVE", timeout=timeout)
    except BaseException:  # also Ctrl-C: never leave a half-written temporary graph behind
        try:
            drop = f"DROP SILENT GRAPH {temporary.n3()}"
            remote_update(urls.update, drop, "DROP", timeout=min(timeout, 5.0))
        except EndpointError:
            pass
        raise
    return PushResult(len(graph), time.monotonic() - started, target)
