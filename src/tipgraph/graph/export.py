"""Write the built graph: canonical Turtle, sorted N-Triples, sorted JSON-LD.

Two builds of the same inputs give byte-identical files: blank nodes get
RDFC-1.0 labels (``tipgraph.graph.canon``), N-Triples lines are sorted,
JSON-LD (``tipgraph.graph.jsonld``: plain terms, citations nested) has its
nodes, keys and arrays sorted (``@list`` arrays keep their order). Every
file is parsed back and proven isomorphic to the graph before anything is
written (``canon.round_trip``); then each is written to a temporary name
beside its target and moved into place only when all of them are complete,
so an interrupted build leaves the previous outputs whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph

from tipgraph.errors import ExportError
from tipgraph.graph.canon import canonical_graph, canonical_ntriples, round_trip
from tipgraph.graph.fmt import serialize
from tipgraph.graph.jsonld import to_jsonld

__all__ = ["OUTPUTS", "atomic_write", "write_outputs"]

OUTPUTS = ("tipgraph.ttl", "tipgraph.nt", "tipgraph.jsonld")


_FORMATS = {"tipgraph.ttl": "turtle", "tipgraph.nt": "nt", "tipgraph.jsonld": "json-ld"}


def _jsonld(graph: Graph) -> str:
    # Key order is fixed by the writer (id, type, then sorted); arrays are sorted there.
    return json.dumps(to_jsonld(graph), indent=1, ensure_ascii=False) + "\n"


def render(graph: Graph) -> dict[str, str]:
    """The text of every output file, keyed by file name; each proven to hold ``graph``."""
    canonical = canonical_graph(graph)
    lines = canonical_ntriples(graph)
    texts = {
        "tipgraph.ttl": serialize(graph),
        "tipgraph.nt": "".join(line + "\n" for line in lines),
        "tipgraph.jsonld": _jsonld(canonical),
    }
    for name, text in texts.items():
        round_trip(name, text, _FORMATS[name], graph, lines)
    return texts


def atomic_write(files: Mapping[Path, str]) -> None:
    """Write every file to a temporary sibling, then move them all into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are for sharing
        for tmp, target in staged:
            os.replace(tmp, target)
        staged.clear()
    except OSError as exc:
        raise ExportError(
            f"{exc.filename or 'output'}: cannot write ({exc.strerror or exc})"
        ) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def write_outputs(graph: Graph, out_dir: Path) -> list[Path]:
    """Write the three serialisations of ``graph`` into ``out_dir``; returns their paths."""
    texts = render(graph)
    files = {out_dir / name: texts[name] for name in OUTPUTS}
    atomic_write(files)
    return list(files)
