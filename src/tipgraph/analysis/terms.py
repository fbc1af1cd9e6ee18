"""Reading RDF terms for the analyses: compact IRIs, labels, citations, times, sectors.

Every analysis names nodes by compact IRI (``kv:pvpt``, ``cable:p27``) with the
project prefixes, and cites them by the passages and verbatim quotes of their
``prov:wasDerivedFrom`` Web Annotation selectors.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from ..namespaces import OA, PREFIXES, TIP, TIPV
from .findings import Citation

__all__ = [
    "all_text",
    "citations_of",
    "classes",
    "curie",
    "expand",
    "label_of",
    "node_info",
    "one",
    "sector_of",
    "time_label",
]

_SECTOR_BY_CLASS = (
    (TIP.GovernmentBody, "government"),
    (TIP.ForeignGovernment, "foreign-government"),
    (TIP.InternationalOrganisation, "international"),
    (TIP.NGO, "ngo"),
)


def one(graph: Graph, node: Node | None, prop: Node) -> Node | None:
    """One value of ``prop`` on ``node`` — the least by string, so every run picks the same."""
    if node is None:
        return None
    return min(graph.objects(node, prop), key=str, default=None)


def all_text(graph: Graph, node: Node, prop: Node) -> str:
    """Every value of ``prop`` on ``node`` (a node may carry several comments), sorted, joined."""
    return " ".join(sorted(str(v) for v in graph.objects(node, prop)))


def curie(node: Node) -> str:
    """The compact form of an IRI with the project prefixes.

    >>> curie(URIRef("https://w3id.org/tipgraph/id/kosovo/pvpt"))
    'kv:pvpt'
    """
    text = str(node)
    best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
    if best is None or not isinstance(node, URIRef):
        return text if not isinstance(node, URIRef) else f"<{text}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{text[len(best) :]}"


def label_of(graph: Graph, node: Node) -> str:
    """The node's rdfs:label (else skos:prefLabel, else its compact IRI)."""
    value = one(graph, node, RDFS.label) or one(graph, node, SKOS.prefLabel)
    return str(value) if value is not None else curie(node)


def citations_of(graph: Graph, node: Node) -> tuple[Citation, ...]:
    """The passages and verbatim quotes ``node`` is derived from, sorted."""
    out = set()
    for ref in graph.objects(node, PROV.wasDerivedFrom):
        source = one(graph, ref, OA.hasSource)
        selector = one(graph, ref, OA.hasSelector)
        quote = one(graph, selector, OA.exact) if selector is not None else None
        if source is not None:
            out.add(Citation(curie(source), str(quote or "")))
    return tuple(sorted(out))


def time_label(graph: Graph, node: Node | None) -> str:
    """How the source words a time (its label), else the date it carries, else ''."""
    if node is None:
        return ""
    if (lab := one(graph, node, RDFS.label)) is not None:
        return str(lab)
    for prop in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
        if (value := one(graph, node, prop)) is not None:
            return str(value)
    return ""


def classes(graph: Graph, node: Node) -> set[Node]:
    """The node's classes and all their superclasses (as far as the graph states them)."""
    found: set[Node] = set()
    for cls in graph.objects(node, RDF.type):
        found |= {c for c in graph.transitive_objects(cls, RDFS.subClassOf) if c is not None}
    return found


def sector_of(graph: Graph, node: Node) -> str:
    """The actor's sector (``tip:sector`` without ``sector-``, else read from its class)."""
    if str(node).startswith(str(TIPV) + "sector-"):
        return str(node)[len(str(TIPV) + "sector-") :]
    value = one(graph, node, TIP.sector)
    if value is not None:
        return str(value).rsplit("sector-", 1)[-1]
    found = classes(graph, node)
    return next((name for cls, name in _SECTOR_BY_CLASS if cls in found), "unknown")


def node_info(graph: Graph, node: Node) -> dict[str, str]:
    """A node's attributes: label, kind (its class, local name), sector, full IRI."""
    types = sorted(str(t) for t in graph.objects(node, RDF.type))
    tip_types = [t for t in types if t.startswith(str(TIP))] or types
    kind = tip_types[0].rsplit("#", 1)[-1].rsplit("/", 1)[-1] if tip_types else "unknown"
    if str(node).startswith(str(TIPV) + "sector-"):
        kind = "Sector"
    return {
        "label": label_of(graph, node),
        "kind": kind,
        "sector": sector_of(graph, node),
        "iri": str(node),
    }


def expand(name: str) -> URIRef:
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else URIRef(name.strip("<>"))
