"""Issue 13, item 4: the cable's transmission data is data, not only quotes.

Every expected value is read by hand from the cable's header (``cable:header``) and signature:
    0 121616Z MAR 08 / FM USOFFICE PRISTINA / TO RUEHC/SECSTATE WASHDC IMMEDIATE 8105 /
    INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY / RUEHBW/AMEMBASSY BELGRADE PRIORITY 0002
    ... RUZEJAA/USNIC PRISTINA SR PRIORITY (18 INFO lines) / UNCLAS SECTION 01 OF 09 PRISTINA
    000128 / SIPDIS / SENSITIVE / SIPDIS / ... / E.O. 12958: N/A / TAGS: PGOV KJUS KCRM EAID
    KDEM UNMIK KV PHUM ELAB KFRD, PREF / ... / REF: STATE 2731 ... KAIDANOW
"""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from tipgraph.namespaces import CABLE, DOC, KV, OA, TIP, TIPV

CABLE_DOC = DOC["cable-2008-03-12-pristina-000128"]

# (routing indicator, serial or None) of each INFO line, in the header's order
INFO = [
    ("RUEHZL", None),  # EUROPEAN POLITICAL COLLECTIVE
    ("RUEHBW", "0002"),  # AMEMBASSY BELGRADE
    ("RUEHBM", "4429"),  # AMEMBASSY BUCHAREST
    ("RUEHCH", "0073"),  # AMEMBASSY CHISINAU
    ("RUEHSQ", "7391"),  # AMEMBASSY SKOPJE
    ("RUEHSF", "4945"),  # AMEMBASSY SOFIA
    ("RUEHTI", "6370"),  # AMEMBASSY TIRANA
    ("RUCNDT", "1439"),  # USMISSION USUN NEW YORK
    ("RHMFISS", None),  # CDR USEUCOM VAIHINGEN GE
    ("RUFOADA", None),  # JAC MOLESWORTH RAF MOLESWORTH UK
    ("RHFMIUU", None),  # AFSOUTH NAPLES IT
    ("RHMFISS", None),  # CDR TF FALCON
    ("RHEFDIA", None),  # DIA WASHDC
    ("RUEKJCS", None),  # SECDEF WASHINGTON DC
    ("RUEPGEA", None),  # CDR650THMIGP SHAPE BE
    ("RHEHNSC", None),  # NSC WASHDC
    ("RUEAWJA", None),  # DEPT OF JUSTICE WASHDC
    ("RUZEJAA", None),  # USNIC PRISTINA SR
]
TAGS = ["PGOV", "KJUS", "KCRM", "EAID", "KDEM", "UNMIK", "KV", "PHUM", "ELAB", "KFRD", "PREF"]


def _lines(graph: Graph) -> list[URIRef]:
    return [
        a
        for a in graph.subjects(RDF.type, TIP.Addressing)
        if graph.value(a, DCTERMS.isPartOf) == CABLE_DOC
    ]


def _quote(graph: Graph, node) -> list[tuple]:
    return [
        (graph.value(c, OA.hasSource), str(graph.value(graph.value(c, OA.hasSelector), OA.exact)))
        for c in graph.objects(node, PROV.wasDerivedFrom)
    ]


def test_the_header_has_one_action_and_eighteen_information_addressee_lines(graph):
    lines = _lines(graph)
    roles = [graph.value(a, TIP.addresseeRole) for a in lines]
    assert len(lines) == 19
    assert roles.count(TIPV["addressee-role-action"]) == 1
    assert roles.count(TIPV["addressee-role-information"]) == 18


def test_the_action_addressee_is_secstate_immediate_8105(graph):
    (line,) = [
        a
        for a in _lines(graph)
        if graph.value(a, TIP.addresseeRole) == TIPV["addressee-role-action"]
    ]
    assert graph.value(line, TIP.addressee) == KV["us-department-of-state"]
    assert graph.value(line, TIP.precedence) == TIPV["precedence-immediate"]
    assert graph.value(line, TIP.routingIndicator) == Literal("RUEHC")
    assert graph.value(line, TIP.addresseeSerial) == Literal("8105")
    assert (CABLE.header, "TO RUEHC/SECSTATE WASHDC IMMEDIATE 8105") in _quote(graph, line)


def test_every_information_line_is_priority_with_its_routing_and_serial_as_written(graph):
    info = [
        a
        for a in _lines(graph)
        if graph.value(a, TIP.addresseeRole) == TIPV["addressee-role-information"]
    ]
    assert {graph.value(a, TIP.precedence) for a in info} == {TIPV["precedence-priority"]}
    got = sorted(
        (str(graph.value(a, TIP.routingIndicator)), graph.value(a, TIP.addresseeSerial))
        for a in info
    )
    want = sorted((r, Literal(s) if s else None) for r, s in INFO)
    assert got == want


def test_each_line_quotes_itself_and_addresses_a_node_of_the_reporting_relations(graph):
    header = str(graph.value(CABLE.header, RDF.value))
    to = set(graph.objects(KV["reporting-cable-usop-to-state"], TIP.to))
    info = set(graph.objects(KV["reporting-cable-usop-info-addressees"], TIP.to))
    addressed = {}
    for a in _lines(graph):
        ((source, quote),) = _quote(graph, a)
        assert source == CABLE.header and quote in header
        assert str(graph.value(a, TIP.routingIndicator)) + "/" in quote
        addressed[graph.value(a, TIP.addressee)] = graph.value(a, TIP.addresseeRole)
    # the addressings and the network's reporting edges name the same addressees
    assert {n for n, r in addressed.items() if r == TIPV["addressee-role-action"]} == to
    assert {n for n, r in addressed.items() if r == TIPV["addressee-role-information"]} == info


def test_date_time_group_is_kept_as_written_and_as_a_utc_datetime(graph):
    assert graph.value(CABLE_DOC, TIP.dateTimeGroup) == Literal("121616Z MAR 08")
    sent = graph.value(CABLE_DOC, TIP.sentAt).toPython()
    assert sent == datetime(2008, 3, 12, 16, 16, tzinfo=UTC)


def test_classification_and_handling_markings_are_the_headers_words(graph):
    (cls,) = graph.objects(CABLE_DOC, TIP.classification)
    assert graph.value(cls, SKOS.prefLabel) == Literal("UNCLAS", lang="en")
    handling = {
        str(graph.value(m, SKOS.prefLabel)) for m in graph.objects(CABLE_DOC, TIP.handlingMarking)
    }
    assert handling == {"SENSITIVE", "SIPDIS"}


def test_tags_are_notations_exactly_as_written_without_cited_expansions(graph):
    tags = list(graph.objects(CABLE_DOC, TIP.subjectTag))
    assert sorted(str(graph.value(t, SKOS.notation)) for t in tags) == sorted(TAGS)
    for t in tags:
        assert graph.value(t, SKOS.inScheme) == TIPV["cable-tags"]
        # the label is the tag itself; the cable expands none of them
        assert str(graph.value(t, RDFS.label)) == str(graph.value(t, SKOS.notation))


def test_reference_eo_line_and_signer(graph):
    (ref,) = graph.objects(CABLE_DOC, DCTERMS.references)
    assert graph.value(ref, DCTERMS.identifier) == Literal("STATE 2731")
    assert (CABLE.header, "REF: STATE 2731") in _quote(graph, ref)
    assert graph.value(CABLE_DOC, TIP.executiveOrderLine) == Literal("E.O. 12958: N/A")
    assert graph.value(CABLE_DOC, TIP.signedBy) == KV.kaidanow
    assert (CABLE.signature, "KAIDANOW") in _quote(graph, CABLE_DOC)
