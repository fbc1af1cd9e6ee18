"""Keep untrusted queries off the network: decided on the parsed query, not its spelling.

rdflib expands ``\\uXXXX`` escapes before parsing, so ``SERVIC\\u0045`` is seen
as the ``SERVICE`` it is. Embedded queries that would make rdflib fetch
anything (``SERVICE``, ``FROM``, ``FROM NAMED``) are refused unless the user
passes ``--allow-network``; updates (``LOAD``, ``USING``, any write) are
never run by ``query``.
"""

from __future__ import annotations

from typing import Any

from .errors import QueryError

__all__ = ["check_query"]

_KINDS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def _walk(node: Any, seen: set[int]) -> Any:
    """Every algebra node and parse-tree value below ``node``."""
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _walk(v, seen)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for v in node:
            yield from _walk(v, seen)


def check_query(text: str, *, allow_network: bool = False) -> str:
    """Parse ``text``, refuse what reaches the network, return its kind (SELECT, ASK, ...)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
        query = translateQuery(parsed)
    except Exception as exc:  # pyparsing and algebra errors
        first = " ".join(str(exc).split())
        if "update" in first.lower() or _looks_like_update(text):
            raise QueryError(
                "not a query: updates (INSERT, DELETE, LOAD, ...) are not run"
            ) from None
        raise QueryError(f"malformed query: {first}") from None
    kind = _KINDS.get(getattr(query.algebra, "name", ""), "")
    if not kind:
        raise QueryError("not a query: only SELECT, ASK, CONSTRUCT and DESCRIBE are run")
    if allow_network:
        return kind
    for node in _walk(parsed, set()):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise QueryError("query uses SERVICE, which reaches the network; pass --allow-network")
        if name == "DatasetClause":
            raise QueryError(
                "query uses FROM / FROM NAMED, which may fetch remote graphs; pass --allow-network"
            )
    return kind


def _looks_like_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True
