"""Bind query parameters as an inline ``VALUES`` block at the start of the WHERE group.

SPARQL 1.1 has no pre-binding; the portable way to give a variable a value
is inline data (``VALUES``, §10.2). Where it goes matters: a trailing
``VALUES`` after the query is legal SPARQL 1.1 but Virtuoso 7 rejects it
after a CONSTRUCT and for a variable the query does not project, so the block
goes first inside the query's WHERE group, where every engine accepts it and
joins it with the rest of the group (the same answer as a constant there).
Pasting the term in place of the variable would not do: a constant cannot
stand in a SELECT list, a BIND target or a GROUP BY, and the answer would lose
the column. Values are fully escaped terms, never raw text.
"""

from __future__ import annotations

import re

from rdflib import Literal
from rdflib.term import Node

from tipgraph.errors import QueryError

__all__ = ["inline_values", "sparql_term"]

_ECHAR = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)

# Strings, IRIs and comments are skipped whole, so a brace or a keyword inside them never counts.
_TOKENS = re.compile(
    r"""(?P<skip>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*)"""
    r"""|(?P<open>[{(])|(?P<close>[})])"""
    r"""|(?P<word>\b(?:WHERE|SELECT|CONSTRUCT|ASK|DESCRIBE)\b)""",
    re.IGNORECASE,
)


def sparql_term(term: Node) -> str:
    """A term as SPARQL text: every character a parser might touch is escaped.

    rdflib's ``n3()`` leaves tabs raw, and rdflib's SPARQL parser expands a raw
    tab into spaces, so ``"a<TAB>b"`` would come back as ``"a        b"``.
    """
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ECHAR) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()


def _where_group(text: str) -> tuple[int, int, int, str]:
    """The WHERE keyword's offset (-1: none), the group's ``{`` and ``}``, and its shape.

    The shape is ``group``, ``subselect`` (the group is only a sub-select) or
    ``template`` (``CONSTRUCT WHERE { ... }``, whose group is a bare template).
    """
    depth, form, where, groups, start = 0, "", -1, 0, -1
    for m in _TOKENS.finditer(text):
        if m.group("skip"):
            continue
        if m.group("open"):
            if depth == 0 and m.group("open") == "{" and start < 0:
                groups += 1
                # CONSTRUCT's template comes first unless the keyword WHERE says otherwise.
                if where >= 0 or form != "CONSTRUCT" or groups == 2:
                    start = m.start()
            depth += 1
        elif m.group("close"):
            depth -= 1
            if start >= 0 and depth == 0:
                if form == "CONSTRUCT" and groups == 1:
                    return where, start, m.start(), "template"
                body = _TOKENS.sub(
                    lambda t: " " if t.group("skip") else t.group(0), text[start + 1 : m.start()]
                )
                shape = "subselect" if re.match(r"\s*SELECT\b", body, re.IGNORECASE) else "group"
                return where, start, m.start(), shape
        elif depth == 0:
            word = m.group("word").upper()
            if word == "WHERE":
                where = m.start()
            elif not form:
                form = word
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def inline_values(text: str, bindings: dict[str, Node]) -> str:
    """``text`` with ``bindings`` as one VALUES row at the start of its WHERE group."""
    if not bindings:
        return text
    names = sorted(bindings)
    row = " ".join(sparql_term(bindings[n]) for n in names)
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + row + ") }"
    where, start, end, shape = _where_group(text)
    inner = text[start + 1 : end]
    if shape == "subselect":  # `WHERE { SELECT ... }`: the sub-select must become a group
        return f"{text[: start + 1]} {block} {{{inner}}}{text[end:]}"
    if shape == "template":  # the short form takes no VALUES: spell out template and pattern
        return f"{text[:where]}{{{inner}}} WHERE {{ {block}\n{inner}}}{text[end + 1 :]}"
    return f"{text[: start + 1]} {block}\n{inner}{text[end:]}"
