"""``make bench-neo4j``: ``kg push`` and the bulk importer on the bench graph.

Builds the synthetic 2,000-report corpus (``synth.py``) with ``kg build``
once and keeps the graph under ``.bench/`` (or takes ``--graph DIR``), starts
a throwaway Neo4j 5.26 on a free port, then in the same run:

1. pushes the whole graph with :func:`govkg.kg.neo4j_store.push` into the
   empty database of the fresh server (cold JVM), then pushes it again (the
   second push must write nothing);
2. empties the database (data, constraints, indexes) and pushes it with
   ``rewrite=True`` (MERGE every row, the load before CREATE existed, with
   today's statements), one writer, 2,000-row batches; empties it again and
   pushes with the defaults, so both ran on the same warm JVM;
3. with ``--sweep``, pushes into the emptied database once per batch size
   and writer count, to choose the defaults;
4. deletes a spread-out sample of ``--naive`` relationships and writes them
   back one auto-committed ``MERGE`` statement per relationship, the way a
   first attempt at a loader does;
5. stops the server, writes the neo4j-admin CSV files and loads them with
   ``neo4j-admin database import full`` (from the Maven artifacts) into a
   new data folder, serves it and pushes once (constraints, and the nodes
   with empty lists, which the CSV cannot hold); the counts must match.

Relationships per second are measured over the whole push (rows and keys,
schema, reading what is stored, nodes, relationships, pruning) and over its
relationship step alone; for the bulk path over writing the CSV files and
importing them. Each push also logs the CPU seconds of the client and of the
server's JVM, which move far less than the rates with the load of a shared
machine.
Prints progress to stderr and, as its last line, one JSON object; exits 1 if
the batched load is below ``--min-speedup`` times the per-row load.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import neo4j
from govkg.kg.neo4j_store import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS, PushSummary, bulk_import, push, relationship_rows
from govkg.kg.store import build_info, open_graph
from govkg.queries import neo4j_write

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from neo4j_server import Neo4jServer, admin_tool, start_neo4j  # noqa: E402
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


@dataclass(frozen=True)
class Timed:
    """A push's summary, and the CPU time the client (this process) and the server's JVM used for it."""

    summary: PushSummary
    client_cpu_s: float
    server_cpu_s: float | None

    def rates(self) -> dict[str, float | None]:
        """Relationships per second over the whole push and over its relationship step, and the CPU it took.

        On a machine shared with other work the rates move with the load;
        the CPU seconds of the client and the server move far less.
        """
        summary = self.summary
        rel_seconds = summary.seconds_by_step.get("relationships") or float("nan")
        return {"push_s": round(summary.seconds, 2),
                "push_rel_per_s": round(summary.relationships / summary.seconds, 1),
                "rel_per_s": round(summary.relationships_written / rel_seconds, 1),
                "client_cpu_s": round(self.client_cpu_s, 2),
                "server_cpu_s": None if self.server_cpu_s is None else round(self.server_cpu_s, 2)}


def timed_push(G, server, label: str, **options) -> Timed:
    """Push ``G``; log and return the summary with the CPU time each side used."""
    client, jvm = time.process_time(), server.cpu_seconds()
    summary = push(G, *server, **options)
    jvm_after = server.cpu_seconds()
    timed = Timed(summary, time.process_time() - client, None if None in (jvm, jvm_after) else jvm_after - jvm)
    steps = ", ".join(f"{step} {sec:.2f}" for step, sec in summary.seconds_by_step.items())
    r = timed.rates()
    _log(f"{label}: {summary.seconds:.2f} s, {r['push_rel_per_s']:.0f} rel/s "
         f"({summary.relationships_written} relationships written; {steps}; "
         f"CPU: client {r['client_cpu_s']} s, server {r['server_cpu_s']} s; load {os.getloadavg()[0]:.1f})")
    return timed


def empty_database(server) -> None:
    """Delete every node, relationship, constraint and index govkg made: a database as new."""
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        with driver.session() as session:  # CALL ... IN TRANSACTIONS runs only in an auto-commit transaction
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        names = [r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records]
        for name in names:
            if name.startswith("govkg_"):
                driver.execute_query(f"DROP CONSTRAINT {name}")
        names = [r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records]
        for name in names:
            if name.startswith("govkg_"):
                driver.execute_query(f"DROP INDEX {name}")


def bulk_load(G, tmp: Path) -> dict[str, float]:
    """CSV files, neo4j-admin import into a new data folder, then a server on it and one push."""
    home = tmp / "imported"
    admin, env = admin_tool(home)
    summary = bulk_import(G, tmp / "csv", admin=admin, env=env, options=["--max-off-heap-memory=512M"])
    _log(f"bulk: CSV files in {summary.csv_seconds:.2f} s, neo4j-admin import in {summary.import_seconds:.2f} s")
    started = time.perf_counter()
    server = Neo4jServer(home)
    server.start()
    try:
        start_seconds = time.perf_counter() - started
        after = timed_push(G, server, "push after the import").summary
        with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
            [record] = driver.execute_query("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() "
                                            "RETURN nodes, count(r) AS rels").records
    finally:
        server.stop()
    if (record["nodes"], record["rels"], after.relationships_written) != (G.number_of_nodes(), G.number_of_edges(), 0):
        raise SystemExit(f"bulk import left {record['nodes']} nodes and {record['rels']} relationships "
                         f"({after.relationships_written} written by the push after it)")
    load_seconds = summary.csv_seconds + summary.import_seconds
    return {"bulk_csv_s": round(summary.csv_seconds, 2), "bulk_import_s": round(summary.import_seconds, 2),
            "bulk_rel_per_s": round(G.number_of_edges() / load_seconds, 1),
            "bulk_server_start_s": round(start_seconds, 2), "bulk_push_after_s": round(after.seconds, 2),
            "bulk_nodes_set_after": after.nodes_written}


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
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--writers", type=int, default=DEFAULT_WRITERS)
    ap.add_argument("--sweep", action="store_true", help="also push with each batch size and writer count")
    ap.add_argument("--naive", type=int, default=2000, help="relationships in the per-row sample (default 2000)")
    ap.add_argument("--no-bulk", action="store_true", help="leave out the neo4j-admin import")
    ap.add_argument("--min-speedup", type=float, default=0.0, help="exit 1 below this batched/naive ratio")
    args = ap.parse_args()

    graph_dir = args.graph or corpus_graph(args.reports, args.cache, args.seeds)
    G = open_graph(graph_dir)
    reports = build_info(graph_dir).get("reports")
    _log(f"graph: {reports} reports, {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships")
    options = {"batch_size": args.batch_size, "writers": args.writers}

    started = time.perf_counter()
    sweep: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="govkg-bench-neo4j-") as tmp:
        server = start_neo4j(Path(tmp))
        try:
            _log(f"Neo4j up at {server.uri} in {time.perf_counter() - started:.1f} s")
            cold = timed_push(G, server, "push into the new server's empty database", **options)
            again = timed_push(G, server, "the same push again", **options)
            if (again.summary.nodes_written, again.summary.relationships_written) != (0, 0):
                raise SystemExit("pushing the same graph twice wrote something the second time")
            empty_database(server)
            merge = timed_push(G, server, "MERGE every row, one writer, 2000 a batch (rewrite)",
                               batch_size=2000, writers=1, rewrite=True)
            empty_database(server)
            warm = timed_push(G, server, "the same empty database, defaults (after)", **options)
            if args.sweep:
                for batch_size in (1000, 2000, 5000, 10000, 20000):
                    for writers in (1, 2, 3, 4):
                        empty_database(server)
                        timed = timed_push(G, server, f"batch {batch_size}, {writers} writers",
                                           batch_size=batch_size, writers=writers)
                        sweep.append({"batch_size": batch_size, "writers": writers, **timed.rates()})
            naive = naive_load(G, *server, args.naive, args.batch_size)
            _log(f"per row: {naive['relationships']} relationships in {naive['seconds']:.2f} s")
        finally:
            server.stop()
        bulk = {} if args.no_bulk else bulk_load(G, Path(tmp))

    cold_rates, warm_rates, merge_rates = cold.rates(), warm.rates(), merge.rates()
    naive_rate = naive["relationships"] / naive["seconds"]
    result = {
        "reports": reports, "nodes": G.number_of_nodes(), "relationships": G.number_of_edges(),
        "batch_size": args.batch_size, "writers": args.writers,
        # The first push into the empty database of a fresh server (cold JVM), as measured before.
        "batched_rel_per_s": cold_rates["rel_per_s"],
        "batched_push_s": cold_rates["push_s"],
        "batched_push_rel_per_s": cold_rates["push_rel_per_s"],
        "batched_client_cpu_s": cold_rates["client_cpu_s"],
        "batched_server_cpu_s": cold_rates["server_cpu_s"],
        # The same push into the emptied database of the warmed server, and the MERGE-only load before it.
        "warm_rel_per_s": warm_rates["rel_per_s"],
        "warm_push_s": warm_rates["push_s"],
        "warm_push_rel_per_s": warm_rates["push_rel_per_s"],
        "warm_client_cpu_s": warm_rates["client_cpu_s"],
        "warm_server_cpu_s": warm_rates["server_cpu_s"],
        "merge_rel_per_s": merge_rates["rel_per_s"],
        "merge_push_s": merge_rates["push_s"],
        "merge_push_rel_per_s": merge_rates["push_rel_per_s"],
        "repush_s": round(again.summary.seconds, 2),
        "naive_relationships": naive["relationships"],
        "naive_rel_per_s": round(naive_rate, 1),
        "speedup": round(cold_rates["rel_per_s"] / naive_rate, 1),
        "speedup_whole_push": round(cold_rates["push_rel_per_s"] / naive_rate, 1),
        **bulk,
    }
    if sweep:
        result["sweep"] = sweep
    print(json.dumps(result))
    if result["speedup"] < args.min_speedup:
        _log(f"batched load is only {result['speedup']}x the per-row load; the goal is {args.min_speedup}x")
        sys.exit(1)


if __name__ == "__main__":
    main()
