"""Canonical blank-node labels (RDFC-1.0, from Oxigraph), and graph isomorphism on top of them.

The W3C RDF Dataset Canonicalization algorithm gives every blank node a label
that depends only on the graph's content, for any shape: shared blank nodes,
cycles, RDF lists. pyoxigraph ships it in Rust (``Dataset.canonicalize``), so
one algorithm serves every graph; there is no fast path that could disagree
with a slow one. Two graphs are isomorphic exactly when their canonical
N-Triples are equal.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from tipgraph.errors import ExportError

__all__ = [
    "canonical_graph",
    "canonical_ntriples",
    "canonical_triples",
    "isomorphic",
    "round_trip",
]


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


_OX_FORMATS = {"nt": "N_TRIPLES", "turtle": "TURTLE", "json-ld": "JSON_LD"}


def _dataset(graph: Graph | bytes, fmt: str = "nt") -> Any:
    """The graph (or a serialisation of one) as a pyoxigraph Dataset with RDFC-1.0 labels."""
    import pyoxigraph as ox

    try:
        data = graph if isinstance(graph, bytes) else graph.serialize(format="nt", encoding="utf-8")
        dataset = ox.Dataset(ox.parse(data, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt])))
    except (UnicodeError, SyntaxError, ValueError) as exc:
        raise ExportError(f"cannot canonicalise the graph: {exc}") from None
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def _lines(dataset: Any) -> list[str]:
    import pyoxigraph as ox

    text = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS)
    assert text is not None
    return sorted(line for line in text.decode("utf-8").splitlines() if line.strip())


def canonical_ntriples(graph: Graph) -> list[str]:
    """The graph's triples as sorted N-Triples lines, blank nodes labelled by RDFC-1.0."""
    return _lines(_dataset(graph))


def canonical_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` whose blank-node labels depend only on its content."""
    import pyoxigraph as ox

    def term(node: Any) -> Node:
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)  # rdflib's parsers would relabel: build the terms here
        lang, datatype = node.language, node.datatype.value
        plain = lang or datatype == _XSD_STRING  # rdflib keeps simple literals untyped
        # The lexical form as written: rdflib would normalise "012"^^xsd:integer to "12".
        kind = None if plain else URIRef(datatype)
        return Literal(node.value, lang=lang, datatype=kind, normalize=False)

    out = Graph()
    for quad in _dataset(graph):
        out.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return out


def canonical_triples(graph: Graph) -> set[str]:
    """The graph as a set of N-Triples lines with canonical blank-node labels."""
    return set(canonical_ntriples(graph))


def isomorphic(a: Graph, b: Graph) -> bool:
    """Whether two graphs are the same up to blank-node names."""
    return len(a) == len(b) and canonical_ntriples(a) == canonical_ntriples(b)


def round_trip(
    name: str, text: str, fmt: str, graph: Graph, expected: list[str] | None = None
) -> None:
    """Parse ``text`` back and refuse it unless it is ``graph`` exactly (up to blank-node names).

    Called on every file before it is written, so a writer that drops a cycle
    or reorders a list fails the write instead of losing triples. ``expected``
    is ``canonical_ntriples(graph)`` when the caller has it already.
    """
    # Parsed back by Oxigraph: a second implementation, not the one that wrote it.
    try:
        got = _lines(_dataset(text.encode("utf-8"), fmt))
    except ExportError as exc:
        raise ExportError(f"{name}: the written {fmt} does not parse back ({exc})") from None
    want = expected if expected is not None else canonical_ntriples(graph)
    if got != want:
        lost = len(set(want) - set(got))
        raise ExportError(
            f"{name}: the written {fmt} is not the graph ({len(got)} triples back of "
            f"{len(want)}, {lost} lost or changed); nothing written"
        )
