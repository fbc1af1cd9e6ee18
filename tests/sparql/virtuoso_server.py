"""A real Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1, for the tests only.

Each session gets a fresh database in a temporary folder, on two free ports (SQL
and HTTP), from a virtuoso.ini written here. Virtuoso's anonymous SPARQL user may
only read until it is granted SPARQL_UPDATE and write permission on graphs, which
isql does as ``dba`` (whose password is ``dba`` in a new database): the same
steps an administrator takes to let ``tipgraph push`` write to ``/sparql``.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tipgraph.sparql.server import free_port

BINARY = "virtuoso-t"
ISQL = "isql-vt"  # Debian's name for Virtuoso's isql (not unixODBC's)
MISSING = (
    "Virtuoso not installed: `make test` installs Debian's virtuoso-opensource when run "
    "as root (apt-get install virtuoso-opensource)"
)

_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {dirs}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {rows}
MaxQueryExecutionTime = {seconds}
MaxQueryCostEstimationTime = 0
"""

# Let the anonymous /sparql user (SPARQL, acting for 'nobody') update and write every graph.
_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"


@dataclass(frozen=True)
class Virtuoso:
    process: subprocess.Popen[bytes]
    folder: Path
    sql_port: int
    http_port: int
    log: IO[bytes]

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def store_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud"


def available() -> bool:
    return shutil.which(BINARY) is not None and shutil.which(ISQL) is not None


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def start(
    folder: Path,
    wait_s: float = 60.0,
    *,
    buffers: int = 10000,
    query_seconds: int = 120,
    load_from: Path | None = None,
    max_rows: int = 1_000_000,
) -> Virtuoso:
    """Start Virtuoso on a new database in ``folder``; return once /sparql answers and may write.

    ``buffers`` are 8 KiB pages of cache (the tests' 80 MiB; the benchmark's 10M
    graph wants gigabytes); ``load_from`` is a folder the bulk loader may read.
    """
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    settings = {"buffers": buffers, "dirty": buffers * 3 // 4, "seconds": query_seconds}
    dirs = folder if load_from is None else load_from
    text = _INI.format(d=folder, sql=sql, http=http, dirs=dirs, rows=max_rows, **settings)
    ini.write_text(text, encoding="utf-8")
    log = (folder / "stdout.log").open("w+b")
    process = subprocess.Popen(
        [BINARY, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        process_group=0,
    )
    server = Virtuoso(process, folder, sql, http, log)
    deadline = time.monotonic() + wait_s
    while not _ready(server.query_url):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(server)
            log_text = (folder / "virtuoso.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Virtuoso did not start within {wait_s:g}s:\n{log_text}")
        time.sleep(0.25)
    isql(server, _GRANTS, timeout=30)
    return server


def stop(server: Virtuoso, grace: float = 20.0) -> None:
    """SIGTERM (Virtuoso checkpoints and exits), SIGKILL after ``grace`` seconds."""
    try:
        if server.process.poll() is None:
            server.process.terminate()
            try:
                server.process.wait(grace)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()
    finally:
        server.log.close()


def isql(server: Virtuoso, statements: str, timeout: float = 60.0) -> str:
    """Run SQL statements as ``dba`` (the bulk loader, a checkpoint); their output."""
    done = subprocess.run(
        [ISQL, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={statements}"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0 or "*** Error" in done.stdout:
        raise RuntimeError(f"isql: {(done.stdout + done.stderr).strip()[-500:]}")
    return done.stdout
