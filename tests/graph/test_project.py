"""Which project a command works on, where its outputs go, and what a new project starts as."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.namespace import RDF

from tipgraph.cli import main
from tipgraph.errors import LoadError
from tipgraph.graph.project import ENV, default_project
from tipgraph.graph.sources import passages_graph, read_passages
from tipgraph.namespaces import DOC

ROOT = Path(__file__).resolve().parents[2]


def _project(folder: Path) -> Path:
    for part in ("ontology", "shapes", "data/sources"):
        (folder / part).mkdir(parents=True)
    return folder


def test_a_named_root_holds_the_outputs(tmp_path):
    assert default_project(tmp_path).out == tmp_path / "out"


def test_the_environment_names_the_project(tmp_path, monkeypatch):
    mine = _project(tmp_path / "mine")
    monkeypatch.setenv(ENV, str(mine))
    monkeypatch.chdir(tmp_path)
    project = default_project()
    assert (project.root, project.out) == (mine, mine / "out")


def test_the_current_folder_is_the_project_when_it_is_one(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.chdir(_project(tmp_path / "here"))
    assert default_project().root == tmp_path / "here"


def test_from_any_other_folder_the_kosovo_project_is_used_and_out_is_here(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    project = default_project()
    assert project.root == ROOT  # a development install: the checkout (the wheel: its copy)
    assert project.out == tmp_path / "out"
    assert len(project.data) > 10 and (project.sources / "tip-report-2009-kosovo.txt").is_file()


def test_every_package_is_listed_for_the_wheel():
    """pyproject lists the packages by hand (the project folders sit outside src/).

    A folder of data files only (queries, static pages) is listed too: setuptools warns
    of, and may one day drop, an importable folder left out.
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {
        ".".join(d.relative_to(src).parts)
        for d in src.rglob("*")
        if d.is_dir() and d.name.isidentifier() and any(f.is_file() for f in d.iterdir())
    }
    assert found <= listed, found - listed


def test_a_root_that_is_not_a_project_is_one_line(tmp_path):
    result = CliRunner().invoke(main, ["--root", str(tmp_path), "validate"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"tipgraph: error: --root {tmp_path}: not a tipgraph project (no ontology/ and data/ "
        f"folders); `tipgraph init {tmp_path}` starts one\n"
    )


def test_init_starts_a_project_that_conforms(tmp_path):
    new = tmp_path / "albania"
    started = CliRunner().invoke(main, ["init", str(new)])
    assert started.exit_code == 0, started.output
    assert (new / "ontology" / "core.ttl").read_bytes() == (ROOT / "ontology/core.ttl").read_bytes()
    assert (new / "shapes" / "relations.ttl").is_file()
    assert (new / "docs" / "curation.md").is_file()
    assert not list((new / "data").glob("*.ttl")) and not any((new / "data" / "sources").iterdir())
    assert read_passages(new / "data" / "sources") == []
    checked = CliRunner().invoke(main, ["--root", str(new), "validate"])
    assert (checked.exit_code, checked.stdout) == (
        0,
        "conforms: 0 violation(s), 0 warning(s), 0 info\n",
    )
    again = CliRunner().invoke(main, ["init", str(new)])
    assert again.exit_code == 2
    assert again.stderr == f"tipgraph: error: {new}: exists and is not an empty folder\n"


def test_a_new_countrys_document_is_cited_by_paragraph(tmp_path):
    sources = _project(tmp_path) / "data" / "sources"
    (sources / "albania-2009.txt").write_text(
        "ALBANIA (Tier 2)\n\nThe government  funded\ntwo shelters.\n\n\nNGOs ran a hotline.\n",
        encoding="utf-8",
    )
    g = passages_graph(sources)
    texts = {str(s): str(o) for s, o in g.subject_objects(RDF.value)}
    assert texts == {
        str(DOC) + "albania-2009/p1": "ALBANIA (Tier 2)",
        str(DOC) + "albania-2009/p2": "The government funded two shelters.",
        str(DOC) + "albania-2009/p3": "NGOs ran a hotline.",
    }


def test_the_kosovo_documents_come_together(tmp_path):
    sources = _project(tmp_path) / "data" / "sources"
    chapter = "tip-report-2009-kosovo.txt"
    (sources / chapter).write_bytes((ROOT / "data" / "sources" / chapter).read_bytes())
    with pytest.raises(LoadError, match=r"cable-2008-03-12-pristina-000128.txt: cannot read"):
        read_passages(sources)
