"""Parameters go in as one VALUES row at the start of the WHERE group, wherever that group is.

Virtuoso 7 refuses the trailing VALUES we used to append after a CONSTRUCT and for a
variable the query does not project (issue 15); inside the WHERE group every SPARQL
1.1 engine takes it. Each expected text below is written by hand.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from tipgraph.errors import QueryError
from tipgraph.sparql.values import inline_values

X = {"x": URIRef("urn:x")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SELECT ?y WHERE { ?x ?p ?y }",
            "SELECT ?y WHERE { VALUES (?x) { (<urn:x>) }\n ?x ?p ?y }",
        ),
        (  # no WHERE keyword
            "ASK { ?x ?p ?y }",
            "ASK { VALUES (?x) { (<urn:x>) }\n ?x ?p ?y }",
        ),
        (  # the template comes first, then the pattern
            "CONSTRUCT { ?x ?p ?y } { ?x ?p ?y }",
            "CONSTRUCT { ?x ?p ?y } { VALUES (?x) { (<urn:x>) }\n ?x ?p ?y }",
        ),
        (
            "CONSTRUCT WHERE { ?x ?p ?y }",
            "CONSTRUCT { ?x ?p ?y } WHERE { VALUES (?x) { (<urn:x>) }\n ?x ?p ?y }",
        ),
        (  # braces, a WHERE and a '#' inside a string, an IRI and a comment do not count
            '# a { WHERE comment\nSELECT ?y WHERE { ?x <urn:a#WHERE> "} WHERE {" }',
            '# a { WHERE comment\nSELECT ?y WHERE { VALUES (?x) { (<urn:x>) }\n ?x <urn:a#WHERE> "} WHERE {" }',
        ),
        (  # an EXISTS group in the SELECT list is not the WHERE group
            "SELECT (EXISTS { ?x ?p 1 } AS ?e) WHERE { ?x ?p ?y }",
            "SELECT (EXISTS { ?x ?p 1 } AS ?e) WHERE { VALUES (?x) { (<urn:x>) }\n ?x ?p ?y }",
        ),
        (  # a group that is only a sub-select gets wrapped, or VALUES would precede SELECT
            "SELECT ?y WHERE { SELECT ?y WHERE { ?x ?p ?y } } ORDER BY ?y",
            "SELECT ?y WHERE { VALUES (?x) { (<urn:x>) } { SELECT ?y WHERE { ?x ?p ?y } }} ORDER BY ?y",
        ),
    ],
)
def test_values_row_opens_the_where_group(text, expected):
    out = inline_values(text, X)
    assert out == expected
    parseQuery(out)  # still one well-formed query


def test_several_values_are_one_row_in_name_order_and_escaped():
    out = inline_values(
        "SELECT * { ?a ?b ?c }",
        {"b": Literal('q"}\t'), "a": Literal("1", datatype=URIRef("urn:t"))},
    )
    assert out == 'SELECT * { VALUES (?a ?b) { ("1"^^<urn:t> "q\\"}\\t") }\n ?a ?b ?c }'


def test_no_bindings_leaves_the_text_alone():
    assert inline_values("SELECT * { ?a ?b ?c }", {}) == "SELECT * { ?a ?b ?c }"


def test_a_query_without_a_group_is_refused():
    with pytest.raises(QueryError, match="no WHERE group"):
        inline_values("DESCRIBE <urn:x>", X)
