"""Entailed types for the built graph: every instance also carries its superclasses' types.

A SPARQL user should not need to know to write ``a/rdfs:subClassOf*``: after
:func:`entail_types`, ``?x a org:Organization`` finds every ministry and NGO. Only the
RDFS subclass rule is applied (rdfs9), with one SPARQL INSERT that both rdflib's memory
store and Oxigraph evaluate natively; a full RDFS or OWL-RL closure (owlrl) would add
thousands of triples no query needs (``rdfs:Resource`` types, property axioms) and
take seconds, for nothing the analyses use. The canonical sources stay unentailed.
"""

from __future__ import annotations

from importlib import resources

from rdflib import Graph

__all__ = ["entail_types"]


def _update_text() -> str:
    return (resources.files("tipgraph.graph") / "queries" / "entail-types.ru").read_text("utf-8")


def entail_types(graph: Graph) -> int:
    """Add the subclass-entailed ``rdf:type`` triples to ``graph`` in place; how many were new."""
    before = len(graph)
    graph.update(_update_text())
    return len(graph) - before
