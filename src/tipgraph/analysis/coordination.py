"""Who holds the network together: centrality, brokers, cut points, bridges, communities.

Every measure is taken on the undirected ties of the projection (``simple_graph``):
negated relations are not ties, parallel relations between two actors are one tie.
By default all relation kinds are used; pass ``kinds`` to look at one layer
(e.g. only ``coordination``). Each finding names the relations behind it.

The network is the one on a day (``as_of``, by default the latest source's date): a
relation whose validity period (``tip:validDuring``) has certainly ended by then ("when
they were still under UNMIK") or not begun is not a tie, nor is one the source only
expects, plans or supposes; each such relation is listed under ``not-a-tie`` with why.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx
from rdflib.namespace import DCTERMS

from ..namespaces import TIP
from .dates import when
from .facts import Facts, Source, as_facts
from .findings import Analysis, Citation, Finding, merge_citations
from .projection import Relation, project, relations, simple_graph
from .terms import NOT_HAPPENED, expand

__all__ = [
    "SEED",
    "analyze",
    "articulation_points",
    "bridges",
    "centrality",
    "communities",
    "holding",
    "sources_day",
]

#: Louvain is randomised; a fixed seed makes the communities repeatable.
SEED = 42


def centrality(ties: nx.Graph) -> dict[str, tuple[int, float]]:
    """Each node's degree (number of distinct neighbours) and normalised betweenness.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> centrality(g)["b"]
    (2, 1.0)
    """
    between = nx.betweenness_centrality(ties)
    return {n: (ties.degree(n), between[n]) for n in ties}


def communities(ties: nx.Graph) -> list[set[str]]:
    """Louvain communities (fixed seed, weighted by relation count), largest first; no singletons.

    >>> two = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")])
    >>> sorted(sorted(c) for c in communities(two))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    found = nx.community.louvain_communities(ties, weight="weight", seed=SEED)
    return sorted((set(c) for c in found if len(c) > 1), key=lambda c: (-len(c), sorted(c)))


def articulation_points(ties: nx.Graph) -> dict[str, list[str]]:
    """Each node whose absence cuts others off, and who is cut off (from the largest part).

    >>> articulation_points(nx.path_graph(["a", "b", "c", "d"]))
    {'b': ['a'], 'c': ['d']}
    """
    out = {}
    for node in sorted(nx.articulation_points(ties)):
        rest = ties.subgraph(nx.node_connected_component(ties, node) - {node})
        parts = sorted(nx.connected_components(rest), key=lambda c: (-len(c), sorted(c)))
        out[node] = sorted(n for part in parts[1:] for n in part)
    return out


def bridges(ties: nx.Graph) -> list[tuple[str, str, list[str]]]:
    """Ties whose loss splits their component: the ends and the smaller side cut off.

    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    [('c', 'd', ['d'])]
    """
    out = []
    for u, v in nx.bridges(ties):
        cut = ties.copy()
        cut.remove_edge(u, v)
        side = min(
            nx.node_connected_component(cut, u),
            nx.node_connected_component(cut, v),
            key=lambda c: (len(c), sorted(c)),
        )
        a, b = sorted((u, v))
        out.append((a, b, sorted(side)))
    return sorted(out, key=lambda t: (-len(t[2]), t[0], t[1]))


def sources_day(facts: Facts) -> date:
    """The latest day the source documents are issued on (the first day of a month given)."""
    days = []
    for doc in facts.instances(TIP.SourceDocument):
        issued = facts.one(doc, DCTERMS.issued)
        if issued is not None:
            parts = [int(x) for x in str(issued)[:10].split("-")]
            days.append(date(*[*parts, 1, 1][:3]))
    return max(days, default=date.today())


def holding(
    facts: Facts, rels: list[Relation], day: date
) -> tuple[list[Relation], list[tuple[Relation, str]]]:
    """The relations that are ties on ``day``, and the others with the reason they are not."""
    ties, left = [], []
    for rel in rels:
        if rel.modality in NOT_HAPPENED:
            left.append((rel, f"{rel.modality}, not stated to hold"))
            continue
        if rel.valid_during:
            period = when(facts, expand(rel.valid_during))
            position = period.position(day)
            if position in ("before", "after"):
                gone = "ended before" if position == "before" else "begins after"
                left.append((rel, f"valid only {period.label}: {gone} {day}"))
                continue
        ties.append(rel)
    return ties, left


