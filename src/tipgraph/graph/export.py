"""Write the built graph: canonical Turtle, sorted N-Triples, sorted JSON-LD.

Two builds of the same inputs give byte-identical files: blank nodes get
RDFC-1.0 labels (``tipgraph.graph.canon``), N-Triples lines are sorted,
JSON-LD nodes and keys are sorted (``@list`` arrays keep their order). Every
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
from typing import Any

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.plugins.serializers import jsonld as rdflib_jsonld
from rdflib.plugins.shared.jsonld.context import Context

from tipgraph.errors import ExportError
from tipgraph.graph.canon import canonical_graph, canonical_ntriples, round_trip
from tipgraph.graph.fmt import serialize
from tipgraph.namespaces import PREFIXES

__all__ = ["OUTPUTS", "atomic_write", "write_outputs"]

OUTPUTS = ("tipgraph.ttl", "tipgraph.nt", "tipgraph.jsonld")


_FORMATS = {"tipgraph.ttl": "turtle", "tipgraph.nt": "nt", "tipgraph.jsonld": "json-ld"}


def _sorted_json(value: object, ordered: bool = False) -> object:
    """Keys sorted, and arrays too (they are sets in JSON-LD) -- except ``@list``, a sequence."""
    if isinstance(value, dict):
        return {k: _sorted_json(v, k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


class _Converter(rdflib_jsonld.Converter):
    """rdflib's converter, less two ways it loses triples.

    It leaves out blank nodes that are all referenced (a cycle, a self-loop),
    and it overwrites a property's first value when that value is falsy
    (``0``, ``""``, ``false``: ``if value:`` where ``is not None`` was meant).
    """

    def add_to_node(self, graph: Graph, s: Any, p: Any, o: Any, s_node: Any, nodemap: Any) -> None:
        fresh: dict[str, Any] = {}
        super().add_to_node(graph, s, p, o, fresh, nodemap)
        for key, value in fresh.items():
            if key in s_node:
                old = s_node[key] if isinstance(s_node[key], list) else [s_node[key]]
                s_node[key] = old + (value if isinstance(value, list) else [value])
            else:
                s_node[key] = value

    def from_graph(self, graph: Graph) -> list[Any]:
        nodemap: dict[Any, Any] = {}
        roots = [
            s
            for s in set(graph.subjects())
            if isinstance(s, URIRef) or (isinstance(s, BNode) and not any(graph.subjects(None, s)))
        ]
        for s in roots:
            self.process_subject(graph, s, nodemap)
        # rdflib writes what the roots lead to; a blank node nothing leads to is
        # written as a top-level node of its own (one per cycle is enough).
        # A list cell is written as part of its list: start from the other nodes first.
        reached = _reachable(graph, roots)
        unreached = {s for s in graph.subjects() if isinstance(s, BNode)} - reached
        for s in sorted(unreached, key=lambda n: ((n, RDF.first, None) in graph, n)):
            if s not in reached:
                self.process_subject(graph, s, nodemap)
                reached |= _reachable(graph, [s])
        return list(nodemap.values())


def _reachable(graph: Graph, starts: list[Any]) -> set[Any]:
    seen, stack = set(starts), list(starts)
    while stack:
        for o in graph.objects(stack.pop()):
            if isinstance(o, BNode) and o not in seen:
                seen.add(o)
                stack.append(o)
    return seen


def _jsonld(graph: Graph) -> str:
    context = Context(dict(PREFIXES))
    result: Any = _Converter(context, False, False).convert(graph)
    if isinstance(result, list):
        result = {"@graph": result}
    result["@context"] = dict(PREFIXES)
    return json.dumps(_sorted_json(result), indent=1, ensure_ascii=False) + "\n"


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
