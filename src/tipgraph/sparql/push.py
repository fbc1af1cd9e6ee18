"""Push: replace a SPARQL 1.1 store's graph with the built graph, atomically.

One Graph Store Protocol ``PUT`` replaces the target graph: one request, one
transaction on the server, so readers see the old graph or the new one, never
both -- also where the default graph is the union of the named graphs
(Oxigraph ``--union-default-graph``, GraphDB), because there is no temporary
graph for them to see. Temporary graphs that older tipgraph versions left
behind (``urn:tipgraph:push:*``, from a client killed between upload and
``MOVE``) are dropped first. Nothing needs cleaning up after a failure, so no
cleanup error can mask the failure.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from rdflib import Graph, URIRef

from tipgraph.errors import EndpointError
from tipgraph.sparql.endpoint import AGENT, check_url, open_url, remote_query, remote_update

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


def _store_url(store: str, target: str | None) -> str:
    """The Graph Store Protocol URL of ``target`` (None: the default graph)."""
    query = urlencode({"graph": target}) if target is not None else "default"
    return store + ("&" if "?" in store else "?") + query


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

    First the temporary graphs an older tipgraph may have left are dropped (one
    update). Then one Graph Store Protocol ``PUT`` replaces the target: one
    request, which the server runs as one transaction, so readers see the old
    graph or the new one, and a cut-off upload leaves the old one. (One
    ``INSERT`` would do the same, but Virtuoso's SPARQL compiler runs out of
    memory near 5,000 template lines and refuses blank nodes in ``INSERT DATA``.)
    ``timeout`` is the deadline of each request; ``progress`` is called with
    the bytes sent after each chunk.
    """
    started = time.monotonic()
    target = target if target is not None else urls.default_graph
    stale = _stale(urls.query, timeout)
    if stale:
        drops = " ;\n".join(f"DROP SILENT GRAPH {g.n3()}" for g in stale)
        remote_update(urls.update, drops, "DROP", timeout=timeout)
    body = graph.serialize(format="nt", encoding="utf-8")
    url = _store_url(urls.store, target)
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
    open_url(urls.store, request, timeout)
    return PushResult(len(graph), time.monotonic() - started, target)
