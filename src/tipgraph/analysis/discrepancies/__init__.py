"""Disagreements and agreements across passages and documents, found and typed by kind.

One module per kind of finding, each a ``find`` function; every finding has two sides,
their quotes and passages, a verdict (agree, differ, not comparable, restated) and a
sentence that says why:

* ``restatements`` — a passage repeating another's figures, reported once; the copies
  are folded in before the other comparisons;
* ``periods`` — the same measure for different periods or from different bodies;
* ``related`` — related but different measures (the vocabulary's ``skos:related``);
* ``arithmetic`` — parts against the totals and the 100 percent they make up;
* ``money`` — portions of an amount against the whole, and one exchange rate;
* ``changes`` — a rise or fall the source states, against the two figures;
* ``law`` — sentences handed down against the ranges of the article applied;
* ``documents`` — the cable against the chapter: a measure a year apart, penalties;
* ``curated`` — the curators' ``tip:Comparison`` nodes (funding, plans, problems,
  the victim profile, qualitative tensions within a document).
"""

from __future__ import annotations

from collections import Counter

from ..facts import Source, as_facts
from ..findings import Analysis, Finding
from . import arithmetic, changes, curated, documents, law, money, periods, related, restatements
from .model import KINDS, Figure, Vocab, figures, overlap, parents_of

__all__ = ["KINDS", "Figure", "analyze", "figures", "overlap"]


def find_all(graph: Source) -> list[Finding]:
    """Every finding, by kind in the order of :data:`KINDS`, then by label."""
    facts = as_facts(graph)
    vocab, parents = Vocab(facts), parents_of(facts)
    found, figs = restatements.find(figures(facts))
    found += restatements.problems(facts)
    found += periods.find(figs, parents)
    found += related.find(figs, vocab, parents)
    found += arithmetic.find(figs, vocab)
    found += money.find(facts)
    found += changes.find(facts, figs)
    found += law.find(facts, figs)
    found += documents.find(facts, figs, parents)
    found += curated.find(facts)
    return sorted(found, key=lambda f: (KINDS.index(f.section), f.label, f.subject))


def analyze(graph: Source) -> Analysis:
    """Disagreements and agreements of every kind, each with both sides cited."""
    found = find_all(graph)
    counts = Counter(f.section for f in found)
    notes = (
        "findings by kind: " + ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k]),
        "a finding's verdict is agree, differ, not-comparable or restated; when the sources "
        "leave it open, not comparable rather than differ",
        "computed: restatements, periods and attributions, related measures, arithmetic, law "
        "against practice, figures and penalties across documents; the rest are the curators' "
        "tip:Comparison nodes, each citing both sides",
    )
    return Analysis("discrepancies", notes, tuple(found))
