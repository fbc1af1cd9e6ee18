"""A persistent store answers as the loaded graph does: same findings, same files, whole or absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validate import CASES

from support import TURTLE_PREFIXES
from tipgraph.errors import LoadError
from tipgraph.graph.load import load_project
from tipgraph.graph.sources import passages_graph
from tipgraph.graph.store import MANIFEST, create, locate, manifest, open_graph
from tipgraph.graph.validate import validate
from tipgraph.sparql.query import bind_params, library, run_query

# Four errors of four kinds, on four distinct nodes, in one file (tests/graph/test_validate.py).
KINDS = (
    "unknown actor",
    "minimum above maximum",
    "percentage above 100",
    "period that ends before it begins",
)


@pytest.fixture(scope="module")
def small(project, tmp_path_factory) -> tuple:
    """The ontology, the actors, places, periods and documents, and a file of errors."""
    tmp = tmp_path_factory.mktemp("store")
    bad = tmp / "bad.ttl"
    bad.write_text(TURTLE_PREFIXES + "\n".join(CASES[k][0] for k in KINDS))
    names = {"actors.ttl", "places.ttl", "periods.ttl", "sources.ttl"}
    data = (*(p for p in project.data if p.name in names), bad)
    small = type(project)(project.root, project.ontology, project.shapes, data, project.sources)
    store = tmp / "store"
    create(store, (*small.ontology, *small.data), passages_graph(small.sources))
    return small, store, bad


def test_the_store_holds_what_load_project_loads(small):
    project, store, _ = small
    graph, _ = load_project(project, store="oxigraph")
    assert len(open_graph(store)) == len(graph) == manifest(store)["triples"]


def test_validating_the_store_finds_what_the_whole_graph_run_finds(small, shapes):
    project, store, bad = small
    graph, origin = load_project(project, store="oxigraph")  # what `tipgraph validate` runs
    expected = validate(graph, shapes, origin)
    found = validate(open_graph(store), shapes, lambda nodes: locate(store, nodes))
    assert found.findings == expected.findings  # severity, node, path, message and file
    # Written by hand from the four snippets: each one's node is named, in bad.ttl.
    named = {f.node for f in found.findings if f.severity == "Violation" and f.file == str(bad)}
    assert {"kv:p", "kv:o", "kv:per"} <= named
    assert any("kv:mlsw-typo" in f.message for f in found.findings)


def test_a_file_changed_after_loading_is_not_named(small, tmp_path):
    project, _, bad = small
    copy = tmp_path / "bad.ttl"
    copy.write_bytes(bad.read_bytes())
    store = tmp_path / "store"
    create(store, (*project.ontology, copy))
    from rdflib import URIRef

    node = URIRef("https://w3id.org/tipgraph/id/kosovo/p")
    assert locate(store, {node}) == {node: copy}
    copy.write_text(copy.read_text() + "\n")  # changed: its lines may no longer say so
    assert locate(store, {node}) == {}


def test_a_bad_file_leaves_no_store_and_the_old_one_untouched(small, tmp_path):
    project, store, _ = small
    bad = tmp_path / "broken.nt"
    bad.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n<urn:x:a> <urn:x:b> .\n")
    with pytest.raises(LoadError, match=r"broken\.nt:2: "):
        create(tmp_path / "new", (bad,))
    assert not (tmp_path / "new").exists() and not (tmp_path / "new.partial").exists()
    before = manifest(store)
    good = tmp_path / "store"
    create(good, project.ontology)
    with pytest.raises(LoadError, match=r"broken\.nt:2: "):
        create(good, (*project.ontology, bad))
    assert [Path(f["path"]) for f in manifest(good)["files"]] == list(project.ontology)
    assert len(open_graph(good)) == manifest(good)["triples"]
    assert manifest(store) == before


def test_a_directory_that_is_not_a_store_is_refused(tmp_path, project):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(LoadError, match="not a tipgraph store"):
        create(tmp_path, project.ontology)
    assert (tmp_path / "notes.txt").read_text() == "mine" and not (tmp_path / MANIFEST).exists()
    with pytest.raises(LoadError, match="not a tipgraph store"):
        open_graph(tmp_path)


def test_library_queries_answer_from_the_store(project, tmp_path):
    store = tmp_path / "store"
    create(store, (*project.ontology, *project.data), passages_graph(project.sources))
    q = library(project.queries)["pvpt-funders"]
    rows = run_query(q.text, bind_params(q, {}), graph=open_graph(store)).rows
    # cable p28: "To date, most of its funding has come from IOM, OSCE and the UK government."
    funders = {str(r["funder"]).rsplit("/", 1)[-1] for r in rows if not r["negated"].toPython()}
    assert funders == {"iom", "osce", "uk-government"}
