"""Push: replace a SPARQL 1.1 store's graph with the built graph, atomically.

The triples go to a temporary named graph through the Graph Store Protocol,
are counted back, and only then are moved into place by one update.
"""

from __future__ import annotations

import re
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from rdflib import Graph, Literal, URIRef

from tipgraph.errors import EndpointError, TipgraphError
from tipgraph.sparql.endpoint import AGENT, check_url, failure, remote_query, remote_update

__all__ = ["VIRTUOSO_DEFAULT_GRAPH", "PushResult", "Urls", "derive_urls", "push"]

_QUERIES = Path(__file__).with_name("endpoint_queries")
_CHUNK = 64 * 1024
# Where `push` without --graph puts the triples on Virtuoso, which has no default graph to
# replace: every query without FROM (or default-graph-uri) reads it with the other graphs.
VIRTUOSO_DEFAULT_GRAPH = "urn:tipgraph:default-graph"


@dataclass(frozen=True)
class Urls:
    """Where one server answers queries, takes updates and stores graphs (Graph Store Protocol)."""

    query: str
    update: str
    store: str
    # The graph that stands for "the default graph" on a server that keeps none of its own
    # (Virtuoso: a query without FROM reads the union of all graphs, an update must name one).
    default_graph: str | None = None


@dataclass(frozen=True)
class PushResult:
    """What a push did: triples sent, seconds taken, and the graph replaced (None: default)."""

    triples: int
    seconds: float
    graph: str | None


def derive_urls(endpoint: str, update: str | None = None, store: str | None = None) -> Urls:
    """The update and Graph Store URLs of the usual layouts, unless given.

    Oxigraph ``/query`` → ``/update``, ``/store``; Fuseki ``/ds/query`` or
    ``/ds/sparql`` → ``/ds/update``, ``/ds/data``; GraphDB / RDF4J
    ``/repositories/r`` → ``/repositories/r/statements``, ``…/rdf-graphs/service``;
    Virtuoso ``/sparql`` → ``/sparql`` (updates need the SPARQL_UPDATE grant),
    ``/sparql-graph-crud``, and its default graph is the named graph
    ``VIRTUOSO_DEFAULT_GRAPH``, which its queries without FROM read.
    """
    check_url(endpoint)
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    default_graph = None
    if path == "/query":
        paths = ("/update", "/store")
    elif path == "/sparql":
        paths, default_graph = ("/sparql", "/sparql-graph-crud"), VIRTUOSO_DEFAULT_GRAPH
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
    urls = Urls(endpoint, update or derived[0], store or derived[1], default_graph)
    check_url(urls.update)
    check_url(urls.store)
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
            "User-Agent": AGENT,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except TipgraphError:
        raise
    except Exception as exc:  # urllib, http.client and socket errors
        raise failure(store, exc, timeout) from None


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

    Where the server has no default graph (``urls.default_graph``), None means that graph.

    The triples go into a fresh temporary named graph first; only when the
    server holds all of them does one ``MOVE`` swap them in. On any failure the
    temporary graph is dropped (if the server still answers) and the target is
    left as it was. ``progress`` is called with the bytes sent after each chunk.
    """
    started = time.monotonic()
    target = target if target is not None else urls.default_graph
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
