"""Expected answers of attribute-exceptions.rq and cable-header.rq, written by hand from cable
p23 and the cable's header and signature (issue 13, items 3 and 4)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from tipgraph.namespaces import CABLE
from tipgraph.sparql.query import Result, library, run_query

LIBRARY = library(Path(__file__).resolve().parents[2] / "queries")


@pytest.fixture(scope="module")
def exceptions(graph: Graph) -> Result:
    return run_query(LIBRARY["attribute-exceptions"].text, graph=graph)


@pytest.fixture(scope="module")
def header(graph: Graph) -> list[dict]:
    return run_query(LIBRARY["cable-header"].text, graph=graph).rows


def test_female_officers_hold_in_every_region_except_gjilan(exceptions):
    # cable p23: "KPS THBS currently has female officers in every region except Gjilan"
    got = [
        tuple(str(r[v]) for v in ("bearerLabel", "attribute", "scopeLabel", "exceptionLabel"))
        for r in exceptions.rows
    ]
    assert got == [("KPS THBS", "female officers", "every region", "Gjilan")]
    (row,) = exceptions.rows
    assert str(row["modalityLabel"]) == "stated"
    assert str(row["timeLabel"]).startswith("currently")
    assert row["passage"] == CABLE.p23


def test_the_cable_went_to_one_action_and_eighteen_information_addressees(header):
    # header: "TO RUEHC/SECSTATE WASHDC IMMEDIATE 8105" and eighteen lines after "INFO", each
    # "... PRIORITY": EUROPEAN POLITICAL COLLECTIVE, six AMEMBASSYs (BELGRADE, BUCHAREST,
    # CHISINAU, SKOPJE, SOFIA, TIRANA), USUN NEW YORK, USEUCOM, JAC MOLESWORTH, AFSOUTH,
    # TF FALCON, DIA, SECDEF, CDR650THMIGP, NSC, DEPT OF JUSTICE, USNIC PRISTINA
    addressees = [r for r in header if str(r["kind"]) == "addressee"]
    assert len(addressees) == 19
    assert Counter((str(r["role"]), str(r["precedence"])) for r in addressees) == {
        ("action addressee", "IMMEDIATE"): 1,
        ("information addressee", "PRIORITY"): 18,
    }
    (action,) = [r for r in addressees if str(r["role"]) == "action addressee"]
    assert (str(action["routing"]), str(action["serial"])) == ("RUEHC", "8105")
    embassies = sorted(str(r["value"]) for r in addressees if "AMEMBASSY" in str(r["value"]))
    assert embassies == [
        "AMEMBASSY BELGRADE",
        "AMEMBASSY BUCHAREST",
        "AMEMBASSY CHISINAU",
        "AMEMBASSY SKOPJE",
        "AMEMBASSY SOFIA",
        "AMEMBASSY TIRANA",
    ]
    serials = {str(r["routing"]): r["serial"] for r in addressees}
    assert str(serials["RUEHBW"]) == "0002"  # "RUEHBW/AMEMBASSY BELGRADE PRIORITY 0002"
    assert serials["RUEHZL"] is None  # "RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY"


def test_classification_tags_reference_and_signer(header):
    by_kind: dict[str, set[str]] = {}
    for r in header:
        if str(r["kind"]) != "addressee":
            by_kind.setdefault(str(r["kind"]), set()).add(str(r["value"]))
    assert by_kind == {
        "classification": {"UNCLAS"},
        "handling": {"SENSITIVE", "SIPDIS"},
        # "TAGS: PGOV KJUS KCRM EAID KDEM UNMIK KV PHUM ELAB KFRD, PREF"
        "tag": {
            "PGOV",
            "KJUS",
            "KCRM",
            "EAID",
            "KDEM",
            "UNMIK",
            "KV",
            "PHUM",
            "ELAB",
            "KFRD",
            "PREF",
        },
        "reference": {"STATE 2731"},
        "date-time group": {"121616Z MAR 08"},
        "E.O. line": {"E.O. 12958: N/A"},
        "signer": {"Kaidanow"},
    }


def test_every_header_row_has_exactly_one_quote(header):
    # a document-level row picks the one citation whose words hold its value
    counts = Counter((str(r["kind"]), str(r["value"]), str(r["routing"])) for r in header)
    assert set(counts.values()) == {1}
    signer = [r for r in header if str(r["kind"]) == "signer"]
    assert [(r["passage"], str(r["quote"])) for r in signer] == [(CABLE.signature, "KAIDANOW")]
