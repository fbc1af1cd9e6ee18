"""The report page's building blocks: its stylesheet, citations, finding lists, tables, sections.

Every finding is shown with the passage keys it rests on ("cable ¶28"), which
open (``<details>``, no script) to the source's verbatim quotes. Each list item
and table row carries ``data-section`` and ``data-subject`` so that a reader's
tool, or a test, can find one finding. All text is escaped here unless a
function says its argument is HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from tipgraph.analysis import Citation, Finding

__all__ = ["cites", "document", "findings", "more", "passage_name", "section", "table"]

_CSS = """
body{font:15px/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#222;margin:0;
background:#f3f3f3}main{max-width:1140px;margin:0 auto;padding:12px 28px 40px;background:#fff}
h1{font-size:26px;margin:12px 0 6px}h2{font-size:21px;margin:40px 0 6px;padding-bottom:3px;
border-bottom:2px solid #2166ac}h3{font-size:17px;margin:22px 0 6px}h4{margin:12px 0 4px}
nav ol{columns:2;margin:6px 0}ul.notes{color:#555;font-size:13px;margin:4px 0}
figure{margin:14px 0;overflow-x:auto}figcaption{color:#444;font-size:13px}
svg{max-width:100%;height:auto;font-size:12px;fill:#222}
svg .node text,svg .entry text{paint-order:stroke;stroke:#fff;stroke-width:3px;
stroke-linejoin:round}svg .legend{fill:#333}svg .year{font-weight:bold}svg .grid{stroke:#ddd}
svg .day{fill:#2166ac}svg .range{fill:#9ecae1;stroke:#4292c6}svg .period{fill:#1b9e77}
svg .open{fill:#c7e9c0;stroke:#1b9e77;stroke-dasharray:4 3}
table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eef3f8}tr:nth-child(even) td{background:#fafcfe}.why{font-size:13px}
ul.findings li{margin:3px 0}details.cite{display:inline;font-size:13px;color:#2166ac}
details.cite summary{cursor:pointer;display:inline}details.cite[open]{display:block;
background:#f4f7fb;border-left:3px solid #2166ac;padding:4px 8px;margin:4px 0;color:#222}
q{font-style:italic}.side{display:flex;flex-wrap:wrap;gap:6px;min-width:310px}
.fig{border:1px solid #ccc;border-radius:4px;padding:2px 8px;min-width:120px}
.fig b{font-size:15px}.muted{color:#666}
.glance{background:#f4f7fb;border:1px solid #d6e2ef;border-radius:6px;padding:6px 18px}
.scroll{overflow-x:auto;max-width:100%}
@media (max-width:760px){main{padding:8px 10px 30px}h1{font-size:22px}
figure svg{max-width:none;width:1100px}.glance{padding:4px 10px}nav ol{columns:1}}
"""
# Narrow screens (a phone, 420 px): tables scroll inside their own box instead of widening
# the page, and drawings keep their drawn size (12 px text) in a figure that scrolls
# sideways, rather than shrinking to a third with unreadable labels.


def passage_name(key: str) -> str:
    """How a reader is shown a passage key.

    >>> passage_name("cable:p28"), passage_name("tip09:header")
    ('cable ¶28', 'tip09 header')
    """
    doc, _, local = key.partition(":")
    return f"{doc} ¶{local[1:]}" if local[:1] == "p" and local[1:].isdigit() else f"{doc} {local}"


def cites(citations: Iterable[Citation]) -> str:
    """The passage keys ("[cable ¶28]"), opening to the verbatim quotes."""
    found = sorted(set(citations))
    if not found:
        return '<span class="muted">[no citation]</span>'
    keys = ", ".join(dict.fromkeys(passage_name(c.passage) for c in found))
    quotes = "".join(
        f"<li><b>{escape(passage_name(c.passage))}</b> <q>{escape(c.quote)}</q></li>" for c in found
    )
    return f'<details class="cite"><summary>[{escape(keys)}]</summary><ul>{quotes}</ul></details>'


def _attrs(f: Finding) -> str:
    return f' data-section="{escape(f.section)}" data-subject="{escape(f.subject)}"'


def findings(found: Sequence[Finding]) -> str:
    """A list of findings, each its text and its citations."""
    if not found:
        return '<p class="muted">(none found)</p>'
    items = "".join(f"<li{_attrs(f)}>{escape(f.text)} {cites(f.citations)}</li>" for f in found)
    return f'<ul class="findings">{items}</ul>'


def more(summary: str, found: Sequence[Finding]) -> str:
    """A long list of findings, folded away under ``summary``."""
    return f"<details><summary>{escape(summary)}</summary>{findings(found)}</details>"


def table(head: Sequence[str], rows: Sequence[tuple[Finding, Sequence[str]]]) -> str:
    """One finding per row, its citations in a last column; the cells are HTML (escaped)."""
    if not rows:
        return '<p class="muted">(none found)</p>'
    th = "".join(f"<th>{escape(h)}</th>" for h in (*head, "Sources"))
    body = "".join(
        f"<tr{_attrs(f)}>"
        + "".join(f"<td>{c}</td>" for c in (*cells, cites(f.citations)))
        + "</tr>"
        for f, cells in rows
    )
    table = f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>'


def section(
    key: str, title: str, notes: Sequence[str], drawing: str, parts: Sequence[tuple[str, str]]
) -> str:
    """A numbered section: the analysis's caveats, a drawing (HTML), then headed parts (HTML)."""
    caveats = "".join(f"<li>{escape(n)}</li>" for n in notes)
    body = "".join(f"<h3>{escape(h)}</h3>{html}" for h, html in parts)
    return (
        f'<section id="{escape(key)}"><h2>{escape(title)}</h2><ul class="notes">{caveats}</ul>'
        f"{drawing}{body}</section>"
    )


def document(title: str, parts: Sequence[str]) -> str:
    """The whole page around ``parts`` (HTML): no script, no external resource."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body><main>\n"
        + "\n".join(parts)
        + '\n<footer><p class="muted">Written by <code>tipgraph report</code> from the curated '
        "graph; the same inputs give the same page.</p></footer></main></body></html>\n"
    )
