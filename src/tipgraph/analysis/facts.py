"""The graph as the analyses read it: each node's triples fetched once, then looked up.

The analyses ask many small questions of every node (its label, class, period,
citations, ...). Through rdflib's API each question is a store call that
converts terms in Python, and on the Oxigraph store also crosses into Rust, so
reading node by node cost more than the analyses themselves. :class:`Facts`
fetches all of a node's triples in one call the first time anything is asked
of it and answers the rest from a dict. A property wanted of many nodes that are
not otherwise read (the document each cited passage is part of) is read for all
nodes at once, in one pass over the graph (:meth:`Facts.values`).

Citations hang two blank nodes deep (annotation, selector), so reading them node
by node was most of the cost. On a store that evaluates SPARQL itself (Oxigraph),
:meth:`Facts.read_derivations` reads those of a whole class of nodes with one
query from ``queries/``. rdflib's own store answers SPARQL in Python, slower than
reading node by node, so there each node's are read when first asked for.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from tipgraph.graph.load import native_store
from tipgraph.namespaces import OA

__all__ = ["Facts", "Source", "as_facts"]

_QUERIES = Path(__file__).with_name("queries")

#: A passage a node is derived from, and the verbatim quote its selector gives (or None).
Derivation = tuple[Node, Node | None]


class Facts:
    """A read-only view of ``graph`` that fetches each node's triples once.

    The graph must not change while a view of it is in use: build one per analysis.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._props: dict[Node, dict[Node, list[Node]]] = {}
        self._instances: dict[Node, list[Node]] = {}
        self._values: dict[Node, dict[Node, list[Node]]] = {}
        self._derivations: dict[Node, list[Derivation]] = {}
        self._queried: set[str] = set()
        self._sparql = native_store(graph) is not None

    def props(self, node: Node) -> dict[Node, list[Node]]:
        """Every property of ``node`` with its values, in the store's order."""
        found = self._props.get(node)
        if found is None:
            found = {}
            if not isinstance(node, Literal):  # a literal is never a subject
                for prop, value in self.graph.predicate_objects(node):
                    found.setdefault(prop, []).append(value)
            self._props[node] = found
        return found

    def objects(self, node: Node, prop: Node) -> list[Node]:
        """The values of ``prop`` on ``node``."""
        return self.props(node).get(prop, [])

    def one(self, node: Node | None, prop: Node) -> Node | None:
        """One value of ``prop`` on ``node`` — the least by string, so every run picks the same."""
        if node is None:
            return None
        return min(self.objects(node, prop), key=str, default=None)

    def has(self, node: Node, prop: Node, value: Node) -> bool:
        """True if the triple ``node prop value`` is in the graph."""
        return value in self.objects(node, prop)

    def transitive_objects(self, node: Node, prop: Node) -> set[Node]:
        """``node`` and everything it reaches through ``prop`` (e.g. its superclasses)."""
        found, todo = {node}, [node]
        while todo:
            for value in self.objects(todo.pop(), prop):
                if value not in found:
                    found.add(value)
                    todo.append(value)
        return found

    def values(self, prop: Node) -> dict[Node, list[Node]]:
        """Every node with ``prop`` and its values, in one pass over the graph."""
        if prop not in self._values:
            found: dict[Node, list[Node]] = {}
            for node, value in self.graph.subject_objects(prop):
                found.setdefault(node, []).append(value)
            self._values[prop] = found
        return self._values[prop]

    def subject_objects(self, prop: Node) -> list[tuple[Node, Node]]:
        """Every ``(subject, value)`` of ``prop``, in one pass over the graph."""
        return list(self.graph.subject_objects(prop))

    def instances(self, cls: Node) -> list[Node]:
        """The nodes typed ``cls`` or a subclass of it, each once, by class then store order."""
        if cls not in self._instances:
            found: dict[Node, None] = {}
            for sub in self.graph.transitive_subjects(RDFS.subClassOf, cls):
                found.update(dict.fromkeys(self.graph.subjects(RDF.type, sub)))
            self._instances[cls] = list(found)
        return self._instances[cls]

    def derivations(self, node: Node) -> list[Derivation]:
        """Each annotation's passage (``prov:wasDerivedFrom`` / ``oa:hasSource``) and quote
        (``oa:hasSelector`` / ``oa:exact``), one of each picked as :meth:`one` does."""
        found = self._derivations.get(node)
        if found is None:
            found = []
            for ref in self.objects(node, PROV.wasDerivedFrom):
                source = self.one(ref, OA.hasSource)
                if source is not None:
                    found.append((source, self.one(self.one(ref, OA.hasSelector), OA.exact)))
            self._derivations[node] = found
        return found

    def read_derivations(self, query: str, **iris: Node) -> None:
        """Read the :meth:`derivations` of many nodes at once with ``query`` (a file in
        ``queries/``, ``$name`` replaced by the IRI ``name``), where the store runs SPARQL.

        Its rows are ``?node ?ref ?source ?selector ?quote``, every combination; a node
        that has none is read when asked for, like any node on other stores.
        """
        if not self._sparql:
            return
        text = (_QUERIES / query).read_text(encoding="utf-8")
        for name, iri in iris.items():
            text = text.replace(f"${name}", iri.n3())
        if text in self._queried:
            return
        self._queried.add(text)
        refs: dict[Node, dict[Node, tuple[set[Node], dict[Node, set[Node]]]]] = {}
        for row in self.graph.query(text):
            node, ref, source, selector, quote = row  # type: ignore[misc]
            sources, selectors = refs.setdefault(node, {}).setdefault(ref, (set(), {}))
            sources.add(source)
            if selector is not None:
                quotes = selectors.setdefault(selector, set())
                if quote is not None:
                    quotes.add(quote)
        for node, by_ref in refs.items():
            found = []
            for sources, selectors in by_ref.values():
                selector = min(selectors, key=str, default=None)
                quotes = selectors[selector] if selector is not None else set()
                found.append((min(sources, key=str), min(quotes, key=str, default=None)))
            self._derivations[node] = found


#: What the reading functions accept: a graph, or a view of one already in use.
Source = Graph | Facts


def as_facts(source: Source) -> Facts:
    """``source`` itself if it is a view, else a fresh view of the graph."""
    return source if isinstance(source, Facts) else Facts(source)
