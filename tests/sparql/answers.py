"""Compare two engines' answers by value: what a reader sees, not how a store spells it.

Numbers compare by value whatever their type (Virtuoso answers a sum as 282030.0 where
rdflib says 282030; Oxigraph writes 28750.0 as 28750), a plain string equals the same
xsd:string, and blank nodes are only "a blank node" (every server relabels them).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from rdflib import BNode, Graph, Literal
from rdflib.namespace import XSD

from tipgraph.graph.canon import isomorphic
from tipgraph.sparql.results import Result

_NUMERIC = {
    XSD[t]
    for t in [
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    ]
}


def by_value(term):
    """A term as its value: numbers as Decimal, xsd:string as a plain literal.

    Booleans count as 1 and 0: Virtuoso has no boolean type and answers true as 1.
    """
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean and isinstance(term.value, bool):
            return ("number", Decimal(int(term.value)))
        if term.datatype in _NUMERIC and term.value is not None:
            return ("number", Decimal(str(term.value)).normalize())
        if term.datatype == XSD.string:
            return Literal(str(term))
    return term


def plain(term):
    return "_:b" if isinstance(term, BNode) else by_value(term)


def _graph_by_value(g: Graph) -> Graph:
    out = Graph()
    for s, p, o in g:
        value = by_value(o)
        if isinstance(value, tuple):  # numbers: one canonical decimal literal
            value = Literal(value[1], datatype=XSD.decimal)
        out.add((s, p, value))
    return out


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic once literals are compared by value."""
    return isomorphic(_graph_by_value(a), _graph_by_value(b))


def order_keys(text: str) -> list[str] | None:
    """The variables a query sorts by, or None when it sorts by expressions (or not at all)."""
    text = re.sub(r"(?m)^\s*#.*$", "", text)  # the header's prose may say "order by"
    m = re.search(r"\bORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)", text, re.I | re.S)
    if not m:
        return None
    # ?x, DESC(?x), STR(?x), COALESCE(STR(?x), ""): each sorts by the variable ?x
    key = r'(?:ASC|DESC)?\s*\(?\s*(?:COALESCE\s*\(\s*)?(?:STR\s*\(\s*)?\?(\w+)\s*\)?\s*(?:,\s*""\s*\))?\s*\)?'

    keys = re.findall(key, m.group(1), re.I)
    leftover = re.sub(key, "", m.group(1), flags=re.I)
    return keys if keys and not leftover.strip() else None


def differences(text: str, here: Result, there: Result) -> str | None:
    """None when ``there`` gives ``here``'s answer by value (and order); else what differs."""
    if there.kind != here.kind:
        return f"kind {there.kind} != {here.kind}"
    if here.kind == "ASK":
        return None if there.boolean is here.boolean else f"{there.boolean} != {here.boolean}"
    if here.kind in ("CONSTRUCT", "DESCRIBE"):
        assert here.graph is not None and there.graph is not None
        if same_graph(there.graph, here.graph):
            return None
        return f"graphs differ: {len(there.graph)} vs {len(here.graph)} triples"
    if there.variables != here.variables:
        return f"variables {there.variables} != {here.variables}"
    rows_here = [tuple(plain(r[v]) for v in here.variables) for r in here.rows]
    rows_there = [tuple(plain(r[v]) for v in there.variables) for r in there.rows]
    if Counter(rows_there) != Counter(rows_here):
        extra = Counter(rows_there) - Counter(rows_here)
        missing = Counter(rows_here) - Counter(rows_there)
        return (
            f"{len(rows_there)} vs {len(rows_here)} rows; extra {list(extra)[:2]}, "
            f"missing {list(missing)[:2]}"
        )
    keys = order_keys(text)
    if keys is not None:  # ties may come in any order: compare the sort keys' sequence
        idx = [here.variables.index(k) for k in keys if k in here.variables]
        if [tuple(r[i] for i in idx) for r in rows_there] != [
            tuple(r[i] for i in idx) for r in rows_here
        ]:
            return "rows in another order"
    elif (
        re.search(r"\bORDER\s+BY\b", re.sub(r"(?m)^\s*#.*$", "", text), re.I)
        and rows_there != rows_here
    ):
        return "rows in another order"
    return None


__all__ = ["by_value", "differences", "order_keys", "plain", "same_graph"]
