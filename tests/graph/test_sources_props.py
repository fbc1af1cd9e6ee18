"""Properties of the OCR normaliser and the cable splitter, over generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from tipgraph.errors import LoadError
from tipgraph.graph.sources import CABLE_FILE, normalise, split_cable

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that cannot spell any OCR slip or page-break line: no capitals, no "[" or "^".
PLAIN = st.text(alphabet="abcdefghij klmnopqrstuvwxyz0123456789.,;:()-'\"\n\t\r/%$", max_size=300)
# Text that can: capitals, the marks a stray line start leaves, the slips' letters.
NOISY = st.text(alphabet="aeiosvKSPQOMUlHIJLTBW0129[^.,' \n\t", max_size=300)
SPACES = st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003", min_size=1, max_size=4)


def _non_space(text: str) -> str:
    return "".join(text.split())


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@FAST
@given(st.one_of(PLAIN, NOISY, st.text(max_size=200)))
@example("Kosovo , s view")  # once failed: the space went after the repair had looked
@example("in June\n^2008 . A lack")
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@FAST
@given(st.one_of(PLAIN, NOISY, st.text(max_size=200)))
def test_normalise_leaves_single_spaces_and_no_edges(text):
    out = normalise(text)
    assert out == " ".join(out.split())


@FAST
@given(PLAIN)
def test_normalise_keeps_every_non_space_character_of_plain_text(text):
    # With no OCR slip possible, only whitespace changes.
    assert _non_space(normalise(text)) == _non_space(text)


@FAST
@given(NOISY)
def test_normalise_never_changes_a_digit_except_the_1_bracket_year_repair(text):
    # The one repair that drops a digit is "1[2008." -> "2008." (a stray "1[" mark).
    assume("1[" not in text)
    assert _digits(normalise(text)) == _digits(text)


@FAST
@given(
    st.lists(st.text(alphabet="abcdefKSPQOMl19,.'", min_size=1, max_size=8), max_size=30), st.data()
)
def test_whitespace_layout_never_changes_the_result(words, data):
    spaced = "".join(word + data.draw(SPACES) for word in words)
    assert normalise(spaced) == normalise(" ".join(words))


SLIPS = [
    ("lOM", "IOM"),
    ("KSPQ", "KSPO"),
    ("Qffice", "Office"),
    ("USQP", "USOP"),
    ("Kosovo, s", "Kosovo's"),
    ("MLSW,s", "MLSW's"),
    ("THBS ' s", "THBS's"),
    ("specif ic", "specific"),
    ("\nH2007.", " 2007."),
    ("\n1[2008.", " 2008."),
    ("\n^2008.", " 2008."),
]
WORDS = st.lists(st.sampled_from(["the", "report", "said", "and", "of", "2007"]), max_size=6)


@pytest.mark.parametrize(("slip", "repair"), SLIPS)
@settings(max_examples=15, deadline=None)
@given(before=WORDS, after=WORDS)
def test_each_listed_ocr_slip_is_repaired_in_any_context(slip, repair, before, after):
    text = " ".join([*before, "x"]) + (slip if slip.startswith("\n") else f" {slip}")
    text += " " + " ".join(["y", *after])
    out = normalise(text)
    assert repair.strip() in out and slip.strip() not in out


# --- the cable splitter -------------------------------------------------------

NOISE = ["", "^", "1[", "1L", "J.", " "]
SENTENCE = st.lists(
    st.sampled_from(
        ["aid", "the", "shelter", "police", "report", "victims", "(SBU)", "2,000", "in"]
    ),
    min_size=1,
    max_size=12,
).map(lambda words: " ".join(words) + ".")
# Lines that start with a number-and-dot but are years, never paragraph markers.
YEAR_LINE = st.sampled_from(["1[2008.", "^2008.", "H2007.", "2006.", "1[2 008.", "J.1999."])


@st.composite
def paragraph(draw: st.DrawFn, number: int) -> tuple[str, str]:
    """The marker line and the body of paragraph ``number``, with OCR noise around it."""
    digits = str(number)
    if len(digits) == 2 and draw(st.booleans()):
        digits = digits[0] + " " * draw(st.integers(1, 2)) + digits[1]  # "1 2." for 12
    marker = draw(st.sampled_from(NOISE)) + digits + "."
    lines = [draw(SENTENCE)]
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(YEAR_LINE) + " " + draw(SENTENCE))
    return marker, "\n".join(lines)


@st.composite
def cable(draw: st.DrawFn) -> tuple[str, int, list[str]]:
    """A synthetic cable: header, paragraphs 1..n in order, signature."""
    n = draw(st.integers(1, 15))
    parts, bodies = (
        ["UNCLAS SECTION 01 OF 02 PRISTINA 000128\n\nSUBJECT: KOSOVO: TIP REPORT\n\n"],
        [],
    )
    for number in range(1, n + 1):
        marker, body = draw(paragraph(number))
        parts.append(f"{marker} {body}\n\n")
        bodies.append(body)
    parts.append("KAIDANOW\n")
    return "".join(parts), n, bodies


@settings(max_examples=60, deadline=None)
@given(cable())
def test_split_cable_recovers_every_paragraph_in_order(doc):
    raw, n, bodies = doc
    passages = split_cable(raw, paragraphs=n)
    numbered = [p for p in passages if p.number is not None]
    assert [p.number for p in numbered] == list(range(1, n + 1))
    assert [p.text for p in numbered] == [normalise(body) for body in bodies]
    assert passages[0].key == "header" and passages[-1].text == "KAIDANOW"


@settings(max_examples=40, deadline=None)
@given(cable(), st.data())
def test_a_missing_marker_is_named(doc, data):
    raw, n, _ = doc
    missing = data.draw(st.integers(1, n))
    # Turn "<noise>k." at a line start into plain text so marker k is gone.
    pattern = rf"^((?:\^|1\[|1L|J\.| |){' *'.join(str(missing))})\.(?= )"
    broken, count = re.subn(pattern, r"\1,", raw, count=1, flags=re.MULTILINE)
    assume(count == 1)
    with pytest.raises(LoadError, match=rf"^{CABLE_FILE}: paragraph marker {missing} not found$"):
        split_cable(broken, paragraphs=n)
