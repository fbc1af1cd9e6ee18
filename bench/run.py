"""Benchmark tipgraph on synthetic graphs of growing size, against plain rdflib + pyshacl.

    .venv/bin/python bench/run.py [--sizes 10000,100000,1000000] [--runs 3] [--json out/bench.json]

For each size it writes a synthetic graph (``tipgraph synth``, cached in
out/bench/), then times every stage in a fresh subprocess per engine and stage
group, so that peak memory (the subprocess's max RSS) belongs to that group:
load, validate, every library query, every analysis, every export. Each timed
stage is the median of ``--runs`` repetitions in that process (load: of
``--runs`` processes). ``tipgraph`` is the Oxigraph store with pyshacl-turbo;
``baseline`` is rdflib's in-memory graph, pyshacl's defaults and rdflib's SPARQL
engine. A stage slower than ``--cap`` seconds is stopped and shown as ">cap".
It also times ``tipgraph query`` from a cold start on the Kosovo graph, and ends
with the targets met or missed at the largest size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENGINES = {"tipgraph": "oxigraph", "baseline": "memory"}
SHACL = {"oxigraph": "turbo", "memory": "pyshacl"}  # the validation engine each side uses
GROUPS = ("load", "validate", "queries", "analyses", "exports")
TARGET = ("load", "validate", "queries", "analysis:funding", "analysis:coordination")


class _Capped(BaseException):  # not an Exception: tipgraph wraps those
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Capped


def _timed(fn: Any, runs: int, cap: float) -> float | None:
    """Median seconds of ``runs`` calls, or None when one call exceeds ``cap``."""
    times = []
    for _ in range(runs):
        signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            fn()
        except _Capped:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _child(
    group: str, store: str, data: Path, runs: int, cap: float, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Run one stage group in this process; seconds per stage (None: over the cap)."""
    from tipgraph.graph.load import default_project, load_files

    signal.signal(signal.SIGALRM, _alarm)
    project = default_project(ROOT)
    paths = (*project.ontology, data)
    out: dict[str, float | str | None] = {}  # seconds, None: over the cap, "error"
    start = time.perf_counter()
    graph, origin = load_files(paths, store)
    out["load"] = time.perf_counter() - start
    if group == "validate":
        from tipgraph.graph.validate import load_shapes, validate

        shapes = load_shapes(project.shapes)
        reports: list[Any] = []
        engine = SHACL[store]
        out["validate"] = _timed(
            lambda: reports.append(validate(graph, shapes, origin, engine=engine)), 1, cap
        )
        if reports:
            out["violations"] = reports[0].count("Violation")
    elif group == "queries":
        from tipgraph.errors import TipgraphError
        from tipgraph.sparql.query import bind_params, library, run_query

        for name, q in library(ROOT / "queries").items():
            if f"query:{name}" in skip:  # Oxigraph cannot be interrupted: skip, say why
                out[f"query:{name}"] = "skipped"
                continue
            try:  # a query another engineer is editing must not stop the others
                bindings = bind_params(q, {})
                out[f"query:{name}"] = _timed(
                    lambda q=q, b=bindings: run_query(q.text, b, graph=graph), runs, cap
                )
            except TipgraphError as exc:
                out[f"query:{name}"] = "error"
                print(f"{store}: query {name}: {exc}", file=sys.stderr)
    elif group == "analyses":
        from tipgraph.analysis import ANALYSES, run

        for name in ANALYSES:
            out[f"analysis:{name}"] = _timed(lambda n=name: run(n, graph), runs, cap)
    elif group == "exports":
        import tempfile

        from tipgraph.analysis import project as network
        from tipgraph.report.netexport import write_network

        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("graphml", "gexf", "csv"):
                out[f"export:{fmt}"] = _timed(
                    lambda f=fmt: write_network(network(graph), f, Path(tmp) / f"net.{f}"),
                    runs,
                    cap,
                )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": out, "peak_mib": round(peak)}


