"""Restatements: a passage that repeats another passage's figures is one statement.

Cable ¶41 repeats ¶34's 2007 court outcomes figure for figure. Reported figure by
figure they look like eight figures "stated twice"; they are one statement restated.
Two passages of one document restate each other when at least two figures agree in
every respect (measure, value, unit, breakdown, period, actor); the later passage's
figures are then folded into the earlier one's, so the other comparisons see each
figure once, citing both passages. Words are restated too: ¶42 repeats ¶34's reasons
for the conviction rate, which the data record as problem nodes (one node per distinct
problem, citing every passage that states it); two passages of one document sharing at
least two problems restate each other's problems.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from rdflib.term import Node

from tipgraph.namespaces import TIP

from ..facts import Facts
from ..findings import Finding, merge_citations
from ..terms import citations_of, curie, label_of
from .model import Figure, Side, document_of, finding, passage_key, side_of

__all__ = ["find", "problems"]

#: Equal figures two passages must share before one counts as restating the other.
MIN_SHARED = 2


def _key(f: Figure) -> tuple[object, ...]:
    return (
        f.dataset,
        f.measure,
        f.value,
        f.unit,
        f.breakdown,
        f.area,
        f.period_iri,
        f.actors,
        f.qualifier,
    )


def find(figs: list[Figure]) -> tuple[list[Finding], list[Figure]]:
    """The restatement findings, and the figures with each restated one folded in."""
    by_key: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figs:
        if f.period_iri and len(f.passages) == 1:
            by_key[_key(f)].append(f)
    shared: dict[tuple[str, str], list[tuple[Figure, Figure]]] = defaultdict(list)
    for group in by_key.values():
        group.sort(key=lambda f: passage_key(next(iter(f.passages))))
        first = group[0]
        (p,) = first.passages
        for later in group[1:]:
            (q,) = later.passages
            if q != p and first.documents == later.documents:
                shared[(p, q)].append((first, later))
    out, folded = [], {}
    for (p, q), pairs in sorted(shared.items(), key=lambda kv: passage_key(kv[0][1])):
        if len(pairs) < MIN_SHARED or any(f.iri in folded for _, f in pairs):
            continue
        originals = [a for a, _ in pairs]
        copies = [b for _, b in pairs]
        why = (
            f"{q} repeats {len(pairs)} figures of {p} (same measure, "
            f"value, breakdown and period): one statement restated, counted once"
        )
        out.append(
            finding(
                "restatement",
                "restated",
                side_of(originals),
                side_of(copies),
                why,
                originals[0].iri,
                f"{q} restates {p}",
            )
        )
        for a, b in pairs:
            folded[b.iri] = a.iri
    merged = {f.iri: f for f in figs if f.iri not in folded}
    for copy in (f for f in figs if f.iri in folded):
        base = merged[folded[copy.iri]]
        merged[base.iri] = replace(
            base,
            citations=merge_citations(base.citations, copy.citations),
            restated_by=(*base.restated_by, copy.iri),
        )
    return out, sorted(merged.values(), key=lambda f: f.iri)


def problems(facts: Facts) -> list[Finding]:
    """One finding per pair of passages of one document that share two or more problems."""
    facts.read_derivations("citations-of-class.rq", cls=TIP.Finding)
    shared: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node in facts.instances(TIP.Finding):
        passages = sorted({c.passage for c in citations_of(facts, node)}, key=passage_key)
        for i, p in enumerate(passages):
            for q in passages[i + 1 :]:
                if document_of(p) == document_of(q):
                    shared[(p, q)].append(node)
    out = []
    for (p, q), nodes in sorted(shared.items(), key=lambda kv: passage_key(kv[0][1])):
        if len(nodes) < MIN_SHARED:
            continue
        nodes.sort(key=str)
        sa, sb = (
            Side(
                "; ".join(label_of(facts, n) for n in nodes),
                tuple(c for n in nodes for c in citations_of(facts, n) if c.passage == where),
                tuple(curie(n) for n in nodes),
            )
            for where in (p, q)
        )
        why = f"{q} repeats {len(nodes)} problems {p} states: one statement restated"
        label = f"{q} restates the problems of {p}"
        out.append(finding("restatement", "restated", sa, sb, why, curie(nodes[0]), label))
    return out
