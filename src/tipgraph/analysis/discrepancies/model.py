"""What every kind of comparison reads: figures, the measure hierarchy, sides and findings.

A :class:`Figure` is one observation as the comparisons need it; :class:`Vocab` is the
statistics vocabulary's measure hierarchy (``skos:broader`` families, ``skos:related``
pairs that are not comparable by definition) and its scope categories; a :class:`Side`
is one side of a finding — what it says, its passages and quotes — and :func:`finding`
puts two sides, a kind, a verdict and the sentence that says why into one Finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from rdflib.namespace import ORG, QB, RDF, RDFS, SKOS
from rdflib.term import Node

from tipgraph.namespaces import TIP, TIPV

from ..facts import Facts, Source, as_facts
from ..findings import Citation, Finding, merge_citations
from ..terms import all_text, citations_of, curie, expand, label_of, quantity
from ..timeline import When, when

__all__ = [
    "KINDS",
    "NOT_HAPPENED",
    "Figure",
    "Side",
    "Vocab",
    "actors_fit",
    "document_of",
    "figures",
    "finding",
    "overlap",
    "parents_of",
    "passage_key",
    "side_of",
]

#: The kinds of finding, in the order the analysis reports them.
KINDS = (
    "restatement",
    "period-or-attribution",
    "related-measures",
    "arithmetic",
    "law-practice",
    "across-documents",
    "qualitative-tension",
)
VERDICTS = ("agree", "differ", "not-comparable", "restated")
_NAMED = re.compile(r"kv:obs-[\w-]*\w")  # how a comment names another observation
_SCOPE = TIPV["category-form-of-exploitation"]  # categories that scope, not break down


@dataclass(frozen=True)
class Figure:
    """One observation as the comparisons need it."""

    iri: str
    label: str
    measure: str
    value: float
    unit: str
    breakdown: tuple[str, str, str]  # nationality, category, population
    actors: frozenset[str]  # aboutActor, else reportedBy
    actor_labels: tuple[str, ...]
    period: When
    period_iri: str
    comment: str
    citations: tuple[Citation, ...]
    qualifier: str = ""  # less-than, more-than, ... as the source words it
    dataset: str = ""  # one per country graph: figures of two data sets are never compared
    area: str = ""  # tip:refArea, where the source gives one (Pristina headquarters)
    modality: str = ""  # tip:modality without "modality-": stated, reported, planned, ...
    attributed: tuple[str, ...] = ()  # tip:attributedTo: whom a reported figure is from
    restated_by: tuple[str, ...] = field(default=())

    @cached_property
    def names(self) -> frozenset[str]:
        """The observations this one's comment names."""
        return frozenset(_NAMED.findall(self.comment))

    @cached_property
    def passages(self) -> frozenset[str]:
        return frozenset(c.passage for c in self.citations)

    @cached_property
    def documents(self) -> frozenset[str]:
        return frozenset(document_of(p) for p in self.passages)

    def shown(self) -> str:
        """The value as a reader says it: ``32 persons``, ``< 1%``."""
        less = {"less-than": "< ", "more-than": "> "}.get(self.qualifier, "")
        return f"{less}{quantity(self.value, self.unit)}"


def document_of(passage: str) -> str:
    """The document a passage key belongs to: ``cable:p34`` -> ``cable``."""
    return passage.split(":", 1)[0] if ":" in passage else passage.rsplit("/", 1)[0]


def passage_key(passage: str) -> tuple[str, int, str]:
    """Document order: ``cable:p9`` before ``cable:p34``."""
    digits = re.search(r"(\d+)$", passage)
    return (document_of(passage), int(digits.group(1)) if digits else 0, passage)


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
        about = facts.objects(obs, TIP.aboutActor) or facts.objects(obs, TIP.reportedBy)
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
                actors=frozenset(curie(a) for a in about),
                actor_labels=tuple(sorted(label_of(facts, a) for a in about)),
                period=when(facts, ref),
                period_iri=curie(ref) if ref is not None else "",
                comment=all_text(facts, obs, RDFS.comment),
                citations=citations_of(facts, obs),
                qualifier=_local(facts, obs, TIP.valueQualifier, "qualifier-"),
                dataset=str(facts.one(obs, QB.dataSet) or ""),
                area=curie(area) if (area := facts.one(obs, TIP.refArea)) is not None else "",
                modality=_local(facts, obs, TIP.modality, "modality-"),
                attributed=tuple(
                    sorted(label_of(facts, a) for a in facts.objects(obs, TIP.attributedTo))
                ),
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


def adjacent_years(a: Figure, b: Figure) -> bool:
    """True if one figure's period ends in the year before the other's starts."""
    for x, y in ((a, b), (b, a)):
        end, start = x.period.end[1], y.period.start[0]
        if end is not None and start is not None and start.year - end.year == 1:
            return True
    return False