def _spawn(
    group: str, store: str, data: Path, runs: int, cap: float, skip: tuple[str, ...]
) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", group, "--store", store, "--data", str(data)]
    cmd += ["--runs", str(runs), "--cap", str(cap), "--skip", ",".join(skip)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in done.stderr.splitlines():
        if ": query " in line:
            print(f"  {line}", file=sys.stderr)
    if done.returncode != 0:
        return {"seconds": {}, "peak_mib": None, "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _measure(size: int, data: Path, runs: int, cap: float, skip: tuple[str, ...]) -> dict[str, Any]:
    """Every stage at one size, for both engines: seconds and peak MiB."""
    rows: dict[str, dict[str, Any]] = {}
    for engine, store in ENGINES.items():
        loads = []
        for group in GROUPS:
            for _ in range(runs if group == "load" else 1):
                res = _spawn(group, store, data, runs, cap, skip)
                loads.append(res["seconds"].get("load"))
                for stage, secs in res["seconds"].items():
                    if stage == "load" or stage == "violations":
                        continue
                    rows.setdefault(stage, {})[engine] = secs
                    rows[stage][f"{engine}_mib"] = res["peak_mib"]
                if "violations" in res["seconds"]:
                    rows["validate"][f"{engine}_violations"] = res["seconds"]["violations"]
                if res.get("error"):
                    print(f"  {engine} {group}: {res['error']}", file=sys.stderr)
                if group == "load":
                    rows.setdefault("load", {})[f"{engine}_mib"] = res["peak_mib"]
        good = [x for x in loads if x is not None]
        rows.setdefault("load", {})[engine] = statistics.median(good) if good else None
    return {"size": size, "stages": rows}


def _cell(value: float | str | None, cap: float) -> str:
    if isinstance(value, str):
        return value
    return f">{cap:.0f}" if value is None else f"{value:.3f}"


def _table(result: dict[str, Any], cap: float) -> str:
    lines = [f"\n## {result['size']:,} triples", ""]
    lines.append("| stage | tipgraph s | baseline s | speed-up | tipgraph MiB | baseline MiB |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    total = {"tipgraph": 0.0, "baseline": 0.0}
    capped = {"tipgraph": False, "baseline": False}  # a capped stage counts as the cap
    for stage, row in result["stages"].items():
        t, b = row.get("tipgraph", "missing"), row.get("baseline", "missing")
        if isinstance(t, str) or isinstance(b, str):
            lines.append(f"| {stage} | {_cell(t, cap)} | {_cell(b, cap)} | | | |")
            continue  # errors and skipped stages count in neither total
        speed = f"{b / t:.1f}x" if t and b else (f">{cap / t:.1f}x" if t and b is None else "")
        lines.append(
            f"| {stage} | {_cell(t, cap)} | {_cell(b, cap)} | {speed} | "
            f"{row.get('tipgraph_mib', '')} | {row.get('baseline_mib', '')} |"
        )
        if stage in TARGET or stage.startswith("query:"):
            for engine, secs in (("tipgraph", t), ("baseline", b)):
                total[engine] += cap if secs is None else secs
                capped[engine] = capped[engine] or secs is None
    mark = {e: ">=" if capped[e] else "" for e in total}
    ratio = total["baseline"] / max(total["tipgraph"], 1e-9)
    lines.append(
        f"| **target total** (load+validate+queries+funding+coordination) | "
        f"{mark['tipgraph']}{total['tipgraph']:.1f} | {mark['baseline']}{total['baseline']:.1f} | "
        f"{'~' if capped['tipgraph'] else mark['baseline']}{ratio:.1f}x | | |"
    )
    result["target_total"] = total
    return "\n".join(lines)


def _cold_start(runs: int) -> dict[str, float]:
    """Median seconds of ``tipgraph query pvpt-funders`` as a fresh process, on each store."""
    script = Path(sys.executable).parent / "tipgraph"
    out = {}
    for engine, store in ENGINES.items():
        cmd = [str(script), "--root", str(ROOT), "query", "pvpt-funders", "--store", store]
        times = []
        for _ in range(max(runs, 5)):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        out[engine] = statistics.median(times)
    return out


def _verdict(result: dict[str, Any], exponent: float | None) -> str:
    """The issue's targets at the largest size: met, or by how much they are missed."""
    total = result["target_total"]
    stages = result["stages"]
    peak = max(
        (row.get("tipgraph_mib") or 0)
        for stage, row in stages.items()
        if stage in TARGET or stage.startswith("query:")
    )
    ratio = total["baseline"] / max(total["tipgraph"], 1e-9)
    checks = [
        (
            f"load+validate+queries+funding+coordination {total['tipgraph']:.1f} s",
            "<= 90 s",
            total["tipgraph"] <= 90,
        ),
        (f"speed-up over the baseline {ratio:.1f}x", ">= 5x", ratio >= 5),
        (f"peak memory {peak} MiB", "< 2048 MiB", peak < 2048),
    ]
    if exponent is not None:
        checks.append((f"cost exponent {exponent:.2f}", "<= 1.0 (linear)", exponent <= 1.05))
    lines = [f"\n## Targets at {result['size']:,} triples", ""]
    lines += [
        f"- {what} (target {goal}): {'met' if ok else 'NOT met'}" for what, goal, ok in checks
    ]
    return "\n".join(lines)


def _synthetic(size: int, seed: int) -> Path:
    """The cached synthetic graph of ``size`` triples, rewritten whenever the synth package changes."""
    import hashlib

    from tipgraph.synth import write

    source = b"".join(p.read_bytes() for p in sorted((ROOT / "src" / "tipgraph" / "synth").glob("*.py")))
    digest = hashlib.sha256(source).hexdigest()
    data = ROOT / "out" / "bench" / f"synth-{size}-seed{seed}-{digest[:8]}.nt"
    if not data.exists():
        write(data, 190, 20, seed=seed, triples=size)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds per stage")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip", default="", help="stages not to run, e.g. query:timeline")
    parser.add_argument("--child", choices=GROUPS, help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        skip = tuple(s for s in args.skip.split(",") if s)
        print(json.dumps(_child(args.child, args.store, args.data, args.runs, args.cap, skip)))
        return
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cpus, python {platform.python_version()}"
    )
    cold = _cold_start(args.runs)
    print(
        f"Kosovo graph, `tipgraph query pvpt-funders` from a cold start (median): "
        f"{cold['tipgraph']:.2f} s on Oxigraph (default), {cold['baseline']:.2f} s on rdflib"
    )
    results: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        data = _synthetic(size, args.seed)
        skip = tuple(s for s in args.skip.split(",") if s)
        result = _measure(size, data, args.runs, args.cap, skip)
        print(_table(result, args.cap), flush=True)
        if args.json:  # after every size, so a long run leaves what it measured
            args.json.parent.mkdir(parents=True, exist_ok=True)
            partial = {"cold_start_seconds": cold, "sizes": [*results, result]}
            args.json.write_text(json.dumps(partial, indent=1) + "\n", encoding="utf-8")
        results.append(result)
    exponent = None
    if len(results) > 1:
        import math

        a, b = results[-2], results[-1]
        ta, tb = a["target_total"]["tipgraph"], b["target_total"]["tipgraph"]
        exponent = math.log(tb / ta) / math.log(b["size"] / a["size"])
        print(
            f"\ncost exponent {a['size']:,} -> {b['size']:,} "
            f"(tipgraph target total): {exponent:.2f}"
        )
    if results:
        print(_verdict(results[-1], exponent))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        summary = {"cold_start_seconds": cold, "exponent": exponent, "sizes": results}
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
