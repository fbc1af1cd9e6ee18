"""Inline SVG network drawings for the report: labelled, with a legend, escaped, byte-stable.

Node positions come from ``tipgraph.report.layout`` (columns where a network runs one
way, else a seeded spring layout); coordinates are rounded to one decimal, so
two runs draw the same bytes. Every text is escaped here: callers pass plain
strings. ``tipgraph.report.timechart`` draws the timeline with the same primitives.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from tipgraph.report.layout import Box
from tipgraph.report.layout import layered as layered_layout
from tipgraph.report.layout import spring as spring_layout

__all__ = [
    "CHAR",
    "EDGE_STYLES",
    "GROUPS",
    "LINE",
    "WIDTH",
    "Edge",
    "Node",
    "network_svg",
    "num",
    "text",
    "wrap",
]

WIDTH = 1100
CHAR, LINE, R = 6.4, 14, 7  # average glyph width and line height of 12px text; node radius

#: Node colours by group (an actor's sector, or "document"), with the legend's words.
GROUPS = {
    "government": ("#2166ac", "Kosovo government"),
    "international": ("#1b9e77", "international organisation"),
    "foreign-government": ("#7570b3", "foreign government"),
    "interim-administration": ("#66a61e", "interim administration (UNMIK)"),
    "ngo": ("#e6ab02", "NGO"),
    "document": ("#a6761d", "document or TIP report"),
    "other": ("#999999", "other or mixed"),
}
#: Edge styles: colour, dash pattern, arrowhead, the legend's words.
EDGE_STYLES = {
    "directed": ("#555555", "", True, "relation (arrow: its direction)"),
    "tie": ("#8c8c8c", "", False, "cooperation (no direction)"),
    "one-way": ("#d95f02", "", True, "one-way flow, stated by the source"),
    "negated": ("#c0392b", "6 4", True, "stated absence: the source says there is none"),
}


@dataclass(frozen=True)
class Node:
    """A node as drawn: a short label, a tooltip, a colour group, optional column and ring."""

    id: str
    label: str
    title: str
    group: str = "other"
    column: int | None = None  # layered drawings: the column, left to right
    ring: bool = False  # e.g. an articulation point
    square: bool = False  # documents


@dataclass(frozen=True)
class Edge:
    """A drawn edge: its ends, its style (a key of EDGE_STYLES) and a tooltip."""

    source: str
    target: str
    style: str
    title: str


def wrap(words: str, width: int = 24, lines: int = 3) -> list[str]:
    """``words`` in at most ``lines`` lines of ``width`` characters, the last cut with '…'.

    >>> wrap("Ministry of Labor and Social Welfare", 20)
    ['Ministry of Labor', 'and Social Welfare']
    """
    out = textwrap.wrap(words, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def num(value: float) -> str:
    """A coordinate as written: one decimal at most.

    >>> num(12.0), num(3.14159)
    ('12', '3.1')
    """
    return f"{value:.1f}".rstrip("0").rstrip(".")


def text(x: float, y: float, lines: Sequence[str], anchor: str, cls: str = "") -> str:
    """A ``<text>`` of one or more lines (escaped), the first line's baseline at ``y``."""
    attrs = f' class="{cls}"' if cls else ""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{0 if i == 0 else LINE}">{escape(s)}</tspan>'
        for i, s in enumerate(lines)
    )
    return f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}"{attrs}>{spans}</text>'


def _label(n: Node, x: float, y: float, place: str) -> tuple[str, Box]:
    """The node's label placed below, left, right or above it, and the box it and the node fill."""
    lines = wrap(n.label)
    w, h = max(len(s) for s in lines) * CHAR + 4, len(lines) * LINE
    if place == "left":
        return text(x - R - 5, y + 4, lines, "end"), (x - R - 5 - w, y - R, x + R, y + h)
    if place == "right":
        return text(x + R + 5, y + 4, lines, "start"), (x - R, y - R, x + R + 5 + w, y + h)
    if place == "above":
        top = y - R - 5 - (len(lines) - 1) * LINE
        box = (x - max(w / 2, R), top - LINE, x + max(w / 2, R), y + R + 2)
        return text(x, top, lines, "middle"), box
    box = (x - max(w / 2, R), y - R - 2, x + max(w / 2, R), y + R + 4 + h)
    return text(x, y + R + 13, lines, "middle"), box


