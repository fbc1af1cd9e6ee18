"""The report's four drawings: the analyses' graphs turned into what ``tipgraph.report.svg`` draws.

This is the adapter between ``tipgraph.analysis`` (networkx graphs keyed by
compact IRIs) and ``tipgraph.report.svg`` (plain drawing data). It chooses short
names (an acronym the data gives, e.g. "PVPT"), colours by sector, columns
where the network flows one way, edge styles (stated absences, stated one-way
flows), and tooltips that carry each edge's citations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from html import escape
from typing import Any

import networkx as nx
from rdflib import Graph
from rdflib.namespace import SKOS

from tipgraph.analysis import project, relations, simple_graph
from tipgraph.analysis.coordination import articulation_points
from tipgraph.analysis.findings import Citation
from tipgraph.analysis.flows import flow_graph, one_way
from tipgraph.analysis.terms import expand, label_of, sector_of
from tipgraph.analysis.timeline import entries
from tipgraph.report.page import passage_name
from tipgraph.report.svg import GROUPS, Edge, Node, network_svg
from tipgraph.report.timechart import Span, timeline_svg

__all__ = [
    "coordination_drawing",
    "flows_drawing",
    "funding_drawing",
    "timeline_drawing",
]

_GROUPED = 4  # this many leaf recipients of one relation are drawn as one node


def _short(graph: Graph, name: str) -> str:
    """The label, or the data's longest alternative label of at most 16 characters if shorter."""
    label = label_of(graph, expand(name))
    alts = [str(a) for a in graph.objects(expand(name), SKOS.altLabel)]
    fits = sorted(
        (a for a in alts if len(a) <= 16 and len(a) < len(label) - 4), key=lambda a: (-len(a), a)
    )
    return fits[0] if fits else label


def _group(graph: Graph, name: str) -> str:
    sector = sector_of(graph, expand(name))
    return sector if sector in GROUPS else "other"


def _tooltip(title: str, citations: Iterable[Citation]) -> str:
    quotes = [
        f"{passage_name(c.passage)}: “{c.quote if len(c.quote) < 160 else c.quote[:157] + '…'}”"
        for c in sorted(set(citations))
    ]
    return "\n".join([title, *quotes])


def _columns(edges: Iterable[tuple[str, str]], nodes: Iterable[str]) -> dict[str, int] | None:
    """Each node's column when the edges run one way (left to right); None if they cycle."""
    g = nx.DiGraph()
    g.add_nodes_from(sorted(nodes))
    g.add_edges_from(sorted(edges))
    if not nx.is_directed_acyclic_graph(g):
        return None
    return {n: i for i, layer in enumerate(nx.topological_generations(g)) for n in layer}


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _nodes(graph: Graph, names: Iterable[str], columns: dict[str, int] | None) -> list[Node]:
    return [
        Node(
            n,
            _short(graph, n),
            label_of(graph, expand(n)),
            _group(graph, n),
            (columns or {}).get(n),
        )
        for n in sorted(names)
    ]


def _edges(net: nx.MultiDiGraph, style: Callable[[dict[str, Any]], str]) -> list[Edge]:
    """One drawn edge per pair of ends and style, its tooltip naming every relation behind it."""
    merged: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, data in net.edges(data=True):
        merged[(u, v, style(data))].append(data)
    out = []
    for (u, v, kind), found in sorted(merged.items()):
        words = "; ".join(sorted({str(d["label"]) for d in found}))
        pairs = [zip(d["passages"], d["quotes"], strict=True) for d in found]
        out.append(Edge(u, v, kind, _tooltip(words, {Citation(p, q) for z in pairs for p, q in z})))
    return out


def funding_drawing(graph: Graph) -> str:
    """Funders (left) and recipients (right); a dashed red arrow is a stated absence."""
    net = project(graph, ["funding"])
    edges = _edges(net, lambda d: "negated" if d["negated"] else "directed")
    nodes = _nodes(graph, net.nodes, _columns([(e.source, e.target) for e in edges], net.nodes))
    caption = (
        "Who funds whom (recorded fundings; cable ¶26-28 and the 2009 chapter). Arrows run from "
        "funder to recipient; a dashed red arrow is funding the source says is absent."
    )
    return _figure(network_svg("funding-network", caption, nodes, edges), caption)


