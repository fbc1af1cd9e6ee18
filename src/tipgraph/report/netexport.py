"""Write the projected network for Gephi and Cytoscape: GraphML, GEXF or two CSV files.

What the tools need, and what this module guarantees:

* attributes keep their types — numbers as numbers, booleans as booleans;
* no ``None`` values (an attribute that does not apply is left out) and no list
  values (lists become one string: passages joined with ``"; "``, quotes with
  ``" | "``);
* attribute keys are plain names (letters, digits, ``_``: no spaces or colons);
* node ids are compact IRIs (``kv:pvpt``); edge ids are unique and stable
  (``<relation>|<class>|<source>|<target>``); edge labels are kept;
* ties without a direction (cooperation) are written undirected, edge by edge:
  ``directed="false"`` in GraphML, ``type="undirected"`` in GEXF, ``Undirected``
  in the CSV's ``Type`` column; the rest are directed;
* every edge is one cited relation with ``weight`` 1.0, so parallel edges (three
  MLSW fundings of HHC) keep their own ids and, when Gephi merges them on import
  (its default, summing weights), the merged tie's weight counts its relations;
  ``merge_parallel`` (``export --merge``) writes one edge per tie with its ``count``;
* CSV is two files in Gephi's spreadsheet layout: ``PATH_nodes.csv`` (``Id``,
  ``Label``, ...) and ``PATH_edges.csv`` (``Source``, ``Target``, ``Type``,
  ``Id``, ``Label``, ...), where PATH is ``--output`` without a ``.csv`` suffix.

Every file is written to a temporary sibling and moved into place
(``tipgraph.graph.export.atomic_write``).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from tipgraph.errors import ExportError
from tipgraph.graph.export import atomic_write

__all__ = ["FORMATS", "clean_graph", "csv_paths", "merge_parallel", "render", "write_network"]

FORMATS = ("graphml", "gexf", "csv")
_JOIN = {"quotes": " | "}


def _key(name: str) -> str:
    """An attribute key tools accept.

    >>> _key("amount EUR:approx")
    'amount_EUR_approx'
    """
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, list | tuple | set):
            value = _JOIN.get(name, "; ").join(str(v) for v in value)
        elif not isinstance(value, bool | int | float | str):
            value = str(value)
        out[_key(name)] = value
    return out


def _undirected(data: dict[str, Any]) -> bool:
    return data.get("directed") is False


def clean_graph(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``net`` with tool-safe attributes (see the module docstring)."""
    out = nx.MultiDiGraph()
    out.graph.update(_clean(dict(net.graph)))
    for n, data in net.nodes(data=True):
        out.add_node(n, **_clean(dict(data)))
    for u, v, k, data in net.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{"weight": 1.0, **_clean(dict(data))})
    return out


_XML = '<?xml version="1.0" encoding="utf-8"?>'


_GRAPHML = "http://graphml.graphdrawing.org/xmlns"


def _graphml(net: nx.MultiDiGraph) -> str:
    """networkx writes one edge default; GraphML lets each edge say it has no direction."""
    clean = clean_graph(net)
    undirected = {k for _, _, k, d in clean.edges(keys=True, data=True) if _undirected(d)}
    ET.register_namespace("", _GRAPHML)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    root = ET.fromstring("\n".join(nx.generate_graphml(clean)))
    for edge in root.iter(f"{{{_GRAPHML}}}edge"):
        if edge.get("id") in undirected:
            edge.set("directed", "false")
    ET.indent(root)
    return f"{_XML}\n{ET.tostring(root, encoding='unicode')}\n"


def _gexf(net: nx.MultiDiGraph) -> str:
    clean = clean_graph(net)
    for _, _, k, data in clean.edges(keys=True, data=True):
        data["id"] = k  # GEXF edge ids = the projection's edge keys
        if _undirected(data):
            data["type"] = "undirected"  # networkx writes it as the edge's own type
    return "\n".join([_XML, *nx.generate_gexf(clean)]) + "\n"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row]
        )
    return out.getvalue()


