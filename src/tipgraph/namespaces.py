"""The one prefix map: every module, query and output uses these bindings."""

from __future__ import annotations

import re

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, QB, RDF, RDFS, SH, SKOS, TIME, XSD

__all__ = [
    "ABSOLUTE_IRI",
    "BASE",
    "CABLE",
    "DOC",
    "KV",
    "OA",
    "ORG",
    "PREFIXES",
    "TIP",
    "TIP09",
    "TIPV",
    "bind",
]

# An absolute IRI as SPARQL and Turtle accept it between <...>: a scheme, then no spaces or
# the characters IRIREF forbids. Used wherever a user hands us an IRI.
ABSOLUTE_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*", re.IGNORECASE)

BASE = "https://w3id.org/tipgraph/"
TIP = Namespace(BASE + "def#")
TIPV = Namespace(BASE + "vocab/")
KV = Namespace(BASE + "id/kosovo/")
DOC = Namespace(BASE + "id/doc/")
CABLE = Namespace(BASE + "id/doc/cable-2008-03-12-pristina-000128/")
TIP09 = Namespace(BASE + "id/doc/tip-report-2009-kosovo/")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")

PREFIXES: dict[str, str] = {
    "cable": str(CABLE),
    "dcterms": str(DCTERMS),
    "doc": str(DOC),
    "foaf": str(FOAF),
    "kv": str(KV),
    "oa": str(OA),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "qb": str(QB),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "time": str(TIME),
    "tip": str(TIP),
    "tip09": str(TIP09),
    "tipv": str(TIPV),
    "xsd": str(XSD),
}


def bind(graph: Graph) -> Graph:
    """Bind exactly our prefixes (replacing rdflib's defaults) so output never varies."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
