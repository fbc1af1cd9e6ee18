"""Load the ontology, the curated data and the source passages into one graph.

The storage engine is chosen here and only here (``new_graph``), so the
project can move from rdflib's in-memory store to another engine without
touching any other module.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException

from rdflib import BNode, Graph, URIRef

from tipgraph.errors import LoadError, TipgraphError
from tipgraph.graph.project import Project, default_project  # re-exported: callers import here
from tipgraph.graph.rules import (
    bad_literal,
    check_literals,
    check_passages,
    literal_error,
    quiet_literals,
)
from tipgraph.graph.sources import passages_graph
from tipgraph.namespaces import bind
from tipgraph.safety.checks import check_jsonld, check_rdfxml

__all__ = [
    "DEFAULT_STORE",
    "FORMATS",
    "STORES",
    "Project",
    "default_project",
    "load_files",
    "load_project",
    "native_store",
    "new_graph",
    "parse_file",
]

FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


STORES = ("memory", "oxigraph")
DEFAULT_STORE = "memory"


def new_graph(store: str = DEFAULT_STORE) -> Graph:
    """A fresh, empty graph on a storage engine, with the project's prefixes.

    ``memory`` is rdflib's own store; ``oxigraph`` is Oxigraph behind the same
    rdflib API (oxrdflib), whose SPARQL and parsers run in Rust. Its graph is
    Oxigraph's default graph, so SPARQL and SHACL see every triple.
    """
    if store == "memory":
        return bind(Graph())
    if store == "oxigraph":
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        return bind(Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID))
    raise LoadError(f"unknown store {store!r} (expected one of {', '.join(STORES)})")


def native_store(graph: Graph) -> Any | None:
    """The pyoxigraph.Store behind an Oxigraph-backed graph (None for other stores).

    Engines that speak Oxigraph natively (SPARQL, the SHACL validator) read it
    directly instead of through rdflib's triple-at-a-time API.
    """
    if type(graph.store).__name__ != "OxigraphStore":  # no import: oxrdflib is heavy
        return None
    return graph.store._inner  # type: ignore[attr-defined]


def _format_for(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise LoadError(f"{path}: unknown RDF file type (expected one of {known})") from None


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _nt_message(path: Path, text: str) -> str | None:
    """``file:line: what`` for N-Triples, whose parser names neither line nor cause.

    N-Triples has one statement per line, so the first line that fails on its
    own is the one to blame; its parser's original complaint is the reason.
    """
    from rdflib.plugins.parsers.ntriples import NTGraphSink, W3CNTriplesParser

    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        try:
            W3CNTriplesParser(NTGraphSink(Graph())).parsestring(line)
        except Exception as exc:
            why = str(exc.__context__ or exc)
            if m := re.match(r"Failed to eat .*? at (.*)$", why, re.DOTALL):
                rest = m.group(1).strip()
                why = f"unexpected {rest[:40]!r}" if rest else "statement ends too early"
            return f"{path}:{number}: {_one_line(why)}"
    return None


def _syntax_message(path: Path, exc: Exception, text: str = "", fmt: str = "") -> str:
    """Reduce a parser's (often multi-line) complaint to ``file:line: what``."""
    if fmt == "nt" and (message := _nt_message(path, text)):
        return message
    why, line = str(exc), None
    source, at = getattr(exc, "_str", None), getattr(exc, "_i", None)
    if isinstance(source, bytes) and isinstance(at, int):  # rdflib's BadSyntax
        # Its own ``lines`` can run past the end: count newlines up to the offset,
        # blaming the last line for an error at the very end.
        last = max(source.count(b"\n") + (not source.endswith(b"\n")), 1)
        line = min(source.count(b"\n", 0, at) + 1, last)
        why = str(getattr(exc, "_why", None) or why)
    elif isinstance(exc, SAXParseException):
        why, line = exc.getMessage(), exc.getLineNumber()
    elif m := re.search(r":(\d+):\d+: (.*)", why, re.DOTALL):  # "system-id:line:column: what"
        why, line = m.group(2), int(m.group(1))
    elif m := re.search(r"line (\d+)", why):
        line = int(m.group(1))
    why = _one_line(why) or type(exc).__name__
    if fmt == "json-ld":  # the JSON parsed, so this is rdflib tripping over its structure
        why = f"not valid JSON-LD ({why})"
    where = f"{path}:{line}" if line is not None else str(path)
    return f"{where}: {why}"