def _csv(net: nx.MultiDiGraph) -> tuple[str, str]:
    clean = clean_graph(net)
    nkeys = sorted({k for _, d in clean.nodes(data=True) for k in d} - {"label"})
    ekeys = sorted({k for _, _, d in clean.edges(data=True) for k in d} - {"label"})
    nodes = _table(
        ["Id", "Label", *nkeys],
        [
            [n, d.get("label", n), *(d.get(k) for k in nkeys)]
            for n, d in sorted(clean.nodes(data=True))
        ],
    )
    edges = _table(
        ["Source", "Target", "Type", "Id", "Label", *ekeys],
        [
            [
                u,
                v,
                "Undirected" if _undirected(d) else "Directed",
                k,
                d.get("label", ""),
                *(d.get(x) for x in ekeys),
            ]
            for u, v, k, d in sorted(clean.edges(keys=True, data=True), key=lambda e: e[2])
        ],
    )
    return nodes, edges


def csv_paths(output: Path) -> tuple[Path, Path]:
    """Where the CSV files go: ``out/net`` or ``out/net.csv`` -> out/net_nodes.csv, _edges.csv.

    >>> [p.name for p in csv_paths(Path("out/net.csv"))]
    ['net_nodes.csv', 'net_edges.csv']
    """
    stem = output.with_suffix("") if output.suffix.lower() == ".csv" else output
    return stem.with_name(stem.name + "_nodes.csv"), stem.with_name(stem.name + "_edges.csv")


def merge_parallel(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per tie: relations of one kind between the same two actors, merged.

    For tools that keep parallel edges as they come (Cytoscape). A tie is its kind, its
    ends (either order when undirected) and whether it is a stated absence; it keeps
    ``count`` (= ``weight``), the ``relations`` and their passages and quotes. Amounts
    are left out: fundings of different years or purposes are not summed here.
    """
    ties: dict[tuple[str, str, str, bool, bool], list[dict[str, Any]]] = {}
    for u, v, data in net.edges(data=True):
        directed, negated = data.get("directed") is not False, bool(data.get("negated"))
        ends = (u, v) if directed else tuple(sorted((u, v)))
        ties.setdefault((str(data.get("kind")), *ends, directed, negated), []).append(data)
    out = nx.MultiDiGraph(**net.graph)
    out.add_nodes_from(net.nodes(data=True))
    for (kind, u, v, directed, negated), edges in sorted(ties.items()):
        key = f"{kind}|{u}|{v}" + ("" if directed else "|undirected") + ("|negated" * negated)
        merged = {
            "kind": kind,
            "directed": directed,
            "negated": negated,
            "count": len(edges),
            "weight": float(len(edges)),
            "label": "; ".join(sorted(str(e.get("label", "")) for e in edges)),
            "relations": sorted(str(e.get("relation")) for e in edges),
            "passages": sorted({p for e in edges for p in e.get("passages", [])}),
            "quotes": sorted({q for e in edges for q in e.get("quotes", [])}),
        }
        out.add_edge(u, v, key=key, **merged)
    return out


def render(net: nx.MultiDiGraph, fmt: str, output: Path) -> dict[Path, str]:
    """The text of every file ``fmt`` makes for ``output``, by path."""
    if fmt == "graphml":
        return {output: _graphml(net)}
    if fmt == "gexf":
        return {output: _gexf(net)}
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(output)
        nodes, edges = _csv(net)
        return {nodes_path: nodes, edges_path: edges}
    raise ExportError(f"unknown network format {fmt!r} (known: {', '.join(FORMATS)})")


def write_network(net: nx.MultiDiGraph, fmt: str, output: Path) -> list[Path]:
    """Write ``net`` as ``fmt`` to ``output`` (atomically); returns the paths written."""
    if output.is_dir():
        raise ExportError(f"{output}: is a directory (give a file path)")
    files = render(net, fmt, output)
    atomic_write(files)
    return list(files)
