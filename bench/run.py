"""Benchmark the tipgraph command line on synthetic graphs of growing size.

    .venv/bin/python bench/run.py [--sizes 1000000,10000000,30000000] [--json out/bench.json]

Everything is timed as a user runs it: one ``tipgraph`` process per command, on a
store loaded once (``tipgraph load --store``): load, validate, every library
query, every analysis, every export; and ``tipgraph validate FILE`` without a
store (up to ``--files-upto``). Each command's wall time and peak RSS (its own,
from ``wait4``) are recorded; a command over ``--cap`` seconds or ``--mem-cap`` MiB is
killed (">cap").
In the same run, at ``--baseline-size``, the plain baseline (rdflib's in-memory
graph, pyshacl's defaults, rdflib's SPARQL engine, through their Python APIs) and,
up to ``--peer-upto``, a peer SHACL engine (pyrudof, when installed) on the same
file. The run ends with the cost exponent and the issue's targets, met or not.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from measure import default_memory_cap, timed

ROOT = Path(__file__).resolve().parents[1]
TIPGRAPH = Path(sys.executable).parent / "tipgraph"
ANALYSES = ("funding", "coordination", "flows", "timeline", "discrepancies")
EXPORTS = ("graphml", "gexf", "csv")
# 190 countries x 25 years is 16.1M triples (~3.4k per country-year); 30M needs ~360
# countries. Each size is the first countries' 25 years, so the smaller graphs are the
# same bytes whatever the count (countries are written in order, one seeded stream).
COUNTRIES = 400
TARGET = ("load", "validate", "analysis:funding", "analysis:coordination")  # + every query


def cli(
    store: Path,
    data: Path,
    cap: float,
    files_too: bool,
    skip: tuple[str, ...] = (),
    log: Path | None = None,
    mem_cap: int | None = None,
) -> dict[str, dict[str, Any]]:
    """Every command (but ``skip``), in order, on one size; the store is written at ``store``.

    Each row is appended to ``log`` as it finishes, so a long run that is stopped
    still leaves what it measured. ``skip`` may hold "load" to reuse a store.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from tipgraph.sparql.query import library

    tg = [str(TIPGRAPH), "--root", str(ROOT)]
    s = ["--store", str(store)]
    commands = {"load": [*tg, "load", *s, str(data)], "validate": [*tg, "validate", *s]}
    for name in library(ROOT / "queries"):
        # the query's own deadline (30 s by default) raised to the bench's cap
        commands[f"query:{name}"] = [*tg, "query", name, "--timeout", str(cap), *s]
    for name in ANALYSES:
        commands[f"analysis:{name}"] = [*tg, "analyze", name, "--format", "json", *s]
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in EXPORTS:
            out = ["--output", f"{tmp}/net.{fmt}"]
            commands[f"export:{fmt}"] = [*tg, "export", "--format", fmt, *out, *s]
        if files_too:  # the path without a store: load and validate in one command
            commands["validate FILE (no store)"] = [*tg, "validate", str(data)]
        for key, cmd in commands.items():
            if key in skip or key.split(":")[0] in skip:
                continue
            rows[key] = timed(cmd, cap, mem_cap or default_memory_cap())
            if log is not None:
                with log.open("a", encoding="utf-8") as f:
                    f.write(json.dumps({"command": key, **rows[key]}) + "\n")
    return rows


def _cap_alarm(signum: int, frame: Any) -> None:
    raise _Capped


class _Capped(BaseException):  # not an Exception: tipgraph wraps those
    pass


