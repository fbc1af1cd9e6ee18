"""The shapes catch each kind of error, and name the node and the file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import RDF, SH, Graph, Literal, URIRef
from rdflib.collection import Collection

from support import TURTLE_PREFIXES
from tipgraph.errors import ValidationError
from tipgraph.graph.load import load_project, native_store, new_graph
from tipgraph.graph.validate import ENGINES, validate

# A citation whose quote really is in cable paragraph 27.
CITE = """prov:wasDerivedFrom [ a oa:SpecificResource ; oa:hasSource cable:p27 ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "about 191,970 euros (282,030 dollars)" ] ]"""
GOOD_FUNDING = f"""kv:f a tip:Funding ; rdfs:label "f" ; tip:funder kv:mlsw ; tip:recipient kv:hhc ;
    tip:modality tipv:modality-stated ;
    tip:amount [ a tip:MonetaryAmount ; rdf:value 191970.0 ; tip:currency "EUR" ] ; {CITE} ."""
# cable p23: "KPS THBS currently has female officers in every region except Gjilan"
P23 = """prov:wasDerivedFrom [ a oa:SpecificResource ; oa:hasSource cable:p23 ;
    oa:hasSelector [ a oa:TextQuoteSelector ;
        oa:exact "female officers in every region except Gjilan" ] ]"""
ATTRIBUTE = f"""kv:att a tip:AttributeStatement ; rdfs:label "a" ; tip:bearer kv:kps-thbs ;
    tip:attribute "female officers" ; tip:scope kv:set ; tip:except kv:gjilan ;
    tip:modality tipv:modality-stated ; {P23} .
