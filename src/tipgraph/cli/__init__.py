"""The ``tipgraph`` command line.

Every command reports a failure as one line, ``tipgraph: error: <what>``, and
exits non-zero (2 for bad input, 1 when the graph does not conform, 3 for a
failing endpoint); ``--debug`` shows the traceback instead. ``app`` holds the
group and what the commands share; each other module is one group of commands.
"""

from __future__ import annotations

from tipgraph.cli import analysis, graph, project, sparql, store
from tipgraph.cli.analysis import _ANALYSES, _KINDS
from tipgraph.cli.app import main

__all__ = ["_ANALYSES", "_KINDS", "analysis", "graph", "main", "project", "sparql", "store"]
