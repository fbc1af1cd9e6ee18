"""Comment-only facts: figures, dates and names a comment or label states that no structured
value of its node carries.

``tipgraph coverage`` checks passages against quotes; a fact can still hide in prose: "three
more ... may mean three more female officers" in an ``rdfs:comment``, a year only in a label.
For every node, each mention (:func:`~tipgraph.graph.coverage.find_mentions`) in its
``rdfs:comment`` and ``rdfs:label`` is *carried* when a structured value says it too:

* a number equal to a numeric literal (a number word too, "twenty-four"), a whole digit token
  of a literal ("000128" of "PRISTINA 000128"), a word of a linked concept's label ("more
  than one person"), or years a term in months holds ("five to 15 years" = 60 to 180);
* a day before its month ("12 March 2008") that is the day of a carried ``xsd:date``; a date
  or year that a carried date holds, as precisely as the mention;
* a name or acronym that is, as a whole word, a label of the node or of a node its values
  link to ("KPS THBS's" and "X and Y" read as the names they are made of).

The values are the node's own, through blank nodes and periods, and those of the nodes it
links to one hop away by an object property or names by CURIE in a comment. Quotes and prose
(definitions, descriptions, editorial notes) do not count. Not facts: CURIEs, paragraph
references and the two sources by name ("the 2008 cable"), and "two-way", "a new one". A
mention that cannot be structured says why in an "Unstructured" ``tip:editorialNote`` on its
node quoting the words around it; it is listed with that reason, apart from the gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, QB, RDF, RDFS, SKOS, TIME
from rdflib.term import Node

from ..namespaces import OA, TIP
from .coverage import _MONTH, Mention, find_mentions

__all__ = ["CommentFact", "comment_only", "render_comment_facts"]

_SMALL: tuple[str, ...] = ("zero", "one", "two", "three", "four", "five", "six", "seven")
_SMALL += ("eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen")
_SMALL += ("sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Number words up to ninety-nine, as the sources write them ("twenty-four", "eighteen").
_WORDS = {w: i for i, w in enumerate(_SMALL)} | {t: 20 + 10 * i for i, t in enumerate(_TENS)}
_WORDS |= {
    f"{t}-{u}": 20 + 10 * i + j for i, t in enumerate(_TENS) for j, u in enumerate(_SMALL[1:10], 1)
}
_CURIE = re.compile(r"\b[a-z0-9]+:[\w\-.]+\w")
# References to the sources' own paragraphs ("p46", "paragraphs 34 and 41", "¶28"): citations
# in prose, not facts.
_PARAGRAPHS = re.compile(
    r"(?:\b(?:p|paragraphs?|passages?)\s?|¶\s?)\d+(?:\s?(?:-|\u2013|to|and|,)\s?(?:p|¶)?\d+)*", re.I
)
# The two sources by name ("the 2008 cable", "(2009 report)", "the June 2009 TIP Report"): a
# citation too. Other reports' years ("the 2008 report", "OSCE's 2009 report") stay facts.
_SOURCES = re.compile(
    r"(?<!'s )\b(?:(?:March )?2008 cable|(?:June )?2009 (?:TIP )?(?:[Rr]eport|chapter))\b"
)
# Number words that count nothing: a "two-way flow", "a new one", "the one", "one of them".
_IDIOMS = re.compile(r"\b(?:one|two)-way\b|\b(?:a new|the|which|this) one\b|\bone of\b", re.I)
_TEXT = (RDFS.comment, RDFS.label)
# Prose, quotes and glosses: they say things in words, not as values.
_PROSE = (
    *_TEXT,
    OA.exact,
    TIP.editorialNote,
    TIP.modalityCue,
    SKOS.definition,
    SKOS.scopeNote,
    DCTERMS.description,
)
# A whole run of digits in a literal, as written ("000128" in "PRISTINA 000128").
_TOKEN = re.compile(r"(?<![\w.,])\d+(?![\w]|[.,]\d)")


@dataclass(frozen=True)
class CommentFact:
    """One mention in a node's comment or label that no structured value carries."""

    node: str
    prop: str  # "rdfs:comment" or "rdfs:label"
    kind: str
    text: str
    why: str = ""  # set when an "Unstructured" editorial note on the node says why it stays


