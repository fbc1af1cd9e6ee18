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

Pairs are looked up rather than tried one by one: figures of one measure family,
breakdown and unit whose actors fit, and figures whose comments name each other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
from rdflib.namespace import ORG, QB, RDF, RDFS
from rdflib.term import Node

from tipgraph.namespaces import TIP

from .facts import Facts, Source, as_facts
from .findings import Analysis, Citation, Finding, merge_citations
from .terms import all_text, citations_of, curie, expand, label_of, quantity
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

    @cached_property
    def names(self) -> frozenset[str]:
        """The observations this one's comment names."""
        return frozenset(_NAMED.findall(self.comment))

    @cached_property
    def passages(self) -> frozenset[str]:
        return frozenset(c.passage for c in self.citations)


def _local(facts: Facts, node: Node, prop: Node, marker: str) -> str:
    value = facts.one(node, prop)
    return str(value).rsplit(marker, 1)[-1] if value is not None else ""


def figures(graph: Source) -> list[Figure]:
    """Every observation with a value, read for comparison, by IRI."""
    facts = as_facts(graph)
    facts.read_derivations("citations-of-class.rq", cls=QB.Observation)
    out = []
    for obs in facts.graph.subjects(RDF.type, QB.Observation):
        value = facts.one(obs, TIP.value)
        if value is None:
            continue
        about = {curie(a) for a in facts.objects(obs, TIP.aboutActor)}
        reporters = {curie(r) for r in facts.objects(obs, TIP.reportedBy)}
        ref = facts.one(obs, TIP.refPeriod)
        out.append(
            Figure(
                iri=curie(obs),
                label=label_of(facts, obs),
                measure=_local(facts, obs, TIP.measure, "measure-"),
                value=float(str(value)),
                unit=_local(facts, obs, TIP.unit, "unit-"),
                breakdown=(
                    _local(facts, obs, TIP.nationality, "/"),
                    _local(facts, obs, TIP.category, "category-"),
                    _local(facts, obs, TIP.population, "population-"),
                ),
                actors=frozenset(about or reporters),
                period=when(facts, ref),
                period_iri=curie(ref) if ref is not None else "",
                comment=all_text(facts, obs, RDFS.comment),
                citations=citations_of(facts, obs),
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


def _parents(facts: Facts) -> Callable[[str], set[str]]:
    """Each actor's organisations, itself included (read once per actor)."""
    known: dict[str, set[str]] = {}

    def parents(actor: str) -> set[str]:
        if actor not in known:
            found = facts.transitive_objects(expand(actor), ORG.subOrganizationOf)
            known[actor] = {curie(p) for p in found}
        return known[actor]

    return parents


def _actors_fit(parents: Callable[[str], set[str]], a: Figure, b: Figure) -> bool:
    if not a.actors or not b.actors or a.actors & b.actors:
        return True
    return any(y in parents(x) or x in parents(y) for x in a.actors for y in b.actors)


def _compared(parents: Callable[[str], set[str]], a: Figure, b: Figure) -> bool:
    if a.passages & b.passages:
        return False
    if a.iri in b.names or b.iri in a.names:
        return a.unit == b.unit  # "compare with a percentage" is no discrepancy
    return (
        b.measure in _family(a.measure)
        and a.breakdown == b.breakdown
        and a.unit == b.unit
        and _actors_fit(parents, a, b)
        and overlap(a, b) != "disjoint"
    )


def _candidates(
    figs: list[Figure], parents: Callable[[str], set[str]]
) -> list[tuple[Figure, Figure]]:
    """The pairs :func:`_compared` could accept, in the order of ``combinations(figs, 2)``.

    Figures whose comments name one another, and figures of one measure family,
    breakdown and unit whose actors fit (:func:`_actors_fit`): found from each actor's
    organisations, not by trying every pair, so the work grows with the pairs found.
    """
    pairs: set[tuple[int, int]] = set()

    def pair(i: int, j: int) -> None:
        if i != j:
            pairs.add((min(i, j), max(i, j)))

    index = {f.iri: i for i, f in enumerate(figs)}
    for i, f in enumerate(figs):
        for n in f.names:
            if n in index:
                pair(i, index[n])
    groups: dict[tuple[frozenset[str], tuple[str, str, str], str], list[int]] = defaultdict(list)
    for i, f in enumerate(figs):
        groups[(_family(f.measure), f.breakdown, f.unit)].append(i)
    for members in groups.values():
        by_actor: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for actor in figs[i].actors:
                by_actor[actor].append(i)
        for i in members:
            if not figs[i].actors:  # fits every figure
                for j in members:
                    pair(i, j)
            for actor in figs[i].actors:  # the same actor, or one of its organisations
                for j in (j for p in {actor} | parents(actor) for j in by_actor.get(p, ())):
                    pair(i, j)
    return [(figs[i], figs[j]) for i, j in sorted(pairs)]


def _inferences(facts: Facts) -> list[tuple[set[str], str, str, tuple[Citation, ...]]]:
    """Each inferred statement: the two it relates, its IRI, its comment, its citations."""
    facts.read_derivations("citations-of-class.rq", cls=TIP.InferredStatement)
    out = []
    for st in facts.graph.subjects(RDF.type, TIP.InferredStatement):
        ends = {
            curie(facts.one(st, RDF.subject) or st),
            curie(facts.one(st, RDF.object) or st),
        }
        comment = all_text(facts, st, RDFS.comment) or label_of(facts, st)
        out.append((ends, curie(st), comment, citations_of(facts, st)))
    return out


def _side(f: Figure) -> str:
    where = ", ".join(sorted(f.passages))
    return f"{quantity(f.value, f.unit)} ({f.period.label or 'period not stated'}) [{where}]"


def analyze(graph: Source) -> Analysis:
    """Groups of figures for the same or overlapping things from different passages."""
    facts = as_facts(graph)
    figs = figures(facts)
    parents = _parents(facts)
    pairs = nx.Graph()
    for a, b in _candidates(figs, parents):
        if _compared(parents, a, b):
            pairs.add_edge(a.iri, b.iri, periods=overlap(a, b))
    by_iri = {f.iri: f for f in figs}
    in_passage: dict[str, list[int]] = defaultdict(list)  # passage -> figures citing it
    for i, f in enumerate(figs):
        for p in f.passages:
            in_passage[p].append(i)
    statements = _inferences(facts) if pairs else []
    groups = sorted((sorted(c) for c in nx.connected_components(pairs)), key=lambda g: g[0])
    out = []
    for group in groups:
        members = sorted((by_iri[i] for i in group), key=lambda f: (sorted(f.passages), f.iri))
        values = "equal" if len({f.value for f in members}) == 1 else "different"
        periods = sorted({d["periods"] for _, _, d in pairs.subgraph(group).edges(data=True)})
        passages = {p for f in members for p in f.passages}
        families = {m for f in members for m in _family(f.measure)}
        near = sorted({i for p in passages for i in in_passage[p]})
        context = [
            f
            for f in (figs[i] for i in near)
            if f.iri not in group and f.measure in families and f.breakdown == members[0].breakdown
        ]
        reasons = [f"{f.iri}: {f.comment}" for f in members if f.comment]
        inferred = [(iri, t, c) for ends, iri, t, c in statements if ends & set(group)]
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
