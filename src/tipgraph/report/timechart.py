"""The report's timeline chart: dated entries as rows on one time axis, at their precision.

A date the source gives to the day is a dot; one it gives only as a month or
a year ("mid-December 2007", "2006") is a light bar over every day it could
be; a period (a funding year, a plan's term) is a dark bar over the days it
surely covers, light where its start or end is uncertain, and dashed to the
axis's end where the source states no end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from tipgraph.report.svg import CHAR, WIDTH, num, text

__all__ = ["Span", "timeline_svg"]

Bounds = tuple[date | None, date | None]
_LEGEND = (
    ("day", "an exact day"),
    ("range", "a month or year: the day is not stated"),
    ("period", "a period"),
    ("open", "end not stated"),
)


@dataclass(frozen=True)
class Span:
    """A dated entry as drawn: its text, tooltip, and the ranges of days it may start and end."""

    label: str
    title: str
    start: Bounds
    end: Bounds
    interval: bool  # a period (funding year, plan term), not an event


def _mark(cls: str, x0: float, x1: float, y: float) -> str:
    if cls == "day":
        return f'<circle class="day" cx="{num(x0)}" cy="{num(y)}" r="4.5"/>'
    width = num(max(x1 - x0, 3))
    return f'<rect class="{cls}" x="{num(x0)}" y="{num(y - 5)}" width="{width}" height="10"/>'


def _fit(words: str, room: float) -> str:
    return words if len(words) * CHAR <= room else words[: max(int(room / CHAR) - 1, 1)] + "…"


def timeline_svg(name: str, caption: str, spans: Sequence[Span]) -> str:
    """One row per dated entry, in the given order; undated entries are left out."""
    dated = [s for s in spans if s.start[0] is not None]
    if not dated:
        return f'<p class="muted">({escape(caption)}: nothing dated)</p>'
    days = [d for s in dated for d in (*s.start, *s.end) if d is not None]
    first, last = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    left, right, row, top = 12.0, WIDTH - 12.0, 18, 64

    def x(day: date, after: bool = False) -> float:
        """Where a day starts on the axis (or ends, with ``after``)."""
        offset = day.toordinal() + (1 if after else 0) - first.toordinal()
        return left + offset / (last - first).days * (right - left)

    height = top + row * len(dated) + 10
    out = [
        f'<svg id="{name}" class="timeline" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(caption)}">',
        f"<title>{escape(caption)}</title>",
    ]
    lx = left
    for cls, words in _LEGEND:
        out.append(_mark(cls, lx + (6 if cls == "day" else 0), lx + 22, 12))
        out.append(text(lx + 30, 16, [words], "start", "legend"))
        lx += 30 + len(words) * CHAR + 24
    for year in range(first.year, last.year + 1):
        gx = num(x(date(year, 1, 1)))
        out.append(f'<line class="grid" x1="{gx}" y1="{top - 16}" x2="{gx}" y2="{height}"/>')
        if year < last.year:
            out.append(text(x(date(year, 7, 1)), top - 20, [str(year)], "middle", "year"))
    for i, s in enumerate(dated):
        y = top + row * i + row / 2
        (s0, s1), (e0, e1) = s.start, s.end
        assert s0 is not None  # dated
        if not s.interval:
            cls = "day" if s0 == s1 else "range"
            x0, x1 = x(s0), x(s1 or s0, after=cls == "range")
            marks = [_mark(cls, x0, x1, y)]
        elif e1 is None:
            x0, x1 = x(s0), right
            marks = [_mark("open", x0, x1, y)]
        else:
            x0, x1 = x(s0), x(e1, after=True)
            marks = [_mark("range", x0, x1, y)]
            if s1 is not None and e0 is not None and s1 <= e0:
                marks.append(_mark("period", x(s1), x(e0, after=True), y))
        room_right, room_left = right - x1 - 8, x0 - left - 8
        if room_right >= room_left:
            label = text(x1 + 8, y + 4, [_fit(s.label, room_right)], "start")
        else:
            label = text(x0 - 8, y + 4, [_fit(s.label, room_left)], "end")
        out.append(f'<g class="entry"><title>{escape(s.title)}</title>{"".join(marks)}{label}</g>')
    out.append("</svg>")
    return "\n".join(out)