def _legend(groups: list[str], styles: list[str], name: str) -> tuple[str, float]:
    parts, x, y = [], 10.0, 16.0
    items = [("g", g, GROUPS[g][1]) for g in groups] + [("e", s, EDGE_STYLES[s][3]) for s in styles]
    for kind, key, words in items:
        width = (16 if kind == "g" else 34) + len(words) * CHAR + 22
        if x + width > WIDTH:
            x, y = 10.0, y + 20
        if kind == "g":
            parts.append(
                f'<circle cx="{num(x + 6)}" cy="{num(y - 4)}" r="6" fill="{GROUPS[key][0]}"/>'
            )
            parts.append(text(x + 16, y, [words], "start", "legend"))
        else:
            colour, dash, arrow, _ = EDGE_STYLES[key]
            marker = f' marker-end="url(#{name}-{key})"' if arrow else ""
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{num(x)}" y1="{num(y - 4)}" x2="{num(x + 26)}" y2="{num(y - 4)}" '
                f'stroke="{colour}" stroke-width="2"{dashed}{marker}/>'
            )
            parts.append(text(x + 34, y, [words], "start", "legend"))
        x += width
    return '<g class="legend">' + "".join(parts) + "</g>", y + 16


def _edge(name: str, e: Edge, a: tuple[float, float], b: tuple[float, float], off: float) -> str:
    """A line from node edge to node edge (``off`` to the side, for a pair of opposite edges)."""
    (x1, y1), (x2, y2) = a, b
    length = math.hypot(x2 - x1, y2 - y1) or 1
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    colour, dash, arrow, _ = EDGE_STYLES[e.style]
    end = R + 3 if arrow else R
    marker = f' marker-end="url(#{name}-{e.style})"' if arrow else ""
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    width = 2.5 if e.style in ("one-way", "negated") else 1.4
    return (
        f'<g class="edge {e.style}" data-from="{escape(e.source)}" data-to="{escape(e.target)}">'
        f'<title>{escape(e.title)}</title><line x1="{num(x1 + ux * R - uy * off)}" '
        f'y1="{num(y1 + uy * R + ux * off)}" x2="{num(x2 - ux * end - uy * off)}" '
        f'y2="{num(y2 - uy * end + ux * off)}" stroke="{colour}" stroke-width="{width}"'
        f"{dashed}{marker}/></g>"
    )


def network_svg(name: str, caption: str, nodes: Sequence[Node], edges: Sequence[Edge]) -> str:
    """An inline SVG of the network with a legend; in columns when every node has one."""
    if not nodes:
        return f'<p class="muted">({escape(caption)}: nothing to draw)</p>'
    layered = all(n.column is not None for n in nodes)
    ends = [(e.source, e.target) for e in edges]
    if layered:
        step = max(len(wrap(n.label)) for n in nodes) * LINE + 2 * R + 10
        columns = {n.id: n.column or 0 for n in nodes}
        pos = layered_layout(columns, {n.id: n.label for n in nodes}, ends, step, WIDTH - 420)
    else:
        pos = spring_layout({n.id: _label(n, 0, 0, "below")[1] for n in nodes}, ends, WIDTH - 20)
    last = max(n.column or 0 for n in nodes)
    place = {
        n.id: "below"
        if not layered
        else ("left" if n.column == 0 and last else "right" if n.column == last else "above")
        for n in nodes
    }
    styles = [s for s in EDGE_STYLES if any(e.style == s for e in edges)]
    legend, top = _legend([g for g in GROUPS if any(n.group == g for n in nodes)], styles, name)
    boxes = [_label(n, *pos[n.id], place[n.id])[1] for n in nodes]
    dx, dy = 10 - min(b[0] for b in boxes), top + 10 - min(b[1] for b in boxes)
    width = max(WIDTH, max(b[2] for b in boxes) + dx + 10)
    height = max(b[3] for b in boxes) + dy + 10
    pos = {k: (x + dx, y + dy) for k, (x, y) in pos.items()}
    markers = "".join(
        f'<marker id="{name}-{s}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{EDGE_STYLES[s][0]}"/></marker>'
        for s in styles
        if EDGE_STYLES[s][2]
    )
    pairs = {(e.source, e.target) for e in edges}
    out = [
        f'<svg id="{name}" class="network" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="{num(width)}" height="{num(height)}" role="img" aria-label="{escape(caption)}">',
        f"<title>{escape(caption)}</title><defs>{markers}</defs>{legend}",
    ]
    for e in edges:
        off = 4 if (e.target, e.source) in pairs else 0
        out.append(_edge(name, e, pos[e.source], pos[e.target], off))
    for n in sorted(nodes, key=lambda n: n.id):
        x, y = pos[n.id]
        fill = GROUPS.get(n.group, GROUPS["other"])[0]
        ring = ' stroke="#000" stroke-width="2.5"' if n.ring else ' stroke="#fff" stroke-width="1"'
        shape = (
            f'<rect x="{num(x - R)}" y="{num(y - R)}" width="{2 * R}" height="{2 * R}"'
            if n.square
            else f'<circle cx="{num(x)}" cy="{num(y)}" r="{R}"'
        )
        out.append(
            f'<g class="node" data-node="{escape(n.id)}"><title>{escape(n.title)}</title>'
            f'{shape} fill="{fill}"{ring}/>{_label(n, x, y, place[n.id])[0]}</g>'
        )
    out.append("</svg>")
    return "\n".join(out)
