"""Load the ontology, the curated data and the source passages into one graph.

The storage engine is chosen here and only here (``new_graph``), so the
project can move from rdflib's in-memory store to another engine without
touching any other module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef

from .errors import LoadError
from .namespaces import bind
from .sources import passages_graph

__all__ = [
    "FORMATS",
    "Project",
    "default_project",
    "load_project",
    "new_graph",
    "parse_file",
]

FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live."""

    root: Path
    ontology: tuple[Path, ...] = field(default=())
    shapes: tuple[Path, ...] = field(default=())
    data: tuple[Path, ...] = field(default=())
    sources: Path = Path("data/sources")


def default_project(root: Path | None = None) -> Project:
    """The project rooted at ``root`` (default: the checkout this package sits in, else the cwd)."""
    if root is None:
        here = Path(__file__).resolve().parents[2]
        root = here if (here / "ontology").is_dir() else Path.cwd()
    return Project(
        root=root,
        ontology=tuple(sorted((root / "ontology").glob("*.ttl"))),
        shapes=tuple(sorted((root / "shapes").glob("*.ttl"))),
        data=tuple(sorted((root / "data").glob("*.ttl"))),
        sources=root / "data" / "sources",
    )


def new_graph() -> Graph:
    """A fresh, empty graph on the project's storage engine, with the project's prefixes."""
    return bind(Graph())


def _format_for(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise LoadError(f"{path}: unknown RDF file type (expected one of {known})") from None


def _syntax_message(path: Path, exc: Exception) -> str:
    """Reduce a parser's (often multi-line) complaint to ``file:line: what``."""
    line = getattr(exc, "lines", None)  # rdflib's BadSyntax counts lines from 0
    line = line + 1 if isinstance(line, int) else None
    why = getattr(exc, "_why", None) or str(exc)
    if line is None:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
    why = " ".join(str(why).split())
    where = f"{path}:{line}" if line is not None else str(path)
    return f"{where}: {why}"


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file into ``graph`` (a new one if none); any failure is one LoadError line."""
    target = graph if graph is not None else new_graph()
    fmt = _format_for(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    scratch = Graph()
    try:
        scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise LoadError(_syntax_message(path, exc)) from None
    for triple in scratch:
        target.add(triple)
    return target


def load_project(
    project: Project, *, extra: tuple[Path, ...] = ()
) -> tuple[Graph, dict[URIRef | BNode, Path]]:
    """Ontology + data + passages (+ ``extra`` files) in one graph, and each subject's file.

    The origin map lets a validation report name the file a failing node
    was written in.
    """
    graph = new_graph()
    origin: dict[URIRef | BNode, Path] = {}
    for path in (*project.ontology, *project.data, *extra):
        part = parse_file(path)
        for s in part.subjects(unique=True):
            if isinstance(s, URIRef | BNode):
                origin.setdefault(s, path)
        graph += part
    graph += passages_graph(project.sources)
    return graph, origin
