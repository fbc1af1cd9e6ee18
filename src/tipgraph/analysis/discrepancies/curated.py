"""The curators' comparisons: what computation cannot find, read from ``tip:Comparison``.

Funding, plans, persistent problems, the victim profile and qualitative tensions are
statements in words; the data record each comparison with its kind, its verdict, both
sides as quoted passages and, in ``rdfs:comment``, why (``data/comparisons.ttl``).
"""

from __future__ import annotations

from rdflib.namespace import RDF, RDFS

from tipgraph.namespaces import OA, TIP

from ..facts import Facts
from ..findings import Citation, Finding
from ..terms import all_text, curie, label_of
from .model import Side, finding

__all__ = ["find"]


def _side(facts: Facts, node: object) -> Side:
    source = facts.one(node, OA.hasSource)  # type: ignore[arg-type]
    quote = facts.one(facts.one(node, OA.hasSelector), OA.exact)  # type: ignore[arg-type]
    text = str(quote or "")
    return Side(f"“{text}”", (Citation(curie(source), text),) if source is not None else ())


def find(facts: Facts) -> list[Finding]:
    """Every curated comparison, as a finding of its kind."""
    out = []
    for node in sorted(facts.graph.subjects(RDF.type, TIP.Comparison), key=str):
        kind = str(facts.one(node, TIP.comparisonKind)).rsplit("comparison-", 1)[-1]
        verdict = str(facts.one(node, TIP.verdict)).rsplit("verdict-", 1)[-1]
        a, b = (_side(facts, facts.one(node, p)) for p in (TIP.sideA, TIP.sideB))
        why = all_text(facts, node, RDFS.comment)
        out.append(finding(kind, verdict, a, b, why, curie(node), label_of(facts, node)))
    return out
