"""The static checks: queries, shapes, JSON-LD contexts and XML declarations that reach out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from tipgraph.errors import LoadError, QueryError
from tipgraph.safety.checks import check_jsonld, check_query, check_rdfxml, check_shapes

SPO = "{ ?s ?p ?o }"


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * {{ SERVICE <http://example.org/sparql> {SPO} }}",
        f"select * {{ service <http://example.org/sparql> {SPO} }}",
        f"SELECT * {{ SERVIC\\u0045 <http://example.org/sparql> {SPO} }}",
        f"SELECT * {{ \\u0053ERVICE <http://example.org/sparql> {SPO} }}",
        f"SELECT * {{ \\U00000053ervice <http://example.org/sparql> {SPO} }}",
        f"SELECT * {{ SERVICE SILENT <http://example.org/sparql> {SPO} }}",
        f"SELECT * {{ SERVICE ?where {SPO} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE <http://example.org/sparql> {SPO} }} }} }}",
        f"SELECT * {{ ?a ?b ?c OPTIONAL {{ SERVICE <http://example.org/sparql> {SPO} }} }}",
        f"SELECT * {{ {{ ?a ?b ?c }} UNION {{ SERVICE <http://example.org/s> {SPO} }} }}",
        f"SELECT * {{ FILTER EXISTS {{ SERVICE <http://example.org/sparql> {SPO} }} }}",
        f"SELECT * {{ FILTER NOT EXISTS {{ SERVICE <http://example.org/s> {SPO} }} }}",
        f"ASK {{ MINUS {{ SERVICE <http://example.org/sparql> {SPO} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://example.org/sparql> {SPO} }}",
    ],
)
def test_service_is_refused_however_it_is_spelled_or_nested(query):
    with pytest.raises(QueryError, match=r"uses SERVICE.*--allow-network"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * FROM <http://example.org/g.ttl> WHERE {SPO}",
        f"select * from named <http://example.org/g.ttl> where {{ graph ?g {SPO} }}",
        f"SELECT * \\u0046ROM <http://example.org/g.ttl> WHERE {SPO}",
        f"ASK FROM <file:///etc/passwd> {SPO}",
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <http://example.org/g.ttl> WHERE {SPO}",
        "DESCRIBE ?s FROM <http://example.org/g.ttl> WHERE { ?s ?p ?o }",
    ],
)
def test_from_and_from_named_are_refused(query):
    with pytest.raises(QueryError, match="FROM / FROM NAMED"):
        check_query(query)


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <http://example.org/g.ttl>",
        "load silent <http://example.org/g.ttl> into graph <urn:g>",
        "LO\\u0041D <http://example.org/g.ttl>",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        f"DELETE {SPO} USING <http://example.org/g.ttl> WHERE {SPO}",
        f"INSERT {SPO} USING NAMED <http://example.org/g> WHERE {SPO}",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "SELECT * { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_updates_are_never_run(update):
    with pytest.raises(QueryError, match=r"not a query|malformed"):
        check_query(update, allow_network=True)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        (f"SELECT * {{ SERVICE <http://example.org/sparql> {SPO} }}", "SELECT"),
        (f"ASK FROM <http://example.org/g.ttl> {SPO}", "ASK"),
    ],
)
def test_allow_network_lets_service_and_from_through(query, kind):
    assert check_query(query, allow_network=True) == kind


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        # SERVICE / FROM inside strings, IRIs and comments are not keywords.
        ('SELECT * { ?s ?p "SERVICE <http://example.org/>" }', "SELECT"),
        ("SELECT * { ?s <http://example.org/FROM> ?o } # SERVICE <http://x/>", "SELECT"),
        (f"ASK {{ GRAPH <http://example.org/g> {SPO} }}", "ASK"),
        ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
    ],
)
def test_local_queries_pass_and_report_their_kind(query, kind):
    assert check_query(query) == kind


def test_malformed_query_is_one_line():
    with pytest.raises(QueryError, match=r"^malformed query: [^\n]*$"):
        check_query("SELECT * WHERE { ?s ?p }")


def test_deeply_nested_query_is_an_error_not_a_crash():
    query = "SELECT * WHERE " + "{ " * 400 + "?s ?p ?o" + " }" * 400
    try:
        assert check_query(query) == "SELECT"
    except QueryError as exc:
        assert "\n" not in str(exc)


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes ex:prefixes ;
                sh:{kind} \"\"\"{query}\"\"\" ] .
"""


def _shapes(query: str, kind: str = "select") -> Graph:
    return Graph().parse(data=SHAPES.replace("{kind}", kind).replace("{query}", query))


