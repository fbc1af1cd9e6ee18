"""`tipgraph report`: the findings page, its drawings, its citations, and a real browser.

The page is parsed with ``html.parser`` into a small tree, so each test looks at
one element (a finding is found by its ``data-section`` and ``data-subject``),
not at a substring that could come from anywhere. The browser test opens the
page in headless Chromium over the DevTools protocol on a pipe (no port, no
network) and fails on any console message of level error; a control page with
a broken image and a thrown error shows the check does catch them.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from support import (
    TURTLE_PREFIXES,
    assert_unwritable_output_is_one_line,
    page_under_another_hash_seed,
)
from tipgraph.graph.load import new_graph
from tipgraph.report.document import render_report

ROOT = Path(__file__).resolve().parents[2]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class El:
    """One parsed element: tag, attributes, children (elements and text)."""

    tag: str
    attrs: dict[str, str]
    children: list[El | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, test: Callable[[El], bool] = lambda e: True) -> list[El]:
        found = [self] if test(self) else []
        for c in self.children:
            if isinstance(c, El):
                found += c.all(test)
        return found


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = El(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(El(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert tag in [e.tag for e in self.stack], f"</{tag}> closes nothing"
        while self.stack.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> El:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [tree.root], "unclosed elements"
    return tree.root


def finding(doc: El, section: str, subject: str) -> El:
    """The one element showing a finding of ``section`` about ``subject``."""
    (el,) = doc.all(
        lambda e: e.attrs.get("data-section") == section and e.attrs.get("data-subject") == subject
    )
    return el


def svg(doc: El, name: str) -> El:
    (el,) = doc.all(lambda e: e.tag == "svg" and e.attrs.get("id") == name)
    return el


def edges(drawing: El, style: str) -> set[tuple[str, str]]:
    found = drawing.all(lambda e: e.tag == "g" and e.attrs.get("class") == f"edge {style}")
    return {(e.attrs["data-from"], e.attrs["data-to"]) for e in found}


@pytest.fixture(scope="module")
def html(graph: Graph) -> str:
    return render_report(graph)


@pytest.fixture(scope="module")
def doc(html: str) -> El:
    return parse(html)


def test_page_draws_the_three_networks_and_the_timeline(doc: El) -> None:
    for name in ("funding-network", "coordination-network", "flows-network", "timeline-chart"):
        drawing = svg(doc, name)
        assert drawing.all(lambda e: e.tag == "title"), name  # a caption for screen readers
        assert len(drawing.all(lambda e: e.attrs.get("class") in ("node", "entry"))) >= 10, name


def test_funding_drawing_shows_pvpt_funders_and_the_stated_absence(doc: El) -> None:
    drawing = svg(doc, "funding-network")
    # cable ¶28: "most of its funding has come from IOM, OSCE and the UK government"
    assert {
        ("kv:iom", "kv:pvpt"),
        ("kv:osce", "kv:pvpt"),
        ("kv:uk-government", "kv:pvpt"),
    } <= edges(drawing, "directed")
    # cable ¶28: "PVPT, currently receives no government funding"; MLSW funding "in the last round" failed
    assert {("tipv:sector-government", "kv:pvpt"), ("kv:mlsw", "kv:pvpt")} == edges(
        drawing, "negated"
    )
    legend = drawing.all(lambda e: e.attrs.get("class") == "legend")[0].text()
    assert "stated absence" in legend


def test_pvpt_has_no_government_funding_with_its_citation(doc: El) -> None:
    item = finding(doc, "no-government-funding", "kv:pvpt")
    text = item.text()
    assert "Center for Protection and Prevention of Victims of Trafficking in Human Beings" in text
    # cable ¶28: "The largest shelter for foreign victims of trafficking, PVPT, currently receives no government funding"
    assert "[cable ¶28]" in text
    cited = [
        li
        for li in item.all(lambda e: e.tag == "li")
        if li.all(lambda e: e.tag == "b" and e.text() == "cable ¶28")
    ]
    assert any("currently receives no government funding" in li.text() for li in cited)


def test_kps_thbs_one_way_flow_is_shown_with_its_citation(doc: El) -> None:
    item = finding(doc, "one-way", "kv:flow-thbs-to-foreign-partners-one-way")
    text = item.text()
    # cable ¶46: KPS THBS gives "requested information to international organizations and foreign governments"
    # issue 13: labels are the sources' words, so "KPS THBS" (was a composed full name)
    for words in (
        "KPS THBS →",
        "foreign governments",
        "international organizations",
        "stated by the source",
        "[cable ¶46]",
    ):
        assert words in text
    assert "does not see a two-way flow of information" in text
    drawing = svg(doc, "flows-network")
    stated = {
        ("kv:kps-thbs", "kv:foreign-governments"),
        ("kv:kps-thbs", "kv:international-organisations"),
    }
    assert edges(drawing, "one-way") == stated
    assert (
        "one-way flow, stated by the source"
        in drawing.all(lambda e: e.attrs.get("class") == "legend")[0].text()
    )


@pytest.mark.parametrize(
    ("label", "mark"),
    [
        # cable ¶28: "It closed again in mid-December 2007": a month, drawn as a bar over it
        ("PVPT closed again (mid-December 2007)", "range"),
        # cable ¶27: "the closure of the Prizren shelter on December 31, 2007": a day, a dot
        ("HHC Prizren shelter closed (2007-12-31)", "day"),
        # cable ¶27: "During calendar year 2007, the Ministry ... gave ... HHC": a period
        ("MLSW funding of HHC, calendar year 2007 (calendar year 2007)", "period"),
    ],
)
def test_timeline_draws_each_date_at_its_precision(doc: El, label: str, mark: str) -> None:
    rows = svg(doc, "timeline-chart").all(lambda e: e.attrs.get("class") == "entry")
    (row,) = [r for r in rows if r.all(lambda e: e.tag == "text" and e.text() == label)]
    assert mark in {e.attrs.get("class") for e in row.all()}


def test_disagreements_show_both_sides_with_their_quotes(doc: El) -> None:
    # cable ¶46: KPS THBS "says it does not see a two-way flow of information", and in the
    # same paragraph "the Albanians and Montenegrins helped them with specific information"
    row = finding(doc, "qualitative-tension", "kv:comparison-one-way-flow-vs-specific-information")
    text = row.text()
    assert "does not see a two-way flow of information" in text
    assert "helped them with specific information on trafficking cases" in text
    assert "differ" in text and text.count("[cable ¶46]") >= 2


def test_disagreements_are_grouped_by_kind(doc: El) -> None:
    (section,) = doc.all(lambda e: e.attrs.get("id") == "discrepancies")
    heads = [e.text() for e in section.all(lambda e: e.tag == "h3")]
    # cable ¶41 restates ¶34 and ¶42 restates ¶34's reasons; ¶4 restates ¶3's problems
    assert heads[0] == "Restatements: a passage repeating another, counted once (3)"
    assert len(heads) == 7


def test_every_finding_cites_a_passage_with_a_quote(doc: El) -> None:
    items = doc.all(lambda e: "data-section" in e.attrs)
    assert len(items) > 100
    for item in items:
        quotes = item.all(lambda e: e.tag == "q")
        assert quotes and all(q.text().strip() for q in quotes), item.attrs


def test_page_loads_nothing_from_outside(html: str, doc: El) -> None:
    links = [
        v
        for e in doc.all()
        for k, v in e.attrs.items()
        if k in ("src", "href", "xlink:href", "action")
    ]
    assert links, "the contents links are there"
    assert all(v.startswith("#") for v in links), [v for v in links if not v.startswith("#")]
    assert not doc.all(lambda e: e.tag in ("script", "link", "img", "iframe", "object", "embed"))
    assert "@import" not in html and "url(" not in html.replace("url(#", "")


TINY = (
    TURTLE_PREFIXES
    + """

