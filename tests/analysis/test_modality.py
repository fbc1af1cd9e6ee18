"""Issue 13: what a source hedges, plans or expects is said structurally, and analyses respect it.

Every expected answer is read by hand from the paragraph cited beside it.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from support import TURTLE_PREFIXES
from tipgraph.analysis import timeline
from tipgraph.analysis.terms import attribution, expand, modality_of
from tipgraph.analysis.timeline import status_as_of

JULY_2008 = date(2008, 7, 1)


@pytest.mark.parametrize(
    ("node", "modality", "cue"),
    [
        # cable p25: "The conference was not organized last year but is expected to take place
        # in June 2008."
        ("kv:event-donor-conference-2008-06", "expected", "is expected to take place"),
        # cable p23: "is poised to hire three more in its Pristina headquarters in early 2008"
        ("kv:event-kps-thbs-hiring-2008-early", "planned", "is poised to hire"),
        ("kv:obs-thbs-planned-hires-pristina-hq-early-2008", "planned", "is poised to hire"),
        # cable p20: "five special prosecutors on staff with plans to add four more"
        ("kv:obs-kspo-special-prosecutors-planned-2008-03", "planned", "with plans to add"),
        # 2009 p4: "In 2008, the government reportedly prosecuted 24 trafficking cases"
        ("kv:obs-gov-cases-prosecuted-2008", "reported", "reportedly"),
        # 2009 p1: "internal trafficking involving Kosovo Serbs may also occur in north Kosovo"
        ("kv:problem-kosovo-serb-internal-trafficking-north", "hypothetical", "may also occur"),
        # cable p28: "PVPT, currently receives no government funding"
        ("kv:funding-government-pvpt-none", "negated", "receives no"),
    ],
)
def test_the_modality_and_the_sources_word(graph: Graph, node, modality, cue):
    assert modality_of(graph, expand(node)) == modality
    assert cue in {str(c) for c in graph.objects(expand(node), expand("tip:modalityCue"))}


def test_a_plain_statement_is_stated(graph):
    # cable p27: "During calendar year 2007, the Ministry of Labor and Social Welfare (MLSW)
    # gave Hope and Homes for Children (HHC) ... about 191,970 euros"
    assert modality_of(graph, expand("kv:funding-mlsw-hhc-2007")) == "stated"


def test_reported_figures_say_by_whom(graph):
    # 2009 p4: "the government reportedly prosecuted 24" — the chapter names no reporter
    assert attribution(graph, expand("kv:obs-gov-cases-prosecuted-2008")) == (
        "'reportedly' (by whom not stated)"
    )
    # cable p28: "According to CRS, PVPT was unable to qualify for ... MLSW funding"
    assert "Catholic Relief Services" in attribution(
        graph, expand("kv:problem-pvpt-ineligible-mlsw-funding")
    )


def test_the_expected_donor_conference_is_not_held_on_1_july_2008(graph):
    # cable p25: expected to take place in June 2008; the cable (March 2008) cannot say it did.
    # Before issue 13 this entry was "before 2008-07-01", i.e. shown as held.
    result = timeline.analyze(graph, JULY_2008)
    (entry,) = [
        f for f in result.section("timeline") if f.subject == "kv:event-donor-conference-2008-06"
    ]
    assert entry.data["position"] == "expected"
    assert "not stated to have happened" in entry.text


def test_the_planned_hiring_is_planned_not_done(graph):
    # cable p23: "is poised to hire three more in its Pristina headquarters in early 2008"
    result = timeline.analyze(graph, JULY_2008)
    by = {f.subject: f.data["position"] for f in result.section("timeline")}
    assert by["kv:event-kps-thbs-hiring-2008-early"] == "planned"
    # a stated event keeps its position: cable p28, PVPT "closed again in mid-December 2007"
    assert by["kv:event-pvpt-closure-2007-12"] == "before"


def test_an_expected_opening_opens_nothing():
    # A hand-made shelter whose only opening is expected: on a later day it is not "open".
    g = Graph().parse(
        data=TURTLE_PREFIXES
        + """
        kv:s a tip:Facility ; rdfs:label "s" .
        kv:e a tip:Event ; rdfs:label "s opens" ; tip:concerns kv:s ;
            tip:eventType tipv:event-start-of-operations ;
            tip:modality tipv:modality-expected ; tip:modalityCue "is expected to" ;
            time:hasTime [ a time:Instant ; tip:datePrecision tipv:precision-month ;
                time:inXSDgYearMonth "2008-06"^^xsd:gYearMonth ] .
        """,
        format="turtle",
    )
    (found,) = [f for f in status_as_of(g, JULY_2008) if f.subject == "kv:s"]
    assert found.data["status"] == "unknown"  # was "open" before issue 13
