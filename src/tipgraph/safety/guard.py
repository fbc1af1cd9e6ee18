"""A process-wide network guard: no connection is opened unless the user asked for it.

``tipgraph.safety.checks`` refuses the inputs known to reach the network (SERVICE,
FROM, remote JSON-LD contexts, XML entities). This module is the backstop
for whatever it misses — a parser feature nobody noticed, a new rdflib
release: a Python audit hook (PEP 578) that raises ``NetworkRefusedError``
on every outgoing connection, name lookup or urllib request whose host and
port were not allowed first.

How to use it::

    from tipgraph.safety import guard

    guard.install()                          # the CLI does this for every command
    guard.allow("http://127.0.0.1:7878/query")  # endpoint code, before it connects
    guard.allow_all()                        # only for --allow-network
    guard.reset()                            # the CLI does this when a command ends

``allow(url)`` lets through that URL's host and port (80 / 443 by default).
For a host *name* the resolved address is not known in advance, so after
``allow("http://localhost:7878/")`` any address on port 7878 is let through.
Unix-domain sockets are local and never refused.

The guard protects against *data*: files, queries and shapes cannot open a
connection. It is not a sandbox for code running in the process (which can
call ``allow_all``), and it sees only connections made through Python's
``socket`` module, not those native extensions open themselves.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Any
from urllib.parse import urlsplit

from tipgraph.errors import EndpointError, NetworkRefusedError

__all__ = ["allow", "allow_all", "allowed", "install", "is_active", "reset"]

_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "http.client.connect",
        "urllib.Request",
    }
)
_NET_FAMILIES = (socket.AF_INET, socket.AF_INET6)

_installed = False
_active = False
_any = False
_allowed: set[tuple[str, int | None]] = set()


def install() -> None:
    """Register the audit hook (once per process) and switch the guard on."""
    global _installed, _active
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _active = True


def reset() -> None:
    """Switch the guard off and forget what was allowed (audit hooks cannot be removed)."""
    global _active, _any
    _active = _any = False
    _allowed.clear()


def is_active() -> bool:
    """Whether connections are being checked right now."""
    return _active and not _any


def allow(url: str) -> tuple[str, int | None]:
    """Let connections to ``url``'s host and port through; returns that (host, port)."""
    parts = urlsplit(url)
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        raise EndpointError(f"{url}: not a valid endpoint URL (bad port)") from None
    if not parts.hostname:
        raise EndpointError(f"{url}: not a valid endpoint URL (no host)")
    entry = (parts.hostname.lower(), port)
    _allowed.add(entry)
    return entry


def allow_all() -> None:
    """Let every connection through (``--allow-network``: the user asked for it)."""
    global _any
    _any = True


def allowed() -> frozenset[tuple[str, int | None]]:
    """The (host, port) pairs currently let through."""
    return frozenset(_allowed)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _port(value: Any) -> int | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return _DEFAULT_PORTS.get(str(value).lower()) if value else None


def _permitted(host: str, port: int | None) -> bool:
    for name, allowed_port in tuple(_allowed):  # a copy: another thread may be allowing
        if port is not None and allowed_port is not None and port != allowed_port:
            continue
        if name == host or (not _is_ip(name) and _is_ip(host) and allowed_port is not None):
            return True
    return False


def _target(event: str, args: tuple[Any, ...]) -> tuple[str, int | None] | None:
    """The (host, port) an audited call reaches, or None if it reaches nothing remote."""
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) not in _NET_FAMILIES or not isinstance(address, tuple):
            return None
        host, port = address[0], address[1]
    elif event == "socket.getaddrinfo":
        host, port = args[0], args[1]
    elif event == "socket.gethostbyname":
        host, port = args[0], None
    elif event == "http.client.connect":
        host, port = args[1], args[2]
    else:  # urllib.Request
        parts = urlsplit(str(args[0]))
        if parts.scheme.lower() in ("", "file", "data"):
            return None
        try:
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower())
        except ValueError:
            port = None
        host = parts.hostname or ""
    if host is None:  # a passive lookup (binding), not a connection
        return None
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return str(host).lower().strip("[]"), _port(port)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    """The audit hook: cheap for every other event, strict for the network ones."""
    if not _active or _any or event not in _EVENTS:
        return
    target = _target(event, args)
    if target is None or _permitted(*target):
        return
    host, port = target
    shown = f"[{host}]" if ":" in host else host
    where = f"{shown}:{port}" if port is not None else shown
    raise NetworkRefusedError(f"network access refused: {where} (pass --endpoint to allow)")
