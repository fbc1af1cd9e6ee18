"""Push: replace a SPARQL 1.1 store's graph with the built graph, atomically.

One SPARQL Update request does it all: drop the temporary graphs an older
tipgraph left behind (``urn:tipgraph:push:*``), drop the target, insert the
triples. A server runs one request as one transaction, so readers see the old
graph or the new one, never both, even where the default graph is the union
of the named graphs (Oxigraph ``--union-default-graph``, GraphDB): there is no
temporary graph for them to see. Only operations every SPARQL 1.1 Update
engine accepts are used (no ``MOVE ... TO DEFAULT``, which Virtuoso lacks).
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from tipgraph.errors import EndpointError
from tipgraph.sparql.endpoint import AGENT, check_url, open_url, remote_query

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


def _stale(query: str, timeout: float) -> list[URIRef]:
    """Temporary graphs an interrupted push of an older tipgraph left in the store."""
    text = (_QUERIES / "stale-push-graphs.rq").read_text(encoding="utf-8")
    rows = remote_query(query, text, "SELECT", timeout=timeout).rows
    return sorted(URIRef(str(row["g"])) for row in rows if isinstance(row.get("g"), URIRef))


def _update_text(graph: Graph, target: str | None, stale: list[URIRef]) -> bytes:
    """One update: drop the stale graphs and the target, insert the triples (as N-Triples)."""
    drops = "".join(f"DROP SILENT GRAPH {g.n3()} ;\n" for g in stale)
    if target is None:
        clear, open_, close = "DROP SILENT DEFAULT ;\n", "INSERT DATA {\n", "}\n"
    else:
        iri = URIRef(target).n3()
        clear, open_, close = (
            f"DROP SILENT GRAPH {iri} ;\n",
            f"INSERT DATA {{ GRAPH {iri} {{\n",
            "} }\n",
        )
    head = (drops + clear + open_).encode("utf-8")
    return head + graph.serialize(format="nt", encoding="utf-8") + close.encode("utf-8")


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
    Everything is one update request, one transaction on the server: if it
    fails or is cut off, the target is as it was. ``timeout`` is the deadline
    for each request (the stale-graph lookup, then the update); ``progress``
    is called with the bytes sent after each chunk.
    """
    started = time.monotonic()
    target = target if target is not None else urls.default_graph
    body = _update_text(graph, target, _stale(urls.query, timeout))
    request = urllib.request.Request(
        urls.update,
        data=_chunks(body, progress),
        method="POST",
        headers={
            "Content-Type": "application/sparql-update; charset=utf-8",
            "Content-Length": str(len(body)),
            "User-Agent": AGENT,
        },
    )
    open_url(urls.update, request, timeout)
    return PushResult(len(graph), time.monotonic() - started, target)
