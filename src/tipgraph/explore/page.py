"""The explorer as one self-contained HTML file: data, script, stylesheet and Cytoscape.js inline.

The page must work opened from disk and make no network request, so nothing is
linked: the vendored library, the page's own script and stylesheet and the
graph's JSON are all in the file. A Content-Security-Policy meta tag forbids
every fetch (``default-src 'none'``) and allows only the page's own scripts, by
their SHA-256 hashes, so even an injected script could not run or call out.
Style attributes are allowed inline because Cytoscape.js sets them on its canvas.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import Graph

from tipgraph.explore.data import explorer_data
from tipgraph.graph.export import atomic_write

__all__ = ["CYTOSCAPE_VERSION", "TITLE", "render_explorer", "write_explorer"]

CYTOSCAPE_VERSION = "3.35.0"  # vendor/cytoscape.min.js, from npm; see vendor/README.md
TITLE = "tipgraph explorer: Kosovo's counter-trafficking system"
_HERE = files(__package__)


def _asset(path: str) -> str:
    return (_HERE / path).read_text(encoding="utf-8")


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json(data: Any) -> str:
    """JSON safe inside a <script> element: no ``</script>`` or ``<!--`` can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_explorer(graph: Graph) -> str:
    """The whole page as one string (the same bytes for the same graph)."""
    licence = _asset("vendor/LICENSE.cytoscape").replace("*/", "* /")
    scripts = [
        f"/* Cytoscape.js {CYTOSCAPE_VERSION} (npm: cytoscape), MIT licence:\n{licence}\n*/\n"
        + _asset("vendor/cytoscape.min.js"),
        _asset("static/network.js"),
        _asset("static/app.js"),
    ]
    csp = (
        "default-src 'none'; script-src "
        + " ".join(_hash(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    tags = "".join(f"<script>{s}</script>\n" for s in scripts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{escape(TITLE)}</title>'
        f"<style>{_asset('static/app.css')}</style></head>\n<body>"
        '<a class="skip" href="#main">Skip to the content</a>'
        '<header class="top"><a class="brand" href="#">tipgraph explorer</a>'
        '<form id="search-form" role="search"><label for="q" class="skip">Search</label>'
        '<input id="q" type="search" autocomplete="off" placeholder="Search names, acronyms, '
        'laws, figures" aria-describedby="live"><span id="live" aria-live="polite"></span></form>'
        '<nav aria-label="Views"><a href="#network">Network</a><a href="#passage/cable/1">Cable</a>'
        '<a href="#passage/tip09/1">2009 report</a><a href="#disagreements">Disagreements</a>'
        '<a href="#whatif">What-ifs</a></nav></header>\n'
        '<main id="main" tabindex="-1"><noscript>The explorer needs JavaScript; '
        "<code>out/report.html</code> is the same graph's findings without it.</noscript></main>\n"
        "<footer>Written by <code>tipgraph explore</code> from the curated graph; every fact "
        "links to the paragraph it quotes. The network is drawn with Cytoscape.js "
        f"{CYTOSCAPE_VERSION} (MIT).</footer>\n"
        f'<script type="application/json" id="tipgraph-data">{_json(explorer_data(graph))}'
        f"</script>\n{tags}</body></html>\n"
    )


def write_explorer(graph: Graph, path: Path) -> Path:
    """Render the page and write it atomically to ``path``."""
    atomic_write({path: render_explorer(graph)})
    return path
