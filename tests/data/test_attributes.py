"""Issue 13, item 3: an attribute that holds everywhere but somewhere is data, exception included.

Expected values are read by hand from cable p23: "KPS THBS currently has female officers in
every region except Gjilan, and is poised to hire three more in its Pristina headquarters in
early 2008."
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV

from tipgraph.namespaces import CABLE, KV, OA, TIP, TIPV

HAS_TIME = URIRef("http://www.w3.org/2006/time#hasTime")
P23 = "KPS THBS currently has female officers in every region except Gjilan"


def _statements(graph: Graph) -> list:
    return sorted(graph.subjects(RDF.type, TIP.AttributeStatement))


def test_gjilan_is_the_stated_exception_of_thbs_female_officers(graph):
    (s,) = [s for s in _statements(graph) if graph.value(s, TIP.bearer) == KV["kps-thbs"]]
    assert graph.value(s, TIP.attribute) == Literal("female officers")
    assert set(graph.objects(s, TIP["except"])) == {KV.gjilan}
    assert graph.value(s, TIP.modality) == TIPV["modality-stated"]
    # "currently": as of the cable (12 March 2008), the instant the p23 staff figures use
    assert graph.value(s, HAS_TIME) == KV["instant-cable-2008-03"]
    cites = [
        (graph.value(c, OA.hasSource), str(graph.value(graph.value(c, OA.hasSelector), OA.exact)))
        for c in graph.objects(s, PROV.wasDerivedFrom)
    ]
    assert (CABLE.p23, P23) in cites


def test_the_scope_is_every_region_and_lists_no_region_the_text_does_not_name(graph):
    (s,) = [s for s in _statements(graph) if graph.value(s, TIP.bearer) == KV["kps-thbs"]]
    scope = graph.value(s, TIP.scope)
    assert (scope, RDF.type, TIP.QuantifiedSet) in graph
    assert graph.value(scope, RDFS.label) == Literal("every region")
    assert graph.value(scope, TIP.memberKind) == Literal("region")
    # p23 names one region, Gjilan; no list of regions is invented
    assert set(graph.objects(scope, RDFS.member)) == {KV.gjilan}
    assert graph.value(scope, TIP.within) == KV.kosovo
    assert str(graph.value(scope, TIP.editorialNote)).startswith("Reading (editorial")


def test_the_exception_is_a_triple_not_only_a_quote_on_the_place(graph):
    # before issue 13 the only trace was the quote on kv:gjilan
    assert (None, TIP["except"], KV.gjilan) in graph
    (s,) = graph.subjects(TIP["except"], KV.gjilan)
    assert graph.value(s, TIP.bearer) == KV["kps-thbs"]


def test_every_attribute_statement_quotes_its_exception(graph):
    statements = _statements(graph)
    assert statements  # p23's at least
    for s in statements:
        quotes = [
            str(graph.value(graph.value(c, OA.hasSelector), OA.exact))
            for c in graph.objects(s, PROV.wasDerivedFrom)
        ]
        for place in graph.objects(s, TIP["except"]):
            label = str(graph.value(place, RDFS.label))
            assert any(f"except {label}" in q for q in quotes), (s, label)
