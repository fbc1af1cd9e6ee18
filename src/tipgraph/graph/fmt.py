"""Canonical Turtle: one stable text for one graph, so diffs stay readable.

rdflib's Turtle serializers order subjects by how often they are referenced,
so adding one reference reshuffles a file. This writer fixes the order:

* the sorted prefix block (only the prefixes the file uses);
* the node describing the file first (an ``owl:Ontology``, or an untyped
  node with a ``dcterms:description``);
* then subjects grouped by kind (their first type, by prefixed name) and
  sorted by IRI within a kind; untyped subjects last;
* ``a`` first, then ``rdfs:label``, then ``skos:definition``, then the other
  predicates alphabetically; one predicate per line; objects sorted;
* a blank node referenced once is written inline (``[ ... ]``, lists as
  ``( ... )``); any other blank node gets a label derived from its content,
  and so does one node of every cycle of blank nodes that nothing written
  leads into (it would otherwise never be written).

``format_file`` parses its canonical text back and refuses it unless it is
the file's graph, so ``tipgraph fmt`` never rewrites a file with fewer triples.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from tipgraph.errors import LoadError
from tipgraph.graph.canon import round_trip
from tipgraph.graph.load import parse_file
from tipgraph.namespaces import PREFIXES

__all__ = ["check_files", "format_file", "serialize"]

_INDENT = "    "
_FIRST = (RDF.type, RDFS.label, SKOS.definition)


class _Writer:
    """Serialises one graph; holds the prefix map and blank-node bookkeeping."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.used: set[str] = set()
        self.refs: dict[BNode, int] = {}
        for _, _, o in graph:
            if isinstance(o, BNode):
                self.refs[o] = self.refs.get(o, 0) + 1
        self.ns = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
        self.labels: dict[BNode, str] = {}
        self.forced: set[BNode] = set()
        self._open_cycles()

    def _open_cycles(self) -> None:
        """Label one node of each blank-node cycle that no written subject leads into."""
        inline = {n for n, count in self.refs.items() if count == 1}
        reached: set[BNode] = set()
        stack: list[Node] = [s for s in set(self.g.subjects()) if s not in inline]
        while True:
            while stack:
                for o in self.g.objects(stack.pop()):
                    if isinstance(o, BNode) and o in inline and o not in reached:
                        reached.add(o)
                        stack.append(o)
            left = inline - reached - self.forced
            if not left:
                return
            first = min(left, key=lambda n: (self.body(n, 1, shallow=True), str(n)))
            self.forced.add(first)
            reached.add(first)
            stack.append(first)

    # -- terms -----------------------------------------------------------
    def iri(self, iri: URIRef) -> str:
        s = str(iri)
        for prefix, ns in self.ns:
            if s.startswith(ns):
                local = s[len(ns) :]
                if local and _safe_local(local):
                    self.used.add(prefix)
                    return f"{prefix}:{local}"
        return f"<{s}>"

    def literal(self, lit: Literal) -> str:
        if "\n" in lit:  # a long string: rdflib's own quoting loses a final '"' after a '\\'
            suffix = f"@{lit.language}" if lit.language else ""
            if lit.datatype is not None:
                suffix = "^^" + self.iri(URIRef(lit.datatype))
            return _long_string(str(lit)) + suffix
        # use_plain writes numbers and booleans bare (191970.0, 27, true) when they round-trip.
        return lit._literal_n3(use_plain=True, qname_callback=self.iri)

    def inline(self, node: BNode) -> bool:
        return self.refs.get(node, 0) == 1 and node not in self.forced

    def term(self, node: Node, depth: int) -> str:
        if isinstance(node, URIRef):
            return "a" if node == RDF.type else self.iri(node)
        if isinstance(node, Literal):
            return self.literal(node)
        assert isinstance(node, BNode)
        if not self.inline(node):
            return self.label(node)
        items = self.as_list(node)
        if items is not None:
            return "( " + " ".join(self.term(i, depth + 1) for i in items) + " )"
        body = self.body(node, depth + 1)
        return "[ " + body.lstrip() + " ]" if body else "[]"

    def label(self, node: BNode) -> str:
        if node not in self.labels:
            digest = hashlib.sha1(self.body(node, 1, shallow=True).encode()).hexdigest()[:12]
            label, n = f"_:b{digest}", 1
            while label in self.labels.values():
                n += 1
                label = f"_:b{digest}x{n}"
            self.labels[node] = label
        return self.labels[node]

    def as_list(self, node: BNode) -> list[Node] | None:
        items: list[Node] = []
        seen: set[Node] = set()
        while node != RDF.nil:
            if not isinstance(node, BNode) or node in seen:
                return None
            seen.add(node)
            preds = set(self.g.predicates(node))
            if preds != {RDF.first, RDF.rest} or len(list(self.g.objects(node, RDF.first))) != 1:
                return None
            if items and not self.inline(node):
                return None
            first = self.g.value(node, RDF.first)
            if first is None:
                return None
            items.append(first)
            node = self.g.value(node, RDF.rest)  # type: ignore[assignment]
        return items

    # -- statements ------------------------------------------------------
    def body(self, subject: Node, depth: int, shallow: bool = False) -> str:
        pad = _INDENT * depth
        preds = sorted(set(self.g.predicates(subject)), key=self.pred_key)
        lines = []
        for p in preds:
            objs = list(self.g.objects(subject, p))
            if shallow:
                rendered = sorted(o.n3() if not isinstance(o, BNode) else "[]" for o in objs)
            else:
                rendered = sorted(self.term(o, depth) for o in objs)
            multiline = any("\n" in r for r in rendered)
            sep = " ,\n" + pad + _INDENT if multiline or len(rendered) > 3 else " , "
            lines.append(f"{pad}{self.term(p, depth)} {sep.join(rendered)}")
        return " ;\n".join(lines)

    def pred_key(self, p: Node) -> tuple[int, str]:
        if p in _FIRST:
            return (_FIRST.index(p), "")
        return (len(_FIRST), self.iri(p) if isinstance(p, URIRef) else str(p))

    def subject_key(self, s: Node) -> tuple[int, str, str]:
        types = sorted(self.iri(t) for t in self.g.objects(s, RDF.type) if isinstance(t, URIRef))
        if OWL.Ontology in set(self.g.objects(s, RDF.type)) or (
            not types and (s, DCTERMS.description, None) in self.g
        ):
            return (0, "", str(s))
        if not types:
            return (3, "", str(s))
        return (1 if isinstance(s, URIRef) else 2, types[0], str(s))

    def statements(self) -> str:
        subjects = {s for s in self.g.subjects() if not (isinstance(s, BNode) and self.inline(s))}
        blocks = []
        for s in sorted(subjects, key=self.subject_key):
            unreferenced = isinstance(s, BNode) and self.refs.get(s, 0) == 0
            head = "[]" if unreferenced else self.term(s, 0)
            body = self.body(s, 1)
            blocks.append(f"{head}\n{body} .\n" if body else f"{head} .\n")
        return "\n".join(blocks)


