"""Comment-only facts: figures, dates and names a comment or label states that no structured
value of its node carries.

``tipgraph coverage`` checks passages against quotes; a fact can still hide in prose: "three
more ... may mean three more female officers" in an ``rdfs:comment``, a year only in a label.
For every node, each mention (:func:`~tipgraph.graph.coverage.find_mentions`) in its
``rdfs:comment`` and ``rdfs:label`` is *carried* when a structured value says it too: a
number equal to a numeric literal of the node (or of its blank nodes: amounts, instants), a
date or year that one of its dates holds, a name that is the label or alternative label of
a node it links to (or its own). Quotes (``oa:exact``) do not count: a quote is evidence,
not structure. Curation notes are exempt (they say why text is left out); so are CURIEs
(``kv:...``) in a comment, which are links already.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from ..namespaces import OA, TIP
from .coverage import Mention, find_mentions

__all__ = ["CommentFact", "comment_only", "render_comment_facts"]

_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_CURIE = re.compile(r"\b[a-z0-9]+:[\w\-.]+\w")
# References to the sources' own paragraphs ("p46", "paragraphs 34 and 41", "¶28"): citations
# in prose, not facts.
_PARAGRAPHS = re.compile(
    r"(?:\b(?:p|paragraphs?|passages?)\s?|¶\s?)\d+(?:\s?(?:-|\u2013|to|and|,)\s?(?:p|¶)?\d+)*", re.I
)
_TEXT = (RDFS.comment, RDFS.label)


@dataclass(frozen=True)
class CommentFact:
    """One mention in a node's comment or label that no structured value carries."""

    node: str
    prop: str  # "rdfs:comment" or "rdfs:label"
    kind: str
    text: str


def _number(text: str) -> Decimal | None:
    word = text.lower()
    if word in _WORDS:
        return Decimal(_WORDS[word])
    try:
        return Decimal(text.lstrip("$").replace(",", ""))
    except InvalidOperation:
        return None


def _values(graph: Graph, node: Node, seen: set[Node] | None = None) -> Iterator[Node]:
    """The node's objects and, through blank nodes, theirs; quotes and prose left out."""
    seen = seen if seen is not None else {node}
    for p, o in graph.predicate_objects(node):
        if p in (*_TEXT, OA.exact, TIP.editorialNote, TIP.modalityCue):
            continue
        yield o
        timed = isinstance(o, URIRef) and p in (TIME.hasTime, TIP.validDuring, TIP.refPeriod)
        if (isinstance(o, BNode) or timed) and o not in seen and p != OA.hasSource:
            seen.add(o)
            yield from _values(graph, o, seen)


def _carried(graph: Graph, node: Node) -> tuple[set[Decimal], set[str], set[str]]:
    numbers, dates, names = set(), set(), set()
    for o in _values(graph, node):
        if isinstance(o, Literal):
            text = str(o)
            if (n := _number(text)) is not None:
                numbers.add(n)
            if re.fullmatch(r"\d{4}(-\d\d){0,2}", text):
                dates.add(text)
            names.add(text)
        elif isinstance(o, URIRef):
            for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
                names |= {str(v) for v in graph.objects(o, p)}
    names |= {str(v) for p in (RDFS.label, SKOS.altLabel) for v in graph.objects(node, p)}
    return numbers, dates, names


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        1,
    )
}


def _date_carried(mention: str, dates: set[str]) -> bool:
    year = re.search(r"(19|20)\d\d", mention)
    if year is None:
        return False
    month = next((i for m, i in _MONTHS.items() if m in mention), None)
    want = f"{year.group()}-{month:02d}" if month else year.group()
    return any(d.startswith(want) for d in dates)


def _is_carried(m: Mention, numbers: set[Decimal], dates: set[str], names: set[str]) -> bool:
    if m.kind == "number":
        n = _number(m.text)
        return n is not None and n in numbers
    if m.kind == "date":
        return _date_carried(m.text, dates)
    return any(m.text in name for name in names)


def comment_only(graph: Graph) -> list[CommentFact]:
    """Every comment-only mention in the graph's curated nodes, sorted by node."""
    out = []
    ns = graph.namespace_manager
    for prop in _TEXT:
        for node, text in graph.subject_objects(prop):
            if not isinstance(node, URIRef) or not str(node).startswith(
                "https://w3id.org/tipgraph/id/"
            ):
                continue
            if (node, RDF.type, TIP.CurationNote) in graph or (
                node,
                RDF.type,
                TIP.Passage,
            ) in graph:
                continue
            carried = _carried(graph, node)
            blank = lambda m: " " * len(m.group())  # noqa: E731 - keeps offsets
            plain = _PARAGRAPHS.sub(blank, _CURIE.sub(blank, str(text)))
            for m in find_mentions(plain):
                if not _is_carried(m, *carried):
                    out.append(CommentFact(node.n3(ns), prop.n3(ns), m.kind, m.text))
    return sorted(out, key=lambda f: (f.node, f.prop, f.text))


def render_comment_facts(facts: list[CommentFact]) -> str:
    """One line per comment-only mention, then the count."""
    lines = [f"{f.node:<55} {f.prop:<13} {f.kind:<7} {f.text!r}" for f in facts]
    nodes = len({f.node for f in facts})
    lines.append(f"comment-only facts: {len(facts)} mention(s) in {nodes} node(s)")
    return "\n".join(lines)
