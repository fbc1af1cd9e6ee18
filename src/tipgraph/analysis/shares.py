"""The arithmetic of funding shares: who gives a recipient what share, reckoned how.

Shares are by amount only where every funding a recipient gets names one funder
and an amount; otherwise they are by count of funding relations. Amounts in two
currencies are compared only at the rate the sources themselves imply from the
EUR/USD pairs they give (cable p27). A funding that is a stated portion of
another funding to the same recipient (``tip:partOf``) is not counted twice;
negated fundings ("receives no government funding") never count.

A funding that names several funders and no amount ("most of its funding has come from
IOM, OSCE and the UK government", cable p28) is never split among them: its funders
share one unit together (``joint_shares``), with the source's word for it (``portion``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

from .facts import Source, as_facts
from .findings import Citation, merge_citations
from .projection import Relation, relations
from .terms import expand, label_of, sector_of

__all__ = [
    "SECTOR_GROUPS",
    "RecipientFunding",
    "funder_group",
    "implied_rate",
    "recipient_funding",
    "value_in",
]

#: Funding sectors as the analysis groups them; every other sector is "other".
SECTOR_GROUPS = {
    "government": ("government",),
    "international": ("international", "foreign-government", "interim-administration"),
}


@dataclass(frozen=True)
class RecipientFunding:
    """A recipient's recorded funders with their shares, and how the shares were reckoned."""

    recipient: str
    label: str
    basis: str  # "amount" or "count"
    currency: str  # the currency amounts are compared in ("" for count)
    shares: dict[str, float]  # funder -> share (0..1)
    relations: tuple[str, ...]
    citations: tuple[Citation, ...]
    joint: bool = False  # a funding names several funders and one amount
    joint_shares: dict[tuple[str, ...], float] = field(default_factory=dict)  # unsplit groups
    portion: dict[tuple[str, ...], str] = field(default_factory=dict)  # a group's word: "most"

    @property
    def funders(self) -> set[str]:
        """Every recorded funder, whether its own share is known or not."""
        return set(self.shares) | {f for group in self.joint_shares for f in group}

    @property
    def hhi(self) -> float:
        """Herfindahl index of the known shares (an unsplit group counts as one funder)."""
        return sum(s * s for s in (*self.shares.values(), *self.joint_shares.values()))

    @property
    def single_source(self) -> bool:
        """True if one funder gives everything recorded."""
        return len(self.funders) == 1


def funder_group(graph: Source, funder: str) -> str:
    """government, international (incl. foreign governments) or other, from the sector."""
    sector = sector_of(graph, expand(funder))
    return next((g for g, names in SECTOR_GROUPS.items() if sector in names), "other")


def implied_rate(rels: Iterable[Relation]) -> tuple[float, list[Relation]] | None:
    """USD per EUR implied by fundings stated in both currencies (median), and those fundings."""
    pairs = [r for r in rels if r.amount("EUR") and r.amount("USD")]
    if not pairs:
        return None
    return median((r.amount("USD") or 0) / (r.amount("EUR") or 1) for r in pairs), pairs


def _counted(gets: list[Relation], by_iri: dict[str, Relation], recipient: str) -> list[Relation]:
    """Positive fundings to ``recipient`` (of ``gets``, those naming it) that are not portions
    of another one it gets."""
    mine = {r.iri: r for r in gets if recipient in r.targets and not r.negated}

    def inside(rel: Relation) -> bool:
        parent, seen = by_iri.get(rel.part_of), set()
        while parent is not None and parent.iri not in seen:  # a cycle of portions ends
            if parent.iri in mine:
                return True
            seen.add(parent.iri)
            parent = by_iri.get(parent.part_of)
        return False

    return [r for r in mine.values() if not inside(r)]


def value_in(rel: Relation, currency: str, rate: float | None) -> float | None:
    """The funding's amount in ``currency``: as stated, else converted at ``rate`` (USD/EUR)."""
    if (v := rel.amount(currency)) is not None:
        return v
    other = rel.amount("EUR" if currency == "USD" else "USD")
    if rate is None or other is None:
        return None
    return other * rate if currency == "USD" else other / rate


def recipient_funding(graph: Source, rels: list[Relation] | None = None) -> list[RecipientFunding]:
    """Per recipient: its funders' shares, by amount where every funding allows, else by count."""
    facts = as_facts(graph)
    rels = rels if rels is not None else relations(facts, ["funding"])
    found = implied_rate(rels)
    rate = found[0] if found else None
    by_iri = {r.iri: r for r in rels}
    gets: dict[str, list[Relation]] = defaultdict(list)
    for r in rels:
        for t in dict.fromkeys(r.targets):
            gets[t].append(r)
    out = []
    for recipient in sorted(gets):
        counted = _counted(gets[recipient], by_iri, recipient)
        if not counted:
            continue
        stated = [{a.currency for a in r.amounts} for r in counted]
        common = set.intersection(*stated) if stated else set()
        currency = "EUR" if "EUR" in common else "USD"  # else EUR converted at the rate
        values = [value_in(r, currency, rate) for r in counted]
        by_amount = all(len(r.sources) == 1 for r in counted) and None not in values
        totals: dict[str, float] = defaultdict(float)
        groups: dict[tuple[str, ...], float] = defaultdict(float)
        words: dict[tuple[str, ...], str] = {}
        for rel, value in zip(counted, values, strict=True):
            if not by_amount and len(rel.sources) > 1 and not rel.amounts:
                groups[rel.sources] += 1.0  # the source does not split it: neither do we
                if rel.portion:
                    words[rel.sources] = rel.portion
                continue
            for funder in rel.sources:
                totals[funder] += value if by_amount and value is not None else 1.0
        whole = sum(totals.values()) + sum(groups.values())
        out.append(
            RecipientFunding(
                recipient=recipient,
                label=label_of(facts, expand(recipient)),
                basis="amount" if by_amount else "count",
                currency=currency if by_amount else "",
                shares={f: v / whole for f, v in sorted(totals.items())},
                relations=tuple(sorted(r.iri for r in counted)),
                citations=merge_citations(*(r.citations for r in counted)),
                joint=any(len(r.sources) > 1 for r in counted),
                joint_shares={g: v / whole for g, v in sorted(groups.items())},
                portion=words,
            )
        )
    return out
