"""``tipgraph explore``: one offline page to search, follow and check every fact of the graph.

``data`` serialises the graph and the analyses as JSON; ``page`` inlines it with
the page's script, its stylesheet and the vendored Cytoscape.js into one HTML
file that makes no network request.
"""

from __future__ import annotations

from tipgraph.explore.data import explorer_data
from tipgraph.explore.page import render_explorer, write_explorer

__all__ = ["explorer_data", "render_explorer", "write_explorer"]
