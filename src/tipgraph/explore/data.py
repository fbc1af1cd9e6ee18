"""The explorer's data: the graph's nodes, relations, passages and analyses as plain JSON.

Nothing on the page is written by hand: every name, fact, quote and figure the
explorer shows is read here from the graph, through the analysis package's
readers (labels, citations, the relation rules, dates as ranges of days), and
serialised as one JSON document that the page's script only displays.

Fields are read generically so that new ones show up without a change here: a
node's properties are listed as they are (a ``tip:modality`` or a validity
period appears as any other property), and an analysis's findings keep their
``data`` as the analysis gives it.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from tipgraph.analysis import Finding, discrepancies, funding, relations
from tipgraph.analysis.dates import When, when
from tipgraph.analysis.facts import Facts
from tipgraph.analysis.shares import SECTOR_GROUPS
from tipgraph.analysis.terms import citations_of, classes, curie, expand, label_of, sector_of
from tipgraph.explore.positions import positions
from tipgraph.graph.coverage import coverage
from tipgraph.graph.sources import CABLE_FILE, CHAPTER_FILE, Passage
from tipgraph.namespaces import CABLE, TIP

__all__ = ["GROUPS", "explorer_data"]

#: What kind of thing a node is, by its classes: the first that matches wins.
GROUPS = (
    (TIP.Actor, "actor"),
    (TIP.InferredStatement, "inferred"),
    (TIP.Relation, "relation"),
    (QB.Observation, "figure"),
    (TIP.Event, "event"),
    (TIP.Finding, "problem"),
    (TIP.Recommendation, "recommendation"),
    (TIP.Plan, "plan"),
    (TIP.LegalInstrument, "law"),
    (TIP.Article, "law"),
    (TIP.PenaltyProvision, "law"),
    (TIP.Place, "place"),
    (TIP.CurationNote, "note"),
)
# Shown in their own places (name, aliases, citations, comment), not as properties.
_OWN = {RDF.type, RDFS.label, SKOS.altLabel, PROV.wasDerivedFrom, RDFS.comment}
_STRUCTURAL = {"subOrganizationOf", "postIn"}


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _days(w: When) -> dict[str, str]:
    """The earliest and latest day a time can cover, where the source bounds it."""
    lo, hi = w.start[0], w.end[1]
    return {
        "label": w.label,
        "lo": lo.isoformat() if lo else "",
        "hi": hi.isoformat() if hi else "",
    }


def _value(facts: Facts, value: Node, depth: int = 0) -> str:
    """A property's value as a reader is shown it; a blank node by its own values."""
    if isinstance(value, Literal):
        return str(value)
    if isinstance(value, URIRef):
        return label_of(facts, value)
    if depth > 2:
        return ""
    parts = [
        _value(facts, v, depth + 1)
        for p, vs in sorted(facts.props(value).items(), key=lambda kv: str(kv[0]))
        if p != RDF.type
        for v in vs
    ]
    return " ".join(p for p in parts if p)


def _props(facts: Facts, node: Node) -> list[list[str]]:
    """Every property but the node's own name and citations: [property, text, target]."""
    out = []
    for prop, values in sorted(facts.props(node).items(), key=lambda kv: str(kv[0])):
        if prop in _OWN:
            continue
        for v in sorted(values, key=str):
            if prop == TIME.hasTime and not isinstance(v, Literal):
                text = when(facts, v).label or _value(facts, v)
            else:
                text = _value(facts, v)
            ref = curie(v) if isinstance(v, URIRef) else ""
            out.append([curie(prop), text, ref])
    return out


def _group(facts: Facts, node: Node) -> str:
    found = classes(facts, node)
    return next((name for cls, name in GROUPS if cls in found), "other")


def _node(facts: Facts, node: Node) -> dict[str, Any]:
    group = _group(facts, node)
    entry: dict[str, Any] = {
        "label": label_of(facts, node),
        "alt": sorted(str(v) for v in facts.objects(node, SKOS.altLabel)),
        "group": group,
        "types": sorted(_local(t) for t in facts.objects(node, RDF.type)),
        "comment": " ".join(sorted(str(c) for c in facts.objects(node, RDFS.comment))),
        "props": _props(facts, node),
        "cites": [[c.passage, c.quote] for c in citations_of(facts, node)],
    }
    if group == "actor":
        entry["sector"] = sector_of(facts, node)
    t = facts.one(node, TIME.hasTime)
    if t is not None:
        entry["when"] = _days(when(facts, t))
    return entry


def _nodes(facts: Facts) -> dict[str, dict[str, Any]]:
    """Every cited node (actors, relations, figures, events, ...) but passages and documents."""
    cited = {s for s in facts.values(PROV.wasDerivedFrom) if isinstance(s, URIRef)}
    skip = set(facts.instances(TIP.Passage)) | set(facts.instances(TIP.SourceDocument))
    return {curie(n): _node(facts, n) for n in sorted(cited - skip, key=str)}


