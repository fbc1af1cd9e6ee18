"""Where the explorer's network view puts each node, computed once here rather than in the page.

Cytoscape.js's own force layout (cose) took over a second in the browser for the
Kosovo network, most of the page's time to interactive, so the positions come
from networkx's ``spring_layout`` (seeded: the same graph gives the same page)
and the page draws them with Cytoscape's ``preset`` layout.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

__all__ = ["SEED", "positions"]

SEED = 16  # spring_layout is randomised; a fixed seed keeps the page byte-stable
_SIZE = 3000.0  # the drawing's width and height in Cytoscape's model units (nodes are 16)


def positions(pairs: Iterable[tuple[str, str]]) -> dict[str, list[int]]:
    """Integer x, y for every end of ``pairs`` (ties between two nodes, either way)."""
    net = nx.Graph()
    for u, v in sorted(pairs):
        if u != v:
            net.add_edge(u, v)
    if not net:
        return {}
    k = 3.0 / max(net.number_of_nodes(), 1) ** 0.5  # more room than the default 1/sqrt(n)
    found = nx.spring_layout(net, k=k, seed=SEED, iterations=200, scale=_SIZE / 2)
    return {n: [round(float(x)), round(float(y))] for n, (x, y) in sorted(found.items())}
