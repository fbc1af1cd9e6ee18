"""When things happened, and what the network looked like on a given day.

A date in the sources is often partial ("mid-December 2007", "early 2007",
"2008"). :class:`When` keeps such a date as the range of days it could be,
at the precision the source gives, and compares it with a day honestly: an
event in December 2007 is before 2008-01-15, one in "2008" is *unknown*
relative to it. "Mid-" and "early" narrow nothing: they are read as the whole
month or year.

The state of a shelter, plan, law or body on a day is judged only from dated
events in the data (establishment, closure, reopening, adoption, expiry, ...);
where they do not decide it, the answer is "unknown".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from rdflib.namespace import RDF, TIME
from rdflib.term import Node

from tipgraph.errors import QueryError
from tipgraph.namespaces import TIP

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
    time_label,
)

__all__ = ["EFFECTS", "Entry", "When", "analyze", "entries", "parse_day", "status_as_of", "when"]

Bounds = tuple[date | None, date | None]

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
class When:
    """A time as ranges of possible days: its start and its end (equal for an instant)."""

    start: Bounds
    end: Bounds
    precision: str
    label: str

    def position(self, day: date) -> str:
        """before (on or before ``day``), after, during, or unknown.

        >>> dec_2007 = (date(2007, 12, 1), date(2007, 12, 31))
        >>> dec = When(dec_2007, dec_2007, "part-of-month", "mid-December 2007")
        >>> dec.position(date(2008, 1, 15))
        'before'
        >>> y2008 = When((date(2008, 1, 1), date(2008, 12, 31)),
        ...              (date(2008, 1, 1), date(2008, 12, 31)), "year", "2008")
        >>> y2008.position(date(2008, 1, 15))
        'unknown'
        """
        if self.end[1] is not None and self.end[1] <= day:
            return "before"
        if self.start[0] is not None and self.start[0] > day:
            return "after"
        if (
            self.start[1] is not None
            and self.end[0] is not None
            and (self.start[1] <= day <= self.end[0])
        ):
            return "during"
        return "unknown"

    def certainly_after(self, other: When) -> bool:
        """True if this time starts after ``other`` has certainly ended."""
        return (
            self.start[0] is not None and other.end[1] is not None and self.start[0] > other.end[1]
        )

    @property
    def sort_key(self) -> tuple[bool, date, date]:
        return (self.start[0] is None, self.start[0] or date.min, self.start[1] or date.max)


def parse_day(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD day; anything else is a one-line QueryError naming ``what``.

    >>> parse_day("2008-01-15")
    datetime.date(2008, 1, 15)
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise QueryError(f"bad {what} {text!r} (expected YYYY-MM-DD)") from None


def _instant(facts: Facts, node: Node | None) -> Bounds:
    if node is None:
        return (None, None)
    if (d := facts.one(node, TIME.inXSDDate)) is not None:
        day = date.fromisoformat(str(d)[:10])
        return (day, day)
    if (ym := facts.one(node, TIME.inXSDgYearMonth)) is not None:
        y, m = (int(x) for x in str(ym)[:7].split("-"))
        return (date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))
    if (yr := facts.one(node, TIME.inXSDgYear)) is not None:
        y = int(str(yr)[:4])
        return (date(y, 1, 1), date(y, 12, 31))
    return (None, None)


def _precision(facts: Facts, node: Node | None) -> str:
    value = facts.one(node, TIP.datePrecision)
    return str(value).rsplit("precision-", 1)[-1] if value is not None else "unknown"


def when(graph: Source, node: Node | None) -> When:
    """The :class:`When` of a time:Instant or time:ProperInterval node (all unknown for None)."""
    if node is None:
        return When((None, None), (None, None), "unknown", "")
    facts = as_facts(graph)
    begin, end = facts.one(node, TIME.hasBeginning), facts.one(node, TIME.hasEnd)
    if begin is None and end is None and not facts.has(node, RDF.type, TIME.ProperInterval):
        bounds = _instant(facts, node)
        return When(bounds, bounds, _precision(facts, node), time_label(facts, node))
    return When(_instant(facts, begin), _instant(facts, end), "interval", time_label(facts, node))


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
