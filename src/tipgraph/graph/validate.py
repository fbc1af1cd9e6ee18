"""Validate the graph against the SHACL shapes.

Two engines behind one call: ``turbo`` (pyshacl-turbo, pySHACL's API with
core and SPARQL constraints run in Rust; it reads an Oxigraph store directly)
is the default because it is one to two orders of magnitude faster at scale;
``pyshacl`` is the reference it is tested against (same findings). A report
is a list of ``Finding`` rows — severity, focus node, path, message and the
data file the node was written in — rather than an engine's text, so the CLI,
the tests and later tools can all read it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from tipgraph.errors import QueryError, ValidationError
from tipgraph.graph.load import native_store, parse_file
from tipgraph.safety.checks import check_shapes, named_owner

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Finding", "Report", "load_shapes", "validate"]

ENGINES = ("turbo", "pyshacl")
DEFAULT_ENGINE = "turbo"


@dataclass(frozen=True, order=True)
class Finding:
    """One validation result, located."""

    severity: str  # "Violation", "Warning" or "Info"
    node: str  # the named node the result concerns (a blank node's nearest named owner)
    path: str
    message: str
    file: str


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: conforming means no result of severity Violation."""

    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def load_shapes(paths: tuple[Path, ...]) -> Graph:
    """Parse the shapes files into one shapes graph."""
    shapes = Graph()
    for path in paths:
        parse_file(path, shapes)
    return shapes


def _results(data: Graph, shapes: Graph, engine: str, meta_shacl: bool) -> Graph:
    """The engine's SHACL validation report graph."""
    if engine not in ENGINES:
        known = ", ".join(ENGINES)
        raise ValidationError(f"unknown validation engine {engine!r} (expected one of {known})")
    shacl = importlib.import_module("pyshacl_turbo" if engine == "turbo" else "pyshacl")
    native = native_store(data) if engine == "turbo" else None  # turbo reads Oxigraph itself
    try:
        _, results, _ = shacl.validate(
            data if native is None else native,
            shacl_graph=shapes,
            inference="none",
            meta_shacl=meta_shacl,
            allow_warnings=True,
            allow_infos=True,
            advanced=True,
        )
    except Exception as exc:  # engines report broken shapes with assorted types
        raise ValidationError(f"shapes could not be applied: {_first_line(exc)}") from None
    if not isinstance(results, Graph):  # pyshacl-turbo returns its failure instead
        raise ValidationError(f"shapes could not be applied: {_first_line(results)}")
    return results


def _first_line(problem: object) -> str:
    lines = str(problem).strip().splitlines()
    return lines[0] if lines else type(problem).__name__


def _shorten_iris(graph: Graph, message: str) -> str:
    """Write the IRIs pyshacl puts in messages as prefixed names."""
    return re.sub(r"https?://[^\s,;]+", lambda m: _short(graph, URIRef(m.group(0))), message)


def _short(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return graph.namespace_manager.normalizeUri(node)
    return str(node)


Origin = Mapping[URIRef | BNode, Path] | Mapping[Node, Path]


def validate(
    data: Graph,
    shapes: Graph,
    origin: Origin | Callable[[set[Node]], Origin] | None = None,
    *,
    meta_shacl: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """Validate ``data`` (which already holds the ontology, so class hierarchies apply).

    ``origin`` maps nodes to their files, or is a function that finds the files
    of the nodes the report names (a persistent store keeps no such map).
    """
    try:  # an engine would run a SPARQL constraint's SERVICE / FROM: refuse first
        check_shapes(shapes)
    except QueryError as exc:
        raise ValidationError(f"shapes refused: {exc}") from None
    results = _results(data, shapes, engine, meta_shacl)
    owned = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        owned.append((result, named_owner(data, focus) if focus is not None else None))
    if callable(origin):
        origin = origin({owner for _, owner in owned if owner is not None})
    origin = origin or {}
    findings = []
    for result, owner in owned:
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage) or "constraint not met"
        file = origin.get(owner) if owner is not None else None  # type: ignore[call-overload]
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                node=_short(data, owner),
                path=_short(data, path) if isinstance(path, URIRef) else "",
                message=_shorten_iris(data, " ".join(str(message).split())),
                file=str(file) if file else "",
            )
        )
    return Report(tuple(sorted(set(findings))))
