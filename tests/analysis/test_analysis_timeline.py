"""Dates at the sources' own precision, and the network as of a day."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph

from tipgraph.analysis import timeline
from tipgraph.analysis.timeline import When, entries, parse_day, status_as_of
from tipgraph.errors import QueryError

DEC_2007 = (date(2007, 12, 1), date(2007, 12, 31))
YEAR_2008 = (date(2008, 1, 1), date(2008, 12, 31))
DAY = date(2008, 1, 15)


@pytest.fixture(scope="module")
def as_of_jan_2008(graph: Graph) -> dict[str, str]:
    return {f.subject: str(f.data["status"]) for f in status_as_of(graph, DAY)}


@pytest.mark.parametrize(
    ("start", "end", "position"),
    [
        (DEC_2007, DEC_2007, "before"),  # "mid-December 2007" is before 15 January 2008
        (YEAR_2008, YEAR_2008, "unknown"),  # "2008" may be before or after it
        ((date(2008, 2, 17),) * 2, (date(2008, 2, 17),) * 2, "after"),
        (YEAR_2008[:1] * 2, YEAR_2008[1:] * 2, "during"),  # calendar year 2008
        ((None, None), YEAR_2008[:1] * 2, "before"),  # start not stated, ends 1 Jan 2008
        ((None, None), (date(2008, 3, 1), date(2008, 3, 31)), "unknown"),  # "to date", March 2008
        ((None, None), (None, None), "unknown"),  # an undated reporting period
    ],
)
def test_partial_dates_are_compared_honestly(start, end, position):
    assert When(start, end, "x", "x").position(DAY) == position


@pytest.mark.parametrize(
    ("subject", "status"),
    [
        # cable p27: "the closure of the Prizren shelter on December 31, 2007"
        ("kv:hhc-prizren-shelter", "closed"),
        # cable p28: "It closed again in mid-December 2007"
        ("kv:pvpt", "closed"),
        # cable p10: "The KAP expired in December 2006"
        ("kv:kap", "expired"),
        # 2009 p6: "in July 2008 it adopted ... an anti-trafficking National Strategy"
        ("kv:national-strategy-2008", "not yet in force"),
        # cable p20: "the Kosovo Special Prosecutors' Office (KSPO) in September 2006"
        ("kv:kspo", "existed"),
        # cable p31: the PCCK "came into effect on April 6, 2004"
        ("kv:pcck", "in force"),
        # cable p26 names the ISF but dates nothing about it
        ("kv:isf", "unknown"),
    ],
)
def test_the_network_on_15_january_2008(as_of_jan_2008, subject, status):
    assert as_of_jan_2008[subject] == status


def test_pvpt_in_june_2007_is_unknown(graph):
    # cable p28: "It closed briefly in early 2007" — "early 2007" is not placed before June,
    # and the reopening is not dated.
    found = {f.subject: f.data["status"] for f in status_as_of(graph, date(2007, 6, 1))}
    assert found["kv:pvpt"] == "unknown"


def test_events_are_in_date_order_with_their_precision(graph):
    order = [e.subject for e in entries(graph)]
    pvpt = order.index("kv:event-pvpt-closure-2007-12")  # p28, mid-December 2007
    prizren = order.index("kv:event-hhc-prizren-shelter-closure-2007-12-31")  # p27
    independence = order.index("kv:event-kosovo-declaration-of-independence-2008-02-17")  # p1
    assert pvpt < prizren < independence
    (closure,) = [e for e in entries(graph) if e.subject == "kv:event-pvpt-closure-2007-12"]
    assert (closure.when.precision, closure.when.label) == ("part-of-month", "mid-December 2007")


def test_as_of_marks_each_entry_before_after_or_unknown(graph):
    result = timeline.analyze(graph, DAY)
    by = {f.subject: f.data.get("position") for f in result.section("timeline")}
    assert by["kv:event-pvpt-closure-2007-12"] == "before"
    assert by["kv:event-osce-report-2008"] == "unknown"  # 2009 p5: "a 2008 OSCE Report"
    assert result.section("as-of")


@pytest.mark.parametrize("text", ["2008-13-01", "15/01/2008", "soon", ""])
def test_a_bad_day_is_one_query_error(text):
    with pytest.raises(QueryError, match="expected YYYY-MM-DD"):
        parse_day(text)
