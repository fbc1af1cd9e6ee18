"""Which passages are cited, and which of their figures, dates and names no node captures.

The question: *is anything the two sources state missing from the graph?*
For every passage we list the nodes that cite it (``prov:wasDerivedFrom`` →
``oa:hasSource``) and the *mentions* in its text — numbers (digits and number
words), dates (month names with years, years), acronyms and capitalised
multi-word names — and sort each mention into one of three bins:

* **captured**: a quote citing the passage covers the mention where it stands
  (numbers and dates, so the same "one" or "2007" stated twice counts twice),
  or, for acronyms and names, the name occurs in some quote citing the passage;
* **left out**: a ``tip:CurationNote`` quotes the passage text around the
  mention and says, in ``rdfs:comment``, why the graph does not model it;
* **uncaptured**: neither — a gap to close.

Curation notes are not facts: they neither make a passage cited nor capture.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import PROV, RDFS
from rdflib.term import Node

from tipgraph.graph.sources import CABLE_FILE, Passage, passage_iri
from tipgraph.namespaces import OA, TIP

__all__ = [
    "EXEMPT",
    "Mention",
    "PassageCoverage",
    "classify",
    "coverage",
    "find_mentions",
    "passage_key",
    "render_json",
    "render_table",
]

# Section headings of the cable: titles, not statements, so they need no citation.
EXEMPT = frozenset({"cable:heading1", "cable:heading2"})

_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b(?:(?:early|mid|late)-?\s?)?(?:{_MONTH})(?:\s\d{{1,2}},?)?\s(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d\b"
)
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER = re.compile(
    r"(?<!\w)\$?\d+(?:[.,]\d+)*"
    rf"|\b(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|thousand|million)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_WORD = rf"(?!(?:{_MONTH})\b)(?:[A-Z][A-Za-z]*(?:[-'\u2019][A-Za-z]+)*|[A-Z](?:\.[A-Z])+\.?)"
_NAME = re.compile(rf"{_WORD}(?:\s(?:(?:of|for|and|in|on)\s)*{_WORD})+")
# Capitalised only because they open a sentence.
_NOT_NAME_START = frozenset(
    re.split(
        r"\s+",
        """A According After An Another As At Before Both But By During For Given However If In
        Its Many Moreover Most Nevertheless Notwithstanding On One Only Other Since Some That
        The Their These They This Two Under When While With""",
    )
)


@dataclass(frozen=True)
class Mention:
    """One figure, date or name as it stands in a passage's text (``end`` exclusive)."""

    kind: str  # "number", "date", "acronym" or "name"
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PassageCoverage:
    """What the graph makes of one passage."""

    key: str  # "cable:p27"
    exempt: bool
    nodes: tuple[str, ...]
    captured: tuple[Mention, ...]
    left_out: tuple[tuple[Mention, str], ...]  # with the curation note's reason
    uncaptured: tuple[Mention, ...]


def _names(text: str) -> Iterable[Mention]:
    for m in _NAME.finditer(text):
        words = [(w.start(), w.end()) for w in re.finditer(_WORD, m.group())]
        while words and m.group()[words[0][0] : words[0][1]] in _NOT_NAME_START:
            words.pop(0)
        if len(words) < 2:
            continue
        start, end = m.start() + words[0][0], m.start() + words[-1][1]
        name = text[start:end]
        if not all(w.isupper() for w in name.split() if w[0].isupper()):
            yield Mention("name", name, start, end)


def find_mentions(text: str) -> list[Mention]:
    """The numbers, dates, acronyms and multi-word names in ``text``, in order.

    >>> [m.text for m in find_mentions("In April 2007, IOM helped Twenty-one victims.")]
    ['April 2007', 'IOM', 'Twenty-one']
    """
    dates = [Mention("date", m.group(), m.start(), m.end()) for m in _DATE.finditer(text)]
    taken = [(d.start, d.end) for d in dates]
    numbers = [
        Mention("number", m.group(), m.start(), m.end())
        for m in _NUMBER.finditer(text)
        if not any(s <= m.start() < e for s, e in taken)
    ]
    acronyms = [Mention("acronym", m.group(), m.start(), m.end()) for m in _ACRONYM.finditer(text)]
    found = dates + numbers + acronyms + list(_names(text))
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def _spans(text: str, fragments: Iterable[str]) -> list[tuple[int, int]]:
    """Every place each fragment occurs in ``text``."""
    spans = []
    for fragment in set(fragments):
        at = text.find(fragment)
        while fragment and at >= 0:
            spans.append((at, at + len(fragment)))
            at = text.find(fragment, at + 1)
    return spans


