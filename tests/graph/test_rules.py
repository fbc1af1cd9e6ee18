"""Impossible literals and invented passages are refused at load, one line for every command.

Each test plants one fault in a copy of the real project (data copied,
ontology, shapes, queries and sources linked) and runs the commands a user
would, in-process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tipgraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = [
    ("validate",),
    ("build", "--out", "OUT"),
    ("analyze", "timeline"),
    ("report", "--output", "OUT/report.html"),
    ("query", "timeline", "--engine", "oxigraph"),
    ("query", "timeline", "--engine", "memory"),
]


@pytest.fixture
def copy(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    for part in ("ontology", "shapes", "queries"):
        (root / part).symlink_to(ROOT / part)
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("sources"))
    (root / "data" / "sources").symlink_to(ROOT / "data" / "sources")
    return root


def _run(root: Path, *args: str):
    args = tuple(a.replace("OUT", str(root / "out")) for a in args)
    return CliRunner().invoke(main, ["--root", str(root), *args])


def _plant(root: Path, name: str, old: str, new: str) -> Path:
    path = root / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_impossible_date_is_one_line_naming_file_and_node(copy, command):
    # Issue 12, item 7: 30 February. data/events.ttl dates the declaration of 17 February 2008.
    path = _plant(copy, "events.ttl", '"2008-02-17"^^xsd:date', '"2008-02-30"^^xsd:date')
    result = _run(copy, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"tipgraph: error: {path}: _:")
    assert result.stderr.endswith("time:inXSDDate: literal '2008-02-30' is not a valid xsd:date\n")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert not (copy / "out").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_lone_surrogate_is_one_line_naming_file_and_node(copy, command):
    path = _plant(
        copy, "actors.ttl", 'rdfs:label "Albanian police counterparts"', 'rdfs:label "\\uD800"'
    )
    result = _run(copy, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"tipgraph: error: {path}: kv:albanian-counterparts rdfs:label: literal holds a lone "
        "surrogate, which is not a Unicode character\n"
    )


INVENTED = """\
@prefix kv: <https://w3id.org/tipgraph/id/kosovo/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix tip: <https://w3id.org/tipgraph/def#> .
@prefix tipv: <https://w3id.org/tipgraph/vocab/> .
@prefix cable: <https://w3id.org/tipgraph/id/doc/cable-2008-03-12-pristina-000128/> .

PASSAGE

kv:invented-group a tip:ActorGroup ;
    rdfs:label "an invented group" ;
    tip:sector tipv:sector-foreign-government ;
    prov:wasDerivedFrom [ a oa:SpecificResource ;
        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "funded every shelter in full" ] ;
        oa:hasSource SOURCE ] .
"""


@pytest.mark.parametrize(
    ("passage", "source", "message"),
    [
        (
            'kv:fake-passage a tip:Passage ; rdf:value "The ministry funded every shelter in full." .',
            "kv:fake-passage",
            "kv:fake-passage: declares a tip:Passage; passages come only from the source documents",
        ),
        (
            'cable:p46 rdf:value "The ministry funded every shelter in full." .',
            "cable:p46",
            "cable:p46: states rdf:value of a passage; passages come only from the source",
        ),
    ],
    ids=["declared", "text-added-to-a-real-one"],
)
def test_a_passage_invented_in_data_is_refused(copy, passage, source, message):
    # Issue 12, item 8: this conformed, the "verbatim" quote matching the invented text.
    path = copy / "data" / "invented.ttl"
    path.write_text(INVENTED.replace("PASSAGE", passage).replace("SOURCE", source), "utf-8")
    result = _run(copy, "validate")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"tipgraph: error: {path}: {message} (data/sources)\n" or (
        message in result.stderr and result.stderr.count("\n") == 1
    )


def test_the_real_project_declares_no_passage_of_its_own(project):
    from tipgraph.graph.load import load_project

    graph, _ = load_project(project)  # would raise LoadError naming the file
    assert len(graph) > 0
