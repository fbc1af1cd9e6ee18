"""JSON-LD a web developer can read: plain terms, typed values, citations nested in their fact.

The ``@context`` (``context.jsonld`` beside this module, shipped in the wheel)
gives every property and class the graph uses a plain camelCase term
(``label``, ``funder``, ``citations``, ``passage``, ``quote``), coerces typed
literals (``xsd:date``, ``xsd:decimal`` ...) and object properties
(``"@type": "@id"``), and aliases ``id``/``type``. It is embedded in every file
we write, never referenced by URL: tipgraph's own loader refuses remote
contexts, and a reader needs no network either.

A blank node used once (a citation, its selector, a period) is written inside
the node that uses it; one used more often, or in a cycle nothing leads into,
is a top-level node with its ``id``. Well-formed RDF lists become ``@list``.
Values keep their exact lexical form: integers and booleans are JSON numbers
and booleans only when that writes the same literal back.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from rdflib import PROV, RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from tipgraph.namespaces import PREFIXES, TIP

__all__ = ["context", "draft_context", "to_jsonld"]

# Plain names chosen for the terms a reader meets most; the rest are local names.
RENAMED = {
    "http://www.w3.org/ns/prov#wasDerivedFrom": "citations",
    "http://www.w3.org/ns/oa#hasSource": "passage",
    "http://www.w3.org/ns/oa#hasSelector": "selector",
    "http://www.w3.org/ns/oa#exact": "quote",
}
_NATIVE = {str(XSD.integer), str(XSD.boolean)}
_KEYWORDS = {"id": "@id", "type": "@type"}


@cache
def context() -> dict[str, Any]:
    """The shipped ``@context`` (a dict; callers must not change it)."""
    text = resources.files("tipgraph.graph").joinpath("context.jsonld").read_text("utf-8")
    value: dict[str, Any] = json.loads(text)["@context"]
    return value


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def draft_context(graph: Graph) -> dict[str, Any]:
    """A context for ``graph``'s predicates and classes: how ``context.jsonld`` was made.

    A ``tip:`` term keeps its local name; another vocabulary's term whose local
    name is taken gets its prefix (``orgMembership``). ``@type`` is coerced when
    every value of the predicate is an IRI (``@id``) or of one datatype;
    ``@set`` when some node has two values.
    """
    preds = {str(p) for p in graph.predicates()} - {str(RDF.type)}
    classes = {str(o) for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}
    taken: dict[str, list[str]] = {name: [] for name in [*_KEYWORDS, *PREFIXES]}
    for iri in sorted(preds | classes, key=lambda i: (not i.startswith(str(TIP)), i)):
        taken.setdefault(RENAMED.get(iri, _local(iri)), []).append(iri)
    names: dict[str, str] = {}
    for name, iris in taken.items():
        reserved = name in _KEYWORDS or name in PREFIXES
        for i, iri in enumerate(iris):
            plain = not reserved and (len(iris) == 1 or (i == 0 and iri.startswith(str(TIP))))
            names[iri] = name if plain else _prefix(iri) + name[:1].upper() + name[1:]
    out: dict[str, Any] = dict(_KEYWORDS) | dict(sorted(PREFIXES.items()))
    for iri in sorted(names, key=lambda i: names[i]):
        out[names[iri]] = _shrink(iri) if iri in classes else _definition(graph, URIRef(iri))
    return out


def _prefix(iri: str) -> str:
    return next((p for p, ns in PREFIXES.items() if iri.startswith(ns)), "ns")


def _definition(graph: Graph, p: URIRef) -> dict[str, Any]:
    entry: dict[str, Any] = {"@id": _shrink(str(p))}
    kinds = {_kind(o) for o in graph.objects(None, p)}
    kind = kinds.pop() if len(kinds) == 1 else "@mixed"
    if kind.startswith("@language "):
        entry["@language"] = kind.split(" ", 1)[1]
    elif kind == "@id" or not kind.startswith("@"):
        entry["@type"] = kind if kind == "@id" else _shrink(kind)
    per_node = Counter(graph.subjects(p, None))
    if str(p) == str(PROV.wasDerivedFrom) or (per_node and max(per_node.values()) > 1):
        entry["@container"] = "@set"  # always an array: node.citations[0]
    return entry


def _kind(o: Node) -> str:
    if isinstance(o, URIRef):
        return "@id"
    if isinstance(o, BNode):
        return "@blank"
    assert isinstance(o, Literal)
    if o.language:
        return f"@language {o.language}"
    return str(o.datatype) if o.datatype else "@plain"


def _shrink(iri: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """A compact IRI by the longest matching prefix, or the IRI itself."""
    best = max(
        (p for p, ns in prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)),
        key=lambda p: len(prefixes[p]),
        default=None,
    )
    rest = iri[len(prefixes[best]) :] if best else ""
    return f"{best}:{rest}" if best and not rest.startswith("//") else iri


class _Writer:
    """Turns a graph into nested node objects with the terms of one context."""

    def __init__(self, graph: Graph, ctx: dict[str, Any]) -> None:
        self.graph = graph
        self.prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v[-1] in "#/"}
        self.terms: dict[str, tuple[str, dict[str, Any]]] = {}
        self.classes: dict[str, str] = {}
        self.by_name: dict[str, dict[str, Any]] = {}
        for name, value in ctx.items():
            if isinstance(value, dict):
                self.terms[self.expand(value["@id"])] = (name, value)
                self.by_name[name] = value
            elif isinstance(value, str) and not value.startswith("@") and name not in self.prefixes:
                self.classes[self.expand(value)] = name
        self.refs: Counter[Node] = Counter(o for o in graph.objects() if isinstance(o, BNode))
        self.done: set[Node] = set()

    def expand(self, value: str) -> str:
        prefix, _, rest = value.partition(":")
        return self.prefixes[prefix] + rest if prefix in self.prefixes else value

    def iri(self, node: Node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else _shrink(str(node), self.prefixes)

    def node(self, s: Node, with_id: bool) -> dict[str, Any]:
        self.done.add(s)
        out: dict[str, Any] = {"id": self.iri(s)} if with_id else {}
        types = sorted(
            self.classes.get(str(o)) or self.iri(o)
            for o in self.graph.objects(s, RDF.type)
            if isinstance(o, URIRef)
        )
        if types:
            out["type"] = types
        values: dict[str, list[Any]] = {}
        for p, o in sorted(self.graph.predicate_objects(s)):
            if p == RDF.type and isinstance(o, URIRef):
                continue
            name, term = self.terms.get(str(p), (str(p), {}))
            values.setdefault(name, []).append(self.value(o, term, True))
        for name, items in sorted(values.items()):
            is_set = self.by_name.get(name, {}).get("@container") == "@set"
            out[name] = _sorted(items) if is_set or len(items) > 1 else items[0]
        return out

    def value(self, o: Node, term: dict[str, Any], lists: bool) -> Any:
        coerce = term.get("@type")
        if isinstance(o, Literal):
            return self.literal(o, term)
        if isinstance(o, BNode) and o not in self.done and self.refs[o] == 1:
            cells = self.cells(o) if lists else None
            if cells is not None:
                return {"@list": [self.value(i, term, False) for i in cells]}
            if (o, None, None) in self.graph:
                return self.node(o, with_id=False)
        return self.iri(o) if coerce == "@id" else {"id": self.iri(o)}

    def literal(self, o: Literal, term: dict[str, Any]) -> Any:
        lexical, coerce, lang = str(o), term.get("@type"), term.get("@language")
        if o.language:
            return lexical if lang == o.language else {"@value": lexical, "@language": o.language}
        datatype = str(o.datatype) if o.datatype else None
        if datatype is None:
            return {"@value": lexical} if coerce or lang else lexical
        if datatype in _NATIVE and (coerce is None or self.expand(coerce) == datatype):
            native = o.toPython()  # a JSON number or boolean only if it writes the same literal
            exact = isinstance(native, bool | int) and json.dumps(native) == lexical
            if exact and (isinstance(native, bool) or abs(native) < 2**53):
                return native
        if coerce and self.expand(coerce) == datatype:
            return lexical
        return {"@value": lexical, "@type": self.iri(URIRef(datatype))}

    def cells(self, head: BNode) -> list[Node] | None:
        """The members of a well-formed list starting at ``head`` (its cells marked done)."""
        items: list[Node] = []
        seen: list[Node] = []
        node: Node = head
        while node != RDF.nil:
            pairs = list(self.graph.predicate_objects(node))
            first = [o for p, o in pairs if p == RDF.first]
            rest = [o for p, o in pairs if p == RDF.rest]
            if not isinstance(node, BNode) or node in seen or node in self.done:
                return None
            if self.refs[node] != 1 or len(pairs) != 2 or len(first) != 1 or len(rest) != 1:
                return None
            seen.append(node)
            items.append(first[0])
            node = rest[0]
        self.done.update(seen)
        return items


def _order(node: Node) -> tuple[str, str]:
    return type(node).__name__, str(node)


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def to_jsonld(graph: Graph, ctx: dict[str, Any] | None = None) -> dict[str, Any]:
    """The document for ``graph`` (canonically labelled, for stable blank-node ids)."""
    ctx = context() if ctx is None else ctx
    writer = _Writer(graph, ctx)
    subjects: set[Node] = set(graph.subjects())
    roots = [s for s in subjects if isinstance(s, URIRef) or writer.refs[s] != 1]
    nodes = [writer.node(s, with_id=True) for s in sorted(roots, key=_order)]
    # What is left is only reached through cycles of blank nodes used once: one
    # node per cycle at the top (a list cell last, so its list is written whole).
    rest = subjects - writer.done
    for s in sorted(rest, key=lambda n: ((n, RDF.first, None) in graph, _order(n))):
        if s not in writer.done:
            nodes.append(writer.node(s, with_id=True))
    nodes.sort(key=lambda n: n["id"])
    return {"@context": ctx, "@graph": nodes}
