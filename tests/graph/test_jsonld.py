"""The JSON-LD a web developer reads: plain terms, typed values, citations inside their fact.

Expected values are the sources' own words (tip09 = the 2009 TIP report chapter,
cable = the March 2008 cable); the file is read with ``json`` alone, as a web page
would, and parsed back (no network) to a graph isomorphic to the built one.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from tipgraph.graph import canon
from tipgraph.graph.export import render, write_outputs
from tipgraph.graph.jsonld import context, draft_context, to_jsonld
from tipgraph.graph.load import parse_file

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def written(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jsonld")
    write_outputs(built[0], out)
    return out / "tipgraph.jsonld"


@pytest.fixture(scope="module")
def nodes(written) -> dict[str, dict]:
    return {n["id"]: n for n in json.loads(written.read_text(encoding="utf-8"))["@graph"]}


def _unique(items: list[tuple[str, object]]) -> dict[str, object]:
    keys = [k for k, _ in items]
    assert len(keys) == len(set(keys)), f"a key is defined twice: {keys}"
    return dict(items)


def _expand(value: str) -> str:
    prefix, _, rest = value.partition(":")
    namespace = context().get(prefix)
    return namespace + rest if isinstance(namespace, str) and namespace[-1] in "#/" else value


def _term_iris() -> dict[str, str]:
    """Each term of the shipped context (not prefixes or keywords) and the IRI it stands for."""
    out = {}
    for name, value in context().items():
        if isinstance(value, dict):
            out[name] = _expand(value["@id"])
        elif not value.startswith("@") and value[-1] not in "#/":
            out[name] = _expand(value)
    return out


def test_the_context_names_every_predicate_and_class_of_the_built_graph(built):
    graph = built[0]
    named = set(_term_iris().values())
    predicates = {str(p) for p in graph.predicates()} - {str(RDF.type)}
    classes = {str(o) for o in graph.objects(None, RDF.type)}
    assert predicates - named == set()
    assert classes - named == set()
    # Not empty by accident: counted in the built graph (2026-12, with the cable header, attribute
    # statements, post holdings and findings); a new term changes them on purpose (make context).
    assert len(predicates) == 158 and len(classes) == 91


def test_no_term_has_a_colon_and_no_two_iris_share_a_term():
    text = resources.files("tipgraph.graph").joinpath("context.jsonld").read_text("utf-8")
    keys = list(json.loads(text, object_pairs_hook=_unique)["@context"])
    assert [k for k in keys if ":" in k or k.startswith("@")] == []
    iris = list(_term_iris().values())
    assert len(iris) == len(set(iris)), "an IRI has two terms: compaction would be ambiguous"
    assert {k: context()[k] for k in ("id", "type")} == {"id": "@id", "type": "@type"}


def test_the_friendly_names_stand_for_the_citation_model():
    terms = _term_iris()
    assert terms["citations"] == "http://www.w3.org/ns/prov#wasDerivedFrom"
    assert terms["passage"] == "http://www.w3.org/ns/oa#hasSource"
    assert terms["selector"] == "http://www.w3.org/ns/oa#hasSelector"
    assert terms["quote"] == "http://www.w3.org/ns/oa#exact"
    assert terms["label"] == "http://www.w3.org/2000/01/rdf-schema#label"
    assert (terms["from"], terms["to"]) == (
        "https://w3id.org/tipgraph/def#from",
        "https://w3id.org/tipgraph/def#to",
    )
    # A clash is settled for our own vocabulary; the other keeps its prefix.
    assert terms["Membership"] == "https://w3id.org/tipgraph/def#Membership"
    assert terms["orgMembership"] == "http://www.w3.org/ns/org#Membership"


def test_the_shipped_context_is_the_draft_of_the_built_graph(built):
    # A new property or class, or a datatype change, fails here: regenerate with
    # `make context` (draft_context of the built graph into graph/context.jsonld).
    assert draft_context(built[0]) == context()


def test_typed_values_are_coerced_where_every_value_has_one_type():
    ctx = context()
    assert ctx["inForceFrom"]["@type"] == "xsd:date"
    assert ctx["inXSDgYear"]["@type"] == "xsd:gYear"
    assert ctx["value"]["@type"] == "xsd:decimal"
    assert ctx["maxDetentionDays"]["@type"] == "xsd:integer"
    assert ctx["funder"]["@type"] == "@id"
    assert ctx["prefLabel"]["@language"] == "en"
    assert ctx["citations"]["@container"] == "@set"


def test_a_web_developer_reads_a_fact_and_its_citations(nodes):
    fact = nodes["kv:funding-government-donors-ngo-shelters-2008"]
    assert fact["label"] == (
        "Government and international donor funding of the two NGO-run shelters, 2008"
    )
    assert "Funding" in fact["type"]
    assert fact["funder"] == ["kv:government-of-kosovo", "kv:international-donors"]  # tip09 p5
    cited = {c["passage"]: c["selector"]["quote"] for c in fact["citations"]}
    assert cited == {
        "tip09:p2": "The government helped fund two NGO anti-trafficking shelters in 2008",
        "tip09:p5": "To help remedy a funding shortfall for the two NGO-run shelters, the "
        "government, in cooperation with international donors, provided critical funding "
        "totaling $158,593.",
    }
    assert fact["amount"][0]["currency"] == "USD"
    assert fact["amount"][0]["rdfValue"] == {"@value": "158593.0", "@type": "xsd:decimal"}


def test_integers_are_numbers_and_dates_strings(nodes):
    # cable p39: "The prostitute may receive up to 60 days in jail"
    assert nodes["kv:lppo-art-18-6-prostitution"]["maxDetentionDays"] == 60
    # cable p31: "which came into effect on April 6, 2004"
    assert nodes["kv:pcck"]["inForceFrom"] == "2004-04-06"


def test_no_citation_is_left_at_the_top_level(nodes):
    assert [i for i in nodes if i.startswith("_:")] == []


def test_the_file_parses_back_to_the_built_graph_without_network(built, written):
    # parse_file refuses any context by reference; ours is inline, so it parses.
    back = parse_file(written)
    assert len(back) == len(built[0]) and canon.isomorphic(back, built[0])


def test_oxigraph_parses_it_to_the_built_graph(built, written):
    import pyoxigraph as ox

    triples = list(ox.parse(written.read_bytes(), format=ox.RdfFormat.JSON_LD))
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    back = Graph().parse(data=text, format="nt")
    assert len(back) == len(built[0]) and canon.isomorphic(back, built[0])


# Tiny graphs: the writer's rules one at a time, with a context of our own.
CTX = {
    "id": "@id",
    "type": "@type",
    "ex": EX,
    "xsd": XSD,
    "n": {"@id": "ex:n", "@type": "xsd:integer"},
    "ref": {"@id": "ex:ref", "@type": "@id"},
    "has": {"@id": "ex:has"},
    "Thing": "ex:Thing",
}


def _doc(triples: list[tuple]) -> dict:
    graph = Graph()
    for t in triples:
        graph.add(t)
    render(graph)  # the writers' own lossless check (Oxigraph) passes
    return {n["id"]: n for n in to_jsonld(canon.canonical_graph(graph), CTX)["@graph"]}


def test_a_blank_node_used_once_is_nested_and_one_used_twice_is_not():
    a, b, once, twice = URIRef(EX + "a"), URIRef(EX + "b"), BNode(), BNode()
    has = URIRef(EX + "has")
    doc = _doc(
        [
            (a, has, once),
            (once, has, Literal("x")),
            (a, has, twice),
            (b, has, twice),
            (twice, RDF.type, URIRef(EX + "Thing")),
        ]
    )
    shared = [i for i in doc if i.startswith("_:")]
    assert len(shared) == 1 and doc[shared[0]]["type"] == ["Thing"]
    assert sorted(doc["ex:a"]["has"], key=str) == sorted([{"has": "x"}, {"id": shared[0]}], key=str)
    assert doc["ex:b"]["has"] == {"id": shared[0]}


def test_integers_are_json_numbers_only_when_that_is_the_same_literal():
    a, n = URIRef(EX + "a"), URIRef(EX + "n")
    doc = _doc(
        [
            (a, n, Literal("12", datatype=URIRef(XSD + "integer"))),
            (a, n, Literal("012", datatype=URIRef(XSD + "integer"), normalize=False)),
            (a, n, Literal("twelve")),
        ]
    )
    assert sorted(doc["ex:a"]["n"], key=str) == sorted([12, "012", {"@value": "twelve"}], key=str)


def test_an_rdf_list_is_an_ordered_list_of_coerced_values():
    graph = Graph()
    head = BNode()
    Collection(graph, head, [URIRef(EX + "c"), URIRef(EX + "b")])
    graph.add((URIRef(EX + "a"), URIRef(EX + "ref"), head))
    render(graph)
    doc = to_jsonld(canon.canonical_graph(graph), CTX)
    assert doc["@graph"] == [{"id": "ex:a", "ref": {"@list": ["ex:c", "ex:b"]}}]
