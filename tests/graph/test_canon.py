"""The fast blank-node labelling agrees with rdflib's general algorithm."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic as rdflib_isomorphic

from tipgraph.graph.canon import canonical_graph, canonical_triples, isomorphic

P = [URIRef(f"urn:p:{i}") for i in range(3)]
S = [URIRef(f"urn:s:{i}") for i in range(3)]
VALUES = st.sampled_from([Literal("a"), Literal("b"), Literal(1), URIRef("urn:o:x")])


@st.composite
def trees(draw: st.DrawFn) -> Graph:
    """A graph whose blank nodes are each referenced once, as tipgraph writes them."""
    g = Graph()

    def grow(node: URIRef | BNode, depth: int) -> None:
        for _ in range(draw(st.integers(0, 3))):
            p = draw(st.sampled_from(P))
            if depth < 2 and draw(st.booleans()):
                child = BNode()
                g.add((node, p, child))
                grow(child, depth + 1)
            else:
                g.add((node, p, draw(VALUES)))

    for s in S[: draw(st.integers(1, 3))]:
        grow(s, 0)
    return g


def _relabelled(g: Graph) -> Graph:
    fresh: dict[BNode, BNode] = {}
    out = Graph()
    for s, p, o in g:
        s2 = fresh.setdefault(s, BNode()) if isinstance(s, BNode) else s
        o2 = fresh.setdefault(o, BNode()) if isinstance(o, BNode) else o
        out.add((s2, p, o2))
    return out


@settings(max_examples=60, deadline=None)
@given(trees(), trees())
def test_agrees_with_rdflib_on_tree_shaped_graphs(a, b):
    assert isomorphic(a, b) == rdflib_isomorphic(a, b)
    assert isomorphic(a, _relabelled(a))
    assert canonical_triples(a) == canonical_triples(_relabelled(a))


def test_identical_siblings_stay_two_nodes():
    g = Graph().parse(data="<urn:s> <urn:p> [ <urn:q> 1 ] , [ <urn:q> 1 ] .", format="turtle")
    assert len(canonical_graph(g)) == len(g) == 4


@pytest.mark.parametrize(
    "text",
    [
        "<urn:a> <urn:p> _:b . <urn:c> <urn:p> _:b . _:b <urn:q> 1 .",  # shared
        "_:x <urn:p> _:y . _:y <urn:p> _:x .",  # a cycle with no way in
    ],
)
def test_shared_and_cyclic_blank_nodes_fall_back_to_rdflib(text):
    g = Graph().parse(data=text, format="turtle")
    assert isomorphic(g, _relabelled(g))
    assert len(canonical_graph(g)) == len(g)
