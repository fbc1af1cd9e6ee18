"""Build outputs: byte-stable, round-trippable, and never half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from tipgraph.errors import ExportError
from tipgraph.graph import export
from tipgraph.graph.canon import isomorphic
from tipgraph.graph.export import OUTPUTS, write_outputs

ROOT = Path(__file__).resolve().parents[2]


def _build(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [sys.executable, "-m", "tipgraph.cli", "build", "--out", str(out)]
    subprocess.run(cmd, check=True, env=env, capture_output=True, cwd=ROOT)
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_two_builds_are_byte_identical(tmp_path):
    # Different hash seeds change set and dict iteration order: output must not care.
    assert _build(tmp_path / "a", "1") == _build(tmp_path / "b", "2")


def test_formats_round_trip_to_the_same_graph(graph, tmp_path):
    write_outputs(graph, tmp_path)
    ttl = Graph().parse(tmp_path / "tipgraph.ttl", format="turtle")
    nt = Graph().parse(tmp_path / "tipgraph.nt", format="nt")
    jsonld = Graph().parse(tmp_path / "tipgraph.jsonld", format="json-ld")
    back = Graph().parse(data=jsonld.serialize(format="turtle"), format="turtle")
    assert len(ttl) == len(graph)
    assert isomorphic(ttl, nt) and isomorphic(nt, jsonld) and isomorphic(jsonld, back)


def test_a_failed_write_leaves_previous_outputs_whole(graph, tmp_path, monkeypatch):
    old = {}
    for name in OUTPUTS:
        (tmp_path / name).write_text(f"previous {name}\n")
        old[name] = (tmp_path / name).read_text()
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the second file fails half-way
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(export.os, "fsync", failing_fsync)
    with pytest.raises(ExportError, match="No space left"):
        write_outputs(graph, tmp_path)
    assert {n: (tmp_path / n).read_text() for n in OUTPUTS} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUTS)  # no temp files left
