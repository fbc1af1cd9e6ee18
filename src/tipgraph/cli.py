"""The ``tipgraph`` command line.

Every command reports a failure as one line, ``tipgraph: error: <what>``, and
exits non-zero (2 for bad input, 1 when the graph does not conform, 3 for a
failing endpoint); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import dataclasses
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
    from . import guard

    ctx.obj = {"debug": debug, "root": root}
    # No input may open a connection; endpoint code calls guard.allow(url) first.
    guard.install()
    ctx.call_on_close(guard.reset)  # in-process callers (tests) get their sockets back


def _project(ctx: click.Context, files: tuple[Path, ...] = ()) -> Any:
    from .load import default_project

    project = default_project(ctx.obj["root"])
    if files:
        project = dataclasses.replace(project, data=files)
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
@click.option(
    "--meta-shacl", is_flag=True, help="Also validate the shapes against SHACL-for-SHACL."
)
@click.option(
    "--engine",
    type=click.Choice(["turbo", "pyshacl"]),
    default="turbo",
    show_default=True,
    help="SHACL engine: pyshacl-turbo (Rust), or pyshacl, the reference it is tested against.",
)
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], meta_shacl: bool, engine: str) -> None:
    """Validate the graph (or the given data FILES with the ontology) against the shapes."""
    from .load import load_project
    from .validate import load_shapes
    from .validate import validate as run

    project = _project(ctx, files)
    graph, origin = load_project(project)
    report = run(graph, load_shapes(project.shapes), origin, meta_shacl=meta_shacl, engine=engine)
    _print_report(report)
    if not report.conforms:
        ctx.exit(1)


def _load_and_validate(ctx: click.Context) -> tuple[Any, Any]:
    from .load import load_project
    from .validate import load_shapes
    from .validate import validate as run

    project = _project(ctx)
    graph, origin = load_project(project)
    return graph, run(graph, load_shapes(project.shapes), origin)


def _conforming_graph(ctx: click.Context, refusal: str) -> tuple[Any, Any]:
    """The loaded graph and its report; a graph that does not conform stops the command."""
    graph, report = _load_and_validate(ctx)
    if not report.conforms:
        _print_report(report)
        click.echo(f"tipgraph: error: the graph does not conform; {refusal}", err=True)
        ctx.exit(1)
    return graph, report


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory (default: out/ in the project).",
)
@click.pass_context
def build(ctx: click.Context, out_dir: Path | None) -> None:
    """Load, validate and write out/tipgraph.{ttl,nt,jsonld}; writes nothing unless it conforms."""
    from .export import write_outputs

    graph, report = _conforming_graph(ctx, "outputs left unchanged")
    target = out_dir or _project(ctx).root / "out"
    for path in write_outputs(graph, target):
        click.echo(f"wrote {path}")
    click.echo(f"{len(graph)} triples; conforms with {report.count('Warning')} warning(s)")


@main.command("fmt")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Only report files that are not canonical (exit 1).")
@click.pass_context
def fmt_command(ctx: click.Context, files: tuple[Path, ...], check: bool) -> None:
    """Rewrite Turtle FILES (default: ontology, shapes, data) in canonical form."""
    from .export import atomic_write
    from .fmt import format_file

    project = _project(ctx)
    paths = files or (*project.ontology, *project.shapes, *project.data)
    changed = []
    for path in paths:
        current, canonical = format_file(path)
        if current != canonical:
            changed.append(path)
            if not check:
                atomic_write({path: canonical})
    for path in changed:
        click.echo(f"{'not canonical' if check else 'formatted'}: {path}")
    if check and changed:
        click.echo(f"tipgraph: error: run `tipgraph fmt {' '.join(map(str, changed))}`", err=True)
        ctx.exit(1)


@main.command("coverage")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    help="Output format.",
)
@click.option("--gaps-only", is_flag=True, help="Only passages that are uncited or have gaps.")
@click.option("--passage", "key", default=None, help="Only this passage (cable:p27).")
@click.pass_context
def coverage_command(
    ctx: click.Context, output_format: str, gaps_only: bool, key: str | None
) -> None:
    """Per passage: the nodes citing it, and the figures and names no node captures."""
    from .coverage import coverage, passage_key, render_json, render_table
    from .errors import QueryError
    from .load import load_project
    from .sources import read_passages

    project = _project(ctx)
    passages = read_passages(project.sources)
    if key is not None:
        passages = [p for p in passages if passage_key(p) == key]
        if not passages:
            raise QueryError(f"unknown passage {key!r} (expected e.g. cable:p27, tip09:p5)")
    graph, _ = load_project(project)
    rows = coverage(graph, passages)
    if output_format == "json":
        click.echo(render_json(rows, gaps_only=gaps_only))
    else:
        click.echo(render_table(rows, gaps_only=gaps_only, show_nodes=key is not None))


def _iri_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .namespaces import ABSOLUTE_IRI

    if value is not None and not ABSOLUTE_IRI.fullmatch(value):
        raise click.BadParameter(f"not an absolute IRI: {value!r}")
    return value


@main.command("push")
@click.option(
    "--endpoint", required=True, help="SPARQL query URL, e.g. http://127.0.0.1:7878/query."
)
@click.option("--update-url", default=None, help="SPARQL Update URL (default: derived).")
@click.option("--store-url", default=None, help="Graph Store Protocol URL (default: derived).")
@click.option(
    "--graph",
    "graph_iri",
    default=None,
    callback=_iri_option,
    help="Named graph to replace (default: the default graph).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@click.pass_context
def push_command(
    ctx: click.Context,
    endpoint: str,
    update_url: str | None,
    store_url: str | None,
    graph_iri: str | None,
    timeout: float,
) -> None:
    """Replace a SPARQL 1.1 server's graph with the built graph, atomically."""
    from .endpoint import derive_urls, push

    urls = derive_urls(endpoint, update_url, store_url)
    graph, _ = _conforming_graph(ctx, "nothing pushed")
    result = push(graph, urls, target=graph_iri, timeout=timeout)
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(
        f"pushed {result.triples} triples to {where} of {urls.store} in {result.seconds:.2f} s"
    )


