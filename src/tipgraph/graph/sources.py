"""The two source documents: OCR repair, paragraph splitting, and passage nodes.

Quotes in ``data/`` are checked against the *normalised* paragraph text made
here, so the normaliser is deliberately small and predictable: collapse
whitespace, drop page-break lines, and undo the OCR slips listed in
``OCR_FIXES`` — nothing that could change a figure or a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from tipgraph.errors import LoadError
from tipgraph.namespaces import DOC, TIP

__all__ = [
    "CABLE_FILE",
    "CHAPTER_FILE",
    "OCR_FIXES",
    "Passage",
    "normalise",
    "passages_graph",
    "split_cable",
    "split_chapter",
    "split_paragraphs",
]

CABLE_FILE = "cable-2008-03-12-pristina-000128.txt"
CHAPTER_FILE = "tip-report-2009-kosovo.txt"
CABLE_PARAGRAPHS = 47

# Literal OCR slips seen in the cable, each with its repair. Order matters only
# where one pattern contains another (none do).
OCR_FIXES: tuple[tuple[str, str], ...] = (
    (r"\blOM\b", "IOM"),
    (r"\bKSPQ\b", "KSPO"),
    (r"\bQffice\b", "Office"),
    (r"\bUSQP\b", "USOP"),
    (r"\b(Kosovo|Prosecutor|HHC|MLSW), ?s\b", r"\1's"),
    (r"\bTHBS ' s\b", "THBS's"),
    (r"\bspecif ic\b", "specific"),
    # a year whose line began with a stray mark: "November\nH2007.", "June 1[2008.", "^2008."
    (r"(?<!\S)(?:H|1\[|\^)((?:19|20)\d\d)\.", r"\1."),
)
_PAGE_BREAK = re.compile(r"^\s*PRISTINA\s+0+128\s+\d{3}\.\d\s+OF\s+\d{3}\s*$", re.MULTILINE)
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w)]) +(?=[.,;:](?:\s|$))")
# A paragraph marker at the start of a line: an OCR'd caret or "1[" / "1L" / "J."
# before the number, whose digits may be split by a space ("1[2  0.").
_MARKER = re.compile(r"^(?:\^|1\[|1L|J\.|)\s*(\d(?: *\d)*)\s*\.(?=\s)", re.MULTILINE)
_SIGNATURE = re.compile(r"\n\s*([A-Z]{3,})\s*$")


@dataclass(frozen=True)
class Passage:
    """One citable unit of a source: a numbered paragraph, or a header or signature block."""

    document: str
    key: str  # "p12", "header", "signature"
    number: int | None
    text: str


def normalise(text: str) -> str:
    """Repair OCR noise and fold all runs of whitespace into single spaces.

    Spaces before punctuation go first, so the repairs see the final spacing
    and a second pass changes nothing ("Kosovo , s" -> "Kosovo's" at once).
    """
    text = _PAGE_BREAK.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub("", " ".join(text.split()))
    for pattern, repl in OCR_FIXES:
        text = re.sub(pattern, repl, text)
    return text


def split_cable(raw: str, *, paragraphs: int = CABLE_PARAGRAPHS) -> list[Passage]:
    """Split the cable into header, paragraphs 1..47 (by its own markers, in order) and signature.

    Markers are matched in sequence, so a date such as ``1[2008.`` is never
    taken for paragraph 2008: only the next expected number counts.
    ``paragraphs`` exists so property tests can split synthetic cables.
    """
    raw = _PAGE_BREAK.sub("", raw)
    starts: list[tuple[int, int]] = []  # (marker start, text start)
    expected, pos = 1, 0
    while expected <= paragraphs:
        for m in _MARKER.finditer(raw, pos):
            if int(m.group(1).replace(" ", "")) == expected:
                starts.append((m.start(), m.end()))
                pos = m.end()
                break
        else:
            raise LoadError(f"{CABLE_FILE}: paragraph marker {expected} not found")
        expected += 1
    sig = _SIGNATURE.search(raw)
    if sig is None or sig.start() < starts[-1][1]:
        raise LoadError(f"{CABLE_FILE}: signature block not found after paragraph {paragraphs}")
    passages = [Passage(CABLE_FILE, "header", None, normalise(raw[: starts[0][0]]))]
    ends = [s for s, _ in starts[1:]] + [sig.start()]
    headings = 0
    for n, ((_, begin), end) in enumerate(zip(starts, ends, strict=True), start=1):
        body, heading = _split_heading(raw[begin:end])
        passages.append(Passage(CABLE_FILE, f"p{n}", n, body))
        if heading:
            headings += 1
            passages.append(Passage(CABLE_FILE, f"heading{headings}", None, heading))
    passages.append(Passage(CABLE_FILE, "signature", None, normalise(sig.group(1))))
    return passages


def _split_heading(chunk: str) -> tuple[str, str]:
    """Split off a section heading: a short last block with no closing punctuation."""
    blocks = [b for b in re.split(r"\n\s*\n", chunk.strip()) if b.strip()]
    last = normalise(blocks[-1]) if blocks else ""
    if len(blocks) > 1 and len(last) < 100 and not last.endswith((".", ")", ":", ",")):
        return normalise("\n".join(blocks[:-1])), last
    return normalise(chunk), ""


def split_chapter(raw: str) -> list[Passage]:
    """Split the 2009 chapter: the title lines are the header, then paragraphs 1..n in order."""
    blocks = [b for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    header = [b for b in blocks if len(b) < 200 and b.lstrip().startswith(("[", "KOSOVO"))]
    body = [b for b in blocks if b not in header]
    if not header or not body:
        raise LoadError(f"{CHAPTER_FILE}: expected a title block followed by paragraphs")
    passages = [Passage(CHAPTER_FILE, "header", None, normalise(" ".join(header)))]
    passages += [Passage(CHAPTER_FILE, f"p{n}", n, normalise(b)) for n, b in enumerate(body, 1)]
    return passages


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def split_paragraphs(name: str, raw: str) -> list[Passage]:
    """Split a document of any other country: paragraphs 1..n at blank lines.

    The two Kosovo documents have layouts of their own (markers, headings,
    a signature); a new project's documents are cited by plain paragraph.
    """
    blocks = [b for b in re.split(r"\n\s*\n", raw.strip()) if b.strip()]
    return [Passage(name, f"p{n}", n, normalise(b)) for n, b in enumerate(blocks, 1)]


def read_passages(source_dir: Path) -> list[Passage]:
    """Every passage of the documents in ``source_dir``.

    The cable and the 2009 chapter come together (with one, the other is
    missing); any other ``*.txt`` is split by paragraph, so a project started
    by ``tipgraph init`` has no passages until it is given documents.
    """
    if not source_dir.is_dir():
        raise LoadError(f"{source_dir}: cannot read (no such folder)")
    texts = sorted(source_dir.glob("*.txt"))
    own = [t for t in texts if t.name not in (CABLE_FILE, CHAPTER_FILE)]
    passages: list[Passage] = []
    if len(own) < len(texts):
        passages += split_cable(_read(source_dir / CABLE_FILE))
        passages += split_chapter(_read(source_dir / CHAPTER_FILE))
    for path in own:
        passages += split_paragraphs(path.name, _read(path))
    return passages


def passage_iri(passage: Passage) -> URIRef:
    """The IRI of a passage: its document's IRI, a slash and its key (``cable:p27``)."""
    return DOC[f"{passage.document.removesuffix('.txt')}/{passage.key}"]


def passages_graph(source_dir: Path) -> Graph:
    """The passage nodes: document, paragraph number, label and normalised text.

    These are generated from the raw copies at every load rather than stored
    as Turtle, so the text that quotes are checked against has one source.
    """
    g = Graph()
    for p in read_passages(source_dir):
        node = passage_iri(p)
        doc = URIRef(str(node).rsplit("/", 1)[0])
        g.add((node, RDF.type, TIP.Passage))
        g.add((node, DCTERMS.isPartOf, doc))
        g.add((node, RDF.value, Literal(p.text)))
        label = f"paragraph {p.number}" if p.number is not None else p.key
        g.add((node, RDFS.label, Literal(f"{p.document.removesuffix('.txt')}, {label}")))
        if p.number is not None:
            g.add((node, TIP.paragraphNumber, Literal(p.number, datatype=XSD.integer)))
    return g