def _long_string(text: str) -> str:
    """``text`` as a Turtle long string, as rdflib writes one, but always well-formed.

    Backslashes are doubled first, so none is left to escape a quote: a final quote
    must always be escaped, or it runs into the closing triple quote. rdflib skips that
    escape when the character before the quote is a (doubled) backslash, so a text of
    newline, backslash, quote did not parse back (found by tests/graph/test_lossless.py).
    """
    encoded = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if encoded.endswith('"') and not encoded.endswith('\\"\\"\\"'):
        encoded = encoded[:-1] + '\\"'
    return '"""' + encoded.replace("\r", "\\r") + '"""'


def _safe_local(local: str) -> bool:
    """Whether a local name can be written as a prefixed name without escaping."""
    if local[0] in "-." or local[-1] == ".":
        return False
    return all(c.isalnum() or c in "_-." for c in local)


def serialize(graph: Graph) -> str:
    """The canonical Turtle text of ``graph``."""
    writer = _Writer(graph)
    body = writer.statements()
    prefixes = "".join(f"@prefix {p}: <{PREFIXES[p]}> .\n" for p in sorted(writer.used))
    return prefixes + ("\n" if prefixes and body else "") + body


def format_file(path: Path) -> tuple[str, str]:
    """The file's current text and its canonical text."""
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LoadError(f"{path}: cannot read ({exc})") from None
    graph = parse_file(path)
    canonical = serialize(graph)
    round_trip(str(path), canonical, "turtle", graph)  # never rewrite a file with less in it
    return current, canonical


def check_files(paths: Iterable[Path]) -> list[Path]:
    """The files whose text is not canonical."""
    stale = []
    for path in paths:
        current, canonical = format_file(path)
        if current != canonical:
            stale.append(path)
    return stale
