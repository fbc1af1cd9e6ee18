"""Who funds whom, how concentrated it is, and who would lose their funding.

The findings of the funding analysis, on the shares reckoned in ``shares``: each
recipient's funders and shares (by amount or by count, and saying which), the
exchange rate the sources imply, government vs international vs other funding,
single-source dependency, recipients without government funding, stated
absences, and what-if removals of a funder or a whole sector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tipgraph.errors import QueryError

from .facts import Facts, Source, as_facts
from .findings import Analysis, Finding, merge_citations
from .projection import Relation, relations
from .shares import (
    SECTOR_GROUPS,
    RecipientFunding,
    funder_group,
    implied_rate,
    recipient_funding,
    value_in,
)
from .terms import counted, curie, expand, label_of

__all__ = ["analyze", "what_if"]


def _group_text(facts: Facts, rf: RecipientFunding, group: tuple[str, ...], share: float) -> str:
    names = [label_of(facts, expand(f)) for f in group]
    who = ", ".join(names[:-1]) + " and " + names[-1]
    word = rf.portion.get(group)
    said = f"'{word}' of its funding, as the source says" if word else "a share not stated"
    alone = not rf.shares
    counted = "" if alone else f", {share:.0%} of the recorded fundings by count"
    return f"{who} together: {said} (not split among them{counted})"


def _share_text(facts: Facts, rf: RecipientFunding) -> str:
    parts = ", ".join(
        [
            f"{label_of(facts, expand(f))} {s:.0%}"
            for f, s in sorted(rf.shares.items(), key=lambda x: -x[1])
        ]
        + [_group_text(facts, rf, g, s) for g, s in sorted(rf.joint_shares.items())]
    )
    if rf.joint_shares and not rf.shares:
        return f"{rf.label}: {parts}"  # no figure to reckon shares or a concentration from
    basis = f"by amount in {rf.currency}" if rf.basis == "amount" else "by count of fundings"
    if rf.joint:
        basis += "; given jointly, the source does not split it"
    return f"{rf.label}: {parts} ({basis}; HHI {rf.hhi:.2f})"


def _check_removal(rels: list[Relation], remove: Iterable[str]) -> set[str]:
    funders = {s for r in rels for s in r.sources if not r.negated}
    chosen = {curie(expand(name)) if ":" in name else name for name in remove}
    unknown = sorted(chosen - funders)
    if unknown:
        known = ", ".join(sorted(funders))
        raise QueryError(f"not a funder in the data: {', '.join(unknown)} (funders: {known})")
    return chosen


def _about(rf: RecipientFunding, section: str, text: str, data: dict[str, Any]) -> Finding:
    """A finding about one recipient, resting on the fundings its shares were reckoned from."""
    return Finding(section, rf.recipient, rf.label, text, data, rf.relations, rf.citations)


def _groups(facts: Facts) -> Callable[[str], str]:
    """:func:`funder_group`, each funder's read once."""
    known: dict[str, str] = {}

    def group(funder: str) -> str:
        if funder not in known:
            known[funder] = funder_group(facts, funder)
        return known[funder]

    return group


def what_if(
    graph: Source,
    remove: Iterable[str] = (),
    remove_sector: str | None = None,
    rels: list[Relation] | None = None,
) -> list[Finding]:
    """Who loses all or most (>= 50%) of their recorded funding if these funders are gone.

    ``remove`` names funders (compact or full IRIs); ``remove_sector`` removes every
    government or every international funder. Sub-organisations are not implied:
    removing the government does not remove its ministries (remove the sector for that).
    ``rels`` are the funding relations if the caller has read them already.
    """
    if remove_sector is not None and remove_sector not in SECTOR_GROUPS:
        raise QueryError(f"unknown sector {remove_sector!r} (use: {', '.join(SECTOR_GROUPS)})")
    facts = as_facts(graph)
    rels = relations(facts, ["funding"]) if rels is None else rels
    gone = _check_removal(rels, remove)
    if remove_sector:
        funders = {s for r in rels for s in r.sources if not r.negated}
        gone |= {f for f in funders if funder_group(facts, f) == remove_sector}
    out = []
    for rf in recipient_funding(facts, rels):
        lost = sum(s for f, s in rf.shares.items() if f in gone) + sum(
            s for g, s in rf.joint_shares.items() if set(g) <= gone
        )
        if lost < 0.5 - 1e-9:
            continue
        how = "all" if lost > 1 - 1e-9 else "most"
        who = ", ".join(label_of(facts, expand(f)) for f in sorted(gone & rf.funders))
        basis = "amount" if rf.basis == "amount" else "count of fundings"
        share = "all" if how == "all" else f"{lost:.0%}"
        text = f"{rf.label} loses {share} of its recorded funding without {who} (by {basis})"
        data = {"lost_share": round(lost, 4), "loses": how, "basis": rf.basis}
        out.append(_about(rf, "what-if", text, data | {"removed": sorted(gone)}))
    return out