def _number(text: str) -> Decimal | None:
    word = text.lower()
    if word in _WORDS:
        return Decimal(_WORDS[word])
    try:
        return Decimal(text.lstrip("$").replace(",", ""))
    except InvalidOperation:
        return None


# Links that are not "what the node is about": its kind, its evidence, the data set every
# observation belongs to (a hub: following it would let one observation carry all the others').
_NOT_LINKS = (RDF.type, PROV.wasDerivedFrom, OA.hasSource, OA.hasSelector, QB.dataSet)
_TIMED = (TIME.hasTime, TIP.validDuring, TIP.refPeriod, TIME.hasBeginning, TIME.hasEnd)


def _values(graph: Graph, node: Node, seen: set[Node] | None = None) -> Iterator[Node]:
    """The node's objects and, through blank nodes and periods, theirs; prose left out."""
    seen = seen if seen is not None else {node}
    for p, o in graph.predicate_objects(node):
        if p in _PROSE:
            continue
        yield o
        timed = isinstance(o, URIRef) and p in _TIMED
        if (isinstance(o, BNode) or timed) and o not in seen and p != OA.hasSource:
            seen.add(o)
            yield from _values(graph, o, seen)


def _linked(graph: Graph, node: Node, text: str) -> set[URIRef]:
    """The nodes one hop away by an object property, and those its comments name by CURIE.

    One hop only: a change's observations, a provision's article, an inference's subject and
    object say what the node is about; two hops reach hubs (an actor, the cable) whose values
    would carry nearly any figure.
    """
    out = {
        o
        for p, o in graph.predicate_objects(node)
        if isinstance(o, URIRef) and p not in _NOT_LINKS and p not in _TIMED
    }
    for curie in _CURIE.findall(text):
        try:
            out.add(graph.namespace_manager.expand_curie(curie))
        except ValueError:
            continue
    return out - {node}


@dataclass
class _Carried:
    """What a node's structured values say: numbers, digit tokens as written, dates, names."""

    numbers: set[Decimal] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def _carried(graph: Graph, node: Node, text: str) -> _Carried:
    c = _Carried()
    values = list(_values(graph, node))
    for other in _linked(graph, node, text):
        values += [other, *_values(graph, other)]
    for o in values:
        if isinstance(o, Literal):
            value = str(o)
            if (n := _number(value)) is not None:
                c.numbers.add(n)
            if re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                c.dates.add(value)
            c.names.add(value)
            c.tokens |= set(_TOKEN.findall(value))
        elif isinstance(o, URIRef):
            labels = {
                str(v)
                for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel)
                for v in graph.objects(o, p)
            }
            c.names |= labels
            if (o, RDF.type, SKOS.Concept) in graph:  # a concept's label is its value
                c.tokens |= {w.lower() for label in labels for w in re.findall(r"[\w-]+", label)}
    c.names |= {str(v) for p in (RDFS.label, SKOS.altLabel) for v in graph.objects(node, p)}
    return c


_MONTH_NAMES = tuple(_MONTH.split("|"))  # the month names find_mentions reads, in order
# A day before its month, as in "12 March 2008" or "21 Jan 2008" (find_mentions reads only the
# month and year as the date, so the day is a number of its own).
_DAY_BEFORE = re.compile(r"\s(?P<month>[A-Z][a-z]{2,8})\.?\s(?P<year>(?:19|20)\d\d)\b")


def _month(word: str) -> int | None:
    return next((i for i, m in enumerate(_MONTH_NAMES, 1) if m.startswith(word[:3])), None)


def _date_carried(mention: str, dates: set[str]) -> bool:
    """A year, month or day as precise as the mention: "December 31, 2007" wants the day."""
    year = re.search(r"(19|20)\d\d", mention)
    if year is None:
        return False
    month = next((i for i, m in enumerate(_MONTH_NAMES, 1) if m in mention), None)
    day = re.search(r"\b(\d{1,2}),", mention)
    want = year.group()
    if month:
        want += f"-{month:02d}" + (f"-{int(day.group(1)):02d}" if day else "")
    return any(d.startswith(want) for d in dates)


