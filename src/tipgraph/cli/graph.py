"""Commands that build the graph: validate, build, fmt, coverage, synth."""

from __future__ import annotations

from pathlib import Path

import click

from tipgraph.cli.app import (
    conforming_graph,
    graph_of,
    main,
    print_report,
    project_of,
    store_option,
)


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
@store_option
@click.pass_context
def validate(
    ctx: click.Context,
    files: tuple[Path, ...],
    meta_shacl: bool,
    engine: str,
    store_dir: Path | None,
) -> None:
    """Validate the graph (with data FILES, or the store DIR) against the shapes.

    FILES are validated with the ontology, the curated data and the generated
    passages. pyshacl-turbo reads an Oxigraph graph directly, so the graph is
    loaded on Oxigraph; the pyshacl reference on rdflib's own store.
    """
    from tipgraph.cli.progress import stage
    from tipgraph.graph.validate import load_shapes
    from tipgraph.graph.validate import validate as run

    store = "oxigraph" if engine == "turbo" else "memory"
    graph, origin = graph_of(ctx, store_dir, files, engine=store)
    shapes = load_shapes(project_of(ctx).shapes)
    with stage(f"validating with {engine}"):  # no len(): on Oxigraph it counts every triple
        report = run(graph, shapes, origin, meta_shacl=meta_shacl, engine=engine)
    print_report(report)
    if not report.conforms:
        ctx.exit(1)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output directory (default: out/; see --root).",
)
@click.pass_context
def build(ctx: click.Context, out_dir: Path | None) -> None:
    """Load, validate and write out/tipgraph.{ttl,nt,jsonld}; writes nothing unless it conforms."""
    from tipgraph.graph.export import write_outputs

    graph, report = conforming_graph(ctx, "outputs left unchanged")
    target = out_dir or project_of(ctx).out
    for path in write_outputs(graph, target):
        click.echo(f"wrote {path}")
    click.echo(f"{len(graph)} triples; conforms with {report.count('Warning')} warning(s)")


@main.command("fmt")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--check", is_flag=True, help="Only report files that are not canonical (exit 1).")
@click.pass_context
def fmt_command(ctx: click.Context, files: tuple[Path, ...], check: bool) -> None:
    """Rewrite Turtle FILES (default: ontology, shapes, data) in canonical form."""
    from tipgraph.errors import LoadError
    from tipgraph.graph.export import atomic_write
    from tipgraph.graph.fmt import format_file
    from tipgraph.graph.project import bundled_root

    project = project_of(ctx)
    if not (files or check) and project.root == bundled_root():
        raise LoadError(
            f"{project.root}: the installed project is not rewritten; "
            "give FILES, --root DIR or `tipgraph init DIR` for a project of your own"
        )
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
@click.option(
    "--comments",
    is_flag=True,
    help="Instead: figures, dates and names only a comment or label states (comment-only facts).",
)
@click.pass_context
def coverage_command(
    ctx: click.Context, output_format: str, gaps_only: bool, key: str | None, comments: bool
) -> None:
    """Per passage: the nodes citing it, and the figures and names no node captures."""
    from tipgraph.errors import QueryError
    from tipgraph.graph.coverage import coverage, passage_key, render_json, render_table
    from tipgraph.graph.load import load_project
    from tipgraph.graph.sources import read_passages

    project = project_of(ctx)
    passages = read_passages(project.sources)
    if key is not None:
        passages = [p for p in passages if passage_key(p) == key]
        if not passages:
            raise QueryError(f"unknown passage {key!r} (expected e.g. cable:p27, tip09:p5)")
    graph, _ = load_project(project)
    if comments:
        import json
        from dataclasses import asdict

        from tipgraph.graph.comments import comment_only, render_comment_facts

        found = comment_only(graph)
        if output_format == "json":
            click.echo(json.dumps([asdict(f) for f in found], indent=2))
        else:
            click.echo(render_comment_facts(found))
        return
    rows = coverage(graph, passages)
    if output_format == "json":
        click.echo(render_json(rows, gaps_only=gaps_only))
    else:
        click.echo(render_table(rows, gaps_only=gaps_only, show_nodes=key is not None))


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
    from tipgraph.synth import write

    count = write(output, countries, years, seed=seed, triples=triples)
    click.echo(f"wrote {output}: {count} triples")
