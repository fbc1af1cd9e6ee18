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
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

import networkx as nx
from rdflib import Graph
from rdflib.namespace import DCTERMS, QB, RDF

from ..namespaces import TIP
from .findings import Analysis, Citation, Finding, merge_citations
from .projection import Relation, relations
from .terms import citations_of, curie, expand, label_of, one, time_label

__all__ = ["analyze", "flow_graph", "one_way", "statistic_sources"]


def _document_of(graph: Graph, passage: str) -> str | None:
    doc = one(graph, expand(passage), DCTERMS.isPartOf)
    return curie(doc) if doc is not None else None


def flow_graph(graph: Graph) -> nx.DiGraph:
    """Actors, documents and TIP reports, with every edge's evidence (``relations``, ``why``)."""
    net = nx.DiGraph()

    def link(u: str, v: str, why: str, rel: str, cites: tuple[Citation, ...]) -> None:
        for n in (u, v):
            if n not in net:
                net.add_node(n, label=label_of(graph, expand(n)))
        if not net.has_edge(u, v):
            net.add_edge(u, v, why=why, relations=[], citations=())
        edge = net.edges[u, v]
        if rel not in edge["relations"]:
            edge["relations"] = sorted([*edge["relations"], rel])
        edge["citations"] = merge_citations(edge["citations"], cites)

    for rel in relations(graph, ["information"]):
        if not rel.negated:
            for u, v in rel.pairs():
                link(u, v, "information", rel.iri, rel.citations)
    for obs in graph.subjects(RDF.type, QB.Observation):
        cites = citations_of(graph, obs)
        for reporter in graph.objects(obs, TIP.reportedBy):
            for doc in {d for c in cites if (d := _document_of(graph, c.passage))}:
                link(curie(reporter), doc, "figures cited in", curie(obs), cites)
    for doc in {
        d for p in graph.subjects(RDF.type, TIP.Passage) if (d := _document_of(graph, curie(p)))
    }:
        node = expand(doc)
        for report in [
            *graph.objects(node, TIP.submissionFor),
            *graph.objects(node, DCTERMS.isPartOf),
        ]:
            link(doc, curie(report), "submission for / part of", doc, citations_of(graph, node))
        for author in graph.objects(node, DCTERMS.creator):
            link(curie(author), doc, "author of", doc, citations_of(graph, node))
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


def statistic_sources(graph: Graph) -> list[Finding]:
    """Each figure (``qb:Observation``): its value, who the source says reported it, and where."""
    out = []
    for obs in sorted(graph.subjects(RDF.type, QB.Observation), key=curie):
        cites = citations_of(graph, obs)
        who = sorted(curie(r) for r in graph.objects(obs, TIP.reportedBy))
        value = one(graph, obs, TIP.value)
        unit = str(one(graph, obs, TIP.unit) or "").rsplit("unit-", 1)[-1]
        period = time_label(graph, one(graph, obs, TIP.refPeriod)) or "period not stated"
        names = _labels(graph, who) or "reporter not stated"
        docs = _labels(graph, sorted({d for c in cites if (d := _document_of(graph, c.passage))}))
        out.append(
            Finding(
                "statistic-sources",
                curie(obs),
                label_of(graph, obs),
                f"{label_of(graph, obs)}: {_num(value)} {unit} ({period}) — reported by {names}; "
                f"in {docs}",
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


def _labels(graph: Graph, iris: list[str] | tuple[str, ...], limit: int = 6) -> str:
    names = [label_of(graph, expand(i)) for i in iris]
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _num(value: object) -> str:
    number = float(str(value)) if value is not None else float("nan")
    return f"{number:g}"


def _flow_text(graph: Graph, rel: Relation) -> str:
    to = _labels(graph, rel.targets) or "recipient not stated"
    frm = _labels(graph, rel.sources)
    content = one(graph, expand(rel.iri), TIP.content)
    what = f": {content}" if content else ""
    return f"{frm} → {to}{what}" + (" (one-way, stated)" if rel.one_way else "")


def _paths(graph: Graph, net: nx.DiGraph) -> list[Finding]:
    reports = sorted(curie(r) for r in graph.subjects(RDF.type, TIP.TIPReport))
    reporters = sorted({curie(r) for r in graph.objects(None, TIP.reportedBy)})
    out = []
    for src in reporters:
        for dst in reports:
            if src not in net or dst not in net or not nx.has_path(net, src, dst):
                continue
            path = nx.shortest_path(net, src, dst)
            edges = list(pairwise(path))
            rels = sorted({r for u, v in edges for r in net.edges[u, v]["relations"]})
            cites = merge_citations(*(net.edges[u, v]["citations"] for u, v in edges))
            steps = " → ".join(str(net.nodes[n]["label"]) for n in path)
            channel = _channel(graph, path)
            rels += [c.iri for c in channel]
            cites = merge_citations(cites, *(c.citations for c in channel))
            sent = "; ".join(
                f"sent by {label_of(graph, expand(c.sources[0]))} to "
                f"{label_of(graph, expand(c.targets[0]))}"
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


def _channel(graph: Graph, path: list[str]) -> list[Relation]:
    """Reports by a document's author that cite the document's own passages (how it was sent)."""
    out = []
    infos = relations(graph, ["information"])
    for doc in path:
        authors = {curie(a) for a in graph.objects(expand(doc), DCTERMS.creator)}
        for rel in infos:
            own = any(_document_of(graph, c.passage) == doc for c in rel.citations)
            if own and set(rel.sources) & authors and rel.cls == "Reporting" and rel.targets:
                out.append(rel)
    return out


def analyze(graph: Graph) -> Analysis:
    """The flows analysis: flows, one-way flows, paths to the TIP reports, figure sources."""
    rels = relations(graph, ["information"])
    out = [
        Finding(
            "flows",
            r.iri,
            r.label,
            _flow_text(graph, r),
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
        frm, to = _labels(graph, rel.sources), _labels(graph, lonely)
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
    out += _paths(graph, flow_graph(graph))
    out += statistic_sources(graph)
    notes = (
        "a flow is one-way when the source says so (tip:reciprocated false) or when no flow "
        "back is recorded; 'no flow back recorded' is not a statement of the source",
        "paths run from each body that reported a figure to each TIP report, shortest first",
    )
    return Analysis("flows", notes, tuple(out))
