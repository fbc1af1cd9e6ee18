"""One command timed as a user runs it: wall seconds, peak RSS, and a kill past time or memory.

The memory limit is for the machine's sake: validation at 30M triples would want
more memory than a 24 GiB machine has, and a benchmark must not take the machine
down with it. psutil (a well-kept library) sums the RSS of the command's whole
process tree, since ``tipgraph query`` answers in a sandboxed child process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil


def default_memory_cap() -> int:
    """MiB a command may hold: three quarters of the machine's memory."""
    return int(psutil.virtual_memory().total * 0.75 / 2**20)


def _tree_mib(proc: psutil.Process) -> int:
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in members:
        try:
            total += p.memory_info().rss
        except psutil.Error:  # gone between the listing and the read
            continue
    return total // 2**20


def timed(cmd: list[str], cap: float, mem_cap: int, output: Path | None = None) -> dict[str, Any]:
    """Run ``cmd``: wall seconds, peak MiB, and what stopped it, if anything.

    Its output goes to ``output``, or is discarded. ``seconds`` is None when the
    command was killed, ``killed`` says why (over ``cap`` seconds or ``mem_cap``
    MiB). The peak is the kernel's (``wait4``), which covers the children the
    command waited for; the tree sampled every half second may be higher.
    """
    # files, not pipes: a chatty child must not block
    with tempfile.TemporaryFile() as err_file, open(output or os.devnull, "wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=err_file, start_new_session=True)
        watch, sampled, killed, polls = psutil.Process(proc.pid), 0, "", 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            polls += 1
            if polls % 25 == 0:  # every half second
                sampled = max(sampled, _tree_mib(watch))
                if sampled > mem_cap:
                    killed = f">{mem_cap} MiB"
            if time.perf_counter() - start > cap:
                killed = f">{cap:.0f} s"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                mib = max(sampled, round(usage.ru_maxrss / 1024))
                return {"seconds": None, "mib": mib, "killed": killed}
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    out: dict[str, Any] = {"seconds": seconds, "mib": max(sampled, round(usage.ru_maxrss / 1024))}
    if code not in (0, 1):  # 1: a graph that does not conform, still a finished run
        out["error"] = err.strip().splitlines()[-1:] or [f"exit {code}"]
    return out
