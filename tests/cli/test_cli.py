"""The command line: exit codes, one-line errors, nothing written on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "tipgraph.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("@prefix ex: <urn:x:> .\nex:a ex:b .\n", "bad.ttl:2"),
        ("\x00\x01\x02 binary garbage \xff", "bad.ttl"),
        ("ex:a ex:b ex:c .\n", "bad.ttl:1"),
    ],
)
def test_malformed_file_is_one_line_exit_2(tmp_path, content, expected):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(content.encode("utf-8", "surrogateescape"))
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith("tipgraph: error: ") and expected in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_missing_file_is_one_line_exit_2(tmp_path):
    result = run("validate", str(tmp_path / "nope.ttl"))
    assert result.returncode == 2
    assert "nope.ttl: cannot read" in result.stderr and result.stderr.count("\n") == 1


def test_unknown_file_type_is_refused(tmp_path):
    other = tmp_path / "data.csv"
    other.write_text("a,b\n")
    result = run("validate", str(other))
    assert result.returncode == 2 and "unknown RDF file type" in result.stderr


def test_non_conforming_data_exits_1_and_names_the_node(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kv: <https://w3id.org/tipgraph/id/kosovo/> .\n"
        "@prefix tip: <https://w3id.org/tipgraph/def#> .\n"
        "kv:orphan a tip:Funding .\n"
    )
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "kv:orphan" in result.stdout and "does not conform" in result.stdout
    reference = run("validate", "--engine", "pyshacl", str(bad))
    assert (reference.returncode, reference.stdout) == (1, result.stdout)  # same findings, words


def test_fmt_check_names_the_fix(tmp_path):
    messy = tmp_path / "messy.ttl"
    messy.write_text("<urn:x:a>   <urn:x:b>    <urn:x:c> .\n")
    result = run("fmt", "--check", str(messy))
    assert result.returncode == 1 and f"tipgraph fmt {messy}" in result.stderr
    assert run("fmt", str(messy)).returncode == 0
    assert run("fmt", "--check", str(messy)).returncode == 0


def test_query_answers_alike_on_the_oxigraph_default_and_rdflib():
    # The embedded default is Oxigraph (cold start well under a second on Kosovo's graph).
    default = run("query", "pvpt-funders", "--format", "csv")
    memory = run("query", "pvpt-funders", "--format", "csv", "--engine", "memory")
    assert default.returncode == memory.returncode == 0
    assert default.stdout == memory.stdout and default.stdout.count("\n") > 3
