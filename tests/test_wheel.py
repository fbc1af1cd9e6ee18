"""The installed package works anywhere: build the sdist and the wheel, install, run the tour.

The wheel is built from the sdist (``python -m build`` does so), so a file the sdist
forgets fails here too. It is installed into a fresh venv without its dependencies,
which come from this test's own environment (a ``.pth`` line), so nothing is fetched.
The README's tour is then run, command by command as written there, in an empty folder.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tipgraph.sparql.server import free_port

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.wheel


def _tour() -> list[list[str]]:
    """The ``$T ...`` commands of the README's "A short tour", in order, as argument lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A short tour", 1)[1].split("### An example query", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines() if line.startswith("$T ")]
    commands = []
    for line in lines:  # "$T build && $T report" is two commands
        for part in line.split(" && "):
            commands.append(shlex.split(part, comments=True)[1:])
    return commands


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel (built from that sdist), offline."""
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(dist.glob("*.tar.gz")), next(dist.glob("*.whl"))


@pytest.fixture(scope="module")
def venv(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed and this environment's packages visible."""
    env_dir = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies, after the venv's own site-packages (the wheel's tipgraph wins).
    deps = "\n".join(site.getsitepackages())
    (Path(purelib) / "tipgraph-test-deps.pth").write_text(deps + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(built[1])],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    return env_dir


def _env(venv: Path) -> dict[str, str]:
    # The oxigraph server binary is found beside the venv's python, else on PATH: here it is
    # in this environment's bin, as the dependency it is would put it in the venv's.
    path = f"{venv / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin"
    return {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}


def test_the_sdist_holds_what_its_tests_need(built: tuple[Path, Path]) -> None:
    with tarfile.open(built[0]) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "Makefile",
        "constraints.txt",
        "tests/conftest.py",
        "tests/test_wheel.py",
        "data/sources/cable-2008-03-12-pristina-000128.txt",
        "data/sources/tip-report-2009-kosovo.txt",
        "ontology/core.ttl",
        "shapes/core.ttl",
        "queries/pvpt-funders.rq",
        "docs/curation.md",
    ):
        assert needed in names, needed


def test_the_wheel_carries_the_project_licence_and_metadata(built: tuple[Path, Path]) -> None:
    with zipfile.ZipFile(built[1]) as whl:
        names = set(whl.namelist())
        meta = whl.read("tipgraph-0.1.0.dist-info/METADATA").decode()
    for needed in (
        "tipgraph/project/data/sources/cable-2008-03-12-pristina-000128.txt",
        "tipgraph/project/data/sources/tip-report-2009-kosovo.txt",
        "tipgraph/project/data/funding.ttl",
        "tipgraph/project/ontology/core.ttl",
        "tipgraph/project/shapes/relations.ttl",
        "tipgraph/project/queries/pvpt-funders.rq",
        "tipgraph/project/docs/curation.md",
        "tipgraph-0.1.0.dist-info/licenses/LICENSE",
    ):
        assert needed in names, needed
    assert "License-Expression: MIT" in meta
    assert "Classifier: Programming Language :: Python :: 3.11" in meta
    assert "Project-URL: Homepage, https://w3id.org/tipgraph/" in meta
    assert "Requires-Dist: oxigraph" in meta  # so that `serve` works from a plain install


def test_the_readme_tour_runs_in_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    tipgraph = str(venv / "bin" / "tipgraph")
    env = _env(venv)
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import tipgraph; print(tipgraph.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(venv)), where  # the wheel's copy, not the checkout's
    tour = _tour()
    assert (
        len(tour) >= 15
        and ["validate"] in tour
        and ["serve", "--port", "7878", "--allow-updates"] in tour
    )
    port, server = str(free_port()), None
    try:
        for args in tour:
            args = [a.replace("7878", port) for a in args]
            if args[0] == "synth":  # the tour's 1M triples are the benchmark's business
                args[args.index("--triples") + 1] = "20000"
            if args[0] == "serve":
                server = subprocess.Popen(
                    [tipgraph, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                    text=True, env=env, cwd=tmp_path, start_new_session=True,
                )  # fmt: skip
                assert server.stdout is not None
                first = [server.stdout.readline() for _ in range(2)]
                assert first[1] == f"query:  http://127.0.0.1:{port}/query\n", first
                continue
            done = subprocess.run(
                [tipgraph, *args], capture_output=True, text=True, env=env, cwd=tmp_path,
                timeout=180,
            )  # fmt: skip
            assert done.returncode == 0, (args, done.stderr)
            assert "error" not in done.stderr, (args, done.stderr)
            if args[:2] == ["query", "pvpt-funders"]:
                # cable ¶28: "most of its funding has come from IOM, OSCE and the UK government"
                for funder in ("kv:iom", "kv:osce", "kv:uk-government"):
                    assert funder in done.stdout, done.stdout
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    made = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    expected = {"out/tipgraph.ttl", "out/report.html", "out/explorer.html", "out/network.graphml"}
    assert expected <= made, made
    installed = venv.glob("lib/python*/site-packages/tipgraph/project")
    assert not any((p / "out").exists() for p in installed)  # nothing written to the package


def test_an_installed_tipgraph_keeps_its_conventions(venv: Path, tmp_path: Path) -> None:
    env = _env(venv)

    def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], capture_output=True, text=True, env=env, cwd=tmp_path,
            input=stdin, timeout=120,
        )  # fmt: skip

    tipgraph = venv / "bin" / "tipgraph"
    assert run(tipgraph, "--version").stdout == "tipgraph 0.1.0\n"
    assert run(venv / "bin" / "python", "-m", "tipgraph", "--version").stdout == "tipgraph 0.1.0\n"
    # The installed Kosovo project is never rewritten in place.
    refused = run(tipgraph, "fmt")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert refused.stderr.startswith("tipgraph: error: ") and "init" in refused.stderr
    # A project of one's own: started, validated, built where it lives.
    assert run(tipgraph, "init", "albania").returncode == 0
    checked = run(tipgraph, "--root", "albania", "validate")
    assert checked.returncode == 0 and checked.stdout.startswith("conforms: ")
    env["TIPGRAPH_ROOT"] = str(tmp_path / "albania")
    assert run(tipgraph, "build").returncode == 0
    assert (tmp_path / "albania" / "out" / "tipgraph.ttl").is_file()
    assert not (tmp_path / "out").exists()
