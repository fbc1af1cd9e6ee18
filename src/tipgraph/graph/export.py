"""Write the built graph: canonical Turtle, sorted N-Triples, sorted JSON-LD.

Two builds of the same inputs give byte-identical files: blank nodes get
content-derived labels (``tipgraph.graph.canon``), N-Triples lines are
sorted, JSON-LD nodes and keys are sorted. Every file is written to a
temporary name beside its target and moved into place only when all of them
are complete, so an interrupted build leaves the previous outputs whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph

from tipgraph.errors import ExportError
from tipgraph.graph.canon import canonical_graph
from tipgraph.graph.fmt import serialize
from tipgraph.namespaces import PREFIXES

__all__ = ["OUTPUTS", "atomic_write", "write_outputs"]

OUTPUTS = ("tipgraph.ttl", "tipgraph.nt", "tipgraph.jsonld")


def _ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _sorted_json(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def _jsonld(graph: Graph) -> str:
    raw = graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return json.dumps(_sorted_json(json.loads(raw)), indent=1, ensure_ascii=False) + "\n"


def render(graph: Graph) -> dict[str, str]:
    """The text of every output file, keyed by file name."""
    canonical = canonical_graph(graph)
    return {
        "tipgraph.ttl": serialize(graph),
        "tipgraph.nt": _ntriples(canonical),
        "tipgraph.jsonld": _jsonld(canonical),
    }


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