def _baseline_child(data: Path, cap: float) -> dict[str, Any]:
    """The plain baseline in this process: rdflib's memory graph, pyshacl, rdflib's SPARQL."""
    from tipgraph.graph.load import default_project, load_project
    from tipgraph.graph.validate import load_shapes, validate
    from tipgraph.sparql.query import bind_params, library, run_query

    signal.signal(signal.SIGALRM, _cap_alarm)
    # the file as `tipgraph validate FILE` takes it: a named whole graph may declare passages
    project = default_project(ROOT)
    project = dataclasses.replace(project, data=(data, *project.data), given=(data,))
    seconds: dict[str, float | None] = {}

    def stage(name: str, fn: Any, limit: float = cap) -> Any:
        signal.setitimer(signal.ITIMER_REAL, limit)
        start = time.perf_counter()
        try:
            result = fn()
            seconds[name] = time.perf_counter() - start
            return result
        except _Capped:
            seconds[name] = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    # Not capped: every other stage needs the graph (rdflib takes ~80 s at 1M on a quiet machine).
    load = stage("load", lambda: load_project(project, store="memory"), 1e6)
    graph, origin = load
    shapes = load_shapes(project.shapes)
    stage("validate", lambda: validate(graph, shapes, origin, engine="pyshacl"))
    for name, q in library(ROOT / "queries").items():
        stage(f"query:{name}", lambda q=q: run_query(q.text, bind_params(q, {}), graph=graph))
    from tipgraph.analysis import run

    for name in ANALYSES:
        stage(f"analysis:{name}", lambda n=name: run(n, graph))
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"seconds": seconds, "mib": peak}


def _peer_child(data: Path) -> dict[str, Any]:
    """pyrudof's native SHACL engine on the same graph (ontology + passages + data + file)."""
    import pyrudof
    from rdflib import Graph

    from tipgraph.graph.load import default_project
    from tipgraph.graph.sources import passages_graph

    project = default_project(ROOT)
    start = time.perf_counter()
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    nt = pyrudof.RDFFormat.NTriples
    rudof.read_data(str(data), format=nt)
    for path in (*project.ontology, *project.data):
        rudof.read_data(str(path), format=pyrudof.RDFFormat.Turtle, merge=True)
    passages = passages_graph(project.sources).serialize(format="nt")
    rudof.read_data(passages, format=nt, merge=True)
    shapes = Graph()
    for path in project.shapes:
        shapes.parse(path, format="turtle")
    rudof.read_shacl(shapes.serialize(format="turtle"))
    loaded = time.perf_counter() - start
    report = rudof.validate_shacl()
    total = time.perf_counter() - start
    peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"load": loaded, "validate": total - loaded, "violations": len(report), "mib": peak}


def child(kind: str, data: Path, cap: float) -> dict[str, Any]:
    """A baseline or peer run in its own process (so its peak memory is its own), capped."""
    cmd = [sys.executable, __file__, "--child", kind, "--data", str(data), "--cap", str(cap)]
    try:
        # the baseline's load is not capped (~15 min at 1M on a busy machine): an hour for it
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600 + cap * 60)
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cell(seconds: float | None, cap: float) -> str:
    return f">{cap:.0f}" if seconds is None else f"{seconds:.2f}"


def table(
    size: int, rows: dict[str, Any], base: dict[str, Any] | None, cap: float, base_cap: float
) -> str:
    """The size's markdown table; a capped baseline stage counts as its own cap, not ours."""
    lines = [f"\n### {size:,} triples", ""]
    head = "| command | tipgraph s | peak MiB |" + (" baseline s | speed-up |" if base else "")
    lines += [head, "| --- | ---: | ---: |" + (" ---: | ---: |" if base else "")]
    bs = (base or {}).get("seconds", {})
    for stage, row in rows.items():
        cell = "error" if row.get("error") else row.get("killed") or _cell(row["seconds"], cap)
        line = f"| {stage} | {cell} | {row['mib']} |"
        if base:
            b, t = bs.get(stage, "n/a"), row["seconds"]
            speed = f"{b / t:.1f}x" if isinstance(b, float) and t else ""
            if b is None and t:
                speed = f">{base_cap / t:.1f}x"
            line += f" {_cell(b, base_cap) if b != 'n/a' else ''} | {speed} |"
        lines.append(line)
    return "\n".join(lines)


