"""The analyses read the graph alike on either store, node by node or in bulk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import PROV

import tipgraph.analysis
from support import TURTLE_PREFIXES
from tipgraph.analysis import run, to_json
from tipgraph.analysis.facts import Facts
from tipgraph.analysis.findings import Citation
from tipgraph.analysis.terms import citations_of
from tipgraph.graph.load import Project, load_files, load_project, new_graph
from tipgraph.namespaces import KV, TIP
from tipgraph.sparql.query import library
from tipgraph.synth import write

QUERIES = Path(tipgraph.analysis.__file__).parent / "queries"

# Annotations as odd as the model allows: two sources, two selectors (the least is used, and
# its least quote), no selector, no source; and a funding that cites nothing.
ODD = (
    TURTLE_PREFIXES
    + """
kv:odd a tip:Funding ; prov:wasDerivedFrom
    [ oa:hasSource cable:p2 , cable:p1 ; oa:hasSelector kv:sel-b , kv:sel-a ] ,
    [ oa:hasSource cable:p3 ] ,
    [ oa:hasSelector kv:sel-b ] .
kv:sel-a oa:exact "y" , "w" .
kv:sel-b oa:exact "x" .
kv:none a tip:Funding .
"""
)
ODD_CITATIONS = (Citation("cable:p1", "w"), Citation("cable:p3", ""))

OPTIONS = [
    ("funding", {}),
    ("funding", {"remove": ["kv:mlsw"], "remove_sector": "international"}),
    ("coordination", {}),
    ("coordination", {"kinds": ["membership"]}),
    ("flows", {}),
    ("timeline", {}),
    ("timeline", {"as_of": date(2008, 1, 15)}),
    ("discrepancies", {}),
]


@pytest.fixture(scope="module")
def oxigraph(project: Project) -> Graph:
    return load_project(project, store="oxigraph")[0]


@pytest.fixture(scope="module")
def synth(project: Project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    write(path, countries=2, years=3, seed=5)
    return {s: load_files((*project.ontology, path), s)[0] for s in ("memory", "oxigraph")}


@pytest.mark.parametrize(("name", "options"), OPTIONS)
def test_every_analysis_answers_alike_on_both_stores(graph, oxigraph, name, options):
    assert to_json(run(name, oxigraph, **options)) == to_json(run(name, graph, **options))


@pytest.mark.parametrize("name", ["funding", "coordination", "flows", "timeline", "discrepancies"])
def test_synthetic_analyses_answer_alike_on_both_stores(synth, name):
    memory, oxigraph = (run(name, synth[s]) for s in ("memory", "oxigraph"))
    # Between shortest paths of equal length the store's order decides: compare their ends.
    ends = {f.subject + f.data["path"][-1] for f in memory.section("paths-to-tip-report")}
    assert ends == {f.subject + f.data["path"][-1] for f in oxigraph.section("paths-to-tip-report")}
    rest = [
        [f for f in a.findings if f.section != "paths-to-tip-report"] for a in (memory, oxigraph)
    ]
    assert rest[0] == rest[1] and rest[0]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_citations_are_picked_alike_node_by_node_and_in_bulk(store):
    graph = new_graph(store)
    graph.parse(data=ODD, format="turtle")
    assert citations_of(graph, KV.odd) == ODD_CITATIONS
    facts = Facts(graph)
    facts.read_derivations("citations-of-class.rq", cls=TIP.Funding)
    graph.remove((None, PROV.wasDerivedFrom, None))  # what was read in bulk stays read
    bulk = store == "oxigraph"  # rdflib's own store reads node by node, when asked
    assert citations_of(facts, KV.odd) == (ODD_CITATIONS if bulk else ())
    assert citations_of(facts, KV.none) == ()


def test_analysis_queries_say_what_they_answer():
    found = library(QUERIES)
    assert sorted(found) == ["citations-of-class", "citations-of-timed"]
    assert all(q.question for q in found.values())
