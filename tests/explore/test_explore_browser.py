"""The explorer in a real headless Chromium (Debian's), driven by Playwright.

One browser per module; each test opens the page fresh at a deep link and reads
what a person would see. Expected facts come from the source paragraphs by hand
(cited at each assertion). Every request the page makes is recorded: the only
one allowed is the page itself. Skipped, with the reason, where there is no
Chromium or no Playwright.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from tipgraph.explore import render_explorer

CHROMIUM = shutil.which("chromium")
try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no `chromium` binary (Debian: apt-get install chromium)"
    ),
    pytest.mark.skipif(sync_playwright is None, reason="playwright is not installed"),
]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# cable ¶28, verbatim
PVPT_FUNDERS_QUOTE = "To date, most of its funding has come from IOM, OSCE and the UK government."


@pytest.fixture(scope="module")
def explorer(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explore") / "explorer.html"
    path.write_text(render_explorer(graph), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Opened:
    """A page of the explorer, with every request and console error it caused."""

    def __init__(self, browser: Any, base: str, width: int = 1400) -> None:
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page: Page = browser.new_page(viewport={"width": width, "height": 1000})
        self.page.set_default_timeout(10_000)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def go(self, fragment: str) -> Page:
        self.page.goto(self.base + fragment)
        self.page.wait_for_selector("body[data-ready]")
        return self.page

    def offsite(self) -> list[str]:
        return [u for u in self.requests if u.split("#")[0] != self.base]


@pytest.fixture
def opened(browser: Any, explorer: Path) -> Iterator[Opened]:
    o = Opened(browser, explorer.as_uri())
    yield o
    o.page.close()
    assert o.errors == [], o.errors
    assert o.offsite() == [], o.offsite()


def test_actor_link_shows_pvpt_funders_with_the_quote_and_the_absence(opened: Opened) -> None:
    page = opened.go("#actor/pvpt")
    assert page.locator("h1").inner_text() == (
        "Center for Protection and Prevention of Victims of Trafficking in Human Beings"
    )
    funding = page.locator('section[data-kind="funding"]')
    # issue 13: funders' labels are the sources' words (cable p4, p28), not expansions
    for rel, funder in (
        ("kv:funding-iom-pvpt", "International Organization of Migration"),
        ("kv:funding-osce-pvpt", "OSCE"),
        ("kv:funding-uk-government-pvpt", "UK government"),
    ):
        item = funding.locator(f'li[data-id="{rel}"]')
        assert item.locator(".meta a").inner_text() == funder
        assert item.locator("q").inner_text() == PVPT_FUNDERS_QUOTE  # cable ¶28
        assert item.locator("a.cite").inner_text() == "cable ¶28"
        assert item.locator("a.cite").get_attribute("href") == "#passage/cable/28"
    # cable ¶28: "PVPT, currently receives no government funding"
    absent = funding.locator('li.negated[data-id="kv:funding-government-pvpt-none"]')
    assert "stated absence" in absent.inner_text()
    assert "currently receives no government funding" in absent.locator("q").inner_text()
    # cable ¶28: "It closed again in mid-December 2007"
    assert "PVPT closed again" in page.locator('section[data-group="event"]').inner_text()


def test_passage_link_marks_each_quote_and_names_the_facts(opened: Opened) -> None:
    page = opened.go("#passage/cable/28")
    para = page.locator("article.para.focus")
    assert para.get_attribute("data-key") == "cable:p28"
    # the marks citing IOM's funding, read in order, are the quote (other quotes overlap it)
    iom = para.locator('mark[data-facts~="kv:funding-iom-pvpt"]').all_inner_texts()
    assert "".join(iom) == PVPT_FUNDERS_QUOTE
    assert "(SBU)" not in para.locator("mark").all_inner_texts()  # a curation note, no fact
    cited = para.locator("ul.cited-by").inner_text()
    assert "IOM funding of PVPT, to date" in cited and "PVPT closed again" in cited
    assert para.locator("details").get_attribute("open") is not None
    gaps = para.locator(".gaps").inner_text()
    assert "What no fact captures" in gaps
    assert "SBU" in para.locator("ul.left-out").inner_text()  # the "(SBU)" marking, left out
    # every paragraph of the cable is on the page: ¶1-47
    keys = page.locator("article.para").evaluate_all("els => els.map(e => e.dataset.key)")
    assert {f"cable:p{n}" for n in range(1, 48)} <= set(keys)
    page.locator("a.cite, .para h3 a").first.click()  # links stay inside the page
    assert page.url.startswith(opened.base)


def test_search_finds_names_acronyms_laws_and_figures_as_you_type(opened: Opened) -> None:
    page = opened.go("#search/PVPT")
    assert page.locator("ol.results li").first.get_attribute("data-id") == "kv:pvpt"
    box = page.locator("#q")
    box.fill("")
    box.press_sequentially("Article 139")  # cable ¶31: "Article 139 on trafficking in persons"
    assert page.locator("ol.results li").first.get_attribute("data-id") == "kv:pcck-art-139"
    assert page.url.endswith("#search/Article%20139")
    box.fill("corruption cases")  # cable ¶20: "it had submitted 37 corruption cases"
    ids = page.locator("ol.results li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert "kv:obs-aca-corruption-cases-submitted-to-2007-09" in ids
    box.fill("OSCE")
    box.press("Enter")  # opens the first result
    page.wait_for_function("location.hash === '#actor/osce'")
    assert page.locator("h1").inner_text() == "OSCE"  # issue 13: the sources' own name


def _shown(page: Page, relation: str) -> bool:
    return bool(
        page.evaluate(
            "r => window.tipgraphNetwork.cy.edges().filter(e => e.data('rel') === r)"
            ".some(e => !e.hasClass('hidden'))",
            relation,
        )
    )


def _count(page: Page) -> int:
    return int(page.locator("body").get_attribute("data-net-edges") or -1)


def test_network_filters_hide_and_the_slider_changes_it(opened: Opened) -> None:
    page = opened.go("#network")
    page.wait_for_selector("body[data-net-edges]")
    total = _count(page)
    assert total > 100 and _shown(page, "kv:funding-iom-pvpt")
    assert page.locator("#net-status").inner_text().startswith(f"Showing {total} ties")
    page.locator("#f-kind-funding").uncheck()
    assert not _shown(page, "kv:funding-iom-pvpt") and _count(page) < total
    page.locator("#f-kind-funding").check()
    assert _count(page) == total
    page.locator("#f-doc-cable").uncheck()  # cable ¶28 is the only source of IOM's funding
    assert not _shown(page, "kv:funding-iom-pvpt")
    page.locator("#f-doc-cable").check()
    # the as-of slider: IOM's funding "to date" (cable ¶28, March 2008) is over by mid-2008
    page.locator("#asof-all").uncheck()
    page.locator("#asof").evaluate(
        "(el, day) => { el.value = Math.round((Date.parse(day) - Date.UTC(2000, 0, 1)) / 864e5);"
        " el.dispatchEvent(new Event('input')); }",
        "2008-07-01",
    )
    assert page.locator("#asof-day").inner_text() == "2008-07-01"
    assert not _shown(page, "kv:funding-iom-pvpt") and _count(page) < total
    page.locator("#asof").evaluate(
        "(el, day) => { el.value = Math.round((Date.parse(day) - Date.UTC(2000, 0, 1)) / 864e5);"
        " el.dispatchEvent(new Event('input')); }",
        "2008-02-01",
    )
    assert _shown(page, "kv:funding-iom-pvpt")
    # negated ties are drawn dashed: the stated absence of government funding (cable ¶28)
    style = page.evaluate(
        "() => window.tipgraphNetwork.cy.edges().filter(e => e.data('rel') === "
        "'kv:funding-government-pvpt-none')[0].style('line-style')"
    )
    assert style == "dashed"
    # clicking a node opens its page
    page.evaluate(
        "() => { const cy = window.tipgraphNetwork.cy; cy.zoom(3); cy.center(cy.$id('kv:pvpt')); }"
    )
    box = page.locator("#cy").bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("location.hash === '#actor/pvpt'")


def test_disagreements_and_what_ifs(opened: Opened) -> None:
    page = opened.go("#disagreements")
    groups = page.locator("section.disagreement")
    assert groups.count() > 0
    first = groups.first
    assert first.get_attribute("data-kind") == "restatement"  # the kinds in order
    assert first.locator(".card").count() == 2  # side by side
    assert first.locator(".card q").count() >= 2  # each with its quote
    # cable ¶46: "does not see a two-way flow of information" against, in the same
    # paragraph, "helped them with specific information on trafficking cases in Kosovo"
    flow = page.locator(
        'section.disagreement[data-subject="kv:comparison-one-way-flow-vs-specific-information"]'
    )
    assert flow.locator(".badge").inner_text() == "differ"
    cards = flow.locator(".card")
    assert "two-way flow of information" in cards.nth(0).locator("q").inner_text()
    assert "specific information" in cards.nth(1).locator("q").inner_text()
    page = opened.go("#whatif/sector:international")
    # cable ¶28: PVPT's funders IOM, OSCE, UK government are all international/foreign
    item = page.locator('ul.whatif li[data-subject="kv:pvpt"]')
    assert "loses all of its recorded funding" in item.inner_text()
    assert PVPT_FUNDERS_QUOTE in item.locator("q").all_inner_texts()


def test_page_is_usable_at_420_px_and_served_over_http(browser: Any, explorer: Path) -> None:
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(explorer.parent)
    )
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{explorer.name}"
    narrow = Opened(browser, base, width=420)
    try:
        page = narrow.go("#actor/pvpt")
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= 420  # nothing forces a horizontal scroll
        # keyboard: a deep link focuses the page's heading; Tab reaches its first link, Enter
        # follows it
        assert page.evaluate("() => document.activeElement.id") == "page-title"
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert href and href.startswith("#")
        page.keyboard.press("Enter")
        page.wait_for_function("h => location.hash === h", arg=href)
        page = narrow.go("#network")
        page.wait_for_selector("body[data-net-edges]")
        assert _count(page) > 100
    finally:
        narrow.page.close()
        server.shutdown()
        server.server_close()
    assert narrow.errors == []
    assert narrow.offsite() == []


def test_the_request_check_catches_a_request(browser: Any, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/x.png"><body data-ready>')
    o = Opened(browser, control.as_uri())
    try:
        o.go("")
    finally:
        o.page.close()
    assert o.offsite() == ["http://127.0.0.1:9/x.png"]
