"""``tipgraph report``: the main findings as one self-contained HTML page, each with its citations.

The page is for a reader, not a program: funding dependency, coordination,
information flows, disagreements and agreements by kind, and the timeline, as lists, tables
and inline SVG drawings, every finding with the passages it rests on and their
verbatim quotes. It works offline (inline CSS and SVG, no script, no external
resource), escapes every text that comes from the data, and two runs give the
same bytes. The answers are the analysis package's; this module chooses what
to show, ``tipgraph.report.page`` lays it out and ``tipgraph.report.drawings`` draws it.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, QB, RDF

from tipgraph.analysis import (
    Analysis,
    Citation,
    Finding,
    coordination,
    discrepancies,
    flows,
    funding,
    relations,
    timeline,
)
from tipgraph.analysis.terms import counted, curie, expand, label_of
from tipgraph.graph.export import atomic_write
from tipgraph.namespaces import PREFIXES, TIP
from tipgraph.report import page
from tipgraph.report.drawings import (
    coordination_drawing,
    flows_drawing,
    funding_drawing,
    timeline_drawing,
)

__all__ = ["TITLE", "render_report", "write_report"]

TITLE = "Kosovo's counter-trafficking system: who funds, coordinates with and reports to whom"
_SECTIONS = {
    "funding": "1. Funding dependency",
    "coordination": "2. Coordination",
    "flows": "3. Information flows",
    "discrepancies": "4. Disagreements and agreements",
    "timeline": "5. Timeline",
}
Rows = list[tuple[Finding, list[str]]]


def _header(graph: Graph, glance: list[str]) -> str:
    """What the graph is built from, the headline findings, and the contents."""
    docs: dict[str, list[str]] = {}
    for passage in sorted(graph.subjects(RDF.type, TIP.Passage), key=str):
        if (doc := graph.value(passage, DCTERMS.isPartOf)) is not None:
            title = graph.value(doc, DCTERMS.title)
            text = label_of(graph, doc) + (f" ({title})" if title else "")
            docs.setdefault(curie(passage).partition(":")[0], [text]).append(curie(passage))
    items = "".join(
        f"<li><b>{escape(k)}</b>: {escape(v[0])}, {len(v) - 1} passages</li>"
        for k, v in sorted(docs.items())
    )
    counts = (
        f"{len(graph):,} triples, {len(relations(graph)):,} relations, "
        f"{len(set(graph.subjects(RDF.type, QB.Observation))):,} figures, "
        f"{len(timeline.entries(graph)):,} timed entries"
    )
    toc = "".join(f'<li><a href="#{k}">{escape(t[3:])}</a></li>' for k, t in _SECTIONS.items())
    points = "".join(f"<li>{g}</li>" for g in glance)
    return (
        f"<header><h1>{escape(TITLE)}</h1><p>Findings of the <b>tipgraph</b> knowledge graph "
        f"({escape(counts)}), built from two public documents and cited by passage "
        f'(¶ = paragraph):</p><ul>{items}</ul><p class="muted">Each finding names the '
        "passages it rests on: open a citation to read the source's own words. Hover over a "
        "drawing's nodes and edges for full names and evidence.</p>"
        f'<div class="glance"><h3>At a glance</h3><ul>{points}</ul></div>'
        f"<nav><b>Contents</b><ol>{toc}</ol></nav></header>"
    )


def _glance(results: dict[str, Analysis]) -> list[str]:
    """A few headline findings (HTML), each linking to its section."""
    fund, coord, flow, disc = (results[k] for k in _SECTIONS if k != "timeline")
    no_gov = ", ".join(f.label for f in fund.section("no-government-funding")) or "none"
    stated = [f for f in flow.section("one-way") if f.data.get("stated")]
    differ = [f for f in disc.findings if f.data.get("verdict") == "differ"]
    brokers = ", ".join(f.label for f in coord.section("brokers")[:3]) or "none"
    return [
        f'<a href="#funding">Funding</a>: no government funder recorded for {escape(no_gov)}; '
        f"{len(fund.section('single-source'))} recipients depend on a single funder.",
        f'<a href="#coordination">Coordination</a>: the main brokers are {escape(brokers)}.',
        f'<a href="#flows">Information flows</a>: {counted(len(stated), "one-way flow")} '
        f"stated by the source: {escape('; '.join(f.text for f in stated) or 'none')}.",
        f'<a href="#discrepancies">Disagreements</a>: {len(disc.findings)} agreements and '
        f"disagreements between and within the two documents, {len(differ)} of them differing.",
    ]


_CURIE = re.compile(rf"\b(?:{'|'.join(PREFIXES)}):[A-Za-z][\w-]*")


def _readable(graph: Graph, text: str) -> str:
    """Text for readers: each compact IRI in it (``kv:obs-p41-fined-2007``) by its label."""
    return _CURIE.sub(lambda m: label_of(graph, expand(m.group(0))), text)


def _section(
    graph: Graph, key: str, result: Analysis, drawing: str, parts: list[tuple[str, str]]
) -> str:
    notes = [_readable(graph, n) for n in result.notes]
    return page.section(key, _SECTIONS[key], notes, drawing, parts)


def _funding(graph: Graph, result: Analysis) -> str:
    rows: Rows = []
    for f in result.section("shares"):
        shares = sorted(f.data["shares"].items(), key=lambda kv: (-kv[1], kv[0]))
        who = "<br>".join(f"{escape(label_of(graph, expand(k)))} <b>{v:.0%}</b>" for k, v in shares)
        basis = f"amount ({f.data['currency']})" if f.data["basis"] == "amount" else "count"
        one = "yes" if f.data["single_source"] else "no"
        rows.append((f, [escape(f.label), who, escape(basis), f"{f.data['hhi']:.2f}", one]))
    head = ("Recipient", "Funders and shares", "Shares by", "HHI", "One funder")
    what_if = "".join(
        f"<h4>Without every {s} funder</h4>"
        + page.findings(funding.what_if(graph, remove_sector=s))
        for s in ("government", "international")
    )
    absent = result.section("stated-absences")
    by_sector = result.section("sectors") + result.section("exchange-rate")
    return _section(
        graph,
        "funding",
        result,
        funding_drawing(graph),
        [
            ("Funders and shares per recipient", page.table(head, rows)),
            ("No government funding", page.findings(result.section("no-government-funding"))),
            ("Single-source dependency", page.findings(result.section("single-source"))),
            ("Funding the source says is absent", page.findings(absent)),
            ("What if a sector's funders were gone? (recipients losing at least half)", what_if),
            ("Funding by sector", page.findings(by_sector)),
        ],
    )


def _coordination(graph: Graph, result: Analysis) -> str:
    brokers: Rows = []
    for f in result.section("brokers"):
        links = ", ".join(map(str, f.data["communities"]))
        brokers.append((f, [escape(f.label), escape(links), f"{f.data['betweenness']:.3f}"]))
    central: Rows = [
        (f, [escape(f.label), str(f.data["degree"]), f"{f.data['betweenness']:.3f}"])
        for f in result.section("centrality")
    ]
    bridges = result.section("bridges")
    single = [f for f in bridges if f.data["cut_off_size"] <= 1]
    wide = page.findings([f for f in bridges if f not in single])
    cuts = result.section("articulation-points")
    return _section(
        graph,
        "coordination",
        result,
        coordination_drawing(graph),
        [
            (
                "Brokers: actors that link communities",
                page.table(("Actor", "Links", "Betweenness"), brokers),
            ),
            ("Cut points: actors whose absence cuts others off", page.findings(cuts)),
            (
                "Bridges: single ties that hold a group on",
                wide
                + page.more(f"and {len(single)} ties that are the only link of one actor", single),
            ),
            ("Communities", page.findings(result.section("communities"))),
            ("Most central actors", page.table(("Actor", "Degree", "Betweenness"), central)),
            ("Actors with only stated absences of ties", page.findings(result.section("isolated"))),
        ],
    )


def _flows(graph: Graph, result: Analysis) -> str:
    figures = result.section("statistic-sources")
    return _section(
        graph,
        "flows",
        result,
        flows_drawing(graph),
        [
            ("Who reports what to whom", page.findings(result.section("flows"))),
            ("One-way flows", page.findings(result.section("one-way"))),
            ("Paths to the TIP report", page.findings(result.section("paths-to-tip-report"))),
            (
                "Where the figures come from",
                page.more(f"{len(figures)} figures and who reported each", figures),
            ),
        ],
    )


_KIND_TITLES = {
    "restatement": "Restatements: a passage repeating another, counted once",
    "period-or-attribution": "The same measure, another period or another body",
    "related-measures": "Related but different measures: not comparable by definition",
    "arithmetic": "Arithmetic: parts against their totals",
    "law-practice": "Law against practice: sentences against the statutory ranges",
    "across-documents": "Across the two documents: the 2008 cable and the 2009 chapter",
    "qualitative-tension": "Tensions and agreements within a document",
}


_PASSAGE = re.compile(r"\b(?:cable|tip09):(?:p\d+|header)\b")


def _words(graph: Graph, text: str) -> str:
    """A finding's text for readers: passage keys as "cable ¶41", other IRIs by label."""
    return _readable(graph, _PASSAGE.sub(lambda m: page.passage_name(m.group(0)), text))


