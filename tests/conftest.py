"""Shared fixtures: the real project, loaded and validated once per session."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

from support import ROOT
from tipgraph.cli import main
from tipgraph.graph.load import Project, default_project, load_project
from tipgraph.graph.validate import Report, load_shapes, validate


@pytest.fixture(scope="session")
def project() -> Project:
    return default_project(ROOT)


@pytest.fixture(scope="session")
def loaded(project: Project) -> tuple[Graph, dict]:
    return load_project(project)


@pytest.fixture(scope="session")
def graph(loaded: tuple[Graph, dict]) -> Graph:
    return loaded[0]


@pytest.fixture(scope="session")
def shapes(project: Project) -> Graph:
    return load_shapes(project.shapes)


@pytest.fixture(scope="session")
def report(loaded: tuple[Graph, dict], shapes: Graph) -> Report:
    return validate(loaded[0], shapes, loaded[1])


@pytest.fixture(scope="session")
def oxigraph_server(
    tmp_path_factory: pytest.TempPathFactory,
):  # yields a tipgraph.sparql.server.Server
    """A real Oxigraph server on 127.0.0.1 at a free port, in a temporary store, for the session."""
    from tipgraph.sparql.server import start, stop

    server = start(tmp_path_factory.mktemp("oxigraph") / "store")
    try:
        yield server
    finally:
        stop(server)


@pytest.fixture(scope="session")
def built(project: Project) -> tuple[Graph, dict]:
    """The graph as ``tipgraph build`` and ``tipgraph query`` see it: with entailed types.

    A graph of its own, so that entailing it leaves the session's ``graph`` as curated.
    """
    from tipgraph.graph.entail import entail_types

    graph, origin = load_project(project)
    entail_types(graph)
    return graph, origin


@pytest.fixture
def query(monkeypatch, built):
    """``tipgraph query ...`` in-process, on the session's built graph (loaded once)."""
    monkeypatch.setattr("tipgraph.graph.load.load_project", lambda project, **kw: built)

    def run(*args: str):
        return CliRunner().invoke(main, ["--root", str(ROOT), "query", *args])

    return run
