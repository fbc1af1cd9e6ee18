"""Information flows, one-way flows, paths to the TIP reports and the sources of figures."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from tipgraph.analysis import flows
from tipgraph.analysis.projection import Relation
from tipgraph.analysis.terms import curie
from tipgraph.namespaces import TIP

CABLE = "doc:cable-2008-03-12-pristina-000128"
CHAPTER = "doc:tip-report-2009-kosovo"


@pytest.fixture(scope="module")
def analysis(graph: Graph):
    return flows.analyze(graph)


def _by_subject(findings) -> dict[str, object]:
    return {f.subject: f for f in findings}


def test_thbs_flow_to_foreign_partners_is_reported_one_way(analysis):
    # cable p46: "KPS THBS reports that it continues to provide requested information to
    # international organizations and foreign governments, but says it does not see a two-way
    # flow of information."
    found = _by_subject(analysis.section("one-way"))["kv:flow-thbs-to-foreign-partners-one-way"]
    assert found.data["stated"] is True
    assert found.data["to"] == ["kv:foreign-governments", "kv:international-organisations"]
    assert found.text.startswith("one-way:") and "cable:p46" in found.passages


def test_a_flow_answered_by_a_flow_back_is_not_one_way():
    ask = Relation("kv:ask", "InformationFlow", "information", "ask", ("kv:a",), ("kv:b",), True)
    answer = Relation("kv:ans", "InformationFlow", "information", "ans", ("kv:b",), ("kv:a",), True)
    alone = Relation("kv:tell", "InformationFlow", "information", "t", ("kv:a",), ("kv:c",), True)
    assert [(r.iri, to) for r, to in flows.one_way([ask, answer, alone])] == [("kv:tell", ["kv:c"])]


@pytest.mark.parametrize(
    ("producer", "path"),
    [
        # cable p5 (KPS THBS figures); header and p1: the post's submission for the Eighth
        # Annual TIP Report.
        ("kv:kps-thbs", ["kv:kps-thbs", CABLE, "kv:tip-report-2008"]),
        # cable p6 (VAAU figures)
        ("kv:vaau", ["kv:vaau", CABLE, "kv:tip-report-2008"]),
        # 2009 p5: "The government reported it assisted 24 victims in 2008"
        ("kv:government-of-kosovo", ["kv:government-of-kosovo", CHAPTER, "kv:tip-report-2009"]),
    ],
)
def test_figures_reach_the_tip_report(analysis, producer, path):
    found = [f for f in analysis.section("paths-to-tip-report") if f.subject == producer]
    assert [f.data["path"] for f in found] == [path]


def test_the_cable_reaches_the_report_by_the_posts_submission_to_state(analysis):
    # cable header: "FM USOFFICE PRISTINA TO RUEHC/SECSTATE WASHDC"
    (thbs,) = [f for f in analysis.section("paths-to-tip-report") if f.subject == "kv:kps-thbs"]
    assert "kv:reporting-cable-usop-to-state" in thbs.relations
    assert "cable:header" in thbs.passages


@pytest.mark.parametrize(
    ("observation", "reporters", "passage"),
    [
        # cable p5: "the KPS THBS reported 32 trafficking victims"
        ("kv:obs-thbs-victims-2007-04-2008-01-total", ["kv:kps-thbs"], "cable:p5"),
        # cable p6: "(VAAU) reported assisting 33 victims of trafficking in 2007"
        ("kv:obs-vaau-victims-assisted-2007-total", ["kv:vaau"], "cable:p6"),
        # 2009 p5: "The government reported it assisted 24 victims in 2008"
        ("kv:obs-gov-victims-assisted-2008", ["kv:government-of-kosovo"], "tip09:p5"),
        # 2009 p4: "the government reportedly prosecuted 24 trafficking cases" — no reporter named
        ("kv:obs-gov-cases-prosecuted-2008", [], "tip09:p4"),
    ],
)
def test_each_figure_names_its_reporter_and_passage(analysis, observation, reporters, passage):
    found = _by_subject(analysis.section("statistic-sources"))[observation]
    assert found.data["reported_by"] == reporters and passage in found.passages


def test_a_flow_without_a_stated_recipient_says_so(analysis):
    # cable p4: IOM statistics "illustrate the magnitude of the problem" — to whom is not said.
    found = _by_subject(analysis.section("flows"))["kv:flow-iom-statistics"]
    assert "recipient not stated" in found.text and found.data["to"] == []


def test_paths_run_from_every_reporter_that_reaches_a_report(graph, analysis):
    # Only bodies that reach a report are searched from: none that reaches one may be missed.
    net = flows.flow_graph(graph)
    reports = {curie(r) for r in graph.subjects(RDF.type, TIP.TIPReport)} & set(net)
    reporters = {curie(r) for r in graph.objects(None, TIP.reportedBy)} & set(net)
    reaching = {(s, r) for s in reporters for r in reports if nx.has_path(net, s, r)}
    found = {(f.subject, f.data["path"][-1]) for f in analysis.section("paths-to-tip-report")}
    assert reaching and found == reaching
