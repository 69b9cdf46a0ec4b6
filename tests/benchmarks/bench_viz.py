"""Benchmark: a region network of 3,000 synthetic regions, drawn in headless Chromium.

Builds a deterministic synthetic property graph (tests/graph_fixtures.py),
runs the analysis and renders the ``regions`` view exactly as ``kg viz`` does,
then opens the page in Chromium several times and measures the time from
navigation start until vis-network has drawn the network (its first
``afterDrawing``), and the time one redraw takes once it is up (how
interactive it feels). Prints one JSON line; the goal is ``drawn_s`` < 5.

    python tests/benchmarks/bench_viz.py --regions 3000
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from browser import Chromium, chromium_path  # noqa: E402
from govkg.kg import analysis  # noqa: E402
from govkg.viz.network import regions_html  # noqa: E402
from govkg.viz.page import write_html  # noqa: E402
from graph_fixtures import synthetic_graph  # noqa: E402

GOAL_S = 5.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--regions", type=int, default=3000)
    ap.add_argument("--programs", type=int, default=60)
    ap.add_argument("--weight", default="idf", choices=analysis.WEIGHTS)
    ap.add_argument("--top-k", type=int, default=5, help="as kg viz's default")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None, help="keep the page and a screenshot here")
    args = ap.parse_args()

    t0 = time.perf_counter()
    G = synthetic_graph(n_regions=args.regions, n_programs=args.programs)
    t1 = time.perf_counter()
    H = analysis.project_regions(G, weight=args.weight, top_k=args.top_k)
    t2 = time.perf_counter()
    comms = analysis.communities(H)
    t3 = time.perf_counter()
    page = regions_html(H, communities=comms)
    t4 = time.perf_counter()

    out = args.out or Path(tempfile.mkdtemp(prefix="govkg-bench-viz-"))
    path = write_html(page, out / "regions.html")
    exe = chromium_path()
    if exe is None:
        sys.exit("Chromium not found: make chromium")
    browser = Chromium(exe)
    drawn, wall, redraw, phases = [], [], [], []
    try:
        for run in range(args.runs):
            tab = browser.new_page()
            start = time.perf_counter()
            tab.conn.send("Page.navigate", url=path.as_uri())
            tab.wait_for("window.govkg && window.govkg.drawnAt", timeout=120, interval=0.02)
            wall.append(time.perf_counter() - start)
            t = tab.evaluate("window.govkg.timings")
            drawn.append(t["drawn"] / 1000)
            phases.append({k: round((t[k] - t["start"]) / 1000, 3) for k in ("parsed", "datasets", "network", "drawn")}
                          | {"scripts_start": round(t["start"] / 1000, 3)})
            redraw.append(tab.evaluate("(() => { const n = window.govkg.network; n.moveTo({scale: 1.5});"
                                       " const t = performance.now(); n.redraw(); return performance.now() - t; })()"))
            if run == 0:
                assert tab.evaluate("window.govkg.nodes.length") == H.number_of_nodes()
                assert tab.errors == [], tab.errors
                tab.evaluate("window.govkg.network.fit({animation: false})")
                tab.settle(0.3)
                tab.screenshot(out / "regions.png")
            tab.close()
        version = browser.version
    finally:
        browser.close()
    result = {
        "bench": "viz_regions",
        "regions": H.number_of_nodes(),
        "edges_drawn": H.number_of_edges(),
        "pairs_total": H.graph["pairs_total"],
        "top_k": args.top_k,
        "weight": args.weight,
        "html_mb": round(len(page.encode("utf-8")) / 1e6, 2),
        "python_s": {"synthetic_graph": round(t1 - t0, 2), "project_regions": round(t2 - t1, 2),
                     "communities": round(t3 - t2, 2), "layout_and_render": round(t4 - t3, 2)},
        "drawn_s": round(statistics.median(drawn), 3),
        "drawn_s_runs": [round(x, 3) for x in drawn],
        "wall_s": round(statistics.median(wall), 3),
        "redraw_ms": round(statistics.median(redraw), 1),
        "phases_s": phases[len(phases) // 2],
        "goal_s": GOAL_S,
        "ok": statistics.median(drawn) < GOAL_S,
        "chromium": version,
        "page": str(path),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
