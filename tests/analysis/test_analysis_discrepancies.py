"""Figures for the same or overlapping things from different passages, side by side."""

from __future__ import annotations

from itertools import combinations

import pytest
from rdflib import Graph

from tipgraph.analysis import discrepancies
from tipgraph.analysis.discrepancies import figures, overlap
from tipgraph.analysis.facts import Facts


@pytest.fixture(scope="module")
def analysis(graph: Graph):
    return discrepancies.analyze(graph)


@pytest.fixture(scope="module")
def figs(graph: Graph):
    return {f.iri: f for f in figures(graph)}


def _group_of(analysis, observation: str):
    found = [
        f for f in analysis.findings if observation in {o["iri"] for o in f.data["observations"]}
    ]
    assert len(found) == 1, f"{observation} is in {len(found)} groups"
    return found[0]


def _members(finding) -> set[str]:
    return {o["iri"] for o in finding.data["observations"]}


@pytest.mark.parametrize(
    ("first", "second", "values", "periods"),
    [
        # cable p5: "For April 1, 2007 through January 21, 2008, the KPS THBS reported 32
        # trafficking victims"; p9: "In 2007, KPS THBS identified 32 victims"
        (
            "kv:obs-thbs-victims-2007-04-2008-01-total",
            "kv:obs-thbs-victims-2007-total",
            "equal",
            ["overlapping"],
        ),
        # cable p6: VAAU "reported assisting 33 victims of trafficking in 2007"; 2009 p5: "a
        # decline from 33 assisted in 2007"
        (
            "kv:obs-vaau-victims-assisted-2007-total",
            "kv:obs-gov-victims-assisted-2007-tip09",
            "equal",
            ["same"],
        ),
        # cable p34 and p41: "Twenty-one cases were resolved during the year, resulting in
        # twenty-four convictions."
        ("kv:obs-p34-convictions-2007", "kv:obs-p41-convictions-2007", "equal", ["same"]),
        # cable p34: "31 cases were filed"; p41: "the Kosovo judiciary worked on thirty-one"
        (
            "kv:obs-p34-cases-filed-2007",
            "kv:obs-p41-judiciary-cases-worked-on-2007",
            "equal",
            ["same"],
        ),
    ],
)
def test_figures_for_the_same_thing_are_side_by_side(analysis, first, second, values, periods):
    group = _group_of(analysis, first)
    assert second in _members(group)
    assert group.data["values"] == values and group.data["periods"] == periods


def test_the_thbs_32_pair_keeps_the_curators_reason(analysis):
    group = _group_of(analysis, "kv:obs-thbs-victims-2007-total")
    assert set(group.passages) == {"cable:p5", "cable:p9"}
    # The reason is the data's own comment on each observation, named by its IRI.
    reasons = group.data["reasons"]
    assert reasons and {r.partition(": ")[0] for r in reasons} <= _members(group)


def test_the_2008_government_figure_is_shown_as_context(analysis):
    # 2009 p5: "The government reported it assisted 24 victims in 2008, a decline from 33
    # assisted in 2007" — 2008 is not the same period, but it is the same passage's figure.
    group = _group_of(analysis, "kv:obs-gov-victims-assisted-2007-tip09")
    assert "kv:obs-gov-victims-assisted-2008" in {c["iri"] for c in group.data["context"]}
    assert "kv:obs-gov-victims-assisted-2008" not in _members(group)


def test_figures_of_one_passage_are_not_compared(analysis):
    # cable p9 gives 32 victims for 2007 and 64 for 2006: a trend, not a discrepancy.
    group = _group_of(analysis, "kv:obs-thbs-victims-2007-total")
    assert "kv:obs-thbs-victims-2006-total" not in _members(group)


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (
            "kv:obs-thbs-victims-2007-04-2008-01-total",
            "kv:obs-thbs-victims-2007-total",
            "overlapping",
        ),
        ("kv:obs-thbs-victims-2006-total", "kv:obs-thbs-victims-2007-total", "disjoint"),
        ("kv:obs-p34-convictions-2007", "kv:obs-p41-convictions-2007", "same"),
        # cable p7: "since 1999" (end not stated) against p12: "between 1999 and December 2007"
        (
            "kv:obs-iom-victims-assisted-since-1999-total",
            "kv:obs-iom-victims-assisted-1999-2007-12-total",
            "unknown",
        ),
    ],
)
def test_periods_overlap_as_the_sources_date_them(figs, a, b, relation):
    assert overlap(figs[a], figs[b]) == relation == overlap(figs[b], figs[a])


def test_every_pair_compared_is_among_the_candidates(graph):
    # Pairs are looked for by measure, breakdown, unit and actors, not tried one by one: the
    # candidates must still hold every pair the comparison accepts.
    figs = figures(graph)
    parents = discrepancies._parents(Facts(graph))
    accepted = {
        (a.iri, b.iri) for a, b in combinations(figs, 2) if discrepancies._compared(parents, a, b)
    }
    found = {(a.iri, b.iri) for a, b in discrepancies._candidates(figs, parents)}
    assert accepted and accepted <= found
