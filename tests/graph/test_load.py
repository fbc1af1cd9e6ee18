"""Bad input files and faults: one clear line naming file and line, exit 2, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from tipgraph.cli import main
from tipgraph.errors import ExportError, LoadError
from tipgraph.graph import export
from tipgraph.graph.export import OUTPUTS, write_outputs
from tipgraph.graph.load import parse_file

ROOT = Path(__file__).resolve().parents[2]
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'

# (file name, content, what follows the path in the message: ":line: reason")
BAD_FILES = [
    ("a.ttl", "@prefix ex: <urn:x:> .\n\nex:a ex:b ex:c ;\n ex:d .\n", ":4: objectList expected"),
    ("b.ttl", '@prefix : <urn:> .\n:a :b "no end .\n', ":2: newline found in string literal"),
    ("c.ttl", "ex:a ex:b ex:c .\n", ':1: Prefix "ex:" not bound'),
    ("d.ttl", "@prefix ex: <urn:x:> .\nex:a ex:b ex:c\n", ":2: EOF found after object"),
    ("a.nt", "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", ":2: Unrecognised object type"),
    (
        "b.nt",
        '<urn:a> <urn:b> <urn:c> .\n\n<urn:a> "b" <urn:c> .\n',
        ":3: Predicate must be uriref",
    ),
    ("c.nt", '<urn:a> <urn:b> "x"@ .\n', ":1: unexpected '@ .'"),
    ("d.nt", "<urn:a> <urn:b> <urn:c> .\r\n<urn:a>\r\n", ":2: statement ends too early"),
    (
        "a.jsonld",
        '{\n "@id": "urn:a",\n "urn:b": [1,\n}\n',
        ":4: invalid JSON: Expecting value (column 1)",
    ),
    ("b.jsonld", "5", ": not a JSON-LD document (expected an object or an array)"),
    (
        "c.jsonld",
        '{"@context": {"@base": 5}, "@id": "a"}',
        ": not valid JSON-LD ('int' object has no attribute 'find')",
    ),
    (
        "a.rdf",
        f'<?xml version="1.0"?>\n<rdf:RDF {RDF_NS}>\n<rdf:Description>\n</rdf:RDF>\n',
        ":4: mismatched tag",
    ),
    (
        "b.rdf",
        f'<rdf:RDF {RDF_NS}>\n\n<rdf:Description rdf:about="urn:a" rdf:ID="x"/>\n</rdf:RDF>\n',
        ":3: Can have at most one of rdf:ID, rdf:about, and rdf:nodeID",
    ),
    ("c.rdf", "", ":1: no element found"),
    ("d.owl", '<?xml version="1.0" encoding="bogus"?><r/>', ": unknown encoding: bogus"),
    (
        "e.xml",
        "<!DOCTYPE r [<!ENTITY a 'a'>]>\n<r>&a;</r>",
        ":1: DOCTYPE / ENTITY declarations are refused (external entities are never resolved)",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES)
def test_syntax_error_names_file_line_and_reason(tmp_path, name, content, expected):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        parse_file(bad)
    assert str(caught.value) == f"{bad}{expected}"


GARBAGE = [
    b"\x00\x01\x02 binary garbage \xff\xfe",  # not UTF-8
    b"\x00\x01\x02\x03\x1b[31m\x7f",  # UTF-8, but control characters
    bytes(range(256)),
    b"\xef\xbb\xbf\xef\xbb\xbf",  # two byte-order marks
]


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_binary_garbage_is_one_line_naming_the_file(tmp_path, suffix, garbage):
    bad = tmp_path / f"garbage{suffix}"
    bad.write_bytes(garbage)
    with pytest.raises(LoadError) as caught:
        parse_file(bad)
    message = str(caught.value)
    assert message.startswith(f"{bad}:") and "\n" not in message and len(message) < 400


def test_non_utf8_names_the_line_and_byte(tmp_path):
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes('@prefix ex: <urn:x:> .\nex:a ex:b "Prishtinë" .\n'.encode("latin-1"))
    with pytest.raises(LoadError, match=r"latin1.ttl:2: not UTF-8 text \(byte 42\)$"):
        parse_file(bad)


def _unreadable(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.ttl"
    if kind == "directory":
        path.mkdir()
    elif kind == "dangling-link":
        path.symlink_to(tmp_path / "gone.ttl")
    elif kind == "link-loop":
        path.symlink_to(path)
    return path  # "missing": never created


@pytest.mark.parametrize("kind", ["missing", "directory", "dangling-link", "link-loop"])
def test_missing_or_unreadable_file_is_one_line(tmp_path, kind):
    path = _unreadable(tmp_path, kind)
    with pytest.raises(LoadError, match=rf"^{path}: cannot read \([^\n]+\)$"):
        parse_file(path)


def test_a_failed_parse_leaves_the_target_graph_as_it_was(tmp_path):
    target = Graph()
    target.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    bad = tmp_path / "half.nt"
    bad.write_text("<urn:x> <urn:y> <urn:z> .\n<urn:x> <urn:y> .\n")
    with pytest.raises(LoadError):
        parse_file(bad, target)
    assert set(target) == {(URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c"))}


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES[::3])
def test_cli_validate_bad_file_prints_one_line_and_exits_2(tmp_path, name, content, expected):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.stderr == f"tipgraph: error: {bad}{expected}\n"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's inputs, so faults can be planted without touching the real ones."""
    root = tmp_path_factory.mktemp("project")
    for part in ("ontology", "shapes", "data"):
        shutil.copytree(ROOT / part, root / part)
    return root


