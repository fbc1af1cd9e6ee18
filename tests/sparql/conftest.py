"""The SPARQL tests' own servers: a real Virtuoso beside the session's Oxigraph."""

from __future__ import annotations

import pytest
import virtuoso_server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):  # yields a virtuoso_server.Virtuoso
    """Debian's Virtuoso on 127.0.0.1 with a fresh database, started once for the session."""
    if not virtuoso_server.available():
        pytest.skip(virtuoso_server.MISSING)
    server = virtuoso_server.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        virtuoso_server.stop(server)
