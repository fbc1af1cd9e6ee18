"""The same measure in two passages, for different periods or from different bodies.

Cable ¶5 gives 32 victims "For April 1, 2007 through January 21, 2008", ¶9 the same
32 "In 2007"; cable ¶6 gives 33 victims assisted in 2007 by the VAAU, the 2009 chapter
the same 33 by "the government". Figures are compared when their measure, unit and
breakdown are the same, their actors fit (the same, unstated, or one part of the
other), their periods are not known to be disjoint, and their period or actor differ.
One finding per pair of passages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..findings import Finding
from .model import Figure, actors_fit, finding, overlap, passage_key, side_of

__all__ = ["find"]


def _why(pairs: list[tuple[Figure, Figure]]) -> tuple[str, str]:
    a, b = pairs[0]
    pa, pb = ", ".join(sorted(a.passages)), ", ".join(sorted(b.passages))
    relations = {overlap(x, y) for x, y in pairs}
    equal = all(x.value == y.value for x, y in pairs)
    parts = []
    if a.period_iri != b.period_iri:
        parts.append(
            f"{pa} gives {a.period.label or 'no period'}, {pb} {b.period.label or 'no period'}"
        )
    if a.actors != b.actors:
        who_a = ", ".join(a.actor_labels) or "no body named"
        who_b = ", ".join(b.actor_labels) or "no body named"
        parts.append(f"{pa} attributes it to {who_a}, {pb} to {who_b}")
    if not equal:
        return "differ", "; ".join(parts) + ": different values for periods not known to differ"
    if "overlapping" in relations:
        return "differ", (
            "; ".join(parts) + ": the same values for two periods that overlap but are not "
            "the same — one period is misstated or the counts coincide; the source does not say"
        )
    if "unknown" in relations:
        return "agree", (
            "; ".join(parts) + ": the same value, and one period's bounds are not stated, so "
            "both may be one period"
        )
    return "agree", "; ".join(parts) + ": the same value for the same period"


def find(figs: list[Figure], parents: Callable[[str], set[str]]) -> list[Finding]:
    """One finding per pair of passages giving one measure for other periods or bodies."""
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figs:
        groups[(f.dataset, f.measure, f.unit, f.breakdown, f.area)].append(f)
    by_passages: dict[tuple[frozenset[str], frozenset[str]], list[tuple[Figure, Figure]]]
    by_passages = defaultdict(list)
    for members in groups.values():
        members.sort(key=lambda f: (min(map(passage_key, f.passages)), f.iri))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.passages & b.passages or not actors_fit(parents, a, b):
                    continue
                if overlap(a, b) == "disjoint":
                    continue
                if a.period_iri == b.period_iri and a.actors == b.actors:
                    continue  # the same figure twice: a restatement, or nothing to say
                by_passages[(a.passages, b.passages)].append((a, b))
    out = []
    for pairs in by_passages.values():
        verdict, why = _why(pairs)
        a, b = pairs[0]
        label = f"{a.measure.replace('-', ' ')}: {a.period.label} vs {b.period.label}"
        if a.period_iri == b.period_iri:
            label = f"{a.measure.replace('-', ' ')}, {a.period.label}: two attributions"
        out.append(
            finding(
                "period-or-attribution",
                verdict,
                side_of(x for x, _ in pairs),
                side_of(y for _, y in pairs),
                why,
                a.iri,
                label,
            )
        )
    return out
