"""Where the report's network drawings put their nodes: networkx layouts, stable and readable.

Two layouts, both byte-stable from run to run:

* ``layered`` — columns (``multipartite_layout``) for networks that run one way,
  each column ordered so that nodes sit near the ones they link to;
* ``spring`` — ``spring_layout`` with a fixed seed, one connected component at a
  time, the components packed in rows, then nodes pushed apart until no two
  label boxes overlap.

Node order never depends on set or hash order: every input is sorted first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import networkx as nx

__all__ = ["SEED", "Box", "layered", "spring"]

SEED = 7  # spring_layout is randomised: a fixed seed keeps the page byte-stable
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 around a node at (0, 0)
Point = tuple[float, float]


def _near(edges: Iterable[tuple[str, str]], nodes: Iterable[str]) -> dict[str, set[str]]:
    near: dict[str, set[str]] = {n: set() for n in nodes}
    for u, v in edges:
        near[u].add(v)
        near[v].add(u)
    return near


def layered(
    columns: Mapping[str, int],
    labels: Mapping[str, str],
    edges: Iterable[tuple[str, str]],
    step: float,
    width: float,
) -> dict[str, Point]:
    """Columns spread over ``width``, rows ``step`` apart; a column's order by barycentre.

    >>> layered({"a": 0, "b": 1}, {"a": "A", "b": "B"}, [("a", "b")], 40, 600)
    {'a': (0.0, 0.0), 'b': (600.0, 0.0)}
    """
    cols = sorted(set(columns.values()))
    order = {
        c: sorted((n for n in columns if columns[n] == c), key=lambda n: (labels[n], n))
        for c in cols
    }
    near = _near(edges, columns)
    for sweep in (*cols[1:], *reversed(cols[:-1]), *cols[1:]):
        rank = {n: i for c in cols for i, n in enumerate(order[c])}

        def centre(n: str, rank: dict[str, int] = rank, c: int = sweep) -> float:
            seen = [rank[m] for m in near[n] if columns[m] != c]
            return sum(seen) / len(seen) if seen else rank[n]

        order[sweep] = sorted(order[sweep], key=lambda n: (centre(n), labels[n], n))
    g = nx.Graph()
    g.add_nodes_from(columns)
    # layers given as lists: from a node attribute networkx would group them in sets (hash order)
    pos = nx.multipartite_layout(g, subset_key={c: order[c] for c in cols})
    tall = sorted(float(pos[n][1]) for n in max(order.values(), key=len))
    unit = tall[1] - tall[0] if len(tall) > 1 else 1.0  # the row spacing networkx chose
    low = min(float(p[1]) for p in pos.values())
    span = max(len(cols) - 1, 1)
    return {
        n: (width * cols.index(columns[n]) / span, (float(pos[n][1]) - low) / unit * step)
        for n in sorted(columns)
    }


def _component(g: nx.Graph, members: list[str]) -> dict[str, Point]:
    """One connected component by spring_layout (fixed seed), in a box that grows with it."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = nx.Graph()  # not g.subgraph(): a small view iterates its nodes in set (hash) order
    sub.add_nodes_from(members)
    sub.add_edges_from(sorted(e for e in g.edges(members) if e[1] in sub))
    pos = nx.spring_layout(sub, seed=SEED, iterations=500)
    w, h = 190 * math.sqrt(len(members)), 120 * math.sqrt(len(members))
    xs, ys = [float(p[0]) for p in pos.values()], [float(p[1]) for p in pos.values()]
    sx, sy = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {
        n: ((float(p[0]) - min(xs)) / sx * w, (float(p[1]) - min(ys)) / sy * h)
        for n, p in sorted(pos.items())
    }


def _apart(boxes: Mapping[str, Box], xy: dict[str, list[float]]) -> None:
    """Push nodes apart, a little at a time, until no two boxes overlap (or 200 rounds)."""
    ids = sorted(xy)
    for _ in range(200):
        moved = False
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
                (xa, ya), (xb, yb) = xy[a], xy[b]
                dx = min(xa + ax1, xb + bx1) - max(xa + ax0, xb + bx0) + 4
                dy = min(ya + ay1, yb + by1) - max(ya + ay0, yb + by0) + 4
                if dx <= 0 or dy <= 0:
                    continue
                moved = True
                axis, push = (0, dx) if dx < dy else (1, dy)
                sign = 1.0 if (xy[a][axis], a) <= (xy[b][axis], b) else -1.0
                xy[a][axis] -= sign * (push / 2 + 0.5)
                xy[b][axis] += sign * (push / 2 + 0.5)
        if not moved:
            return


def spring(
    boxes: Mapping[str, Box], edges: Iterable[tuple[str, str]], width: float
) -> dict[str, Point]:
    """Each component laid out on its own, packed in rows ``width`` wide, boxes kept apart.

    ``boxes`` gives every node's label box around it, which also says how much
    room the node needs.
    """
    g = nx.Graph()
    g.add_nodes_from(sorted(boxes))
    g.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v in edges}))
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
    xy: dict[str, list[float]] = {}
    x = y = row = 0.0
    for members in parts:
        local = _component(g, members)
        x0 = min(local[n][0] + boxes[n][0] for n in members)
        y0 = min(local[n][1] + boxes[n][1] for n in members)
        w = max(local[n][0] + boxes[n][2] for n in members) - x0
        h = max(local[n][1] + boxes[n][3] for n in members) - y0
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row + 30, 0.0
        for n in members:
            xy[n] = [local[n][0] - x0 + x, local[n][1] - y0 + y]
        x, row = x + w + 40, max(row, h)
    _apart(boxes, xy)
    return {n: (px, py) for n, (px, py) in sorted(xy.items())}
