"""The one exception tree of tipgraph.

Every error a user can cause is one of these, and its message is one line
that names the file, line, node or URL it concerns::

    TipgraphError
    ├── LoadError        a file is missing, unreadable or not valid RDF / text
    ├── ValidationError  the shapes themselves are broken (non-conformance is a result)
    ├── QueryError       a query is unknown, malformed, refused or given bad parameters
    ├── EndpointError    a SPARQL server is unreachable, refused, erred (HTTP) or timed out
    ├── ExportError      an output could not be written
    └── NetworkRefusedError  the network guard stopped a connection nobody asked for

The CLI prints ``tipgraph: error: <message>`` and exits non-zero.
"""

from __future__ import annotations

__all__ = [
    "EndpointError",
    "ExportError",
    "LoadError",
    "NetworkRefusedError",
    "QueryError",
    "TipgraphError",
    "ValidationError",
]


class TipgraphError(Exception):
    """Root of every error tipgraph raises on purpose; ``exit_code`` is what the CLI returns."""

    exit_code = 2

    def __str__(self) -> str:
        # One line, always: third-party messages often span several.
        return " ".join(super().__str__().split())


class LoadError(TipgraphError):
    """An input file is missing, unreadable, or not what it claims to be."""


class ValidationError(TipgraphError):
    """The shapes could not be applied (a violation report is not an error)."""


class QueryError(TipgraphError):
    """A query is unknown, malformed, refused by the network guard, or badly parameterised."""


class EndpointError(TipgraphError):
    """A remote SPARQL endpoint failed: unreachable, refused, HTTP error or timeout."""

    exit_code = 3


class ExportError(TipgraphError):
    """An output file could not be written."""


class NetworkRefusedError(TipgraphError):
    """Something tried to open a connection the user did not ask for (``tipgraph.safety.guard``)."""
