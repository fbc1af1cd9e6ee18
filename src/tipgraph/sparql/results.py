"""Write a query's answer as a table, CSV, JSON or Turtle.

``json`` is the SPARQL 1.1 Query Results JSON Format and ``csv`` the SPARQL
1.1 Query Results CSV Format, so other tools read them as they read any
endpoint's answer; ``table`` is for people (prefixed names, long cells cut);
graphs (CONSTRUCT, DESCRIBE) are canonical Turtle from ``tipgraph.graph.fmt``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from tipgraph.errors import QueryError
from tipgraph.graph.fmt import serialize
from tipgraph.namespaces import PREFIXES

__all__ = [
    "FORMATS",
    "Result",
    "check_format",
    "render",
    "to_csv",
    "to_json",
    "to_table",
    "to_turtle",
]


@dataclass
class Result:
    """A query's answer: variables and rows for SELECT, a boolean for ASK, a graph otherwise."""

    kind: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


FORMATS = ("table", "csv", "json", "ttl")

_GRAPH_KINDS = ("CONSTRUCT", "DESCRIBE")
_NAMESPACES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _json_term(term: Node) -> dict[str, str]:
    """One RDF term as the SPARQL 1.1 JSON results format writes it."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"cannot write a {type(term).__name__} in query results")


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON: ``head.vars`` and ``results.bindings``, or ``boolean``."""
    doc: dict[str, Any]
    if result.kind == "ASK":
        doc = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {var: _json_term(term) for var, term in row.items() if term is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _csv_value(term: Node | None) -> str:
    # The CSV format keeps only the lexical form: no datatype, no language, no <>.
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: a header of variable names, CRLF line ends.

    The format has no ASK form; an ASK answer is one ``boolean`` column.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(row.get(var)) for var in result.variables])
    return out.getvalue()


def _short(term: Node | None) -> str:
    """A term as a person reads it: ``kv:pvpt``, ``191970.0``, ``_:b0``."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in _NAMESPACES:
            local = iri[len(ns) :]
            if iri.startswith(ns) and local and all(c.isalnum() or c in "-_." for c in local):
                return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(result: Result, width: int = 60) -> str:
    """An aligned text table; cells longer than ``width`` are cut (use csv or json for all)."""
    if result.kind == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    header = list(result.variables)
    cells = [[_cut(_short(row.get(var)), width) for var in header] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def to_turtle(result: Result) -> str:
    """A CONSTRUCT or DESCRIBE answer as canonical Turtle."""
    if result.graph is None:
        raise QueryError(f"a {result.kind} query has no graph to write as Turtle")
    return serialize(_simple_literals(result.graph))


def _simple_literals(graph: Graph) -> Graph:
    """The graph with ``"x"^^xsd:string`` written ``"x"``: the same term in RDF 1.1.

    Oxigraph's CONSTRUCT answers spell the datatype out; our own Turtle never does.
    """
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


def check_format(kind: str, fmt: str | None = None) -> str:
    """The format a ``kind`` query's answer is written in (``fmt``, or its default), or why not.

    Known from the query's text alone, so the command refuses before loading or asking anything.
    """
    is_graph = kind in _GRAPH_KINDS
    fmt = fmt or ("ttl" if is_graph else "table")
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})")
    if is_graph != (fmt == "ttl"):
        want = "ttl" if is_graph else "table, csv or json"
        raise QueryError(f"a {kind} query cannot be written as {fmt}: use {want}")
    return fmt


def render(result: Result, fmt: str | None = None) -> str:
    """The answer in ``fmt``; by default a table for SELECT and ASK, Turtle for graphs."""
    fmt = check_format(result.kind, fmt)
    if fmt == "ttl":
        return to_turtle(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    return to_table(result)