@pytest.mark.parametrize(
    ("kind", "query", "reason"),
    [
        (
            "select",
            "SELECT $this WHERE { SERVICE <http://example.org/s> { $this ?p ?o } }",
            "SERVICE",
        ),
        (
            "select",
            "SELECT $this WHERE { SERVIC\\\\u0045 <http://example.org/s> { $this ?p ?o } }",
            "escapes are refused",  # engines read \\u differently: refused whatever it spells
        ),
        ("select", "SELECT $this FROM <http://example.org/g.ttl> WHERE { $this ?p ?o }", "FROM"),
        ("ask", "ASK { SERVICE <http://example.org/s> { $this ex:p ?o } }", "SERVICE"),
        (
            "construct",
            "CONSTRUCT { $this ex:p ?o } WHERE { SERVICE <http://example.org/s> { $this ex:p ?o } }",
            "SERVICE",
        ),
    ],
)
def test_shape_sparql_reaching_the_network_is_refused_naming_the_shape(kind, query, reason):
    with pytest.raises(QueryError, match=rf"^shape ex:PersonShape: sh:{kind}: .*{reason}[^\n]*$"):
        check_shapes(_shapes(query, kind))


def test_shape_sparql_using_path_and_declared_prefixes_is_accepted():
    query = "SELECT $this ?value WHERE { $this $PATH/ex:name ?value }"
    assert check_shapes(_shapes(query)) == 1


def test_shape_update_is_refused():
    with pytest.raises(QueryError, match="not a query"):
        check_shapes(_shapes("INSERT DATA { ex:a ex:b ex:c }"))


def test_project_shapes_pass_the_check(shapes):
    assert check_shapes(shapes) >= 4  # the SPARQL constraints in shapes/core.ttl


HERE = Path("doc.jsonld")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"@context": "http://example.org/ctx.jsonld"},
            "remote @context not fetched: http://example.org/ctx.jsonld",
        ),
        ({"@context": "ctx.jsonld"}, "remote @context not fetched: ctx.jsonld"),
        ({"@context": "file:///etc/passwd"}, "remote @context not fetched: file:///etc/passwd"),
        (
            {"@context": [{"ex": "urn:x:"}, "https://schema.org/"]},
            "remote @context not fetched: https://schema.org/",
        ),
        (
            {"@context": {"@import": "http://example.org/c"}},
            "remote @import not fetched: http://example.org/c",
        ),
        (
            [{"@id": "urn:a", "urn:p": {"@context": "http://e.org/c"}}],
            "remote @context not fetched: http://e.org/c",
        ),
        (
            {"@context": {"ex:p": {"@id": "urn:p", "@context": "http://e.org/c"}}},
            "remote @context not fetched: http://e.org/c",
        ),
        (
            {"@graph": [{"@graph": [{"@context": ["http://e.org/c"]}]}]},
            "remote @context not fetched: http://e.org/c",
        ),
    ],
)
def test_jsonld_context_by_reference_is_refused(document, message):
    with pytest.raises(LoadError, match=f"^{re.escape(f'doc.jsonld: {message}')}$"):
        check_jsonld(HERE, document)


def test_jsonld_with_inline_context_passes():
    check_jsonld(
        HERE, {"@context": {"ex": "http://example.org/", "@vocab": "urn:v:"}, "@id": "ex:a"}
    )


def test_deeply_nested_jsonld_is_checked_without_recursion():
    document: dict = {"@context": "http://example.org/c"}
    for _ in range(50_000):
        document = {"urn:p": document}
    with pytest.raises(LoadError, match="not fetched"):
        check_jsonld(HERE, document)


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "http://example.org/x">]>\n<r>&x;</r>',
        b'<!DOCTYPE rdf:RDF SYSTEM "http://example.org/rdf.dtd">\n<rdf:RDF/>',
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n<r/>',
        b'<!DOCTYPE r [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n<r>&b;</r>',
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r>\n<r/>'.encode("utf-16"),
    ],
)
def test_xml_with_a_doctype_is_refused(xml):
    with pytest.raises(LoadError, match=r"^doc.rdf:\d+: DOCTYPE / ENTITY declarations are refused"):
        check_rdfxml(Path("doc.rdf"), xml)


def test_xml_syntax_error_names_the_line():
    with pytest.raises(LoadError, match=r"^doc\.rdf:3: mismatched tag$"):
        check_rdfxml(Path("doc.rdf"), b"<a>\n<b>\n</a>")
