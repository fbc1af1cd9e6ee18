"""Arithmetic: the parts a passage breaks a figure into, against the total it states.

Cable ¶5: "32 trafficking victims, 17 of whom were Kosovo Albanians and one of whom was
a Kosovo Serb. The majority of the remaining 14 ..."; ¶34: "twenty-four convictions.
Twenty-two of the convicts received prison sentences ... One person was fined, and one
person received a sentence of semi-liberty". A part is a figure of the same passage,
period and population, of a measure of the same family (``skos:broader``), whose
breakdown adds to its total's; each part is summed under its most specific total. Shares
of one population and one breakdown (nationality, or one parent category) are summed
against 100 percent.
"""

from __future__ import annotations

from collections import defaultdict

from ..findings import Finding
from .model import NOT_HAPPENED, Figure, Side, Vocab, finding, passage_key, side_of

__all__ = ["find"]

_FAMILIES = frozenset({"victim-counts", "court-case-counts", "conviction-counts", "staff-counts"})


def _dims(vocab: Vocab, f: Figure) -> frozenset[tuple[str, str]]:
    nat, cat, _ = vocab.breakdown(f)
    dims = (("nationality", nat), ("category", cat), ("area", f.area))
    return frozenset(d for d in dims if d[1])


def _family(vocab: Vocab, f: Figure) -> frozenset[str]:
    return vocab.family(f.measure) & _FAMILIES


def _sum(parts: list[Figure]) -> str:
    total = sum(p.value for p in parts)
    terms = " + ".join(f"{p.value:g}" for p in parts)
    return f"{terms} = {total:g}" if len(parts) > 1 else terms


def _counts(figs: list[Figure], vocab: Vocab) -> list[Finding]:
    counted = [
        f
        for f in figs
        if _family(vocab, f) and f.unit != "percent" and f.modality not in NOT_HAPPENED
    ]
    by_place: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for f in counted:
        for p in f.passages:
            by_place[(p, f.period_iri, f.breakdown[2])].append(f)
    out = []
    for (passage, _, _), members in sorted(by_place.items()):
        parts_of: dict[str, list[Figure]] = defaultdict(list)
        for part in members:
            totals = [
                t
                for t in members
                if _family(vocab, t) & _family(vocab, part) and _dims(vocab, t) < _dims(vocab, part)
            ]
            if totals:
                best = max(totals, key=lambda t: (len(_dims(vocab, t)), t.iri))
                parts_of[best.iri].append(part)
        index = {f.iri: f for f in members}
        for total_iri, parts in sorted(parts_of.items()):
            total = index[total_iri]
            if min(total.passages, key=passage_key) != passage:
                continue  # a restated total is checked once, in its first passage
            parts.sort(key=lambda f: (-f.value, f.iri))
            s = sum(p.value for p in parts)
            if s == total.value:
                verdict, why = "agree", f"the parts add up: {_sum(parts)}, the total"
            elif s < total.value:
                verdict, why = (
                    "agree",
                    (
                        f"the parts account for {_sum(parts)} of {total.value:g}; the rest "
                        f"({total.value - s:g}) is not broken down"
                    ),
                )
            else:
                verdict, why = (
                    "differ",
                    (f"the parts add up to {_sum(parts)}, more than the total {total.value:g}"),
                )
            label = f"{total.label}: parts against the total"
            sa, sb = side_of([total]), side_of(parts)
            out.append(finding("arithmetic", verdict, sa, sb, why, total.iri, label))
    return out


def _scheme(vocab: Vocab, f: Figure) -> str:
    nat, cat, _ = f.breakdown
    return "nationality" if nat else vocab.category_parent(cat) if cat else ""


def _shares(figs: list[Figure], vocab: Vocab) -> list[Finding]:
    groups: dict[tuple[object, ...], list[Figure]] = defaultdict(list)
    for f in figs:
        scheme = _scheme(vocab, f)
        if f.unit == "percent" and scheme and len(f.passages) == 1:
            key: tuple[object, ...] = (
                min(f.passages),
                f.measure,
                f.breakdown[2],
                f.period_iri,
                f.actors,
                scheme,
            )
            groups[key].append(f)
    out = []
    for key, parts in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if len(parts) < 2:
            continue
        parts.sort(key=lambda f: (-f.value, f.iri))
        s = sum(p.value for p in parts)
        bound = "less than " if any(p.qualifier == "less-than" for p in parts) else ""
        terms = " + ".join(p.shown() for p in parts)
        if s <= 100:
            verdict = "agree"
            why = f"the shares sum to {bound}{s:g} percent ({terms}), within 100"
            if s < 100:
                why += f"; {bound and 'more than '}{100 - s:g} percent is in no stated category"
        else:
            verdict = "differ"
            why = f"the shares sum to {s:g} percent ({terms}), more than 100"
        whom = parts[0].breakdown[2].replace("-", " ") or "the set"
        whole = Side(f"the whole: 100 percent of {whom}", parts[0].citations)
        scheme = str(key[-1]).replace("-", " ")
        label = f"{parts[0].measure.replace('-', ' ')} by {scheme} ({whom})"
        out.append(finding("arithmetic", verdict, whole, side_of(parts), why, parts[0].iri, label))
    return out


def find(figs: list[Figure], vocab: Vocab) -> list[Finding]:
    """Parts against totals: counts against the count they break down, shares against 100."""
    return _counts(figs, vocab) + _shares(figs, vocab)
