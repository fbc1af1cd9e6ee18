"""Constants the tests share, importable by name (``conftest`` is not: each folder may have one)."""

from __future__ import annotations

from pathlib import Path

from tipgraph.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
# The project's prefixes as a Turtle header, for tests that write small graphs by hand.
TURTLE_PREFIXES = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in PREFIXES.items())
