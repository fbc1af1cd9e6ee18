"""Run SPARQL: the query library, parameters, and one signature for embedded and remote.

``run_query(text, params, graph=g)`` answers from an in-process graph;
``run_query(text, params, endpoint=url)`` sends the same query to a SPARQL
1.1 server. Parameters are never pasted into the query text: both engines get
them as one ``VALUES`` row of fully escaped terms at the start of the WHERE group
(``tipgraph.sparql.values``: where every SPARQL 1.1 engine, Virtuoso included,
accepts it), so quotes, braces, tabs or keywords in a value stay inside one
literal. rdflib also gets them as initial bindings, only so that it can use
them early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Identifier, Node

from tipgraph.errors import QueryError
from tipgraph.namespaces import ABSOLUTE_IRI, PREFIXES
from tipgraph.safety.checks import check_query, engine_text
from tipgraph.safety.sandbox import isolated
from tipgraph.sparql.results import Result
from tipgraph.sparql.values import inline_values

__all__ = [
    "LibraryQuery",
    "Param",
    "Result",
    "bind_params",
    "from_text",
    "kind_of",
    "library",
    "resolve",
    "run_query",
]

_PARAM = re.compile(
    r"^#\s*Param:\s*\?(\w+)\s+(iri|string|integer|decimal|date)\s+"
    r"(\"[^\"]*\"|\S+)\s*(?:—|-)?\s*(.*)$"
)
_HEADER = re.compile(r"^#\s*(Question|Returns|Notes):\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """A declared query parameter: its variable, kind and default (``-`` for none)."""

    name: str
    kind: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class LibraryQuery:
    """A query file from ``queries/``, with the header that documents it."""

    name: str
    path: Path
    text: str
    question: str
    params: tuple[Param, ...] = field(default=())


def _parse_header(name: str, path: Path, text: str) -> LibraryQuery:
    question, params = "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if m := _HEADER.match(line):
            if m.group(1) == "Question":
                question = m.group(2).strip()
        elif m := _PARAM.match(line):
            raw = m.group(3)
            # A quoted default may hold spaces ("KPS THBS"); "-" means no default.
            default = None if raw == "-" else raw[1:-1] if raw.startswith('"') else raw
            params.append(Param(m.group(1), m.group(2), default, m.group(4).strip()))
    if not question:
        raise QueryError(f"{path}: missing '# Question:' header")
    return LibraryQuery(name, path, text, question, tuple(params))


def library(queries_dir: Path) -> dict[str, LibraryQuery]:
    """Every ``.rq`` file in ``queries_dir``, by name (the file stem)."""
    out = {}
    for path in sorted(queries_dir.glob("*.rq")):
        out[path.stem] = _parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    return out


def from_text(name: str, text: str, path: Path | None = None) -> LibraryQuery:
    """A whole query handed over (a file, standard input); its header counts when it has one."""
    where = path or Path(name)
    try:
        return _parse_header(name, where, text)
    except QueryError:
        return LibraryQuery(name, where, text, "")


def resolve(spec: str, queries_dir: Path) -> LibraryQuery:
    """A library name, a path to an ``.rq`` file, or the text of a query itself."""
    lib = library(queries_dir) if queries_dir.is_dir() else {}
    if spec in lib:
        return lib[spec]
    path = Path(spec)
    if spec.endswith(".rq") or (len(spec) < 4096 and "\n" not in spec and path.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{spec}: cannot read query ({exc})") from None
        return from_text(path.stem, text, path)
    # Library names are single words; anything with spaces or braces is query text,
    # for check_query to accept or to refuse with its reason (malformed, an update).
    if re.search(r"[\s{}]", spec.strip()) or re.search(
        r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.IGNORECASE
    ):
        return LibraryQuery("<text>", Path("<text>"), spec, "")
    near = [name for name in sorted(lib) if spec.lower() in name or name in spec.lower()]
    hint = f"; did you mean {', '.join(near[:3])}?" if near else ""
    raise QueryError(
        f"unknown query {spec!r}: not in {queries_dir}, not an .rq file{hint} "
        "(`tipgraph query --list` lists the library)"
    )


def _term(param: Param, value: str) -> Node:
    """Turn a parameter value into an RDF term of the declared kind."""
    if param.kind == "iri":
        if value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        prefix, sep, local = value.partition(":")
        if sep and prefix in PREFIXES and not local.startswith("//"):
            value = PREFIXES[prefix] + local
        if not ABSOLUTE_IRI.fullmatch(value):
            raise QueryError(f"parameter {param.name}: not an IRI: {value!r}")
        return URIRef(value)
    datatype = {"integer": XSD.integer, "decimal": XSD.decimal, "date": XSD.date}.get(param.kind)
    lit = Literal(value, datatype=datatype)
    if datatype is not None and lit.value is None:
        raise QueryError(f"parameter {param.name}: not a valid {param.kind}: {value!r}")
    return lit


def bind_params(query: LibraryQuery, given: dict[str, str]) -> dict[str, Node]:
    """The parameter bindings: given values, else defaults; unknown names are an error."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise QueryError(
            f"{query.name}: unknown parameter(s) {', '.join(unknown)} (takes: {names})"
        )
    out: dict[str, Node] = {}
    for name, p in declared.items():
        value = given.get(name, p.default)
        if value is not None:
            out[name] = _term(p, value)
    return out