kv:f a tip:Funding ; rdfs:label "Funding <marquee>moving</marquee>" ;
    tip:funder kv:evil ; tip:recipient kv:shelter ;
    prov:wasDerivedFrom [ oa:hasSource cable:p1 ;
        oa:hasSelector [ oa:exact "a quote </q><script>alert(2)</script>" ] ] .
kv:evil rdfs:label "<script>alert(1)</script>" .
kv:shelter rdfs:label "Shelter & \\"Co\\" <img src=x onerror=alert(3)>" .
"""
)


def test_text_from_the_data_is_escaped() -> None:
    tiny = new_graph()
    tiny.parse(data=TINY, format="turtle")
    html = render_report(tiny)
    doc = parse(html)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert not doc.all(lambda e: e.tag in ("script", "marquee", "img"))
    row = finding(doc, "shares", "kv:shelter")  # the label is shown as text, as written
    assert 'Shelter & "Co" <img src=x onerror=alert(3)>' in row.text()
    assert "<script>alert(1)</script>" in row.text()
    assert "a quote </q><script>alert(2)</script>" in row.all(lambda e: e.tag == "q")[0].text()
    node = svg(doc, "funding-network").all(lambda e: e.attrs.get("data-node") == "kv:evil")
    assert node and node[0].all(lambda e: e.tag == "title")[0].text() == "<script>alert(1)</script>"


def test_cli_writes_the_same_bytes_under_another_hash_seed(html: str, tmp_path: Path) -> None:
    # the module fixture rendered the page in this process
    assert page_under_another_hash_seed("report", tmp_path / "out" / "report.html") == html


def test_unwritable_output_is_one_line_error(tmp_path: Path) -> None:
    assert_unwritable_output_is_one_line("report", tmp_path)


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no `chromium` binary (Debian: apt-get install chromium; `make browser`)",
)


def _open(
    url: str,
    png: Path,
    profile: Path,
    timeout: float = 60.0,
    width: int = 1400,
    probe: str = "",
) -> tuple[list[str], Any]:
    """Load ``url`` in headless Chromium, save a ``width`` x 2400 screenshot.

    Returns the console errors, and the value of the JavaScript expression
    ``probe`` evaluated in the loaded page (None without one).

    Chromium speaks the DevTools protocol on fds 3 (in) and 4 (out) with
    ``--remote-debugging-pipe``: NUL-terminated JSON, no socket at all.
    """
    to_browser, from_us = os.pipe()
    to_us, from_browser = os.pipe()
    # the browser's ends, moved to fds >= 10, which a small Python trampoline (no preexec_fn:
    # pytest may run threads) puts on 3 and 4 before it becomes chromium
    ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]
    for fd in (to_browser, from_browser):
        os.close(fd)
    argv = [
        sys.executable,
        "-c",
        "import os, sys; r, w = map(int, sys.argv[1:3]); os.dup2(r, 3); os.dup2(w, 4); "
        "os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])",
        *map(str, ends),
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={width},2400",
        "--hide-scrollbars",
        "--remote-debugging-pipe",
        "about:blank",
    ]
    proc = subprocess.Popen(
        argv, pass_fds=ends, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for fd in ends:
        os.close(fd)
    deadline = time.monotonic() + timeout
    buffer, events, counter = b"", [], 0

    def receive() -> dict[str, Any]:
        nonlocal buffer
        while b"\0" not in buffer:
            ready, _, _ = select.select([to_us], [], [], max(deadline - time.monotonic(), 0))
            chunk = os.read(to_us, 1 << 16) if ready else b""
            assert chunk, "chromium went silent or quit"
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def call(
        method: str, params: dict[str, Any] | None = None, session: str = ""
    ) -> dict[str, Any]:
        nonlocal counter
        counter += 1
        message: dict[str, Any] = {"id": counter, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(from_us, json.dumps(message).encode() + b"\0")
        while (reply := receive()).get("id") != counter:
            events.append(reply)
        assert "error" not in reply, reply
        return dict(reply.get("result", {}))

    try:
        target = next(t for t in call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        session = call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            call(f"{domain}.enable", session=session)
        viewport = {"width": width, "height": 2400, "deviceScaleFactor": 1, "mobile": False}
        call("Emulation.setDeviceMetricsOverride", viewport, session=session)
        call("Page.navigate", {"url": url}, session=session)
        while not any(e.get("method") == "Page.loadEventFired" for e in events):
            events.append(receive())
        value = None
        if probe:
            found = call("Runtime.evaluate", {"expression": probe, "returnByValue": True}, session)
            value = found["result"].get("value")
        shot = call("Page.captureScreenshot", {"format": "png"}, session=session)
        png.write_bytes(base64.b64decode(shot["data"]))
        call("Browser.close")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(to_us)
        os.close(from_us)
    errors = []
    for e in events:
        p = e.get("params", {})
        if e.get("method") == "Runtime.exceptionThrown":
            errors.append(json.dumps(p["exceptionDetails"].get("exception", p["exceptionDetails"])))
        elif e.get("method") == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
            errors.append(json.dumps(p["args"]))
        elif e.get("method") == "Log.entryAdded" and p["entry"]["level"] == "error":
            errors.append(f"{p['entry']['text']} {p['entry'].get('url', '')}")
    return errors, value


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.browser
@needs_chromium
def test_browser_catches_console_errors_on_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><p>x</p><img src="missing.png"><script>nope();</script>')
    errors, _ = _open(page.as_uri(), tmp_path / "broken.png", tmp_path / "profile")
    assert any("missing.png" in e for e in errors), errors
    assert any("nope" in e for e in errors), errors


@pytest.mark.browser
@needs_chromium
def test_report_opens_in_chromium_without_console_errors(html: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    png = tmp_path / "report.png"
    assert _open(page.as_uri(), png, tmp_path / "profile") == ([], None)
    data = png.read_bytes()
    assert _png_size(data) == (1400, 2400)
    assert len(data) > 100_000  # text, tables and a drawing; a blank page compresses to a few KB


# What a 420-px screen shows: the page's own width, tables outside a scrolling box, and the
# smallest text size of a drawing as drawn (its font size times its scale on screen).
NARROW = """JSON.stringify({
  page: document.documentElement.scrollWidth,
  loose: [...document.querySelectorAll("table")].filter(t => !t.closest(".scroll")).length,
  tables: document.querySelectorAll(".scroll table").length,
  text: Math.min(...[...document.querySelectorAll("figure svg")].map(s =>
    s.getBoundingClientRect().width / s.viewBox.baseVal.width
      * parseFloat(getComputedStyle(s).fontSize))),
})"""


@pytest.mark.browser
@needs_chromium
def test_report_reads_at_420_px(html: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    errors, value = _open(
        page.as_uri(), tmp_path / "narrow.png", tmp_path / "profile", width=420, probe=NARROW
    )
    assert errors == []
    seen = json.loads(value)
    assert seen["page"] <= 420, seen  # no sideways scrolling of the whole page
    assert seen["loose"] == 0 and seen["tables"] >= 4, seen  # tables scroll in their own box
    assert seen["text"] >= 11, seen  # drawings keep their 12-px labels (they scroll instead)


def _reader_text(doc: El) -> str:
    """What a reader sees: every text node but the stylesheet's, whitespace folded."""
    (body,) = doc.all(lambda e: e.tag == "body")
    return " ".join(body.text().split())


