"""Benchmark: a region network of 3,000 synthetic regions, drawn in headless Chromium.

Builds a deterministic synthetic property graph (tests/graph_fixtures.py),
runs the analysis and renders the ``regions`` view exactly as ``kg viz`` does,
then opens the page in Chromium several times and measures the time from
navigation start until vis-network has drawn the network (its first
``afterDrawing``), and the time one redraw takes once it is up (how
interactive it feels). Prints one JSON line; the goal is ``drawn_s`` < 5.

``--view map`` instead gives the synthetic counties the codes of real
county outlines (schema/boundaries.json), colours them by the year they
adopted the most common program, and measures the time until the map is
drawn and interactive (goal < 3 s), one replay of the year slider, and the
page's size (goal < 3 MB).

    python tests/benchmarks/bench_viz.py --regions 3000
    python tests/benchmarks/bench_viz.py --view map --regions 3000
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
from govkg.schema.boundaries import load_boundaries  # noqa: E402
from govkg.viz.map import map_html  # noqa: E402
from govkg.viz.network import regions_html  # noqa: E402
from govkg.viz.page import write_html  # noqa: E402
from graph_fixtures import synthetic_graph  # noqa: E402

GOAL_S = 5.0
MAP_GOAL_S = 3.0
MAP_GOAL_MB = 3.0


def bench_map(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    G = synthetic_graph(n_regions=args.regions, n_programs=args.programs)
    codes = sorted(load_boundaries()["counties"])
    for i, rid in enumerate(sorted(n for n, d in G.nodes(data=True) if d.get("label") == "Region")):
        G.nodes[rid]["adcode"] = codes[i % len(codes)]  # past the last outline, counties share one
    t1 = time.perf_counter()
    rows = analysis.county_adoption(G, "program:p000")
    t2 = time.perf_counter()
    page = map_html(rows, G.nodes["program:p000"])
    t3 = time.perf_counter()
    out = args.out or Path(tempfile.mkdtemp(prefix="govkg-bench-viz-"))
    path = write_html(page, out / "map.html")
    exe = chromium_path()
    if exe is None:
        sys.exit("Chromium not found: make chromium")
    browser = Chromium(exe)
    drawn, replay, hover = [], [], []
    try:
        for run in range(args.runs):
            tab = browser.new_page()
            tab.conn.send("Page.navigate", url=path.as_uri())
            tab.wait_for("window.govkg && window.govkg.drawnAt", timeout=120, interval=0.02)
            drawn.append(tab.evaluate("window.govkg.drawnAt") / 1000)
            # One replay of the slider, year by year, each step painted.
            replay.append(tab.evaluate("""(async () => {
              const s = document.getElementById('map-year'), t = performance.now();
              for (let y = +s.min; y <= +s.max; y++) {
                s.value = String(y); s.dispatchEvent(new Event('input'));
                await new Promise(r => requestAnimationFrame(r));
              }
              return performance.now() - t; })()""", await_promise=True))
            hover.append(tab.evaluate("""(() => {
              const p = document.querySelector('path.county.adopted'), b = p.getBoundingClientRect(), t = performance.now();
              p.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: b.left + 1, clientY: b.top + 1}));
              return performance.now() - t; })()"""))
            if run == 0:
                assert tab.errors == [], tab.errors
                coloured = tab.evaluate("document.querySelectorAll('path.county.adopted').length")
                tab.screenshot(out / "map.png")
            tab.close()
        version = browser.version
    finally:
        browser.close()
    mb = len(page.encode("utf-8")) / 1e6
    result = {
        "bench": "viz_map",
        "regions": args.regions,
        "counties_drawn": len(load_boundaries()["counties"]),
        "counties_coloured": coloured,
        "html_mb": round(mb, 2),
        "python_s": {"synthetic_graph": round(t1 - t0, 2), "county_adoption": round(t2 - t1, 2),
                     "render": round(t3 - t2, 2)},
        "interactive_s": round(statistics.median(drawn), 3),
        "interactive_s_runs": [round(x, 3) for x in drawn],
        "slider_replay_ms": round(statistics.median(replay), 1),
        "hover_ms": round(statistics.median(hover), 2),
        "goal_s": MAP_GOAL_S,
        "goal_mb": MAP_GOAL_MB,
        "ok": statistics.median(drawn) < MAP_GOAL_S and mb < MAP_GOAL_MB,
        "chromium": version,
        "page": str(path),
    }
    print(json.dumps(result, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--regions", type=int, default=3000)
    ap.add_argument("--programs", type=int, default=60)
    ap.add_argument("--weight", default="idf", choices=analysis.WEIGHTS)
    ap.add_argument("--top-k", type=int, default=5, help="as kg viz's default")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None, help="keep the page and a screenshot here")
    ap.add_argument("--view", choices=["regions", "map"], default="regions")
    args = ap.parse_args()
    if args.view == "map":
        bench_map(args)
        return

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
