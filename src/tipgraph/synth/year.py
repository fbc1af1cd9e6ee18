"""The writer of one country-year: its N-Triples lines, passages, citations and nodes.

Also the vocabulary the synthetic graph draws from (concepts of
``ontology/vocabularies.ttl``) and how many facts of each kind a year has.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from rdflib.namespace import PROV, QB, RDF, RDFS, TIME, XSD

from tipgraph.namespaces import BASE, OA, TIP, TIPV

__all__ = ["FIRST_YEAR", "LABEL", "SYNTH", "A", "Year", "iri", "lit"]

SYNTH = BASE + "id/synth/"
FIRST_YEAR = 2001
MINISTRIES = ("Interior", "Justice", "Labour and Social Welfare", "Health", "Education")
# Concept local names from ontology/vocabularies.ttl (tipv:measure-..., tipv:area-..., ...).
MEASURES = (
    "victims-identified", "victims-assisted", "convictions", "cases-prosecuted",
    "investigations-initiated", "cases-filed", "offenders-convicted", "staff", "cases-resolved",
    "cases-noted", "cases-with-convictions", "cases-worked-on", "complaints-received",
    "corruption-cases-submitted", "international-joint-investigations",
    "victims-assisting-prosecution", "sentences", "planned-hires", "staff-ceiling",
    "share-of-victims",
)  # fmt: skip
# A figure repeated for a measure in one year is for a narrower group, as in the sources.
CATEGORIES = ("children", "forced-labour", "sexual-exploitation", "internally-trafficked")
AREAS = (
    "children", "cooperation", "corruption", "data", "funding", "monitoring", "prevention",
    "prosecution", "protection", "staffing", "training", "victim-identification",
)  # fmt: skip
EVENTS = (
    "adoption", "appointment", "closure", "conference", "establishment", "entry-into-force",
    "hiring", "publication", "seminar", "start-of-operations",
)  # fmt: skip
OFFENCES = (
    "trafficking-in-persons", "organising-trafficking-group", "facilitating-prostitution",
    "negligent-facilitation-of-trafficking", "slavery-forced-labour",
)  # fmt: skip
# The offence categories of tipv:offence-categories (ontology/vocab-law.ttl), one per article.
OFFENCE_CATEGORIES = (
    "assisting-perpetrators", "economic", "failure-to-report", "intimidation", "labour",
    "organized-crime", "prostitution", "sexual", "slavery", "smuggling", "trafficking",
)  # fmt: skip
CONDITIONS = ("victim-minor", "perpetrator-official", "victim-dies", "multiple-perpetrators")
# Per country-year, about the Kosovo graph's counts (data/, measured per class).
PER_YEAR = dict(
    funding=14, cooperation=12, flow=18, mandate=8, training=8, membership=3, support=2,
    observation=40, event=24, problem=30, recommendation=7, plan=3, inferred=10,
)  # fmt: skip
PASSAGES = 30


def iri(value: str) -> str:
    return f"<{value}>"


def lit(value: str, datatype: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


A, LABEL = iri(str(RDF.type)), iri(str(RDFS.label))
#: The classes of fact nodes (each carries a tip:modality), relation classes included.
FACT_CLASSES = frozenset(
    {
        QB.Observation,
        TIP.Event,
        TIP.Plan,
        TIP.Problem,
        TIP.Recommendation,
        TIP.Funding,
        TIP.Cooperation,
        TIP.InformationFlow,
        TIP.Mandate,
        TIP.Training,
        TIP.Membership,
        TIP.Support,
    }
)


@dataclass
class Year:
    """The state of one country-year being written: its lines, passages and actors."""

    rng: random.Random
    cns: str  # the country's namespace
    name: str
    year: int
    lines: list[str] = field(default_factory=list)
    passages: list[list[str]] = field(default_factory=list)
    actors: dict[str, list[str]] = field(default_factory=dict)  # role -> IRIs (in <>)
    bnodes: int = 0

    def t(self, s: str, p: object, o: str) -> None:
        self.lines.append(f"{s} {iri(str(p))} {o} .\n")

    def bnode(self) -> str:
        self.bnodes += 1
        return f"_:y{self.year}c{self.cns.rsplit('/', 2)[-2]}n{self.bnodes}"

    def cite(self, node: str, sentence: str) -> None:
        """Put ``sentence`` into a passage of this year's chapter and cite it from ``node``."""
        k = self.rng.randrange(len(self.passages))
        self.passages[k].append(sentence)
        ref, sel = self.bnode(), self.bnode()
        self.t(node, PROV.wasDerivedFrom, ref)
        self.t(ref, RDF.type, iri(str(OA.SpecificResource)))
        self.t(ref, OA.hasSelector, sel)
        self.t(ref, OA.hasSource, iri(f"{self.cns}chapter-{self.year}/p{k + 1}"))
        self.t(sel, RDF.type, iri(str(OA.TextQuoteSelector)))
        self.t(sel, OA.exact, lit(sentence))

    def node(
        self,
        local: str,
        cls: object,
        label: str,
        quote: str | None = None,
        base: str = "",
        modality: str = "stated",
    ) -> str:
        s = iri((base or self.cns) + local)
        self.t(s, RDF.type, iri(str(cls)))
        self.t(s, RDFS.label, lit(label))
        if cls in FACT_CLASSES:  # the shapes require every fact to say how it is stated
            self.t(s, TIP.modality, iri(f"{TIPV}modality-{modality}"))
        self.cite(s, quote or f"{label} ({self.name}, {self.year}).")
        if self.rng.random() < 0.6:  # most facts are stated twice, as in the sources
            self.cite(s, f"Again: {label.lower()} ({self.year}).")
        return s

    def pick(self, *roles: str) -> str:
        return self.rng.choice([a for r in roles for a in self.actors[r]])

    def instant(self, month: int | None = None, day: int | None = None) -> str:
        b = self.bnode()
        self.t(b, RDF.type, iri(str(TIME.Instant)))
        if day is not None and month is not None:
            value, dt, precision = f"{self.year}-{month:02d}-{day:02d}", XSD.date, "day"
            self.t(b, TIME.inXSDDate, lit(value, str(dt)))
        elif month is not None:
            value, precision = f"{self.year}-{month:02d}", "month"
            self.t(b, TIME.inXSDgYearMonth, lit(value, str(XSD.gYearMonth)))
        else:
            precision = "year"
            self.t(b, TIME.inXSDgYear, lit(str(self.year), str(XSD.gYear)))
        self.t(b, TIP.datePrecision, iri(f"{TIPV}precision-{precision}"))
        return b
