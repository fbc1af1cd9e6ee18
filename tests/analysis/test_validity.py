"""Issue 13, item 2: a tie the text bounds in time holds only in its validity period.

Expected answers read by hand from cable paragraph 46.
"""

from __future__ import annotations

from datetime import date

from tipgraph.analysis import coordination
from tipgraph.analysis.terms import expand
from tipgraph.analysis.timeline import when
from tipgraph.namespaces import TIP

UNMIK = "kv:coop-thbs-serbian-moi-under-unmik"


def test_the_meetings_under_unmik_end_with_the_2006_transition(graph):
    # cable p46: "When they were still under UNMIK, KPS THBS had bi-monthly meetings with the
    # Serbian Ministry of Interior"; cooperation "has declined since KPS THBS transitioned in
    # 2006": the period under UNMIK ends in 2006 and its start is not stated.
    period = graph.value(expand(UNMIK), TIP.validDuring)
    w = when(graph, period)
    assert w.start == (None, None)
    assert w.end == (date(2006, 1, 1), date(2006, 12, 31))


def test_the_serbian_ministry_is_not_a_current_bridge(graph):
    # Before issue 13 the coordination analysis reported "the tie KPS THBS — Serbian Ministry
    # of Interior" as the only link of the ministry to the rest, i.e. a current bridge.
    result = coordination.analyze(graph)
    bridges = {f.subject for f in result.section("bridges")}
    assert "kv:kps-thbs kv:serbian-moi" not in bridges
    left = {f.subject: f.data["why"] for f in result.section("not-a-tie")}
    assert UNMIK in left
    assert "under UNMIK" in str(left[UNMIK])


def test_on_a_day_under_unmik_the_meetings_are_a_tie(graph):
    # 1 January 2005 is before the 2006 transition: the meetings are a tie that day.
    result = coordination.analyze(graph, as_of=date(2005, 1, 1))
    assert UNMIK not in {f.subject for f in result.section("not-a-tie")}
    assert "kv:kps-thbs kv:serbian-moi" in {f.subject for f in result.section("bridges")}


def test_declined_cooperation_since_2006_still_holds_in_2008(graph):
    # cable p46: "cooperation with other governments ... has declined since KPS THBS
    # transitioned in 2006": from 2006, no end stated.
    result = coordination.analyze(graph, as_of=date(2008, 3, 12))
    assert "kv:coop-kosovo-other-governments" not in {
        f.subject for f in result.section("not-a-tie")
    }
