"""The SPARQL query library answers its competency questions from the real graph.

Expected answers are written by hand from the source text, with the paragraph
they come from; the queries only have to find them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from tipgraph.errors import QueryError
from tipgraph.namespaces import CABLE, KV, OA, PREFIXES, TIP, TIP09, TIPV
from tipgraph.sparql.query import LibraryQuery, Param, Result, bind_params, library, run_query

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = library(ROOT / "queries")
NAMES = sorted(LIBRARY)

_answers: dict[tuple[str, tuple[tuple[str, str], ...]], Result] = {}


def answer(graph: Graph, query: str, /, **params: str) -> Result:
    """Run library query ``query`` on the real graph, once per parameter set per session."""
    key = (query, tuple(sorted(params.items())))
    if key not in _answers:
        q = LIBRARY[query]
        _answers[key] = run_query(q.text, bind_params(q, params), graph=graph)
    return _answers[key]


def rows(graph: Graph, query: str, /, **params: str) -> list[dict]:
    return answer(graph, query, **params).rows


def num(term) -> Decimal:
    return Decimal(str(term))


def labels(rs: list[dict], var: str) -> set[str]:
    return {str(r[var]) for r in rs if r[var] is not None}


# -- the library as a whole ---------------------------------------------------------


def test_library_has_at_least_22_kebab_case_queries():
    assert len(LIBRARY) >= 22
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in LIBRARY)


@pytest.mark.parametrize("name", NAMES)
def test_query_header_has_question_returns_and_notes(name):
    header = re.match(r"(?:#.*\n)+", LIBRARY[name].text)
    assert header, f"{name}: no comment header"
    for field in ("# Question:", "# Returns:", "# Notes:"):
        assert field in header.group(0), f"{name}: missing {field}"


@pytest.mark.parametrize("name", NAMES)
def test_query_returns_at_least_one_answer_from_the_real_graph(graph, name):
    result = answer(graph, name)
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None and len(result.graph) > 0
    else:
        assert result.kind == "SELECT" and result.rows


@pytest.mark.parametrize("name", NAMES)
def test_every_returned_variable_is_documented_and_selects_are_ordered(graph, name):
    text = LIBRARY[name].text
    header = re.match(r"(?:#.*\n)+", text).group(0)
    result = answer(graph, name)
    for var in result.variables:
        assert f"?{var}" in header, f"{name}: ?{var} is not under '# Returns:'"
    if result.kind == "SELECT":
        assert re.search(r"^ORDER BY ", text, re.M), f"{name}: results are not ordered"


@pytest.mark.parametrize("name", NAMES)
def test_declared_parameters_are_used_by_the_query(name):
    q = LIBRARY[name]
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    for p in q.params:
        assert re.search(rf"\?{p.name}\b", body), f"{name}: ?{p.name} is declared but unused"


@pytest.mark.parametrize("name", NAMES)
def test_every_quote_returned_is_verbatim_in_its_passage(graph, name):
    result = answer(graph, name)
    if result.graph is not None:  # a CONSTRUCT copies citations: check the copies
        g = result.graph
        cited = [
            (g.value(c, OA.hasSource), g.value(g.value(c, OA.hasSelector), OA.exact))
            for c in set(g.objects(None, PROV.wasDerivedFrom))
        ]
    else:
        default = bind_params(LIBRARY[name], {}).get("passage")
        cited = [(r.get("passage") or default, r["quote"]) for r in result.rows]
    assert cited, f"{name}: no quotes returned"
    for passage, quote in cited:
        assert str(quote) in str(graph.value(passage, RDF.value)), f"{name}: not in {passage}"


# -- the twelve competency questions --------------------------------------------------


def test_pvpt_funders_are_iom_osce_and_the_uk_government(graph):
    # cable p28: "To date, most of its funding has come from IOM, OSCE and the UK government."
    rs = rows(graph, "pvpt-funders")
    funders = {r["funder"] for r in rs if not r["negated"].toPython()}
    assert funders == {KV.iom, KV.osce, KV["uk-government"]}
    # issue 13: labels are the sources' own words (were expansions the sources never use;
    # cable p4 writes "International Organization of Migration (IOM)")
    assert labels([r for r in rs if r["funder"] in funders], "funderLabel") == {
        "International Organization of Migration",
        "OSCE",
        "UK government",
    }
    assert {r["passage"] for r in rs} == {CABLE.p28}
    # together "most", and only together: no per-funder share
    portions = {(r["funding"], str(r["portion"])) for r in rs if r.get("portion") is not None}
    assert portions == {(KV["funding-iom-osce-uk-pvpt-most"], "most")}


def test_pvpt_has_no_government_funding(graph):
    # cable p28: PVPT "currently receives no government funding"; it "was unable to qualify
    # for Ministry of Labor and Social Welfare (MLSW) funding in the last round".
    rs = rows(graph, "pvpt-funders")
    absent = {r["funder"] for r in rs if r["negated"].toPython()}
    assert absent == {TIPV["sector-government"], KV.mlsw}
    assert any("receives no government funding" in str(r["quote"]) for r in rs)


def test_mlsw_gave_hhc_about_191970_euros_282030_dollars_in_2007(graph):
    # cable p27: "about 191,970 euros (282,030 dollars)"
    rs = [r for r in rows(graph, "mlsw-hhc-funding") if r["funding"] == KV["funding-mlsw-hhc-2007"]]
    assert {(num(r["value"]), str(r["currency"])) for r in rs} == {
        (Decimal(191970), "EUR"),
        (Decimal(282030), "USD"),
    }
    assert {str(r["qualifier"]) for r in rs} == {"about"}
    assert {str(r["periodLabel"]) for r in rs} == {"calendar year 2007"}


def test_mlsw_hhc_reporting_period_part_is_about_28750_euros_42240_dollars(graph):
    # cable p27: "approximately 28,750 euros (42,240 dollars) of which was during the reporting period"
    rs = [
        r
        for r in rows(graph, "mlsw-hhc-funding")
        if r["funding"] == KV["funding-mlsw-hhc-reporting-period"]
    ]
    assert {(num(r["value"]), str(r["currency"])) for r in rs} == {
        (Decimal(28750), "EUR"),
        (Decimal(42240), "USD"),
    }
    assert {r["partOf"] for r in rs} == {KV["funding-mlsw-hhc-2007"]}
    assert {r["passage"] for r in rs} == {CABLE.p27}


def test_shelter_closures_with_dates_precision_and_phrases(graph):
    rs = rows(graph, "shelter-closures")
    found = {
        (r["shelter"], r["date"] and str(r["date"]), r["precision"] and str(r["precision"]))
        for r in rs
    }
    assert found == {
        # cable p28: "It closed briefly in early 2007"
        (KV.pvpt, "2007", "part of a year"),
        # cable p28: "It closed again in mid-December 2007"
        (KV.pvpt, "2007-12", "part of a month"),
        # cable p27: "the closure of the Prizren shelter on December 31, 2007"
        (KV["hhc-prizren-shelter"], "2007-12-31", "day"),
        # cable p26: "one closed its doors during the reporting period" (undated)
        (KV["private-shelters"], None, None),
    }
    assert {"early 2007", "mid-December 2007"} <= labels(rs, "phrase")
    assert {r["passage"] for r in rs} == {CABLE.p21, CABLE.p26, CABLE.p27, CABLE.p28}


def test_pvpt_first_closure_gives_rent_location_and_threats_as_reasons(graph):
    # cable p28: "because of insufficient funds to cover its rent and the fact that its
    # location was compromised and staff and residents received threats"
    rs = [
        r
        for r in rows(graph, "shelter-closures")
        if r["event"] == KV["event-pvpt-closure-2007-early"]
    ]
    assert labels(rs, "reason") == {
        "insufficient funds to cover its rent",
        "its location was compromised",
        "staff and residents received threats",
    }


def _victims(rs: list[dict]) -> dict[tuple[str, str | None, str | None], Decimal]:
    return {
        (
            str(r["periodLabel"]),
            r["nationalityLabel"] and str(r["nationalityLabel"]),
            r["categoryLabel"] and str(r["categoryLabel"]),
        ): num(r["value"])
        for r in rs
    }


def test_thbs_identified_32_victims_in_2007_with_their_nationalities(graph):
    # cable p9: "In 2007, KPS THBS identified 32 victims: 18 Kosovars (17 Kosovo Albanians and
    # one Kosovo Serb), nine Albanians, three Moldovans, one Ukrainian and one Macedonian"
    got = {
        k: v
        for k, v in _victims(rows(graph, "thbs-victims-identified")).items()
        if k[0] == "calendar year 2007"
    }
    y = "calendar year 2007"
    assert got == {
        (y, None, None): 32,
        (y, "Kosovo", None): 18,
        (y, "Kosovo", "Kosovo Albanian"): 17,
        (y, "Kosovo", "Kosovo Serb"): 1,
        (y, "Albania", None): 9,
        (y, "Moldova", None): 3,
        (y, "Ukraine", None): 1,
        (y, "Macedonia", None): 1,
    }


def test_thbs_identified_64_victims_in_2006_20_of_them_kosovars(graph):
    # cable p9: "in 2006, they identified 64 victims, 20 of whom were Kosovars"
    got = _victims(rows(graph, "thbs-victims-identified"))
    assert got[("calendar year 2006", None, None)] == 64
    assert got[("calendar year 2006", "Kosovo", None)] == 20


def test_thbs_p5_figure_for_april_2007_to_january_2008_is_kept_beside_p9(graph):
    # cable p5: "For April 1, 2007 through January 21, 2008, the KPS THBS reported 32
    # trafficking victims, 17 of whom were Kosovo Albanians and one of whom was a Kosovo Serb."
    rs = rows(graph, "thbs-victims-identified")
    got = _victims(rs)
    period = "1 April 2007 to 21 January 2008"
    assert got[(period, None, None)] == 32
    assert got[(period, "Kosovo", "Kosovo Albanian")] == 17
    assert got[(period, "Kosovo", "Kosovo Serb")] == 1
    assert {r["passage"] for r in rs} == {CABLE.p5, CABLE.p9}


Y = 12  # the graph stores years of imprisonment as months

# cable p33, PCCK Article 139: two to 12 years (three to 15 if the victim is a minor), seven
# to 20 years plus a fine of up to 500,000 euros for organizing a group, six months to five
# years for negligently facilitating, three months to five years for procuring sexual services
# of a known victim (two to 10 years if under 18); an official: five to 15 years, at least ten
# years for organizing a group, two to seven years for negligent facilitation or procuring
# (five to 12 years if the victim was a minor).
OFFICIAL, MINOR = "perpetrator is an official", "victim is a minor"
ARTICLE_139 = {
    (frozenset(), 2 * Y, 12 * Y),
    (frozenset({MINOR}), 3 * Y, 15 * Y),
    (frozenset(), 7 * Y, 20 * Y),
    (frozenset(), 6, 5 * Y),
    (frozenset(), 3, 5 * Y),
    (frozenset({MINOR}), 2 * Y, 10 * Y),
    (frozenset({OFFICIAL}), 5 * Y, 15 * Y),
    (frozenset({OFFICIAL}), 10 * Y, None),
    (frozenset({OFFICIAL}), 2 * Y, 7 * Y),
    (frozenset({OFFICIAL, MINOR}), 5 * Y, 12 * Y),
}
# cable p36, PCCK Article 140: "one to five years imprisonment ... If the perpetrator is an
# official in the exercise of his or her duties, the punishment is three to seven years".
ARTICLE_140 = {(1 * Y, 5 * Y), (3 * Y, 7 * Y)}


def _ranges(rs: list[dict]) -> set[tuple[frozenset, int, int | None]]:
    by_provision: dict = {}
    for r in rs:
        conditions, _, _ = by_provision.setdefault(
            r["provision"],
            (set(), r["minMonths"] and int(r["minMonths"]), r["maxMonths"] and int(r["maxMonths"])),
        )
        if r["condition"] is not None:
            conditions.add(str(r["condition"]))
    return {(frozenset(c), low, high) for c, low, high in by_provision.values()}


def test_article_139_penalty_ranges_by_condition_in_months(graph):
    assert _ranges(rows(graph, "article-penalties")) == ARTICLE_139


def test_article_139_organising_a_group_carries_a_fine_of_up_to_500000_euros(graph):
    # cable p33: "seven to 20 years plus a fine of up to 500,000 euros for organizing a group"
    fines = {
        (int(r["minMonths"]), num(r["maxFine"]), str(r["fineCurrency"]))
        for r in rows(graph, "article-penalties")
        if r["maxFine"] is not None
    }
    assert fines == {(7 * Y, Decimal(500000), "EUR")}


def test_article_parameter_selects_another_article(graph):
    rs = rows(graph, "article-penalties", article="kv:pcck-art-140")
    assert {(low, high) for _, low, high in _ranges(rs)} == ARTICLE_140
    assert {r["passage"] for r in rs} == {CABLE.p36}


def test_coordination_lead_is_the_national_coordinator_in_the_aogg_with_a_secretariat(graph):
    # cable p17: "The national coordinator for counter-trafficking in the Prime Minister's
    # Advisory office on Good Government (AOGG) has the lead on anti-trafficking work and is
    # supported by a small secretariat"; p29 (coordinating and reporting); p10 (secretariat).
    rs = rows(graph, "coordination-lead")
    assert {r["lead"] for r in rs} == {KV["national-coordinator"]}
    by_aspect: dict[str, set] = {}
    for r in rs:
        by_aspect.setdefault(str(r["aspect"]), set()).add((r["value"], r["passage"]))
    assert {v for v, _ in by_aspect["housed in"]} == {KV.aogg}
    assert {p for _, p in by_aspect["housed in"]} == {CABLE.p17, CABLE.p29}
    assert by_aspect["supported by"] == {
        (KV["coordinator-secretariat"], CABLE.p10),
        (KV["coordinator-secretariat"], CABLE.p17),
    }
    assert Literal("has the lead on anti-trafficking work") in {v for v, _ in by_aspect["mandate"]}


def test_working_group_has_four_sub_working_groups(graph):
    # cable p18: "sub-working groups on prevention, protection, prosecution, and trafficking
    # in children"; p10: "four other working groups"
    rs = rows(graph, "working-group-subgroups")
    assert labels(rs, "subgroupLabel") == {
        "sub-working group on prevention",
        "sub-working group on protection",
        "sub-working group on prosecution",
        "sub-working group on trafficking in children",
    }
    assert {r["workingGroup"] for r in rs} == {KV["iwg-trafficking"]}
    assert {r["passage"] for r in rs} == {CABLE.p10, CABLE.p18}


def test_victim_statistics_come_from_thbs_vaau_iom_and_the_government(graph):
    rs = rows(graph, "victim-statistics-reporters")
    assert {r["reporter"] for r in rs} == {
        KV["kps-thbs"],  # cable p5, p9
        KV.vaau,  # cable p6
        KV.iom,  # cable p7, p12
        KV["government-of-kosovo"],  # 2009 chapter p5
    }
    totals = {
        (r["reporter"], str(r["periodLabel"]), num(r["value"]))
        for r in rs
        if r["breakdown"] is None
    }
    # cable p6: VAAU "reported assisting 33 victims of trafficking in 2007"
    assert (KV.vaau, "calendar year 2007", 33) in totals
    # 2009 chapter p5: "The government reported it assisted 24 victims in 2008"
    assert (KV["government-of-kosovo"], "calendar year 2008", 24) in totals
    # cable p7: IOM "has assisted 569 mainly international victims of trafficking since 1999"
    assert (KV.iom, "since 1999 (the end is not stated)", 569) in totals


def test_kosovo_cannot_join_interpol_europol_or_seci_because_of_its_status(graph):
    # cable p46: "Kosovo's unique status preventing it from joining international
    # organizations such as Interpol, Europol and the Southeast European Cooperative Initiative"
    rs = rows(graph, "international-bodies-kosovo-cannot-join")
    assert {r["body"] for r in rs} == {KV.interpol, KV.europol, KV.seci}
    assert labels(rs, "reason") == {"Kosovo's unique status"}
    assert {r["passage"] for r in rs} == {CABLE.p46}


def test_judges_and_prosecutors_are_trained_by_kji_us_doj_coe_osce_and_other_ios(graph):
    # cable p45: the Kosovo Judicial Institute (KJI) ... "The United States Department of
    # Justice, Council of Europe, OSCE and other international organizations provide
    # specialized training programs for judges and prosecutors"
    rs = rows(graph, "judicial-trainers")
    assert {r["trainer"] for r in rs} == {
        KV.kji,
        KV["us-doj"],
        KV["council-of-europe"],
        KV.osce,
        KV["international-organisations"],
        KV["training-organizations"],
    }
    assert {r["passage"] for r in rs} == {CABLE.p45}


def _convictions(rs: list[dict]) -> dict[tuple[int, str, str | None], set[Decimal]]:
    out: dict = {}
    for r in rs:
        key = (
            int(r["year"]),
            str(r["measureLabel"]),
            r["categoryLabel"] and str(r["categoryLabel"]),
        )
        out.setdefault(key, set()).add(num(r["value"]))
    return out


def test_convictions_in_2006_2007_and_2008_with_sentences(graph):
    got = _convictions(rows(graph, "convictions-by-year"))
    # cable p34/p41: in 2006 "the Kosovo Judicial Council (KJC) reported that 12 cases
    # resulted in convictions"
    assert got[(2006, "cases resulting in convictions", None)] == {12}
    # cable p34/p41: 2007, "twenty-four convictions. Twenty-two of the convicts received
    # prison sentences; the sentences ranged from one year to 20 years. One person was fined,
    # and one person received a sentence of semi-liberty (parole)."
    assert got[(2007, "convictions", None)] == {24}
    assert got[(2007, "convicted offenders by sentence", "prison sentence")] == {22}
    assert got[(2007, "convicted offenders by sentence", "fine")] == {1}
    assert got[(2007, "convicted offenders by sentence", "semi-liberty (parole)")] == {1}
    assert got[(2007, "shortest sentence", "prison sentence")] == {1}
    assert got[(2007, "longest sentence", "prison sentence")] == {20}
    # 2009 chapter p4: "the conviction of 15 sex trafficking offenders. Sentences for 14
    # offenders exceeded five years and one conviction resulted in a suspended sentence."
    assert got[(2008, "trafficking offenders convicted", "sexual exploitation")] == {15}
    assert got[(2008, "convicted offenders by sentence", "sentence exceeding five years")] == {14}
    assert got[(2008, "convicted offenders by sentence", "suspended sentence")] == {1}


def test_2007_convictions_are_cited_from_both_p34_and_p41(graph):
    rs = [r for r in rows(graph, "convictions-by-year") if str(r["measureLabel"]) == "convictions"]
    assert {r["passage"] for r in rs} == {CABLE.p34, CABLE.p41}


def test_shelter_funders_by_shelter(graph):
    rs = rows(graph, "shelter-funders")
    direct: dict[URIRef, set[URIRef]] = {}
    for r in rs:
        if str(r["route"]) == "direct":
            direct.setdefault(r["shelter"], set()).add(r["funder"])
    assert direct == {
        KV.pvpt: {KV.iom, KV.osce, KV["uk-government"]},  # cable p28
        KV.isf: {KV["government-of-kosovo"]},  # cable p26: "Kosovo government-funded"
        KV["private-shelters"]: {KV["government-of-kosovo"]},  # cable p26
        KV["hhc-pristina-shelter"]: {KV.mlsw},  # cable p27: funds reprogrammed to Pristina
        KV["six-other-shelters-for-minors"]: {KV.mlsw},  # cable p27: 60,374 euros
        # 2009 chapter p5: $64,786 for its official shelter; $158,593 with international donors
        KV["official-shelter-2009"]: {KV["government-of-kosovo"]},
        KV["ngo-run-shelters-2009"]: {KV["government-of-kosovo"], KV["international-donors"]},
    }


def test_hhc_shelters_depend_on_the_mlsw_through_hhc(graph):
    # cable p27: the MLSW gave HHC, "which operates a safe house for minors and a
    # semi-independent living center", about 191,970 euros; 135,000 of it for "HHC's Prizren
    # and Pristina shelters"
    routes = {(r["shelter"], str(r["route"])) for r in rows(graph, "shelter-funders")}
    assert (KV["hhc-safe-house"], "via operator") in routes
    assert (KV["hhc-living-center"], "via operator") in routes
    assert (KV["hhc-prizren-shelter"], "earmarked") in routes


# -- the analyst's follow-up questions ----------------------------------------------


def test_one_way_flow_is_thbs_to_foreign_governments_and_ios(graph):
    # cable p46: KPS THBS "continues to provide requested information to international
    # organizations and foreign governments, but says it does not see a two-way flow"
    rs = rows(graph, "one-way-flows")
    assert {r["flow"] for r in rs} == {KV["flow-thbs-to-foreign-partners-one-way"]}
    assert labels(rs, "toLabel") == {"foreign governments", "international organizations"}


def test_recommendation_links_are_marked_inferred(graph):
    rs = rows(graph, "recommendations-and-problems")
    assert all(r["inferred"].toPython() is True for r in rs)
    # 2009 chapter p3 has seven recommendations
    assert {r["recommendation"] for r in rs} == {
        KV[f"recommendation-2009-{n}"] for n in range(1, 8)
    }
    # "ensure sustained funding and staffing in shelters" answers PVPT's lack of government funding
    pairs = {(r["recommendation"], r["problem"]) for r in rs}
    assert (KV["recommendation-2009-4"], KV["problem-pvpt-no-government-funding"]) in pairs


def test_inferred_links_are_not_asserted_triples(graph):
    for r in rows(graph, "inferred-statements"):
        assert (r["subject"], r["predicate"], r["object"]) not in graph


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # cable p34 and p41 repeat "resulting in twenty-four convictions"
        ("obs-p34-convictions-2007", "obs-p41-convictions-2007"),
        # cable p5 (1 April 2007 - 21 January 2008) and p9 (2007) both give 32 victims
        ("obs-thbs-victims-2007-04-2008-01-total", "obs-thbs-victims-2007-total"),
        # cable p6 (VAAU) and 2009 chapter p5 (the government) both give 33 assisted in 2007
        ("obs-gov-victims-assisted-2007-tip09", "obs-vaau-victims-assisted-2007-total"),
        # cable p7 ("since 1999") and p12 ("between 1999 and December 2007") both give 569
        (
            "obs-iom-victims-assisted-1999-2007-12-total",
            "obs-iom-victims-assisted-since-1999-total",
        ),
    ],
)
def test_overlapping_figures_pair_up_and_agree(graph, first, second):
    pairs = {(r["first"], r["second"]): r["agree"] for r in rows(graph, "overlapping-figures")}
    assert pairs[(KV[first], KV[second])].toPython() is True


def test_overlapping_figures_never_pair_different_breakdowns(graph):
    # cable p9: 17 Kosovo Albanians and one Kosovo Serb are parts of 2007, not rival figures
    pairs = {(r["first"], r["second"]) for r in rows(graph, "overlapping-figures")}
    assert (
        KV["obs-thbs-victims-2007-kosovo-albanian"],
        KV["obs-thbs-victims-2007-kosovo-serb"],
    ) not in pairs


def test_passage_support_of_p28_lists_pvpt_funding_and_closures(graph):
    rs = rows(graph, "passage-support")
    assert {r["passage"] for r in rs} == {CABLE.p28}
    nodes = {r["node"] for r in rs}
    assert {
        KV["funding-government-pvpt-none"],
        KV["funding-iom-pvpt"],
        KV["event-pvpt-closure-2007-12"],
        KV.pvpt,
    } <= nodes


def test_passage_support_takes_a_2009_passage(graph):
    rs = rows(graph, "passage-support", passage="tip09:p3")
    assert {r["passage"] for r in rs} == {TIP09.p3}
    # 2009 chapter p3 lists the seven recommendations
    assert {KV[f"recommendation-2009-{n}"] for n in range(1, 8)} <= {r["node"] for r in rs}


def test_actor_profile_of_kps_thbs(graph):
    rs = rows(graph, "actor-profile")
    assert {r["actor"] for r in rs} == {KV["kps-thbs"]}
    facts = {(str(r["direction"]), r["predicate"], r["value"]) for r in rs}
    # cable p1: "the Kosovo Police Service (KPS) Trafficking in Human Beings Section (THBS)"
    assert ("about", URIRef(PREFIXES["org"] + "subOrganizationOf"), KV.kps) in facts
    # cable p9: "In 2007, KPS THBS identified 32 victims"
    assert ("role", TIP.reportedBy, KV["obs-thbs-victims-2007-total"]) in facts
    # cable p46: the one-way flow
    assert ("role", TIP["from"], KV["flow-thbs-to-foreign-partners-one-way"]) in facts


def test_actor_neighbourhood_is_a_graph_around_the_actor(graph):
    result = answer(graph, "actor-neighbourhood")
    assert result.kind == "CONSTRUCT" and result.graph is not None
    g = result.graph
    assert (KV["flow-thbs-to-foreign-partners-one-way"], TIP["from"], KV["kps-thbs"]) in g
    # issue 13: the label is the sources' own "KPS THBS"
    assert (KV["kps-thbs"], RDFS.label, Literal("KPS THBS")) in g
    # the other party of cable p1's close cooperation, with its label
    assert (KV["coop-thbs-kspo"], TIP.party, KV.kspo) in g
    assert (KV.kspo, RDFS.label, None) in g


@pytest.mark.parametrize(
    ("name", "actor"),
    [("KPS THBS", KV["kps-thbs"]), ("PVPT", KV.pvpt), ("MLSW", KV.mlsw), ("Interpol", KV.interpol)],
)
def test_actor_by_name_finds_labels_and_acronyms(graph, name, actor):
    rs = rows(graph, "actor-by-name", name=name)
    assert {r["actor"] for r in rs} == {actor}


def test_timeline_is_in_date_order_and_starts_with_unmik_in_1999(graph):
    dated = [str(r["date"]) for r in rows(graph, "timeline") if r["date"] is not None]
    assert dated == sorted(dated)
    # cable p1: "Kosovo, since 1999, has been administered by ... (UNMIK)"
    assert dated[0] == "1999"


def test_statistics_by_measure_takes_a_measure(graph):
    rs = rows(graph, "statistics-by-measure", measure="tipv:measure-victims-assisted")
    assert labels(rs, "measureLabel") == {"trafficking victims assisted"}
    # cable p6 (33), p7 and p12 (569), 2009 chapter p5 (24 and 33)
    assert {num(r["value"]) for r in rs} >= {33, 569, 24}


def test_stated_absences_include_funding_membership_and_flow(graph):
    nodes = {r["node"] for r in rows(graph, "stated-absences")}
    assert {
        KV["funding-government-pvpt-none"],  # cable p28
        KV["membership-kosovo-interpol-none"],  # cable p46
        KV["flow-thbs-to-foreign-partners-one-way"],  # cable p46
    } <= nodes


# -- parameters cannot change a query's meaning ------------------------------------

# A query whose only job is to hand the parameter back next to one known row.
ECHO = LibraryQuery(
    "echo",
    Path("<test>"),
    "SELECT ?label ?value WHERE { kv:pvpt rdfs:label ?label }",
    "What comes back?",
    (Param("value", "string", None, "any text"),),
)

NASTY = st.sampled_from(
    [
        '"',
        "'",
        '"""',
        "\\",
        "}",
        "{",
        "} UNION { ?s ?p ?o }",
        "\n",
        "\r\n",
        "#",
        "<",
        ">",
        ") } DELETE WHERE { ?s ?p ?o } #",
        "SERVICE <http://127.0.0.1/> {",
        "VALUES ?x { 1 }",
        "FILTER(false)",
        "^^xsd:integer",
        "@en",
        "\t",
        "\u2028",
        "\x00",
    ]
)
TEXT = st.lists(
    st.one_of(NASTY, st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)), max_size=6
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=TEXT)
@example(value='x" } ; SELECT * WHERE { ?s ?p ?o } #')
@example(value="'''\n}\n")
@example(value="a\tb")  # once failed: rdflib's parser turned a raw tab into eight spaces
def test_string_parameter_comes_back_unchanged_and_changes_no_row_count(graph, value):
    result = run_query(ECHO.text, bind_params(ECHO, {"value": value}), graph=graph)
    assert len(result.rows) == 1  # kv:pvpt has one label, whatever the value says
    assert result.rows[0]["value"] == Literal(value)
    assert str(result.rows[0]["value"]) == value


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=TEXT)
def test_name_parameter_of_a_library_query_is_only_ever_a_name(graph, value):
    q = LIBRARY["actor-by-name"]
    result = run_query(q.text, bind_params(q, {"name": value}), graph=graph)
    assert all(r["name"] == Literal(value) for r in result.rows)
    alt_label = URIRef(PREFIXES["skos"] + "altLabel")
    for r in result.rows:  # any row is an actor truly named so, never a broken-out pattern
        named = {(r["actor"], p, Literal(value)) in graph for p in (RDFS.label, alt_label)}
        assert True in named