@main.command("serve")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="TCP port (0: any free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; whoever can reach it can also write to the store.",
)
@click.option(
    "--location",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store directory (default: a temporary one, removed on exit).",
)
@click.pass_context
def serve_command(ctx: click.Context, port: int, host: str, location: Path | None) -> None:
    """Serve the built graph from a local Oxigraph server until Ctrl-C or SIGTERM."""
    import tempfile
    from contextlib import ExitStack

    from .endpoint import Urls, push
    from .server import interrupt_on_sigterm, running, wait

    graph, _ = _conforming_graph(ctx, "nothing served")
    try:
        with ExitStack() as stack:
            stack.enter_context(interrupt_on_sigterm())
            if location is None:
                tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="tipgraph-serve-"))
                location = Path(tmp) / "store"
            server = stack.enter_context(running(location, host=host, port=port))
            urls = Urls(server.query_url, server.update_url, server.store_url)
            result = push(graph, urls)
            click.echo(f"serving {result.triples} triples from {location}")
            click.echo(f"query:  {urls.query}")
            click.echo(f"update: {urls.update}")
            click.echo(f"store:  {urls.store}")
            click.echo(
                f"tipgraph: warning: update and store accept writes from anyone who can reach "
                f"{server.base}",
                err=True,
            )
            click.echo("press Ctrl-C to stop")
            wait(server)
    except KeyboardInterrupt:
        click.echo("stopped")


# Kept literal so that `tipgraph --help` does not import networkx; a test checks them
# against tipgraph.analysis.ANALYSES and tipgraph.analysis.projection.KINDS.
_ANALYSES = ("funding", "coordination", "flows", "timeline", "discrepancies")
_KINDS = ("funding", "coordination", "information", "oversight", "membership", "training")


