"""One country in one year's report: actors, law, relations, findings and the chapter."""

from __future__ import annotations

import random

from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, TIME, XSD

from tipgraph.namespaces import ORG, TIP, TIPV
from tipgraph.synth.year import (
    AREAS,
    CATEGORIES,
    CONDITIONS,
    EVENTS,
    FIRST_YEAR,
    MEASURES,
    MINISTRIES,
    OFFENCE_CATEGORIES,
    OFFENCES,
    PASSAGES,
    PER_YEAR,
    SYNTH,
    Year,
    iri,
    lit,
)

__all__ = ["country_year"]


def actors(y: Year, shared: dict[str, list[str]], first: bool) -> None:
    """The country's actors (written in its first year) and the shared donors they meet."""
    c, gov = y.cns, iri(y.cns + "government")
    roles: dict[str, list[tuple[str, object, str, str | None]]] = {
        "government": [("government", TIP.GovernmentBody, f"Government of {y.name}", None)],
        "ministry": [
            (f"ministry-{i}", TIP.Ministry, f"{y.name} Ministry of {m}", "gov")
            for i, m in enumerate(MINISTRIES)
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
            y.t(s, TIP.sector, iri(f"{TIPV}sector-international"))
        for s in shared["foreign"]:
            y.t(s, TIP.sector, iri(f"{TIPV}sector-foreign-government"))
    sectors = {
        "ngo": "ngo",
        "shelter": "ngo",
        "mission": "international",
        "donors": "international",
    }
    for role, specs in roles.items():
        y.actors[role] = [iri(c + local) for local, *_ in specs]
        if not first:
            for s in y.actors[role]:  # a later report names most actors again
                if y.rng.random() < 0.4:
                    y.cite(s, f"The {y.year} report on {y.name} names {s.rsplit('/', 1)[1][:-1]}.")
            continue
        for i, (local, cls, label, parent) in enumerate(specs):
            s = y.node(local, cls, label)
            y.t(s, TIP.sector, iri(f"{TIPV}sector-{sectors.get(role, 'government')}"))
            if parent == "gov":
                y.t(s, ORG.subOrganizationOf, gov)
            elif parent == "ministry":
                y.t(s, ORG.subOrganizationOf, y.actors["ministry"][i % 2])
            elif parent == "intl":
                y.t(s, ORG.subOrganizationOf, shared["intl"][i % len(shared["intl"])])
    y.actors.update(shared)


def law(y: Year) -> None:
    """The country's criminal code: articles, each with penalty provisions."""
    code = y.node("code", TIP.LegalInstrument, f"{y.name} Criminal Code")
    y.t(code, TIP.inForceFrom, lit(f"{y.year}-01-{y.rng.randint(1, 28):02d}", str(XSD.date)))
    for a in range(19):
        art = y.node(
            f"code-art-{100 + a}", TIP.Article, f"{y.name} Criminal Code Article {100 + a}"
        )
        y.t(art, DCTERMS.isPartOf, code)
        y.t(art, TIP.articleNumber, lit(str(100 + a)))
        category = OFFENCE_CATEGORIES[a % len(OFFENCE_CATEGORIES)]
        y.t(art, TIP.offenceCategory, iri(f"{TIPV}offence-category-{category}"))
        for p in range(2 if a % 2 else 1):
            low = y.rng.randint(0, 60)
            pen = y.node(
                f"code-art-{100 + a}-p{p}",
                TIP.PenaltyProvision,
                f"Article {100 + a}: {low} months or more, case {p}",
            )
            offence = y.rng.choice(OFFENCES)
            y.t(pen, TIP.ofArticle, art)
            y.t(pen, TIP.offence, lit(offence.replace("-", " ")))
            y.t(pen, TIP.offenceType, iri(f"{TIPV}offence-{offence}"))
            y.t(pen, TIP.offenceClass, iri(f"{TIPV}offence-class-criminal-offence"))
            months = str(XSD.integer)
            y.t(pen, TIP.minImprisonmentMonths, lit(str(low), months))
            y.t(pen, TIP.maxImprisonmentMonths, lit(str(low + y.rng.randint(0, 120)), months))
            if p:
                y.t(pen, TIP.condition, iri(f"{TIPV}condition-{y.rng.choice(CONDITIONS)}"))


def amount(y: Year, node: str, prop: object, value: int, currency: str) -> None:
    b = y.bnode()
    y.t(node, prop, b)
    y.t(b, RDF.type, iri(str(TIP.MonetaryAmount)))
    y.t(b, RDF.value, lit(f"{value}.0", str(XSD.decimal)))
    y.t(b, TIP.currency, lit(currency))
    if value % 3 == 0:
        y.t(b, TIP.approximate, lit("true", str(XSD.boolean)))
        y.t(b, TIP.valueQualifier, iri(f"{TIPV}qualifier-about"))


def relations(y: Year, period: str) -> None:
    """This year's n-ary relations, each cited."""
    n, rng, local = PER_YEAR, y.rng, f"{y.year}-"
    domestic = ("ministry", "unit", "police", "justice", "ngo", "mission", "group")
    for i in range(n["funding"]):
        recipient = y.pick("ngo", "shelter", "unit")
        absent = i == n["funding"] - 1  # a stated absence
        label = f"Funding {i} of {y.name} actors, {y.year}"
        modality = "negated" if absent else "stated"
        f = y.node(f"funding-{local}{i}", TIP.Funding, label, modality=modality)
        y.t(f, TIP.recipient, recipient)
        y.t(f, TIME.hasTime, period)
        if absent:
            y.t(f, TIP.funderSector, iri(f"{TIPV}sector-government"))
            y.t(f, TIP.negated, lit("true", str(XSD.boolean)))
            y.cite(f, f"It receives no government funding ({y.name}, {y.year}).")
            y.t(f, TIP.modalityCue, lit("receives no government funding"))
            continue
        y.t(f, TIP.funder, y.pick("government", "ministry", "foreign", "intl", "donors"))
        if rng.random() < 0.7:
            amount(y, f, TIP.amount, rng.randint(1, 400) * 1000, rng.choice(("USD", "EUR")))
        if i and rng.random() < 0.2:
            y.t(f, TIP.partOf, iri(f"{y.cns}funding-{local}{i - 1}"))
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
                y.t(r, TIP.content, lit(f"figures for {y.year}"))
                if rng.random() < 0.8:
                    y.t(r, TIP.to, b)
            elif kind == "mandate":
                y.t(r, TIP.holder, a)
                y.t(r, TIP.responsibility, lit("counter-trafficking work"))
            elif kind == "training":
                y.t(r, TIP.trainer, a)
                y.t(r, TIP.trainee, b)
                y.t(r, TIP.sessionCount, lit(str(rng.randint(1, 9)), str(XSD.integer)))
            elif kind == "membership":
                y.t(r, ORG.member, a)
                y.t(r, ORG.organization, y.pick("group"))
            else:
                y.t(r, TIP.supporter, y.pick("intl", "foreign"))
                y.t(r, TIP.supported, a)
            if kind != "mandate":
                y.t(r, TIME.hasTime, period)


def findings(y: Year, period: str, dataset: str) -> None:
    """This year's statistics, events, problems, recommendations, plans and inferences."""
    rng, local, n = y.rng, f"{y.year}-", PER_YEAR
    for i in range(n["observation"]):
        measure = MEASURES[i % len(MEASURES)]
        o = y.node(
            f"obs-{local}{i}",
            QB.Observation,
            f"{measure} in {y.name}, {y.year} ({i})",
            f"In {y.year} {y.name} reported {rng.randint(0, 500)} for {measure} ({i}).",
        )
        y.t(o, QB.dataSet, dataset)
        y.t(o, TIP.measure, iri(f"{TIPV}measure-{measure}"))
        y.t(o, TIP.unit, iri(f"{TIPV}unit-count"))
        if i >= len(MEASURES):
            category = CATEGORIES[(i // len(MEASURES) - 1) % len(CATEGORIES)]
            y.t(o, TIP.category, iri(f"{TIPV}category-{category}"))
        y.t(o, TIP.value, lit(f"{rng.randint(0, 500)}.0", str(XSD.decimal)))
        y.t(o, TIP.refPeriod, period)
        y.t(o, TIP.reportedBy, y.pick("ministry", "police", "justice", "mission"))
    for i in range(n["event"]):
        e = y.node(f"event-{local}{i}", TIP.Event, f"Event {i} in {y.name}, {y.year}")
        month = rng.randint(1, 12) if i % 3 else None
        y.t(e, TIME.hasTime, y.instant(month, rng.randint(1, 28) if i % 2 else None))
        y.t(e, TIP.eventType, iri(f"{TIPV}event-{rng.choice(EVENTS)}"))
        y.t(e, PROV.wasAssociatedWith, y.pick("government", "ministry", "ngo"))
        y.t(e, TIP.concerns, y.pick("shelter", "unit", "group"))
    for i in range(n["problem"]):
        p = y.node(f"problem-{local}{i}", TIP.Problem, f"Problem {i} in {y.name}, {y.year}")
        for area in rng.sample(AREAS, rng.randint(1, 3)):
            y.t(p, TIP.area, iri(f"{TIPV}area-{area}"))
        y.t(p, TIP.concerns, y.pick("ministry", "police", "shelter", "justice"))
        y.t(p, TIP.reporter, y.pick("foreign", "mission", "ngo"))
    for i in range(n["recommendation"]):
        r = y.node(f"rec-{local}{i}", TIP.Recommendation, f"Recommendation {i} to {y.name}")
        y.t(r, TIP.area, iri(f"{TIPV}area-{rng.choice(AREAS)}"))
        y.t(r, TIP.recommendedTo, y.pick("government"))
    for i in range(n["plan"]):
        y.node(f"plan-{local}{i}", TIP.Plan, f"Plan {i} of {y.name}, {y.year}")
    for i in range(n["inferred"]):
        s = y.node(f"link-{local}{i}", TIP.InferredStatement, f"Recommendation addresses {i}")
        y.t(s, RDF.subject, iri(f"{y.cns}rec-{local}{i % n['recommendation']}"))
        y.t(s, RDF.predicate, iri(str(TIP.addresses)))
        y.t(s, RDF.object, iri(f"{y.cns}problem-{local}{i}"))
        y.t(s, RDFS.comment, lit("Both passages name the same shortfall."))


def country_year(rng: random.Random, c: int, year: int, shared: dict[str, list[str]]) -> str:
    """The N-Triples of one country in one year's report."""
    y = Year(rng, f"{SYNTH}c{c:03d}/", f"Country {c}", year)
    y.passages = [[] for _ in range(PASSAGES)]
    first = year == FIRST_YEAR
    chapter = iri(f"{y.cns}chapter-{year}")
    report = iri(f"{SYNTH}intl/tip-report-{year}")
    actors(y, shared, first)
    if first:
        law(y)
    period, dataset = iri(f"{y.cns}period-{year}"), iri(f"{y.cns}statistics")
    y.t(period, RDF.type, iri(str(TIME.ProperInterval)))
    y.t(period, RDFS.label, lit(str(year)))
    y.t(period, TIME.hasBeginning, y.instant(1, 1))
    y.t(period, TIME.hasEnd, y.instant(12, 31))
    if first:
        y.t(dataset, RDF.type, iri(str(QB.DataSet)))
        y.t(dataset, RDFS.label, lit(f"{y.name} counter-trafficking figures"))
        y.t(dataset, QB.structure, iri(str(TIP.dsd)))
    relations(y, period)
    findings(y, period, dataset)
    issued = lit(f"{year}-06", str(XSD.gYearMonth))
    if c == 1:
        y.t(report, RDF.type, iri(str(TIP.TIPReport)))
        y.t(report, RDFS.label, lit(f"Trafficking in Persons Report, June {year}"))
        y.t(report, DCTERMS.issued, issued)
    y.t(chapter, RDF.type, iri(str(TIP.ReportChapter)))
    y.t(chapter, RDFS.label, lit(f"{y.name} chapter of the {year} TIP report"))
    y.t(chapter, DCTERMS.title, lit(f"{y.name.upper()} (Tier {1 + c % 3})"))
    y.t(chapter, DCTERMS.issued, issued)
    y.t(chapter, DCTERMS.isPartOf, report)
    for k, sentences in enumerate(y.passages, start=1):
        p = iri(f"{y.cns}chapter-{year}/p{k}")
        y.t(p, RDF.type, iri(str(TIP.Passage)))
        y.t(p, RDFS.label, lit(f"{y.name} chapter {year}, paragraph {k}"))
        y.t(p, DCTERMS.isPartOf, chapter)
        y.t(p, RDF.value, lit(" ".join(sentences) or f"{y.name} paragraph {k}."))
        y.t(p, TIP.paragraphNumber, lit(str(k), str(XSD.integer)))
    return "".join(y.lines)
