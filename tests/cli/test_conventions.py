"""The conventions of a command-line tool: --version, python -m, stdin, completion, hints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tipgraph.cli import main
from tipgraph.errors import EndpointError
from tipgraph.sparql import server

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_packages():
    result = CliRunner().invoke(main, ["--version"])
    assert (result.exit_code, result.stdout) == (0, "tipgraph 0.1.0\n")


def test_python_dash_m_is_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "tipgraph", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, "tipgraph 0.1.0\n")


# cable ¶28: "To date, most of its funding has come from IOM, OSCE and the UK government."
# DISTINCT: since issue 13 the three funders also appear on their joint "most" funding.
PVPT_FUNDERS = """SELECT DISTINCT ?funder WHERE {
  ?f a tip:Funding ; tip:recipient kv:pvpt ; tip:funder ?funder .
  FILTER NOT EXISTS { ?f tip:negated true }
} ORDER BY ?funder
"""


@pytest.fixture
def query_stdin(monkeypatch, built):
    """``tipgraph query - ARGS`` in-process with TEXT on standard input, on the built graph.

    Not the session's curated ``graph``: the query command entails the graph it is given.
    """
    monkeypatch.setattr("tipgraph.graph.load.load_project", lambda project, **kw: built)

    def run(text: str, *args: str):
        return CliRunner().invoke(main, ["--root", str(ROOT), "query", "-", *args], input=text)

    return run


def test_query_dash_reads_the_query_from_standard_input(query_stdin):
    result = query_stdin(PVPT_FUNDERS, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "funder",
        "https://w3id.org/tipgraph/id/kosovo/iom",
        "https://w3id.org/tipgraph/id/kosovo/osce",
        "https://w3id.org/tipgraph/id/kosovo/uk-government",
    ]


def test_query_dash_keeps_the_header_and_its_parameters(query_stdin):
    text = (
        "# Question: Who funded this recipient?\n"
        "# Param: ?recipient iri kv:pvpt — the recipient\n"
        "SELECT ?sector WHERE { ?f a tip:Funding ; tip:recipient ?recipient ;"
        " tip:funderSector ?sector ; tip:negated true }\n"
    )
    # cable ¶28: PVPT "currently receives no government funding" (a negated funding, by sector)
    result = query_stdin(text, "--param", "recipient=kv:pvpt", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "sector",
        "https://w3id.org/tipgraph/vocab/sector-government",
    ]


def test_shell_completion_offers_library_names(tmp_path):
    env = {
        **os.environ,
        "COMP_WORDS": "tipgraph query shelter-f",
        "COMP_CWORD": "2",
        "_TIPGRAPH_COMPLETE": "bash_complete",
    }
    done = subprocess.run(
        [sys.executable, "-m", "tipgraph"], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=60,
    )  # fmt: skip
    assert done.stdout.splitlines() == ["plain,shelter-funders"]


def test_a_missing_server_binary_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EndpointError) as caught:
        server.oxigraph_binary()
    assert str(caught.value) == (
        f"oxigraph: server binary not found beside {tmp_path / 'python'} or on PATH; it comes "
        f"with tipgraph (`{tmp_path / 'python'} -m pip install 'oxigraph>=0.5,<0.6'` restores it)"
    )