@main.command("analyze")
@click.argument("name", type=click.Choice(_ANALYSES))
@click.option("--as-of", "as_of", default=None, help="timeline: the network on this day.")
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
@click.pass_context
def analyze_command(
    ctx: click.Context,
    name: str,
    as_of: str | None,
    fmt: str,
    remove: tuple[str, ...],
    remove_sector: str | None,
    kinds: tuple[str, ...],
) -> None:
    """Answer a network question: funding, coordination, flows, timeline, discrepancies."""
    from .analysis import render, run
    from .analysis.timeline import parse_day
    from .load import load_project

    day = parse_day(as_of, "--as-of date") if as_of is not None else None
    graph, _ = load_project(_project(ctx))
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
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: Path, kind: str) -> None:
    """Write the network for Gephi or Cytoscape (GraphML, GEXF or CSV)."""
    from .analysis import project
    from .load import load_project
    from .netexport import write_network

    graph, _ = load_project(_project(ctx))
    net = project(graph, None if kind == "all" else [kind])
    for path in write_network(net, fmt, output):
        click.echo(f"wrote {path}")
    click.echo(f"{net.number_of_nodes()} nodes, {net.number_of_edges()} edges")


@main.command("query")
@click.argument("spec", required=False, metavar="NAME|FILE|TEXT")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A value for one of the query's parameters (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "ttl"]),
    default=None,
    help="Output: table (default), csv, json (SPARQL 1.1 results); ttl for CONSTRUCT/DESCRIBE.",
)
@click.option("--endpoint", default=None, metavar="URL", help="Ask this SPARQL endpoint instead.")
@click.option(
    "--allow-network", is_flag=True, help="Let the query use SERVICE or FROM (it may fetch)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds to wait for an endpoint.",
)
@click.option(
    "--store",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="Embedded engine: Oxigraph (Rust; writes decimals canonically, 12 for 12.0) or rdflib's.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the query library and exit.")
@click.pass_context
def query_command(
    ctx: click.Context,
    spec: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    endpoint: str | None,
    allow_network: bool,
    timeout: float,
    store: str,
    list_queries: bool,
) -> None:
    """Run a library query (by NAME), a query FILE or query TEXT, embedded by default."""
    from .errors import QueryError
    from .query import bind_params, library, resolve, run_query
    from .results import render

    project = _project(ctx)
    if list_queries:
        if not project.queries.is_dir():
            raise QueryError(f"{project.queries}: no query library")
        lib = library(project.queries)
        width = max((len(name) for name in lib), default=0)
        for name, entry in lib.items():
            click.echo(f"{name.ljust(width)}  {entry.question}")
        return
    if not spec:
        raise QueryError("give a query name, a .rq file or query text (or --list)")
    given: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r}: expected KEY=VALUE")
        given[key.strip().lstrip("?")] = value
    chosen = resolve(spec, project.queries)
    bindings = bind_params(chosen, given)
    if allow_network:
        from . import guard

        guard.allow_all()  # the user asked for SERVICE / FROM: let the process reach out
    graph = None
    if endpoint is None:
        from .load import load_project

        graph, _ = load_project(project, store=store)  # Oxigraph: parsed and queried in Rust
    result = run_query(
        chosen.text,
        bindings,
        graph=graph,
        endpoint=endpoint,
        allow_network=allow_network,
        timeout=timeout,
    )
    text = render(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))


@main.command("synth")
@click.option("--countries", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--years", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--triples", type=click.IntRange(min=1), default=None, help="Stop after this many.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same bytes.")
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="N-Triples."
)
def synth_command(countries: int, years: int, triples: int | None, seed: int, output: Path) -> None:
    """Write a synthetic multi-country graph of the Kosovo graph's shape (for scale tests)."""
    from .synth import write

    count = write(output, countries, years, seed=seed, triples=triples)
    click.echo(f"wrote {output}: {count} triples")


@main.command("report")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (default: out/report.html in the project).",
)
@click.pass_context
def report_command(ctx: click.Context, output: Path | None) -> None:
    """Write the findings, with citations and drawings, as one self-contained HTML page."""
    from .load import load_project
    from .report import write_report

    project = _project(ctx)
    graph, _ = load_project(project)
    path = write_report(graph, output or project.root / "out" / "report.html")
    click.echo(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