kv:set a tip:QuantifiedSet ; rdfs:label "every region" ; tip:memberKind "region" ;
    rdfs:member kv:gjilan ; {P23} ."""
# header: "TO RUEHC/SECSTATE WASHDC IMMEDIATE 8105"
ADDRESSING = """kv:line a tip:Addressing ; rdfs:label "l" ;
    dcterms:isPartOf doc:cable-2008-03-12-pristina-000128 ; tip:addressee kv:us-department-of-state ;
    tip:addresseeRole tipv:addressee-role-action ; tip:precedence tipv:precedence-immediate ;
    tip:routingIndicator "RUEHC" ; tip:addresseeSerial "8105" ; tip:modality tipv:modality-stated ;
    prov:wasDerivedFrom [ a oa:SpecificResource ; oa:hasSource cable:header ;
        oa:hasSelector [ a oa:TextQuoteSelector ;
            oa:exact "TO RUEHC/SECSTATE WASHDC IMMEDIATE 8105" ] ] ."""
PENALTY = """kv:art a tip:Article ; dcterms:isPartOf kv:law ; tip:articleNumber "1" ; {cite} .
kv:law a tip:LegalInstrument ; rdfs:label "law" ; {cite} .
kv:p a tip:PenaltyProvision ; rdfs:label "p" ; tip:ofArticle kv:art ; tip:offence "o" ;
    tip:offenceClass tipv:offence-class-criminal-offence ; {body} ; {cite} ."""

CASES = {
    "missing citation": (
        'kv:f a tip:Funding ; rdfs:label "f" ; tip:funder kv:mlsw ; tip:recipient kv:hhc .',
        "kv:f",
        "must cite at least one passage",
    ),
    "quote not in its paragraph": (
        GOOD_FUNDING.replace("191,970 euros", "191,971 euros"),
        "kv:f",
        "quote not found in its passage",
    ),
    "citation of a passage that does not exist": (
        GOOD_FUNDING.replace("cable:p27", "cable:p99"),
        "kv:f",
        "exactly one passage",
    ),
    "negative amount": (
        GOOD_FUNDING.replace("rdf:value 191970.0", "rdf:value -5.0"),
        "kv:f",
        "non-negative",
    ),
    "wrong datatype": (
        GOOD_FUNDING.replace("rdf:value 191970.0", 'rdf:value "lots"'),
        "kv:f",
        "xsd:decimal",
    ),
    "bad currency code": (GOOD_FUNDING.replace('"EUR"', '"euro"'), "kv:f", "ISO 4217"),
    "editorial note without its kind and reason": (
        GOOD_FUNDING.replace(
            "tip:recipient kv:hhc ;",
            'tip:recipient kv:hhc ; tip:editorialNote "the total is 195,374 euros" ;',
        ),
        "kv:f",
        "an editorial note says what it is and why",
    ),
    "funding without a recipient": (
        GOOD_FUNDING.replace("tip:recipient kv:hhc ;", ""),
        "kv:f",
        "needs a recipient",
    ),
    "unknown actor": (
        GOOD_FUNDING.replace("tip:funder kv:mlsw", "tip:funder kv:mlsw-typo"),
        "kv:mlsw-typo",
        "never described",
    ),
    "undeclared term": (
        GOOD_FUNDING.replace("tip:funder kv:mlsw", "tip:funderr kv:mlsw"),
        "tip:funderr",
        "declared neither",
    ),
    "comparison with one side": (
        # a comparison of cable p11 with nothing: both sides are required
        """kv:cmp a tip:Comparison ; rdfs:label "c" ; rdfs:comment "why" ;
        tip:comparisonKind tipv:comparison-qualitative-tension ; tip:verdict tipv:verdict-differ ;
        tip:sideA kv:cmp-a ; prov:wasDerivedFrom kv:cmp-a , kv:cmp-a2 .
        kv:cmp-a a oa:SpecificResource ; oa:hasSource cable:p11 ;
            oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "most traffickers are local men" ] .
        kv:cmp-a2 a oa:SpecificResource ; oa:hasSource cable:p12 ;
            oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Recruiters were most often female" ] .""",
        "kv:cmp",
        "exactly one tip:sideB",
    ),
    "comparison with an unknown verdict": (
        """kv:cmp a tip:Comparison ; rdfs:label "c" ; rdfs:comment "why" ;
        tip:comparisonKind tipv:comparison-qualitative-tension ; tip:verdict tipv:verdict-maybe ;
        tip:sideA kv:cmp-a ; tip:sideB kv:cmp-a ; prov:wasDerivedFrom kv:cmp-a , kv:cmp-a .
        kv:cmp-a a oa:SpecificResource ; oa:hasSource cable:p11 ;
            oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "most traffickers are local men" ] .""",
        "kv:cmp",
        "tip:verdict of tipv:verdicts",
    ),
    "stated change without a direction": (
        # cable p9: "Numbers of identified trafficking victims declined" — but which way?
        """kv:chg a tip:StatedChange ; tip:changeFrom kv:o1 ; tip:changeTo kv:o1 ;
        prov:wasDerivedFrom [ a oa:SpecificResource ; oa:hasSource cable:p9 ;
            oa:hasSelector [ a oa:TextQuoteSelector ;
                oa:exact "Numbers of identified trafficking victims declined" ] ] .""",
        "kv:chg",
        "exactly one tip:direction",
    ),
    "minimum above maximum": (
        PENALTY.format(
            cite=CITE,
            body="tip:minImprisonmentMonths 60 ; tip:maxImprisonmentMonths 24",
        ),
        "kv:p",
        "no greater than the maximum",
    ),
    "period that ends before it begins": (
        """kv:per a time:ProperInterval ; rdfs:label "backwards" ;
        time:hasBeginning [ a time:Instant ; tip:datePrecision tipv:precision-day ;
            time:inXSDDate "2008-01-01"^^xsd:date ] ;
        time:hasEnd [ a time:Instant ; tip:datePrecision tipv:precision-day ;
            time:inXSDDate "2007-01-01"^^xsd:date ] .""",
        "kv:per",
        "begins",
    ),
    "percentage above 100": (
        f"""kv:o a qb:Observation ; rdfs:label "o" ; qb:dataSet kv:ds ; tip:value 120.0 ;
        tip:modality tipv:modality-stated ;
        tip:measure tipv:measure-victims-identified ; tip:unit tipv:unit-percent ; {CITE} .
        kv:ds a qb:DataSet ; rdfs:label "ds" .""",
        "kv:o",
        "above 100",
    ),
    "event without a date precision": (
        f"""kv:e a tip:Event ; rdfs:label "e" ; tip:eventType tipv:event-closure ; {CITE} ;
        tip:modality tipv:modality-stated ;
        time:hasTime [ a time:Instant ; time:inXSDgYear "2007"^^xsd:gYear ] .""",
        "kv:e",
        "datePrecision",
    ),
    # issue 13: every fact says how the source commits to it, in the source's words
    "fact without a modality": (
        GOOD_FUNDING.replace("tip:modality tipv:modality-stated ;", ""),
        "kv:f",
        "exactly one tip:modality",
    ),
    "modality outside the scheme": (
        GOOD_FUNDING.replace("tipv:modality-stated", "tipv:event-closure"),
        "kv:f",
        "exactly one tip:modality",
    ),
    "expected without the source's words": (
        GOOD_FUNDING.replace("modality-stated", "modality-expected"),
        "kv:f",
        "no tip:modalityCue",
    ),
    "cue that is not in the quote": (
        GOOD_FUNDING.replace(
            "modality-stated ;", 'modality-expected ; tip:modalityCue "is expected to" ;'
        ),
        "kv:f",
        "does not occur in any of its quotes",
    ),
    "negated relation stated as holding": (
        GOOD_FUNDING.replace("tip:recipient kv:hhc ;", "tip:recipient kv:hhc ; tip:negated true ;"),
        "kv:f",
        "not negated",
    ),
    "validity period that ends before it begins": (
        GOOD_FUNDING.replace(
            "tip:recipient kv:hhc ;", "tip:recipient kv:hhc ; tip:validDuring kv:v ;"
        )
        + """ kv:v a time:ProperInterval ; rdfs:label "backwards" ;
        time:hasBeginning [ a time:Instant ; tip:datePrecision tipv:precision-year ;
            time:inXSDgYear "2007"^^xsd:gYear ] ;
        time:hasEnd [ a time:Instant ; tip:datePrecision tipv:precision-year ;
            time:inXSDgYear "2006"^^xsd:gYear ] .""",
        "kv:v",
        "begins",
    ),
    # issue 13 item 7: patterns and assessments are findings, checked like problems
    "pattern without an area": (
        f"""kv:pat a tip:Pattern ; rdfs:label "pat" ; tip:modality tipv:modality-stated ;
        {CITE} .""",
        "kv:pat",
        "a finding (problem, pattern or assessment) needs at least one tip:area",
    ),
    "assessment without a modality": (
        f"""kv:ass a tip:Assessment ; rdfs:label "ass" ; tip:area tipv:area-funding ;
        {CITE} .""",
        "kv:ass",
        "exactly one tip:modality",
    ),
    # issue 13 item 6: a post's holder is a node of its own, tied to the post
    "post holding without a post": (
        f"""kv:h a tip:PostHolding ; rdfs:label "h" ; tip:postHolder kv:kaidanow ;
        tip:modality tipv:modality-stated ; {CITE} .""",
        "kv:h",
        "exactly one tip:post",
    ),
    "post holding whose post is not a post": (
        f"""kv:h a tip:PostHolding ; rdfs:label "h" ; tip:postHolder kv:kaidanow ;
        tip:post kv:kps ; tip:modality tipv:modality-stated ; {CITE} .""",
        "kv:h",
        "exactly one tip:post",
    ),
    "article without an offence category": (
        PENALTY.format(cite=CITE, body="tip:minImprisonmentMonths 24"),
        "kv:art",
        "at least one tip:offenceCategory",
    ),
    "offence category outside the scheme": (
        PENALTY.format(cite=CITE, body="tip:minImprisonmentMonths 24").replace(
            'tip:articleNumber "1" ;',
            'tip:articleNumber "1" ; tip:offenceCategory tipv:offence-rape ;',
        ),
        "kv:art",
        "at least one tip:offenceCategory",
    ),
    "validity that is not an interval": (
        GOOD_FUNDING.replace(
            "tip:recipient kv:hhc ;", "tip:recipient kv:hhc ; tip:validDuring kv:hhc ;"
        ),
        "kv:f",
        "tip:validDuring",
    ),
    # issue 13, items 3 and 4: exceptions and the cable's header as data
    "exception that is not a member of the scope": (
        ATTRIBUTE.replace("rdfs:member kv:gjilan ;", "rdfs:member kv:pristina ;"),
        "kv:att",
        "is not a member (rdfs:member) of its scope",
    ),
    "exception that is neither a place nor an actor": (
        ATTRIBUTE.replace("kv:gjilan", "tipv:modality-stated"),
        "kv:att",
        "a place or an actor",
    ),
    "attribute statement without a modality": (
        ATTRIBUTE.replace("tip:modality tipv:modality-stated ;", ""),
        "kv:att",
        "exactly one tip:modality",
    ),
    "attribute statement without a scope": (
        ATTRIBUTE.replace("tip:scope kv:set ;", ""),
        "kv:att",
        "exactly one tip:scope",
    ),
    "addressee line without a precedence": (
        ADDRESSING.replace("tip:precedence tipv:precedence-immediate ;", ""),
        "kv:line",
        "exactly one tip:precedence",
    ),
    "addressee line with a role outside the scheme": (
        ADDRESSING.replace("addressee-role-action", "precedence-priority"),
        "kv:line",
        "exactly one tip:addresseeRole",
    ),
    "addressee line with an expanded routing indicator": (
        ADDRESSING.replace('"RUEHC"', '"Secretary of State"'),
        "kv:line",
        "routing indicator",
    ),
    "cable tag without its notation": (
        """kv:d a tip:DiplomaticCable ; rdfs:label "d" ; dcterms:title "t" ;
            dcterms:issued "2008-03-12"^^xsd:date ; tip:subjectTag tipv:tag-x .
        tipv:tag-x a skos:Concept ; skos:inScheme tipv:cable-tags .""",
        "kv:d",
        "subject tag",
    ),
}