def totals(rows: dict[str, Any], cap: float, stages: tuple[str, ...] = TARGET) -> float:
    """Seconds of the target stages and every query (a capped stage counts as the cap)."""
    picked = [r for k, r in rows.items() if k in stages or k.startswith("query:")]
    return sum(cap if r.get("seconds") is None else r["seconds"] for r in picked)


def verdicts(
    results: list[dict[str, Any]], exponent: float | None, cap: float, base_cap: float
) -> list[str]:
    out = []
    for r in results:
        rows, size = r["cli"], r["size"]
        total, peak = totals(rows, cap), max(row["mib"] for row in rows.values())
        if size == 1_000_000:
            out.append(
                f"1M: load+validate+queries+funding+coordination {total:.1f} s "
                f"(target <= 30 s): {'met' if total <= 30 else 'NOT met'}"
            )
            if r.get("baseline") and "seconds" in r["baseline"]:
                bs = r["baseline"]["seconds"]
                btotal = sum(
                    base_cap if v is None else v
                    for k, v in bs.items()
                    if k in TARGET or k.startswith("query:")
                )
                ratio = btotal / total
                out.append(
                    f"1M: >= {ratio:.1f}x the baseline's >= {btotal:.0f} s "
                    f"(target >= 20x): {'met' if ratio >= 20 else 'NOT met'}"
                )
        if size == 10_000_000:
            ok = total <= 360 and peak < 6 * 1024
            out.append(
                f"10M: {total:.0f} s, peak {peak} MiB (target <= 360 s, < 6144 MiB): "
                f"{'met' if ok else 'NOT met'}"
            )
        if size == 30_000_000:
            lq = totals(rows, cap, ("load",))
            ok = lq <= 1200 and peak < 12 * 1024
            out.append(
                f"30M: load + every query {lq:.0f} s, peak {peak} MiB "
                f"(target <= 1200 s, < 12288 MiB): {'met' if ok else 'NOT met'}"
            )
    if exponent is not None:
        out.append(
            f"cost exponent, the largest step's, {exponent:.2f} (target <= 1.05): "
            f"{'met' if exponent <= 1.05 else 'NOT met'}"
        )
    return out


def synthetic(size: int, seed: int) -> Path:
    """The cached synthetic graph of ``size`` triples, rewritten whenever ``synth`` changes."""
    import hashlib

    sys.path.insert(0, str(ROOT / "src"))
    from tipgraph.synth import write

    code = b"".join(p.read_bytes() for p in sorted((ROOT / "src/tipgraph/synth").glob("*.py")))
    digest = hashlib.sha256(code).hexdigest()[:8]
    data = ROOT / "out" / "bench" / f"synth-{size}-{COUNTRIES}x25-seed{seed}-{digest}.nt"
    if not data.exists():
        write(data, COUNTRIES, 25, seed=seed, triples=size)
    return data


def print_size(result: dict[str, Any], cap: float, base_cap: float) -> None:
    """One size's table and the figures beside it."""
    print(table(result["size"], result["cli"], result.get("baseline"), cap, base_cap), flush=True)
    print(f"\nstore on disk: {result['store_mib']} MiB; load average {result['load_average']:.2f}")
    if "peer" in result:
        peer = result["peer"]
        said = peer.get("error") or (
            f"read {peer['load']:.2f} s, validate {peer['validate']:.2f} s, "
            f"{peer['violations']} violations, peak {peer['mib']} MiB"
        )
        print(f"peer SHACL engine (pyrudof): {said}")
    if "baseline" in result:
        base = result["baseline"]
        said = base["error"] if "error" in base else f"peak {base['mib']} MiB"
        print(f"baseline: {said}")


def exponents(results: list[dict[str, Any]]) -> list[tuple[int, int, int, float]]:
    """(size a, size b, commands, exponent) for each step, over target commands both finished."""
    out = []
    for ra, rb in itertools.pairwise(results):
        a, b = ra["cli"], rb["cli"]
        common = [
            k
            for k in a
            if (k in TARGET or k.startswith("query:"))
            and a[k].get("seconds")
            and b.get(k, {}).get("seconds")
        ]
        if not common:
            continue
        ta, tb = sum(a[k]["seconds"] for k in common), sum(b[k]["seconds"] for k in common)
        step = math.log(tb / ta) / math.log(rb["size"] / ra["size"])
        out.append((ra["size"], rb["size"], len(common), step))
    return out


