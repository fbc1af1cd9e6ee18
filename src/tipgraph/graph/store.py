"""A persistent graph: an on-disk Oxigraph store, loaded once and opened by many commands.

``create`` bulk-loads the files (Oxigraph's loader writes the indexes straight to
disk without holding the graph in memory) into a sibling directory and renames it
into place only when every file parsed, so a store is either whole or absent.
``open_graph`` opens it read-only (any number of commands may read it at once)
behind the same rdflib API as the embedded graphs, so queries, analyses, exports
and validation run on it unchanged.

Which file a node came from is not kept in the store (one triple per subject
would cost as much as a tenth of the graph, and in the default graph the shapes
would see them): the manifest lists the files, and ``locate`` reads the
unchanged ones again for the few nodes a validation report names.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from tipgraph.errors import LoadError
from tipgraph.graph.load import FORMATS, parse_file
from tipgraph.graph.rules import bad_literal, literal_error
from tipgraph.namespaces import bind

__all__ = ["MANIFEST", "Wrap", "create", "locate", "manifest", "open_graph"]

MANIFEST = "tipgraph-store.json"
_NATIVE = {"turtle": "TURTLE", "nt": "N_TRIPLES"}  # parsed by Oxigraph itself, in Rust

# Wraps a file being read for progress: (binary reader, its size, its name) -> reader.
Wrap = Callable[[IO[bytes], int, str], IO[bytes]]


def _plain(reader: IO[bytes], size: int, name: str) -> IO[bytes]:
    return reader


def _load_one(store: Any, path: Path, wrap: Wrap) -> None:
    """Bulk-load one file; Turtle and N-Triples stream from disk, others pass rdflib's checks."""
    import pyoxigraph as ox

    fmt = FORMATS.get(path.suffix.lower())
    if fmt not in _NATIVE:  # JSON-LD and RDF/XML: refused references and DOCTYPEs, as in load
        data = parse_file(path).serialize(format="nt", encoding="utf-8")
        store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as raw:
            store.bulk_load(
                input=wrap(raw, size, path.name),
                format=getattr(ox.RdfFormat, _NATIVE[fmt]),
                base_iri=path.resolve().as_uri(),
            )
    except SyntaxError as exc:
        line = exc.args[1][1] if len(exc.args) > 1 and exc.args[1] else None
        why = str(exc.args[0]).split(": ", 1)[-1] if exc.args else "syntax error"
        raise LoadError(f"{path}:{line}: {why}" if line else f"{path}: {why}") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _refuse_bad_literals(store: Any, paths: list[Path]) -> None:
    """One line for the first ill-typed literal, as loading through rdflib gives (graph.rules).

    Oxigraph keeps such literals as they are; the query finds them by a failing cast. Only
    then are the files read again, to name the one that holds the literal.
    """
    import pyoxigraph as ox

    text = (resources.files("tipgraph.graph") / "queries" / "bad-literals.rq").read_text("utf-8")
    for row in store.query(text):
        s, p, o = row["s"], row["p"], row["o"]
        needle = f'"{o.value}"'.encode()
        where = next((f for f in paths if needle in f.read_bytes()), Path("input"))
        node: Node = URIRef(s.value) if isinstance(s, ox.NamedNode) else BNode(s.value)
        why = bad_literal(o.value, o.datatype.value) or f"{o.value!r} is not a valid literal"
        raise literal_error(where, node, URIRef(p.value), why)


def _stamp(path: Path) -> dict[str, Any]:
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def create(
    directory: Path, files: Iterable[Path], extra: Graph | None = None, *, wrap: Wrap = _plain
) -> int:
    """Load ``files`` (and the ``extra`` triples, e.g. the passages) into a new store.

    A directory that already holds a tipgraph store is replaced; any other
    non-empty directory is refused rather than overwritten. Returns the triple count.
    """
    import pyoxigraph as ox

    if directory.exists() and any(directory.iterdir()) and not (directory / MANIFEST).exists():
        raise LoadError(f"{directory}: not empty and not a tipgraph store; refusing to replace it")
    paths = list(files)
    for path in paths:  # every file named is readable and known before anything is written
        if path.suffix.lower() not in FORMATS:
            parse_file(path)  # raises the one-line "unknown RDF file type"
        if not path.is_file():
            raise LoadError(f"{path}: cannot read (no such file)")
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(partial))
        for path in paths:
            _load_one(store, path, wrap)
        if extra is not None and len(extra):
            store.bulk_load(
                input=extra.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES
            )
        _refuse_bad_literals(store, paths)
        store.optimize()
        count = len(store)
        store.flush()
        del store
        meta = {"triples": count, "files": [_stamp(p) for p in paths]}
        (partial / MANIFEST).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    except BaseException:
        store = None  # noqa: F841 -- drop the Store (RocksDB writes on close) before rmtree
        gc.collect()
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if directory.exists():
        shutil.rmtree(directory)
    os.replace(partial, directory)
    return count


def manifest(directory: Path) -> dict[str, Any]:
    """What ``create`` recorded: the triple count and each file's path, size and mtime."""
    try:
        meta: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise LoadError(
            f"{directory}: not a tipgraph store (run `tipgraph load --store {directory}` first)"
        ) from None
    return meta


def open_graph(directory: Path) -> Graph:
    """The store behind rdflib's API, read-only: its default graph holds every triple."""
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    manifest(directory)
    try:
        inner = ox.Store.read_only(str(directory))
    except OSError as exc:
        raise LoadError(f"{directory}: cannot open the store ({exc})") from None
    return bind(Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID))


def locate(directory: Path, nodes: set[Node]) -> dict[Node, Path]:
    """The file each of ``nodes`` was first described in (as ``load_files`` would say).

    Reads the store's files again, in load order, stopping once every node is
    found; a file changed since it was loaded is skipped rather than trusted.
    """
    import pyoxigraph as ox

    wanted = {str(n) for n in nodes if isinstance(n, URIRef)}
    found: dict[Node, Path] = {}
    for entry in manifest(directory)["files"]:
        path = Path(entry["path"])
        if not wanted:
            break
        try:
            if _stamp(path) != entry:
                continue
            fmt = FORMATS[path.suffix.lower()]
            if fmt in _NATIVE:
                kind = getattr(ox.RdfFormat, _NATIVE[fmt])
                subjects = (
                    q.subject.value
                    for q in ox.parse(path=path, format=kind, base_iri=path.resolve().as_uri())
                )
            else:
                subjects = (str(s) for s in parse_file(path).subjects(unique=True))
            for s in subjects:
                if s in wanted:
                    wanted.discard(s)
                    found[URIRef(s)] = path
        except (OSError, SyntaxError, LoadError):
            continue
    return found
