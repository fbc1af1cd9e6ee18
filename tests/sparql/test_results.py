"""Query answers as table, CSV, JSON and Turtle: each format follows its spec and parses back."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from tipgraph.cli import main
from tipgraph.errors import QueryError
from tipgraph.graph.fmt import serialize
from tipgraph.namespaces import KV, PREFIXES, TIP
from tipgraph.sparql.query import Result
from tipgraph.sparql.results import render, to_csv, to_json, to_table, to_turtle

ROOT = Path(__file__).resolve().parents[2]
XSD = Namespace(PREFIXES["xsd"])  # rdflib's own XSD warns when pytest inspects it


def select(variables: list[str], *rows: list) -> Result:
    return Result("SELECT", variables, [dict(zip(variables, r, strict=True)) for r in rows])


MIXED = select(
    ["s", "label", "n", "tagged", "b", "missing"],
    [KV.pvpt, Literal("PVPT"), Literal("3", datatype=XSD.integer), Literal("hi", lang="en"),
     BNode("x1"), None],
)  # fmt: skip


# -- JSON: SPARQL 1.1 Query Results JSON Format ------------------------------------


def test_json_select_has_head_vars_and_typed_bindings():
    assert json.loads(to_json(MIXED)) == {
        "head": {"vars": ["s", "label", "n", "tagged", "b", "missing"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": str(KV.pvpt)},
                    "label": {"type": "literal", "value": "PVPT"},
                    "n": {"type": "literal", "value": "3", "datatype": str(XSD.integer)},
                    "tagged": {"type": "literal", "value": "hi", "xml:lang": "en"},
                    "b": {"type": "bnode", "value": "x1"},
                    # an unbound variable has no entry at all
                }
            ]
        },
    }


@pytest.mark.parametrize("answer", [True, False])
def test_json_ask_is_head_and_boolean(answer):
    assert json.loads(to_json(Result("ASK", boolean=answer))) == {"head": {}, "boolean": answer}


def test_json_keeps_non_ascii_and_an_explicit_xsd_string_as_a_simple_literal():
    result = select(["q"], [Literal("Prishtinë “quoted”", datatype=XSD.string)])
    assert json.loads(to_json(result))["results"]["bindings"] == [
        {"q": {"type": "literal", "value": "Prishtinë “quoted”"}}
    ]


# -- CSV: SPARQL 1.1 Query Results CSV Format --------------------------------------


def test_csv_has_a_header_crlf_line_ends_and_quotes_what_needs_quoting():
    tricky = 'a, "quoted"\nline'
    text = to_csv(select(["s", "q"], [KV.pvpt, Literal(tricky)], [KV.hhc, Literal("plain")]))
    assert text.startswith("s,q\r\n") and text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["s", "q"],
        [str(KV.pvpt), tricky],  # IRIs bare, literals as their lexical form
        [str(KV.hhc), "plain"],
    ]


def test_csv_writes_blank_nodes_as_underscore_labels_and_unbound_as_empty():
    rows = list(csv.reader(io.StringIO(to_csv(MIXED), newline="")))
    assert rows[1] == [str(KV.pvpt), "PVPT", "3", "hi", "_:x1", ""]


def test_csv_of_ask_is_one_boolean_column():
    assert to_csv(Result("ASK", boolean=False)) == "boolean\r\nfalse\r\n"


# -- table ---------------------------------------------------------------------------


def test_table_shows_prefixed_names_full_iris_otherwise_and_counts_rows():
    text = to_table(select(["s", "o"], [KV.pvpt, URIRef("urn:x:y")], [TIP.Funding, None]))
    lines = text.splitlines()
    assert lines[0].split() == ["s", "o"]
    assert lines[2].split() == ["kv:pvpt", "<urn:x:y>"]
    assert lines[3].split() == ["tip:Funding"]
    assert lines[-1] == "(2 rows)"


def test_table_aligns_columns_and_cuts_long_cells():
    long = "x" * 100
    text = to_table(select(["a", "b"], ["1", long], ["22", "y"]), width=20)
    lines = text.splitlines()[:-1]
    assert [line[:4] for line in lines] == ["a   ", "--  ", "1   ", "22  "]
    assert [line[4] for line in lines] == ["b", "-", "x", "y"]  # the second column lines up
    assert lines[2].endswith("x" * 19 + "…")


def test_table_puts_a_multi_line_literal_on_one_line():
    text = to_table(select(["q"], [Literal("one\ntwo\tthree")]))
    assert "one two three" in text.splitlines()[2]


def test_table_of_ask_is_true_or_false():
    assert to_table(Result("ASK", boolean=True)) == "true\n"


# -- Turtle and format choice ------------------------------------------------------


def small_graph() -> Graph:
    g = Graph()
    g.add((KV.pvpt, RDFS.label, Literal("PVPT")))
    g.add((KV["funding-iom-pvpt"], TIP.recipient, KV.pvpt))
    return g


def test_turtle_is_the_canonical_serialisation_and_parses_back():
    g = small_graph()
    text = to_turtle(Result("CONSTRUCT", graph=g))
    assert text == serialize(g)
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)


def test_default_format_is_a_table_for_select_and_turtle_for_construct():
    assert render(MIXED) == to_table(MIXED)
    construct = Result("CONSTRUCT", graph=small_graph())
    assert render(construct) == to_turtle(construct)


@pytest.mark.parametrize(
    ("result", "fmt"),
    [
        (MIXED, "ttl"),
        (Result("ASK", boolean=True), "ttl"),
        (Result("CONSTRUCT", graph=Graph()), "csv"),
        (Result("DESCRIBE", graph=Graph()), "json"),
        (Result("CONSTRUCT", graph=Graph()), "table"),
        (MIXED, "xml"),
    ],
)
def test_a_format_that_does_not_fit_the_answer_is_refused(result, fmt):
    with pytest.raises(QueryError):
        render(result, fmt)


# -- through the command line, on the real graph ------------------------------------


def test_cli_json_is_sparql_results_json(query):
    out = query("mlsw-hhc-funding", "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert set(doc) == {"head", "results"}
    variables = doc["head"]["vars"]
    assert variables == [
        "funding", "fundingLabel", "periodLabel", "value", "currency", "qualifier", "partOf",
        "passage", "quote",
    ]  # fmt: skip
    bindings = doc["results"]["bindings"]
    assert all(set(b) <= set(variables) for b in bindings)
    assert {t["type"] for b in bindings for t in b.values()} == {"uri", "literal"}
    assert {b["value"]["datatype"] for b in bindings} == {str(XSD.decimal)}
    # cable p27: "about 191,970 euros (282,030 dollars)"
    amounts = {(Decimal(b["value"]["value"]), b["currency"]["value"]) for b in bindings}
    assert {(Decimal(191970), "EUR"), (Decimal(282030), "USD")} <= amounts
    whole = [b for b in bindings if b["funding"]["value"] == str(KV["funding-mlsw-hhc-2007"])]
    assert whole and all("partOf" not in b for b in whole)  # unbound: no entry


def test_cli_csv_parses_back_to_the_header_and_rows(query):
    # cable p28: "most of its funding has come from IOM, OSCE and the UK government"
    out = query("pvpt-funders", "--format", "csv")
    assert out.exit_code == 0, out.output
    header, *rows = list(csv.reader(io.StringIO(out.stdout, newline="")))
    assert header == [
        "funding",
        "funder",
        "funderLabel",
        "negated",
        "portion",  # issue 13: "most", the source's word, on the joint funding
        "periodLabel",
        "passage",
        "quote",
    ]
    got = {(r[header.index("funder")], r[header.index("negated")]) for r in rows}
    assert {
        (str(KV.iom), "false"),
        (str(KV.osce), "false"),
        (str(KV["uk-government"]), "false"),
    } < got


def test_cli_table_is_the_default_with_prefixed_names_and_a_row_count(query):
    out = query("international-bodies-kosovo-cannot-join")  # cable p46: Interpol, Europol, SECI
    assert out.exit_code == 0, out.output
    assert "kv:interpol" in out.stdout and "cable:p46" in out.stdout
    assert out.stdout.rstrip().endswith("(3 rows)")


def test_cli_construct_prints_turtle_for_the_given_actor(query):
    out = query("actor-neighbourhood", "--param", "actor=kv:pvpt")
    assert out.exit_code == 0, out.output
    g = Graph().parse(data=out.stdout, format="turtle")
    # cable p28: IOM funding of PVPT
    assert (KV["funding-iom-pvpt"], TIP.recipient, KV.pvpt) in g
    # issue 13: the label is the sources' own words (cable p4)
    assert (KV.iom, RDFS.label, Literal("International Organization of Migration")) in g
    # cable p28: PVPT "currently receives no government funding": the absence stays marked
    assert (KV["funding-government-pvpt-none"], TIP.negated, Literal(True)) in g


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", "true\n"),
        ("json", '{\n  "head": {},\n  "boolean": true\n}\n'),
        ("csv", "boolean\r\ntrue\r\n"),
    ],
)
def test_cli_ask_query_text(query, fmt, expected):
    out = query("ASK { kv:pvpt a tip:Shelter }", "--format", fmt)
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes.decode() == expected  # .stdout would turn CRLF into LF


def test_cli_param_picks_the_article(query):
    # cable p36: Article 140, "one to five years ... three to seven years" for an official
    out = query("article-penalties", "--param", "article=kv:pcck-art-140", "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(out.stdout, newline="")))
    assert {(r[header.index("minMonths")], r[header.index("maxMonths")]) for r in rows} == {
        ("12", "60"),
        ("36", "84"),
    }


def test_cli_loads_the_project_itself_when_not_given_a_graph():
    out = CliRunner().invoke(
        main, ["--root", str(ROOT), "query", "one-way-flows", "--format", "csv"]
    )
    assert out.exit_code == 0, out.output
    # cable p46: to foreign governments and to international organizations
    assert len(list(csv.reader(io.StringIO(out.stdout, newline="")))) == 1 + 2


def test_turtle_writes_an_xsd_string_as_a_simple_literal():
    """Oxigraph's CONSTRUCT answers spell out ^^xsd:string; RDF 1.1 says it is the same term."""
    g = Graph()
    g.add((KV.pvpt, RDFS.label, Literal("PVPT", datatype=XSD.string)))
    g.add((KV.pvpt, RDFS.comment, Literal("shelter", lang="en")))
    out = to_turtle(Result("CONSTRUCT", graph=g))
    assert '"PVPT" ;' in out or '"PVPT" .' in out
    assert "xsd:string" not in out and '"shelter"@en' in out


def test_construct_on_oxigraph_has_no_xsd_string_and_matches_rdflib(tmp_path):
    """The default engine and rdflib's give the same canonical Turtle for a CONSTRUCT."""
    import subprocess
    import sys

    def ttl(*store: str) -> str:
        cmd = [sys.executable, "-m", "tipgraph", "--root", str(ROOT), "query"]
        cmd += ["actor-neighbourhood", "--param", "actor=kv:pvpt", "--format", "ttl", *store]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    oxigraph = ttl()
    assert "^^xsd:string" not in oxigraph
    # cable ¶28: the quote is written as the plain literal it is in data/funding.ttl
    assert (
        'oa:exact "To date, most of its funding has come from IOM, OSCE and the UK government."'
        in oxigraph
    )
    assert oxigraph == ttl("--engine", "memory")
