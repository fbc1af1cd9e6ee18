"""Canonical blank-node labels, fast for the graphs tipgraph writes.

rdflib's ``to_canonical_graph`` solves the general problem and needed about
100 s for the Kosovo graph (1,549 blank nodes) on a 2-core machine. Every
blank node we write is referenced exactly once (a citation, its selector, an
amount, an instant), so a node is pinned down by its parent, the predicate
that leads to it and its own content: a label hashed from those three is
canonical. Siblings with the same parent, predicate and content are
interchangeable, so numbering them in any order gives the same triples. A
graph with a shared or cyclic blank node falls back to rdflib.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

__all__ = ["canonical_graph", "canonical_triples", "isomorphic"]


class _NotATree(Exception):
    """A blank node is shared or sits on a cycle: the fast labelling does not apply."""


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _labels(graph: Graph) -> dict[BNode, str]:
    refs = Counter(o for _, _, o in graph if isinstance(o, BNode))
    if any(n > 1 for n in refs.values()):
        raise _NotATree
    content: dict[BNode, str] = {}

    def digest(node: BNode, path: frozenset[BNode]) -> str:
        if node in content:
            return content[node]
        if node in path:
            raise _NotATree
        inner = path | {node}
        lines = sorted(
            f"{p.n3()} {'_:' + digest(o, inner) if isinstance(o, BNode) else o.n3()}"
            for p, o in graph.predicate_objects(node)
        )
        content[node] = _sha("\n".join(lines))
        return content[node]

    labels: dict[BNode, str] = {}
    taken: Counter[str] = Counter()

    def assign(node: BNode, context: str) -> None:
        base = "c" + _sha(context + "\n" + digest(node, frozenset()))[:20]
        n = taken[base]
        taken[base] += 1
        labels[node] = base if n == 0 else f"{base}x{n}"
        for p, o in graph.predicate_objects(node):
            if isinstance(o, BNode):
                assign(o, labels[node] + " " + p.n3())

    for s, p, o in graph:
        if isinstance(o, BNode) and not isinstance(s, BNode):
            assign(o, s.n3() + " " + p.n3())
    for s in set(graph.subjects()):
        if isinstance(s, BNode) and s not in refs:
            assign(s, "")
    if len(labels) != len(refs.keys() | {s for s in graph.subjects() if isinstance(s, BNode)}):
        raise _NotATree  # a cycle of blank nodes with no way in
    return labels


def canonical_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` whose blank-node labels depend only on its content."""
    try:
        labels = _labels(graph)
    except _NotATree:
        return to_canonical_graph(graph)

    def term(node: Node) -> Node:
        return BNode(labels[node]) if isinstance(node, BNode) else node

    out = Graph()
    for s, p, o in graph:
        out.add((term(s), p, term(o)))
    return out


def canonical_triples(graph: Graph) -> set[str]:
    """The graph as a set of N-Triples lines with canonical blank-node labels."""
    return {f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in canonical_graph(graph)}


def isomorphic(a: Graph, b: Graph) -> bool:
    """Whether two graphs are the same up to blank-node names."""
    return len(a) == len(b) and canonical_triples(a) == canonical_triples(b)
