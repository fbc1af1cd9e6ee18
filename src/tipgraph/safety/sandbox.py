"""Run untrusted work where it cannot reach the network and cannot outlive its deadline.

Embedded SPARQL runs in Oxigraph's Rust code, below the Python audit hook
(``guard``): a ``SERVICE`` the static check missed would open its own socket.
pyoxigraph has no option to switch ``SERVICE`` off and no way to cancel a
query (oxigraph issue #1926), so ``isolated`` runs the work in a forked child
that

* installs a seccomp filter first, so the kernel refuses it every Internet
  socket (``socket(AF_INET | AF_INET6, ...)`` fails with EACCES) whatever
  the query says, DNS included; local (Unix) sockets still work;
* is killed at the deadline, so a cartesian product or a regex blow-up ends
  there with one line, however the engine plans it.

The child inherits the loaded graph (fork, copy-on-write) and sends back the
pickled answer. The filter is Linux-only (x86_64, aarch64); elsewhere the
child still has the deadline, and the static check is what stops ``SERVICE``
(``sandboxed()`` says which).
"""

from __future__ import annotations

import ctypes
import errno
import os
import pickle
import platform
import select
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from tipgraph.errors import QueryError, TipgraphError

__all__ = ["deny_internet_sockets", "isolated", "sandboxed"]

T = TypeVar("T")

# (AUDIT_ARCH_*, socket syscall number) per machine; see linux/audit.h and unistd.h.
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xB7 | 0xC0000000, 198)}
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2


def sandboxed() -> bool:
    """Whether this platform gets the seccomp filter (else only the deadline)."""
    return sys.platform == "linux" and platform.machine() in _ARCH


def _filter(arch: int, nr_socket: int) -> bytes:
    """A classic-BPF program: socket(AF_INET/AF_INET6) and x32 syscalls fail, all else runs."""

    def op(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    deny = _ERRNO | errno.EACCES
    return b"".join(
        [
            op(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
            op(_JEQ_K, 1, 0, arch),
            op(_RET_K, 0, 0, deny),  # another ABI (i386 on x86_64): refuse the call
            op(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
            op(_JGE_K, 5, 0, 0x40000000),  # the x32 ABI: refuse
            op(_JEQ_K, 0, 3, nr_socket),
            op(_LD_W_ABS, 0, 0, 16),  # args[0], the address family (low word)
            op(_JEQ_K, 2, 0, socket.AF_INET),
            op(_JEQ_K, 1, 0, socket.AF_INET6),
            op(_RET_K, 0, 0, _ALLOW),
            op(_RET_K, 0, 0, deny),
        ]
    )


class _Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_internet_sockets() -> None:
    """From now on this process cannot create an Internet socket (irreversible: children only)."""
    arch, nr = _ARCH[platform.machine()]
    code = _filter(arch, nr)
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _Prog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or (
        libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0
    ):
        raise OSError(ctypes.get_errno(), "cannot install the seccomp filter")


def _child(work: Callable[[], T], fd: int) -> None:
    """Run ``work`` in the forked child and write ('ok', value) or ('error', exc) to ``fd``."""
    try:
        if sandboxed():
            deny_internet_sockets()
        outcome: tuple[str, object] = ("ok", work())
    except TipgraphError as exc:
        outcome = ("error", exc)
    except BaseException as exc:
        outcome = ("error", QueryError(f"query failed: {type(exc).__name__}: {exc}"))
    try:
        data = pickle.dumps(outcome)
    except Exception as exc:  # an answer that does not pickle: say so, do not hang
        data = pickle.dumps(("error", QueryError(f"query failed: {exc}")))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_all(fd: int, pid: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            os.kill(pid, signal.SIGKILL)
            raise QueryError(f"query stopped at the {timeout:g} s deadline (pass --timeout)")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def isolated(work: Callable[[], T], *, timeout: float) -> T:
    """``work()`` in a forked child with no Internet sockets, killed after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's code
        code = 0
        try:
            os.close(read_fd)
            _child(work, write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        data = _read_all(read_fd, pid, deadline, timeout)
    except BaseException:  # also Ctrl-C: the child goes with us
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.close(read_fd)
        os.waitpid(pid, 0)
    if not data:
        raise QueryError("query failed: the query process ended without an answer")
    kind, value = pickle.loads(data)
    if kind == "error":
        assert isinstance(value, BaseException)
        raise value
    return value  # type: ignore[no-any-return]
