"""Commands for readers and analysts: analyze, export, report, explore."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tipgraph.cli.app import graph_of, main, project_of, store_option

if TYPE_CHECKING:
    from rdflib import Graph

# Kept literal so that `tipgraph --help` does not import networkx; a test checks them
# against tipgraph.analysis.ANALYSES and tipgraph.analysis.projection.KINDS.
_ANALYSES = ("funding", "coordination", "flows", "timeline", "discrepancies")
_KINDS = ("funding", "coordination", "information", "oversight", "membership", "training")


@main.command("analyze")
@click.argument("name", type=click.Choice(_ANALYSES))
@click.option(
    "--as-of", "as_of", default=None, help="timeline, coordination: the network on this day."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--remove", multiple=True, metavar="FUNDER-IRI", help="funding: what if gone.")
@click.option(
    "--remove-sector",
    type=click.Choice(["government", "international"]),
    default=None,
    help="funding: what if every funder of this sector is gone.",
)
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(_KINDS), help="coordination: layers."
)
@store_option
@click.pass_context
def analyze_command(
    ctx: click.Context,
    name: str,
    as_of: str | None,
    fmt: str,
    remove: tuple[str, ...],
    remove_sector: str | None,
    kinds: tuple[str, ...],
    store_dir: Path | None,
) -> None:
    """Answer a network question: funding, coordination, flows, timeline, discrepancies."""
    from tipgraph.analysis import render, run
    from tipgraph.analysis.dates import parse_day

    day = parse_day(as_of, "--as-of date") if as_of is not None else None
    graph, _ = graph_of(ctx, store_dir)
    result = run(name, graph, as_of=day, remove=remove, remove_sector=remove_sector, kinds=kinds)
    click.echo(render(result, fmt), nl=False)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv"]), required=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write; for csv, PATH_nodes.csv and PATH_edges.csv.",
)
@click.option(
    "--kind",
    type=click.Choice([*_KINDS, "all"]),
    default="all",
    show_default=True,
    help="Which relations to export.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="One edge per tie (kind, ends, stated absence) with a count, for Cytoscape.",
)
@store_option
@click.pass_context
def export_command(
    ctx: click.Context, fmt: str, output: Path, kind: str, merge: bool, store_dir: Path | None
) -> None:
    """Write the network for Gephi or Cytoscape (GraphML, GEXF or CSV)."""
    from tipgraph.analysis import project
    from tipgraph.report.netexport import merge_parallel, write_network

    graph, _ = graph_of(ctx, store_dir)
    net = project(graph, None if kind == "all" else [kind])
    if merge:
        net = merge_parallel(net)
    for path in write_network(net, fmt, output):
        click.echo(f"wrote {path}")
    click.echo(f"{net.number_of_nodes()} nodes, {net.number_of_edges()} edges")


@main.command("report")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (default: out/report.html; see --root).",
)
@click.pass_context
def report_command(ctx: click.Context, output: Path | None) -> None:
    """Write the findings, with citations and drawings, as one self-contained HTML page."""
    from tipgraph.report.document import write_report

    _write_page(ctx, output, "report.html", write_report)


@main.command("explore")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (default: out/explorer.html; see --root).",
)
@click.pass_context
def explore_command(ctx: click.Context, output: Path | None) -> None:
    """Write the explorer: one offline page to search, follow and check every fact."""
    from tipgraph.explore import write_explorer

    _write_page(ctx, output, "explorer.html", write_explorer)


def _write_page(
    ctx: click.Context, output: Path | None, name: str, write: Callable[[Graph, Path], Path]
) -> None:
    """Load the project's graph and write one page of it (``out/NAME`` unless ``output``)."""
    from tipgraph.graph.load import load_project

    project = project_of(ctx)
    graph, _ = load_project(project)
    click.echo(f"wrote {write(graph, output or project.out / name)}")
