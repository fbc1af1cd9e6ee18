"""The projection from n-ary relation nodes to networkx edges, checked against the sources."""

from __future__ import annotations

import doctest
import importlib

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from tipgraph.analysis import terms
from tipgraph.analysis.projection import KINDS, RULES, project, relations, simple_graph
from tipgraph.errors import QueryError
from tipgraph.namespaces import TIP

TINY = """
@prefix kv: <https://w3id.org/tipgraph/id/kosovo/> .
@prefix tip: <https://w3id.org/tipgraph/def#> .
@prefix tipv: <https://w3id.org/tipgraph/vocab/> .
kv:a tip:sector tipv:sector-government .
kv:coop a tip:Cooperation ; tip:party kv:a , kv:b , kv:c .
kv:none a tip:Funding ; tip:funderSector tipv:sector-government ; tip:recipient kv:b ;
    tip:negated true .
"""


@pytest.fixture(scope="module")
def net(graph: Graph):
    return project(graph)


def _edge(net, relation: str) -> tuple[str, str, dict]:
    found = [(u, v, d) for u, v, d in net.edges(data=True) if d["relation"] == relation]
    assert found, f"no edge for {relation}"
    return found[0]


@pytest.mark.parametrize(
    "module",
    [
        "tipgraph.analysis",
        "tipgraph.analysis.findings",
        "tipgraph.analysis.terms",
        "tipgraph.analysis.coordination",
        "tipgraph.analysis.dates",
        "tipgraph.report.netexport",
    ],
)
def test_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_only_mandate_has_no_rule(graph):
    # Mandate has one role (tip:holder) and a text responsibility: nothing to draw an edge to.
    # Reporting and Mentoring are covered through their superclasses.
    covered = {r.cls for r in RULES if r.cls is not None}
    classes = set(graph.transitive_subjects(RDFS.subClassOf, TIP.Relation)) - {TIP.Relation}
    uncovered = {
        c for c in classes if not set(graph.transitive_objects(c, RDFS.subClassOf)) & covered
    }
    assert uncovered == {TIP.Mandate}


def test_a_cooperation_of_three_parties_is_three_undirected_edges():
    net = project(Graph().parse(data=TINY, format="turtle"), ["coordination"])
    pairs = sorted((u, v) for u, v, d in net.edges(data=True) if not d["directed"])
    assert pairs == [("kv:a", "kv:b"), ("kv:a", "kv:c"), ("kv:b", "kv:c")]


def test_a_stated_absence_is_an_edge_flagged_negated_and_not_a_tie():
    net = project(Graph().parse(data=TINY, format="turtle"), ["funding"])
    (u, v, data) = next(iter(net.edges(data=True)))
    assert (u, v, data["negated"]) == ("tipv:sector-government", "kv:b", True)
    assert simple_graph(net).number_of_edges() == 0


def test_mlsw_funding_of_hhc_carries_both_amounts_and_the_period(net):
    # cable p27: "During calendar year 2007, the ... (MLSW) gave ... (HHC) ... about 191,970
    # euros (282,030 dollars)"
    u, v, data = _edge(net, "kv:funding-mlsw-hhc-2007")
    assert (u, v) == ("kv:mlsw", "kv:hhc")
    assert data["amount_EUR"] == 191970.0 and data["amount_USD"] == 282030.0
    assert data["approximate"] is True and data["period"] == "calendar year 2007"
    assert "cable:p27" in data["passages"]


@pytest.mark.parametrize(
    ("relation", "ends", "kind"),
    [
        # cable p28: "PVPT, currently receives no government funding"
        ("kv:funding-government-pvpt-none", ("tipv:sector-government", "kv:pvpt"), "funding"),
        # cable p46: "preventing it from joining international organizations such as Interpol"
        (
            "kv:membership-kosovo-interpol-none",
            ("kv:government-of-kosovo", "kv:interpol"),
            "membership",
        ),
    ],
)
def test_stated_absences_are_negated_edges(net, relation, ends, kind):
    u, v, data = _edge(net, relation)
    assert (u, v) == ends and data["kind"] == kind and data["negated"] is True


@pytest.mark.parametrize(
    ("relation", "ends", "kind"),
    [
        # cable p20: "The KSPO is currently working under the tutelage of international prosecutors"
        (
            "kv:mentoring-international-prosecutors-kspo",
            ("kv:international-prosecutors", "kv:kspo"),
            "oversight",
        ),
        # cable p6: "The Ministry of Justice's Victims' Advocacy and Assistance Unit (VAAU)"
        ("kv:vaau", ("kv:vaau", "kv:ministry-justice"), "membership"),
        # cable p26: "the Ministry of Justice-run ... Interim Security Facility (ISF)"
        ("kv:operation-moj-isf", ("kv:ministry-justice", "kv:isf"), "membership"),
        # cable p44: "KPS THBS officers provide ... training to ... Border and Boundary Police"
        (
            "kv:training-thbs-border-police-officers",
            ("kv:kps-thbs", "kv:border-police"),
            "training",
        ),
    ],
)
def test_relations_become_edges_of_their_kind(net, relation, ends, kind):
    u, v, data = _edge(net, relation)
    assert (u, v) == ends and data["kind"] == kind and data["negated"] is False


def test_thbs_kspo_cooperation_is_undirected(net):
    # cable p1: "the KPS THBS and the KSPO, are cooperating closely"
    u, v, data = _edge(net, "kv:coop-thbs-kspo")
    assert {u, v} == {"kv:kps-thbs", "kv:kspo"} and data["directed"] is False


def test_nodes_carry_class_sector_and_label(net):
    assert net.nodes["kv:iom"]["kind"] == "InternationalOrganisation"
    assert net.nodes["kv:iom"]["sector"] == "international"
    assert net.nodes["kv:mlsw"]["label"] == "Ministry of Labor and Social Welfare"


def test_each_kind_projects_only_its_own_edges(graph):
    for kind in KINDS:
        kinds = {d["kind"] for _, _, d in project(graph, [kind]).edges(data=True)}
        assert kinds == {kind}


def test_an_unknown_kind_is_refused(graph):
    with pytest.raises(QueryError, match="unknown relation kind"):
        relations(graph, ["gossip"])


def test_compact_iris_use_the_project_prefixes():
    assert terms.curie(TIP.Funding) == "tip:Funding"
