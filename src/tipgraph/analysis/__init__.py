"""Network analysis of the graph: who funds, coordinates with and reports to whom.

One module per question, each returning an :class:`Analysis` of cited findings:

* ``projection`` — the RDF relations as networkx graphs (the one rule table);
* ``terms`` — compact IRIs, labels, citations, times and sectors read from RDF;
* ``shares`` — the arithmetic of funding shares and the sources' exchange rate;
* ``funding`` — funders' shares, concentration, dependency, what-if removals;
* ``coordination`` — centrality, brokers, cut points, bridges, communities;
* ``flows`` — information flows, one-way flows, paths to the TIP reports;
* ``timeline`` — dated events in order, and the network as of a day;
* ``discrepancies`` — figures for the same thing from different passages;
* ``findings`` — the Finding model and its table / JSON / CSV renderings.

>>> sorted(ANALYSES)
['coordination', 'discrepancies', 'flows', 'funding', 'timeline']
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rdflib import Graph

from tipgraph.errors import QueryError

from . import coordination, discrepancies, flows, funding, timeline
from .findings import Analysis, Citation, Finding, render, to_csv, to_json, to_table
from .projection import KINDS, RULES, Relation, project, relations, simple_graph

__all__ = [
    "ANALYSES",
    "KINDS",
    "RULES",
    "Analysis",
    "Citation",
    "Finding",
    "Relation",
    "project",
    "relations",
    "render",
    "run",
    "simple_graph",
    "to_csv",
    "to_json",
    "to_table",
]

ANALYSES = ("funding", "coordination", "flows", "timeline", "discrepancies")


def run(
    name: str,
    graph: Graph,
    *,
    as_of: date | None = None,
    remove: Iterable[str] = (),
    remove_sector: str | None = None,
    kinds: Iterable[str] | None = None,
) -> Analysis:
    """Run one analysis by name; options that do not apply to it are refused."""
    remove = tuple(remove)
    kinds = tuple(kinds) if kinds else None
    if name not in ANALYSES:
        raise QueryError(f"unknown analysis {name!r} (known: {', '.join(ANALYSES)})")
    if as_of is not None and name not in ("timeline", "coordination"):
        raise QueryError("--as-of applies to the timeline and coordination analyses only")
    if (remove or remove_sector) and name != "funding":
        raise QueryError("--remove and --remove-sector apply to the funding analysis only")
    if kinds and name != "coordination":
        raise QueryError("--kind applies to the coordination analysis only")
    if name == "funding":
        return funding.analyze(graph, remove, remove_sector)
    if name == "coordination":
        return coordination.analyze(graph, kinds, as_of=as_of)
    if name == "flows":
        return flows.analyze(graph)
    if name == "timeline":
        return timeline.analyze(graph, as_of)
    return discrepancies.analyze(graph)
