"""Issue 13, item 9: a figure, date or name only a comment states is reported.

The snippets are hand-made; the data check uses cable p23 ("female officers in every region
except Gjilan, and is poised to hire three more").
"""

from __future__ import annotations

from rdflib import Graph

from support import TURTLE_PREFIXES
from tipgraph.graph.comments import comment_only


def _graph(body: str) -> Graph:
    return Graph().parse(data=TURTLE_PREFIXES + body, format="turtle")


def test_a_figure_only_in_a_comment_is_reported():
    g = _graph('kv:o a qb:Observation ; rdfs:comment "The chapter adds that 24 were convicted." .')
    found = {(f.node, f.kind, f.text) for f in comment_only(g)}
    assert ("kv:o", "number", "24") in found


def test_a_figure_a_value_carries_is_not():
    g = _graph(
        'kv:o a qb:Observation ; tip:value 24.0 ; rdfs:comment "24 were convicted in 2008." ;'
        ' tip:refPeriod [ time:inXSDgYear "2008"^^xsd:gYear ] .'
    )
    assert comment_only(g) == []


def test_a_quote_is_evidence_not_structure():
    g = _graph(
        'kv:o a qb:Observation ; rdfs:comment "24 were convicted." ; prov:wasDerivedFrom'
        ' [ oa:hasSelector [ oa:exact "24 were convicted" ] ] .'
    )
    assert [f.text for f in comment_only(g)] == ["24"]


def test_paragraph_references_and_links_are_not_facts():
    g = _graph('kv:o a qb:Observation ; rdfs:comment "See p46 and kv:obs-2007-24." .')
    assert comment_only(g) == []


def test_the_planned_hires_figure_is_structured_now(graph):
    # cable p23: "is poised to hire three more": the observation carries the 3 as tip:value,
    # so its label's "three" is not comment-only.
    found = {(f.node, f.text) for f in comment_only(graph)}
    assert ("kv:obs-thbs-planned-hires-pristina-hq-early-2008", "three") not in found
