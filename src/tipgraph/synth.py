"""A synthetic multi-country graph with the Kosovo graph's shape, for scale tests.

The real graph is one country in one pair of documents (~10k triples); the
model must carry every country of every TIP report (millions). This writes
N-Triples for ``countries`` x ``years`` country-years: each country has its
actors and its criminal code (first year); each year one report chapter whose
passages hold the text that every cited fact quotes, plus that year's
funding, cooperation, information flows, trainings, statistics, events,
problems and recommendations. International organisations and foreign
governments are shared, so the funding network joins countries the way donors
do; each organisation works in a country through a local mission, so
coordination stays within a country. Same seed, same bytes.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, TIME, XSD

from .errors import ExportError
from .namespaces import BASE, OA, ORG, TIP, TIPV

__all__ = ["SYNTH", "generate", "write"]

SYNTH = BASE + "id/synth/"
FIRST_YEAR = 2001
_MINISTRIES = ("Interior", "Justice", "Labour and Social Welfare", "Health", "Education")
# Concept local names from ontology/vocabularies.ttl (tipv:measure-..., tipv:area-..., ...).
_MEASURES = (
    "victims-identified", "victims-assisted", "convictions", "cases-prosecuted",
    "investigations-initiated", "cases-filed", "offenders-convicted", "staff", "cases-resolved",
    "cases-noted", "cases-with-convictions", "cases-worked-on", "complaints-received",
    "corruption-cases-submitted", "international-joint-investigations",
    "victims-assisting-prosecution", "sentences", "planned-hires", "staff-ceiling",
    "share-of-victims",
)  # fmt: skip
# A figure repeated for a measure in one year is for a narrower group, as in the sources.
_CATEGORIES = ("children", "forced-labour", "sexual-exploitation", "internally-trafficked")
_AREAS = (
    "children", "cooperation", "corruption", "data", "funding", "monitoring", "prevention",
    "prosecution", "protection", "staffing", "training", "victim-identification",
)  # fmt: skip
_EVENTS = (
    "adoption", "appointment", "closure", "conference", "establishment", "entry-into-force",
    "hiring", "publication", "seminar", "start-of-operations",
)  # fmt: skip
_OFFENCES = (
    "trafficking-in-persons", "organising-trafficking-group", "facilitating-prostitution",
    "negligent-facilitation-of-trafficking", "slavery-forced-labour",
)  # fmt: skip
_CONDITIONS = ("victim-minor", "perpetrator-official", "victim-dies", "multiple-perpetrators")
# Per country-year, about the Kosovo graph's counts (data/, measured per class).
_PER_YEAR = dict(
    funding=14, cooperation=12, flow=18, mandate=8, training=8, membership=3, support=2,
    observation=40, event=24, problem=30, recommendation=7, plan=3, inferred=10,
)  # fmt: skip
_PASSAGES = 30


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, datatype: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


A, LABEL = _iri(str(RDF.type)), _iri(str(RDFS.label))


@dataclass
class _Year:
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
        self.lines.append(f"{s} {_iri(str(p))} {o} .\n")

    def bnode(self) -> str:
        self.bnodes += 1
        return f"_:y{self.year}c{self.cns.rsplit('/', 2)[-2]}n{self.bnodes}"

    def cite(self, node: str, sentence: str) -> None:
        """Put ``sentence`` into a passage of this year's chapter and cite it from ``node``."""
        k = self.rng.randrange(len(self.passages))
        self.passages[k].append(sentence)
        ref, sel = self.bnode(), self.bnode()
        self.t(node, PROV.wasDerivedFrom, ref)
        self.t(ref, RDF.type, _iri(str(OA.SpecificResource)))
        self.t(ref, OA.hasSelector, sel)
        self.t(ref, OA.hasSource, _iri(f"{self.cns}chapter-{self.year}/p{k + 1}"))
        self.t(sel, RDF.type, _iri(str(OA.TextQuoteSelector)))
        self.t(sel, OA.exact, _lit(sentence))

    def node(
        self, local: str, cls: object, label: str, quote: str | None = None, base: str = ""
    ) -> str:
        s = _iri((base or self.cns) + local)
        self.t(s, RDF.type, _iri(str(cls)))
        self.t(s, RDFS.label, _lit(label))
        self.cite(s, quote or f"{label} ({self.name}, {self.year}).")
        if self.rng.random() < 0.6:  # most facts are stated twice, as in the sources
            self.cite(s, f"Again: {label.lower()} ({self.year}).")
        return s

    def pick(self, *roles: str) -> str:
        return self.rng.choice([a for r in roles for a in self.actors[r]])

    def instant(self, month: int | None = None, day: int | None = None) -> str:
        b = self.bnode()
        self.t(b, RDF.type, _iri(str(TIME.Instant)))
        if day is not None and month is not None:
            value, dt, precision = f"{self.year}-{month:02d}-{day:02d}", XSD.date, "day"
            self.t(b, TIME.inXSDDate, _lit(value, str(dt)))
        elif month is not None:
            value, precision = f"{self.year}-{month:02d}", "month"
            self.t(b, TIME.inXSDgYearMonth, _lit(value, str(XSD.gYearMonth)))
        else:
            precision = "year"
            self.t(b, TIME.inXSDgYear, _lit(str(self.year), str(XSD.gYear)))
        self.t(b, TIP.datePrecision, _iri(f"{TIPV}precision-{precision}"))
        return b


