"""Virtuoso as the service past one machine: bulk-load a synthetic graph, time every query.

    .venv/bin/python bench/virtuoso.py [--size 10000000] [--json out/bench-virtuoso.json]

The graph is the benchmark's (``bench/run.py`` writes and caches it) plus the
project's ontology, data and passages, so the answers are those of ``tipgraph
query --store``. Virtuoso (Debian's virtuoso-opensource) is started on 127.0.0.1
the way the tests start it, with a cache sized for the graph; the files go in with
its bulk loader (``ld_dir`` + ``rdf_loader_run``), then every library query runs
as a user runs it, ``tipgraph query NAME --endpoint URL``, one process each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
from measure import default_memory_cap, timed
from run import ROOT, TIPGRAPH, synthetic

sys.path.insert(0, str(ROOT / "tests" / "sparql"))
import virtuoso_server  # the tests' harness: Virtuoso is started one way

GRAPH = "urn:tipgraph:default-graph"  # tipgraph push's graph on Virtuoso


def project_nt(path: Path) -> Path:
    """The ontology, curated data and passages as N-Triples (what ``load --store`` adds)."""
    sys.path.insert(0, str(ROOT / "src"))
    from tipgraph.graph.load import default_project, load_project

    graph, _ = load_project(default_project(ROOT))
    graph.serialize(path, format="nt", encoding="utf-8")
    return path


def bulk_load(server: virtuoso_server.Virtuoso, folder: Path, timeout: float) -> float:
    """Every ``*.nt`` of ``folder`` into GRAPH with Virtuoso's bulk loader; seconds taken."""
    start = time.perf_counter()
    virtuoso_server.isql(server, f"ld_dir('{folder}', '*.nt', '{GRAPH}');")
    virtuoso_server.isql(server, "rdf_loader_run(); checkpoint;", timeout)
    seconds = time.perf_counter() - start
    failed = virtuoso_server.isql(
        server, "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
    )
    if "0 Rows" not in failed:
        raise SystemExit(f"bulk load failed: {failed.strip()[-500:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cap", type=float, default=600.0, help="seconds per query")
    parser.add_argument("--buffers", type=int, default=500_000, help="8 KiB pages (~4 GiB)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="row counts against --store too")
    args = parser.parse_args()
    if not virtuoso_server.available():
        raise SystemExit(virtuoso_server.MISSING)
    sys.path.insert(0, str(ROOT / "src"))
    from tipgraph.sparql.query import library

    work = ROOT / "out" / "bench" / f"virtuoso-{args.size}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "db").mkdir(parents=True)
    files = work / "files"
    files.mkdir()
    # a link, not a copy (gigabytes); Virtuoso may read the whole bench folder it points into
    (files / "synth.nt").symlink_to(synthetic(args.size, args.seed))
    project_nt(files / "project.nt")
    if args.check:
        load = [str(TIPGRAPH), "--root", str(ROOT), "load", "--store", str(work / "store")]
        subprocess.run([*load, str(files / "synth.nt")], check=True)
    # Virtuoso's own deadline after ours: at its deadline it answers with the rows it has so
    # far (an "anytime" answer) and the timing would look like a whole one
    server = virtuoso_server.start(
        work / "db",
        buffers=args.buffers,
        query_seconds=int(args.cap) + 30,
        load_from=work.parent,
        max_rows=100_000_000,
    )
    rows: dict[str, dict[str, object]] = {}
    try:
        load = bulk_load(server, files, timeout=4 * 3600)
        rows["load (bulk loader)"] = {"seconds": load, "mib": _mib(server)}
        print("| command | seconds | Virtuoso MiB | lines out |\n| --- | ---: | ---: | ---: |")
        print(f"| load (bulk loader) | {load:.2f} | {rows['load (bulk loader)']['mib']} | |")
        url = server.query_url
        tg = [str(TIPGRAPH), "--root", str(ROOT)]
        for name in library(ROOT / "queries"):
            cmd = [*tg, "query", name, "--endpoint", url, "--timeout", str(args.cap)]
            answer = work / f"{name}.out"  # a table, or Turtle for a CONSTRUCT
            row = timed(cmd, args.cap, default_memory_cap(), answer)
            row["server_mib"] = _mib(server)
            row["rows"] = _rows(answer)
            if args.check:  # the same query on the embedded on-disk store, for its line count
                mine = [*tg, "query", name, "--store", str(work / "store"), "--timeout", "600"]
                theirs = answer.with_suffix(".store.out")
                with theirs.open("wb") as out:
                    done = subprocess.run(mine, stdout=out, stderr=subprocess.PIPE)
                row["store_rows"] = _rows(theirs) if done.returncode == 0 else "error"
            rows[f"query:{name}"] = row
            cell = row.get("killed") or ("error" if "error" in row else f"{row['seconds']:.2f}")
            store_rows = row.get("store_rows", row["rows"])
            same = "" if store_rows == row["rows"] else f" (the store: {store_rows})"
            print(
                f"| query:{name} | {cell} | {row['server_mib']} | {row['rows']}{same} |", flush=True
            )
    finally:
        virtuoso_server.stop(server, grace=120)
    disk = round(sum(f.stat().st_size for f in (work / "db").glob("*.db")) / 2**20)
    print(f"\nVirtuoso database on disk: {disk} MiB")
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "disk_mib": disk, "rows": rows}))
    shutil.rmtree(work, ignore_errors=True)


def _rows(answer: Path) -> int:
    """Lines of an answer: rows plus a table's frame, or a CONSTRUCT's Turtle lines."""
    return len(answer.read_bytes().splitlines())


def _mib(server: virtuoso_server.Virtuoso) -> int:
    """Virtuoso's resident memory now (the server's; the query process's is its own row)."""
    return int(psutil.Process(server.process.pid).memory_info().rss // 2**20)


if __name__ == "__main__":
    main()