def _plant(root: Path, fault: str) -> str:
    """Break the project copy in one way; returns what the error line must contain."""
    data = root / "data"
    if fault == "turtle-syntax":
        with (data / "funding.ttl").open("a", encoding="utf-8") as fh:
            fh.write("\nkv:broken tip:amount .\n")
        return "funding.ttl:"
    if fault == "not-utf8":
        (data / "actors.ttl").write_bytes(b"\xff\xfe\x00garbage")
        return "actors.ttl:1: not UTF-8 text"
    if fault == "unreadable":
        (data / "zz.ttl").mkdir()
        return "zz.ttl: cannot read"
    if fault == "source-missing":
        (data / "sources" / "cable-2008-03-12-pristina-000128.txt").unlink()
        return "cable-2008-03-12-pristina-000128.txt: cannot read"
    if fault == "source-truncated":
        cable = data / "sources" / "cable-2008-03-12-pristina-000128.txt"
        cable.write_text(cable.read_text(encoding="utf-8")[:5000], encoding="utf-8")
        return "paragraph marker"
    if fault == "ontology-syntax":
        (root / "ontology" / "zz.ttl").write_text("@prefix : <urn:> .\n:a :b\n")
        return "zz.ttl:2: objectList expected"
    if fault == "shape-service":
        (root / "shapes" / "zz.ttl").write_text(
            "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
            "<urn:S> a sh:NodeShape ; sh:targetNode <urn:a> ; sh:sparql [ sh:select "
            '"SELECT $this WHERE { SERVICE <http://127.0.0.1:9/s> { $this ?p ?o } }" ] .\n'
        )
        return "shapes refused: shape <urn:S>: sh:select: query uses SERVICE"
    raise AssertionError(fault)


FAULTS = [
    "turtle-syntax",
    "not-utf8",
    "unreadable",
    "source-missing",
    "source-truncated",
    "ontology-syntax",
    "shape-service",
]


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("out_exists", [True, False], ids=["previous-out", "no-out"])
def test_build_with_a_broken_input_writes_nothing(pristine, tmp_path, fault, out_exists):
    root = tmp_path / "project"
    shutil.copytree(pristine, root, symlinks=True)
    expected = _plant(root, fault)
    out = tmp_path / "out"
    previous = {name: f"previous {name}\n" for name in OUTPUTS}
    if out_exists:
        out.mkdir()
        for name, text in previous.items():
            (out / name).write_text(text)
    result = CliRunner().invoke(main, ["--root", str(root), "build", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("tipgraph: error: ") and result.stderr.count("\n") == 1
    assert expected in result.stderr
    if out_exists:
        assert {p.name: p.read_text() for p in out.iterdir()} == previous
    else:
        assert not out.exists()


KILLED_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    real_fsync, calls = os.fsync, []

    def dying_fsync(fd):
        if os.readlink(f"/proc/self/fd/{fd}").startswith(sys.argv[1]):
            calls.append(fd)
        if len(calls) == 2:  # the second output is half-way to disk
            os.kill(os.getpid(), signal.SIGKILL)
        real_fsync(fd)

    os.fsync = dying_fsync
    from tipgraph.cli import main
    main(["build", "--out", sys.argv[1]])
    """
)


def test_a_build_killed_while_writing_leaves_previous_outputs_whole(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    previous = {name: f"previous {name}\n" for name in OUTPUTS}
    for name, text in previous.items():
        (out / name).write_text(text)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env=env,
    )
    assert run.returncode == -9, run.stderr  # it really was killed mid-build
    assert {name: (out / name).read_text() for name in OUTPUTS} == previous
    leftovers = {p.name for p in out.iterdir()} - set(OUTPUTS)
    assert leftovers  # the kill came while the new outputs were being written ...
    assert all(name.startswith(".tipgraph.") for name in leftovers)  # ... to hidden temp files


def test_a_failed_rename_leaves_every_output_whole(tmp_path, monkeypatch):
    # A failure between the renames can leave a mix of new and previous files,
    # but never a partial one: each file is the old text or the complete new one.
    graph = Graph().parse(data="<urn:a> <urn:b> <urn:c> .", format="nt")
    new = export.render(graph)
    for name in OUTPUTS:
        (tmp_path / name).write_text(f"previous {name}\n")
    real_replace, calls = os.replace, []

    def failing_replace(src: str, dst: Path) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", failing_replace)
    with pytest.raises(ExportError, match=r"tipgraph.nt: cannot write \(Input/output error\)$"):
        write_outputs(graph, tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_text() in (f"previous {name}\n", new[name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUTS)