class Vocab:
    """The measure hierarchy and scope categories of the statistics vocabulary."""

    def __init__(self, facts: Facts) -> None:
        self._facts = facts
        self._families: dict[str, frozenset[str]] = {}

    def _measure(self, name: str) -> Node:
        return TIPV["measure-" + name]

    def family(self, measure: str) -> frozenset[str]:
        """The broader measures of ``measure`` (local names), itself included."""
        if measure not in self._families:
            found = self._facts.transitive_objects(self._measure(measure), SKOS.broader)
            self._families[measure] = frozenset(str(m).rsplit("measure-", 1)[-1] for m in found)
        return self._families[measure]

    def related(self, a: str, b: str) -> bool:
        """True if the vocabulary relates two different measures (skos:related)."""
        ma, mb = self._measure(a), self._measure(b)
        return a != b and (
            self._facts.has(ma, SKOS.related, mb) or self._facts.has(mb, SKOS.related, ma)
        )

    def definition(self, measure: str) -> str:
        node = self._measure(measure)
        return str(self._facts.one(node, SKOS.definition) or label_of(self._facts, node))

    def scope_only(self, category: str) -> bool:
        """True for a category that scopes a figure (sexual exploitation) rather than
        breaking it down: figures with and without one count the same set."""
        node = TIPV["category-" + category]
        return bool(category) and self._facts.has(node, SKOS.broader, _SCOPE)

    def breakdown(self, f: Figure) -> tuple[str, str, str]:
        """The figure's breakdown without scope categories."""
        nat, cat, pop = f.breakdown
        return (nat, "" if self.scope_only(cat) else cat, pop)

    def category_parent(self, category: str) -> str:
        node = self._facts.one(TIPV["category-" + category], SKOS.broader)
        return str(node).rsplit("category-", 1)[-1] if node is not None else ""


def parents_of(facts: Facts) -> Callable[[str], set[str]]:
    """Each actor's organisations, itself included (read once per actor)."""
    known: dict[str, set[str]] = {}

    def parents(actor: str) -> set[str]:
        if actor not in known:
            found = facts.transitive_objects(expand(actor), ORG.subOrganizationOf)
            known[actor] = {curie(p) for p in found}
        return known[actor]

    return parents


def actors_fit(parents: Callable[[str], set[str]], a: Figure, b: Figure) -> bool:
    """The same actor, an unstated one, or one a sub-organisation of the other."""
    if not a.actors or not b.actors or a.actors & b.actors:
        return True
    return any(y in parents(x) or x in parents(y) for x in a.actors for y in b.actors)


@dataclass(frozen=True)
class Side:
    """One side of a finding: what it says, and the passages and quotes it rests on."""

    says: str
    citations: tuple[Citation, ...]
    figures: tuple[str, ...] = ()

    @property
    def passages(self) -> tuple[str, ...]:
        return tuple(sorted({c.passage for c in self.citations}, key=passage_key))

    def as_data(self) -> dict[str, object]:
        return {
            "says": self.says,
            "passages": list(self.passages),
            "quotes": [{"passage": c.passage, "quote": c.quote} for c in self.citations],
            "figures": list(self.figures),
        }


#: Modalities of figures the source does not state as holding (issue 13's names).
NOT_HAPPENED = frozenset({"expected", "planned", "hypothetical", "negated"})


def _figure_says(f: Figure) -> str:
    who = f" ({', '.join(f.actor_labels)})" if f.actor_labels else ""
    how = ""
    if f.modality and f.modality != "stated":
        named = f.attributed and f.attributed != f.actor_labels
        by = f" by {', '.join(f.attributed)}" if named else ""
        how = f" [{f.modality}{by}]"
    return f"{f.label}: {f.shown()}, {f.period.label or 'period not stated'}{who}{how}"


def side_of(figs: Iterable[Figure], says: str = "") -> Side:
    """A side made of figures: their labels and values unless ``says`` is given."""
    unique = {f.iri: f for f in figs}.values()
    figs = sorted(unique, key=lambda f: (min(map(passage_key, f.passages)), f.iri))
    text = says or "; ".join(_figure_says(f) for f in figs)
    cites = merge_citations(*(f.citations for f in figs))
    return Side(text, cites, tuple(f.iri for f in figs))


def finding(
    kind: str, verdict: str, a: Side, b: Side, why: str, subject: str, label: str
) -> Finding:
    """One finding of ``kind``: both sides with their quotes, the verdict and why."""
    assert kind in KINDS and verdict in VERDICTS, (kind, verdict)
    where_a, where_b = ", ".join(a.passages), ", ".join(b.passages)
    text = f"{label} — {verdict}: [{where_a}] {a.says} | [{where_b}] {b.says} — {why}"
    return Finding(
        kind,
        subject,
        label,
        text,
        {"kind": kind, "verdict": verdict, "why": why, "sides": [a.as_data(), b.as_data()]},
        tuple(dict.fromkeys((*a.figures, *b.figures))),
        merge_citations(a.citations, b.citations),
    )