def coordination_drawing(graph: Graph) -> str:
    """The coordination layer: cooperation, support, sponsorship, participation."""
    net = project(graph, ["coordination"])
    cut = articulation_points(simple_graph(net))
    edges = _edges(
        net, lambda d: "negated" if d["negated"] else ("directed" if d["directed"] else "tie")
    )
    nodes = [
        replace(n, title=n.title + " (a cut point)", ring=True) if n.id in cut else n
        for n in _nodes(graph, net.nodes, None)
    ]
    caption = (
        "Coordination only (cooperation, support, sponsorship, participation); the analysis "
        "above also counts funding, flows, oversight, membership and training. A black ring "
        "marks an actor whose absence would cut others off in this layer."
    )
    return _figure(network_svg("coordination-network", caption, nodes, edges), caption)


def _documents(net: nx.DiGraph) -> set[str]:
    """Documents and TIP reports: what figures are cited in, authors write, or a submission is."""
    out: set[str] = set()
    for u, v, why in net.edges(data="why"):
        if why in ("figures cited in", "author of"):
            out.add(v)
        elif str(why).startswith("submission"):
            out |= {u, v}
    return out


def flows_drawing(graph: Graph) -> str:
    """Who tells whom, and how figures travel through documents to the TIP reports."""
    net = flow_graph(graph)
    rels = relations(graph, ["information"])
    stated = {(s, t) for r, lonely in one_way(rels) if r.one_way for s in r.sources for t in lonely}
    docs = _documents(net)
    leaves: dict[str, list[str]] = defaultdict(list)  # sender -> recipients that go no further
    for n in sorted(net.nodes):
        if net.in_degree(n) == 1 and net.out_degree(n) == 0 and n not in docs:
            leaves[next(iter(net.predecessors(n)))].append(n)
    alias = {n: f"{p} recipients" for p, ns in leaves.items() if len(ns) >= _GROUPED for n in ns}
    edges: dict[tuple[str, str, str], tuple[set[str], set[Citation]]] = {}
    for u, v, d in sorted(net.edges(data=True), key=lambda e: (e[0], e[1])):
        style = "one-way" if (u, v) in stated else "directed"
        words, cites = edges.setdefault((alias.get(u, u), alias.get(v, v), style), (set(), set()))
        words.add(f"{d['why']}: {label_of(graph, expand(u))} → {label_of(graph, expand(v))}")
        cites |= set(d["citations"])
    for rel in rels:
        for u, v in rel.pairs() if rel.negated else []:
            edges[(u, v, "negated")] = ({rel.label}, set(rel.citations))
    names = {n for u, v, _ in edges for n in (u, v)}
    columns = _columns([(u, v) for u, v, _ in edges], names)
    nodes = [
        replace(n, group="document", square=True) if n.id in docs else n
        for n in _nodes(graph, names - set(alias.values()), columns)
    ]
    for sender, members in sorted(leaves.items()):
        if (key := f"{sender} recipients") in names:
            who = [label_of(graph, expand(n)) for n in members]
            label = f"{len(who)} recipients of {_short(graph, sender)}"
            nodes.append(Node(key, label, "\n".join(who), "other", (columns or {}).get(key)))
    drawn = [
        Edge(u, v, s, _tooltip("\n".join(sorted(w)), c))
        for (u, v, s), (w, c) in sorted(edges.items())
    ]
    caption = (
        "Who reports to whom, and how figures reach the TIP reports: actors (circles) pass "
        "information and figures into documents (squares), which are submissions for or parts of "
        "a TIP report. The addressees of one sender are drawn as one node; hover to see them."
    )
    return _figure(network_svg("flows-network", caption, nodes, drawn), caption)


def timeline_drawing(graph: Graph) -> str:
    """Every dated entry on one time axis, at the precision the source gives."""
    spans = []
    for e in entries(graph):
        w = e.when
        label = f"{e.label} ({w.label})" if w.label else e.label
        title = _tooltip(f"{e.label}\n{w.label} [{w.precision}]", e.citations)
        spans.append(Span(label, title, w.start, w.end, w.precision == "interval"))
    caption = (
        "Dated entries in order. A dot is a day the source gives; a light bar is the month or "
        "year it gives (the day is not stated); a dark bar is a period. Undated entries are "
        "listed in the table only."
    )
    return _figure(timeline_svg("timeline-chart", caption, spans), caption)
