"""Which project a command works on, and where its inputs and outputs live.

A project is a folder with ``ontology/``, ``shapes/``, ``data/`` (``data/sources/`` the
documents) and ``queries/``. The one used is, in order: the folder given (``--root``),
``$TIPGRAPH_ROOT``, the current folder when it is a project, the checkout this package
runs from (a development install), else the Kosovo project the wheel carries
(``tipgraph/project/``). Outputs go to ``out/`` in a project that was named or is the
current folder, else to ``out/`` in the current folder: the installed copy is never
written to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ENV",
    "Project",
    "bundled_root",
    "default_project",
    "find_root",
    "is_project",
    "template_root",
]

ENV = "TIPGRAPH_ROOT"


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live, and where its outputs go."""

    root: Path
    ontology: tuple[Path, ...] = field(default=())
    shapes: tuple[Path, ...] = field(default=())
    data: tuple[Path, ...] = field(default=())
    sources: Path = Path("data/sources")
    queries: Path = Path("queries")
    out: Path = Path("out")
    # Files the user named on the command line: whole graphs of their own (``tipgraph synth``
    # writes its chapters' passages), which may declare passages; curated data may not.
    given: tuple[Path, ...] = field(default=())


def is_project(folder: Path) -> bool:
    """A folder holding ``ontology/`` and ``data/`` is taken for a project."""
    return (folder / "ontology").is_dir() and (folder / "data").is_dir()


def bundled_root() -> Path:
    """The Kosovo project as installed: the wheel maps the repository's folders here."""
    return Path(__file__).resolve().parents[1] / "project"


def _checkout_root() -> Path | None:
    here = Path(__file__).resolve().parents[3]  # src/tipgraph/graph/project.py
    return here if is_project(here) and (here / "pyproject.toml").is_file() else None


def template_root() -> Path:
    """Where ``tipgraph init`` copies the ontology, shapes and curation guide from."""
    return _checkout_root() or bundled_root()


def find_root(root: Path | None = None) -> tuple[Path, bool]:
    """The project folder, and whether it is the user's (outputs go there) or ours."""
    if root is not None:
        return root, True
    if env := os.environ.get(ENV):
        return Path(env), True
    cwd = Path.cwd()
    if is_project(cwd):
        return cwd, True
    return (_checkout_root() or bundled_root()), False


def default_project(root: Path | None = None) -> Project:
    """The project rooted at ``root`` (default: see the module docstring)."""
    root, own = find_root(root)
    return Project(
        root=root,
        ontology=tuple(sorted((root / "ontology").glob("*.ttl"))),
        shapes=tuple(sorted((root / "shapes").glob("*.ttl"))),
        data=tuple(sorted((root / "data").glob("*.ttl"))),
        sources=root / "data" / "sources",
        queries=root / "queries",
        out=(root if own else Path.cwd()) / "out",
    )
