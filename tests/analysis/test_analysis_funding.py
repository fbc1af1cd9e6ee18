"""Funding shares, dependency and what-if removals, against cable p26-p28 and 2009 p2, p5."""

from __future__ import annotations

import pytest
from rdflib import Graph

from tipgraph.analysis import funding
from tipgraph.analysis.funding import what_if
from tipgraph.analysis.shares import RecipientFunding, recipient_funding
from tipgraph.errors import QueryError


@pytest.fixture(scope="module")
def shares(graph: Graph) -> dict[str, RecipientFunding]:
    return {rf.recipient: rf for rf in recipient_funding(graph)}


@pytest.fixture(scope="module")
def analysis(graph: Graph):
    return funding.analyze(graph)


def _subjects(findings) -> set[str]:
    return {f.subject for f in findings}


def test_pvpt_funders_are_iom_osce_and_the_uk_government(shares, analysis):
    # cable p28: "To date, most of its funding has come from IOM, OSCE and the UK government."
    # No amounts are given and the three are named together: they give "most" together, and
    # the source does not split it. (Before issue 13 the analysis invented a third each.)
    pvpt = shares["kv:pvpt"]
    assert pvpt.funders == {"kv:iom", "kv:osce", "kv:uk-government"}
    assert pvpt.shares == {}
    assert pvpt.portion == {("kv:iom", "kv:osce", "kv:uk-government"): "most"}
    (text,) = [f.text for f in analysis.section("shares") if f.subject == "kv:pvpt"]
    assert "'most' of its funding" in text
    assert "33%" not in text


def test_pvpt_has_no_government_funder(analysis):
    # cable p28: "PVPT, currently receives no government funding"
    (pvpt,) = [f for f in analysis.section("no-government-funding") if f.subject == "kv:pvpt"]
    assert pvpt.data["stated"] is True
    assert "cable:p28" in pvpt.passages


def test_pvpt_stated_absences_are_reported_not_counted(analysis, shares):
    # cable p28: no government funding; "unable to qualify for ... (MLSW) funding in the last round"
    absences = _subjects(analysis.section("stated-absences"))
    assert {"kv:funding-government-pvpt-none", "kv:funding-mlsw-pvpt-last-round-none"} <= absences
    assert "kv:mlsw" not in shares["kv:pvpt"].shares


def test_hhc_only_stated_funder_is_mlsw(shares, analysis):
    # cable p27: "the Ministry of Labor and Social Welfare (MLSW) gave Hope and Homes for Children
    # (HHC) ... about 191,970 euros"
    hhc = shares["kv:hhc"]
    assert hhc.shares == {"kv:mlsw": 1.0} and hhc.single_source and hhc.hhi == 1.0
    assert "kv:hhc" in _subjects(analysis.section("single-source"))


def test_portions_of_the_hhc_funding_are_not_counted_twice(shares):
    # cable p27: the 135,000 euros and the 28,750 euros are parts "of that money" (191,970 euros)
    hhc = shares["kv:hhc"]
    assert hhc.relations == ("kv:funding-mlsw-hhc-2007",)
    assert (hhc.basis, hhc.currency) == ("amount", "EUR")


def test_ngo_shelters_funded_jointly_by_government_and_donors_are_shared_by_count(shares):
    # 2009 p5: "the government, in cooperation with international donors, provided critical
    # funding totaling $158,593" — one amount, two funders, no split given.
    ngo = shares["kv:ngo-run-shelters-2009"]
    assert set(ngo.shares) == {"kv:government-of-kosovo", "kv:international-donors"}
    assert ngo.basis == "count" and ngo.joint


def test_the_rate_comes_from_the_cables_own_euro_dollar_pairs(analysis):
    # cable p27: 191,970 euros (282,030 dollars), 28,750 euros (42,240 dollars),
    # 135,000 euros (198,315 dollars): about 1.469 dollars to the euro.
    (rate,) = analysis.section("exchange-rate")
    assert rate.data["usd_per_eur"] == pytest.approx(1.469, abs=0.001)
    assert rate.data["pairs"] == 3 and rate.passages == ("cable:p27",)


def test_removing_mlsw_leaves_hhc_with_no_recorded_funding(graph):
    # cable p27: MLSW is HHC's only stated funder.
    lost = {f.subject: f for f in what_if(graph, ["kv:mlsw"])}
    assert lost["kv:hhc"].data["loses"] == "all"
    assert "kv:pvpt" not in lost


def test_removing_international_funders_leaves_pvpt_with_nothing(graph):
    # cable p28: IOM, OSCE (international organisations) and the UK government.
    lost = {f.subject: f for f in what_if(graph, remove_sector="international")}
    assert lost["kv:pvpt"].data["loses"] == "all"
    assert "kv:hhc" not in lost


def test_removing_government_funders_takes_half_of_the_ngo_shelters_funding(graph):
    # 2009 p5: government and international donors together; by count, half is government's.
    lost = {f.subject: f for f in what_if(graph, remove_sector="government")}
    assert lost["kv:ngo-run-shelters-2009"].data["lost_share"] == pytest.approx(0.5)
    assert lost["kv:hhc"].data["loses"] == "all"


def test_a_full_iri_names_a_funder_too(graph):
    full = "https://w3id.org/tipgraph/id/kosovo/mlsw"
    assert _subjects(what_if(graph, [full])) == _subjects(what_if(graph, ["kv:mlsw"]))


@pytest.mark.parametrize(
    ("remove", "sector", "message"),
    [(["kv:nobody"], None, "not a funder"), ([], "private", "unknown sector")],
)
def test_bad_removals_are_refused(graph, remove, sector, message):
    with pytest.raises(QueryError, match=message):
        what_if(graph, remove, sector)


def test_every_finding_cites_a_passage(analysis):
    assert all(f.passages for f in analysis.findings)
