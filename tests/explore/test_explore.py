"""`tipgraph explore`: the explorer's data, its page, and the CLI command (no browser here).

Expected facts are read by hand from the source paragraphs (cited at each
assertion); the browser tests in ``test_explore_browser.py`` check that the page
shows them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from support import (
    TURTLE_PREFIXES,
    assert_unwritable_output_is_one_line,
    page_under_another_hash_seed,
)
from tipgraph.explore import explorer_data, render_explorer
from tipgraph.graph.load import new_graph

# cable ¶28, verbatim
PVPT_FUNDERS_QUOTE = "To date, most of its funding has come from IOM, OSCE and the UK government."


@pytest.fixture(scope="module")
def html(graph: Graph) -> str:
    return render_explorer(graph)


@pytest.fixture(scope="module")
def data(html: str) -> dict[str, Any]:
    """The JSON the page carries, read back from the page itself."""
    found = re.search(r'<script type="application/json" id="tipgraph-data">(.*?)</script>', html)
    assert found
    return dict(json.loads(found.group(1)))


def test_pvpt_funders_and_the_stated_absence_come_from_cable_p28(data: dict[str, Any]) -> None:
    into = [r for r in data["relations"] if r["to"] == ["kv:pvpt"] and r["kind"] == "funding"]
    funders = {s for r in into if not r["negated"] for s in r["from"]}
    # cable ¶28: "most of its funding has come from IOM, OSCE and the UK government"
    assert funders == {"kv:iom", "kv:osce", "kv:uk-government"}
    for r in into:
        if not r["negated"]:
            assert r["cites"] == [["cable:p28", PVPT_FUNDERS_QUOTE]]
    # cable ¶28: "PVPT, currently receives no government funding"
    (absent,) = [r for r in into if r["negated"] and r["from"] == ["tipv:sector-government"]]
    assert "currently receives no government funding" in absent["cites"][0][1]
    assert data["nodes"]["kv:pvpt"]["alt"] == ["PVPT"]
    assert data["nodes"]["kv:pvpt"]["group"] == "actor"


def test_dated_ties_carry_the_days_they_may_cover(data: dict[str, Any]) -> None:
    (iom,) = [r for r in data["relations"] if r["id"] == "kv:funding-iom-pvpt"]
    # cable ¶28 "To date" in a cable of March 2008: the start is not stated
    assert iom["when"]["lo"] == "" and iom["when"]["hi"] == "2008-03-31"


def test_every_passage_is_there_with_what_no_fact_captures(data: dict[str, Any]) -> None:
    passages = {p["key"]: p for p in data["sources"]["passages"]}
    assert {f"cable:p{n}" for n in range(1, 48)} <= set(passages)  # the cable's ¶1-47
    assert any(k.startswith("tip09:p") for k in passages)
    p28 = passages["cable:p28"]
    assert PVPT_FUNDERS_QUOTE in p28["text"]
    # cable ¶28 opens with the portion marking "(SBU)", left out on purpose with a reason
    assert any(m[1] == "SBU" and m[2] for m in p28["leftOut"])


def test_what_ifs_name_who_loses_what(data: dict[str, Any]) -> None:
    # cable ¶28: PVPT's recorded funders are IOM, OSCE and the UK government: all international
    # or foreign-government, so without every international funder PVPT loses all of it
    lost = data["analyses"]["whatIf"]["sector:international"]
    (pvpt,) = [f for f in lost if f["subject"] == "kv:pvpt"]
    assert pvpt["data"]["loses"] == "all"
    alone = data["analyses"]["whatIf"]["funder:kv:iom"]
    assert not [f for f in alone if f["subject"] == "kv:pvpt"]  # a third of it only


def test_page_forbids_every_request_and_links_nothing(html: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp and csp.group(1).startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in csp.group(1).split("style-src")[0]  # scripts by hash only
    tags = re.findall(r"<(link|img|iframe|object|embed)\b", html)
    assert tags == []
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert "cytoscape" in html and "The Cytoscape Consortium" in html  # vendored with its licence


TINY = (
    TURTLE_PREFIXES
    + """
kv:evil a tip:NGO ; rdfs:label "</script><script>alert(1)</script>" ;
    prov:wasDerivedFrom [ oa:hasSource cable:p1 ;
        oa:hasSelector [ oa:exact "<!-- a quote & </SCRIPT>" ] ] .
"""
)


def test_text_from_the_data_cannot_close_the_data_script() -> None:
    tiny = new_graph()
    tiny.parse(data=TINY, format="turtle")
    html = render_explorer(tiny)
    blob = html.split('id="tipgraph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in blob and ">" not in blob
    node = json.loads(blob)["nodes"]["kv:evil"]
    assert node["label"] == "</script><script>alert(1)</script>"
    assert node["cites"] == [["cable:p1", "<!-- a quote & </SCRIPT>"]]


def test_cli_writes_the_same_bytes_under_another_hash_seed(html: str, tmp_path: Path) -> None:
    # the module fixture rendered the page in this process
    assert page_under_another_hash_seed("explore", tmp_path / "out" / "explorer.html") == html


def test_unwritable_output_is_one_line_error(tmp_path: Path) -> None:
    assert_unwritable_output_is_one_line("explore", tmp_path)


def test_data_is_the_same_for_the_same_graph(graph: Graph, data: dict[str, Any]) -> None:
    assert json.loads(json.dumps(explorer_data(graph), sort_keys=True)) == data
