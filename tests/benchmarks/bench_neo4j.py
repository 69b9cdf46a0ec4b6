"""``make bench-neo4j``: batched ``kg push`` against a naive one-statement-per-row load.

Builds the synthetic 2,000-report corpus (``synth.py``) with ``kg build``
once and keeps the graph under ``.bench/`` (or takes ``--graph DIR``), starts
a throwaway Neo4j 5.26 on a free port, then in the same run:

1. pushes the whole graph with :func:`govkg.kg.neo4j_store.push` (``UNWIND``
   batches, one transaction each) into the empty database;
2. deletes a spread-out sample of ``--naive`` relationships and writes them
   back one auto-committed ``MERGE`` statement per relationship, the way a
   first attempt at a loader does.

Relationships per second are measured over the relationship phase of each
load (nodes are already there), and for the batched load also over the whole
push (schema, nodes, relationships, pruning). The batched load runs first, on
a cold JVM, so the comparison does not favour it. Prints progress to stderr
and, as its last line, one JSON object; exits 1 if the speedup is below
``--min-speedup``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j
from govkg.kg.neo4j_store import push, relationship_rows
from govkg.kg.store import build_info, open_graph
from govkg.queries import neo4j_write

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from neo4j_server import start_neo4j  # noqa: E402
from synth import write_corpus  # noqa: E402


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def corpus_graph(reports: int, cache: Path, seeds: Path) -> Path:
    """The graph of the synthetic corpus, built once and kept in ``cache``."""
    graph_dir = cache / f"neo4j-graph-{reports}"
    if (graph_dir / "build.json").exists():
        _log(f"reusing {graph_dir} (delete it to rebuild)")
        return graph_dir
    with tempfile.TemporaryDirectory(prefix="govkg-bench-corpus-") as tmp:
        paths = write_corpus(seeds, Path(tmp), reports)
        _log(f"building the graph of {len(paths)} synthetic reports into {graph_dir} (once; minutes)")
        subprocess.run([sys.executable, "-m", "govkg.kg.cli", "build", tmp, "--graph", str(graph_dir), "-q"],
                       check=True)
    return graph_dir


def batched_load(G, uri: str, user: str, password: str, batch_size: int) -> dict[str, float]:
    """Push ``G`` into an empty database; time the whole push and its relationship phase."""
    n_nodes = G.number_of_nodes()
    written = 0
    nodes_done_at = last_batch_at = 0.0

    def tick(rows: int) -> None:
        nonlocal written, nodes_done_at, last_batch_at
        written += rows
        last_batch_at = time.perf_counter()
        if written == n_nodes:
            nodes_done_at = last_batch_at

    summary = push(G, uri, user, password, batch_size=batch_size, progress=tick)
    rel_seconds = last_batch_at - nodes_done_at
    return {"relationships": summary.relationships, "nodes": summary.nodes, "batches": summary.batches,
            "push_seconds": summary.seconds, "relationship_seconds": rel_seconds}


def naive_load(G, uri: str, user: str, password: str, sample: int, batch_size: int) -> dict[str, float]:
    """Delete ``sample`` relationships and write them back one statement (and transaction) each."""
    groups = relationship_rows(G)
    flat = [(group, row) for group, rows in groups.items() for row in rows]
    step = max(1, len(flat) // sample)
    chosen = flat[::step][:sample]
    with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver, driver.session() as session:
        by_type: dict[str, list[str]] = {}
        for (rel_type, _, _), row in chosen:
            by_type.setdefault(rel_type, []).append(row["key"])
        for rel_type, keys in by_type.items():
            for start in range(0, len(keys), batch_size):
                session.run(neo4j_write.delete_relationships(rel_type), keys=keys[start:start + batch_size]).consume()
        statements = {group: neo4j_write.merge_relationship_one(*group) for group in groups}
        started = time.perf_counter()
        for group, row in chosen:
            session.run(statements[group], {"from": row["from"], "to": row["to"], "key": row["key"],
                                            "props": row["props"]}).consume()
        seconds = time.perf_counter() - started
        total = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    if total != G.number_of_edges():
        raise SystemExit(f"naive load left {total} relationships, expected {G.number_of_edges()}")
    return {"relationships": len(chosen), "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=2000, help="synthetic reports to build (default 2000)")
    ap.add_argument("--graph", type=Path, help="use this built graph folder instead of building one")
    ap.add_argument("--cache", type=Path, default=ROOT / ".bench", help="where the built graph is kept")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "corpus" / "seeds")
    ap.add_argument("--batch-size", type=int, default=2000)
    ap.add_argument("--naive", type=int, default=2000, help="relationships in the per-row sample (default 2000)")
    ap.add_argument("--min-speedup", type=float, default=0.0, help="exit 1 below this batched/naive ratio")
    args = ap.parse_args()

    graph_dir = args.graph or corpus_graph(args.reports, args.cache, args.seeds)
    G = open_graph(graph_dir)
    reports = build_info(graph_dir).get("reports")
    _log(f"graph: {reports} reports, {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-neo4j-") as tmp:
        server = start_neo4j(Path(tmp))
        try:
            _log(f"Neo4j up at {server.uri} in {time.perf_counter() - started:.1f} s")
            batched = batched_load(G, *server, args.batch_size)
            _log(f"batched: {batched['relationships']} relationships in {batched['relationship_seconds']:.2f} s "
                 f"(whole push {batched['push_seconds']:.2f} s, {batched['batches']} batches)")
            naive = naive_load(G, *server, args.naive, args.batch_size)
            _log(f"per row: {naive['relationships']} relationships in {naive['seconds']:.2f} s")
        finally:
            server.stop()

    batched_rate = batched["relationships"] / batched["relationship_seconds"]
    push_rate = batched["relationships"] / batched["push_seconds"]
    naive_rate = naive["relationships"] / naive["seconds"]
    result = {
        "reports": reports, "nodes": G.number_of_nodes(), "relationships": G.number_of_edges(),
        "batch_size": args.batch_size,
        "batched_rel_per_s": round(batched_rate, 1),
        "batched_push_s": round(batched["push_seconds"], 2),
        "batched_push_rel_per_s": round(push_rate, 1),
        "naive_relationships": naive["relationships"],
        "naive_rel_per_s": round(naive_rate, 1),
        "speedup": round(batched_rate / naive_rate, 1),
        "speedup_whole_push": round(push_rate / naive_rate, 1),
    }
    print(json.dumps(result))
    if result["speedup"] < args.min_speedup:
        _log(f"batched load is only {result['speedup']}x the per-row load; the goal is {args.min_speedup}x")
        sys.exit(1)


if __name__ == "__main__":
    main()
