"""Arithmetic on amounts: portions against their whole, and one exchange rate throughout.

Cable ¶27: "about 191,970 euros (282,030 dollars), approximately 28,750 euros (42,240
dollars) of which was during the reporting period ... about 135,000 euros (198,315
dollars) of that money": each portion (``tip:partOf``) is checked against its whole, and
every amount stated in both euros and dollars against the rate the others imply.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import median

from ..facts import Facts
from ..findings import Finding, merge_citations
from ..projection import Relation, relations
from .model import Side, finding, passage_key

__all__ = ["find"]

#: How far one amount's implied rate may be from the others' before it is a disagreement.
TOLERANCE = 0.005


def _side(rels: list[Relation], says: str) -> Side:
    return Side(says, merge_citations(*(r.citations for r in rels)), tuple(r.iri for r in rels))


def _euros(r: Relation) -> str:
    return f"{r.amount('EUR'):,.0f} euros"


def _portions(rels: list[Relation]) -> list[Finding]:
    by_iri = {r.iri: r for r in rels}
    parts: dict[str, list[Relation]] = defaultdict(list)
    for r in rels:
        if r.part_of in by_iri and r.amount("EUR") and by_iri[r.part_of].amount("EUR"):
            parts[r.part_of].append(r)
    out = []
    for whole_iri, portions in sorted(parts.items()):
        whole = by_iri[whole_iri]
        total = whole.amount("EUR") or 0.0
        over = [p for p in portions if (p.amount("EUR") or 0.0) > total]
        each = ", ".join(_euros(p) for p in portions)
        verdict = "differ" if over else "agree"
        why = (
            f"each portion ({each}) is at most the whole ({_euros(whole)}); the portions are "
            "stated as parts, not as a breakdown, so they are not summed"
            if not over
            else f"{', '.join(_euros(p) for p in over)} is more than the whole ({_euros(whole)})"
        )
        a, b = _side([whole], f"{whole.label}: {_euros(whole)}"), _side(portions, each)
        out.append(finding("arithmetic", verdict, a, b, why, whole.iri, f"{whole.label}: portions"))
    return out


def _rates(rels: list[Relation]) -> list[Finding]:
    both = [r for r in rels if r.amount("EUR") and r.amount("USD") and r.citations]
    by_passage: dict[str, list[Relation]] = defaultdict(list)
    for r in both:
        by_passage[min((c.passage for c in r.citations), key=passage_key)].append(r)
    out = []
    for passage, group in sorted(by_passage.items()):
        if len(group) < 2:
            continue
        rates = {r.iri: (r.amount("USD") or 0.0) / (r.amount("EUR") or 1.0) for r in group}
        mid = median(rates.values())
        off = [r for r in group if abs(rates[r.iri] - mid) > TOLERANCE * mid]
        first, rest = group[0], group[1:]
        shown = "; ".join(f"{_euros(r)} = {r.amount('USD'):,.0f} dollars" for r in rest)
        verdict = "differ" if off else "agree"
        why = (
            f"every amount implies about {mid:.3f} dollars per euro: one exchange rate"
            if not off
            else f"{len(off)} amount(s) imply a rate other than {mid:.3f} dollars per euro"
        )
        out.append(
            finding(
                "arithmetic",
                verdict,
                _side(
                    [first], f"{first.label}: {_euros(first)} = {first.amount('USD'):,.0f} dollars"
                ),
                _side(rest, shown),
                why,
                first.iri,
                f"euros and dollars in {passage}: the exchange rate",
            )
        )
    return out


def find(facts: Facts) -> list[Finding]:
    """Portions against their whole, and the exchange rate the amounts imply."""
    rels = [r for r in relations(facts, ["funding"]) if not r.negated]
    return _portions(rels) + _rates(rels)
