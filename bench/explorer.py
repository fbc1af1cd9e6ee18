"""The explorer's weight and time to interactive on the Kosovo graph, in headless Chromium.

    .venv/bin/python bench/explorer.py [--runs 5] [--shots out/]

Writes out/explorer.html (as ``tipgraph explore`` does), reports its size, then
opens it ``--runs`` times per deep link from disk in Debian's chromium (a fresh
page each time) and reports the median time from navigation start to the
page's ``tipgraph-ready`` mark (data parsed, indexes built, the route drawn), and
for ``#network`` to the drawn network (Cytoscape's cose layout done). Targets
(issue 16): under 1.5 MB, under 1 s. ``--shots`` saves screenshots at 1400 and
420 px wide for looking at by eye.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tipgraph.explore import write_explorer
from tipgraph.graph.load import default_project, load_project

ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LINKS = ("", "#actor/pvpt", "#passage/cable/28", "#search/PVPT", "#disagreements", "#network")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shots", type=Path, default=None)
    args = ap.parse_args()
    graph, _ = load_project(default_project(ROOT))
    started = time.perf_counter()
    path = write_explorer(graph, ROOT / "out" / "explorer.html")
    print(f"rendered in {time.perf_counter() - started:.2f} s")
    size = path.stat().st_size
    print(f"{path}: {size:,} bytes ({size / 1e6:.2f} MB; target < 1.5 MB)")
    worst = 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for link in LINKS:
            times = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(path.as_uri() + link)
                done = "body[data-net-edges]" if link == "#network" else "body[data-ready]"
                page.wait_for_selector(done)
                times.append(page.evaluate("() => performance.now()") / 1000)
                page.close()
            median = statistics.median(times)
            worst = max(worst, median)
            print(
                f"{link or '(home)':<20} interactive after {median:.3f} s (median of {args.runs})"
            )
        if args.shots:
            for width in (1400, 420):
                page = browser.new_page(viewport={"width": width, "height": 1000})
                for link in LINKS:
                    page.goto(path.as_uri() + link)
                    page.wait_for_selector("body[data-ready]")
                    if link == "#network":
                        page.wait_for_selector("body[data-net-edges]")
                    name = link.strip("#").replace("/", "-") or "home"
                    page.screenshot(path=str(args.shots / f"explorer-{width}-{name}.png"))
                page.close()
        browser.close()
    ok = size < 1_500_000 and worst < 1.0
    print("targets", "met" if ok else "missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