def _day_of_date(m: Mention, text: str) -> str | None:
    """The full date a number is the day of ("12" in "12 March 2008" → 2008-03-12), if any."""
    after = _DAY_BEFORE.match(text, m.end)
    if after is None or not m.text.isdigit() or (month := _month(after["month"])) is None:
        return None
    return f"{after['year']}-{month:02d}-{int(m.text):02d}"


# Years of a range or term ("five to 15 years", "12 years"): the data holds them in months.
_YEARS = re.compile(r"(?:\s(?:to|-|or)\s[\w.]+)?\syears?\b")


def _is_carried(m: Mention, text: str, c: _Carried) -> bool:
    if m.kind == "number":
        n = _number(m.text)
        if (n is not None and n in c.numbers) or m.text in c.tokens or m.text.lower() in c.tokens:
            return True
        if n is not None and _YEARS.match(text, m.end) and n * 12 in c.numbers:
            return True
        return (day := _day_of_date(m, text)) is not None and day in c.dates
    if m.kind == "date":
        return _date_carried(m.text, c.dates)
    # "KPS THBS's" is KPS THBS; "Slovakia and Nigeria" are two names, each carried or not.
    # ... and "Ministry of Justice-run" is the Ministry of Justice.
    for text in {m.text, re.sub(r"['\u2019]s\b", "", m.text), re.sub(r"-[a-z]+$", "", m.text)}:
        words = [
            re.compile(rf"(?<!\w){re.escape(p)}(?:s|'s)?(?!\w)")
            for p in re.split(r" and |'s ", text)
        ]
        if all(any(word.search(name) for name in c.names) for word in words):
            return True
    return False


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
            if any((node, RDF.type, t) in graph for t in (TIP.CurationNote, TIP.Passage)):
                continue
            comments = " ".join(str(c) for c in graph.objects(node, RDFS.comment))
            carried = _carried(graph, node, f"{text} {comments}")
            blank = lambda m: " " * len(m.group())  # noqa: E731 - keeps offsets
            plain = str(text)
            for cited in (_CURIE, _PARAGRAPHS, _SOURCES, _IDIOMS):
                plain = cited.sub(blank, plain)
            left = _left(graph, node, plain)
            for m in find_mentions(plain):
                if not _is_carried(m, plain, carried):
                    why = next((w for s, e, w in left if s <= m.start and m.end <= e), "")
                    out.append(CommentFact(node.n3(ns), prop.n3(ns), m.kind, m.text, why))
    return sorted(out, key=lambda f: (bool(f.why), f.node, f.prop, f.text))


_UNSTRUCTURED = "Unstructured (editorial, not in the sources):"


def _left(graph: Graph, node: Node, text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` an "Unstructured" editorial note quotes ('...'), with its Why.

    The note is how a mention that cannot be structured says so: the curator quotes the
    words around it and gives the reason, as a curation note does for a passage.
    """
    spans = []
    for note in map(str, graph.objects(node, TIP.editorialNote)):
        if note.startswith(_UNSTRUCTURED) and "Why:" in note:
            said, why = note[len(_UNSTRUCTURED) :].split("Why:", 1)
            for quote in re.findall(r"'([^']+)'", said):
                at = text.find(quote)
                while at >= 0:
                    spans.append((at, at + len(quote), why.strip()))
                    at = text.find(quote, at + 1)
    return spans


def render_comment_facts(facts: list[CommentFact]) -> str:
    """One line per comment-only mention (those left with a reason last, with it), then counts."""
    lines = [
        f"{f.node:<55} {f.prop:<13} {f.kind:<7} {f.text!r}" + (f"  left: {f.why}" if f.why else "")
        for f in facts
    ]
    gaps = [f for f in facts if not f.why]
    nodes = len({f.node for f in gaps})
    lines.append(
        f"comment-only facts: {len(gaps)} mention(s) in {nodes} node(s);"
        f" {len(facts) - len(gaps)} left unstructured with a reason"
    )
    return "\n".join(lines)