def _labels(facts: Facts, nodes: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Labels of what the nodes point to but that is no node of its own (sectors, measures)."""
    out = {}
    for entry in nodes.values():
        for _, text, ref in entry["props"]:
            if ref and ref not in nodes:
                out[ref] = text
    return dict(sorted(out.items()))


def _relations(facts: Facts) -> list[dict[str, Any]]:
    """Every relation through the analyses' rules, with the days it may cover."""
    out = []
    for r in relations(facts):
        structural = r.cls in _STRUCTURAL  # a plain triple on an actor: no time of its own
        t = None if structural else facts.one(expand(r.iri), TIME.hasTime)
        out.append(
            {
                "id": r.iri,
                "cls": r.cls,
                "kind": r.kind,
                "label": r.label,
                "from": list(r.sources),
                "to": list(r.targets),
                "directed": r.directed,
                "negated": r.negated,
                "oneWay": r.one_way,
                "period": r.period,
                "amounts": [
                    f"{'about ' if a.approximate else ''}{a.value:,.0f} {a.currency}"
                    for a in r.amounts
                ],
                "when": _days(when(facts, t)) if t is not None else None,
                "cites": [[c.passage, c.quote] for c in r.citations],
            }
        )
    return out


def _inferred(facts: Facts, nodes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Inferred statements linking two known nodes, drawn as ties of their own kind."""
    out = []
    for n in facts.instances(TIP.InferredStatement):
        s, o = facts.one(n, RDF.subject), facts.one(n, RDF.object)
        if s is None or o is None or curie(s) not in nodes or curie(o) not in nodes:
            continue
        out.append(
            {
                "id": curie(n),
                "predicate": curie(facts.one(n, RDF.predicate) or RDF.nil),
                "from": curie(s),
                "to": curie(o),
            }
        )
    return sorted(out, key=lambda x: x["id"])


def _passages(facts: Facts) -> list[Passage]:
    """The passages as the graph holds them, in document order (for the coverage check)."""
    out = []
    for p in facts.instances(TIP.Passage):
        text = facts.one(p, RDF.value)
        number = facts.one(p, TIP.paragraphNumber)
        doc = CABLE_FILE if str(p).startswith(str(CABLE)) else CHAPTER_FILE
        n = int(number.toPython()) if isinstance(number, Literal) else None
        out.append(Passage(doc, _local(p), n, str(text or "")))
    return sorted(out, key=_order)


def _order(p: Passage) -> tuple[bool, int, int, str]:
    """Cable first; in each document the header, the numbered paragraphs, the rest by key
    (the graph does not say where a heading stands), the signature last."""
    place = 0 if p.key == "header" else 3 if p.key == "signature" else 1 if p.number else 2
    return (p.document != CABLE_FILE, place, p.number or 0, p.key)


def _sources(facts: Facts, graph: Graph) -> dict[str, Any]:
    """Every passage's text, and what of it no fact captures (``tipgraph coverage``)."""
    passages = _passages(facts)
    rows = {r.key: r for r in coverage(graph, passages)}
    out = []
    for p in passages:
        key = ("cable:" if p.document == CABLE_FILE else "tip09:") + p.key
        row = rows[key]
        out.append(
            {
                "key": key,
                "n": p.number,
                "text": p.text,
                "exempt": row.exempt,
                "uncaptured": [[m.kind, m.text] for m in row.uncaptured],
                "leftOut": [[m.kind, m.text, why] for m, why in row.left_out],
            }
        )
    docs = {}
    for d in facts.instances(TIP.SourceDocument):
        docs[curie(d)] = {
            "label": label_of(facts, d),
            "title": str(facts.one(d, DCTERMS.title) or ""),
        }
    return {"passages": out, "documents": dict(sorted(docs.items()))}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "section": f.section,
        "subject": f.subject,
        "label": f.label,
        "text": f.text,
        "data": dict(f.data),
        "cites": [[c.passage, c.quote] for c in f.citations],
    }


def _what_ifs(facts: Facts, rels: list[dict[str, Any]]) -> dict[str, Any]:
    """Who loses what without each funder, and without each sector's funders."""
    funders = sorted(
        {s for r in rels if r["kind"] == "funding" and not r["negated"] for s in r["from"]}
    )
    out: dict[str, Any] = {}
    for sector in SECTOR_GROUPS:
        out[f"sector:{sector}"] = [
            _finding(f) for f in funding.what_if(facts, remove_sector=sector)
        ]
    for f in funders:
        out[f"funder:{f}"] = [_finding(x) for x in funding.what_if(facts, remove=[f])]
    return out


def _pairs(rels: list[dict[str, Any]], inferred: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The ties the network view draws: each relation's ends, and each inferred link."""
    out = [(s, t) for r in rels for s in r["from"] for t in r["to"]]
    out += [(a, b) for r in rels if not r["directed"] for a in r["from"] for b in r["from"]]
    return out + [(i["from"], i["to"]) for i in inferred]


def explorer_data(graph: Graph) -> dict[str, Any]:
    """Everything the explorer shows, as one JSON-ready dict (the same for the same graph)."""
    facts = Facts(graph)
    nodes = _nodes(facts)
    rels = _relations(facts)
    disc = discrepancies.analyze(facts)
    inferred = _inferred(facts, nodes)
    return {
        "version": 1,
        "nodes": nodes,
        "labels": _labels(facts, nodes),
        "relations": rels,
        "inferred": inferred,
        "positions": positions(_pairs(rels, inferred)),
        "sources": _sources(facts, graph),
        "analyses": {
            "discrepancies": {
                "notes": list(disc.notes),
                "findings": [_finding(f) for f in disc.findings],
            },
            "whatIf": _what_ifs(facts, rels),
        },
    }