def _side(graph: Graph, side: dict[str, object]) -> str:
    """One side of a finding: what it says, its passages, and its quotes (folded)."""
    quotes = [
        Citation(str(q["passage"]), str(q["quote"]))
        for q in side["quotes"]  # type: ignore[attr-defined]
    ]
    says = escape(_words(graph, str(side["says"])))
    return f'<div class="fig">{says}<br>{page.cites(quotes)}</div>'


def _discrepancies(graph: Graph, result: Analysis) -> str:
    parts = []
    for kind in discrepancies.KINDS:
        found = result.section(kind)
        rows: Rows = []
        for f in found:
            a, b = f.data["sides"]
            cells = [
                escape(_words(graph, f.label)),
                f'<div class="side">{_side(graph, a)}{_side(graph, b)}</div>',
                escape(f.data["verdict"].replace("-", " ")),
                f'<span class="why">{escape(_words(graph, f.data["why"]))}</span>',
            ]
            rows.append((f, cells))
        head = ("What", "Both sides, their passages and quotes", "Verdict", "Why")
        parts.append((f"{_KIND_TITLES[kind]} ({len(found)})", page.table(head, rows)))
    return _section(graph, "discrepancies", result, "", parts)


def _timeline(graph: Graph, result: Analysis) -> str:
    rows: Rows = [
        (
            f,
            [
                escape(str(f.data["time"]) or "not stated"),
                escape(str(f.data["precision"])),
                escape(f.label),
            ],
        )
        for f in result.findings
    ]
    table = page.table(("When (as the source words it)", "Precision", "What"), rows)
    return _section(
        graph,
        "timeline",
        result,
        timeline_drawing(graph),
        [("Every timed entry, undated last", table)],
    )


def render_report(graph: Graph) -> str:
    """The whole page as one string (the same bytes for the same graph)."""
    results = {
        "funding": funding.analyze(graph),
        "coordination": coordination.analyze(graph),
        "flows": flows.analyze(graph),
        "discrepancies": discrepancies.analyze(graph),
        "timeline": timeline.analyze(graph),
    }
    return page.document(
        TITLE,
        [
            _header(graph, _glance(results)),
            _funding(graph, results["funding"]),
            _coordination(graph, results["coordination"]),
            _flows(graph, results["flows"]),
            _discrepancies(graph, results["discrepancies"]),
            _timeline(graph, results["timeline"]),
        ],
    )


def write_report(graph: Graph, path: Path) -> Path:
    """Render the page and write it atomically to ``path``."""
    atomic_write({path: render_report(graph)})
    return path
