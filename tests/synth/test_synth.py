"""The synthetic graph: seeded, cited from its own passages, conforming; and the two stores agree."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from tipgraph.cli import main
from tipgraph.errors import LoadError
from tipgraph.graph.load import Project, load_files, load_project, new_graph
from tipgraph.graph.validate import Report, load_shapes, validate
from tipgraph.namespaces import OA, TIP
from tipgraph.sparql.query import bind_params, library, run_query
from tipgraph.synth import generate, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def synth_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.nt"
    write(path, countries=1, years=1, seed=7)
    return path


@pytest.fixture(scope="module")
def synth_graphs(project: Project, synth_file: Path) -> dict[str, tuple[Graph, dict]]:
    return {s: load_files((*project.ontology, synth_file), s) for s in ("memory", "oxigraph")}


def test_same_seed_gives_the_same_bytes() -> None:
    assert "".join(generate(2, 2, seed=3)) == "".join(generate(2, 2, seed=3))
    assert "".join(generate(2, 2, seed=3)) != "".join(generate(2, 2, seed=4))


def test_triples_option_stops_after_a_whole_country_year() -> None:
    text = "".join(generate(190, 20, triples=5000))
    assert 5000 <= text.count("\n") < 20000


def test_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s.nt"
    result = CliRunner().invoke(
        main, ["synth", "--countries", "1", "--years", "1", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"{out.read_text().count(chr(10))} triples" in result.output


def test_every_quote_occurs_in_its_passage(synth_graphs: dict) -> None:
    g = synth_graphs["memory"][0]
    cites = list(g.subjects(RDF.type, OA.SpecificResource))
    assert len(cites) > 300
    for c in cites:
        exact = str(g.value(g.value(c, OA.hasSelector), OA.exact))
        assert exact in str(g.value(g.value(c, OA.hasSource), RDF.value))


def test_has_every_kind_of_node_the_kosovo_graph_has(synth_graphs: dict) -> None:
    g = synth_graphs["memory"][0]
    kinds = Counter(g.objects(None, RDF.type))
    wanted = (
        "Funding",
        "MonetaryAmount",
        "Cooperation",
        "InformationFlow",
        "LegalInstrument",
        "Article",
        "PenaltyProvision",
        "Event",
        "Problem",
        "Recommendation",
        "Passage",
        "Ministry",
        "NGO",
        "Shelter",
        "InternationalOrganisation",
        "ForeignGovernment",
    )
    for name in wanted:
        assert kinds[TIP[name]] > 0, name
    # about as many citations per passage as the real graph (860 / 58)
    assert 8 < kinds[OA.SpecificResource] / kinds[TIP.Passage] < 30


def test_small_synthetic_graph_conforms_to_the_real_shapes(
    project: Project, synth_graphs: dict
) -> None:
    graph, origin = synth_graphs["memory"]
    report = validate(graph, load_shapes(project.shapes), origin)
    assert report.conforms, report.findings[:5]


def test_unknown_store_is_refused() -> None:
    with pytest.raises(LoadError, match="unknown store 'nope'"):
        new_graph("nope")


def _answers(graph: Graph, name: str) -> list[tuple[object, ...]]:
    """Rows as Python values, sorted: Oxigraph writes 158593.0 as 158593 (same value)."""
    query = library(ROOT / "queries")[name]
    rows = run_query(query.text, graph=graph).rows
    norm = [tuple(v.toPython() if isinstance(v, Literal) else v for v in r.values()) for r in rows]
    return sorted(norm, key=repr)


@pytest.mark.parametrize("name", ["funding-flows", "information-flows", "actors-by-kind"])
def test_oxigraph_answers_library_queries_like_memory(synth_graphs: dict, name: str) -> None:
    if name not in library(ROOT / "queries"):
        pytest.skip(f"{name}.rq not in the library")
    memory = _answers(synth_graphs["memory"][0], name)
    assert memory  # the synthetic graph exercises the query
    assert _answers(synth_graphs["oxigraph"][0], name) == memory


def test_oxigraph_validates_like_memory(project: Project, synth_graphs: dict) -> None:
    # Counts are xsd:integer (with sh:minInclusive 0), not xsd:nonNegativeInteger: Oxigraph
    # stores integer subtypes as xsd:integer (oxigraph/oxigraph#526), which broke sh:datatype.
    shapes = load_shapes(project.shapes)
    reports: list[Report] = [validate(g, shapes, o) for g, o in synth_graphs.values()]
    assert reports[0].findings == reports[1].findings


def test_a_violation_is_found_alike_on_both_stores(project: Project, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix tip: <https://w3id.org/tipgraph/def#> .\n"
        "<https://w3id.org/tipgraph/id/kosovo/pcck-art-139-trafficking>"
        " tip:maxImprisonmentMonths -1 .\n"
    )
    shapes = load_shapes(project.shapes)
    findings = []
    for store in ("memory", "oxigraph"):
        graph, origin = load_project(project, extra=(bad,), store=store)
        findings.append(validate(graph, shapes, origin).findings)
    assert findings[0] and findings[0] == findings[1]


@pytest.mark.parametrize("name", ["article-penalties", "actor-profile", "passage-support"])
def test_parameterised_queries_answer_alike_on_both_stores(project: Project, name: str) -> None:
    # Oxigraph refuses rdflib's initial bindings for variables a query does not project,
    # so the Oxigraph store must get its parameters through the VALUES row alone.
    query = library(ROOT / "queries")[name]
    bindings = bind_params(query, {})
    answers = []
    for store in ("memory", "oxigraph"):
        graph, _ = load_project(project, store=store)
        rows = run_query(query.text, bindings, graph=graph).rows
        answers.append(sorted((tuple(_value(v) for v in r.values()) for r in rows), key=repr))
    assert answers[0] and answers[0] == answers[1]


def _value(term: object) -> object:
    return term.toPython() if isinstance(term, Literal) else term
