"""Related but different measures of one phenomenon: not comparable by definition.

Identified against assisted victims, cases filed against worked on against prosecuted,
convictions counted as cases against persons, shares of different denominators: the
statistics vocabulary relates such measures (``skos:related``) because a reader is
tempted to compare them. Figures of two related measures are set side by side when the
source juxtaposes them (one passage), when they are for the same period, when their
actors fit and their periods overlap, or, across the two documents, when one's period
follows the other's; and when a curator's comment names a figure of another measure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import networkx as nx

from ..findings import Finding
from .model import Figure, Vocab, actors_fit, adjacent_years, finding, overlap, side_of

__all__ = ["find"]


def _juxtaposed(vocab: Vocab, parents: Callable[[str], set[str]], a: Figure, b: Figure) -> bool:
    if a.iri in b.names or b.iri in a.names:  # a curator's "compare with": other passages
        return a.measure != b.measure and not a.passages & b.passages
    if not vocab.related(a.measure, b.measure):
        return False
    if a.passages & b.passages:  # the passage itself sets them side by side
        return (a.breakdown[0], a.breakdown[2]) == (b.breakdown[0], b.breakdown[2])
    if vocab.breakdown(a) != vocab.breakdown(b):
        return False
    if a.period_iri and a.period_iri == b.period_iri:
        return True
    if not actors_fit(parents, a, b):
        return False
    if overlap(a, b) in ("same", "overlapping"):
        return True
    return a.documents != b.documents and adjacent_years(a, b)


def find(figs: list[Figure], vocab: Vocab, parents: Callable[[str], set[str]]) -> list[Finding]:
    """One finding per group of figures of related measures set side by side."""
    index = {f.iri: f for f in figs}
    by_family: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in figs:
        for m in vocab.family(f.measure) - {f.measure}:
            by_family[(f.dataset, m)].append(f)
    edges = nx.Graph()
    for members in by_family.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.iri != b.iri and _juxtaposed(vocab, parents, a, b):
                    edges.add_edge(a.iri, b.iri)
    for f in figs:  # a curator's comment may name a figure of any other measure
        for n in f.names:
            if n in index and _juxtaposed(vocab, parents, f, index[n]):
                edges.add_edge(f.iri, n)
    out = []
    for component in sorted((sorted(c) for c in nx.connected_components(edges)), key=str):
        members = [index[i] for i in component]
        first = min(members, key=lambda f: (sorted(f.passages), f.iri)).measure
        order = [first, *sorted({f.measure for f in members} - {first})]
        left = [f for f in members if f.measure == first]
        right = [f for f in members if f.measure != first]
        names = " vs ".join(m.replace("-", " ") for m in order)
        why = "not comparable by definition — " + "; ".join(
            f"{m.replace('-', ' ')}: {vocab.definition(m)}" for m in order
        )
        sa, sb = side_of(left), side_of(right)
        out.append(finding("related-measures", "not-comparable", sa, sb, why, left[0].iri, names))
    return out
