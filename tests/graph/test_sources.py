"""The normaliser and the paragraph splitter, checked against the raw sources."""

from __future__ import annotations

import pytest

from tipgraph.errors import LoadError
from tipgraph.graph.sources import normalise, read_passages, split_cable, split_chapter


@pytest.fixture(scope="module")
def passages(project):
    return {(p.document[:5], p.key): p for p in read_passages(project.sources)}


def test_cable_has_paragraphs_1_to_47_in_order(passages):
    numbers = [p.number for (doc, _), p in passages.items() if doc == "cable" and p.number]
    assert numbers == list(range(1, 48))


def test_chapter_has_six_paragraphs_and_a_header(passages):
    keys = [k for (doc, k) in passages if doc == "tip-r"]
    assert keys == ["header", "p1", "p2", "p3", "p4", "p5", "p6"]


@pytest.mark.parametrize(
    ("key", "start"),
    [
        ("p1", "(SBU) SUMMARY: Post's submission"),
        ("p20", "(SBU) The government established the Kosovo Anti-corruption Agency"),
        ("p27", "During calendar year 2007, the Ministry of Labor"),
        ("p43", "(SBU) There is no evidence to suggest"),
        ("p47", "(SBU) The national counter-trafficking coordinator reports"),
    ],
)
def test_odd_markers_start_their_paragraph(passages, key, start):
    assert passages[("cable", key)].text.startswith(start)


def test_dates_that_look_like_markers_stay_inside_their_paragraph(passages):
    # "1[2008." (para 25) and "^2008." (para 28) are years, not paragraph markers.
    assert "expected to take place in June 2008. A lack of funds" in passages[("cable", "p25")].text
    assert (
        "remained closed as of early-February 2008. According to CRS"
        in passages[("cable", "p28")].text
    )


def test_page_break_lines_are_removed(passages):
    assert all("00000128" not in p.text for (doc, k), p in passages.items() if k != "header")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("lOM  reported", "IOM reported"),
        ("The  KSPQ  is", "The KSPO is"),
        ("Prosecutors  Qffice  (KSPO) ,", "Prosecutors Office (KSPO),"),
        ("USQP  was", "USOP was"),
        ("Kosovo, s counter-trafficking", "Kosovo's counter-trafficking"),
        ("HHC,s  Prizren", "HHC's Prizren"),
        ("KPS  THBS ' s", "KPS THBS's"),
        ("Balkans-specif ic", "Balkans-specific"),
        ("November\nH2007.", "November 2007."),
        ("in June\n1[2008.  A lack", "in June 2008. A lack"),
        ("early-February\n^2008.  According", "early-February 2008. According"),
    ],
)
def test_normalise_repairs_ocr(raw, clean):
    assert normalise(raw) == clean


def test_headings_and_signature_are_passages_of_their_own(passages):
    assert passages[("cable", "heading2")].text == "Investigation and Prosecution of Traffickers"
    assert passages[("cable", "signature")].text == "KAIDANOW"
    assert not passages[("cable", "p30")].text.endswith("Traffickers")


def test_missing_marker_is_a_load_error():
    with pytest.raises(LoadError, match="paragraph marker 2 not found"):
        split_cable("^1 . first paragraph\n\nno more markers\n\nKAIDANOW\n")


def test_chapter_without_title_is_a_load_error():
    with pytest.raises(LoadError):
        split_chapter("Just one paragraph with no title block at all, long enough. " * 5)
