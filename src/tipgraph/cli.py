"""The ``tipgraph`` command line.

Every command reports a failure as one line, ``tipgraph: error: <what>``, and
exits non-zero (2 for bad input, 1 when the graph does not conform, 3 for a
failing endpoint); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .errors import TipgraphError

__all__ = ["main"]


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


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project directory (default: this checkout).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool, root: Path | None) -> None:
    """tipgraph: the Kosovo counter-trafficking knowledge graph."""
    ctx.obj = {"debug": debug, "root": root}


def _project(ctx: click.Context, files: tuple[Path, ...] = ()) -> Any:
    from .load import default_project

    project = default_project(ctx.obj["root"])
    if files:
        project = type(project)(project.root, project.ontology, project.shapes, files, project.sources)
    return project


def _print_report(report: Any) -> None:
    for f in report.findings:
        where = f"{f.file}: " if f.file else ""
        path = f" {f.path}" if f.path else ""
        click.echo(f"{f.severity}: {where}{f.node}{path}: {f.message}")
    summary = (
        f"{report.count('Violation')} violation(s), {report.count('Warning')} warning(s), "
        f"{report.count('Info')} info"
    )
    click.echo(("conforms: " if report.conforms else "does not conform: ") + summary)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--meta-shacl", is_flag=True, help="Also validate the shapes against SHACL-for-SHACL.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], meta_shacl: bool) -> None:
    """Validate the graph (or the given data FILES with the ontology) against the shapes."""
    from .load import load_project
    from .validate import load_shapes
    from .validate import validate as run

    project = _project(ctx, files)
    graph, origin = load_project(project)
    report = run(graph, load_shapes(project.shapes), origin, meta_shacl=meta_shacl)
    _print_report(report)
    if not report.conforms:
        ctx.exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
