"""Reading RDF terms for the analyses: compact IRIs, labels, citations, times, sectors.

Every analysis names nodes by compact IRI (``kv:pvpt``, ``cable:p27``) with the
project prefixes, and cites them by the passages and verbatim quotes of their
``prov:wasDerivedFrom`` Web Annotation selectors.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from tipgraph.namespaces import PREFIXES, TIP, TIPV

from .facts import Source, as_facts
from .findings import Citation

__all__ = [
    "NOT_HAPPENED",
    "all_text",
    "attribution",
    "citations_of",
    "classes",
    "counted",
    "curie",
    "expand",
    "label_of",
    "modality_of",
    "node_info",
    "one",
    "quantity",
    "sector_of",
    "time_label",
]

#: Modalities of facts the source does not state as having happened (or as holding).
NOT_HAPPENED = frozenset({"expected", "planned", "hypothetical"})

_SECTOR_BY_CLASS = (
    (TIP.GovernmentBody, "government"),
    (TIP.ForeignGovernment, "foreign-government"),
    (TIP.InternationalOrganisation, "international"),
    (TIP.NGO, "ngo"),
)
# Longest namespace first, so the first that matches is the most specific (cable: before doc:).
_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_SECTOR = str(TIPV) + "sector-"


def one(graph: Source, node: Node | None, prop: Node) -> Node | None:
    """One value of ``prop`` on ``node`` — the least by string, so every run picks the same."""
    return as_facts(graph).one(node, prop)


def all_text(graph: Source, node: Node, prop: Node) -> str:
    """Every value of ``prop`` on ``node`` (a node may carry several comments), sorted, joined."""
    return " ".join(sorted(str(v) for v in as_facts(graph).objects(node, prop)))


def curie(node: Node) -> str:
    """The compact form of an IRI with the project prefixes.

    >>> curie(URIRef("https://w3id.org/tipgraph/id/kosovo/pvpt"))
    'kv:pvpt'
    """
    text = str(node)
    if not isinstance(node, URIRef):
        return text
    for ns, prefix in _BY_LENGTH:
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def label_of(graph: Source, node: Node) -> str:
    """The node's rdfs:label (else skos:prefLabel, else its compact IRI)."""
    facts = as_facts(graph)
    value = facts.one(node, RDFS.label) or facts.one(node, SKOS.prefLabel)
    return str(value) if value is not None else curie(node)


def citations_of(graph: Source, node: Node) -> tuple[Citation, ...]:
    """The passages and verbatim quotes ``node`` is derived from, sorted."""
    found = as_facts(graph).derivations(node)
    return tuple(sorted({Citation(curie(source), str(quote or "")) for source, quote in found}))


def modality_of(graph: Source, node: Node) -> str:
    """The fact's modality without ``modality-`` (stated, reported, expected, ...).

    A node without one is read as "stated": the shapes require one on every fact node,
    so only a hand-made graph lacks it.
    """
    value = as_facts(graph).one(node, TIP.modality)
    return str(value).rsplit("modality-", 1)[-1] if value is not None else "stated"


def attribution(graph: Source, node: Node) -> str:
    """Who a reported fact is attributed to, as the source has it: "reported by KPS THBS",
    "'reportedly' (by whom not stated)"; '' for a fact the source states itself."""
    facts = as_facts(graph)
    if modality_of(facts, node) != "reported":
        return ""
    who = sorted(
        {
            label_of(facts, a)
            for p in (TIP.attributedTo, TIP.reportedBy)
            for a in facts.objects(node, p)
        }
    )
    if who:
        return "reported by " + ", ".join(who)
    cue = facts.one(node, TIP.modalityCue)
    return f"'{cue}' (by whom not stated)" if cue is not None else "reported (by whom not stated)"


def time_label(graph: Source, node: Node | None) -> str:
    """How the source words a time (its label), else the date it carries, else ''."""
    if node is None:
        return ""
    facts = as_facts(graph)
    if (lab := facts.one(node, RDFS.label)) is not None:
        return str(lab)
    for prop in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
        if (value := facts.one(node, prop)) is not None:
            return str(value)
    return ""


def classes(graph: Source, node: Node) -> set[Node]:
    """The node's classes and all their superclasses (as far as the graph states them)."""
    facts = as_facts(graph)
    found: set[Node] = set()
    for cls in facts.objects(node, RDF.type):
        found |= facts.transitive_objects(cls, RDFS.subClassOf)
    return found


def sector_of(graph: Source, node: Node) -> str:
    """The actor's sector (``tip:sector`` without ``sector-``, else read from its class)."""
    if str(node).startswith(_SECTOR):
        return str(node)[len(_SECTOR) :]
    facts = as_facts(graph)
    value = facts.one(node, TIP.sector)
    if value is not None:
        return str(value).rsplit("sector-", 1)[-1]
    found = classes(facts, node)
    return next((name for cls, name in _SECTOR_BY_CLASS if cls in found), "unknown")


def node_info(graph: Source, node: Node) -> dict[str, str]:
    """A node's attributes: label, kind (its class, local name), sector, full IRI."""
    facts = as_facts(graph)
    types = sorted(str(t) for t in facts.objects(node, RDF.type))
    tip_types = [t for t in types if t.startswith(str(TIP))] or types
    kind = tip_types[0].rsplit("#", 1)[-1].rsplit("/", 1)[-1] if tip_types else "unknown"
    if str(node).startswith(_SECTOR):
        kind = "Sector"
    return {
        "label": label_of(facts, node),
        "kind": kind,
        "sector": sector_of(facts, node),
        "iri": str(node),
    }


def expand(name: str) -> URIRef:
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else URIRef(name.strip("<>"))


def counted(n: int, noun: str, plural: str = "") -> str:
    """A count and its noun in agreement, for readers.

    >>> counted(1, "funding"), counted(3, "funder"), counted(0, "flow")
    ('1 funding', '3 funders', '0 flows')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


_SINGULAR = {"persons": "person", "years": "year", "cases": "case"}
_WRITTEN = {"percent": "{}%", "count": "{}", "eur": "{} EUR", "usd": "{} USD"}


def quantity(value: float, unit: str) -> str:
    """A figure with its unit (a ``tipv:unit-`` local name) as a reader says it.

    >>> quantity(1, "persons"), quantity(24, "persons"), quantity(1, "years")
    ('1 person', '24 persons', '1 year')
    >>> quantity(12.5, "percent"), quantity(7, "count"), quantity(1, "cases")
    ('12.5%', '7', '1 case')
    """
    if unit in _WRITTEN:
        return _WRITTEN[unit].format(f"{value:g}")
    return f"{value:g} {_SINGULAR.get(unit, unit) if value == 1 else unit}"
