"""When things happened, and what the network looked like on a given day.

Partial dates are compared honestly (:mod:`.dates`): an event in "2008" is
*unknown* relative to 2008-01-15, never before or after it.

The state of a shelter, plan, law or body on a day is judged only from dated
events in the data (establishment, closure, reopening, adoption, expiry, ...);
where they do not decide it, the answer is "unknown".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rdflib.namespace import RDF, TIME
from rdflib.term import Node

from tipgraph.namespaces import TIP

from .dates import When, parse_day, when
from .facts import Facts, Source, as_facts
from .findings import Analysis, Citation, Finding, merge_citations
from .terms import (
    NOT_HAPPENED,
    attribution,
    citations_of,
    classes,
    curie,
    expand,
    label_of,
    modality_of,
)

__all__ = ["EFFECTS", "Entry", "When", "analyze", "entries", "parse_day", "status_as_of", "when"]

#: How an event type changes the state of what it concerns: +1 starts it, -1 ends it.
EFFECTS = {
    "establishment": 1,
    "start-of-operations": 1,
    "reopening": 1,
    "adoption": 1,
    "entry-into-force": 1,
    "start-of-implementation": 1,
    "closure": -1,
    "expiry": -1,
}
_WORDS = {  # category -> (state after a start, after an end, before any start)
    "shelter": ("open", "closed", "not yet open"),
    "plan": ("in force", "expired", "not yet in force"),
    "law": ("in force", "expired", "not yet in force"),
    "body": ("existed", "closed", "not yet established"),
}


@dataclass(frozen=True)
class Entry:
    """A dated event or fact: what, when, what it concerns, and its evidence."""

    subject: str
    label: str
    kind: str  # event type (closure, adoption, ...) or the fact's class (Funding, Plan, ...)
    when: When
    concerns: tuple[str, ...]
    citations: tuple[Citation, ...]
    modality: str = "stated"  # tipv:modalities without "modality-"
    attributed: str = ""  # for a reported fact: by whom, as the source says

    @property
    def happened(self) -> bool:
        """False for what the source only expects, plans or supposes."""
        return self.modality not in NOT_HAPPENED

    def position(self, day: date) -> str:
        """Where it stands relative to ``day``; an expected or planned event never "before"."""
        return self.when.position(day) if self.happened else self.modality


def entries(graph: Source) -> list[Entry]:
    """Every node with a time (``time:hasTime``): events, relations, plans; in date order."""
    facts = as_facts(graph)
    facts.read_derivations("citations-of-timed.rq")
    out = []
    for subject, t in facts.subject_objects(TIME.hasTime):
        etype = facts.one(subject, TIP.eventType)
        cls = facts.one(subject, RDF.type)
        kind = (
            str(etype).rsplit("event-", 1)[-1]
            if etype is not None
            else (str(cls).rsplit("#", 1)[-1] if cls is not None else "fact")
        )
        concerns = tuple(sorted(curie(c) for c in facts.objects(subject, TIP.concerns)))
        out.append(
            Entry(
                curie(subject),
                label_of(facts, subject),
                kind,
                when(facts, t),
                concerns,
                citations_of(facts, subject),
                modality_of(facts, subject),
                attribution(facts, subject),
            )
        )
    return sorted(out, key=lambda e: (*e.when.sort_key, e.subject))


def _category(facts: Facts, node: Node) -> str | None:
    found = classes(facts, node)
    if TIP.ActorGroup in found:
        return None  # an event about "private shelters" concerns some of them, not the group
    if TIP.Facility in found:
        return "shelter"
    if TIP.Plan in found:
        return "plan"
    if TIP.LegalInstrument in found:
        return "law"
    return "body"


def _judge(events: list[tuple[Entry, int]], day: date, words: tuple[str, str, str]) -> str:
    """The state on ``day`` from the last events surely before it, unless an event that may
    fall on either side of ``day`` could change it; before any start, "not yet"."""
    before = [(e, fx) for e, fx in events if e.when.position(day) == "before"]
    unsure = [(e, fx) for e, fx in events if e.when.position(day) in ("unknown", "during")]
    after = sorted(
        (p for p in events if p not in before and p not in unsure), key=lambda p: p[0].when.sort_key
    )
    if before:
        last = [
            (e, fx)
            for e, fx in before
            if not any(o.when.certainly_after(e.when) for o, _ in before)
        ]
        effects = {fx for _, fx in last}
        if len(effects) > 1 or any(fx not in effects for _, fx in unsure):
            return "unknown"
        return words[0] if effects == {1} else words[1]
    if not unsure and after and after[0][1] == 1:
        return words[2]
    return "unknown"


def status_as_of(graph: Source, day: date, timed: list[Entry] | None = None) -> list[Finding]:
    """Which shelters were open, plans and laws in force, bodies in existence on ``day``.

    ``timed`` are the :func:`entries` if the caller has read them already.
    """
    facts = as_facts(graph)
    timed = entries(facts) if timed is None else timed
    subjects = {
        n for cls in (TIP.Facility, TIP.Plan, TIP.LegalInstrument) for n in facts.instances(cls)
    }
    by_subject: dict[str, list[tuple[Entry, int]]] = {}
    for e in timed:
        if e.kind in EFFECTS and e.happened:  # an expected opening opens nothing
            for c in e.concerns:
                by_subject.setdefault(c, []).append((e, EFFECTS[e.kind]))
    nodes = {curie(n): n for n in subjects} | {c: expand(c) for c in by_subject}
    out = []
    for name in sorted(nodes):
        category = _category(facts, nodes[name])
        if category is None:
            continue
        events = by_subject.get(name, [])
        status = _judge(events, day, _WORDS[category]) if events else "unknown"
        basis = (
            "; ".join(
                f"{e.label} ({e.when.label or e.when.precision}): {e.when.position(day)}"
                for e, _ in events
            )
            or "no dated events"
        )
        label = label_of(facts, nodes[name])
        out.append(
            Finding(
                "as-of",
                name,
                label,
                f"{label} ({category}): {status} on {day} — {basis}",
                {
                    "status": status,
                    "category": category,
                    "as_of": day.isoformat(),
                    "events": [e.subject for e, _ in events],
                },
                tuple(e.subject for e, _ in events),
                merge_citations(*(e.citations for e, _ in events)),
            )
        )
    return sorted(out, key=lambda f: (str(f.data["category"]), f.subject))


def analyze(graph: Source, as_of: date | None = None) -> Analysis:
    """The timeline in date order; with ``as_of``, each entry's position and the states that day."""
    facts = as_facts(graph)
    timed = entries(facts)
    out = []
    for e in timed:
        w = e.when
        stamp = w.start[0].isoformat() if w.start[0] else "undated"
        where = f" [{e.position(as_of)} {as_of}]" if as_of else ""
        if as_of and not e.happened:
            where = f" [{e.modality}, not stated to have happened by {as_of}]"
        data: dict[str, object] = {
            "kind": e.kind,
            "time": w.label,
            "precision": w.precision,
            "earliest": stamp,
            "concerns": list(e.concerns),
            "modality": e.modality,
            "attributed": e.attributed,
        }
        if as_of:
            data["position"] = e.position(as_of)
        out.append(
            Finding(
                "timeline",
                e.subject,
                e.label,
                f"{stamp} ({w.label or w.precision}, {w.precision}): {e.label} [{e.kind}"
                + ("" if e.modality == "stated" else f", {e.attributed or e.modality}")
                + f"]{where}",
                data,
                (e.subject,),
                e.citations,
            )
        )
    if as_of:
        out += status_as_of(facts, as_of, timed)
    notes = (
        "partial dates are ranges of days: 'December 2007' is before 2008-01-15, '2008' is "
        "unknown relative to it; 'mid-' and 'early' are read as the whole month or year",
        "states are judged only from dated events (establishment, closure, reopening, adoption, "
        "entry into force, expiry); 'unknown' where they do not decide",
        "an expected, planned or hypothetical event (tip:modality) is never shown as having "
        "happened and changes no state; its position is its modality",
    )
    return Analysis("timeline", notes, tuple(out))