def _actors(y: _Year, shared: dict[str, list[str]], first: bool) -> None:
    """The country's actors (written in its first year) and the shared donors they meet."""
    c, gov = y.cns, _iri(y.cns + "government")
    roles: dict[str, list[tuple[str, object, str, str | None]]] = {
        "government": [("government", TIP.GovernmentBody, f"Government of {y.name}", None)],
        "ministry": [
            (f"ministry-{i}", TIP.Ministry, f"{y.name} Ministry of {m}", "gov")
            for i, m in enumerate(_MINISTRIES)
        ],
        "unit": [
            (f"unit-{i}", TIP.OrganisationalUnit, f"{y.name} anti-trafficking unit {i}", "ministry")
            for i in range(4)
        ],
        "police": [
            (f"police-{i}", TIP.PoliceUnit, f"{y.name} police trafficking section {i}", "ministry")
            for i in range(2)
        ],
        "justice": [
            ("court", TIP.JudicialBody, f"{y.name} Supreme Court", None),
            ("prosecutor", TIP.ProsecutionOffice, f"{y.name} Special Prosecutor", None),
        ],
        "group": [
            (f"wg-{i}", TIP.WorkingGroup, f"{y.name} working group {i}", None) for i in range(2)
        ],
        "ngo": [(f"ngo-{i}", TIP.NGO, f"{y.name} victims' NGO {i}", None) for i in range(4)],
        "shelter": [(f"shelter-{i}", TIP.Shelter, f"{y.name} shelter {i}", None) for i in range(3)],
        "mission": [
            (
                f"mission-{i}",
                TIP.OrganisationalUnit,
                f"International organisation {i} mission in {y.name}",
                "intl",
            )
            for i in range(3)
        ],
        "donors": [("donors", TIP.ActorGroup, f"international donors in {y.name}", None)],
    }
    if not shared:  # the donors every country shares, cited where first met
        shared["intl"] = [
            y.node(
                f"org-{i}",
                TIP.InternationalOrganisation,
                f"International organisation {i}",
                base=f"{SYNTH}intl/",
            )
            for i in range(8)
        ]
        shared["foreign"] = [
            y.node(
                f"gov-{i}", TIP.ForeignGovernment, f"Foreign government {i}", base=f"{SYNTH}intl/"
            )
            for i in range(16)
        ]
        for s in shared["intl"]:
            y.t(s, TIP.sector, _iri(f"{TIPV}sector-international"))
        for s in shared["foreign"]:
            y.t(s, TIP.sector, _iri(f"{TIPV}sector-foreign-government"))
    sectors = {
        "ngo": "ngo",
        "shelter": "ngo",
        "mission": "international",
        "donors": "international",
    }
    for role, specs in roles.items():
        y.actors[role] = [_iri(c + local) for local, *_ in specs]
        if not first:
            for s in y.actors[role]:  # a later report names most actors again
                if y.rng.random() < 0.4:
                    y.cite(s, f"The {y.year} report on {y.name} names {s.rsplit('/', 1)[1][:-1]}.")
            continue
        for i, (local, cls, label, parent) in enumerate(specs):
            s = y.node(local, cls, label)
            y.t(s, TIP.sector, _iri(f"{TIPV}sector-{sectors.get(role, 'government')}"))
            if parent == "gov":
                y.t(s, ORG.subOrganizationOf, gov)
            elif parent == "ministry":
                y.t(s, ORG.subOrganizationOf, y.actors["ministry"][i % 2])
            elif parent == "intl":
                y.t(s, ORG.subOrganizationOf, shared["intl"][i % len(shared["intl"])])
    y.actors.update(shared)


