"""Fuzz the loaders: mutated files give a LoadError or a graph — no other exception, no hang.

Byte flips, truncations, deletions and insertions (of random bytes and of
syntax that matters: quotes, brackets, DOCTYPEs, remote contexts) are
applied to the real data files and to small samples of each format. The
network guard is on throughout, so a mutation that made a parser reach out
would fail the test instead of connecting.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipgraph.errors import LoadError
from tipgraph.graph.load import parse_file
from tipgraph.safety import guard

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 16_000  # bytes of a real file to start from: keeps each example well under a second
SECONDS = 20  # any single parse slower than this counts as a hang

SAMPLES = {
    ".nt": b'<urn:a> <urn:b> <urn:c> .\n_:x <urn:b> "caf\\u00e9"@fr .\n<urn:a> <urn:n> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
    ".jsonld": b'{"@context": {"ex": "http://example.org/", "n": {"@id": "ex:n", "@type": "http://www.w3.org/2001/XMLSchema#integer"}},\n "@graph": [{"@id": "ex:a", "ex:b": [{"@id": "ex:c"}, "text"], "n": "7"}, {"@id": "_:x", "@type": "ex:T", "ex:l": {"@list": [1, 2]}}]}\n',
    ".rdf": b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n <rdf:Description rdf:about="http://example.org/a">\n  <ex:b rdf:resource="http://example.org/c"/>\n  <ex:n rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">7</ex:n>\n  <ex:l rdf:parseType="Collection"><rdf:Description rdf:about="urn:x"/></ex:l>\n </rdf:Description>\n</rdf:RDF>\n',
    ".ttl": b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c , "x"@en ; ex:n 7 ; ex:l ( 1 2 [ ex:p """long\nstring""" ] ) .\n',
}
TOKENS = [
    b'"',
    b"'",
    b'"""',
    b"<",
    b">",
    b"{",
    b"}",
    b"[",
    b"]",
    b"(",
    b")",
    b"@",
    b";",
    b",",
    b".",
    b"\\",
    b"\\u00",
    b"\\U0010FFFF",
    b"_:",
    b"^^",
    b"#",
    b"\n",
    b"\r",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"@prefix x: <urn:x:> .",
    b"@base <http://127.0.0.1:9/> .",
    b"<!DOCTYPE r [<!ENTITY e 'x'>]>",
    b"&e;",
    b"<![CDATA[",
    b'"@context": "http://127.0.0.1:9/c",',
    b'"@import": "x.jsonld"',
    b"{{{{{{",
    b"[[[[[[",
    b"((((((",
    b"1e99999",
    b"9" * 50,
]


def _real(name: str) -> bytes:
    data = (ROOT / "data" / name).read_bytes()[:LIMIT]
    return data if len(data) < LIMIT else data[: data.rfind(b"\n\n") + 1]


CORPUS = [
    (".ttl", _real("funding.ttl")),
    (".ttl", _real("actors.ttl")),
    (".ttl", _real("statistics.ttl")),
    *[(suffix, body) for suffix, body in SAMPLES.items()],
]


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with one to four random edits."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["flip", "truncate", "delete", "insert", "token"]))
        if edit == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "truncate":
            del data[at:]
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            data[at:at] = draw(st.sampled_from(TOKENS))
    return bytes(data)


class Hang(BaseException):
    """Not an Exception, so no parser's ``except Exception`` can swallow it."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"a parse took longer than {SECONDS} s")


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    guard.install()  # any connection attempt now raises NetworkRefusedError, not a LoadError
    previous = signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            yield Path(tmp)
        finally:
            signal.signal(signal.SIGALRM, previous)
            guard.reset()


def _only_load_errors(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    signal.alarm(SECONDS)
    try:
        parse_file(path)
    except LoadError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message
    finally:
        signal.alarm(0)


@pytest.mark.parametrize(
    ("suffix", "base"), CORPUS, ids=[f"{i}{s}" for i, (s, _) in enumerate(CORPUS)]
)
@settings(max_examples=28, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.data())
def test_mutated_input_gives_a_graph_or_a_load_error(workdir, suffix, base, data):
    _only_load_errors(workdir / f"fuzz{suffix}", data.draw(mutated(base)))


def test_the_unmutated_corpus_parses(workdir):
    # The fuzz starts from valid inputs, so errors it finds come from the edits.
    for number, (suffix, base) in enumerate(CORPUS):
        path = workdir / f"clean{number}{suffix}"
        path.write_bytes(base)
        assert len(parse_file(path)) > 0
