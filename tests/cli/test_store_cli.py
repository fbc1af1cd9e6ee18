"""`tipgraph load --store DIR` once, then validate, query, analyze and export from the store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "tipgraph.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    assert run("synth", "--countries", "1", "--years", "2", "--output", str(path)).returncode == 0
    return path


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bad") / "bad.ttl"
    path.write_text(
        "@prefix kv: <https://w3id.org/tipgraph/id/kosovo/> .\n"
        "@prefix tip: <https://w3id.org/tipgraph/def#> .\n"
        "kv:orphan a tip:Funding .\n"
    )
    return path


def test_a_synthetic_file_validates_with_the_passages_it_is_read_with(synthetic):
    # Before: the curated documents were dropped, so each of the 60 generated passages of
    # the two source documents failed "a passage belongs to exactly one source document".
    result = run("validate", str(synthetic))
    assert result.returncode == 0, result.stdout[-2000:]
    assert "exactly one source document" not in result.stdout
    assert result.stdout.endswith("conforms: 0 violation(s), 0 warning(s), 0 info\n")


def test_the_store_gives_the_same_report_as_the_files(tmp_path, bad):
    store = tmp_path / "store"
    loaded = run("load", "--store", str(store), str(bad))
    assert loaded.returncode == 0 and loaded.stdout.startswith("loaded ")
    assert loaded.stderr == ""  # not a terminal: no progress bar
    direct, stored = run("validate", str(bad)), run("validate", "--store", str(store))
    assert direct.returncode == 1
    assert (stored.returncode, stored.stdout) == (direct.returncode, direct.stdout)
    assert f"{bad}: kv:orphan" in stored.stdout  # the file the node was written in


def test_query_analyze_and_export_read_the_store(tmp_path):
    store = tmp_path / "store"
    assert run("load", "--store", str(store)).returncode == 0
    query = run("query", "pvpt-funders", "--format", "csv", "--store", str(store))
    assert query.returncode == 0, query.stderr
    # cable p28: "To date, most of its funding has come from IOM, OSCE and the UK government."
    funders = {line.split(",")[1] for line in query.stdout.splitlines()[1:]}
    kv = "https://w3id.org/tipgraph/id/kosovo/"
    assert {f"{kv}iom", f"{kv}osce", f"{kv}uk-government"} <= funders
    funding = run("analyze", "funding", "--format", "json", "--store", str(store))
    assert funding.returncode == 0 and '"funding"' in funding.stdout
    out = tmp_path / "net.graphml"
    export = run("export", "--format", "graphml", "--output", str(out), "--store", str(store))
    assert export.returncode == 0 and out.read_text().startswith("<?xml")


def test_store_and_files_together_are_refused(tmp_path, bad):
    result = run("validate", "--store", str(tmp_path), str(bad))
    assert result.returncode == 2 and "give FILES or --store, not both" in result.stderr


def test_a_missing_store_is_one_line(tmp_path):
    result = run("query", "pvpt-funders", "--store", str(tmp_path / "none"))
    assert result.returncode == 2
    assert result.stderr == (
        f"tipgraph: error: {tmp_path / 'none'}: not a tipgraph store "
        f"(run `tipgraph load --store {tmp_path / 'none'}` first)\n"
    )


def test_an_impossible_date_is_refused_by_the_store_too(tmp_path, synthetic):
    # What graph.rules refuses when loading through rdflib, the bulk loader refuses as well.
    bad_date = tmp_path / "date.nt"
    bad_date.write_text(
        "<https://w3id.org/tipgraph/id/x/a> <https://w3id.org/tipgraph/def#b> "
        '"2008-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    )
    store = tmp_path / "store"
    result = run("load", "--store", str(store), str(synthetic), str(bad_date))
    assert result.returncode == 2
    assert result.stderr == (
        f"tipgraph: error: {bad_date}: <https://w3id.org/tipgraph/id/x/a> "
        "tip:b: literal '2008-02-30' is not a valid xsd:date\n"
    )
    assert not store.exists() and not store.with_name("store.partial").exists()


def test_a_passage_invented_in_curated_data_is_refused_by_load(tmp_path):
    # A FILE named on the command line may carry its own documents' passages (as synth
    # writes them); the curated data may not: the same rule as every other command.
    project = tmp_path / "project"
    for folder in ("ontology", "shapes", "data", "queries"):
        (project / folder).mkdir(parents=True)
    for folder in ("ontology", "shapes", "data"):
        for f in (ROOT / folder).glob("*.ttl"):
            (project / folder / f.name).write_bytes(f.read_bytes())
    (project / "data" / "sources").mkdir()
    for f in (ROOT / "data" / "sources").glob("*.txt"):
        (project / "data" / "sources" / f.name).write_bytes(f.read_bytes())
    (project / "data" / "invented.ttl").write_text(
        "@prefix tip: <https://w3id.org/tipgraph/def#> .\n"
        "<https://w3id.org/tipgraph/id/doc/made-up/p1> a tip:Passage .\n"
    )
    result = run("--root", str(project), "load", "--store", str(tmp_path / "store"))
    assert result.returncode == 2
    assert (
        "invented.ttl: <https://w3id.org/tipgraph/id/doc/made-up/p1>: declares a tip:Passage"
        in (result.stderr)
    )
    assert not (tmp_path / "store").exists()