def _rate_finding(rels: list[Relation]) -> list[Finding]:
    found = implied_rate(rels)
    if found is None:
        return []
    rate, pairs = found
    each = sorted((r.amount("USD") or 0) / (r.amount("EUR") or 1) for r in pairs)
    text = (
        f"1 EUR = {rate:.4f} USD, the median of the rates the sources imply with their "
        f"EUR/USD pairs ({each[0]:.4f}-{each[-1]:.4f}); used only to compare EUR with USD"
    )
    data = {"usd_per_eur": round(rate, 6), "pairs": len(pairs)}
    cites = merge_citations(*(r.citations for r in pairs))
    return [
        Finding(
            "exchange-rate",
            "EUR/USD",
            "implied exchange rate",
            text,
            data,
            tuple(r.iri for r in pairs),
            cites,
        )
    ]


def _sector_totals(group_of: Callable[[str], str], rels: list[Relation]) -> list[Finding]:
    found = implied_rate(rels)
    rate = found[0] if found else None
    top = [r for r in rels if not r.negated and not r.part_of]
    groups = [{group_of(s) for s in r.sources} for r in top]
    out = []
    for group in (*SECTOR_GROUPS, "other", "joint"):
        mine = [
            r
            for r, g in zip(top, groups, strict=True)
            if g == {group} or (group == "joint" and len(g) > 1)
        ]
        if not mine:
            continue
        usd = [v for r in mine if (v := value_in(r, "USD", rate)) is not None]
        funders = sorted({s for r in mine for s in r.sources})
        periods = sorted({r.period for r in mine if r.period})
        amounts = (
            f"{len(usd)} with an amount, totalling about {sum(usd):,.0f} USD"
            if usd
            else "none with an amount"
        )
        text = (
            f"{group}: {counted(len(mine), 'funding')} from {counted(len(funders), 'funder')}; "
            + amounts
            + (" (given jointly; the source does not split it)" if group == "joint" else "")
            + (f" over {'; '.join(periods)}" if usd else "")
        )
        data = {
            "fundings": len(mine),
            "with_amount": len(usd),
            "total_usd": round(sum(usd), 2),
            "funders": funders,
            "periods": periods,
        }
        cites = merge_citations(*(r.citations for r in mine))
        out.append(
            Finding(
                "sectors", group, f"{group} funding", text, data, tuple(r.iri for r in mine), cites
            )
        )
    return out


def _dependencies(
    facts: Facts, group_of: Callable[[str], str], rels: list[Relation], per: list[RecipientFunding]
) -> list[Finding]:
    """Single-source recipients, recipients without a government funder, stated absences."""
    out = []
    for rf in per:
        if rf.single_source:
            (funder,) = rf.funders
            text = f"{rf.label} depends on one funder: {label_of(facts, expand(funder))}"
            out.append(_about(rf, "single-source", text, {"funder": funder}))
    negated = [r for r in rels if r.negated]
    denied: dict[str, list[Relation]] = {}  # recipient -> negated government fundings, in order
    for r in negated:
        if any(group_of(s) == "government" for s in r.sources):
            for t in dict.fromkeys(r.targets):
                denied.setdefault(t, []).append(r)
    for rf in per:
        if any(group_of(f) == "government" for f in rf.funders):
            continue
        stated = denied.get(rf.recipient, [])
        how = "stated in the source" if stated else "none recorded"
        out.append(
            Finding(
                "no-government-funding",
                rf.recipient,
                rf.label,
                f"{rf.label} has no government funder ({how})",
                {"stated": bool(stated), "funders": sorted(rf.funders)},
                tuple(sorted({*rf.relations, *(r.iri for r in stated)})),
                merge_citations(rf.citations, *(r.citations for r in stated)),
            )
        )
    for r in negated:
        data = {"funders": list(r.sources), "recipients": list(r.targets)}
        out.append(
            Finding(
                "stated-absences",
                r.iri,
                r.label,
                f"{r.label} (negated)",
                data,
                (r.iri,),
                r.citations,
            )
        )
    return out


def analyze(
    graph: Source, remove: Iterable[str] = (), remove_sector: str | None = None
) -> Analysis:
    """The funding analysis: rate, shares, sectors, dependencies, absences, what-if."""
    facts = as_facts(graph)
    rels = relations(facts, ["funding"])
    per = recipient_funding(facts, rels)
    group_of = _groups(facts)
    findings = _rate_finding(rels)
    for rf in per:
        data = {
            "basis": rf.basis,
            "currency": rf.currency,
            "hhi": round(rf.hhi, 4),
            "shares": {f: round(s, 4) for f, s in rf.shares.items()},
            "joint_shares": [
                {"funders": list(g), "share": round(s, 4), "portion": rf.portion.get(g, "")}
                for g, s in rf.joint_shares.items()
            ],
            "single_source": rf.single_source,
        }
        findings.append(_about(rf, "shares", _share_text(facts, rf), data))
    findings += _sector_totals(group_of, rels) + _dependencies(facts, group_of, rels, per)
    if remove or remove_sector:
        findings += what_if(facts, remove, remove_sector, rels)
    notes = (
        "shares by amount only where every funding of the recipient names one funder and an "
        "amount; otherwise by count of fundings (each finding says which)",
        "funders named together without an amount are never split: they share one count, "
        "with the source's word for their portion ('most')",
        "portions of a funding (tip:partOf) are not counted twice; negated fundings never count",
        "'international' includes foreign governments and the interim administration",
    )
    return Analysis("funding", notes, tuple(findings))
