"""Only inline JSON-LD contexts ever apply: no URL, file, FIFO or device is read for one.

Two layers, each tested on its own: ``check_jsonld`` refuses a context by
reference wherever it sits (nested lists of any depth, scoped contexts), and
while tipgraph parses, rdflib's context loader refuses everything, so a
reference the check misses is not read either. These go through
``parse_file``, the library's entry point, with no CLI guard installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipgraph.errors import LoadError
from tipgraph.graph import load
from tipgraph.graph.load import parse_file
from tipgraph.safety import guard

INLINE = {"ex": "http://example.org/"}


def _doc(context: object) -> str:
    return json.dumps({"@context": context, "@id": "http://example.org/a", "ex:p": "v"})


@pytest.mark.parametrize(
    "context",
    [
        [["URL/ctx.jsonld"]],
        [[["URL/ctx.jsonld"]]],
        [INLINE, [INLINE, ["URL/ctx.jsonld"]]],
        [[INLINE], "URL/ctx.jsonld"],
    ],
)
def test_a_context_nested_in_lists_is_refused_and_never_fetched(context, server, tmp_path):
    # Issue 12, item 2: "@context": [["c.json"]] was read; here from the network,
    # through parse_file with no guard installed.
    guard.reset()
    text = _doc(context).replace("URL", server.url)
    path = tmp_path / "nested.jsonld"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=r"nested.jsonld: remote @context not fetched: http"):
        parse_file(path)
    assert server.count() == 0


def test_a_nested_context_naming_a_fifo_does_not_hang(tmp_path):
    # A FIFO nobody writes to: opening it for reading blocks for ever. Run in a
    # child with a time limit, so a regression fails instead of hanging the suite.
    fifo = tmp_path / "c.json"
    os.mkfifo(fifo)
    doc = tmp_path / "fifo.jsonld"
    doc.write_text(_doc([["c.json"]]), encoding="utf-8")
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from tipgraph.errors import LoadError
        from tipgraph.graph.load import parse_file
        try:
            parse_file(Path({str(doc)!r}))
        except LoadError as exc:
            print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == f"{doc}: remote @context not fetched: c.json"


def test_the_loader_refuses_what_the_check_does_not_see(monkeypatch, server, tmp_path):
    # The check switched off: rdflib's loader is what stands in the way now.
    monkeypatch.setattr(load, "check_jsonld", lambda path, document: None)
    guard.reset()
    for i, context in enumerate(["URL/ctx.jsonld", [["URL/ctx.jsonld"]], ["c.json"]]):
        path = tmp_path / f"unchecked{i}.jsonld"
        path.write_text(_doc(context).replace("URL", server.url), encoding="utf-8")
        with pytest.raises(LoadError, match=r"remote @context not fetched: (http|file):"):
            parse_file(path)
    assert server.count() == 0


def test_the_loader_is_put_back_after_parsing(tmp_path):
    from rdflib.plugins.shared.jsonld import context

    before = context.source_to_json
    path = tmp_path / "ok.jsonld"
    path.write_text(_doc(INLINE), encoding="utf-8")
    assert len(parse_file(path)) == 1
    assert context.source_to_json is before


def test_inline_contexts_still_apply(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(_doc([[INLINE], {"q": "http://example.org/q"}]), encoding="utf-8")
    triples = {(str(s), str(p), str(o)) for s, p, o in parse_file(path)}
    assert triples == {("http://example.org/a", "http://example.org/p", "v")}


# A context value: inline maps, lists of them nested to any depth, and somewhere the reference.
_inline = st.fixed_dictionaries({}, optional={"ex": st.just("http://example.org/")})


def _contexts(reference: str) -> st.SearchStrategy[object]:
    leaf = st.one_of(_inline, st.just(reference))
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3),
            st.builds(lambda c: {"ex": {"@id": "http://example.org/", "@context": c}}, inner),
        ),
        max_leaves=6,
    )


def _holds(value: object, reference: str) -> bool:
    if value == reference:
        return True
    if isinstance(value, list):
        return any(_holds(v, reference) for v in value)
    if isinstance(value, dict):
        return any(_holds(v, reference) for v in value.values())
    return False


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_shape_of_context_reaches_the_server(data, server, tmp_path):
    guard.reset()
    reference = f"{server.url}/ctx.jsonld"
    context = data.draw(_contexts(reference))
    path = tmp_path / "shape.jsonld"
    path.write_text(_doc(context), encoding="utf-8")
    if _holds(context, reference):
        with pytest.raises(LoadError, match="remote @context not fetched"):
            parse_file(path)
    else:
        parse_file(path)  # inline only: parses
    assert server.count() == 0


def test_a_context_of_another_type_is_one_line(tmp_path):
    path = tmp_path / "odd.jsonld"
    path.write_text(_doc([[5]]), encoding="utf-8")
    with pytest.raises(LoadError, match=r"odd.jsonld: not a JSON-LD context: 5$"):
        parse_file(path)


@pytest.mark.parametrize("device", [Path("/dev/zero"), Path("/dev/urandom")])
def test_a_context_naming_a_device_is_refused(device, tmp_path):
    path = tmp_path / "device.jsonld"
    path.write_text(_doc([[str(device)]]), encoding="utf-8")
    with pytest.raises(LoadError, match=f"remote @context not fetched: {device}"):
        parse_file(path)