def _law(y: _Year) -> None:
    """The country's criminal code: articles, each with penalty provisions."""
    code = y.node("code", TIP.LegalInstrument, f"{y.name} Criminal Code")
    y.t(code, TIP.inForceFrom, _lit(f"{y.year}-01-{y.rng.randint(1, 28):02d}", str(XSD.date)))
    for a in range(19):
        art = y.node(
            f"code-art-{100 + a}", TIP.Article, f"{y.name} Criminal Code Article {100 + a}"
        )
        y.t(art, DCTERMS.isPartOf, code)
        y.t(art, TIP.articleNumber, _lit(str(100 + a)))
        for p in range(2 if a % 2 else 1):
            low = y.rng.randint(0, 60)
            pen = y.node(
                f"code-art-{100 + a}-p{p}",
                TIP.PenaltyProvision,
                f"Article {100 + a}: {low} months or more, case {p}",
            )
            offence = y.rng.choice(_OFFENCES)
            y.t(pen, TIP.ofArticle, art)
            y.t(pen, TIP.offence, _lit(offence.replace("-", " ")))
            y.t(pen, TIP.offenceType, _iri(f"{TIPV}offence-{offence}"))
            y.t(pen, TIP.offenceClass, _iri(f"{TIPV}offence-class-criminal-offence"))
            months = str(XSD.integer)
            y.t(pen, TIP.minImprisonmentMonths, _lit(str(low), months))
            y.t(pen, TIP.maxImprisonmentMonths, _lit(str(low + y.rng.randint(0, 120)), months))
            if p:
                y.t(pen, TIP.condition, _iri(f"{TIPV}condition-{y.rng.choice(_CONDITIONS)}"))


def _amount(y: _Year, node: str, prop: object, value: int, currency: str) -> None:
    b = y.bnode()
    y.t(node, prop, b)
    y.t(b, RDF.type, _iri(str(TIP.MonetaryAmount)))
    y.t(b, RDF.value, _lit(f"{value}.0", str(XSD.decimal)))
    y.t(b, TIP.currency, _lit(currency))
    if value % 3 == 0:
        y.t(b, TIP.approximate, _lit("true", str(XSD.boolean)))
        y.t(b, TIP.valueQualifier, _iri(f"{TIPV}qualifier-about"))


