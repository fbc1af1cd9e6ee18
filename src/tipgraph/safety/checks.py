"""Keep untrusted inputs off the network: queries, shapes, JSON-LD and RDF/XML.

Each check decides on the *parsed* input, not its spelling, and runs before
rdflib or pyshacl could act on it:

* ``check_query``: rdflib expands ``\\uXXXX`` escapes before parsing, so
  ``SERVIC\\u0045`` is seen as the ``SERVICE`` it is. Queries that would make
  rdflib fetch anything (``SERVICE``, ``FROM``, ``FROM NAMED``) are refused
  unless the user passes ``--allow-network``; updates (``LOAD``, ``USING``,
  any write) are never run.
* ``check_shapes``: the same check on every ``sh:select`` / ``sh:ask`` /
  ``sh:construct`` in a shapes graph (SPARQL constraints, targets, rules).
* ``check_jsonld``: rdflib fetches a string ``@context`` or ``@import``
  (remote or a local file) and has no switch to stop it, so those are refused.
* ``check_rdfxml``: a DOCTYPE (the only place an ENTITY can be declared) is
  refused before rdflib sees the file, so no entity is ever expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from tipgraph.errors import LoadError, QueryError

__all__ = [
    "check_jsonld",
    "check_query",
    "check_rdfxml",
    "check_shapes",
    "engine_text",
    "named_owner",
]

_KINDS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_SHAPE_QUERIES = tuple(URIRef(f"{SH}{name}") for name in ("select", "ask", "construct"))


def _walk(root: Any) -> Iterator[Any]:
    """Every parse-tree or algebra node below ``root`` (iterative: depth cannot overflow)."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # the tree holds every node, so ids are not reused meanwhile
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _network_use(*trees: Any) -> str | None:
    """Why the query would reach the network, or None."""
    for tree in trees:
        for node in _walk(tree):
            name = getattr(node, "name", None)
            if name == "ServiceGraphPattern":
                return "query uses SERVICE, which reaches the network"
            if name == "DatasetClause":
                return "query uses FROM / FROM NAMED, which may fetch remote graphs"
    return None


