"""The ``tipgraph`` command group, and what every command shares.

Every command reports a failure as one line, ``tipgraph: error: <what>``, and
exits non-zero (2 for bad input, 1 when the graph does not conform, 3 for a
failing endpoint); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from tipgraph.errors import TipgraphError

__all__ = ["conforming_graph", "graph_of", "main", "print_report", "project_of", "store_option"]


class _Group(click.Group):
    """A group that turns tipgraph's own errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TipgraphError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tipgraph: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("tipgraph: error: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tipgraph", message="tipgraph %(version)s")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="TIPGRAPH_ROOT",
    show_envvar=True,
    help="Project folder (default: the current folder when it is one, else the Kosovo "
    "project installed with tipgraph, writing out/ in the current folder).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, root: Path | None) -> None:
    """tipgraph: the Kosovo counter-trafficking knowledge graph.

    Shell completion: eval "$(_TIPGRAPH_COMPLETE=bash_source tipgraph)" (zsh_source, fish_source).
    """
    from tipgraph.safety import guard

    from_env = ctx.get_parameter_source("root") == click.core.ParameterSource.ENVIRONMENT
    ctx.obj = {
        "debug": debug,
        "root": root,
        "root_from": "$TIPGRAPH_ROOT" if from_env else "--root",
    }
    # No input may open a connection; endpoint code calls guard.allow(url) first.
    guard.install()
    ctx.call_on_close(guard.reset)  # in-process callers (tests) get their sockets back


def project_of(ctx: click.Context, files: tuple[Path, ...] = ()) -> Any:
    """The project that ``--root`` names, with data FILES (when given) in front of its data.

    FILES are read with the curated data, not instead of it: the generated
    passages belong to the source documents, which name actors, which name
    places, all in the curated data; without them every passage would fail its
    shape. FILES come first, so a node they describe is reported in their file.
    """
    from tipgraph.errors import LoadError
    from tipgraph.graph.project import default_project, is_project

    root = ctx.obj["root"]
    if root is not None and not is_project(root):
        raise LoadError(
            f"{ctx.obj['root_from']} {root}: not a tipgraph project (no ontology/ and data/ "
            f"folders); `tipgraph init {root}` starts one"
        )
    project = default_project(root)
    if files:
        given = {f.resolve() for f in files}
        rest = tuple(p for p in project.data if p.resolve() not in given)
        project = dataclasses.replace(
            project, data=(*dict.fromkeys(files), *rest), given=tuple(files)
        )
    return project


def store_option(fn: Any) -> Any:
    """``--store DIR``: use the graph ``tipgraph load --store DIR`` wrote instead of loading."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
        help="Use the store `tipgraph load --store DIR` wrote instead of loading the files.",
    )(fn)


def graph_of(
    ctx: click.Context,
    store_dir: Path | None,
    files: tuple[Path, ...] = (),
    engine: str = "oxigraph",
) -> tuple[Any, Any]:
    """The graph and the origin of its nodes: from a store, or loaded (on ``engine``).

    From a store the origin is a function that finds the files of the nodes a
    report names, since a store keeps no map of them.
    """
    from functools import partial

    from tipgraph.cli.progress import stage

    if store_dir is not None:
        if files:
            raise click.UsageError("give FILES or --store, not both")
        from tipgraph.graph.store import locate, open_graph

        return open_graph(store_dir), partial(locate, store_dir)
    from tipgraph.graph.load import load_project

    project = project_of(ctx, files)
    with stage(f"loading {len(project.ontology) + len(project.data)} files"):
        return load_project(project, store=engine)


def print_report(report: Any) -> None:
    """Each finding on a line of its own, then the verdict."""
    for f in report.findings:
        where = f"{f.file}: " if f.file else ""
        path = f" {f.path}" if f.path else ""
        click.echo(f"{f.severity}: {where}{f.node}{path}: {f.message}")
    summary = (
        f"{report.count('Violation')} violation(s), {report.count('Warning')} warning(s), "
        f"{report.count('Info')} info"
    )
    click.echo(("conforms: " if report.conforms else "does not conform: ") + summary)


def _load_and_validate(ctx: click.Context) -> tuple[Any, Any]:
    from tipgraph.graph.load import load_project
    from tipgraph.graph.validate import load_shapes
    from tipgraph.graph.validate import validate as run

    project = project_of(ctx)
    graph, origin = load_project(project)
    return graph, run(graph, load_shapes(project.shapes), origin)


def conforming_graph(ctx: click.Context, refusal: str) -> tuple[Any, Any]:
    """The built graph and its report; a graph that does not conform stops the command.

    The built graph carries the subclass-entailed types (``tipgraph.graph.entail``), added
    after validation so that the shapes see the canonical sources as they are written.
    """
    from tipgraph.graph.entail import entail_types

    graph, report = _load_and_validate(ctx)
    if not report.conforms:
        print_report(report)
        click.echo(f"tipgraph: error: the graph does not conform; {refusal}", err=True)
        ctx.exit(1)
    entail_types(graph)
    return graph, report
