"""Project the RDF graph onto networkx graphs, one kind of relation at a time.

Relations in the data are n-ary nodes (``kv:funding-mlsw-hhc-2007 a tip:Funding``)
with role properties; :data:`RULES` is the one table that says, for each relation
class, which role is the source of an edge, which the target, and whether the
edge has a direction. Plain structural triples on actors (``org:subOrganizationOf``,
``org:postIn``) are projected too; their evidence is the actor's own citation.

Negated relations ("receives no government funding", "cannot join Interpol") stay
in the projection as edges with ``negated=True``; analyses drop them where a
stated absence must not count as a tie (centrality, funding shares) and report
them separately.

The RDF graph is read through a :class:`~.facts.Facts` view, as in every module
of this package: each node's triples fetched once, citations in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, product

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, TIME
from rdflib.term import Node

from tipgraph.errors import QueryError
from tipgraph.namespaces import ORG, TIP

from .facts import Facts, Source, as_facts
from .findings import Citation
from .terms import citations_of, curie, expand, label_of, modality_of, node_info, time_label

__all__ = [
    "KINDS",
    "RULES",
    "Amount",
    "Relation",
    "Rule",
    "project",
    "relations",
    "simple_graph",
]

KINDS = ("funding", "coordination", "information", "oversight", "membership", "training")


@dataclass(frozen=True)
class Rule:
    """How one relation class becomes edges: source role(s) -> target role.

    ``cls`` None means a plain triple ``actor target-property other``: the actor is
    the source. The first source role with a value wins (a funding names a
    ``tip:funder``, or only a ``tip:funderSector``).
    """

    kind: str
    cls: URIRef | None
    source: tuple[URIRef, ...]
    target: URIRef
    directed: bool


RULES: tuple[Rule, ...] = (
    # kind, relation class (and its subclasses), source role(s), target role, directed
    Rule("funding", TIP.Funding, (TIP.funder, TIP.funderSector), TIP.recipient, True),
    Rule("coordination", TIP.Cooperation, (TIP.party,), TIP.party, False),
    Rule("coordination", TIP.Support, (TIP.supporter,), TIP.supported, True),
    Rule("coordination", TIP.Sponsorship, (TIP.sponsor,), TIP.sponsored, True),
    Rule("coordination", TIP.Participation, (TIP.participant,), TIP.event, True),
    Rule("information", TIP.InformationFlow, (TIP["from"],), TIP.to, True),  # + tip:Reporting
    Rule("oversight", TIP.Oversight, (TIP.overseer,), TIP.overseen, True),  # + tip:Mentoring
    Rule("oversight", TIP.TierPlacement, (TIP.assessor,), TIP.assessed, True),
    Rule("membership", TIP.Membership, (ORG.member,), ORG.organization, True),
    Rule("membership", TIP.Operation, (TIP.operator,), TIP.facility, True),
    Rule("membership", TIP.PostHolding, (TIP.postHolder,), TIP.post, True),
    Rule("membership", None, (), ORG.subOrganizationOf, True),
    Rule("membership", None, (), ORG.postIn, True),
    Rule("training", TIP.Training, (TIP.trainer,), TIP.trainee, True),
)

_VERBS = {"subOrganizationOf": "is part of", "postIn": "is a post in"}


@dataclass(frozen=True)
class Amount:
    """A sum of money as the source gives it."""

    value: float
    currency: str
    approximate: bool = False


@dataclass(frozen=True)
class Relation:
    """One relation node, read through its rule: ends as compact IRIs, flags, evidence."""

    iri: str
    cls: str
    kind: str
    label: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    directed: bool
    negated: bool = False
    one_way: bool = False
    amounts: tuple[Amount, ...] = ()
    period: str = ""
    part_of: str = ""
    reprogrammed_from: str = ""
    citations: tuple[Citation, ...] = field(default=())
    portion: str = ""  # the source's word for the share it makes up ("most"), if no figure
    modality: str = "stated"  # tipv:modalities without "modality-"
    valid_during: str = ""  # the interval the source says the relation held in, if bounded

    @property
    def approximate(self) -> bool:
        """True if any amount is approximate ("about 191,970 euros")."""
        return any(a.approximate for a in self.amounts)

    def pairs(self) -> list[tuple[str, str]]:
        """The edges: source x target, or every pair of parties when undirected."""
        if not self.directed:
            return list(combinations(sorted(set(self.sources) | set(self.targets)), 2))
        return [(s, t) for s, t in product(self.sources, self.targets) if s != t]

    def amount(self, currency: str) -> float | None:
        """The amount in ``currency`` as stated, or None."""
        return next((a.value for a in self.amounts if a.currency == currency), None)


def _flag(facts: Facts, node: Node, prop: URIRef) -> bool | None:
    value = facts.one(node, prop)
    return bool(value.toPython()) if isinstance(value, Literal) else None


def _amounts(facts: Facts, node: Node) -> tuple[Amount, ...]:
    out = []
    for a in facts.objects(node, TIP.amount):
        value, currency = facts.one(a, RDF.value), facts.one(a, TIP.currency)
        if isinstance(value, Literal) and currency is not None:
            approx = bool(_flag(facts, a, TIP.approximate))
            out.append(Amount(float(value.toPython()), str(currency), approx))
    return tuple(sorted(out, key=lambda a: a.currency))


def _read(facts: Facts, rule: Rule, node: Node) -> Relation:
    sources: list[Node] = []
    for role in rule.source:
        sources = sorted(facts.objects(node, role), key=str)
        if sources:
            break
    targets = sorted(facts.objects(node, rule.target), key=str)
    cls = facts.one(node, RDF.type)
    ref = facts.one(node, TIP.partOf)
    moved = facts.one(node, TIP.reprogrammedFrom)
    return Relation(
        iri=curie(node),
        cls=str(cls).rsplit("#", 1)[-1] if cls is not None else "Relation",
        kind=rule.kind,
        label=label_of(facts, node),
        sources=tuple(curie(s) for s in sources),
        targets=tuple(curie(t) for t in targets),
        directed=rule.directed,
        negated=bool(_flag(facts, node, TIP.negated)),
        one_way=_flag(facts, node, TIP.reciprocated) is False,
        amounts=_amounts(facts, node),
        period=time_label(facts, facts.one(node, TIME.hasTime)),
        part_of=curie(ref) if ref is not None else "",
        reprogrammed_from=curie(moved) if moved is not None else "",
        citations=citations_of(facts, node),
        portion=str(facts.one(node, TIP.portion) or ""),
        modality=modality_of(facts, node),
        valid_during=curie(valid) if (valid := facts.one(node, TIP.validDuring)) else "",
    )


def _structural(facts: Facts, rule: Rule) -> list[Relation]:
    out = []
    name = rule.target.rsplit("#", 1)[-1]
    for s, o in facts.subject_objects(rule.target):
        out.append(
            Relation(
                iri=curie(s),
                cls=name,
                kind=rule.kind,
                label=f"{label_of(facts, s)} {_VERBS.get(name, name)} {label_of(facts, o)}",
                sources=(curie(s),),
                targets=(curie(o),),
                directed=True,
                citations=citations_of(facts, s),
            )
        )
    return out


def _check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    chosen = tuple(KINDS if kinds is None else kinds)
    unknown = sorted(set(chosen) - set(KINDS))
    if unknown:
        raise QueryError(
            f"unknown relation kind(s) {', '.join(unknown)} (known: {', '.join(KINDS)})"
        )
    return chosen


def relations(graph: Source, kinds: Iterable[str] | None = None) -> list[Relation]:
    """Every relation of the given kinds (default: all), read through :data:`RULES`, by IRI."""
    chosen = _check_kinds(kinds)
    facts = as_facts(graph)
    out: dict[tuple[str, ...], Relation] = {}
    for rule in RULES:
        if rule.kind not in chosen:
            continue
        if rule.cls is None:
            # keyed by the target too: a unit in two bodies (the AOGG, cable p10) is two ties
            for rel in _structural(facts, rule):
                out.setdefault((rel.iri, rel.cls, *rel.targets), rel)
            continue
        facts.read_derivations("citations-of-class.rq", cls=rule.cls)
        for node in facts.instances(rule.cls):
            key = (curie(node), "")
            if key not in out:
                out[key] = _read(facts, rule, node)
    return sorted(out.values(), key=lambda r: (r.iri, r.cls, r.targets))


def _edge_attrs(rel: Relation) -> dict[str, object]:
    attrs: dict[str, object] = {
        "kind": rel.kind,
        "relation": rel.iri,
        "relation_class": rel.cls,
        "label": rel.label,
        "directed": rel.directed,
        "negated": rel.negated,
        "one_way": rel.one_way,
        "approximate": rel.approximate,
        "period": rel.period,
        "passages": [c.passage for c in rel.citations],
        "quotes": [c.quote for c in rel.citations],
    }
    for a in rel.amounts:
        attrs[f"amount_{a.currency}"] = a.value
    return attrs


def project(
    graph: Source, kinds: Iterable[str] | None = None, rels: list[Relation] | None = None
) -> nx.MultiDiGraph:
    """The network of the given relation kinds: one edge per relation and pair of ends.

    Nodes are compact IRIs with ``label``, ``kind``, ``sector`` and ``iri``; edges
    carry the relation's kind, IRI, class, label, flags, period, ``amount_<CUR>``
    and citations (``passages``, ``quotes``). Undirected relations (cooperation)
    appear once, ``directed=False``, between their ends in sorted order. ``rels``
    are those kinds' relations if the caller has read them already.
    """
    chosen = _check_kinds(kinds)
    facts = as_facts(graph)
    net = nx.MultiDiGraph(kinds=" ".join(chosen))
    for rel in relations(facts, chosen) if rels is None else rels:
        for u, v in rel.pairs():
            for end in (u, v):
                if end not in net:
                    net.add_node(end, **node_info(facts, expand(end)))
            net.add_edge(u, v, key=f"{rel.iri}|{rel.cls}|{u}|{v}", **_edge_attrs(rel))
    return net


def simple_graph(net: nx.MultiDiGraph) -> nx.Graph:
    """The undirected ties of ``net``: negated edges dropped, parallel edges merged.

    Each tie keeps ``relations`` (sorted IRIs), ``passages`` and ``weight`` (how
    many relations support it); every node of ``net`` is kept.
    """
    out = nx.Graph()
    out.add_nodes_from(net.nodes(data=True))
    for u, v, data in net.edges(data=True):
        if data.get("negated") or u == v:
            continue
        if not out.has_edge(u, v):
            out.add_edge(u, v, relations=[], passages=[], weight=0)
        tie = out.edges[u, v]
        if data["relation"] not in tie["relations"]:
            tie["relations"] = sorted([*tie["relations"], data["relation"]])
            tie["weight"] += 1
        tie["passages"] = sorted(set(tie["passages"]) | set(data["passages"]))
    return out
