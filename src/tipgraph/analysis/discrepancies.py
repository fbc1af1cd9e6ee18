"""Figures that measure the same thing in different passages, side by side.

Two observations are compared when they come from different passages and either

* measure the same or a related thing (:data:`RELATED`) with the same breakdown
  (nationality, category, population, unit), about compatible actors (the same,
  unstated, or one a sub-organisation of the other), for the same, overlapping or
  possibly overlapping periods; or
* one's ``rdfs:comment`` names the other (the curators' own cross-reference).

Compared observations are grouped; each group is one finding with the values,
periods and passages side by side, the reason they differ where the data give
one (the observations' comments, and any ``tip:InferredStatement`` about them),
and, as context, the other figures of the same measure in the same passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from rdflib import Graph
from rdflib.namespace import ORG, QB, RDF, RDFS
from rdflib.term import Node

from ..namespaces import TIP
from .findings import Analysis, Citation, Finding, merge_citations
from .terms import all_text, citations_of, curie, expand, label_of, one
from .timeline import When, when

__all__ = ["RELATED", "Figure", "analyze", "figures", "overlap"]

#: Measures that count overlapping things: compared as if they were one measure.
RELATED = (
    frozenset({"cases-filed", "cases-worked-on", "cases-prosecuted"}),
    frozenset({"convictions", "offenders-convicted"}),
)
_NAMED = re.compile(r"kv:obs-[\w-]*\w")  # how a comment names another observation


@dataclass(frozen=True)
class Figure:
    """One observation as the comparison needs it."""

    iri: str
    label: str
    measure: str
    value: float
    unit: str
    breakdown: tuple[str, str, str]  # nationality, category, population
    actors: frozenset[str]  # aboutActor, else reportedBy
    period: When
    period_iri: str
    comment: str
    citations: tuple[Citation, ...]

    @property
    def names(self) -> frozenset[str]:
        """The observations this one's comment names."""
        return frozenset(_NAMED.findall(self.comment))

    @property
    def passages(self) -> frozenset[str]:
        return frozenset(c.passage for c in self.citations)


def _local(graph: Graph, node: Node, prop: Node, marker: str) -> str:
    value = one(graph, node, prop)
    return str(value).rsplit(marker, 1)[-1] if value is not None else ""


def figures(graph: Graph) -> list[Figure]:
    """Every observation with a value, read for comparison, by IRI."""
    out = []
    for obs in graph.subjects(RDF.type, QB.Observation):
        value = one(graph, obs, TIP.value)
        if value is None:
            continue
        about = {curie(a) for a in graph.objects(obs, TIP.aboutActor)}
        reporters = {curie(r) for r in graph.objects(obs, TIP.reportedBy)}
        ref = one(graph, obs, TIP.refPeriod)
        out.append(
            Figure(
                iri=curie(obs),
                label=label_of(graph, obs),
                measure=_local(graph, obs, TIP.measure, "measure-"),
                value=float(str(value)),
                unit=_local(graph, obs, TIP.unit, "unit-"),
                breakdown=(
                    _local(graph, obs, TIP.nationality, "/"),
                    _local(graph, obs, TIP.category, "category-"),
                    _local(graph, obs, TIP.population, "population-"),
                ),
                actors=frozenset(about or reporters),
                period=when(graph, ref),
                period_iri=curie(ref) if ref is not None else "",
                comment=all_text(graph, obs, RDFS.comment),
                citations=citations_of(graph, obs),
            )
        )
    return sorted(out, key=lambda f: f.iri)


def overlap(a: Figure, b: Figure) -> str:
    """same, overlapping, disjoint or unknown: how two figures' periods relate."""
    if a.period_iri and a.period_iri == b.period_iri:
        return "same"
    pa, pb = a.period, b.period
    if None not in (*pa.start, *pa.end, *pb.start, *pb.end) and (pa.start, pa.end) == (
        pb.start,
        pb.end,
    ):
        return "same"
    if (pa.end[1] and pb.start[0] and pa.end[1] < pb.start[0]) or (
        pb.end[1] and pa.start[0] and pb.end[1] < pa.start[0]
    ):
        return "disjoint"
    if None not in (pa.start[1], pa.end[0], pb.start[1], pb.end[0]):
        assert pa.start[1] and pa.end[0] and pb.start[1] and pb.end[0]
        if pa.start[1] <= pb.end[0] and pb.start[1] <= pa.end[0]:
            return "overlapping"
    return "unknown"


