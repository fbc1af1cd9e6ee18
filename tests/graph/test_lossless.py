"""No writer loses a triple: RDF lists keep their order, blank-node cycles are written.

Each output and each ``fmt`` rewrite is parsed back and proven isomorphic
(RDFC-1.0) before it is moved into place; a writer that would lose anything
fails the write and nothing is written. The fixed cases are checked with
rdflib's ``compare.isomorphic``; the random ones also by size, ground triples
and RDFC-1.0 (see ``_same``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from tipgraph.cli import main
from tipgraph.errors import ExportError
from tipgraph.graph import canon, export, fmt
from tipgraph.graph.export import OUTPUTS, render, write_outputs

EX = "http://example.org/"
FORMATS = {"tipgraph.ttl": "turtle", "tipgraph.nt": "nt", "tipgraph.jsonld": "json-ld"}
LIST = f"<{EX}a> <{EX}list> ( <{EX}c> <{EX}b> <{EX}a> ) .\n"
CYCLES = (
    f"_:x <{EX}next> _:y .\n_:y <{EX}next> _:x .\n"  # a two-node cycle nothing points into
    f"_:s <{EX}self> _:s .\n"  # a self-loop
    f"<{EX}r> <{EX}to> _:m .\n_:m <{EX}to> _:n .\n_:n <{EX}to> _:m .\n"  # a cycle with a way in
)


def _graph(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def _outputs(tmp_path: Path, graph: Graph) -> dict[str, Graph]:
    write_outputs(graph, tmp_path)
    return {n: Graph().parse(tmp_path / n, format=FORMATS[n]) for n in OUTPUTS}


def test_an_rdf_list_keeps_its_order_in_every_output(tmp_path):
    # Issue 12, item 3: the JSON-LD sorted the list to (a b c).
    for name, back in _outputs(tmp_path, _graph(LIST)).items():
        head = back.value(URIRef(EX + "a"), URIRef(EX + "list"))
        items = [str(i) for i in Collection(back, head)]
        assert items == [EX + "c", EX + "b", EX + "a"], name


def test_blank_node_cycles_survive_every_output(tmp_path):
    graph = _graph(CYCLES)
    assert len(graph) == 6
    for name, back in _outputs(tmp_path, graph).items():
        assert len(back) == 6 and isomorphic(back, graph), name


def test_fmt_rewrites_a_file_with_cycles_and_lists_without_losing_them(tmp_path):
    path = tmp_path / "cycles.ttl"
    path.write_text(LIST + CYCLES, encoding="utf-8")
    before = _graph(LIST + CYCLES)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 0, result.output
    after = Graph().parse(path, format="turtle")
    assert len(after) == len(before) == 13 and isomorphic(after, before)  # 1 + 3 cells x 2, + 6


def test_a_writer_that_drops_a_triple_writes_nothing(tmp_path, monkeypatch):
    for name in OUTPUTS:
        (tmp_path / name).write_text(f"previous {name}\n", encoding="utf-8")
    real = export.serialize

    def lossy(graph: Graph) -> str:
        text = real(graph)
        return text.replace(f"<{EX}self> _:", f"<{EX}other> _:", 1)

    monkeypatch.setattr(export, "serialize", lossy)
    with pytest.raises(ExportError, match=r"^tipgraph.ttl: the written turtle is not the graph"):
        write_outputs(_graph(CYCLES), tmp_path)
    assert {n: (tmp_path / n).read_text() for n in OUTPUTS} == {
        n: f"previous {n}\n" for n in OUTPUTS
    }


def test_fmt_refuses_a_rewrite_that_would_lose_triples(tmp_path, monkeypatch):
    path = tmp_path / "data.ttl"
    text = f"<{EX}a> <{EX}p> 1 , 2 .\n"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(fmt, "serialize", lambda graph: f"<{EX}a> <{EX}p> 1 .\n")
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tipgraph: error: {path}: the written turtle is not the graph")
    assert result.stderr.count("\n") == 1
    assert path.read_text(encoding="utf-8") == text


# Random graphs: a few IRIs and blank nodes joined at random (cycles, shared nodes,
# self-loops all arise), plus RDF lists of random members and lengths.
_IRIS = [URIRef(f"{EX}n{i}") for i in range(4)]
_PREDS = [URIRef(f"{EX}p{i}") for i in range(3)]


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    bnodes = [BNode() for _ in range(draw(st.integers(0, 5)))]
    nodes = _IRIS + bnodes
    objects = st.one_of(
        st.sampled_from(nodes),
        st.builds(Literal, st.text('ab "\\\n', max_size=3)),
        st.builds(Literal, st.integers(-3, 3)),
    )
    g = Graph()
    for s, p, o in draw(
        st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(_PREDS), objects), max_size=12)
    ):
        g.add((s, p, o))
    for members in draw(st.lists(st.lists(objects, max_size=4), max_size=2)):
        head = BNode()
        Collection(g, head, members)
        g.add((draw(st.sampled_from(nodes)), draw(st.sampled_from(_PREDS)), head))
    return g


def _same(a: Graph, b: Graph) -> bool:
    """Same size, same ground triples, and isomorphic by RDFC-1.0 (Oxigraph's, W3C-tested).

    Not rdflib's ``compare.isomorphic`` alone: it has known wrong answers on graphs of
    several blank nodes (rdflib issues #494, #1294); once, in a full run, it called a
    written N-Triples file that Oxigraph found identical not isomorphic.
    """
    ground = {t for t in a if not any(isinstance(x, BNode) for x in t)}
    return (
        len(a) == len(b)
        and ground == {t for t in b if not any(isinstance(x, BNode) for x in t)}
        and canon.isomorphic(a, b)
    )


_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(graph=graphs())
def test_every_writer_keeps_every_random_graph(graph):
    texts = render(graph)  # raises if any output would lose a triple
    for name, text in texts.items():
        back = Graph().parse(data=text, format=FORMATS[name])
        note(f"{name}:\n{text}\ninput:\n{graph.serialize(format='nt')}")
        assert _same(back, graph), name


@_SETTINGS
@given(graph=graphs())
def test_fmt_keeps_every_random_graph(graph, tmp_path):
    path = tmp_path / "random.ttl"
    path.write_text(graph.serialize(format="nt"), encoding="utf-8")
    _current, canonical = fmt.format_file(path)
    assert _same(Graph().parse(data=canonical, format="turtle"), graph)
