"""``make bench-tables``: the facts of ~2,000 reports to Arrow tables and Parquet partitions, and back.

The reports are the synthetic corpus of ``make bench`` (the seeds with their
regions rotated), extracted once on every CPU. Prints progress, then as its
last line one JSON object of seconds and sizes: ``to_tables``,
``from_tables`` (the whole corpus at once), ``write``, ``read`` (as
``--parts`` partitions, read back with ``iter_entries``), ``read_some`` (a
tenth of the reports, by id, from one partition), ``key_index``,
``export``, each as ``<step>_s`` (wall clock) and ``<step>_cpu_s`` (this
process's CPU time, steadier on a shared machine), the best of three; and
``parquet_mb`` (the partitions on disk).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from govkg.ingest.pipeline import default_jobs, extract_reports, read_reports
from govkg.ingest.tables import (
    ReportEntry,
    export_parquet,
    from_tables,
    iter_entries,
    key_index,
    read_partition,
    to_tables,
    write_partition,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def best(r: dict[str, float], step: str, f, times: int = 3) -> object:
    """``f()``, run ``times`` times; its best wall and CPU seconds go into ``r``."""
    out, wall, cpu = None, float("inf"), float("inf")
    for _ in range(times):
        t0, c0 = time.perf_counter(), time.process_time()
        out = f()
        wall, cpu = min(wall, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    r[f"{step}_s"], r[f"{step}_cpu_s"] = wall, cpu
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--parts", type=int, default=20)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "corpus" / "seeds"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-tables-") as tmp:
        tmp = Path(tmp)
        write_corpus(Path(a.seeds), tmp / "corpus", a.reports)
        read = read_reports([tmp / "corpus"])
        out = extract_reports(read.documents, jobs=default_jobs())
        entries = [ReportEntry(out.keys[f.id], f, out.candidates[f.id]) for f in out.facts]
        facts = sum(len(e.candidates) + len(e.facts.agencies) + len(e.facts.programs) + len(e.facts.honors)
                    + len(e.facts.policies) + len(e.facts.people) for e in entries)
        print(f"{len(entries)} reports, {facts} facts and candidate mentions", file=sys.stderr)
        r: dict[str, float] = {"reports": len(entries), "facts": facts}
        tables = best(r, "to_tables", lambda: to_tables(entries))
        back = best(r, "from_tables", lambda: from_tables(tables))
        assert back == entries
        size = -(-len(entries) // a.parts)
        chunks = [entries[i:i + size] for i in range(0, len(entries), size)]
        folder = tmp / "facts"

        def write() -> None:
            for part, chunk in enumerate(chunks):
                write_partition(folder, part, chunk)

        best(r, "write", write)
        n = best(r, "read", lambda: sum(1 for _ in iter_entries(folder)))
        assert n == len(entries)
        some = {e.facts.id for e in chunks[0][::10]}
        got = best(r, "read_some", lambda: read_partition(folder, 0, some))
        assert got == chunks[0][::10]
        index = best(r, "key_index", lambda: key_index(folder))
        assert len(index) == len(entries)
        best(r, "export", lambda: export_parquet(folder, tmp / "export"))
        r["parquet_mb"] = sum(p.stat().st_size for p in folder.rglob("*.parquet")) / 1e6
    print(json.dumps({k: round(v, 3) for k, v in r.items()}))


if __name__ == "__main__":
    main()
