"""Issue 13, item 5: names only from the sources; expansions are editorial, hierarchy unstated
in the text is an inference.

Expected answers are read by hand from the cable's header (``cable:header``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import ORG

from tipgraph.graph.sources import read_passages
from tipgraph.namespaces import KV, TIP

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def text() -> str:
    return " ".join(p.text for p in read_passages(ROOT / "data" / "sources"))


@pytest.mark.parametrize(
    ("node", "label"),
    [
        # header: "RUEAWJA/DEPT OF JUSTICE WASHDC ... OPDAT FOR ACKER"
        ("opdat", "OPDAT"),
        # header: "RUEPGEA/CDR650THMIGP SHAPE BE PRIORITY"
        ("cdr-650th-mi-group-shape", "CDR650THMIGP SHAPE BE"),
        # header: "DEPT FOR EG/TIP, EUR, EUR/SCE, DRL, AND INL"
        ("state-eur", "EUR"),
        # cable p28: "most of its funding has come from IOM, OSCE and the UK government"
        ("osce", "OSCE"),
        ("uk-government", "UK government"),
    ],
)
def test_header_and_acronym_labels_are_the_sources_words(graph: Graph, text, node, label):
    assert graph.value(KV[node], RDFS.label) == Literal(label)
    assert label in text
    # the expansion a reader needs is kept, as an editorial note that says it is not cited
    (note,) = graph.objects(KV[node], TIP.editorialNote)
    assert str(note).startswith("Expansion (editorial, not in the sources):")


def test_every_label_with_an_editorial_expansion_is_in_the_sources(graph, text):
    # Expansions gloss a label; other editorial notes (Arithmetic, Reading) gloss a comment's figure.
    noted = {
        node
        for node, note in graph.subject_objects(TIP.editorialNote)
        if str(note).startswith("Expansion (editorial, not in the sources):")
    }
    assert len(noted) >= 15  # the issue counts about 15 header addressees alone
    for node in noted:
        assert str(graph.value(node, RDFS.label)) in text, node


def test_opdat_is_not_asserted_part_of_the_department_of_justice(graph):
    # The header names OPDAT only in "OPDAT FOR ACKER": it does not say whose office it is.
    assert (KV.opdat, ORG.subOrganizationOf, None) not in graph
    inferred = [
        s
        for s in graph.subjects(RDF.subject, KV.opdat)
        if (s, RDF.type, TIP.InferredStatement) in graph
    ]
    assert len(inferred) == 1
    (s,) = inferred
    assert graph.value(s, RDF.predicate) == ORG.subOrganizationOf
    assert graph.value(s, RDF.object) == KV["us-doj"]


def test_no_header_only_addressee_has_an_asserted_parent(graph):
    # Embassies, commands and agencies appear only as addresses ("RUEHBW/AMEMBASSY BELGRADE");
    # the header never says what they belong to.
    for node in ("amembassy-belgrade", "dia", "nsc", "secdef", "usun-new-york", "state-eur-sce"):
        assert (KV[node], ORG.subOrganizationOf, None) not in graph, node
