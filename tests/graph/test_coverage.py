"""Coverage: which figures, dates and names of each passage the graph captures, leaves out or misses."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

from support import TURTLE_PREFIXES
from tipgraph.cli import main
from tipgraph.graph.coverage import classify, coverage, find_mentions
from tipgraph.graph.sources import CABLE_FILE, Passage, read_passages


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # cable p20: digits and number words
        (
            "There are currently five special prosecutors on staff with plans to add four more. "
            "The KSPO also has 10 legal officers.",
            "number",
            ["five", "four", "10"],
        ),
        # cable p34: hyphenated number words, capitalised at the start of a sentence
        (
            "Twenty-one cases were resolved during the year, resulting in twenty-four convictions.",
            "number",
            ["Twenty-one", "twenty-four"],
        ),
        # cable p7 and p27, 2009 chapter p5: percentages and money
        ("followed by 19.5 percent from Romania", "number", ["19.5"]),
        ("about 191,970 euros (282,030 dollars)", "number", ["191,970", "282,030"]),
        ("provided critical funding totaling $158,593.", "number", ["$158,593"]),
        # cable p1, p28 and p7: full dates, parts of months, bare years
        ("On February 17, 2008 the Kosovo Assembly declared", "date", ["February 17, 2008"]),
        (
            "It closed again in mid-December 2007, and remained closed as of early-February 2008.",
            "date",
            ["mid-December 2007", "early-February 2008"],
        ),
        ("IOM reported that it has assisted 569 mainly international victims", "date", []),
        ("victims of trafficking since 1999.", "date", ["1999"]),
        # cable p10: a year inside a date is not also a number
        ("The KAP expired in December 2006, after having been extended", "number", []),
        # cable p45: acronyms, and multi-word names without the sentence-opening "The"
        (
            "The Kosovo Judicial Institute (KJI), the primary national training organization",
            "acronym",
            ["KJI"],
        ),
        (
            "The United States Department of Justice, Council of Europe, OSCE and other "
            "international organizations",
            "name",
            ["United States Department of Justice", "Council of Europe"],
        ),
        # cable p47: a month between two names splits them
        ("in Sarajevo, Bosnia in November 2007.", "name", []),
    ],
)
def test_find_mentions_by_kind(text, kind, expected):
    assert [m.text for m in find_mentions(text) if m.kind == kind] == expected


# cable p5
P5 = "17 of whom were Kosovo Albanians and one of whom was a Kosovo Serb."


def test_a_number_is_captured_only_where_a_quote_covers_it():
    captured, _, uncaptured = classify(P5, ["17 of whom were Kosovo Albanians"])
    assert [m.text for m in captured] == ["17", "Kosovo Albanians"]
    assert [m.text for m in uncaptured] == ["one", "Kosovo Serb"]


def test_a_name_is_captured_anywhere_in_the_passage_once_a_quote_names_it():
    # cable p1: "KPS THBS" twice; the quote covers only the second
    text = "the KPS THBS and KSPO are cooperating. Police say the KPS THBS and KSPO have begun"
    captured, _, uncaptured = classify(text, ["the KPS THBS and KSPO have begun"])
    assert [m.text for m in captured] == ["KPS", "THBS", "KSPO"] * 2
    assert uncaptured == []


def test_a_left_out_mention_carries_the_reason_and_a_quote_beats_a_note():
    # cable p2
    text = "(SBU) Question 27 (A): Kosovo is a source, transit point and destination"
    notes = [("(SBU)", "marking"), ("Question 27 (A)", "questionnaire"), ("Kosovo is", "x")]
    captured, left_out, uncaptured = classify(text, ["(A): Kosovo is a source"], notes)
    assert [(m.text, why) for m, why in left_out] == [("SBU", "marking"), ("27", "questionnaire")]
    assert captured == [] and uncaptured == []


def test_a_curation_note_neither_cites_nor_captures():
    graph = Graph().parse(
        format="turtle",
        data=TURTLE_PREFIXES
        + """
        kv:fact prov:wasDerivedFrom [ oa:hasSource cable:p5 ;
            oa:hasSelector [ oa:exact "17 of whom were Kosovo Albanians" ] ] .
        kv:note a tip:CurationNote ; rdfs:comment "not modelled here" ;
            prov:wasDerivedFrom [ oa:hasSource cable:p5 ;
                oa:hasSelector [ oa:exact "one of whom was a Kosovo Serb" ] ] .
        """,
    )
    [row] = coverage(graph, [Passage(CABLE_FILE, "p5", 5, P5)])
    assert row.key == "cable:p5" and row.nodes == ("kv:fact",)
    assert [(m.text, why) for m, why in row.left_out] == [
        ("one", "not modelled here"),
        ("Kosovo Serb", "not modelled here"),
    ]
    assert row.uncaptured == ()


@pytest.fixture(scope="module")
def rows(project, graph):
    return {r.key: r for r in coverage(graph, read_passages(project.sources))}


def test_every_passage_but_the_two_cable_headings_is_cited_by_a_fact(rows):
    assert sorted(k for k, r in rows.items() if r.exempt) == ["cable:heading1", "cable:heading2"]
    assert [k for k, r in rows.items() if not r.exempt and not r.nodes] == []
    assert len(rows) == 51 + 7  # cable: header, 47 paragraphs, 2 headings, signature; 2009: 7


def test_no_figure_date_or_name_in_the_sources_is_left_uncaptured(rows):
    gaps = [(k, m.kind, m.text) for k, r in rows.items() if not r.exempt for m in r.uncaptured]
    assert gaps == []


@pytest.mark.parametrize(
    ("key", "text", "bin"),
    [
        ("tip09:p5", "$64,786", "captured"),  # official shelter funding, 2008
        ("cable:p27", "191,970", "captured"),  # MLSW to HHC, 2007
        ("cable:p34", "Twenty-one", "captured"),  # cases resolved in 2007
        ("cable:p9", "Eastern Europe", "captured"),  # victims' origin
        ("cable:p11", "KSPO", "captured"),  # "IOM and the KSPO report that most traffickers ..."
        ("cable:p2", "27", "left_out"),  # "Question 27 (A)"
        ("cable:header", "RUEHAG", "left_out"),  # routing indicator
        ("cable:p46", "SBU", "left_out"),  # portion marking
    ],
)
def test_real_graph_sorts_these_mentions_by_hand(rows, key, text, bin):
    row = rows[key]
    found = {
        "captured": [m.text for m in row.captured],
        "left_out": [m.text for m, _ in row.left_out],
        "uncaptured": [m.text for m in row.uncaptured],
    }
    assert text in found[bin]


def test_cli_json_for_one_passage():
    result = CliRunner().invoke(main, ["coverage", "--format", "json", "--passage", "cable:p11"])
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert [p["passage"] for p in report["passages"]] == ["cable:p11"]
    assert "kv:problem-traffickers-local-men" in report["passages"][0]["nodes"]
    assert report["totals"] == {
        "passages": 1,
        "passages_cited": 1,
        "captured": 4,  # KPS, THBS, IOM, KSPO
        "left_out": 1,  # SBU
        "uncaptured": 0,
    }


def test_cli_table_ends_with_totals_and_unknown_passage_is_one_line_error():
    runner = CliRunner()
    table = runner.invoke(main, ["coverage", "--gaps-only"])
    assert table.exit_code == 0
    assert table.output.splitlines()[-1].startswith("passages cited 56/56; mentions captured ")
    assert table.output.rstrip().endswith("uncaptured 0")
    bad = runner.invoke(main, ["coverage", "--passage", "cable:p99"])
    assert bad.exit_code == 2
    expected = "unknown passage 'cable:p99' (expected e.g. cable:p27, tip09:p5)"
    assert bad.stderr == f"tipgraph: error: {expected}\n"
