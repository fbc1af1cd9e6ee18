"""Constants and helpers the tests share, importable by name (``conftest`` is not: each folder
may have one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tipgraph.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
# The project's prefixes as a Turtle header, for tests that write small graphs by hand.
TURTLE_PREFIXES = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in PREFIXES.items())


def page_under_another_hash_seed(command: str, out: Path) -> str:
    """``tipgraph COMMAND --output OUT`` in a child with another hash seed; the page it wrote.

    A page rendered in this process and in the child must be byte-identical: no set or dict
    order may leak into it.
    """
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    done = subprocess.run(
        [sys.executable, "-m", "tipgraph.cli", command, "--output", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {out}\n"
    return out.read_text(encoding="utf-8")


def assert_unwritable_output_is_one_line(command: str, tmp_path: Path) -> None:
    """``tipgraph COMMAND --output`` under a plain file: exit 2 and one line."""
    from click.testing import CliRunner  # here, so importing support loads no CLI

    from tipgraph.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(main, [command, "--output", str(blocker / "page.html")])
    assert result.exit_code == 2
    assert result.output.startswith("tipgraph: error: ") and result.output.count("\n") == 1
