"""Commands that speak SPARQL: query, push, serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tipgraph.cli.app import conforming_graph, graph_of, main, project_of, store_option


def _iri_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from tipgraph.namespaces import ABSOLUTE_IRI

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
    from tipgraph.sparql.push import derive_urls, push

    urls = derive_urls(endpoint, update_url, store_url)
    graph, _ = conforming_graph(ctx, "nothing pushed")
    result = push(graph, urls, target=graph_iri, timeout=timeout)
    where = f"graph <{result.graph}>" if result.graph else "the default graph"
    if result.graph and not graph_iri:  # Virtuoso: no default graph of its own
        where += ", which queries without FROM read"
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
    help="Address to bind; whoever can reach it can query the store.",
)
@click.option(
    "--location",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Store directory (default: a temporary one, removed on exit).",
)
@click.option(
    "--allow-updates",
    is_flag=True,
    help="Also serve update and store endpoints (anyone who can reach them can write).",
)
@click.pass_context
def serve_command(
    ctx: click.Context, port: int, host: str, location: Path | None, allow_updates: bool
) -> None:
    """Serve the built graph from a local Oxigraph server, read-only, until Ctrl-C or SIGTERM.

    Read-only by default: any web page open in a browser on this machine can
    POST to 127.0.0.1, so a writable server is a server any page can rewrite.
    """
    import tempfile
    from contextlib import ExitStack

    from tipgraph.sparql.gate import gate
    from tipgraph.sparql.push import Urls, push
    from tipgraph.sparql.server import free_port, interrupt_on_sigterm, load, running, wait

    graph, _ = conforming_graph(ctx, "nothing served")
    try:
        with ExitStack() as stack:
            stack.enter_context(interrupt_on_sigterm())
            if location is None:
                tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="tipgraph-serve-"))
                location = Path(tmp) / "store"
            if not allow_updates:
                triples = load(location, graph.serialize(format="nt", encoding="utf-8"))
                server = stack.enter_context(
                    running(location, host=host, port=port, read_only=True)
                )
                urls = Urls(server.query_url, server.update_url, server.store_url)
                base = server.base
            else:  # Oxigraph on a private port, behind a gate that checks Host and Origin
                server = stack.enter_context(running(location, port=free_port()))
                base = stack.enter_context(gate((server.host, server.port), host, port))
                urls = Urls(base + "/query", base + "/update", base + "/store")
                triples = push(graph, urls).triples
            click.echo(f"serving {triples} triples from {location}")
            click.echo(f"query:  {urls.query}")
            if allow_updates:
                click.echo(f"update: {urls.update}")
                click.echo(f"store:  {urls.store}")
                click.echo(
                    "tipgraph: warning: update and store accept writes from any program that "
                    f"can reach {base} (writes sent by web pages are refused)",
                    err=True,
                )
            else:
                click.echo("read-only (pass --allow-updates to accept writes)")
            click.echo("press Ctrl-C to stop")
            wait(server)
    except KeyboardInterrupt:
        click.echo("stopped")


def _query_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of library names (files and text are the shell's own business)."""
    from tipgraph.graph.project import default_project
    from tipgraph.sparql.query import library

    queries = default_project((ctx.find_root().params or {}).get("root")).queries
    names = library(queries) if queries.is_dir() else {}
    return [name for name in names if name.startswith(incomplete)]


@main.command("query")
@click.argument("spec", required=False, metavar="NAME|FILE|TEXT|-", shell_complete=_query_names)
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
    "--graph",
    "graph_iri",
    default=None,
    metavar="IRI",
    callback=_iri_option,
    help="Query this named graph only (an endpoint's default-graph-uri).",
)
@click.option(
    "--allow-network", is_flag=True, help="Let the query use SERVICE or FROM (it may fetch)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Deadline in seconds for the whole query, embedded or at an endpoint.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "memory"]),
    default="oxigraph",
    show_default=True,
    help="Embedded engine: Oxigraph (Rust; writes decimals canonically, 12 for 12.0) or rdflib's.",
)
@store_option
@click.option("--list", "list_queries", is_flag=True, help="List the query library and exit.")
@click.pass_context
def query_command(
    ctx: click.Context,
    spec: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    endpoint: str | None,
    graph_iri: str | None,
    allow_network: bool,
    timeout: float,
    engine: str,
    store_dir: Path | None,
    list_queries: bool,
) -> None:
    """Run a library query (by NAME), a query FILE or query TEXT (- reads it from stdin).

    Embedded by default; --endpoint asks a SPARQL 1.1 server instead.
    """
    from tipgraph.errors import QueryError
    from tipgraph.sparql.query import bind_params, from_text, kind_of, library, resolve, run_query
    from tipgraph.sparql.results import check_format, render

    project = project_of(ctx)
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
    if spec == "-":  # the query on standard input: `tipgraph query - < q.rq`, a heredoc, a pipe
        chosen = from_text("<stdin>", sys.stdin.read())
    else:
        chosen = resolve(spec, project.queries)
    bindings = bind_params(chosen, given)
    # The answer's form is known from the text: refuse a wrong --format before
    # loading the graph or asking an endpoint. run_query checks the text again, as it must.
    check_format(kind_of(chosen.text, bindings), fmt)
    if allow_network:
        from tipgraph.safety import guard

        guard.allow_all()  # the user asked for SERVICE / FROM: let the process reach out
    # Before --engine, --store named the engine: say so rather than "not a store".
    if (
        store_dir is not None
        and str(store_dir) in ("oxigraph", "memory")
        and not store_dir.is_dir()
    ):
        raise click.UsageError(f"--store is a directory now; use --engine {store_dir}")
    graph = None
    if endpoint is None:  # Oxigraph: parsed and queried in Rust
        graph, _ = graph_of(ctx, store_dir, engine=engine)
        if store_dir is None:  # as the built graph: `a org:Organization` needs no subClassOf*
            from tipgraph.graph.entail import entail_types

            entail_types(graph)
    result = run_query(
        chosen.text,
        bindings,
        graph=graph,
        endpoint=endpoint,
        allow_network=allow_network,
        timeout=timeout,
        named_graph=graph_iri,
    )
    text = render(result, fmt)
    click.echo(text, nl=not text.endswith("\n"))
