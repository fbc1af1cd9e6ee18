"""`tipgraph analyze` and `tipgraph export`, in-process (CliRunner) on the session graph."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from tipgraph import cli
from tipgraph.analysis import ANALYSES
from tipgraph.analysis.projection import KINDS
from tipgraph.cli import main
from tipgraph.graph import load


@pytest.fixture
def run(graph: Graph, monkeypatch):
    """Invoke the CLI on the already loaded graph (loading is tested elsewhere)."""
    monkeypatch.setattr(load, "load_project", lambda *a, **k: (graph, {}))

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))

    return invoke


def test_the_cli_choices_match_the_package():
    assert cli._ANALYSES == ANALYSES and cli._KINDS == KINDS


@pytest.mark.parametrize("name", ANALYSES)
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_analysis_runs_in_every_format(run, name, fmt):
    result = run("analyze", name, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        doc = json.loads(result.output)
        assert (doc["analysis"], doc["format_version"]) == (name, 1) and doc["findings"]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.output)))
        assert rows[0][:6] == ["section", "subject", "label", "text", "relations", "passages"]
        assert len(rows) > 1
    else:
        assert result.output.startswith(name) and "[cable:" in result.output


def test_timeline_as_of_shows_pvpt_closed(run):
    # cable p28: "It closed again in mid-December 2007"
    result = run("analyze", "timeline", "--as-of", "2008-01-15", "--format", "json")
    found = [
        f
        for f in json.loads(result.output)["findings"]
        if f["section"] == "as-of" and f["subject"] == "kv:pvpt"
    ]
    assert found[0]["data"]["status"] == "closed"


def test_funding_what_if_removing_mlsw(run):
    # cable p27: MLSW is HHC's only stated funder.
    result = run("analyze", "funding", "--remove", "kv:mlsw")
    assert "[what-if]" in result.output
    assert "Hope and Homes for Children loses all" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "timeline", "--as-of", "2008-13-01"], "bad --as-of date"),
        (
            ["analyze", "funding", "--as-of", "2008-01-15"],
            "timeline and coordination analyses only",
        ),
        (["analyze", "flows", "--remove", "kv:mlsw"], "funding analysis only"),
        (["analyze", "funding", "--remove", "kv:nobody"], "not a funder"),
    ],
)
def test_bad_options_are_one_line_exit_2(run, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.startswith("tipgraph: error: ") and message in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_export_writes_each_format(run, tmp_path, fmt):
    result = run("export", "--format", fmt, "--output", str(tmp_path / f"net.{fmt}"))
    assert result.exit_code == 0, result.output
    expected = ["net_edges.csv", "net_nodes.csv"] if fmt == "csv" else [f"net.{fmt}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == expected


def test_export_of_one_kind_has_only_that_kind(run, tmp_path):
    out = tmp_path / "funding.graphml"
    result = run("export", "--format", "graphml", "--output", str(out), "--kind", "funding")
    assert result.exit_code == 0, result.output
    kinds = {d["kind"] for *_, d in nx.read_graphml(out, force_multigraph=True).edges(data=True)}
    assert kinds == {"funding"}


def test_analyze_end_to_end_loads_the_project():
    # One real run without the session graph: the command loads the files itself.
    result = CliRunner().invoke(main, ["analyze", "discrepancies", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["analysis"] == "discrepancies"


def test_answers_do_not_depend_on_the_hash_seed():
    # Set and dict order change with PYTHONHASHSEED; no answer may (a node with two comments
    # once made the discrepancies differ from run to run).
    script = (
        "from tipgraph.analysis import ANALYSES, run, to_json\n"
        "from tipgraph.graph.load import default_project, load_project\n"
        "g, _ = load_project(default_project())\n"
        "print(''.join(to_json(run(n, g)) for n in ANALYSES))\n"
    )

    def answers(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    assert answers("1") == answers("2")
