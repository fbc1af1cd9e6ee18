"""Dates as the sources give them: a partial date is the range of days it could be.

A date in the sources is often partial ("mid-December 2007", "early 2007",
"2008"). :class:`When` keeps such a date as the range of days it could be,
at the precision the source gives, and compares it with a day honestly: an
event in December 2007 is before 2008-01-15, one in "2008" is *unknown*
relative to it. "Mid-" and "early" narrow nothing: they are read as the whole
month or year. The timeline, the coordination network's validity periods and the
explorer all date things through :func:`when`.
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
from .terms import time_label

__all__ = ["Bounds", "When", "parse_day", "when"]

Bounds = tuple[date | None, date | None]


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
