"""Issue 13, item 9: a figure, date or name only a comment states is reported.

The snippets are hand-made; the data check uses cable p23 ("female officers in every region
except Gjilan, and is poised to hire three more").
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS

from support import TURTLE_PREFIXES
from tipgraph.graph.comments import comment_only, render_comment_facts
from tipgraph.namespaces import TIP


def _graph(body: str) -> Graph:
    return Graph().parse(data=TURTLE_PREFIXES + body, format="turtle")


def test_a_figure_only_in_a_comment_is_reported():
    g = _graph('kv:o a qb:Observation ; rdfs:comment "The chapter adds that 24 were convicted." .')
    found = {(f.node, f.kind, f.text) for f in comment_only(g)}
    assert ("kv:o", "number", "24") in found


def test_a_figure_a_value_carries_is_not():
    g = _graph(
        'kv:o a qb:Observation ; tip:value 24.0 ; rdfs:comment "24 were convicted in 2008." ;'
        ' tip:refPeriod [ time:inXSDgYear "2008"^^xsd:gYear ] .'
    )
    assert comment_only(g) == []


def test_a_quote_is_evidence_not_structure():
    g = _graph(
        'kv:o a qb:Observation ; rdfs:comment "24 were convicted." ; prov:wasDerivedFrom'
        ' [ oa:hasSelector [ oa:exact "24 were convicted" ] ] .'
    )
    assert [f.text for f in comment_only(g)] == ["24"]


def test_paragraph_references_and_links_are_not_facts():
    g = _graph('kv:o a qb:Observation ; rdfs:comment "See p46 and kv:obs-2007-24." .')
    assert comment_only(g) == []


def test_the_planned_hires_figure_is_structured_now(graph):
    # cable p23: "is poised to hire three more": the observation carries the 3 as tip:value,
    # so its label's "three" is not comment-only.
    found = {(f.node, f.text) for f in comment_only(graph)}
    assert ("kv:obs-thbs-planned-hires-pristina-hq-early-2008", "three") not in found


# Each widening of "carried" both ways: the structured value carries the mention; the same
# mention with that value absent (or not saying it) is reported.
_WAYS = {
    "a digit token of a carried literal": (
        'kv:d a tip:DiplomaticCable ; rdfs:label "cable 000128" ; dcterms:identifier "X 000128" .',
        'kv:d a tip:DiplomaticCable ; rdfs:label "cable 000128" ; dcterms:identifier "X 000129" .',
        ("kv:d", "number", "000128"),
    ),
    "the day of a carried date, in a full date": (
        'kv:d a tip:DiplomaticCable ; rdfs:label "cable of 12 March 2008" ;'
        ' dcterms:issued "2008-03-12"^^xsd:date .',
        'kv:d a tip:DiplomaticCable ; rdfs:label "cable of 12 March 2008" ;'
        ' dcterms:issued "2008-03-13"^^xsd:date .',
        ("kv:d", "number", "12"),
    ),
    "a day before an abbreviated month": (
        'kv:p a time:ProperInterval ; rdfs:label "1 Apr 2007 on" ;'
        ' time:hasBeginning [ time:inXSDDate "2007-04-01"^^xsd:date ] .',
        'kv:p a time:ProperInterval ; rdfs:label "1 Apr 2007 on" ;'
        ' time:hasBeginning [ time:inXSDgYearMonth "2007-04"^^xsd:gYearMonth ] .',
        ("kv:p", "number", "1"),
    ),
    "a date with a day wants the day": (
        'kv:e a tip:Event ; rdfs:label "closed December 31, 2007" ;'
        ' time:hasTime [ time:inXSDDate "2007-12-31"^^xsd:date ] .',
        'kv:e a tip:Event ; rdfs:label "closed December 31, 2007" ;'
        ' time:hasTime [ time:inXSDgYearMonth "2007-12"^^xsd:gYearMonth ] .',
        ("kv:e", "date", "December 31, 2007"),
    ),
    "a value of the node one hop away": (
        'kv:c a tip:StatedChange ; rdfs:label "up from 12 in 2006" ; tip:changeFrom kv:o .'
        " kv:o a qb:Observation ; tip:value 12.0 ; tip:refPeriod kv:y ."
        ' kv:y a time:ProperInterval ; time:hasBeginning [ time:inXSDgYear "2006"^^xsd:gYear ] .',
        'kv:c a tip:StatedChange ; rdfs:label "up from 12 in 2006" .'
        " kv:o a qb:Observation ; tip:value 12.0 ; tip:refPeriod kv:y ."
        ' kv:y a time:ProperInterval ; time:hasBeginning [ time:inXSDgYear "2006"^^xsd:gYear ] .',
        ("kv:c", "number", "12"),
    ),
    "a value of a node the comment names by CURIE": (
        'kv:t a tip:Training ; rdfs:comment "Three of them are kv:t2." .'
        " kv:t2 a tip:Training ; tip:sessionCount 3 .",
        'kv:t a tip:Training ; rdfs:comment "Three of them are kv:t3." .'
        " kv:t2 a tip:Training ; tip:sessionCount 3 .",
        ("kv:t", "number", "Three"),
    ),
    "a label's figure, of a node a comment names by CURIE": (
        'kv:c a tip:Comparison ; rdfs:label "135,000 vs the rest" ; rdfs:comment "See kv:fund." .'
        " kv:fund a tip:Funding ; tip:amount [ rdf:value 135000.0 ] .",
        'kv:c a tip:Comparison ; rdfs:label "135,000 vs the rest" ; rdfs:comment "See p27." .'
        " kv:fund a tip:Funding ; tip:amount [ rdf:value 135000.0 ] .",
        ("kv:c", "number", "135,000"),
    ),
    "a compound number word": (
        'kv:o a qb:Observation ; rdfs:comment "twenty-four convictions" ; tip:value 24.0 .',
        'kv:o a qb:Observation ; rdfs:comment "twenty-four convictions" ; tip:value 25.0 .',
        ("kv:o", "number", "twenty-four"),
    ),
    "a possessive of a name": (
        'kv:c a tip:StatedChange ; rdfs:comment "Known Unit\'s victims." ; tip:changeFrom kv:u .'
        ' kv:u a org:Organization ; rdfs:label "Known Unit" .',
        'kv:c a tip:StatedChange ; rdfs:comment "Known Unit\'s victims." ; tip:changeFrom kv:u .'
        ' kv:u a org:Organization ; rdfs:label "Known Body" .',
        ("kv:c", "name", "Known Unit's"),
    ),
    "a number word of a linked concept's label": (
        'kv:p a tip:PenaltyProvision ; rdfs:label "by more than one person" ; tip:condition kv:m .'
        ' kv:m a skos:Concept ; rdfs:label "committed by more than one person" .',
        'kv:p a tip:PenaltyProvision ; rdfs:label "by more than one person" ; tip:condition kv:m .'
        ' kv:m a org:Organization ; rdfs:label "committed by more than one person" .',
        ("kv:p", "number", "one"),
    ),
    "two names joined by and, each a linked node's": (
        'kv:o a qb:Observation ; rdfs:comment "Upper Land and Lower Land sent them." ;'
        ' tip:refArea kv:u , kv:l . kv:u rdfs:label "Upper Land" . kv:l rdfs:label "Lower Land" .',
        'kv:o a qb:Observation ; rdfs:comment "Upper Land and Lower Land sent them." ;'
        ' tip:refArea kv:u . kv:u rdfs:label "Upper Land" . kv:l rdfs:label "Lower Land" .',
        ("kv:o", "name", "Upper Land and Lower Land"),
    ),
    "a possessive between two names, each a linked node's": (
        'kv:o a qb:Observation ; rdfs:comment "Reported by Upper Land\'s TRU." ;'
        ' tip:refArea kv:u , kv:t . kv:u rdfs:label "Upper Land" . kv:t skos:altLabel "TRU" .',
        'kv:o a qb:Observation ; rdfs:comment "Reported by Upper Land\'s TRU." ;'
        ' tip:refArea kv:t . kv:u rdfs:label "Upper Land" . kv:t skos:altLabel "TRU" .',
        ("kv:o", "name", "Upper Land's TRU"),
    ),
    "a name with a hyphenated suffix": (
        'kv:o a tip:Facility ; rdfs:comment "A Upper Land-run shelter." ; tip:operator kv:u .'
        ' kv:u rdfs:label "Upper Land" .',
        'kv:o a tip:Facility ; rdfs:comment "A Upper Land-run shelter." ; tip:operator kv:l .'
        ' kv:u rdfs:label "Upper Land" .',
        ("kv:o", "name", "Upper Land-run"),
    ),
    "an acronym of a node one hop further": (
        'kv:r a tip:Recommendation ; rdfs:comment "As IOM says." ; tip:answers kv:p .'
        " kv:p a tip:Problem ; tip:reporter kv:iom ."
        ' kv:iom a org:Organization ; rdfs:label "International Organization" ;'
        ' skos:altLabel "IOM" .',
        'kv:r a tip:Recommendation ; rdfs:comment "As IOM says." ; tip:answers kv:p .'
        " kv:p a tip:Problem ; tip:reporter kv:iom ."
        ' kv:iom a org:Organization ; rdfs:label "International Organization" .',
        ("kv:r", "acronym", "IOM"),
    ),
}


@pytest.mark.parametrize("rule", sorted(_WAYS))
def test_a_widened_rule_carries_only_what_the_value_says(rule):
    carried, absent, mention = _WAYS[rule]
    assert mention not in {(f.node, f.kind, f.text) for f in comment_only(_graph(carried))}
    assert mention in {(f.node, f.kind, f.text) for f in comment_only(_graph(absent))}


def test_an_acronym_must_be_a_whole_word_of_a_name():
    # "TO" is not carried by "TOKYO"; "NGO" is by "NGOs".
    g = _graph(
        'kv:a a tip:Reporting ; rdfs:comment "TO the NGO." ; tip:to kv:b .'
        ' kv:b a org:Organization ; rdfs:label "TOKYO NGOs" .'
    )
    assert [f.text for f in comment_only(g)] == ["TO"]


def test_a_definition_of_a_linked_concept_is_prose_not_a_value():
    g = _graph(
        'kv:p a tip:PenaltyProvision ; rdfs:label "aged 16" ; tip:condition kv:c .'
        ' kv:c a skos:Concept ; skos:definition "The victim is 16." .'
    )
    assert [f.text for f in comment_only(g)] == ["16"]


def test_a_source_named_by_its_year_is_a_citation_not_a_fact():
    # The two sources by name are citations; another report's year, or a bare year, is a fact.
    g = _graph(
        'kv:t a tip:Training ; rdfs:label "Police training (2009 report)" ;'
        ' rdfs:comment "As the 2008 cable says; the OSCE\'s 2009 report differs; in 2007." .'
    )
    assert sorted(f.text for f in comment_only(g)) == ["2007", "2009", "OSCE"]


@pytest.mark.parametrize(("months", "reported"), [(60, ["15"]), (59, ["15", "five"])])
def test_years_are_carried_by_the_same_term_in_months(months, reported):
    g = _graph(
        f'kv:p a tip:PenaltyProvision ; rdfs:comment "five to 15 years" ;'
        f" tip:minImprisonmentMonths {months} ."
    )
    assert sorted(f.text for f in comment_only(g)) == reported


def test_a_two_way_flow_or_a_new_one_counts_nothing():
    g = _graph(
        'kv:f a tip:InformationFlow ; rdfs:label "No two-way flow, two partners" ;'
        ' rdfs:comment "A new one, the one named, one of them; one more." .'
    )
    assert [f.text for f in comment_only(g)] == ["one", "two"]


_EXTENDED = 'kv:k a tip:Plan ; rdfs:comment "It was extended for seven months." '


def test_an_unstructured_note_says_why_a_mention_stays():
    g = _graph(
        _EXTENDED + '; tip:editorialNote "Unstructured (editorial, not in the sources):'
        " 'extended for seven months'. Why: no property holds an extension's length.\" ."
    )
    (fact,) = comment_only(g)
    assert (fact.text, fact.why) == ("seven", "no property holds an extension's length.")
    assert render_comment_facts([fact]).endswith(
        "0 mention(s) in 0 node(s); 1 left unstructured with a reason"
    )


@pytest.mark.parametrize(
    "note",
    [
        "",  # no note: a gap
        "; tip:editorialNote \"Unstructured (editorial, not in the sources): 'for six months'."
        ' Why: the note quotes other words."',  # the quote does not cover the mention
        "; tip:editorialNote \"Expansion (editorial, not in the sources): 'extended for seven"
        " months'. Why: an expansion is not a reason to leave a figure.\"",
    ],
)
def test_without_an_unstructured_note_quoting_it_the_mention_is_a_gap(note):
    (fact,) = comment_only(_graph(_EXTENDED + note + " ."))
    assert (fact.text, fact.why) == ("seven", "")


def test_the_data_has_no_comment_only_fact_left_without_a_reason(graph):
    # Issue 13 item 9: every mention is structured, or its node's Unstructured note says why.
    assert [f for f in comment_only(graph) if not f.why] == []


def test_every_unstructured_note_quotes_words_its_node_still_has(graph):
    # A note whose quote no longer occurs in the node's comment or label explains nothing.
    for node, note in graph.subject_objects(TIP.editorialNote):
        if not str(note).startswith("Unstructured (editorial, not in the sources):"):
            continue
        said = str(note).split("Why:", 1)[0]
        text = " ".join(str(t) for p in (RDFS.comment, RDFS.label) for t in graph.objects(node, p))
        for quote in re.findall(r"'([^']+)'", said):
            assert quote in text, (node, quote)
