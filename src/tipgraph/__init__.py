"""tipgraph: a cited knowledge graph of a national counter-trafficking system.

Load it (``load_project``), validate it (``validate``), query it (``run_query``)
and analyse it (``tipgraph.analysis``); every fact in it cites the passage of
the source that states it.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
