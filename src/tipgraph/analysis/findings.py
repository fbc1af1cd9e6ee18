"""What every analysis returns — findings with their citations — and its three renderings.

A :class:`Finding` answers one small question ("who funds PVPT?") in one line of
``text``, keeps the figures behind it in ``data``, and names the relations and
passages it rests on, so every rendering can show where an answer comes from:

* ``to_table`` — readable text, the passage keys after each finding;
* ``to_json`` — the stable structure documented in ``docs/analysis.md``;
* ``to_csv`` — one row per finding.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "JSON_VERSION",
    "Analysis",
    "Citation",
    "Finding",
    "render",
    "to_csv",
    "to_json",
    "to_table",
]

JSON_VERSION = 1
FORMATS = ("table", "json", "csv")


@dataclass(frozen=True, order=True)
class Citation:
    """A passage (``cable:p27``) and the verbatim quote a fact rests on."""

    passage: str
    quote: str


@dataclass(frozen=True)
class Finding:
    """One answer: a section, its subject (a compact IRI), one line of text, data, evidence."""

    section: str
    subject: str
    label: str
    text: str
    data: Mapping[str, Any] = field(default_factory=dict)
    relations: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def passages(self) -> tuple[str, ...]:
        """The passage keys cited, each once, in order of first citation.

        >>> Finding("s", "kv:a", "a", "t", citations=(Citation("cable:p28", "x"),
        ...     Citation("cable:p27", "y"), Citation("cable:p28", "z"))).passages
        ('cable:p28', 'cable:p27')
        """
        return tuple(dict.fromkeys(c.passage for c in self.citations))


@dataclass(frozen=True)
class Analysis:
    """An analysis's name, the caveats that hold for all its findings, and the findings."""

    name: str
    notes: tuple[str, ...]
    findings: tuple[Finding, ...]

    def section(self, name: str) -> list[Finding]:
        """The findings of one section, in order."""
        return [f for f in self.findings if f.section == name]


def merge_citations(*groups: Iterable[Citation]) -> tuple[Citation, ...]:
    """All citations of ``groups``, each once, sorted."""
    return tuple(sorted({c for g in groups for c in g}))


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "section": f.section,
        "subject": f.subject,
        "label": f.label,
        "text": f.text,
        "data": dict(f.data),
        "relations": list(f.relations),
        "passages": list(f.passages),
        "citations": [{"passage": c.passage, "quote": c.quote} for c in f.citations],
    }


def to_json(analysis: Analysis) -> str:
    """The analysis as JSON: ``{analysis, format_version, notes, findings: [...]}``."""
    doc = {
        "analysis": analysis.name,
        "format_version": JSON_VERSION,
        "notes": list(analysis.notes),
        "findings": [_finding_json(f) for f in analysis.findings],
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def to_csv(analysis: Analysis) -> str:
    """One row per finding: fixed columns, then every data key (sorted) as a column."""
    keys = sorted({k for f in analysis.findings for k in f.data})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "subject", "label", "text", "relations", "passages", *keys])
    for f in analysis.findings:
        fixed = [f.section, f.subject, f.label, f.text, _cell(f.relations), _cell(f.passages)]
        writer.writerow(fixed + [_cell(f.data.get(k)) for k in keys])
    return out.getvalue()


def to_table(analysis: Analysis) -> str:
    """Readable text: sections in order, one finding per line, its passages after it."""
    lines = [f"{analysis.name}"]
    lines += [f"  note: {n}" for n in analysis.notes]
    current = None
    for f in analysis.findings:
        if f.section != current:
            current = f.section
            lines += ["", f"[{current}]"]
        where = f"  [{', '.join(f.passages)}]" if f.passages else ""
        lines.append(f"- {f.text}{where}")
    if not analysis.findings:
        lines += ["", "(no findings)"]
    return "\n".join(lines) + "\n"


def render(analysis: Analysis, fmt: str) -> str:
    """The analysis in ``fmt`` (table, json or csv)."""
    return {"table": to_table, "json": to_json, "csv": to_csv}[fmt](analysis)