def _family(measure: str) -> frozenset[str]:
    return next((g for g in RELATED if measure in g), frozenset({measure}))


def _parents(graph: Graph, actor: str) -> set[str]:
    found = graph.transitive_objects(expand(actor), ORG.subOrganizationOf)
    return {curie(p) for p in found if p is not None}


def _actors_fit(graph: Graph, a: Figure, b: Figure) -> bool:
    if not a.actors or not b.actors or a.actors & b.actors:
        return True
    return any(
        y in _parents(graph, x) or x in _parents(graph, y) for x in a.actors for y in b.actors
    )


def _compared(graph: Graph, a: Figure, b: Figure) -> bool:
    if a.passages & b.passages:
        return False
    if a.iri in b.names or b.iri in a.names:
        return a.unit == b.unit  # "compare with a percentage" is no discrepancy
    return (
        b.measure in _family(a.measure)
        and a.breakdown == b.breakdown
        and a.unit == b.unit
        and _actors_fit(graph, a, b)
        and overlap(a, b) != "disjoint"
    )


def _inferences(graph: Graph, iris: set[str]) -> list[tuple[str, str, tuple[Citation, ...]]]:
    out = []
    for st in graph.subjects(RDF.type, TIP.InferredStatement):
        ends = {curie(one(graph, st, RDF.subject) or st), curie(one(graph, st, RDF.object) or st)}
        if ends & iris:
            comment = all_text(graph, st, RDFS.comment) or label_of(graph, st)
            out.append((curie(st), comment, citations_of(graph, st)))
    return out


def _side(f: Figure) -> str:
    where = ", ".join(sorted(f.passages))
    return f"{f.value:g} {f.unit} ({f.period.label or 'period not stated'}) [{where}]"


def analyze(graph: Graph) -> Analysis:
    """Groups of figures for the same or overlapping things from different passages."""
    figs = figures(graph)
    pairs = nx.Graph()
    for a, b in combinations(figs, 2):
        if _compared(graph, a, b):
            pairs.add_edge(a.iri, b.iri, periods=overlap(a, b))
    by_iri = {f.iri: f for f in figs}
    groups = sorted((sorted(c) for c in nx.connected_components(pairs)), key=lambda g: g[0])
    out = []
    for group in groups:
        members = sorted((by_iri[i] for i in group), key=lambda f: (sorted(f.passages), f.iri))
        values = "equal" if len({f.value for f in members}) == 1 else "different"
        periods = sorted({d["periods"] for _, _, d in pairs.subgraph(group).edges(data=True)})
        passages = {p for f in members for p in f.passages}
        families = {m for f in members for m in _family(f.measure)}
        context = [
            f
            for f in figs
            if f.iri not in group
            and f.passages & passages
            and f.measure in families
            and f.breakdown == members[0].breakdown
        ]
        reasons = [f"{f.iri}: {f.comment}" for f in members if f.comment]
        inferred = _inferences(graph, set(group))
        reasons += [f"{iri}: {text}" for iri, text, _ in inferred]
        measure = " ".join([members[0].measure, *filter(None, members[0].breakdown)])
        text = (
            f"{measure}: "
            + " vs ".join(_side(f) for f in members)
            + f" — values {values}; periods {', '.join(periods)}"
        )
        out.append(
            Finding(
                "discrepancies",
                members[0].iri,
                members[0].label,
                text,
                {
                    "values": values,
                    "periods": periods,
                    "measure": members[0].measure,
                    "observations": [
                        {
                            "iri": f.iri,
                            "value": f.value,
                            "unit": f.unit,
                            "period": f.period.label,
                            "passages": sorted(f.passages),
                        }
                        for f in members
                    ],
                    "reasons": reasons,
                    "context": [
                        {
                            "iri": f.iri,
                            "value": f.value,
                            "period": f.period.label,
                            "passages": sorted(f.passages),
                        }
                        for f in context
                    ],
                },
                tuple([f.iri for f in members] + [i for i, _, _ in inferred]),
                merge_citations(*(f.citations for f in members), *(c for _, _, c in inferred)),
            )
        )
    notes = (
        "compared: the same or related measure and breakdown, compatible actors, periods not "
        "known to be disjoint, different passages — or a curator's comment naming the other",
        "reasons are the data's own comments and inferred statements; none are invented here",
    )
    return Analysis("discrepancies", notes, tuple(out))