def _relations(y: _Year, period: str) -> None:
    """This year's n-ary relations, each cited."""
    n, rng, local = _PER_YEAR, y.rng, f"{y.year}-"
    domestic = ("ministry", "unit", "police", "justice", "ngo", "mission", "group")
    for i in range(n["funding"]):
        recipient = y.pick("ngo", "shelter", "unit")
        f = y.node(f"funding-{local}{i}", TIP.Funding, f"Funding {i} of {y.name} actors, {y.year}")
        y.t(f, TIP.recipient, recipient)
        y.t(f, TIME.hasTime, period)
        if i == n["funding"] - 1:  # a stated absence
            y.t(f, TIP.funderSector, _iri(f"{TIPV}sector-government"))
            y.t(f, TIP.negated, _lit("true", str(XSD.boolean)))
            continue
        y.t(f, TIP.funder, y.pick("government", "ministry", "foreign", "intl", "donors"))
        if rng.random() < 0.7:
            _amount(y, f, TIP.amount, rng.randint(1, 400) * 1000, rng.choice(("USD", "EUR")))
        if i and rng.random() < 0.2:
            y.t(f, TIP.partOf, _iri(f"{y.cns}funding-{local}{i - 1}"))
    kinds = (
        ("cooperation", TIP.Cooperation),
        ("flow", TIP.InformationFlow),
        ("mandate", TIP.Mandate),
        ("training", TIP.Training),
        ("membership", TIP.Membership),
        ("support", TIP.Support),
    )
    for kind, cls in kinds:
        for i in range(n[kind]):
            r = y.node(f"{kind}-{local}{i}", cls, f"{kind} {i} in {y.name}, {y.year}")
            a, b = y.pick(*domestic), y.pick(*domestic)
            if kind == "cooperation":
                y.t(r, TIP.party, a)
                y.t(r, TIP.party, b if b != a else y.pick("government"))
            elif kind == "flow":
                y.t(r, TIP["from"], a)
                y.t(r, TIP.content, _lit(f"figures for {y.year}"))
                if rng.random() < 0.8:
                    y.t(r, TIP.to, b)
            elif kind == "mandate":
                y.t(r, TIP.holder, a)
                y.t(r, TIP.responsibility, _lit("counter-trafficking work"))
            elif kind == "training":
                y.t(r, TIP.trainer, a)
                y.t(r, TIP.trainee, b)
                y.t(r, TIP.sessionCount, _lit(str(rng.randint(1, 9)), str(XSD.integer)))
            elif kind == "membership":
                y.t(r, ORG.member, a)
                y.t(r, ORG.organization, y.pick("group"))
            else:
                y.t(r, TIP.supporter, y.pick("intl", "foreign"))
                y.t(r, TIP.supported, a)
            if kind != "mandate":
                y.t(r, TIME.hasTime, period)


