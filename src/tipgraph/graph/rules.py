"""What no input file may say, checked while loading: broken literals, invented passages.

* A literal whose lexical form is impossible for its datatype
  (``"2008-02-30"^^xsd:date``) has no value; each command used to trip over
  it somewhere else (a timeline, a report, a query's output). A literal
  holding a lone surrogate (``"\\uD800"``) is not Unicode text and cannot be
  written out. Both are refused at load, one line naming the file and node.
* Passages come only from the source documents (``graph.sources``): a data
  file that declares a ``tip:Passage``, or adds text to one, could cite a
  "verbatim" quote from text the sources never held.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from tipgraph.errors import LoadError
from tipgraph.namespaces import PREFIXES, TIP

__all__ = [
    "bad_literal",
    "check_literals",
    "check_passages",
    "literal_error",
    "quiet_literals",
]

_XSD = str(XSD)
_PASSAGE_FACTS = (RDF.value, DCTERMS.isPartOf, TIP.paragraphNumber)


@contextmanager
def quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for every literal it cannot convert; the LoadError says it once."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"\w[\w.-]*(?<!\.)", iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def bad_literal(lexical: str, datatype: str | None) -> str | None:
    """Why this literal is refused, or None."""
    try:
        lexical.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a lone surrogate, which is not a Unicode character"
    if datatype and datatype.startswith(_XSD) and datatype != str(XSD.string):
        with quiet_literals():
            ill = Literal(lexical, datatype=URIRef(datatype)).ill_typed
        if ill:
            return f"{lexical!r} is not a valid {_short(datatype)}"
    return None


def check_literals(path: Path, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    """Refuse the file if any literal in it has no value or is not Unicode text."""
    for s, p, o in triples:
        if isinstance(o, Literal):
            why = bad_literal(str(o), str(o.datatype) if o.datatype else None)
            if why:
                raise literal_error(path, s, p, why)


def literal_error(path: Path, s: Node, p: Node, why: str) -> LoadError:
    """The one line for a refused literal: file, subject, predicate, reason."""
    return LoadError(f"{path}: {_node(s)} {_node(p)}: literal {why}")


def _node(node: Node) -> str:
    return _short(str(node)) if isinstance(node, URIRef) else node.n3()


def check_passages(
    graph: Graph, passages: Graph, origin: Mapping[Any, Path], own: Iterable[Path] = ()
) -> None:
    """Refuse input that declares a passage or gives one text: passages are generated only.

    Only files in ``own`` (whole graphs the user named, with documents of their own) may
    declare passages; none may add to the passages generated from the project's sources.
    """
    allowed = {p.resolve() for p in own}
    for s in graph.subjects(RDF.type, TIP.Passage):
        where = origin.get(s, "input")
        if isinstance(where, Path) and where.resolve() in allowed:
            continue
        raise LoadError(
            f"{where}: {_node(s)}: declares a tip:Passage; passages come only from the "
            "source documents (data/sources)"
        )
    for s in graph.subjects(RDFS.subClassOf, TIP.Passage):
        raise LoadError(
            f"{origin.get(s, 'input')}: {_node(s)}: a subclass of tip:Passage is refused"
        )
    for node in passages.subjects(RDF.type, TIP.Passage):
        for p in _PASSAGE_FACTS:
            if (node, p, None) in graph:
                raise LoadError(
                    f"{origin.get(node, 'input')}: {_node(node)}: states {_node(p)} of a "
                    "passage; passages come only from the source documents (data/sources)"
                )
