"""Commands about projects themselves: init."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from tipgraph.cli.app import main

# What a new project starts from: the model, its checks and the guide to curating data.
# Data, documents and queries are the new country's own.
_COPIED = ("ontology/*.ttl", "ontology/README.md", "shapes/*.ttl", "docs/curation.md")
_EMPTY = ("data/sources", "queries")


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init_command(folder: Path) -> None:
    """Start a project for another country's documents in FOLDER (new or empty).

    It gets the ontology and shapes, the curation guide, an empty data/ with a
    sources/ folder for the documents, and an empty queries/ folder.
    """
    from tipgraph.errors import LoadError
    from tipgraph.graph.project import template_root

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise LoadError(f"{folder}: exists and is not an empty folder")
    template = template_root()
    files = [p for pattern in _COPIED for p in sorted(template.glob(pattern))]
    try:
        for path in files:
            target = folder / path.relative_to(template)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        for name in _EMPTY:
            (folder / name).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LoadError(f"{folder}: cannot write ({exc.strerror or exc})") from None
    click.echo(f"started {folder}: {len(files)} files (ontology/, shapes/, docs/curation.md)")
    click.echo(f"next: put the documents in {folder / 'data' / 'sources'} (one .txt each),")
    click.echo("      cite their paragraphs from Turtle files in data/ (docs/curation.md), then")
    click.echo(f"      tipgraph --root {folder} validate")