@pytest.fixture(scope="module")
def base(project) -> tuple:
    """The ontology, passages and actors: the smallest graph the snippets need."""
    data = tuple(
        p
        for p in project.data
        if p.name in {"actors.ttl", "places.ttl", "periods.ttl", "sources.ttl"}
    )
    return type(project)(project.root, project.ontology, project.shapes, data, project.sources)


def _validate(base_project, shapes, snippet: str, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(TURTLE_PREFIXES + snippet)
    graph, origin = load_project(base_project, extra=(bad,))
    return validate(graph, shapes, origin), bad


@pytest.mark.parametrize("good", [GOOD_FUNDING, ATTRIBUTE, ADDRESSING])
def test_the_base_graph_conforms(base, shapes, tmp_path, good):
    report, _ = _validate(base, shapes, good, tmp_path)
    assert report.conforms, report.findings


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_of_error_is_caught_and_located(base, shapes, tmp_path, kind):
    snippet, node, message = CASES[kind]
    report, bad = _validate(base, shapes, snippet, tmp_path)
    assert not report.conforms
    hits = [f for f in report.findings if f.severity == "Violation" and message in f.message]
    assert hits, [f.message for f in report.findings]
    assert any(node in (f.node, *f.message.split()) for f in hits)
    named = [f for f in hits if f.node == node]
    assert all(f.file == str(bad) for f in named)


def test_committed_graph_conforms(report):
    assert report.conforms, [f for f in report.findings if f.severity == "Violation"][:10]


def _meta_validate(shapes: Graph) -> None:
    import pyshacl

    # meta_shacl checks the shapes graph against SHACL-for-SHACL before using it.
    pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")


def test_shapes_are_valid_shacl(shapes: Graph):
    _meta_validate(shapes)


def test_meta_shacl_rejects_a_broken_shape(shapes: Graph):
    from pyshacl.errors import ReportableRuntimeError

    broken = Graph()
    broken.parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:S> a sh:NodeShape ; sh:targetClass <urn:x:C> ;
            sh:property [ sh:path <urn:x:p> ; sh:minCount "one" ] .""",
        format="turtle",
    )
    with pytest.raises(ReportableRuntimeError):
        _meta_validate(broken)


# The default engine (pyshacl-turbo) must find exactly what the reference (pyshacl) finds.
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_both_engines_find_the_same_for_each_kind_of_error(base, shapes, tmp_path, kind):
    bad = tmp_path / "bad.ttl"
    bad.write_text(TURTLE_PREFIXES + CASES[kind][0])
    graph, origin = load_project(base, extra=(bad,))
    reports = [validate(graph, shapes, origin, engine=e) for e in ENGINES]
    assert reports[0].findings and reports[0].findings == reports[1].findings


def _corrupted(graph: Graph, project, seed: int, count: int = 250) -> Graph:
    """The Kosovo graph with ``count`` data triples dropped, mistyped or pointed nowhere."""
    ontology = Graph()
    for path in project.ontology:
        ontology.parse(path)
    rng = random.Random(seed)
    out = new_graph("memory")  # with the project's prefixes, as messages are written with them
    out += graph
    for s, p, o in rng.sample(sorted(t for t in graph if t not in ontology), count):
        out.remove((s, p, o))
        roll = rng.random()
        if roll < 0.3:
            out.add((s, p, Literal("x" + str(o)[:5])))
        elif roll < 0.5:
            out.add((s, p, URIRef(f"https://w3id.org/tipgraph/id/nowhere-{rng.randint(0, 9)}")))
        elif roll < 0.6 and isinstance(o, Literal) and o.datatype == INTEGER:
            out.add((s, p, Literal(-1 - int(o), datatype=INTEGER)))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_both_engines_find_the_same_in_a_corrupted_graph(project, graph, shapes, seed):
    broken = _corrupted(graph, project, seed)
    turbo, reference = (validate(broken, shapes, engine=e) for e in ENGINES)
    assert reference.count("Violation") > 50  # the corruption is caught, in many ways
    assert len({f.message.split(":")[0] for f in reference.findings}) > 10
    assert turbo.findings == reference.findings


def test_turbo_on_the_oxigraph_store_finds_what_pyshacl_finds_in_memory(project, graph, shapes):
    broken = _corrupted(graph, project, 3)
    native = new_graph("oxigraph")
    native += broken
    turbo = validate(native, shapes, engine="turbo")
    assert native_store(native) is not None  # the engine was handed the store itself
    assert turbo.findings == validate(broken, shapes, engine="pyshacl").findings


@pytest.mark.parametrize("engine", ENGINES)
def test_shapes_an_engine_cannot_apply_are_one_line_errors(engine):
    bad = Graph().parse(
        format="turtle",
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:S> a sh:NodeShape ; sh:targetNode <urn:x:n> ;
            sh:property [ sh:path <urn:x:p> ; sh:minCount "one" ] .""",
    )
    with pytest.raises(ValidationError, match=r"^shapes could not be applied: ") as err:
        validate(Graph(), bad, engine=engine)
    assert "\n" not in str(err.value)


def test_an_unknown_engine_is_refused(shapes):
    with pytest.raises(ValidationError, match="unknown validation engine 'fast'"):
        validate(Graph(), shapes, engine="fast")


def test_every_reported_constraint_has_its_own_message(shapes: Graph):
    # Engines word their default messages differently; ours come from the shapes, so a
    # report reads the same whichever engine wrote it (and says something a curator can act on).
    node_level = [SH["or"], SH.xone, SH["and"], SH["not"], SH["class"], SH.node, SH.datatype]
    members = {m for lst in shapes.objects(None, SH["or"]) for m in Collection(shapes, lst)}
    members |= {m for lst in shapes.objects(None, SH.xone) for m in Collection(shapes, lst)}
    silent = [
        shape
        for shape in {*shapes.subjects(RDF.type, SH.NodeShape), *shapes.subjects(SH.path, None)}
        if shape not in members
        and (
            shapes.value(shape, SH.path) is not None
            or any(shapes.value(shape, c) for c in node_level)
        )
        and (shape, SH.message, None) not in shapes
        and (shape, SH.sparql, None) not in shapes
    ]
    assert not silent
    for constraint in shapes.objects(None, SH.sparql):
        assert (constraint, SH.message, None) in shapes