def _covered(m: Mention, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def classify(
    text: str, quotes: Iterable[str], notes: Iterable[tuple[str, str]] = ()
) -> tuple[list[Mention], list[tuple[Mention, str]], list[Mention]]:
    """Sort the mentions of ``text`` into captured, left out (with reason) and uncaptured.

    ``quotes`` are the citing quotes; ``notes`` are (left-out quote, reason) pairs.
    """
    quotes = list(quotes)
    quoted = _spans(text, quotes)
    named = {m.text for q in quotes for m in find_mentions(q) if m.kind in ("acronym", "name")}
    reasons = [(span, why) for quote, why in notes for span in _spans(text, [quote])]
    captured, left_out, uncaptured = [], [], []
    for m in find_mentions(text):
        if _covered(m, quoted) or (m.kind in ("acronym", "name") and m.text in named):
            captured.append(m)
        elif why := next((w for span, w in reasons if _covered(m, [span])), None):
            left_out.append((m, why))
        else:
            uncaptured.append(m)
    return captured, left_out, uncaptured


_CITATIONS = """
SELECT ?node ?source ?exact ?note ?why WHERE {
    ?node prov:wasDerivedFrom ?citation .
    ?citation oa:hasSource ?source ; oa:hasSelector/oa:exact ?exact .
    BIND (EXISTS { ?node a tip:CurationNote } AS ?note)
    OPTIONAL { ?node rdfs:comment ?why . FILTER (EXISTS { ?node a tip:CurationNote }) }
}"""


def passage_key(passage: Passage) -> str:
    """The short name a user types for a passage: ``cable:p27``, ``tip09:p5``."""
    return ("cable:" if passage.document == CABLE_FILE else "tip09:") + passage.key


def coverage(graph: Graph, passages: Sequence[Passage]) -> list[PassageCoverage]:
    """For each passage, in document order: its citing nodes and its sorted mentions."""
    nodes: dict[Node, set[str]] = defaultdict(set)
    quotes: dict[Node, list[str]] = defaultdict(list)
    notes: dict[Node, list[tuple[str, str]]] = defaultdict(list)
    ns = graph.namespace_manager
    for row in graph.query(_CITATIONS, initNs={"oa": OA, "prov": PROV, "rdfs": RDFS, "tip": TIP}):
        node, source, exact, note, why = row  # type: ignore[misc]
        if bool(note):
            notes[source].append((str(exact), str(why)))
        else:
            nodes[source].add(node.n3(ns))
            quotes[source].append(str(exact))
    result = []
    for p in passages:
        iri, key = passage_iri(p), passage_key(p)
        captured, left_out, uncaptured = classify(p.text, quotes[iri], notes[iri])
        result.append(
            PassageCoverage(
                key,
                key in EXEMPT,
                tuple(sorted(nodes[iri])),
                tuple(captured),
                tuple(left_out),
                tuple(uncaptured),
            )
        )
    return result


def _totals(rows: Sequence[PassageCoverage]) -> dict[str, int]:
    counted = [r for r in rows if not r.exempt]
    return {
        "passages": len(counted),
        "passages_cited": sum(1 for r in counted if r.nodes),
        "captured": sum(len(r.captured) for r in counted),
        "left_out": sum(len(r.left_out) for r in counted),
        "uncaptured": sum(len(r.uncaptured) for r in counted),
    }


def _is_gap(row: PassageCoverage) -> bool:
    return not row.exempt and (not row.nodes or bool(row.uncaptured))


def render_table(
    rows: Sequence[PassageCoverage], *, gaps_only: bool = False, show_nodes: bool = False
) -> str:
    """One line per passage, its gaps and left-out mentions indented, then the totals."""
    lines = []
    for r in rows:
        if gaps_only and not _is_gap(r):
            continue
        if r.exempt:
            lines.append(f"{r.key:<16} exempt (section heading)")
            continue
        lines.append(
            f"{r.key:<16} {len(r.nodes):>3} node(s)  {len(r.captured):>3} captured  "
            f"{len(r.left_out):>3} left out  {len(r.uncaptured):>3} uncaptured"
        )
        if not r.nodes:
            lines.append("    NOT CITED by any node")
        lines += [f"    cited by {n}" for n in r.nodes if show_nodes]
        lines += [f"    uncaptured {m.kind}: {m.text!r}" for m in r.uncaptured]
        if not gaps_only:
            lines += [f"    left out {m.kind}: {m.text!r} ({why})" for m, why in r.left_out]
    t = _totals(rows)
    lines.append(
        f"passages cited {t['passages_cited']}/{t['passages']}; mentions captured "
        f"{t['captured']}, left out with reason {t['left_out']}, uncaptured {t['uncaptured']}"
    )
    return "\n".join(lines)


def render_json(rows: Sequence[PassageCoverage], *, gaps_only: bool = False) -> str:
    """The same report as JSON: ``{"passages": [...], "totals": {...}}``."""

    def mention(m: Mention) -> dict[str, object]:
        return {"kind": m.kind, "text": m.text, "start": m.start, "end": m.end}

    passages = [
        {
            "passage": r.key,
            "exempt": r.exempt,
            "nodes": list(r.nodes),
            "captured": [mention(m) for m in r.captured],
            "left_out": [mention(m) | {"reason": why} for m, why in r.left_out],
            "uncaptured": [mention(m) for m in r.uncaptured],
        }
        for r in rows
        if not gaps_only or _is_gap(r)
    ]
    return json.dumps({"passages": passages, "totals": _totals(rows)}, indent=2)
