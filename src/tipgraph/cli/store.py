"""``tipgraph load --store DIR``: load a big graph once, for every later command to open."""

from __future__ import annotations

from pathlib import Path

import click

from tipgraph.cli.app import main, project_of


@main.command("load")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--store",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory of the on-disk Oxigraph store (replaced if it already holds one).",
)
@click.pass_context
def load_command(ctx: click.Context, files: tuple[Path, ...], directory: Path) -> None:
    """Bulk-load the graph (and data FILES) into a store for --store DIR to use.

    The store holds the ontology, the curated data, the generated passages and
    FILES, as `tipgraph validate FILES` sees them.
    """
    from tipgraph.cli.progress import bytes_read, stage
    from tipgraph.graph.load import load_files
    from tipgraph.graph.rules import check_passages
    from tipgraph.graph.sources import passages_graph
    from tipgraph.graph.store import create

    project = project_of(ctx, files)
    with stage("reading the source passages"):
        passages = passages_graph(project.sources)
    with stage("checking the curated data"):  # as load_project does: no invented passages
        curated = tuple(p for p in project.data if p not in project.given)
        graph, origin = load_files((*project.ontology, *curated))
        check_passages(graph, passages, origin)
    with bytes_read() as wrap:
        count = create(directory, (*project.ontology, *project.data), passages, wrap=wrap)
    click.echo(f"loaded {count} triples into {directory}")