def _parse(text: str) -> tuple[str, str | None]:
    """The query's kind and why it would reach the network (None if it would not)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
        # translateQuery rewrites the parse tree in place: look before and after.
        before = _network_use(parsed)
        query = translateQuery(parsed)
    except Exception as exc:  # pyparsing and algebra errors, RecursionError
        if _looks_like_update(text):
            raise QueryError(
                "not a query: updates (INSERT, DELETE, LOAD, ...) are not run"
            ) from None
        raise QueryError(f"malformed query: {' '.join(str(exc).split())}") from None
    kind = _KINDS.get(getattr(query.algebra, "name", ""), "")
    if not kind:
        raise QueryError("not a query: only SELECT, ASK, CONSTRUCT and DESCRIBE are run")
    return kind, before or _network_use(query.algebra)


_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}")


def engine_text(text: str) -> str:
    """The query with its ``\\u`` escapes expanded: the one text both the check and the engine read.

    SPARQL 1.1 expands code-point escapes before tokenising (rdflib does);
    Oxigraph expands them only inside strings and IRIs, so ``"\\u0022"`` ends a
    string for one and not for the other, and they would read different
    queries. Expanded here, the text has no escapes left for either to read
    its own way. An escape that expansion *creates* (``\\u005Cu0053``) would be
    read differently again, so it is refused.
    """
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as exc:
        raise QueryError(f"malformed query: {exc}") from None
    if _ESCAPE.search(expanded):
        raise QueryError("malformed query: a \\u escape spells another \\u escape")
    return expanded


def check_query(text: str, *, allow_network: bool = False) -> str:
    """Parse ``text``, refuse what reaches the network, return its kind (SELECT, ASK, ...)."""
    kind, why = _parse(text)
    if why and not allow_network:
        raise QueryError(f"{why}; pass --allow-network")
    return kind


def _looks_like_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def named_owner(graph: Graph, node: Node) -> Node:
    """The nearest named node above a blank node, so a message can name a shape or a fact."""
    seen: set[Node] = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(graph.subjects(None, node), None)
        if parent is None:
            break
        node = parent
    return node


def _prologue(shapes: Graph) -> str:
    """PREFIX lines for every ``sh:declare`` and every bound prefix of the shapes graph."""
    pairs = [(str(p), str(ns)) for p, ns in shapes.namespaces()]
    for decl in shapes.objects(None, SH.declare):
        prefix, ns = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
        if prefix is not None and ns is not None:
            pairs.append((str(prefix), str(ns)))
    return "".join(
        f"PREFIX {p}: <{ns}>\n"
        for p, ns in pairs  # skip what would not be a prefix or an IRI, rather than paste it
        if re.fullmatch(r"[\w.-]*", p) and re.fullmatch(r"[^\s<>\"{}|^`\\]*", ns)
    )


def check_shapes(shapes: Graph, *, allow_network: bool = False) -> int:
    """Refuse a shapes graph whose SPARQL would reach the network; returns how many were checked.

    pyshacl hands these queries to rdflib, which would follow ``SERVICE`` and
    ``FROM`` while validating; checking them here keeps that from happening.
    """
    prologue, count = _prologue(shapes), 0
    for prop in _SHAPE_QUERIES:
        for node, text in shapes.subject_objects(prop):
            owner = named_owner(shapes, node)
            where = (
                shapes.namespace_manager.normalizeUri(str(owner))
                if isinstance(owner, URIRef)
                else str(owner)
            )
            label = shapes.namespace_manager.normalizeUri(prop)
            if _ESCAPE.search(str(text)):
                # The engines read escapes differently (see engine_text) and the shape's
                # text is what they get: refuse rather than guess which reading counts.
                raise QueryError(
                    f"shape {where}: {label}: \\u escapes are refused in shape queries "
                    "(engines read them differently); write the characters"
                )
            # pyshacl substitutes $PATH textually; any IRI stands in for it here.
            query = re.sub(r"[$?]PATH\b", "<urn:tipgraph:path>", str(text))
            try:
                _, why = _parse(prologue + query)
            except QueryError as exc:
                raise QueryError(f"shape {where}: {label}: {exc}") from None
            if why and not allow_network:
                raise QueryError(f"shape {where}: {label}: {why}; refused")
            count += 1
    return count


def check_jsonld(path: Path, document: Any) -> None:
    """Refuse parsed JSON-LD that names a context by reference (rdflib would fetch it)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if "@context" in node:
            refs = [node["@context"]]
            while refs:  # lists of contexts may nest: [["c.json"]] names a file too
                ref = refs.pop()
                if isinstance(ref, list):
                    refs.extend(ref)
                elif isinstance(ref, str):
                    raise LoadError(f"{path}: remote @context not fetched: {ref}")
                elif not isinstance(ref, dict | None):
                    raise LoadError(f"{path}: not a JSON-LD context: {ref!r}")
        if isinstance(node.get("@import"), str):
            raise LoadError(f"{path}: remote @import not fetched: {node['@import']}")
        stack.extend(node.values())


class _Doctype(Exception):
    """Raised from inside expat the moment a DOCTYPE or ENTITY declaration starts."""


def check_rdfxml(path: Path, data: bytes) -> None:
    """Refuse RDF/XML that declares a DOCTYPE or ENTITY; report XML syntax errors with a line.

    expat stops at the start of the declaration, before any entity is read,
    so neither external entities nor entity expansion ("billion laughs") can
    happen.
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: Any) -> None:
        raise _Doctype

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except _Doctype:
        line = parser.CurrentLineNumber
        raise LoadError(
            f"{path}:{line}: DOCTYPE / ENTITY declarations are refused "
            "(external entities are never resolved)"
        ) from None
    except expat.ExpatError as exc:
        raise LoadError(f"{path}:{exc.lineno}: {expat.ErrorString(exc.code)}") from None
    except Exception as exc:  # an unknown or broken declared encoding
        why = " ".join(str(exc).split()) or type(exc).__name__
        raise LoadError(f"{path}: {why}") from None