def report(
    results: list[dict[str, Any]], cap: float, base_cap: float, sizes_only: bool = False
) -> float | None:
    """Every size's table (unless printed as it ran), the exponents and the targets."""
    if not sizes_only:
        for result in results:
            print_size(result, cap, base_cap)
    steps = exponents(results)
    for a, b, n, step in steps:
        print(f"\ncost exponent {a:,} -> {b:,} over the {n} commands both finished: {step:.2f}")
    exponent = max((step for *_, step in steps), default=None)
    print("\n### Targets\n")
    for line in verdicts(results, exponent, cap, base_cap):
        print(f"- {line}")
    return exponent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000,30000000")
    parser.add_argument("--cap", type=float, default=600.0, help="seconds per command")
    parser.add_argument("--mem-cap", type=int, default=None, help="MiB per command (3/4 of RAM)")
    parser.add_argument("--baseline-size", type=int, default=1_000_000)
    parser.add_argument("--baseline-cap", type=float, default=60.0, help="seconds per stage")
    parser.add_argument("--peer-upto", type=int, default=1_000_000)
    parser.add_argument("--files-upto", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--skip", default="", help="commands not run: validate, query:timeline, query, load..."
    )
    parser.add_argument("--skip-at", default="", help="sizes --skip applies to (default: all)")
    parser.add_argument("--keep-stores", action="store_true", help="keep out/bench/store-*")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", choices=("baseline", "peer"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--report", type=Path, help="print the tables of a --json file, run nothing"
    )
    args = parser.parse_args()
    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        cap, base_cap = saved.get("caps", [args.cap, args.baseline_cap])
        report(saved["sizes"], cap, base_cap)
        return
    if args.child:
        fn = _baseline_child if args.child == "baseline" else _peer_child
        print(json.dumps(fn(args.data, args.cap) if args.child == "baseline" else fn(args.data)))
        return
    load = os.getloadavg()
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cpus, "
        f"python {platform.python_version()}; load average at start {load[0]:.2f}"
    )
    results: list[dict[str, Any]] = []
    sizes = [int(s) for s in args.sizes.split(",")]
    sizes_skip = {int(s) for s in args.skip_at.split(",") if s} or set(sizes)
    for size in sizes:
        data = synthetic(size, args.seed)
        store = ROOT / "out" / "bench" / f"store-{size}"
        result: dict[str, Any] = {"size": size, "load_average": os.getloadavg()[0]}
        skip = tuple(args.skip.split(",")) if size in sizes_skip else ()
        log = ROOT / "out" / "bench" / f"rows-{size}.jsonl"
        result["cli"] = cli(store, data, args.cap, size <= args.files_upto, skip, log, args.mem_cap)
        result["store_mib"] = round(sum(f.stat().st_size for f in store.rglob("*")) / 2**20)
        if not args.keep_stores:
            shutil.rmtree(store, ignore_errors=True)
        if size == args.baseline_size:
            result["baseline"] = child("baseline", data, args.baseline_cap)
        if size <= args.peer_upto:
            result["peer"] = child("peer", data, args.cap)
        print_size(result, args.cap, args.baseline_cap)
        results.append(result)
        if args.json:  # after every size, so a long run leaves what it measured
            args.json.parent.mkdir(parents=True, exist_ok=True)
            caps = [args.cap, args.baseline_cap]
            args.json.write_text(json.dumps({"caps": caps, "sizes": results}, indent=1) + "\n")
    exponent = report(results, args.cap, args.baseline_cap, sizes_only=True)
    if args.json:
        summary = {"exponent": exponent, "caps": [args.cap, args.baseline_cap], "sizes": results}
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