@pytest.mark.parametrize(
    "value",
    ["kv:pvpt> } UNION { ?s ?p ?o", "<urn:a> <urn:b>", "not an iri", "kv:a b", 'x:"y"', "{}"],
)
def test_iri_parameter_that_is_not_one_iri_is_refused(value):
    with pytest.raises(QueryError, match="not an IRI"):
        bind_params(LIBRARY["passage-support"], {"passage": value})


def test_unknown_parameter_is_refused_with_the_ones_it_takes():
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) actor .*takes: passage"):
        bind_params(LIBRARY["passage-support"], {"actor": "kv:pvpt"})


def test_quoted_default_keeps_its_spaces():
    (param,) = LIBRARY["actor-by-name"].params
    assert (param.kind, param.default) == ("string", "KPS THBS")


# -- the command line: listing and refusing -------------------------------------------


def test_list_shows_every_library_query_with_its_question(query):
    out = query("--list")
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert len(lines) >= 20 and len(lines) == len(LIBRARY)
    for line in lines:
        name, question = line.split(maxsplit=1)
        assert question == LIBRARY[name].question


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-query"], "unknown query 'no-such-query'"),
        (["pvpt-funders", "--param", "oops"], "--param 'oops': expected KEY=VALUE"),
        (["pvpt-funders", "--param", "x=1"], "pvpt-funders: unknown parameter(s) x"),
        (["passage-support", "--param", "passage=kv:p28 }"], "not an IRI"),
        (["SELECT ?s WHERE { ?s"], "malformed query"),
        (["INSERT DATA { kv:a kv:b kv:c }"], "updates (INSERT, DELETE, LOAD, ...) are not run"),
        (["SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE"),
        (["pvpt-funders", "--format", "ttl"], "cannot be written as ttl"),
        (["actor-neighbourhood", "--format", "csv"], "cannot be written as csv"),
        ([], "give a query name"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(query, args, message):
    out = query(*args)
    assert out.exit_code == 2
    assert out.stderr.startswith("tipgraph: error: ") and message in out.stderr
    assert out.stderr.count("\n") == 1 and out.stdout == ""


def test_disagreements_set_both_sides_of_a_comparison_side_by_side(graph):
    # cable p46: KPS THBS "says it does not see a two-way flow of information" — and, in the
    # same paragraph, "the Albanians and Montenegrins helped them with specific information"
    rs = [
        r
        for r in rows(graph, "disagreements")
        if r["comparison"] == KV["comparison-one-way-flow-vs-specific-information"]
    ]
    assert [(str(r["side"]), r["passage"]) for r in rs] == [("A", CABLE.p46), ("B", CABLE.p46)]
    assert "two-way flow of information" in str(rs[0]["quote"])
    assert "specific information" in str(rs[1]["quote"])
    assert {str(r["verdictLabel"]) for r in rs} == {"differ"}


def test_disagreements_keep_the_follow_on_plan_apart_from_the_adopted_strategy(graph):
    # cable p10: "a follow-on plan for 2008 through 2010"; 2009 p6: "in July 2008 it adopted
    # ... an anti-trafficking National Strategy and Action Plan" — not said to be that plan
    rs = [
        r
        for r in rows(graph, "disagreements")
        if r["comparison"] == KV["comparison-follow-on-plan-vs-adopted-strategy"]
    ]
    assert {r["passage"] for r in rs} == {CABLE.p10, TIP09.p6}
    assert {str(r["verdictLabel"]) for r in rs} == {"not comparable"}


# -- issue 13 item 7: offence categories on articles -------------------------------------

# cable p31: "Article 193 on rape. Article 195 on sexual assault. Article 196 on degradation of
# sexual integrity. Article 197 on sexual abuse of persons with mental or emotional disorders or
# disabilities. Article 198 on sexual abuse of persons under the age of 16"; 2009 chapter p4:
# "Kosovo law criminalizes sex and labor trafficking" (no article number given).
SEXUAL_ARTICLES = {"193", "195", "196", "197", "198", "not stated"}
# cable p31: "Article 137 on slavery and forced labor", "Article 183 on violating employment
# rights"; 2009 chapter p4: "sex and labor trafficking".
LABOUR_ARTICLES = {"137", "183", "not stated"}


def test_articles_on_sexual_offenses_are_193_and_195_to_198_and_the_2009_provision(graph):
    rs = rows(graph, "articles-by-offence")
    assert {str(r["number"]) for r in rs} == SEXUAL_ARTICLES
    assert {str(r["categoryLabel"]) for r in rs} == {"sexual offenses"}
    # tip:subject keeps the source's words beside the category (cable p38 for Article 193)
    assert "rape and forcible sexual assault" in {str(r["subject"]) for r in rs}


def test_articles_on_labor_and_on_smuggling(graph):
    labour = rows(graph, "articles-by-offence", category="tipv:offence-category-labour")
    assert {str(r["number"]) for r in labour} == LABOUR_ARTICLES
    # cable p31: "Article 138 on smuggling of migrants" — the only smuggling article
    smuggling = rows(graph, "articles-by-offence", category="tipv:offence-category-smuggling")
    assert {(r["article"], r["passage"]) for r in smuggling} == {(KV["pcck-art-138"], CABLE.p31)}
