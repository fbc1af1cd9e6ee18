"""Who tells what to whom, and how the figures travel to the TIP report.

The flow graph joins three kinds of evidence, each kept on its edges:

* information flows and reports (``tip:InformationFlow``, ``tip:Reporting``);
* "figures cited in": a body that reported a figure (``tip:reportedBy``) -> the
  document whose passage states it;
* documents -> the TIP report they are a submission for (``tip:submissionFor``)
  or part of (``dcterms:isPartOf``), and each document's author -> the document.

So the cable's figures reach the Eighth Annual TIP Report through the cable
itself, which US Office Pristina sent to the Department of State as the post's
submission for that report (cable header and p1).

Paths are looked for only from the bodies that can reach a report at all (one
backward search per report), and each document's sending reports are found once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import pairwise

import networkx as nx
from rdflib.namespace import DCTERMS, QB, RDF

from tipgraph.namespaces import TIP

from .facts import Facts, Source, as_facts
from .findings import Analysis, Citation, Finding, merge_citations
from .projection import Relation, relations
from .terms import citations_of, curie, expand, label_of, quantity, time_label

__all__ = ["analyze", "flow_graph", "one_way", "statistic_sources"]


def _document_of(facts: Facts, passage: str) -> str | None:
    parts = facts.values(DCTERMS.isPartOf).get(expand(passage), [])
    doc = min(parts, key=str, default=None)
    return curie(doc) if doc is not None else None


def flow_graph(graph: Source, rels: list[Relation] | None = None) -> nx.DiGraph:
    """Actors, documents and TIP reports, with every edge's evidence (``relations``, ``why``).

    ``rels`` are the information relations if the caller has read them already.
    """
    facts = as_facts(graph)
    nodes: dict[str, None] = {}  # in order of first mention, as are the edges
    edges: dict[tuple[str, str], tuple[str, set[str], set[Citation]]] = {}

    def link(u: str, v: str, why: str, rel: str, cites: tuple[Citation, ...]) -> None:
        nodes.update(dict.fromkeys((u, v)))
        edge = edges.setdefault((u, v), (why, set(), set()))
        edge[1].add(rel)
        edge[2].update(cites)

    for rel in relations(facts, ["information"]) if rels is None else rels:
        if not rel.negated:
            for u, v in rel.pairs():
                link(u, v, "information", rel.iri, rel.citations)
    facts.read_derivations("citations-of-class.rq", cls=QB.Observation)
    for obs in facts.graph.subjects(RDF.type, QB.Observation):
        cites = citations_of(facts, obs)
        for reporter in facts.objects(obs, TIP.reportedBy):
            for doc in {d for c in cites if (d := _document_of(facts, c.passage))}:
                link(curie(reporter), doc, "figures cited in", curie(obs), cites)
    passages = facts.graph.subjects(RDF.type, TIP.Passage)
    for doc in {d for p in passages if (d := _document_of(facts, curie(p)))}:
        node = expand(doc)
        for report in [
            *facts.objects(node, TIP.submissionFor),
            *facts.objects(node, DCTERMS.isPartOf),
        ]:
            link(doc, curie(report), "submission for / part of", doc, citations_of(facts, node))
        for author in facts.objects(node, DCTERMS.creator):
            link(curie(author), doc, "author of", doc, citations_of(facts, node))
    net = nx.DiGraph()
    for n in nodes:
        net.add_node(n, label=label_of(facts, expand(n)))
    for (u, v), (why, rels_, cites_) in edges.items():
        net.add_edge(u, v, why=why, relations=sorted(rels_), citations=tuple(sorted(cites_)))
    return net


def one_way(rels: list[Relation]) -> list[tuple[Relation, list[str]]]:
    """Each positive flow with the recipients that send nothing back; stated one-way flows too.

    A flow the source states as one-way (``tip:reciprocated false``) is listed with
    all its recipients even if some flow back exists elsewhere.
    """
    back = defaultdict(set)
    for rel in rels:
        if not rel.negated:
            for u, v in rel.pairs():
                back[u].add(v)
    out = []
    for rel in rels:
        if rel.negated or not rel.targets:
            continue
        lonely = [t for t in rel.targets if rel.one_way or not (back[t] & set(rel.sources))]
        if lonely:
            out.append((rel, lonely))
    return out


def statistic_sources(graph: Source) -> list[Finding]:
    """Each figure (``qb:Observation``): its value, who the source says reported it, and where."""
    facts = as_facts(graph)
    facts.read_derivations("citations-of-class.rq", cls=QB.Observation)
    out = []
    for obs in sorted(facts.graph.subjects(RDF.type, QB.Observation), key=curie):
        cites = citations_of(facts, obs)
        who = sorted(curie(r) for r in facts.objects(obs, TIP.reportedBy))
        value = facts.one(obs, TIP.value)
        unit = str(facts.one(obs, TIP.unit) or "").rsplit("unit-", 1)[-1]
        period = time_label(facts, facts.one(obs, TIP.refPeriod)) or "period not stated"
        names = _labels(facts, who) or "reporter not stated"
        docs = _labels(facts, sorted({d for c in cites if (d := _document_of(facts, c.passage))}))
        figure = quantity(float(str(value)), unit) if value is not None else "value not stated"
        out.append(
            Finding(
                "statistic-sources",
                curie(obs),
                label_of(facts, obs),
                f"{label_of(facts, obs)}: {figure} ({period}) — reported by {names}; in {docs}",
                {
                    "value": float(str(value)) if value is not None else None,
                    "unit": unit,
                    "reported_by": who,
                    "period": period,
                },
                (curie(obs),),
                cites,
            )
        )
    return out


def _labels(facts: Facts, iris: list[str] | tuple[str, ...], limit: int = 6) -> str:
    names = [label_of(facts, expand(i)) for i in iris]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _flow_text(facts: Facts, rel: Relation) -> str:
    to = _labels(facts, rel.targets) or "recipient not stated"
    frm = _labels(facts, rel.sources)
    content = facts.one(expand(rel.iri), TIP.content)
    what = f": {content}" if content else ""
    return f"{frm} → {to}{what}" + (" (one-way, stated)" if rel.one_way else "")


def _paths(facts: Facts, net: nx.DiGraph, infos: list[Relation]) -> list[Finding]:
    reports = sorted(curie(r) for r in facts.graph.subjects(RDF.type, TIP.TIPReport))
    reporters = sorted({curie(r) for _, r in facts.subject_objects(TIP.reportedBy)})
    reaching = {dst: nx.ancestors(net, dst) | {dst} for dst in reports if dst in net}
    sending = _channels(facts, infos)
    out = []
    for src in reporters:
        for dst in reports:
            if src not in reaching.get(dst, ()):
                continue
            path = nx.shortest_path(net, src, dst)
            edges = list(pairwise(path))
            rels = sorted({r for u, v in edges for r in net.edges[u, v]["relations"]})
            cites = merge_citations(*(net.edges[u, v]["citations"] for u, v in edges))
            steps = " → ".join(str(net.nodes[n]["label"]) for n in path)
            channel = [c for doc in path for c in sending(doc)]
            rels += [c.iri for c in channel]
            cites = merge_citations(cites, *(c.citations for c in channel))
            sent = "; ".join(
                f"sent by {label_of(facts, expand(c.sources[0]))} to "
                f"{label_of(facts, expand(c.targets[0]))}"
                for c in channel
                if len(c.targets) == 1
            )
            out.append(
                Finding(
                    "paths-to-tip-report",
                    src,
                    str(net.nodes[src]["label"]),
                    steps + (f" ({sent})" if sent else ""),
                    {"path": path, "length": len(path) - 1},
                    tuple(sorted(set(rels))),
                    cites,
                )
            )
    return out


def _channels(facts: Facts, infos: list[Relation]) -> Callable[[str], list[Relation]]:
    """Per document: the reports by its author that cite its own passages (how it was sent)."""
    citing: dict[str, list[Relation]] = defaultdict(list)  # document -> reportings, in order
    for rel in infos:
        if rel.cls == "Reporting" and rel.targets:
            for doc in {d for c in rel.citations if (d := _document_of(facts, c.passage))}:
                citing[doc].append(rel)

    def sending(doc: str) -> list[Relation]:
        if doc not in citing:
            return []
        authors = {curie(a) for a in facts.objects(expand(doc), DCTERMS.creator)}
        return [rel for rel in citing[doc] if set(rel.sources) & authors]

    return sending


def analyze(graph: Source) -> Analysis:
    """The flows analysis: flows, one-way flows, paths to the TIP reports, figure sources."""
    facts = as_facts(graph)
    rels = relations(facts, ["information"])
    out = [
        Finding(
            "flows",
            r.iri,
            r.label,
            _flow_text(facts, r),
            {
                "from": list(r.sources),
                "to": list(r.targets),
                "one_way": r.one_way,
                "class": r.cls,
                "period": r.period,
            },
            (r.iri,),
            r.citations,
        )
        for r in rels
    ]
    for rel, lonely in one_way(rels):
        frm, to = _labels(facts, rel.sources), _labels(facts, lonely)
        why = "stated by the source" if rel.one_way else "no flow back recorded"
        out.append(
            Finding(
                "one-way",
                rel.iri,
                rel.label,
                f"one-way: {frm} → {to} ({why})",
                {"stated": rel.one_way, "to": lonely},
                (rel.iri,),
                rel.citations,
            )
        )
    out += _paths(facts, flow_graph(facts, rels), rels)
    out += statistic_sources(facts)
    notes = (
        "a flow is one-way when the source says so (tip:reciprocated false) or when no flow "
        "back is recorded; 'no flow back recorded' is not a statement of the source",
        "paths run from each body that reported a figure to each TIP report, shortest first",
    )
    return Analysis("flows", notes, tuple(out))
