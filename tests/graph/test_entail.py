"""Issue 13, item 8: the built graph carries entailed types; the canonical sources do not.

Hand-picked instances: cable p27 names the MLSW (a tip:Ministry) and its 2007 funding of
HHC (a tip:Funding); tip:Position is declared a subclass of org:Post (ontology/actors.ttl).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph
from rdflib.namespace import ORG

from support import ROOT
from tipgraph.cli import main
from tipgraph.graph.entail import entail_types
from tipgraph.graph.load import load_project
from tipgraph.namespaces import KV, TIP

EXPECTED = [
    (KV.mlsw, ORG.Organization),  # tip:Ministry < tip:GovernmentBody < org:FormalOrganization
    (KV.mlsw, TIP.Actor),
    (KV["funding-mlsw-hhc-2007"], TIP.Relation),  # tip:Funding < tip:Relation
]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_every_engine_answers_a_superclass_query(project, store):
    graph, _ = load_project(project, store=store)
    assert not any((s, RDF.type, o) in graph for s, o in EXPECTED)  # as curated: unentailed
    added = entail_types(graph)
    assert added > 0
    for s, o in EXPECTED:
        assert (s, RDF.type, o) in graph
    posts = list(graph.query("SELECT ?p WHERE { ?p a <http://www.w3.org/ns/org#Post> }"))
    positions = set(graph.subjects(RDF.type, TIP.Position))
    assert positions and {row[0] for row in posts} >= positions
    assert entail_types(graph) == 0  # one pass reaches the closure


def test_the_canonical_sources_stay_unentailed():
    actors = Graph().parse(ROOT / "data" / "actors.ttl")
    assert (KV.mlsw, RDF.type, TIP.Ministry) in actors
    assert (KV.mlsw, RDF.type, ORG.Organization) not in actors


def test_tipgraph_build_writes_the_entailed_types(tmp_path: Path):
    out = CliRunner().invoke(main, ["--root", str(ROOT), "build", "--out", str(tmp_path)])
    assert out.exit_code == 0, out.output
    built = Graph().parse(tmp_path / "tipgraph.nt", format="nt")
    for s, o in EXPECTED:
        assert (s, RDF.type, o) in built


def test_tipgraph_query_sees_the_entailed_types(query, tmp_path: Path):
    rq = tmp_path / "organisations.rq"
    rq.write_text(
        "# Question: which organisations?\n# Returns: ?x\n# Notes: test\n"
        "SELECT ?x WHERE { ?x a <http://www.w3.org/ns/org#Organization> }\n"
    )
    out = query(str(rq), "--format", "csv")
    assert out.exit_code == 0, out.output
    assert str(KV.mlsw) in out.stdout
