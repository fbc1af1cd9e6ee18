"""The ontology documents itself: every term we define has a label and a definition."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS
from rdflib.namespace import SKOS

from tipgraph.graph.load import parse_file
from tipgraph.namespaces import TIP

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@pytest.fixture(scope="module")
def terms(project):
    found = {}
    for path in project.ontology:
        g = parse_file(path)
        for kind in KINDS:
            for term in g.subjects(RDF.type, kind):
                if str(term).startswith(str(TIP)):
                    found[term] = (
                        path.name,
                        g.value(term, RDFS.label),
                        g.value(term, SKOS.definition),
                    )
    return found


def test_the_ontology_defines_classes_and_properties(terms):
    assert len(terms) >= 100  # 50 classes and 74 properties when this test was written


def test_every_term_has_a_label_and_a_definition(terms):
    missing = sorted(
        f"{f}: {t}" for t, (f, label, definition) in terms.items() if not (label and definition)
    )
    assert missing == []


def test_every_term_is_defined_in_exactly_one_module(project):
    seen: dict = {}
    for path in project.ontology:
        g = parse_file(path)
        for term in {s for s, _, _ in g.triples((None, RDFS.label, None))}:
            if str(term).startswith(str(TIP)) and (term, RDF.type, None) in g:
                seen.setdefault(term, []).append(path.name)
    assert {t: files for t, files in seen.items() if len(files) > 1} == {}