def test_counts_and_units_agree_with_their_number(doc: El) -> None:
    text = _reader_text(doc)
    assert "(s)" not in text  # "1 one-way flow(s)", "3 funding(s)"
    assert not re.search(r"\b1 (persons|years|cases|fundings|funders|flows)\b", text)
    # cable ¶34: "One person was fined"; "the sentences ranged from one year to 20 years"
    fined = finding(doc, "statistic-sources", "kv:obs-p34-fined-2007").text()
    assert "(p34): 1 person (calendar year 2007)" in " ".join(fined.split())
    shortest = finding(doc, "statistic-sources", "kv:obs-p34-sentence-min-2007").text()
    assert "(p34): 1 year (calendar year 2007)" in " ".join(shortest.split())


def test_a_total_without_amounts_is_not_about_zero(doc: El) -> None:
    # cable ¶28 names PVPT's international funders (IOM, OSCE, the UK) but no amount, in one
    # sentence that gives them "most" of its funding together: one joint funding (issue 13;
    # was counted as three, one per funder)
    text = _reader_text(doc)
    assert "about 0 USD" not in text
    assert "international: 1 funding from 3 funders; none with an amount" in text


def test_readers_see_labels_not_compact_iris(doc: El) -> None:
    text = _reader_text(doc)
    assert not re.search(r"\b(kv|tip|tipv|doc):[a-z][\w-]*", text), re.findall(
        r"\b(?:kv|tip|tipv|doc):[a-z][\w-]*", text
    )[:5]