def _tie_relations(ties: nx.Graph, edges: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(sorted({r for u, v in edges for r in ties.edges[u, v]["relations"]}))


def _names(ties: nx.Graph, nodes: Iterable[str], limit: int = 8) -> str:
    labels = [str(ties.nodes[n].get("label", n)) for n in nodes]
    more = f" and {len(labels) - limit} more" if len(labels) > limit else ""
    return ", ".join(labels[:limit]) + more


def analyze(
    graph: Source, kinds: Iterable[str] | None = None, top: int = 15, as_of: date | None = None
) -> Analysis:
    """The coordination analysis on ``as_of`` (default: the latest source's date); ``top``
    limits the centrality and broker lists."""
    chosen = tuple(kinds) if kinds is not None else None
    facts = as_facts(graph)
    day = as_of or sources_day(facts)
    read, left = holding(facts, relations(facts, chosen), day)
    net = project(facts, chosen, read)
    ties = simple_graph(net)
    cites: dict[str, tuple[Citation, ...]] = {}
    for rel in read:
        cites[rel.iri] = merge_citations(cites.get(rel.iri, ()), rel.citations)

    def finding(
        section: str, subject: str, text: str, data: dict[str, object], rels: tuple[str, ...]
    ) -> Finding:
        label = str(ties.nodes[subject]["label"]) if subject in ties else subject
        return Finding(
            section,
            subject,
            label,
            text,
            data,
            rels,
            merge_citations(*(cites.get(r, ()) for r in rels)),
        )

    out: list[Finding] = []
    cent = centrality(ties)
    ranked = sorted(cent, key=lambda n: (-cent[n][1], -cent[n][0], n))
    for n in ranked[:top]:
        deg, btw = cent[n]
        rels = _tie_relations(ties, ties.edges(n))
        out.append(
            finding(
                "centrality",
                n,
                f"{ties.nodes[n]['label']}: degree {deg}, betweenness {btw:.3f}",
                {"degree": deg, "betweenness": round(btw, 4)},
                rels,
            )
        )
    groups = communities(ties)
    member = {n: i for i, c in enumerate(groups, 1) for n in c}
    brokers = [
        n for n in ranked if cent[n][1] > 0 and len({member.get(m) for m in ties[n]} - {None}) > 1
    ]
    for n in brokers[:top]:
        links = sorted({member[m] for m in ties[n] if m in member})
        rels = _tie_relations(ties, ties.edges(n))
        out.append(
            finding(
                "brokers",
                n,
                f"{ties.nodes[n]['label']} links communities "
                f"{', '.join(map(str, links))} (betweenness {cent[n][1]:.3f})",
                {"communities": links, "betweenness": round(cent[n][1], 4)},
                rels,
            )
        )
    for n, cut in articulation_points(ties).items():
        cut_set = set(cut)
        rels = _tie_relations(ties, [(n, m) for m in ties[n] if m in cut_set])
        out.append(
            finding(
                "articulation-points",
                n,
                f"without {ties.nodes[n]['label']}, "
                f"{len(cut)} would be cut off: {_names(ties, cut)}",
                {"cut_off": cut, "cut_off_size": len(cut)},
                rels,
            )
        )
    for u, v, side in bridges(ties):
        rels = _tie_relations(ties, [(u, v)])
        out.append(
            finding(
                "bridges",
                f"{u} {v}",
                f"the tie {ties.nodes[u]['label']} — "
                f"{ties.nodes[v]['label']} is the only link of {len(side)} to the "
                f"rest: {_names(ties, side)}",
                {"ends": [u, v], "cut_off": side, "cut_off_size": len(side)},
                rels,
            )
        )
    for i, group in enumerate(groups, 1):
        core = sorted(group, key=lambda n: (-ties.degree(n), n))
        inner = ties.subgraph(group)
        rels = _tie_relations(ties, inner.edges())
        out.append(
            finding(
                "communities",
                f"community-{i}",
                f"community {i} ({len(group)}): {_names(ties, core, 6)}",
                {"members": sorted(group), "size": len(group)},
                rels,
            )
        )
    for n in sorted(n for n in ties if ties.degree(n) == 0):
        negs = tuple(
            sorted(
                {d["relation"] for _, _, d in net.edges(n, data=True)}
                | {d["relation"] for _, _, d in net.in_edges(n, data=True)}
            )
        )
        out.append(
            finding("isolated", n, f"{ties.nodes[n]['label']} has only negated ties", {}, negs)
        )
    for rel, why in left:
        out.append(
            Finding(
                "not-a-tie",
                rel.iri,
                rel.label,
                f"{rel.label}: not a tie on {day} ({why})",
                {"why": why, "as_of": day.isoformat()},
                (rel.iri,),
                rel.citations,
            )
        )
    notes = (
        f"relation kinds: {net.graph['kinds']}; {ties.number_of_nodes()} nodes, "
        f"{ties.number_of_edges()} ties (negated relations are not ties)",
        f"centrality and brokers: the {top} highest by betweenness; communities: Louvain, "
        f"seed {SEED}",
        f"the network on {day}: relations whose stated validity (tip:validDuring) has ended "
        "or not begun, and expected, planned or hypothetical ones, are not ties (see not-a-tie)",
    )
    return Analysis("coordination", notes, tuple(out))
