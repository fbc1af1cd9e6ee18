"""Every quote in data/ occurs, verbatim, in the normalised passage it cites.

This walks the citations in Python, independently of the SHACL constraint
that checks the same thing, so that a broken shape cannot hide a bad quote.
"""

from __future__ import annotations

from rdflib import RDF, Graph

from tipgraph.graph.load import parse_file
from tipgraph.graph.sources import passages_graph
from tipgraph.namespaces import OA, PROV


def _citations(project):
    for path in project.data:
        g = parse_file(path)
        for owner, citation in g.subject_objects(PROV.wasDerivedFrom):
            source = g.value(citation, OA.hasSource)
            exact = g.value(g.value(citation, OA.hasSelector), OA.exact)
            yield path.name, owner, source, exact


def test_every_quote_occurs_in_its_passage(project):
    texts = {s: str(o) for s, o in passages_graph(project.sources).subject_objects(RDF.value)}
    checked, missing = 0, []
    for name, owner, source, exact in _citations(project):
        checked += 1
        if source not in texts or exact is None or str(exact) not in texts[source]:
            missing.append(f"{name}: {owner} cites {source}: {exact!r}")
    assert checked > 100
    assert missing == []


def test_every_passage_of_both_documents_is_cited(project, graph: Graph):
    cited = {s for _, _, s, _ in _citations(project)}
    passages = set(passages_graph(project.sources).subjects(RDF.type, None))
    uncited = sorted(str(p).rsplit("/", 2)[-1] for p in passages - cited if "heading" not in str(p))
    assert uncited == []