def _findings(y: _Year, period: str, dataset: str) -> None:
    """This year's statistics, events, problems, recommendations, plans and inferences."""
    rng, local, n = y.rng, f"{y.year}-", _PER_YEAR
    for i in range(n["observation"]):
        measure = _MEASURES[i % len(_MEASURES)]
        o = y.node(
            f"obs-{local}{i}",
            QB.Observation,
            f"{measure} in {y.name}, {y.year} ({i})",
            f"In {y.year} {y.name} reported {rng.randint(0, 500)} for {measure} ({i}).",
        )
        y.t(o, QB.dataSet, dataset)
        y.t(o, TIP.measure, _iri(f"{TIPV}measure-{measure}"))
        y.t(o, TIP.unit, _iri(f"{TIPV}unit-count"))
        if i >= len(_MEASURES):
            category = _CATEGORIES[(i // len(_MEASURES) - 1) % len(_CATEGORIES)]
            y.t(o, TIP.category, _iri(f"{TIPV}category-{category}"))
        y.t(o, TIP.value, _lit(f"{rng.randint(0, 500)}.0", str(XSD.decimal)))
        y.t(o, TIP.refPeriod, period)
        y.t(o, TIP.reportedBy, y.pick("ministry", "police", "justice", "mission"))
    for i in range(n["event"]):
        e = y.node(f"event-{local}{i}", TIP.Event, f"Event {i} in {y.name}, {y.year}")
        month = rng.randint(1, 12) if i % 3 else None
        y.t(e, TIME.hasTime, y.instant(month, rng.randint(1, 28) if i % 2 else None))
        y.t(e, TIP.eventType, _iri(f"{TIPV}event-{rng.choice(_EVENTS)}"))
        y.t(e, PROV.wasAssociatedWith, y.pick("government", "ministry", "ngo"))
        y.t(e, TIP.concerns, y.pick("shelter", "unit", "group"))
    for i in range(n["problem"]):
        p = y.node(f"problem-{local}{i}", TIP.Problem, f"Problem {i} in {y.name}, {y.year}")
        for area in rng.sample(_AREAS, rng.randint(1, 3)):
            y.t(p, TIP.area, _iri(f"{TIPV}area-{area}"))
        y.t(p, TIP.concerns, y.pick("ministry", "police", "shelter", "justice"))
        y.t(p, TIP.reporter, y.pick("foreign", "mission", "ngo"))
    for i in range(n["recommendation"]):
        r = y.node(f"rec-{local}{i}", TIP.Recommendation, f"Recommendation {i} to {y.name}")
        y.t(r, TIP.area, _iri(f"{TIPV}area-{rng.choice(_AREAS)}"))
        y.t(r, TIP.recommendedTo, y.pick("government"))
    for i in range(n["plan"]):
        y.node(f"plan-{local}{i}", TIP.Plan, f"Plan {i} of {y.name}, {y.year}")
    for i in range(n["inferred"]):
        s = y.node(f"link-{local}{i}", TIP.InferredStatement, f"Recommendation addresses {i}")
        y.t(s, RDF.subject, _iri(f"{y.cns}rec-{local}{i % n['recommendation']}"))
        y.t(s, RDF.predicate, _iri(str(TIP.addresses)))
        y.t(s, RDF.object, _iri(f"{y.cns}problem-{local}{i}"))
        y.t(s, RDFS.comment, _lit("Both passages name the same shortfall."))


def _country_year(rng: random.Random, c: int, year: int, shared: dict[str, list[str]]) -> str:
    """The N-Triples of one country in one year's report."""
    y = _Year(rng, f"{SYNTH}c{c:03d}/", f"Country {c}", year)
    y.passages = [[] for _ in range(_PASSAGES)]
    first = year == FIRST_YEAR
    chapter = _iri(f"{y.cns}chapter-{year}")
    report = _iri(f"{SYNTH}intl/tip-report-{year}")
    _actors(y, shared, first)
    if first:
        _law(y)
    period, dataset = _iri(f"{y.cns}period-{year}"), _iri(f"{y.cns}statistics")
    y.t(period, RDF.type, _iri(str(TIME.ProperInterval)))
    y.t(period, RDFS.label, _lit(str(year)))
    y.t(period, TIME.hasBeginning, y.instant(1, 1))
    y.t(period, TIME.hasEnd, y.instant(12, 31))
    if first:
        y.t(dataset, RDF.type, _iri(str(QB.DataSet)))
        y.t(dataset, RDFS.label, _lit(f"{y.name} counter-trafficking figures"))
        y.t(dataset, QB.structure, _iri(str(TIP.dsd)))
    _relations(y, period)
    _findings(y, period, dataset)
    issued = _lit(f"{year}-06", str(XSD.gYearMonth))
    if c == 1:
        y.t(report, RDF.type, _iri(str(TIP.TIPReport)))
        y.t(report, RDFS.label, _lit(f"Trafficking in Persons Report, June {year}"))
        y.t(report, DCTERMS.issued, issued)
    y.t(chapter, RDF.type, _iri(str(TIP.ReportChapter)))
    y.t(chapter, RDFS.label, _lit(f"{y.name} chapter of the {year} TIP report"))
    y.t(chapter, DCTERMS.title, _lit(f"{y.name.upper()} (Tier {1 + c % 3})"))
    y.t(chapter, DCTERMS.issued, issued)
    y.t(chapter, DCTERMS.isPartOf, report)
    for k, sentences in enumerate(y.passages, start=1):
        p = _iri(f"{y.cns}chapter-{year}/p{k}")
        y.t(p, RDF.type, _iri(str(TIP.Passage)))
        y.t(p, RDFS.label, _lit(f"{y.name} chapter {year}, paragraph {k}"))
        y.t(p, DCTERMS.isPartOf, chapter)
        y.t(p, RDF.value, _lit(" ".join(sentences) or f"{y.name} paragraph {k}."))
        y.t(p, TIP.paragraphNumber, _lit(str(k), str(XSD.integer)))
    return "".join(y.lines)


def generate(
    countries: int, years: int, *, seed: int = 0, triples: int | None = None
) -> Iterator[str]:
    """N-Triples text, one country-year at a time; stops after ``triples`` if given."""
    rng, written = random.Random(seed), 0
    shared: dict[str, list[str]] = {}
    for c in range(1, countries + 1):
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            chunk = _country_year(rng, c, year, shared)
            yield chunk
            written += chunk.count("\n")
            if triples is not None and written >= triples:
                return


def write(
    path: Path, countries: int, years: int, *, seed: int = 0, triples: int | None = None
) -> int:
    """Write the graph to ``path`` atomically (temp file, then rename); the triple count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            for chunk in generate(countries, years, seed=seed, triples=triples):
                out.write(chunk)
                count += chunk.count("\n")
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return count
