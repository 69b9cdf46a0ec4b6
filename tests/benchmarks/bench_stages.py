"""``make bench-stages``: what each stage of a build costs, as a fraction of the raw scan, in one process.

``make bench`` times whole builds; this splits one. Over the bench corpus
(:mod:`synth`), in one process after start-up, it times reading the files,
making the one-token-per-character ``Doc``, each pipeline component, fact
extraction, the candidate names, the Parquet facts and each partition's
part of the graph, then the merge and the stores, and prints each stage's
speed in Mchar/s and in scans: its time over the time of a raw
Aho-Corasick scan of the lexicon's aliases over the same text
(:func:`bench_build.scan_rate`), the measure of the scale issue's
throughput goal. A build at 1/30 of the scan spends 30 scans in all, so a
stage at 3 scans takes a tenth of that budget. Start-up (imports, the
pipeline, the tables) is timed on its own, in a fresh process.

The last line is one JSON object: ``scan_mchar_s``, ``mchar``,
``startup_s`` and ``stages``, one ``{stage, seconds, mchar_s, scans}`` per
stage. Nothing here fails on speed.
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, scan_rate  # noqa: E402
from synth import write_corpus  # noqa: E402

_STARTUP = """
import time
t0 = time.perf_counter()
import govkg.kg.cli, govkg.kg.build
from govkg.ingest.pipeline import _process_nlp
_process_nlp()("一")
print(time.perf_counter() - t0)
"""


def startup_seconds() -> float:
    """Seconds a fresh process takes to import ``kg build`` and make its pipeline (best of three)."""
    return min(float(subprocess.run([sys.executable, "-c", _STARTUP], check=True, capture_output=True,
                                    text=True).stdout) for _ in range(3))


def stage_seconds(paths: list[Path], work: Path) -> dict[str, float]:
    """Seconds spent in each stage of building the reports at ``paths``, in this process."""
    from govkg.ingest.cache import cache_key
    from govkg.ingest.candidates import candidate_rows
    from govkg.ingest.extract import extract_facts
    from govkg.ingest.pipeline import _process_nlp, plan_partitions
    from govkg.ingest.readers import read_document
    from govkg.ingest.tables import ReportEntry, write_partition
    from govkg.kg.stream import GraphWriter, graph_part

    nlp = _process_nlp()
    nlp("一")
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)  # as kg build runs (kg.cli.build)
    spent: dict[str, float] = defaultdict(float)
    clock = time.perf_counter
    with GraphWriter(work / "graph") as writer:
        for part, files in enumerate(plan_partitions(paths)):
            entries = []
            for f in files:
                t = clock()
                d = read_document(f)
                t1 = clock()
                doc = nlp.make_doc(d.text)
                t2 = clock()
                spent["read"] += t1 - t
                spent["Doc"] += t2 - t1
                for name, proc in nlp.pipeline:
                    t = clock()
                    doc = proc(doc)
                    spent[name] += clock() - t
                t = clock()
                facts = extract_facts(doc, d)
                t1 = clock()
                rows = candidate_rows(d.text, facts)
                spent["facts"] += t1 - t
                spent["candidates"] += clock() - t1
                entries.append(ReportEntry(cache_key(d), facts, rows))
            t = clock()
            write_partition(work / "facts", part, entries)
            t1 = clock()
            writer.add(graph_part(part, [e.facts for e in entries], str(writer.work)))
            spent["parquet"] += t1 - t
            spent["graph part"] += clock() - t1
        t = clock()
        writer.finish()
        spent["merge and stores"] += clock() - t
    return dict(spent)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "corpus" / "seeds"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-stages-") as tmp:
        paths = write_corpus(Path(a.seeds), Path(tmp) / "corpus", a.reports)
        scan, chars = scan_rate(paths)
        spent = stage_seconds(paths, Path(tmp))
        scan = max(scan, scan_rate(paths)[0])
    startup = startup_seconds()
    mchar = chars / 1e6
    rows = [{"stage": k, "seconds": round(v, 3), "mchar_s": round(mchar / v, 2) if v else None,
             "scans": round(v * scan / mchar, 2)} for k, v in spent.items()]
    total = sum(spent.values())
    print(f"{len(paths)} reports, {mchar:.1f} Mchar; raw scan {scan:.1f} Mchar/s; "
          f"a 1/30 build may spend {mchar / scan * 30:.1f} s", file=sys.stderr)
    for r in rows:
        print(f"  {r['stage']:<18} {r['seconds']:7.2f} s  {r['mchar_s'] or 0:8.2f} Mchar/s  "
              f"{r['scans']:6.2f} scans", file=sys.stderr)
    print(f"  {'all stages':<18} {total:7.2f} s  {mchar / total:8.2f} Mchar/s  {total * scan / mchar:6.2f} scans; "
          f"start-up {startup:.2f} s",
          file=sys.stderr)
    print(json.dumps({"scan_mchar_s": round(scan, 2), "mchar": round(mchar, 3), "startup_s": round(startup, 2),
                      "stages": rows}))


if __name__ == "__main__":
    main()
