"""GraphML, GEXF and CSV for Gephi and Cytoscape: same network back, typed, tool-safe."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from tipgraph.analysis.projection import project
from tipgraph.errors import ExportError
from tipgraph.report.netexport import clean_graph, csv_paths, write_network


def _one_default(path: Path, mark: str) -> str:
    """The file with its per-edge undirected marks dropped: networkx reads one edge default."""
    return path.read_text(encoding="utf-8").replace(mark, "")


READERS = {
    "graphml": lambda p: nx.parse_graphml(
        _one_default(p, ' directed="false"'), force_multigraph=True
    ),
    "gexf": lambda p: nx.read_gexf(io.StringIO(_one_default(p, ' type="undirected"'))),
}
MLSW_HHC = "kv:funding-mlsw-hhc-2007|Funding|kv:mlsw|kv:hhc"
PVPT_NONE = "kv:funding-government-pvpt-none|Funding|tipv:sector-government|kv:pvpt"


@pytest.fixture(scope="module")
def net(graph: Graph) -> nx.MultiDiGraph:
    return project(graph)


@pytest.fixture(scope="module")
def written(net, tmp_path_factory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("net")
    return {fmt: write_network(net, fmt, out / f"tipgraph.{fmt}") for fmt in (*READERS, "csv")}


def _edges_by_key(g: nx.MultiDiGraph) -> dict[str, dict]:
    return {k: d for _, _, k, d in g.edges(keys=True, data=True)}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_the_network_reads_back_with_the_same_nodes_and_edges(net, written, fmt):
    back = READERS[fmt](written[fmt][0])
    assert back.number_of_nodes() == net.number_of_nodes()
    assert back.number_of_edges() == net.number_of_edges()
    assert set(back.nodes) == set(net.nodes)
    assert set(back.edges(keys=True)) == set(net.edges(keys=True))


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_attributes_keep_their_types(written, fmt):
    edges = _edges_by_key(READERS[fmt](written[fmt][0]))
    # cable p27: "about 191,970 euros (282,030 dollars)"
    mlsw = edges[MLSW_HHC]
    assert mlsw["amount_EUR"] == 191970.0 and isinstance(mlsw["amount_EUR"], float)
    assert mlsw["approximate"] is True and mlsw["negated"] is False
    assert mlsw["label"] == "MLSW funding of HHC, calendar year 2007"
    # cable p28: "PVPT, currently receives no government funding"
    assert edges[PVPT_NONE]["negated"] is True


def test_no_none_no_lists_and_plain_keys(net):
    clean = clean_graph(net)
    attrs = [d for _, d in clean.nodes(data=True)] + [d for *_, d in clean.edges(data=True)]
    values = [v for d in attrs for v in d.values()]
    assert all(isinstance(v, bool | int | float | str) for v in values)
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", k) for d in attrs for k in d)


def test_quotes_and_passages_become_one_string_each(net):
    data = _edges_by_key(clean_graph(net))[MLSW_HHC]
    assert data["passages"] == "cable:p27" and "191,970 euros" in data["quotes"]


def test_csv_has_a_header_and_one_line_per_edge(net, written):
    nodes_path, edges_path = written["csv"]
    assert (nodes_path.name, edges_path.name) == ("tipgraph_nodes.csv", "tipgraph_edges.csv")
    with edges_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["Source", "Target", "Type", "Id", "Label"]
    assert len(rows) == net.number_of_edges() + 1
    with nodes_path.open(newline="", encoding="utf-8") as fh:
        ids = [r["Id"] for r in csv.DictReader(fh)]
    assert sorted(ids) == sorted(net.nodes)


def test_csv_marks_cooperation_undirected(written):
    # cable p1: "the KPS THBS and the KSPO, are cooperating closely"
    with written["csv"][1].open(newline="", encoding="utf-8") as fh:
        rows = {r["relation"]: r for r in csv.DictReader(fh)}
    assert rows["kv:coop-thbs-kspo"]["Type"] == "Undirected"
    assert rows["kv:funding-mlsw-hhc-2007"]["Type"] == "Directed"


@pytest.mark.parametrize(
    ("given", "nodes"),
    [("out/net", "out/net_nodes.csv"), ("out/net.csv", "out/net_nodes.csv")],
)
def test_csv_paths_derive_from_the_output(given, nodes):
    assert csv_paths(Path(given))[0] == Path(nodes)


def test_rewriting_replaces_the_file_and_leaves_no_temporary(net, tmp_path):
    target = tmp_path / "net.graphml"
    target.write_text("old")
    write_network(net, "graphml", target)
    assert target.read_text().startswith("<?xml")
    assert [p.name for p in tmp_path.iterdir()] == ["net.graphml"]


def test_a_directory_is_refused(net, tmp_path):
    with pytest.raises(ExportError, match="is a directory"):
        write_network(net, "gexf", tmp_path)


# cable ¶1: THBS and KSPO "are cooperating closely" (a tie without a direction);
# cable ¶27: MLSW funded HHC (a directed tie, stated three times: three relations).
KSPO_COOP = "kv:coop-thbs-kspo|Cooperation|kv:kps-thbs|kv:kspo"
MLSW_HHC_ALL = {
    "kv:funding-mlsw-hhc-2007|Funding|kv:mlsw|kv:hhc",
    "kv:funding-mlsw-hhc-abused-children-2007|Funding|kv:mlsw|kv:hhc",
    "kv:funding-mlsw-hhc-reporting-period|Funding|kv:mlsw|kv:hhc",
}


def _xml_edges(path: Path) -> dict[str, ET.Element]:
    return {e.get("id"): e for e in ET.parse(path).getroot().iter() if e.tag.endswith("}edge")}


def test_graphml_marks_each_undirected_tie_and_only_those(written):
    edges = _xml_edges(written["graphml"][0])
    assert edges[KSPO_COOP].get("directed") == "false"
    assert all(edges[k].get("directed") is None for k in MLSW_HHC_ALL)  # edgedefault: directed
    undirected = {k for k, e in edges.items() if e.get("directed") == "false"}
    assert undirected and all("|Cooperation|" in k for k in undirected)


def test_gexf_gives_undirected_ties_their_own_type(written):
    edges = _xml_edges(written["gexf"][0])
    assert edges[KSPO_COOP].get("type") == "undirected"
    assert all(
        edges[k].get("type") is None and edges[k].get("weight") == "1.0" for k in MLSW_HHC_ALL
    )


def test_parallel_edges_keep_their_ids_and_a_weight_of_one_each(written):
    for fmt in ("graphml", "gexf"):
        back = _edges_by_key(READERS[fmt](written[fmt][0]))
        assert set(back) >= MLSW_HHC_ALL
        assert all(back[k]["weight"] == 1.0 for k in MLSW_HHC_ALL)


def test_csv_types_follow_the_ties(written):
    with written["csv"][1].open(newline="", encoding="utf-8") as fh:
        rows = {r["Id"]: r for r in csv.DictReader(fh)}
    assert rows[KSPO_COOP]["Type"] == "Undirected"
    assert {rows[k]["Type"] for k in MLSW_HHC_ALL} == {"Directed"}
    assert {rows[k]["weight"] for k in MLSW_HHC_ALL} == {"1.0"}


def test_merged_ties_count_their_relations(net, tmp_path):
    from tipgraph.report.netexport import merge_parallel

    merged = merge_parallel(net)
    ties = _edges_by_key(merged)
    # cable ¶27: three stated MLSW fundings of HHC (2007, its abused-children part, the period)
    mlsw = ties["funding|kv:mlsw|kv:hhc"]
    assert (mlsw["count"], mlsw["weight"], mlsw["directed"]) == (3, 3.0, True)
    assert sorted(mlsw["relations"]) == sorted(k.split("|")[0] for k in MLSW_HHC_ALL)
    # cable ¶1 and the joint investigations: two cooperations of THBS and KSPO, one tie
    kspo = ties["coordination|kv:kps-thbs|kv:kspo|undirected"]
    assert (kspo["count"], kspo["directed"]) == (2, False)
    # cable ¶28: "no government funding" stays a stated absence of its own
    assert ties["funding|tipv:sector-government|kv:pvpt|negated"]["negated"] is True
    assert merged.number_of_edges() < net.number_of_edges()
    assert sum(d["count"] for *_, d in merged.edges(data=True)) == net.number_of_edges()
    path = write_network(merged, "graphml", tmp_path / "merged.graphml")[0]
    assert (
        _xml_edges(path)["coordination|kv:kps-thbs|kv:kspo|undirected"].get("directed") == "false"
    )