def _prologue(text: str) -> str:
    """Declare the project prefixes the query does not declare itself."""
    declared = set(re.findall(r"PREFIX\s+([\w-]*):", text, re.IGNORECASE))
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(lines) + "\n" + text


def _named(graph: Graph, iri: str) -> Graph:
    """The graph called ``iri`` in the same store as ``graph``; refused when it is empty."""
    view = Graph(
        store=graph.store, identifier=URIRef(iri), namespace_manager=graph.namespace_manager
    )
    if next(iter(view.triples((None, None, None))), None) is None:
        raise QueryError(
            f"--graph <{iri}>: no such graph here (a built graph is all in the default "
            "graph; --graph names a graph of an --endpoint)"
        )
    return view


def _embedded(graph: Graph, full: str, kind: str, bindings: dict[str, Node]) -> Result:
    """Evaluate on the in-process graph and read the whole answer (errors while reading too)."""
    try:
        # rdflib evaluates the union branches of actor-profile before joining them with
        # the VALUES row (6.5 s instead of 2.4 s, measured); initial bindings let it use
        # the parameters from the start. The VALUES stays in the
        # text, so the answer is the one a server gives. Oxigraph-backed graphs answer
        # SPARQL themselves, plan the VALUES well, and reject initial bindings of
        # variables the query does not project, so they get the VALUES alone.
        init = {k: v for k, v in bindings.items() if isinstance(v, Identifier)}
        if not isinstance(graph.store, Memory):
            init = {}
        res: Any = graph.query(full, initBindings=init)
        if kind == "ASK":
            return Result(kind, boolean=bool(res.askAnswer))
        if kind in ("CONSTRUCT", "DESCRIBE"):
            g = Graph()
            for t in res:
                g.add(t)
            return Result(kind, graph=g)
        variables = [str(v) for v in res.vars]
        rows = [{v: row[i] for i, v in enumerate(variables)} for row in res]
        return Result(kind, variables, rows)
    except Exception as exc:  # rdflib and Oxigraph raise errors of many types, also mid-read
        raise QueryError(f"query failed: {exc}") from None


def kind_of(text: str, bindings: dict[str, Node] | None = None) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of ``text`` as :func:`run_query` would run it.

    For refusing a wrong output format before any graph is loaded; whether the query may
    reach the network is :func:`run_query`'s check, made again there on the same text.
    """
    return check_query(
        engine_text(_prologue(inline_values(text, bindings or {}))), allow_network=True
    )


def run_query(
    text: str,
    bindings: dict[str, Node] | None = None,
    *,
    graph: Graph | None = None,
    endpoint: str | None = None,
    allow_network: bool = False,
    timeout: float = 30.0,
    named_graph: str | None = None,
) -> Result:
    """Answer ``text`` from ``graph`` (embedded) or ``endpoint`` (remote), in the same shape.

    ``named_graph`` makes that one graph the query's default graph: the protocol's
    ``default-graph-uri`` for an endpoint, the store's graph of that name embedded.
    ``timeout`` is a wall-clock deadline for the whole query. Embedded queries
    run in a child process that cannot open an Internet socket and is killed at
    the deadline (``tipgraph.safety.sandbox``) unless ``allow_network`` is given.
    """
    # The same text, parameters as an inline VALUES block, goes to both engines,
    # so embedded and remote answers cannot drift apart.
    full = _prologue(inline_values(text, bindings or {}))
    if endpoint is not None:
        kind = check_query(full, allow_network=True)
        from tipgraph.sparql.endpoint import remote_query

        return remote_query(endpoint, full, kind, timeout=timeout, default_graph=named_graph)
    if graph is None:
        raise QueryError("no graph and no endpoint to query")
    if named_graph is not None:
        graph = _named(graph, named_graph)
    full = engine_text(full)  # what the check reads is exactly what the engine reads
    kind = check_query(full, allow_network=allow_network)
    work = graph
    if allow_network:  # the user asked for SERVICE / FROM: no sandbox to stop it
        return _embedded(work, full, kind, bindings or {})
    return isolated(lambda: _embedded(work, full, kind, bindings or {}), timeout=timeout)
