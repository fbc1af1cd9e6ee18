"""Centrality, cut points, bridges and communities of the projected network."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from tipgraph.analysis import coordination
from tipgraph.analysis.coordination import articulation_points, bridges, communities
from tipgraph.analysis.projection import project, simple_graph


@pytest.fixture(scope="module")
def ties(graph: Graph) -> nx.Graph:
    return simple_graph(project(graph))


@pytest.fixture(scope="module")
def analysis(graph: Graph):
    return coordination.analyze(graph)


def test_thbs_and_kspo_are_tied_by_their_cooperation(ties):
    # cable p1: "the KPS THBS and the KSPO, are cooperating closely"
    assert "kv:coop-thbs-kspo" in ties.edges["kv:kps-thbs", "kv:kspo"]["relations"]


def test_without_the_working_group_its_four_sub_groups_are_cut_off(ties):
    # cable p18: "the Inter-Ministerial Working Group established sub-working groups on
    # prevention, protection, prosecution, and trafficking in children" — nothing else ties them.
    assert articulation_points(ties)["kv:iwg-trafficking"] == [
        "kv:swg-prevention",
        "kv:swg-prosecution",
        "kv:swg-protection",
        "kv:swg-trafficking-in-children",
    ]


def test_without_mlsw_hhc_and_the_six_shelters_for_minors_are_cut_off(ties):
    # cable p27: MLSW funds HHC and "six other shelters for minors"; the sources tie HHC and
    # its shelters to nobody else.
    cut = articulation_points(ties)["kv:mlsw"]
    assert {"kv:hhc", "kv:six-other-shelters-for-minors", "kv:hhc-prizren-shelter"} <= set(cut)


def test_the_mlsw_tie_to_the_government_is_a_bridge(ties):
    # cable p17 names the MLSW among the ministries; p27 has it fund HHC.
    found = {(u, v): side for u, v, side in bridges(ties)}
    assert "kv:hhc" in found[("kv:government-of-kosovo", "kv:mlsw")]


def test_seci_has_only_the_negated_tie(analysis):
    # cable p46: Kosovo's status prevents it "from joining ... SECI"; no other tie is stated.
    (seci,) = [f for f in analysis.section("isolated") if f.subject == "kv:seci"]
    assert seci.relations == ("kv:membership-kosovo-seci-none",)


def test_negated_relations_are_not_ties(ties):
    # cable p46: Kosovo cannot join Interpol — no tie between them.
    assert not ties.has_edge("kv:government-of-kosovo", "kv:interpol")


def test_communities_are_repeatable(ties):
    assert communities(ties) == communities(ties.copy())


def test_a_layer_can_be_analysed_alone(graph):
    only = coordination.analyze(graph, ["coordination"])
    assert "relation kinds: coordination;" in only.notes[0]


@pytest.mark.parametrize(
    "section", ["centrality", "brokers", "articulation-points", "bridges", "communities"]
)
def test_every_finding_names_its_relations_and_passages(analysis, section):
    found = analysis.section(section)
    assert found and all(f.relations and f.passages for f in found)