def _json_document(path: Path, text: str) -> Any:
    """The parsed JSON-LD, checked so that rdflib will not fetch a context while reading it."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"{path}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:  # huge numbers, deep nesting
        raise LoadError(f"{path}: invalid JSON: {_one_line(str(exc))}") from None
    if isinstance(document, list):
        document = {"@graph": document}  # a top-level array is an implicit @graph
    if not isinstance(document, dict):
        raise LoadError(f"{path}: not a JSON-LD document (expected an object or an array)")
    check_jsonld(path, document)
    return document


_LOADER_LOCK = threading.Lock()


@contextmanager
def _no_document_loader() -> Iterator[None]:
    """While parsing, rdflib's JSON-LD context loader refuses every URL and file.

    rdflib has no option for a document loader: it fetches any context it is
    pointed to (``http:``, a relative path, a FIFO, ``/dev/zero``) through
    ``context.source_to_json``. ``check_jsonld`` refuses such references first;
    this replaces the loader itself, so a reference the check did not see
    cannot be read either. Only inline contexts ever apply.
    """
    from rdflib.plugins.shared.jsonld import context

    def refuse(source: Any, *_: Any, **__: Any) -> Any:
        raise _RefusedContext(str(source))

    with _LOADER_LOCK:
        previous = context.source_to_json  # type: ignore[attr-defined]
        context.source_to_json = refuse  # type: ignore[attr-defined]
        try:
            yield
        finally:
            context.source_to_json = previous  # type: ignore[attr-defined]


class _RefusedContext(Exception):
    """A context reference reached the loader; the parser's caller turns it into a LoadError."""


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file into ``graph`` (a new one if none); any failure is one LoadError line.

    Nothing is fetched while parsing: JSON-LD naming a context by reference
    and RDF/XML declaring a DOCTYPE are refused (``tipgraph.safety.checks``).
    """
    target = graph if graph is not None else new_graph()
    fmt = _format_for(path)
    try:
        data = path.read_bytes()
        base = path.resolve().as_uri()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        why = getattr(exc, "strerror", None) or exc
        raise LoadError(f"{path}: cannot read ({why})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None
    source: Any = text
    if fmt == "json-ld":
        source = _json_document(path, text)  # rdflib gets exactly what was checked
    elif fmt == "xml":
        check_rdfxml(path, data)
        source = data
    scratch = Graph()
    try:
        with _no_document_loader(), quiet_literals():
            scratch.parse(data=source, format=fmt, publicID=base)
    except _RefusedContext as exc:
        raise LoadError(f"{path}: remote @context not fetched: {exc}") from None
    except TipgraphError:  # the network guard refused something: say so, unchanged
        raise
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise LoadError(_syntax_message(path, exc, text, fmt)) from None
    check_literals(path, scratch)
    for triple in scratch:
        target.add(triple)
    return target


_NATIVE = {".nt": "N_TRIPLES", ".ttl": "TURTLE"}


def _parse_native(path: Path, graph: Graph, origin: dict[URIRef | BNode, Path]) -> bool:
    """Parse ``path`` with Oxigraph's own parser straight into its store (about 10x rdflib's).

    False when the file does not parse, so that ``parse_file`` can say why in one line.
    """
    import pyoxigraph as ox

    store = native_store(graph)
    assert store is not None  # only called for the Oxigraph store
    batch: list[Any] = []
    try:
        fmt = getattr(ox.RdfFormat, _NATIVE[path.suffix.lower()])
        base = path.resolve().as_uri()  # blank nodes renamed: each file's are its own
        quads = ox.parse(path=path, format=fmt, base_iri=base, rename_blank_nodes=True)
        for quad in quads:  # all-or-nothing: nothing is added until the whole file parsed
            batch.append(ox.Quad(quad.subject, quad.predicate, quad.object))
    except (OSError, SyntaxError, ValueError):
        return False
    for quad in batch:
        o = quad.object
        if isinstance(o, ox.Literal) and (why := bad_literal(o.value, o.datatype.value)):
            s = quad.subject
            node = URIRef(s.value) if isinstance(s, ox.NamedNode) else BNode(s.value)
            raise literal_error(path, node, URIRef(quad.predicate.value), why)
    for s in {q.subject for q in batch}:
        node = URIRef(s.value) if isinstance(s, ox.NamedNode) else BNode(s.value)
        origin.setdefault(node, path)
    store.extend(batch)
    return True


def load_files(
    paths: tuple[Path, ...], store: str = DEFAULT_STORE
) -> tuple[Graph, dict[URIRef | BNode, Path]]:
    """RDF files in one graph on ``store``, and the file each subject was first written in."""
    graph = new_graph(store)
    origin: dict[URIRef | BNode, Path] = {}
    for path in paths:
        native = store == "oxigraph" and path.suffix.lower() in _NATIVE
        if native and _parse_native(path, graph, origin):
            continue
        part = parse_file(path)
        for s in part.subjects(unique=True):
            if isinstance(s, URIRef | BNode):
                origin.setdefault(s, path)
        graph += part
    return graph, origin


def load_project(
    project: Project, *, extra: tuple[Path, ...] = (), store: str = DEFAULT_STORE
) -> tuple[Graph, dict[URIRef | BNode, Path]]:
    """Ontology + data + passages (+ ``extra`` files) in one graph, and each subject's file.

    The origin map lets a validation report name the file a failing node
    was written in.
    """
    graph, origin = load_files((*project.ontology, *project.data, *extra), store)
    passages = passages_graph(project.sources)
    # what quotes are checked against is the sources'
    check_passages(graph, passages, origin, project.given)
    graph += passages
    return graph, origin
