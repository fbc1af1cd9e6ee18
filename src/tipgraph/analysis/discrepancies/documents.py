"""Across the two documents: the same measure a year apart, the same penalty twice.

The 2008 cable's figures are for 2007, the 2009 chapter's for 2008: one measure a year
apart is a change, not a disagreement, and is reported as not comparable with both
years named. A penalty provision both documents give, for the same offence type and the
same range, is a confirmation; so is a problem node citing passages of both (the data
keep one node per distinct problem). The rest (funding, plans, the coordinator, the
victim profile) is read from the curators' comparisons (``curated``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib.term import Node

from tipgraph.namespaces import TIP

from ..facts import Facts
from ..findings import Citation, Finding
from ..terms import citations_of, curie, label_of
from .model import Figure, Side, actors_fit, adjacent_years, document_of, finding, side_of

__all__ = ["find"]


def _figures(figs: list[Figure], parents: Callable[[str], set[str]]) -> list[Finding]:
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figs:
        if len(f.documents) == 1:
            groups[(f.dataset, f.measure, f.unit, f.breakdown, f.area)].append(f)
    out = []
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.documents == b.documents or not adjacent_years(a, b):
                    continue
                if not actors_fit(parents, a, b):
                    continue
                a, b = sorted((a, b), key=lambda f: f.period.sort_key)
                why = (
                    f"different years ({a.period.label}: {a.shown()}; {b.period.label}: "
                    f"{b.shown()}): a change over time, not a disagreement"
                )
                label = f"{a.measure.replace('-', ' ')}: {a.period.label} vs {b.period.label}"
                sa, sb = side_of([a]), side_of([b])
                out.append(finding("across-documents", "not-comparable", sa, sb, why, a.iri, label))
    return out


def _penalties(facts: Facts) -> list[Finding]:
    by_range: dict[tuple[Node, str, str], list[Node]] = defaultdict(list)
    for p in facts.graph.subjects(TIP.offenceType, None):
        low, high = facts.one(p, TIP.minImprisonmentMonths), facts.one(p, TIP.maxImprisonmentMonths)
        offence = facts.one(p, TIP.offenceType)
        if low is not None and high is not None and offence is not None:
            by_range[(offence, str(low), str(high))].append(p)
    out = []
    for (_, least, most), provisions in sorted(by_range.items(), key=lambda kv: str(kv[0])):
        docs: dict[str, list[Node]] = defaultdict(list)
        for p in provisions:
            cited = {document_of(c.passage) for c in citations_of(facts, p)}
            if len(cited) == 1:
                docs[cited.pop()].append(p)
        if len(docs) != 2:
            continue
        (_, first), (_, second) = sorted(docs.items())
        sa, sb = (
            Side(
                "; ".join(label_of(facts, p) for p in group),
                tuple(c for p in group for c in citations_of(facts, p)),
                tuple(curie(p) for p in group),
            )
            for group in (first, second)
        )
        years = f"{int(least) / 12:g} to {int(most) / 12:g} years"
        why = f"both documents give {years}' imprisonment for this offence: a confirmation"
        label = f"the penalty range {years}, in both documents"
        out.append(finding("across-documents", "agree", sa, sb, why, curie(first[0]), label))
    return out


def _problems(facts: Facts) -> list[Finding]:
    """A problem node citing both documents: the curators found the same problem in each."""
    out = []
    for node in sorted(facts.instances(TIP.Finding), key=str):
        by_doc: dict[str, list[Citation]] = defaultdict(list)
        for c in citations_of(facts, node):
            by_doc[document_of(c.passage)].append(c)
        if len(by_doc) != 2:
            continue
        label = label_of(facts, node)
        sa, sb = (Side(label, tuple(cs), (curie(node),)) for _, cs in sorted(by_doc.items()))
        why = "both documents state this problem (one problem node cites both): it persists"
        out.append(finding("across-documents", "agree", sa, sb, why, curie(node), label))
    return out


def find(facts: Facts, figs: list[Figure], parents: Callable[[str], set[str]]) -> list[Finding]:
    """Figures of one measure a year apart, penalties and problems both documents give."""
    return _figures(figs, parents) + _penalties(facts) + _problems(facts)
