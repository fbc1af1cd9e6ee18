"""Law against practice: sentences handed down against the ranges of the article applied.

Cable ¶34: "the sentences ranged from one year to 20 years" against ¶33's Article 139
ranges; 2009 ¶4: "Sentences for 14 offenders exceeded five years" against "two to 12
years' imprisonment". Which article a sentence was given under is never stated, so the
data link it only by an inferred statement (``tip:sentencedUnder``, with the reasoning);
each stated sentence is checked against every penalty provision of that article.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from tipgraph.namespaces import TIP

from ..facts import Facts
from ..findings import Finding, merge_citations
from ..terms import all_text, citations_of, curie, label_of, quantity
from .model import Figure, Side, finding, side_of

__all__ = ["find"]


def _years(months: float) -> str:
    if months == float("inf"):
        return "no maximum stated"
    if months % 12 == 0:
        return quantity(months / 12, "years")
    return f"{months:g} month" if months == 1 else f"{months:g} months"


def _range(low: float, high: float) -> str:
    return f"at least {_years(low)}" if high == float("inf") else f"{_years(low)} to {_years(high)}"


#: A penalty provision: what it punishes, its least and most months, its node.
Provision = tuple[str, float, float, Node]


def _other(f: Figure) -> bool:
    return f.measure == "sentences" and f.breakdown[1] in _OTHER


def _provisions(facts: Facts, article: Node) -> list[Provision]:
    out = []
    for p in facts.graph.subjects(TIP.ofArticle, article):
        low, high = facts.one(p, TIP.minImprisonmentMonths), facts.one(p, TIP.maxImprisonmentMonths)
        if low is not None or high is not None:
            what = label_of(facts, p).split(": ", 1)[-1]
            lo = float(str(low)) if low is not None else 0.0
            hi = float(str(high)) if high is not None else float("inf")
            out.append((what, lo, hi, p))
    return sorted(out, key=lambda x: (x[1], x[2], x[0]))


def _stated(f: Figure) -> tuple[str, float, float] | None:
    """The sentence a figure states, in months: (what, lowest, highest possible)."""
    if f.measure in ("sentence-length-min", "sentence-length-max") and f.unit == "years":
        end = "shortest" if f.measure.endswith("min") else "longest"
        years = quantity(f.value, "years")
        return (f"the {end} prison sentence ({years})", f.value * 12, f.value * 12)
    if f.measure == "sentences" and f.breakdown[1] == "sentence-over-five-years":
        return (f"sentences exceeding five years ({f.value:g})", 60.0, float("inf"))
    return None


def _judge(stated: tuple[str, float, float], provisions: list[Provision]) -> tuple[bool, str]:
    what, lo, hi = stated
    if hi == float("inf"):
        fits = [p for p in provisions if p[2] > lo]
    else:
        fits = [p for p in provisions if p[1] <= lo and hi <= p[2]]
    ranges = ", ".join(f"{p[0]} ({_range(p[1], p[2])})" for p in fits)
    if not fits:
        return False, f"{what}: outside every range of the article"
    return True, f"{what}: within {ranges} ({len(fits)} of the article's {len(provisions)} ranges)"


#: Sentences that are not imprisonment: the ranges say nothing of them.
_OTHER = {
    "sentence-fine": "a fine",
    "sentence-semi-liberty": "semi-liberty (parole)",
    "sentence-suspended": "a suspended sentence",
}


def _others(
    facts: Facts, article: Node, figs: list[Figure], provisions: list[Provision]
) -> Finding:
    """Fines, parole and suspended sentences against ranges of imprisonment: not comparable."""
    fined = [p[0] for p in provisions if facts.one(p[3], TIP.fineProvided) is not None]
    what = ", ".join(f"{_OTHER[f.breakdown[1]]} ({f.value:g})" for f in figs)
    why = (
        f"{what}: the ranges are of imprisonment"
        + (f"; a fine is provided only with it, for {', '.join(fined)}" if fined else "")
        + "; whether the law allows these instead is not stated, so they are not comparable"
    )
    law = _law_side(facts, article, provisions)
    label = f"other sentences against {label_of(facts, article)}"
    return finding("law-practice", "not-comparable", side_of(figs), law, why, figs[0].iri, label)


def _law_side(facts: Facts, article: Node, provisions: list[Provision]) -> Side:
    return Side(
        f"{label_of(facts, article)}: "
        + "; ".join(f"{p[0]}: {_range(p[1], p[2])}" for p in provisions),
        merge_citations(*(citations_of(facts, p[3]) for p in provisions)),
        tuple(curie(p[3]) for p in provisions),
    )


def find(facts: Facts, figs: list[Figure]) -> list[Finding]:
    """One finding per article and passage: the stated sentences against its ranges."""
    by_iri = {f.iri: f for f in figs}
    for f in figs:
        for copy in f.restated_by:
            by_iri[copy] = f
    links: dict[tuple[Node, str], list[tuple[Figure, Node]]] = defaultdict(list)
    for st in facts.graph.subjects(RDF.predicate, TIP.sentencedUnder):
        obs, article = facts.one(st, RDF.subject), facts.one(st, RDF.object)
        fig = by_iri.get(curie(obs)) if obs is not None else None
        if fig is not None and article is not None and (_stated(fig) or _other(fig)):
            links[(article, min(fig.passages))].append((fig, st))
    out = []
    for (article, _), pairs in sorted(links.items(), key=lambda kv: str(kv[0])):
        provisions = _provisions(facts, article)
        linked = sorted({f.iri: f for f, _ in pairs}.values(), key=lambda f: f.iri)
        if others := [f for f in linked if _other(f)]:
            out.append(_others(facts, article, others, provisions))
        stated = [f for f in linked if _stated(f)]
        if not stated:
            continue
        judged = [_judge(s, provisions) for s in (_stated(f) for f in stated) if s]
        reasons = "; ".join(text for _, text in judged)
        inferred = " ".join(sorted({all_text(facts, st, RDFS.comment) for _, st in pairs}))
        why = f"{reasons}. Which provision applied is not stated: {inferred}".strip()
        law = _law_side(facts, article, provisions)
        verdict = "agree" if all(ok for ok, _ in judged) else "differ"
        label = f"sentences against {label_of(facts, article)}"
        out.append(
            finding("law-practice", verdict, side_of(stated), law, why, stated[0].iri, label)
        )
    return out
