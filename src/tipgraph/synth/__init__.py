"""A synthetic multi-country graph with the Kosovo graph's shape, for scale tests.

The real graph is one country in one pair of documents (~10k triples); the
model must carry every country of every TIP report (millions). This writes
N-Triples for ``countries`` x ``years`` country-years: each country has its
actors and its criminal code (first year); each year one report chapter whose
passages hold the text that every cited fact quotes, plus that year's
funding, cooperation, information flows, trainings, statistics, events,
problems and recommendations. International organisations and foreign
governments are shared, so the funding network joins countries the way donors
do; each organisation works in a country through a local mission, so
coordination stays within a country. Same seed, same bytes.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tipgraph.errors import ExportError
from tipgraph.synth.country import country_year
from tipgraph.synth.year import FIRST_YEAR, SYNTH

__all__ = ["SYNTH", "generate", "write"]


def generate(
    countries: int, years: int, *, seed: int = 0, triples: int | None = None
) -> Iterator[str]:
    """N-Triples text, one country-year at a time; stops after ``triples`` if given."""
    rng, written = random.Random(seed), 0
    shared: dict[str, list[str]] = {}
    for c in range(1, countries + 1):
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            chunk = country_year(rng, c, year, shared)
            yield chunk
            written += chunk.count("\n")
            if triples is not None and written >= triples:
                return


def write(
    path: Path, countries: int, years: int, *, seed: int = 0, triples: int | None = None
) -> int:
    """Write the graph to ``path`` atomically (temp file, then rename); the triple count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            for chunk in generate(countries, years, seed=seed, triples=triples):
                out.write(chunk)
                count += chunk.count("\n")
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return count
