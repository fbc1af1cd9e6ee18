"""Every library file runs as-is in another SPARQL engine: its own PREFIXes, nothing injected.

The second engine is pyoxigraph on the built graph, given the file's text exactly as
it is on disk (no project prefixes added), as Jena's arq, Fuseki or YASGUI would get
it. A parameter's default goes in as the same VALUES row the embedded run gets
(Oxigraph's own substitution takes only projected variables); without parameters the
text is untouched. The answer must be rdflib's (the embedded engine) by value.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from answers import differences
from rdflib import BNode, Graph, Literal, URIRef

from tipgraph.sparql.query import bind_params, library, run_query
from tipgraph.sparql.results import Result
from tipgraph.sparql.values import inline_values

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = library(ROOT / "queries")


@pytest.fixture(scope="module")
def oxigraph_store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _term(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _as_is(store: ox.Store, text: str) -> Result:
    answer = store.query(text)
    if isinstance(answer, bool):
        return Result("ASK", boolean=answer)
    if isinstance(answer, ox.QueryTriples):
        g = Graph()
        for t in answer:
            g.add((_term(t.subject), _term(t.predicate), _term(t.object)))
        return Result("CONSTRUCT", graph=g)
    names = [v.value for v in answer.variables]
    return Result("SELECT", names, [{n: _term(s[n]) for n in names} for s in answer])


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_file_runs_as_is_in_oxigraph_with_the_embedded_answer(oxigraph_store, graph, name):
    q = LIBRARY[name]
    text = q.path.read_text(encoding="utf-8")
    bindings = bind_params(q, {})
    # a missing PREFIX is a syntax error here
    there = _as_is(oxigraph_store, inline_values(text, bindings))
    here = run_query(text, bindings, graph=graph)
    assert differences(text, here, there) is None
