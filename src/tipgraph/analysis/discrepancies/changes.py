"""Stated changes against the figures: "a decline from 33", "This marked an increase".

The data record a change the source states (``tip:StatedChange``: from one observation to
another, the direction, the quote); the direction is checked against the two values, and
two different measures (2007's convictions against 2006's cases with convictions) make the
change not comparable, whatever the values.
"""

from __future__ import annotations

from rdflib.namespace import RDFS

from tipgraph.namespaces import TIP

from ..facts import Facts
from ..findings import Finding
from ..terms import all_text, citations_of, curie, label_of
from .model import Figure, Side, finding, side_of

__all__ = ["find"]


def find(facts: Facts, figs: list[Figure]) -> list[Finding]:
    """One finding per stated change whose two figures are known."""
    by_iri = {f.iri: f for f in figs}
    for f in figs:
        for copy in f.restated_by:
            by_iri[copy] = f
    out = []
    for node in sorted(facts.instances(TIP.StatedChange), key=str):
        ends = [facts.one(node, p) for p in (TIP.changeFrom, TIP.changeTo)]
        a, b = (by_iri.get(curie(e)) if e is not None else None for e in ends)
        if a is None or b is None:
            continue
        direction = str(facts.one(node, TIP.direction)).rsplit("direction-", 1)[-1]
        went = "increase" if b.value > a.value else "decrease" if b.value < a.value else "none"
        says = f"a{'n' if direction == 'increase' else ''} {direction}"
        values = f"{a.shown()} ({a.period.label}) to {b.shown()} ({b.period.label})"
        if a.measure != b.measure:
            verdict = "not-comparable"
            why = (
                f"the source calls {values} {says}, but the two count different things "
                f"({a.measure.replace('-', ' ')} against {b.measure.replace('-', ' ')})"
            )
        elif went == direction:
            verdict, why = "agree", f"the source says {says}; the figures go from {values}"
        else:
            verdict, why = "differ", f"the source says {says}, but the figures go from {values}"
        change = Side(f"the source: {says}", citations_of(facts, node), (curie(node),))
        b_side = side_of([b])
        b_side = Side(b_side.says, (*b_side.citations, *change.citations), b_side.figures)
        comment = all_text(facts, node, RDFS.comment)
        why = f"{why}. {comment}" if comment else why
        out.append(
            finding(
                "arithmetic", verdict, side_of([a]), b_side, why, curie(node), label_of(facts, node)
            )
        )
    return out
